"""Queries on announcements, their recipients and what became of each delivery."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, insert, update
from sqlmodel import Session, col, func, select

from storage.models import (
    Announcement,
    AnnouncementRecipient,
    ChatIdentity,
    Officer,
    Outbox,
    OutboxStatus,
    Role,
    Unit,
)
from storage.queries.outbox import QueuedMessage, enqueue_many

# Outbox keys of an announcement start with this, so its rows can be found again.
OUTBOX_KEY_PREFIX = "ann"


def outbox_key_prefix(announcement_id: int) -> str:
    return f"{OUTBOX_KEY_PREFIX}.{announcement_id}."


def recipient_key(announcement_id: int, officer_id: int) -> str:
    """The outbox key of the announcement to one officer (one row per chat is keyed from it)."""
    return f"{outbox_key_prefix(announcement_id)}{officer_id}"


def _audience(unit_ids: Iterable[int] | None, role: str | None) -> list[ColumnElement[bool]]:
    """The conditions on Officer for an audience: active, of these units, with this role."""
    where: list[ColumnElement[bool]] = [col(Officer.active).is_(True)]
    if unit_ids is not None:
        where.append(col(Officer.unit_id).in_(list(unit_ids)))
        # The ward's leadership sits in a unit of the roster but is not one of its officers.
        where.append(col(Officer.role) != Role.LEADERSHIP)
    if role is not None:
        where.append(col(Officer.role) == role)
    return where


def audience_officers(
    session: Session, *, unit_ids: Iterable[int] | None = None, role: str | None = None
) -> Sequence[Officer]:
    """Active officers, optionally only of these units or only with this role."""
    query = select(Officer).where(*_audience(unit_ids, role))
    return session.exec(query.order_by(col(Officer.unit_id), col(Officer.code))).all()


def audience_counts(
    session: Session, *, unit_ids: Iterable[int] | None = None, role: str | None = None
) -> tuple[int, int]:
    """How many active officers the audience holds, and how many have a bound chat account."""
    where = _audience(unit_ids, role)
    total = session.exec(select(func.count(col(Officer.id))).where(*where)).one()
    bound = session.exec(
        select(func.count(func.distinct(ChatIdentity.officer_id)))
        .join(Officer, col(Officer.id) == col(ChatIdentity.officer_id))
        .where(*where)
    ).one()
    return int(total), int(bound)


def queue_announcement(
    session: Session,
    *,
    announcement_id: int,
    kind: str,
    text: str,
    buttons: dict[str, Any],
    file_sha256: str | None,
    file_name: str,
    now: datetime,
    unit_ids: Iterable[int] | None = None,
    role: str | None = None,
) -> tuple[int, int]:
    """A recipient row per active officer of the audience, a pending outbox row per bound chat.

    Returns (recipients, recipients with a chat). Rows go in as batched inserts: one
    statement per recipient made a broadcast to a city's 5,000 officers take half a minute.
    The announcement is new, so its keys (made as handlers.engine.notify makes them) cannot clash.
    """
    where = _audience(unit_ids, role)
    officer_ids = session.exec(select(Officer.id).where(*where).order_by(col(Officer.id))).all()
    chats = session.exec(
        select(
            ChatIdentity.officer_id,
            ChatIdentity.channel,
            ChatIdentity.platform_user_id,
            ChatIdentity.chat_id,
        )
        .join(Officer, col(Officer.id) == col(ChatIdentity.officer_id))
        .where(*where)
        .order_by(col(ChatIdentity.id))
    ).all()
    enqueue_many(
        session,
        messages=[
            QueuedMessage(
                f"{recipient_key(announcement_id, officer_id)}:{channel}:{platform_user_id}",
                channel,
                chat_id,
                officer_id,
                text,
            )
            for officer_id, channel, platform_user_id, chat_id in chats
        ],
        kind=kind,
        now=now,
        not_before=now,
        buttons=buttons,
        file_sha256=file_sha256,
        file_name=file_name,
    )
    first_row: dict[int, int] = {}
    for outbox_id, officer_id in session.exec(
        select(Outbox.id, Outbox.officer_id)
        .where(col(Outbox.idempotency_key).startswith(outbox_key_prefix(announcement_id)))
        .order_by(col(Outbox.id))
    ):
        if officer_id is not None and outbox_id is not None:
            first_row.setdefault(officer_id, outbox_id)
    if officer_ids:
        session.connection().execute(
            insert(AnnouncementRecipient),
            [
                {
                    "announcement_id": announcement_id,
                    "officer_id": officer_id,
                    "outbox_id": first_row.get(officer_id or 0),
                    "acknowledged_at": None,
                }
                for officer_id in officer_ids
            ],
        )
    return len(officer_ids), len(first_row)


def add_announcement(
    session: Session,
    *,
    author_id: int,
    text: str,
    file_sha256: str | None,
    file_name: str,
    audience: dict[str, Any],
    now: datetime,
) -> Announcement:
    announcement = Announcement(
        author_id=author_id,
        text=text,
        file_sha256=file_sha256,
        file_name=file_name,
        audience=audience,
        created_at=now,
    )
    session.add(announcement)
    session.flush()
    return announcement


def announcement_by_id(session: Session, *, announcement_id: int) -> Announcement | None:
    return session.get(Announcement, announcement_id)


def recent_announcements(session: Session, *, limit: int) -> Sequence[Announcement]:
    return session.exec(
        select(Announcement).order_by(col(Announcement.id).desc()).limit(limit)
    ).all()


def unacknowledged_for(session: Session, *, officer_id: int) -> Sequence[Announcement]:
    """The announcements the officer was a recipient of and has not acknowledged, oldest first."""
    return session.exec(
        select(Announcement)
        .join(
            AnnouncementRecipient,
            col(AnnouncementRecipient.announcement_id) == col(Announcement.id),
        )
        .where(
            AnnouncementRecipient.officer_id == officer_id,
            col(AnnouncementRecipient.acknowledged_at).is_(None),
        )
        .order_by(col(Announcement.id))
    ).all()


def recipient_of(
    session: Session, *, announcement_id: int, officer_id: int
) -> AnnouncementRecipient | None:
    return session.exec(
        select(AnnouncementRecipient).where(
            AnnouncementRecipient.announcement_id == announcement_id,
            AnnouncementRecipient.officer_id == officer_id,
        )
    ).first()


def acknowledge(session: Session, *, recipient: AnnouncementRecipient, now: datetime) -> None:
    recipient.acknowledged_at = now
    session.add(recipient)
    session.flush()


def recipients_with_names(
    session: Session, *, announcement_id: int
) -> list[tuple[int, str, str, bool]]:
    """(officer id, name, unit name, acknowledged) per recipient, by unit name and name."""
    rows = session.exec(
        select(
            AnnouncementRecipient.officer_id,
            Officer.full_name,
            Unit.name,
            AnnouncementRecipient.acknowledged_at,
        )
        .join(Officer, col(Officer.id) == col(AnnouncementRecipient.officer_id))
        .join(Unit, col(Unit.id) == col(Officer.unit_id))
        .where(AnnouncementRecipient.announcement_id == announcement_id)
        .order_by(col(Unit.name), col(Officer.full_name))
    ).all()
    return [(officer_id, name, unit, at is not None) for officer_id, name, unit, at in rows]


def outbox_rows(session: Session, *, announcement_id: int, status: str) -> Sequence[Outbox]:
    """The announcement's outbox rows in this status, oldest first."""
    return session.exec(
        select(Outbox)
        .where(
            col(Outbox.idempotency_key).startswith(outbox_key_prefix(announcement_id)),
            Outbox.status == status,
        )
        .order_by(col(Outbox.id))
    ).all()


def retrying_officers(session: Session, *, announcement_id: int) -> set[int]:
    """Officers with a row of the announcement still pending after a failed try."""
    query = select(Outbox.officer_id).where(
        col(Outbox.idempotency_key).startswith(outbox_key_prefix(announcement_id)),
        Outbox.status == OutboxStatus.PENDING.value,
        col(Outbox.failing_since).is_not(None),
    )
    return {officer_id for officer_id in session.exec(query) if officer_id is not None}


def start_resend_round(session: Session, *, announcement_id: int, round_number: int) -> bool:
    """Record that resend round round_number has begun; False when it had begun already.

    Only the round after the last one can begin: of two people pressing the same «Gửi lại»
    at once, one UPDATE finds the round already moved on and changes nothing.
    """
    result = session.exec(
        update(Announcement)
        .where(
            col(Announcement.id) == announcement_id,
            col(Announcement.resend_round) == round_number - 1,
        )
        .values(resend_round=round_number)
    )
    return bool(result.rowcount)


def outbox_statuses(session: Session, *, announcement_id: int) -> dict[int, list[str]]:
    """The status of every outbox row of the announcement, by officer."""
    found: dict[int, list[str]] = defaultdict(list)
    query = select(Outbox.officer_id, Outbox.status).where(
        col(Outbox.idempotency_key).startswith(outbox_key_prefix(announcement_id))
    )
    for officer_id, status in session.exec(query):
        if officer_id is not None:
            found[officer_id].append(status)
    return dict(found)


def acknowledged_counts(
    session: Session, *, announcement_ids: Iterable[int]
) -> dict[int, tuple[int, int]]:
    """(acknowledged, recipients) for each of these announcements."""
    counts: dict[int, tuple[int, int]] = {}
    query = select(
        AnnouncementRecipient.announcement_id, AnnouncementRecipient.acknowledged_at
    ).where(col(AnnouncementRecipient.announcement_id).in_(list(announcement_ids)))
    for announcement_id, acknowledged_at in session.exec(query):
        done, total = counts.get(announcement_id, (0, 0))
        counts[announcement_id] = (done + (acknowledged_at is not None), total + 1)
    return counts
