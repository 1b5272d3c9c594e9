"""/hannop: the deadline in force, a new one typed and confirmed, and the change announced."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from bot.core import Core
from handlers.campaign.deadline import DEADLINE_KEY, days_left, effective_deadline
from storage.models import Announcement, AnnouncementRecipient, AuditEntry, Officer
from storage.queries.settings import setting
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.flows import Turn, play

EXTEND = [
    Turn(send="/hannop", expect="Hạn nộp hồ sơ đang áp dụng: trước 25/11/2026"),
    Turn(send="ngày mai", expect="Chưa đọc được «ngày mai»"),
    Turn(send="31/02/2026", expect="«31/02/2026» không phải ngày giờ có thật"),
    Turn(send="01/10/2026", expect="Thời điểm 01/10/2026 00:00 đã qua"),
    Turn(send="01/12/2062", expect="kiểm tra lại năm"),
    Turn(send="25/11/2026", expect="Đây đúng là hạn đang áp dụng"),
    Turn(send="02/12/2026", expect="Hạn nộp mới: trước 02/12/2026"),
    Turn(press="✏️ Nhập lại", expect="Nhập hạn mới"),
    Turn(send="01/12/2026", expect="chậm nhất trong ngày 30/11/2026 (trước 00:00 ngày 01/12/2026)"),
    Turn(press="✅ Đồng ý", expect="Đã đặt hạn nộp mới: trước 01/12/2026"),
]


def test_the_current_deadline_is_shown_as_the_plan_words_it(make_chat: type[Chat]) -> None:
    play(
        make_chat("VHXH02"),
        [
            Turn(send="/hannop", expect="mốc tính hạn 25/11/2026 00:00"),
            Turn(send="/huy", expect="Đã hủy «đặt hạn nộp»"),
        ],
    )


def test_extend_the_deadline(core: Core, make_chat: type[Chat], clock: FakeClock) -> None:
    with Session(core.engine) as session:
        before = effective_deadline(session, core.campaign)
        days_before = days_left(session, core.campaign, clock())
    play(make_chat("VHXH02"), EXTEND)
    with Session(core.engine) as session:
        after = effective_deadline(session, core.campaign)
        days_after = days_left(session, core.campaign, clock())
        audit = session.exec(select(AuditEntry).where(AuditEntry.action == "deadline.change")).one()
    local = after.astimezone(core.campaign.zone())
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2026, 12, 1, 0, 0)
    assert days_after - days_before == (after - before).days == 6
    assert audit.before == {"at": before.isoformat(), "text": "trước 25/11/2026"}
    assert audit.after == {"at": after.isoformat(), "text": "trước 01/12/2026"}
    assert audit.entity_id == "deadline"


def test_a_time_of_day_and_a_second_change(core: Core, make_chat: type[Chat]) -> None:
    secretariat = make_chat("VHXH02")
    play(secretariat, EXTEND)
    play(
        secretariat,
        [
            Turn(send="/hannop", expect="trước 01/12/2026"),
            Turn(
                send="/hannop", expect="Hạn này đã được điều chỉnh; kế hoạch ghi: trước 25/11/2026"
            ),
            Turn(send="5/12/2026 17h30", expect="hồ sơ phải đến trước 17:30 ngày 05/12/2026"),
            Turn(press="✅ Đồng ý", expect="trước 17:30 ngày 05/12/2026"),
        ],
    )
    with Session(core.engine) as session:
        changes = session.exec(select(AuditEntry).where(AuditEntry.action == "deadline.change"))
        second = changes.all()[-1]
        at = effective_deadline(session, core.campaign)
    assert second.before["text"] == "trước 01/12/2026"
    assert second.after["text"] == "trước 17:30 ngày 05/12/2026"
    assert at == datetime(2026, 12, 5, 17, 30, tzinfo=core.campaign.zone())


def test_a_past_date_depends_on_the_clock(make_chat: type[Chat], clock: FakeClock) -> None:
    secretariat = make_chat("VHXH02")
    clock.advance(days=60)
    play(
        secretariat,
        [
            Turn(send="/hannop", expect="Nhập hạn mới"),
            Turn(send="01/12/2026", expect="đã qua"),
        ],
    )
    clock.advance(days=-60 - 1)
    play(secretariat, [Turn(send="01/12/2026", expect="Xác nhận thay đổi?")])
    clock.advance(days=61)  # the question waited until the date had passed
    play(secretariat, [Turn(press="✅ Đồng ý", expect="Thời điểm 01/12/2026 00:00 đã qua")])
    with Session(secretariat.core.engine) as session:
        assert setting(session, key=DEADLINE_KEY) is None


def test_the_change_is_announced_through_thongbao(core: Core, make_chat: type[Chat]) -> None:
    make_chat("PVHCC03")
    secretariat = make_chat("VHXH02")
    play(secretariat, EXTEND)
    play(
        secretariat,
        [
            Turn(press="📢 Gửi thông báo cho mọi người", expect="Xem lại thông báo trước khi gửi"),
            Turn(press="✅ Gửi", expect="Đã gửi thông báo số 1"),
        ],
    )
    with Session(core.engine) as session:
        announcement = session.exec(select(Announcement)).one()
        recipients = session.exec(select(AnnouncementRecipient)).all()
        active = session.exec(select(Officer).where(Officer.active == True)).all()  # noqa: E712
    assert "từ «trước 25/11/2026» thành «trước 01/12/2026»" in announcement.text
    assert announcement.audience == {"kind": "all"}
    assert len(recipients) == len(active)
    play(secretariat, [Turn(send="/thongbao", expect="đã nhận 0/")])


@pytest.mark.parametrize("code", ["PVHCC03", "PVHCC01"])
def test_only_the_secretariat_changes_it(core: Core, make_chat: type[Chat], code: str) -> None:
    chat = make_chat(code)
    play(chat, [Turn(send="/hannop", expect="Bạn không dùng được lệnh này")])
    chat.press_payload("h.ann")
    assert "Bạn không dùng được" in chat.text
    with Session(core.engine) as session:
        assert session.exec(select(Announcement)).all() == []
        assert effective_deadline(session, core.campaign) == core.campaign.deadline.at


def test_announce_before_any_change_says_nothing_changed(make_chat: type[Chat]) -> None:
    admin = make_chat("VP03")
    admin.press_payload("h.ann")
    assert "chưa có thay đổi nào" in admin.text
    admin.press_payload("h.other")
    assert "đã qua" in admin.text


def test_deadline_ahead_limit(make_chat: type[Chat], clock: FakeClock) -> None:
    """Up to a year ahead is accepted; further is taken for a typo in the year."""
    assert clock() + timedelta(days=366) < datetime(2027, 10, 10, tzinfo=UTC)
    secretariat = make_chat("VHXH02")
    play(
        secretariat,
        [
            Turn(send="/hannop", expect="Nhập hạn mới"),
            Turn(send="01/10/2027", expect="Xác nhận thay đổi?"),
            Turn(press="✏️ Nhập lại", expect="Nhập hạn mới"),
            Turn(send="10/10/2027", expect="kiểm tra lại năm"),
        ],
    )
