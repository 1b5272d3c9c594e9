"""Rows made directly, for tests whose subject comes after them (e.g. confirmed reports)."""

from __future__ import annotations

from bot.core import Core
from storage.db import transaction
from storage.models import Report, ReportScope, ReportStatus
from storage.queries.identity import bind_identity
from storage.queries.roster import officer_by_code


def add_report(
    core: Core,
    officer_code: str,
    title: str = "",
    *,
    status: str = ReportStatus.CONFIRMED,
    criterion: str = "e",
    scope: str = ReportScope.INDIVIDUAL,
    initiative: bool = False,
    reason: str = "",
) -> int:
    """A stored report of the officer's unit; confirmed unless said otherwise. A confirmed
    collective report is the leadership's to make, in chat (tests/test_leadership.py)."""
    if scope == ReportScope.COLLECTIVE and status == ReportStatus.CONFIRMED:
        raise ValueError("a confirmed collective report comes only from /xacnhan in chat")
    with transaction(core.engine) as session:
        officer = officer_by_code(session, code=officer_code)
        assert officer is not None and officer.id is not None
        now = core.clock()
        report = Report(
            officer_id=officer.id,
            unit_id=officer.unit_id,
            criterion_code=criterion,
            scope=scope,
            is_initiative=initiative,
            title=title or f"Thành tích của {officer_code}",
            description="Cập nhật trạng thái hồ sơ lên hệ thống hằng ngày",
            period="Quý III/2026",
            result="Không còn hồ sơ quá hạn",
            status=status,
            return_reason=reason,
            created_at=now,
            submitted_at=now,
            updated_at=now,
        )
        session.add(report)
        session.flush()
        assert report.id is not None
        return report.id


def bind_accounts(core: Core, channel: str, chats: dict[str, str]) -> None:
    """Bind each officer (by code) to the account and chat of that id on `channel`."""
    with transaction(core.engine) as session:
        for code, chat in chats.items():
            officer = officer_by_code(session, code=code)
            assert officer is not None and officer.id is not None
            bind_identity(
                session,
                channel=channel,
                platform_user_id=chat,
                chat_id=chat,
                officer_id=officer.id,
                now=core.clock(),
            )
