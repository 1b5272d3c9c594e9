"""The ward's leadership: in the roster and the menu, and who confirms whose reports."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from bot.core import Core
from handlers.campaign.file import Campaign
from storage.db import transaction
from storage.models import Officer, Role
from storage.queries.roster import officer_by_code
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.factories import add_report
from tests.flows import Turn, play
from tests.test_confirmations import file_report, outbox_for, report, reports
from tests.test_reminders import ZONE, bind, codes_by_id, fire, local, received, rows


def file_collective(head: Chat, title: str) -> int:
    """A unit head's report for the whole unit, through /baocao."""
    head.send("/baocao")
    head.press("c)")
    play(
        head,
        [
            Turn(press="Tập thể (đơn vị)", expect="sáng kiến"),
            Turn(press="Không", expect="tên ngắn gọn"),
            Turn(send=title, expect="Mô tả"),
            Turn(send="Rà soát và cập nhật toàn bộ hồ sơ", expect="Thời gian"),
            Turn(send="Quý III/2026", expect="Kết quả"),
            Turn(send="Hoàn thành đúng hạn", expect="chỉ tiêu"),
            Turn(press="Bỏ qua", expect="Gửi minh chứng"),
            Turn(press="Xong", expect="Xem lại"),
            Turn(press="✅ Gửi", expect="Đã gửi báo cáo số"),
        ],
    )
    return max(r.id or 0 for r in reports(head.core))


def test_the_roster_knows_the_leadership(core: Core, tmp_path: Path) -> None:
    with Session(core.engine) as session:
        roles = {
            o.code: o.role
            for o in session.exec(select(Officer).where(col(Officer.code).startswith("LD")))
        }
    assert roles == {"LD01": Role.LEADERSHIP, "LD02": Role.LEADERSHIP}


def test_leadership_help_and_roster_edit(core: Core, make_chat: type[Chat], tmp_path: Path) -> None:
    leader = make_chat("LD01")
    play(leader, [Turn(send="/trogiup", expect="Các lệnh của Lãnh đạo UBND phường")])
    assert "/xacnhan" in leader.text and "/tonghop" in leader.text
    assert "/hoso" not in leader.text
    admin = make_chat("VP03")
    play(admin, [Turn(send="/canbo VP04", expect="Phạm Thị Lan")])
    admin.press("👤 Đổi vai trò")
    assert "Lãnh đạo UBND phường" in admin.labels()


def test_heads_own_and_collective_reports_go_to_the_leadership(
    core: Core, make_chat: type[Chat], clock: FakeClock, tmp_path: Path
) -> None:
    officer = file_report(make_chat("PVHCC03"), "e)", "Theo dõi hồ sơ một cửa")
    head = make_chat("PVHCC01")
    clock.advance(minutes=5)
    own = file_report(head, "e)", "Chỉ đạo số hóa hồ sơ")
    clock.advance(minutes=5)
    collective = file_collective(head, "Một cửa liên thông của Trung tâm")
    # The head sees only the officer's report, and is told who confirms their own.
    play(head, [Turn(send="/xacnhan", expect="Báo cáo chờ xác nhận 1/1")])
    assert f"Báo cáo số {officer}" in head.text
    head.press("✅ Xác nhận")
    assert "do Lãnh đạo UBND phường xác nhận" in head.text
    leader = make_chat("LD01")
    play(leader, [Turn(send="/xacnhan", expect="Báo cáo chờ xác nhận 1/2")])
    # The leadership confirms across the ward, so each report names its unit.
    assert "Lý Thị Thanh Hương (Giám đốc), Trung tâm Phục vụ hành chính công" in leader.text
    play(
        leader,
        [
            Turn(press="✅ Xác nhận", expect="Báo cáo chờ xác nhận 1/1"),
            Turn(press="✅ Xác nhận", expect="Không có báo cáo nào đang chờ bạn xác nhận"),
        ],
    )
    assert (report(core, own).status, report(core, collective).status) == (
        "confirmed",
        "confirmed",
    )
    notice = outbox_for(core, "PVHCC01")
    assert any("Nguyễn Văn Thương (Lãnh đạo UBND phường) xác nhận" in n.text for n in notice)


def test_a_leader_never_confirms_their_own_report(
    core: Core, make_chat: type[Chat], clock: FakeClock, tmp_path: Path
) -> None:
    chairman = make_chat("LD01")
    own = file_report(chairman, "e)", "Chỉ đạo cải cách thủ tục")
    play(chairman, [Turn(send="/xacnhan", expect="Không có báo cáo nào đang chờ bạn xác nhận")])
    assert "Bạn có 1 báo cáo của chính mình" in chairman.text
    clock.advance(minutes=1)
    chairman.press_payload(f"c.ok.{own}.forged")
    assert "không ai tự xác nhận" in chairman.text
    deputy = make_chat("LD02")
    play(deputy, [Turn(send="/xacnhan", expect="Báo cáo chờ xác nhận 1/1")])
    play(deputy, [Turn(press="✅ Xác nhận", expect="Không có báo cáo nào")])
    assert report(core, own).status == "confirmed"


def test_a_leader_cannot_confirm_an_officers_report(
    core: Core, make_chat: type[Chat], tmp_path: Path
) -> None:
    number = file_report(make_chat("PVHCC03"), "e)", "Theo dõi hồ sơ một cửa")
    leader = make_chat("LD01")
    play(leader, [Turn(send="/xacnhan", expect="Không có báo cáo nào đang chờ bạn xác nhận")])
    head = make_chat("PVHCC01")
    head.send("/xacnhan")
    payload = next(
        b.payload for r in head.last for b in r.flat_buttons() if b.label == "✅ Xác nhận"
    )
    leader.press_payload(payload)
    assert "Không tìm thấy báo cáo này" in leader.text
    assert report(core, number).status == "sent"


def test_a_ward_file_may_give_the_secretariat_the_heads_reports(
    core: Core, make_chat: type[Chat]
) -> None:
    rules = core.campaign.confirmation.model_copy(
        update={"head_reports": "secretariat", "collective_reports": "secretariat"}
    )
    campaign = core.campaign.model_copy(update={"confirmation": rules})
    moved = dataclasses.replace(core, campaign=campaign)
    own = file_report(Chat(moved, officer_code="PVHCC01"), "e)", "Chỉ đạo số hóa hồ sơ")
    secretariat = Chat(moved, officer_code="VHXH02")
    play(secretariat, [Turn(send="/xacnhan", expect="Báo cáo chờ xác nhận 1/1")])
    play(secretariat, [Turn(press="✅ Xác nhận", expect="Không có báo cáo nào")])
    assert report(core, own).status == "confirmed"
    # Under the shipped file the secretariat confirms nothing, so /xacnhan is not theirs.
    play(make_chat("VHXH02"), [Turn(send="/xacnhan", expect="Bạn không dùng được lệnh này")])


def test_a_head_may_not_confirm_heads_reports(core: Core) -> None:
    data = core.campaign.model_dump()
    data["confirmation"]["head_reports"] = "unit_head"
    with pytest.raises(ValueError):
        Campaign.model_validate(data)


def test_the_leadership_is_not_reminded_to_report(
    core: Core, clock: FakeClock, tmp_path: Path
) -> None:
    bind(core, "LD01", "VP04", "VP01")
    clock.now = local(11, 9)  # Monday: the heads' weekly digest
    fire(core)
    clock.now = local(11, 10)  # report_due, 14 days before the last day
    fire(core)
    assert received(core, "report_due") == {local(11, 10).astimezone(ZONE): ["VP01", "VP04"]}
    # The head of VP is not told that the Chủ tịch, who sits in VP, has not reported.
    digest = [text for _moment, text in texts_for(core, "VP01")]
    assert digest and not any("Nguyễn Văn Thương" in text for text in digest)


def texts_for(core: Core, code: str) -> list[tuple[object, str]]:
    return [
        (row.created_at, row.text)
        for row in rows(core)
        if codes_by_id(core)[row.officer_id] == code
    ]


def test_a_heads_digest_lists_only_what_the_head_confirms(core: Core, clock: FakeClock) -> None:
    bind(core, "PVHCC01")
    officer = add_report(core, "PVHCC03", "Theo dõi hồ sơ một cửa", status="sent")
    own = add_report(core, "PVHCC01", "Chỉ đạo số hóa hồ sơ", status="sent")
    clock.now = local(11, 9)  # Monday: the heads' weekly digest
    fire(core)
    digest = "\n".join(text for _moment, text in texts_for(core, "PVHCC01"))
    assert f"Chờ bạn xác nhận (1), xác nhận bằng /xacnhan: số {officer} của" in digest
    assert f"số {own} của" not in digest


def set_leaders_role(core: Core, role: Role) -> None:
    """The demo roster's Chủ tịch and Phó Chủ tịch (LD01, LD02) given another role, or back."""
    with transaction(core.engine) as session:
        for code in ("LD01", "LD02"):
            officer = officer_by_code(session, code=code)
            assert officer is not None
            officer.role = role
            session.add(officer)


def test_the_leadership_is_not_counted_among_a_units_officers(
    core: Core, make_chat: type[Chat]
) -> None:
    secretary = make_chat("VHXH02")
    secretary.send("/tonghop")
    with_leaders = line_of(secretary.last[0].text, "   Báo cáo:", after="VP — ")
    # The same two people as officers of VP: the unit's count grows by two.
    set_leaders_role(core, Role.OFFICER)
    secretary.send("/tonghop")
    as_officers = line_of(secretary.last[0].text, "   Báo cáo:", after="VP — ")
    assert with_leaders != as_officers
    assert with_leaders.endswith("Chưa báo cáo: 4/4 cán bộ.")
    assert as_officers.endswith("Chưa báo cáo: 6/6 cán bộ.")
    set_leaders_role(core, Role.LEADERSHIP)
    head = make_chat("VP01")
    head.send("/tinhhinh")
    assert "Nguyễn Văn Thương" not in head.last[0].text


def line_of(text: str, start: str, *, after: str) -> str:
    """The first line starting with `start` below the line holding `after`."""
    lines = text.splitlines()
    below = next(i for i, line in enumerate(lines) if after in line)
    return next(line for line in lines[below:] if line.startswith(start))


def test_a_collective_nomination_is_backed_once_the_leadership_confirms(
    core: Core, make_chat: type[Chat], tmp_path: Path
) -> None:
    head = make_chat("PVHCC01")
    number = file_collective(head, "Một cửa liên thông của Trung tâm")
    leader = make_chat("LD01")
    play(leader, [Turn(send="/xacnhan", expect="1/1"), Turn(press="✅ Xác nhận", expect="Đã")])
    play(
        head,
        [
            Turn(send="/dexuat", expect="cá nhân hay cho tập thể"),
            Turn(press="Tập thể", expect="Chọn hình thức"),
            Turn(press="Giấy khen", expect="Đối với tập thể"),
            Turn(press="Thành tích xuất sắc, dẫn đầu", expect="Chọn các báo cáo"),
            Turn(press=f"⬜ Số {number}", expect=f"Đã chọn:\n• Số {number}"),
            Turn(press="Xong", expect="Tiêu chuẩn đã có báo cáo đã được xác nhận làm căn cứ"),
        ],
    )
    assert "Còn thiếu" not in head.text


def test_a_report_nobody_can_confirm_is_said_to_be_so(core: Core, make_chat: type[Chat]) -> None:
    set_leaders_role(core, Role.OFFICER)  # a ward whose roster names no leader yet
    head = make_chat("PVHCC01")
    file_collective(head, "Một cửa liên thông của Trung tâm")
    assert "chưa có ai (ngoài bạn) giữ vai trò «Lãnh đạo UBND phường»" in head.text
    officer = make_chat("PVHCC03")
    file_report(officer, "e)", "Theo dõi hồ sơ một cửa")
    assert "chờ Thủ trưởng đơn vị xác nhận" in officer.text and "chưa có ai" not in officer.text
    set_leaders_role(core, Role.LEADERSHIP)
    file_collective(head, "Tiếp nhận hồ sơ ngoài giờ")
    assert "chờ Lãnh đạo UBND phường xác nhận" in head.text and "chưa có ai" not in head.text


def test_a_heads_status_lists_under_xacnhan_only_what_the_head_confirms(
    make_chat: type[Chat], clock: FakeClock
) -> None:
    officer = file_report(make_chat("PVHCC03"), "e)", "Theo dõi hồ sơ một cửa")
    head = make_chat("PVHCC01")
    clock.advance(minutes=5)
    own = file_report(head, "e)", "Chỉ đạo số hóa hồ sơ")
    unit = file_collective(head, "Một cửa liên thông của Trung tâm")
    play(head, [Turn(send="/tinhhinh", expect="Báo cáo chờ xác nhận (1)")])
    said = head.last[0].text
    assert f"• Số {officer} — Mai Thị Kim Oanh" in said
    assert f"Số {own} —" not in said and f"Số {unit} —" not in said
    assert said.index(f"Số {officer} —") < said.index("/xacnhan")
    above = "2 báo cáo của thủ trưởng hoặc của tập thể đơn vị đang chờ Lãnh đạo UBND phường"
    assert above in said
    # The secretariat's view of the unit lists all three.
    play(make_chat("VHXH02"), [Turn(send="/tinhhinh PVHCC", expect="Báo cáo chờ xác nhận (3)")])
