"""/xacnhan: the head's queue, confirm, return with a reason, stale and forged presses."""

from __future__ import annotations

from sqlmodel import Session, col, select

from bot.core import Core
from storage.db import transaction
from storage.models import AuditEntry, Outbox, Report
from storage.queries.roster import officer_by_code
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.flows import Turn, play
from tests.test_report_flow import OFFICER_REPORT, PDF, png_bytes


def officer_id(core: Core, code: str) -> int:
    with Session(core.engine) as session:
        officer = officer_by_code(session, code=code)
        assert officer is not None and officer.id is not None
        return officer.id


def reports(core: Core) -> list[Report]:
    with Session(core.engine) as session:
        return list(session.exec(select(Report).order_by(col(Report.id))).all())


def report(core: Core, number: int) -> Report:
    with Session(core.engine) as session:
        found = session.get(Report, number)
        assert found is not None
        return found


def outbox_for(core: Core, code: str) -> list[Outbox]:
    with Session(core.engine) as session:
        query = select(Outbox).where(Outbox.officer_id == officer_id(core, code))
        return list(session.exec(query.order_by(col(Outbox.id))).all())


def audits(core: Core, action: str) -> list[AuditEntry]:
    with Session(core.engine) as session:
        query = select(AuditEntry).where(AuditEntry.action == action)
        return list(session.exec(query.order_by(col(AuditEntry.id))).all())


def file_report(
    chat: Chat, criterion: str, title: str, files: list[tuple[str, bytes, bool]] | None = None
) -> int:
    """A report through /baocao: criterion, no initiative, texts, optional files; its number."""
    chat.send("/baocao")
    chat.press(criterion)
    if "Cá nhân" in chat.labels():  # a head is asked whether it is for the unit
        chat.press("Cá nhân")
    turns = [
        Turn(press="Không", expect="tên ngắn gọn"),
        Turn(send=title, expect="Mô tả"),
        Turn(send="Rà soát và cập nhật toàn bộ hồ sơ", expect="Thời gian"),
        Turn(send="Quý III/2026", expect="Kết quả"),
        Turn(send="Hoàn thành đúng hạn", expect="hoặc"),
    ]
    play(chat, turns)
    if "Bỏ qua" in chat.labels():  # the criterion has a figure to report
        play(chat, [Turn(press="Bỏ qua", expect="Gửi minh chứng")])
    for name, content, photo in files or []:
        play(chat, [Turn(upload=(name, content), photo=photo, expect=f"Đã nhận «{name}»")])
    play(
        chat,
        [Turn(press="Xong", expect="Xem lại"), Turn(press="✅ Gửi", expect="Đã gửi báo cáo số")],
    )
    return max(r.id or 0 for r in reports(chat.core))


def payload_of(chat: Chat, label: str) -> str:
    for reply in reversed(chat.last):
        for button in reply.flat_buttons():
            if button.label == label:
                return button.payload
    raise AssertionError(f"no button {label!r} in {chat.labels()}")


def test_confirm_shows_details_and_files_then_notifies(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    officer = make_chat("PVHCC03")
    play(officer, OFFICER_REPORT)
    [filed] = reports(core)
    head = make_chat("PVHCC01")
    clock.advance(hours=2)
    play(
        head,
        [
            Turn(send="/xacnhan", expect="Báo cáo chờ xác nhận 1/1"),
        ],
    )
    assert "Người gửi: Mai Thị Kim Oanh (Chuyên viên tiếp nhận hồ sơ)" in head.text
    assert "Theo dõi trực tuyến hồ sơ một cửa" in head.text
    assert "🔗 https://dichvucong.gov.vn/ho-so" in head.text
    files = [r.file for r in head.last if r.file is not None]
    assert [(f.name, f.content, f.is_photo) for f in files] == [("bao-cao.pdf", PDF, False)]
    assert head.labels() == ["✅ Xác nhận", "↩️ Trả lại", "Bỏ qua"]
    play(head, [Turn(press="✅ Xác nhận", expect=f"Đã xác nhận báo cáo số {filed.id}")])
    assert "Không có báo cáo nào" in head.text
    done = report(core, filed.id or 0)
    assert (done.status, done.reviewed_by, done.reviewed_at) == (
        "confirmed",
        officer_id(core, "PVHCC01"),
        clock.now,
    )
    [entry] = audits(core, "report.confirm")
    assert (entry.before["status"], entry.after["status"]) == ("sent", "confirmed")
    assert entry.actor_officer_id == officer_id(core, "PVHCC01")
    [notice] = outbox_for(core, "PVHCC03")
    assert notice.chat_id == officer.user_id and notice.status == "pending"
    assert f"Báo cáo số {filed.id}" in notice.text and "xác nhận" in notice.text
    play(officer, [Turn(send="/cuatoi", expect="Đã xác nhận")])


def test_return_with_reason_edit_and_back_in_the_queue(core: Core, make_chat: type[Chat]) -> None:
    officer = make_chat("PVHCC03")
    play(officer, OFFICER_REPORT)
    [filed] = reports(core)
    head = make_chat("PVHCC01")
    reason = "Bổ sung số liệu quý III và ảnh chụp màn hình hệ thống"
    play(
        head,
        [
            Turn(send="/xacnhan", expect="Báo cáo chờ xác nhận 1/1"),
            Turn(press="↩️ Trả lại", expect="Nhập lý do trả lại báo cáo số"),
            Turn(send="Sai", expect="quá ngắn"),
            Turn(send=reason, expect=f"Đã trả lại báo cáo số {filed.id}"),
        ],
    )
    returned = report(core, filed.id or 0)
    assert (returned.status, returned.return_reason) == ("returned", reason)
    [entry] = audits(core, "report.return")
    assert entry.after["return_reason"] == reason and entry.before["status"] == "sent"
    [notice] = outbox_for(core, "PVHCC03")
    assert reason in notice.text and "/cuatoi" in notice.text
    play(
        officer,
        [
            Turn(send="/cuatoi", expect="Bị trả lại"),
            Turn(press=f"Mở số {filed.id}", expect=f"Lý do trả lại: {reason}"),
            Turn(press="✏️ Sửa", expect="Xem lại"),
            Turn(press="✅ Gửi", expect="Đã lưu thay đổi"),
        ],
    )
    play(head, [Turn(send="/xacnhan", expect="Báo cáo chờ xác nhận 1/1")])
    assert f"Báo cáo số {filed.id} — Chờ xác nhận" in head.text


def test_huy_keeps_the_report_waiting(core: Core, make_chat: type[Chat]) -> None:
    play(make_chat("PVHCC03"), OFFICER_REPORT)
    head = make_chat("PVHCC01")
    play(
        head,
        [
            Turn(send="/xacnhan", expect="1/1"),
            Turn(press="↩️ Trả lại", expect="lý do"),
            Turn(send="/huy", expect="Đã hủy «trả lại báo cáo»"),
        ],
    )
    assert [r.status for r in reports(core)] == ["sent"]
    assert outbox_for(core, "PVHCC03") == []


def test_queue_order_skip_and_own_report(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    first = file_report(make_chat("PVHCC03"), "a)", "Rà soát quy trình một cửa")
    clock.advance(minutes=5)
    second = file_report(make_chat("PVHCC02"), "c)", "Hoàn thành kế hoạch cải cách")
    head = make_chat("PVHCC01")
    own = file_report(head, "b)", "Chỉ đạo hoàn thành nhiệm vụ")
    play(
        head,
        [
            Turn(send="/xacnhan", expect="Báo cáo chờ xác nhận 1/2"),
            Turn(press="Bỏ qua", expect="Báo cáo chờ xác nhận 2/2"),
            Turn(press="Bỏ qua", expect="Còn 2 báo cáo chờ xác nhận mà bạn đã bỏ qua"),
            Turn(press="Xem lại từ đầu", expect=f"Báo cáo số {first} — Chờ xác nhận"),
            Turn(press="✅ Xác nhận", expect=f"Báo cáo số {second} — Chờ xác nhận"),
            Turn(press="✅ Xác nhận", expect="Không có báo cáo nào"),
        ],
    )
    assert "Bạn có 1 báo cáo của chính mình đang chờ xác nhận" in head.text
    assert f"Báo cáo số {own}" not in head.text
    assert [(r.id, r.status) for r in reports(core)] == [
        (first, "confirmed"),
        (second, "confirmed"),
        (own, "sent"),
    ]


def test_empty_queue_and_head_of_another_unit(core: Core, make_chat: type[Chat]) -> None:
    play(make_chat("PVHCC03"), OFFICER_REPORT)
    other = make_chat("KTHTDT01")
    play(other, [Turn(send="/xacnhan", expect="Không có báo cáo nào đang chờ bạn xác nhận")])
    assert "Theo dõi trực tuyến" not in other.text
    officer = make_chat("PVHCC02")
    play(officer, [Turn(send="/xacnhan", expect="Lệnh /xacnhan dành cho Thủ trưởng đơn vị")])


def test_many_files_are_listed_and_photos_sent_as_photos(core: Core, make_chat: type[Chat]) -> None:
    officer = make_chat("PVHCC03")
    photo = png_bytes("blue")
    file_report(officer, "a)", "Số hóa hồ sơ một cửa", [("anh.png", photo, True)])
    six = [(f"phu-luc-{i}.pdf", PDF + f"% {i}\n".encode(), False) for i in range(6)]
    file_report(officer, "a)", "Số hóa hồ sơ hộ tịch", six)
    head = make_chat("PVHCC01")
    play(head, [Turn(send="/xacnhan", expect="Số hóa hồ sơ một cửa")])
    [sent] = [r.file for r in head.last if r.file is not None]
    assert (sent.name, sent.content, sent.is_photo) == ("anh.png", photo, True)
    play(head, [Turn(press="✅ Xác nhận", expect="Số hóa hồ sơ hộ tịch")])
    assert [r.file for r in head.last if r.file is not None] == []
    assert "Báo cáo có 6 tệp minh chứng" in head.text
    assert all(f"phu-luc-{i}.pdf" in head.text for i in range(6))


def test_stale_presses_say_what_changed(core: Core, make_chat: type[Chat]) -> None:
    officer = make_chat("PVHCC03")
    number = file_report(officer, "a)", "Rà soát quy trình một cửa")
    head = make_chat("PVHCC01")
    play(head, [Turn(send="/xacnhan", expect="1/1")])
    confirm = payload_of(head, "✅ Xác nhận")
    give_back = payload_of(head, "↩️ Trả lại")
    # The officer edits the report after the head opened it: the old buttons must not act.
    play(
        officer,
        [
            Turn(send="/cuatoi", expect="Chờ xác nhận"),
            Turn(press=f"Mở số {number}", expect="Chờ xác nhận"),
            Turn(press="✏️ Sửa", expect="Xem lại"),
            Turn(press="✏️ Sửa", expect="mục nào"),
            Turn(press="Tên thành tích", expect="tên ngắn gọn"),
            Turn(send="Rà soát toàn bộ quy trình một cửa", expect="Xem lại"),
            Turn(press="✅ Gửi", expect="Đã lưu thay đổi"),
        ],
    )
    head.press_payload(confirm)
    assert f"Báo cáo số {number} vừa được cán bộ sửa lại" in head.text
    assert report(core, number).status == "sent"
    assert "Rà soát toàn bộ quy trình một cửa" in head.text  # the new version, shown again
    play(head, [Turn(press="✅ Xác nhận", expect=f"Đã xác nhận báo cáo số {number}")])
    head.press_payload(confirm)
    assert f"Báo cáo số {number} đã được xác nhận trước đó" in head.text
    head.press_payload(give_back)
    assert "đã được xác nhận trước đó" in head.text
    assert report(core, number).status == "confirmed"
    assert len(audits(core, "report.confirm")) == 1


def test_withdrawn_while_typing_the_reason(core: Core, make_chat: type[Chat]) -> None:
    officer = make_chat("PVHCC03")
    number = file_report(officer, "a)", "Rà soát quy trình một cửa")
    head = make_chat("PVHCC01")
    play(
        head,
        [Turn(send="/xacnhan", expect="1/1"), Turn(press="↩️ Trả lại", expect="lý do")],
    )
    play(
        officer,
        [
            Turn(send="/cuatoi", expect="Chờ"),
            Turn(press=f"Mở số {number}", expect="Chờ"),
            Turn(press="↩️ Rút", expect="không khôi phục"),
            Turn(press="Đồng ý rút", expect="Đã rút"),
        ],
    )
    play(
        head, [Turn(send="Thiếu minh chứng", expect=f"Báo cáo số {number} đã được cán bộ rút lại")]
    )
    assert report(core, number).status == "withdrawn"
    assert audits(core, "report.return") == []


def test_forged_payloads_are_refused(core: Core, make_chat: type[Chat]) -> None:
    play(make_chat("PVHCC03"), OFFICER_REPORT)
    head = make_chat("PVHCC01")
    own = file_report(head, "b)", "Chỉ đạo hoàn thành nhiệm vụ")
    play(head, [Turn(send="/xacnhan", expect="1/1")])
    confirm, give_back, skip = (
        payload_of(head, label) for label in ("✅ Xác nhận", "↩️ Trả lại", "Bỏ qua")
    )
    for code in ("KTHTDT01", "VP01"):  # heads of other units
        intruder = make_chat(code)
        for payload in (confirm, give_back, skip):
            intruder.press_payload(payload)
            assert "Không tìm thấy báo cáo này" in intruder.text
    for code in ("PVHCC02", "VHXH02", "VP03"):  # a member, the secretariat, the admin
        intruder = make_chat(code)
        intruder.press_payload(confirm)
        assert "Theo kế hoạch thi đua, bạn không xác nhận" in intruder.text
    version = confirm.rsplit(".", 1)[1]
    head.press_payload(f"c.ok.{own}.{version}")
    assert "báo cáo của chính bạn" in head.text
    head.press_payload("c.ok.999999.1")
    assert "Không tìm thấy báo cáo này" in head.text
    for payload in ("c.ok.abc.1", "c.ok", "c.zz.1.1", "c.ok.1"):
        head.press_payload(payload)
        assert "không còn dùng được" in head.text
    assert [r.status for r in reports(core)] == ["sent", "sent"]
    assert audits(core, "report.confirm") == [] and audits(core, "report.return") == []


def test_officer_without_chat_account_is_not_told(core: Core, make_chat: type[Chat]) -> None:
    """A report entered for someone who never bound a chat: the head is told nobody was told."""
    with transaction(core.engine) as session:
        officer = officer_by_code(session, code="PVHCC04")
        assert officer is not None and officer.id is not None
        now = core.clock()
        session.add(
            Report(
                officer_id=officer.id,
                unit_id=officer.unit_id,
                criterion_code="a",
                title="Hồ sơ nhập hộ",
                description="Nhập hộ từ sổ theo dõi",
                period="Quý III/2026",
                result="Hoàn thành",
                created_at=now,
                submitted_at=now,
                updated_at=now,
            )
        )
    head = make_chat("PVHCC01")
    play(
        head,
        [
            Turn(send="/xacnhan", expect="Hồ sơ nhập hộ"),
            Turn(press="✅ Xác nhận", expect="chưa liên kết tài khoản chat"),
        ],
    )
    assert outbox_for(core, "PVHCC04") == []
    assert [r.status for r in reports(core)] == ["confirmed"]
