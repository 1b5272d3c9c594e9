"""/tamdung: pause reminders for some days, mark leave, resume; the head sees who is away."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import Session, col, select

from bot.core import Core
from handlers import texts
from storage.models import AuditEntry, ReminderPause
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.flows import Turn, play
from tests.test_reminders import ZONE, bind, fire, local, received, text_for


def pauses(core: Core) -> list[ReminderPause]:
    with Session(core.engine) as session:
        return list(session.exec(select(ReminderPause).order_by(col(ReminderPause.id))).all())


def audit_actions(core: Core) -> list[str]:
    with Session(core.engine) as session:
        entries = session.exec(
            select(AuditEntry)
            .where(col(AuditEntry.action).startswith("reminder."))
            .order_by(col(AuditEntry.id))
        ).all()
    return [entry.action for entry in entries]


def test_state_and_choices_when_not_paused(make_chat: type[Chat]) -> None:
    chat = make_chat("VP04")
    chat.send("/tamdung")
    assert "Bạn đang nhận nhắc việc thi đua bình thường." in chat.text
    assert "/tamdung 3" in chat.text
    assert chat.labels() == ["🌴 Nghỉ phép"]
    chat.send("/pause")
    assert chat.labels() == ["🌴 Nghỉ phép"]


def test_pause_for_some_days_then_resume(
    core: Core, clock: FakeClock, make_chat: type[Chat]
) -> None:
    chat = make_chat("VP04")
    play(
        chat,
        [
            Turn(send="/tamdung 3", expect="Đã tạm dừng nhắc việc đến 09:00 09/10/2026."),
            Turn(send="/tamdung", expect="Bạn đang tạm dừng nhắc việc đến 09:00 09/10/2026."),
            Turn(press="🔔 Tiếp tục nhận nhắc việc", expect="Đã bật lại nhắc việc."),
            Turn(send="/tamdung", expect="Bạn đang nhận nhắc việc thi đua bình thường."),
        ],
    )
    (pause,) = pauses(core)
    assert pause.until == clock.now and not pause.on_leave
    assert audit_actions(core) == ["reminder.pause", "reminder.resume"]


@pytest.mark.parametrize("days", ["0", "31", "ba", "-2", "2.5"])
def test_days_out_of_range_are_refused(core: Core, make_chat: type[Chat], days: str) -> None:
    chat = make_chat("VP04")
    chat.send(f"/tamdung {days}")
    assert "phải là một số nguyên từ 1 đến 30" in chat.text
    assert pauses(core) == []


def test_leave_in_whole_days(core: Core, clock: FakeClock, make_chat: type[Chat]) -> None:
    chat = make_chat("TTVH03")
    play(
        chat,
        [
            Turn(send="/tamdung", expect="Nghỉ phép"),
            Turn(press="🌴 Nghỉ phép", expect="Bạn nghỉ phép bao nhiêu ngày, tính cả hôm nay?"),
            Turn(send="45", expect="từ 1 đến 30. Vui lòng nhập lại."),
            Turn(press="5 ngày", expect="Đã ghi nhận bạn nghỉ phép đến hết ngày 10/10/2026."),
            Turn(send="/tamdung", expect="Bạn đang nghỉ phép đến hết ngày 10/10/2026"),
        ],
    )
    (leave,) = pauses(core)
    assert leave.on_leave
    assert leave.until == datetime(2026, 10, 11, tzinfo=ZONE)
    # A pause given while on leave replaces it: one pause in force at a time.
    chat.send("/tamdung 2")
    assert [p.until > clock.now for p in pauses(core)] == [False, True]
    assert audit_actions(core) == ["reminder.leave", "reminder.pause"]


def test_typed_number_of_leave_days(core: Core, make_chat: type[Chat]) -> None:
    chat = make_chat("TTVH03")
    chat.send("/tamdung")
    chat.press("🌴 Nghỉ phép")
    chat.send("2")
    assert "đến hết ngày 07/10/2026" in chat.text
    assert [p.on_leave for p in pauses(core)] == [True]


def test_resume_when_not_paused_and_unknown_button(make_chat: type[Chat]) -> None:
    chat = make_chat("VP04")
    chat.press_payload("td.resume")
    assert "không có gì cần bật lại" in chat.text
    chat.press_payload("td.forged.42")
    assert chat.text == texts.STALE_BUTTON


def test_paused_and_on_leave_get_no_reminder_and_the_head_sees_them(
    core: Core, clock: FakeClock, make_chat: type[Chat]
) -> None:
    bind(core, "PVHCC01", "PVHCC04")
    clock.now = local(11, 12, 10)
    make_chat("PVHCC02").send("/tamdung 7")
    oanh = make_chat("PVHCC03")
    oanh.send("/tamdung")
    oanh.press("🌴 Nghỉ phép")
    oanh.press("14 ngày")
    clock.now = local(11, 16, 8)
    fire(core)
    assert received(core, "head_weekly") == {clock.now.astimezone(ZONE): ["PVHCC01"]}
    digest = text_for(core, "head_weekly", "PVHCC01")
    assert (
        "Chưa gửi báo cáo (3): Trịnh Văn Đức (tạm dừng nhắc việc đến 10:00 19/11/2026), "
        "Mai Thị Kim Oanh (nghỉ phép đến hết ngày 25/11/2026), Phan Minh Trí."
    ) in digest
    clock.now = local(11, 17, 8)
    fire(core)
    assert received(core, "report_due")[clock.now.astimezone(ZONE)] == ["PVHCC01", "PVHCC04"]
    # The pause ends by itself: 23/11 finds Đức again, Oanh still on leave.
    clock.now = local(11, 23, 8)
    fire(core)
    assert received(core, "report_due")[clock.now.astimezone(ZONE)] == [
        "PVHCC01",
        "PVHCC02",
        "PVHCC04",
    ]
