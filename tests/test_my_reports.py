"""/cuatoi: list, open, edit, withdraw; a confirmed report is locked; nobody opens another's."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.core import Core
from handlers.reports.form import REPORT_FORM
from storage.db import transaction
from storage.models import AuditEntry, Evidence, Report, ReportStatus
from tests.chat import Chat
from tests.flows import Turn, play
from tests.test_report_flow import OFFICER_REPORT, PDF


def filed_report(make_chat: type[Chat], officer: str = "PVHCC03") -> Chat:
    chat = make_chat(officer)
    play(chat, OFFICER_REPORT)
    return chat


def only_report(core: Core) -> Report:
    with Session(core.engine) as session:
        return session.exec(select(Report)).one()


def set_status(core: Core, status: ReportStatus) -> None:
    with transaction(core.engine) as session:
        report = session.exec(select(Report)).one()
        report.status = status
        report.return_reason = "Thiếu số liệu quý III" if status == ReportStatus.RETURNED else ""
        session.add(report)


def test_list_and_open(core: Core, make_chat: type[Chat]) -> None:
    chat = filed_report(make_chat)
    number = only_report(core).id
    play(
        chat,
        [
            Turn(
                send="/cuatoi",
                expect=f"Số {number} — Theo dõi trực tuyến hồ sơ một cửa (Chờ xác nhận)",
            ),
            Turn(press=f"Mở số {number}", expect="98% hồ sơ đúng hạn"),
        ],
    )
    assert "📄 bao-cao.pdf" in chat.text and "Gửi lúc 06/10/2026 09:00" in chat.text
    assert chat.labels() == ["✏️ Sửa", "↩️ Rút báo cáo", "⬅️ Danh sách"]


def test_the_list_shows_the_ten_newest_and_counts_the_rest(
    core: Core, make_chat: type[Chat]
) -> None:
    chat = filed_report(make_chat)
    with transaction(core.engine) as session:
        first = session.exec(select(Report)).one()
        for n in range(11):
            copy = Report.model_validate(first.model_dump(exclude={"id"}))
            copy.title = f"Báo cáo thêm {n}"
            session.add(copy)
    with Session(core.engine) as session:
        numbers = sorted(report.id for report in session.exec(select(Report)).all())
    chat.send("/cuatoi")
    assert "Báo cáo của bạn (12):" in chat.text
    assert "… và 2 báo cáo cũ hơn." in chat.text
    assert chat.labels() == [f"Mở số {number}" for number in reversed(numbers[2:])]


def test_edit_adds_and_removes_evidence_and_is_audited(core: Core, make_chat: type[Chat]) -> None:
    chat = filed_report(make_chat)
    number = only_report(core).id
    play(
        chat,
        [
            Turn(send="/mine", expect="Báo cáo của bạn (1)"),
            Turn(press=f"Mở số {number}", expect="Chờ xác nhận"),
            Turn(press="✏️ Sửa", expect="Xem lại báo cáo"),
            Turn(press="✏️ Sửa", expect="mục nào"),
            Turn(press="Minh chứng", expect="bao-cao.pdf"),
            Turn(press="Xóa bớt", expect="cần xóa"),
            Turn(press="🔗", expect="Đã xóa minh chứng"),
            Turn(upload=("phu-luc.pdf", PDF + b"% second\n"), expect="Đã nhận «phu-luc.pdf»"),
            Turn(press="Xong", expect="phu-luc.pdf"),
            Turn(press="✅ Gửi", expect=f"Đã lưu thay đổi của báo cáo số {number}"),
        ],
    )
    with Session(core.engine) as session:
        names = sorted(e.name for e in session.exec(select(Evidence)).all())
        edit = session.exec(select(AuditEntry).where(AuditEntry.action == "report.edit")).one()
    assert names == ["bao-cao.pdf", "phu-luc.pdf"]
    assert [e["kind"] for e in edit.before["evidence"]] == ["file", "link"]
    assert [e["name"] for e in edit.after["evidence"]] == ["bao-cao.pdf", "phu-luc.pdf"]


def test_returned_report_edited_goes_back_to_sent(core: Core, make_chat: type[Chat]) -> None:
    chat = filed_report(make_chat)
    set_status(core, ReportStatus.RETURNED)
    number = only_report(core).id
    play(
        chat,
        [
            Turn(send="/cuatoi", expect="Bị trả lại"),
            Turn(press=f"Mở số {number}", expect="Lý do trả lại: Thiếu số liệu quý III"),
            Turn(press="✏️ Sửa", expect="Xem lại"),
            Turn(press="✅ Gửi", expect="Đã lưu thay đổi"),
        ],
    )
    report = only_report(core)
    assert (report.status, report.return_reason) == ("sent", "")


def test_withdraw_asks_first(core: Core, make_chat: type[Chat]) -> None:
    chat = filed_report(make_chat)
    number = only_report(core).id
    play(
        chat,
        [
            Turn(send="/cuatoi", expect="Chờ xác nhận"),
            Turn(press=f"Mở số {number}", expect="Chờ xác nhận"),
            Turn(press="↩️ Rút", expect="không khôi phục được"),
            Turn(press="Không rút", expect="được giữ nguyên"),
        ],
    )
    assert only_report(core).status == "sent"
    play(
        chat,
        [
            Turn(send="/cuatoi", expect="Chờ xác nhận"),
            Turn(press=f"Mở số {number}", expect="Chờ xác nhận"),
            Turn(press="↩️ Rút", expect="không khôi phục được"),
            Turn(press="Đồng ý rút", expect=f"Đã rút báo cáo số {number}"),
        ],
    )
    assert only_report(core).status == "withdrawn"


def test_confirmed_report_is_locked(core: Core, make_chat: type[Chat]) -> None:
    chat = filed_report(make_chat)
    number = only_report(core).id
    play(
        chat,
        [Turn(send="/cuatoi", expect="Chờ xác nhận"), Turn(press="Mở số", expect="Chờ xác nhận")],
    )
    edit_payload = chat.last[-1].flat_buttons()[0].payload
    withdraw_payload = chat.last[-1].flat_buttons()[1].payload
    set_status(core, ReportStatus.CONFIRMED)
    play(
        chat,
        [Turn(send="/cuatoi", expect="Đã xác nhận"), Turn(press="Mở số", expect="Đã xác nhận")],
    )
    assert chat.labels() == ["⬅️ Danh sách"]
    for payload in (edit_payload, withdraw_payload, f"r.wdok.{number}"):
        chat.press_payload(payload)
        assert "đã được xác nhận nên không sửa" in chat.text


def test_confirmation_while_editing_wins(core: Core, make_chat: type[Chat]) -> None:
    chat = filed_report(make_chat)
    play(
        chat,
        [
            Turn(send="/cuatoi", expect="Chờ"),
            Turn(press="Mở số", expect="Chờ xác nhận"),
            Turn(press="✏️ Sửa", expect="Xem lại"),
        ],
    )
    set_status(core, ReportStatus.CONFIRMED)
    play(chat, [Turn(press="✅ Gửi", expect="đã được xác nhận")])
    assert only_report(core).title == "Theo dõi trực tuyến hồ sơ một cửa"


def test_forged_payload_for_another_officers_report(core: Core, make_chat: type[Chat]) -> None:
    filed_report(make_chat)
    number = only_report(core).id
    intruder = make_chat("VP04")
    for action in ("open", "edit", "wd", "wdok"):
        intruder.press_payload(f"r.{action}.{number}")
        assert "Không tìm thấy báo cáo" in intruder.text
    for payload in ("r.open.abc", "r.open", "r.nothing.1"):
        intruder.press_payload(payload)
        assert intruder.text
    assert only_report(core).status == "sent"


def test_empty_list(make_chat: type[Chat]) -> None:
    chat = make_chat("VP04")
    play(chat, [Turn(send="/cuatoi", expect="chưa có báo cáo nào")])


def test_draft_survives_a_restart(core: Core, make_chat: type[Chat]) -> None:
    chat = make_chat("PVHCC03")
    play(chat, OFFICER_REPORT[:8])
    restarted = Core(
        engine=core.engine,
        campaign=core.campaign,
        config=core.config,
        files=core.files,
        clock=core.clock,
    )
    chat.core = restarted
    play(chat, OFFICER_REPORT[8:])
    assert only_report(core).period == "Quý III/2026"
    assert REPORT_FORM.name == "report"
