"""A role removed mid-form: every form, at the moment it commits, checks its command's roles."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import cast
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from bot.core import Core
from handlers import texts
from handlers.engine import forms
from handlers.engine.menu import ALL_ROLES, entry_named
from storage.db import transaction
from storage.models import AuditEntry, ReportStatus, Role
from storage.queries.roster import officer_by_code
from tests.chat import Chat
from tests.conftest import CAMPAIGN_MORNING, FakeClock
from tests.factories import add_report
from tests.flows import Turn, play
from tests.test_council import MEMBERS, accepted_ward, voted_ward
from tests.test_dossier import complete_dossier, submit
from tests.test_report_flow import PDF

# The day công khai ends, when _published_and_over leaves the clock (the test's morning + 5 days).
MEETING_DAY = (
    (CAMPAIGN_MORNING + timedelta(days=5))
    .astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    .strftime("%d/%m/%Y")
)

# Forms anyone may finish: binding an account is for people who have no role yet.
OPEN_TO_ANYONE = {"bind"}


@dataclass(frozen=True)
class Scenario:
    """Who starts the form, the turns up to its last input, and that last input."""

    person: str
    turns: list[Turn]
    finish: Callable[[Chat], object]
    prepare: Callable[[Core, type[Chat]], None] = lambda _core, _make_chat: None


def _sent_report(core: Core, _make_chat: type[Chat]) -> None:
    add_report(core, "PVHCC03", "Báo cáo chờ xác nhận", status=ReportStatus.SENT)


def _submitted_dossier(core: Core, make_chat: type[Chat]) -> None:
    submit(complete_dossier(core, make_chat))


def _clock(core: Core) -> FakeClock:
    # pytest loads conftest under its own module name, so the fixture's class is another object.
    assert hasattr(core.clock, "advance")
    return cast(FakeClock, core.clock)


def _published_and_over(core: Core, make_chat: type[Chat]) -> None:
    """Accepted dossiers, the ward's list published, its days of công khai over."""
    ward = accepted_ward(core, make_chat, _clock(core))
    play(ward.secretary, [Turn(send="/xettang", expect="DANH SÁCH")])
    play(ward.secretary, [Turn(press="📢 Công khai", expect="Đã công khai")])
    _clock(core).advance(days=5)


def _voted(core: Core, make_chat: type[Chat]) -> None:
    voted_ward(core, make_chat, _clock(core))


SCENARIOS = {
    "report": Scenario(
        "PVHCC01",
        [
            Turn(send="/baocao", expect="tiêu chí thi đua nào"),
            Turn(send="a", expect="cá nhân bạn, hay của tập thể"),
            Turn(press="Tập thể", expect="sáng kiến"),
            Turn(press="Không", expect="tên ngắn gọn"),
            Turn(send="Đơn vị hoàn thành tốt nhiệm vụ", expect="Mô tả"),
            Turn(send="Rà soát toàn bộ quy trình một cửa", expect="Thời gian"),
            Turn(send="Năm 2026", expect="Kết quả"),
            Turn(send="Xếp loại tốt", expect="Gửi minh chứng"),
            Turn(press="Xong", expect="Tập thể (đơn vị)"),
        ],
        lambda chat: chat.press("✅ Gửi"),
    ),
    "announce": Scenario(
        "VHXH02",
        [
            Turn(send="/thongbao", expect="Nhập nội dung"),
            Turn(send="Kính gửi các thủ trưởng: họp giao ban thi đua chiều thứ Sáu.", expect="tệp"),
            Turn(press="Bỏ qua", expect="Gửi thông báo tới ai?"),
            Turn(press="Theo vai trò", expect="vai trò nào"),
            Turn(press="Tất cả thủ trưởng", expect="Số người nhận"),
        ],
        lambda chat: chat.press("✅ Gửi"),
    ),
    "nomination": Scenario(
        "PVHCC01",
        [
            Turn(send="/dexuat", expect="cá nhân hay cho tập thể"),
            Turn(press="Tập thể", expect="Bằng khen"),
            Turn(press="Bằng khen", expect="chưa có"),
            Turn(press="Xong", expect="Còn thiếu"),
        ],
        lambda chat: chat.press("✅ Lưu đề xuất"),
    ),
    "deadline": Scenario(
        "VHXH02",
        [
            Turn(send="/hannop", expect="Hạn nộp hồ sơ đang áp dụng"),
            Turn(send="02/12/2026", expect="Hạn nộp mới: trước 02/12/2026"),
        ],
        lambda chat: chat.press("✅ Đồng ý"),
    ),
    "confirm_return": Scenario(
        "PVHCC01",
        [
            Turn(send="/xacnhan", expect="Báo cáo chờ xác nhận"),
            Turn(press="↩️ Trả lại", expect="lý do"),
        ],
        lambda chat: chat.send("Thiếu minh chứng về số hồ sơ đúng hạn"),
        _sent_report,
    ),
    "dossier_upload": Scenario(
        "PVHCC01",
        [
            Turn(send="/hoso", expect="Hồ sơ đề nghị khen thưởng"),
            Turn(press="⬆️ Tải lên 1", expect="Gửi tệp cho mục"),
        ],
        lambda chat: chat.send_file("to-trinh.pdf", PDF),
    ),
    "dossier_return": Scenario(
        "VHXH02",
        [
            Turn(send="/tiepnhan", expect="chờ tiếp nhận"),
            Turn(press="📂 Trung tâm Phục vụ", expect="Tài liệu:"),
            Turn(press="↩️ Trả lại", expect="Nhập lý do trả lại hồ sơ"),
        ],
        lambda chat: chat.send("Biên bản chưa có chữ ký của Chủ tịch Hội đồng"),
        _submitted_dossier,
    ),
    "ward_result": Scenario(
        "VHXH02",
        [
            Turn(send="/ketqua", expect="Chọn tiêu chí cần ghi nhận kết quả"),
            Turn(press="a) Chỉ số CCHC", expect="Nhập kết quả phường đạt được"),
            Turn(send="Xếp loại Tốt, 92,5 điểm", expect="Gửi một minh chứng"),
            Turn(upload=("ket-qua-chi-so.pdf", PDF), expect="Xem lại trước khi lưu"),
        ],
        lambda chat: chat.press("✅ Lưu"),
    ),
    "council_meeting": Scenario(
        "VHXH02",
        [
            Turn(send="/xettang", expect="Đang công khai"),
            Turn(press="🗳 Ghi kết quả họp Hội đồng", expect="Nhập ngày họp"),
            Turn(send=MEETING_DAY, expect="bao nhiêu thành viên"),
            Turn(send="7", expect="thành viên có mặt"),
            Turn(send="\n".join(MEMBERS), expect="Nhập số phiếu đồng ý"),
            *[Turn(send="6", expect="") for _ in range(3)],
        ],
        lambda chat: chat.press("✅ Lưu kết quả"),
        _published_and_over,
    ),
    "round_approve": Scenario(
        "LD01",
        [
            Turn(send="/pheduyet", expect="chờ lãnh đạo UBND phường phê duyệt"),
            Turn(press="✅ Phê duyệt", expect="Nhập số Quyết định"),
        ],
        lambda chat: chat.send("125/QĐ-UBND"),
        _voted,
    ),
    "officer_lookup": Scenario(
        "VP03",
        [Turn(send="/canbo", expect="Sửa thông tin cán bộ nào?")],
        lambda chat: chat.send("PVHCC03"),
    ),
}


def _demote(core: Core, code: str) -> None:
    with transaction(core.engine) as session:
        officer = officer_by_code(session, code=code)
        assert officer is not None
        officer.role = Role.OFFICER
        session.add(officer)


def _audited(core: Core) -> int:
    with Session(core.engine) as session:
        return session.exec(select(func.count()).select_from(AuditEntry)).one()


def test_every_form_that_a_role_may_lose_has_a_scenario() -> None:
    """A new form must name its command and get a scenario here, or be open to anyone."""
    missing = []
    # The core's forms (the routing table imports them all), not those tests make for the engine.
    core_forms = [
        f for f in forms.registered_forms() if f.complete.__module__.startswith("handlers.")
    ]
    assert len(core_forms) >= len(SCENARIOS) + len(OPEN_TO_ANYONE)
    for form in core_forms:
        if form.name in OPEN_TO_ANYONE:
            assert form.command is None, form.name
            continue
        assert form.command is not None, f"form {form.name} names no command"
        entry = entry_named(form.command)
        assert entry is not None, form.command
        if entry.roles == ALL_ROLES and form.permits is forms.Form.permits:
            continue  # every role may finish it: demotion takes nothing away
        if form.name not in SCENARIOS:
            missing.append(form.name)
    assert missing == []


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_a_person_demoted_mid_form_cannot_complete_it(
    core: Core, make_chat: type[Chat], name: str
) -> None:
    form = forms.form_named(name)
    assert form is not None
    scenario = SCENARIOS[name]
    scenario.prepare(core, make_chat)
    chat = make_chat(scenario.person)
    play(chat, scenario.turns)
    before = _audited(core)

    _demote(core, scenario.person)
    scenario.finish(chat)

    refusal = texts.FORM_NO_LONGER_ALLOWED.format(title=form.title)
    assert refusal in chat.text, chat.text
    assert _audited(core) == before
    chat.send("/huy")
    assert texts.NOTHING_TO_CANCEL in chat.text  # the draft is gone, nothing half-done
