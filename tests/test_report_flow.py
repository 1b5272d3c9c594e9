"""The officer's report, as tables of what the user sends and what the bot answers."""

from __future__ import annotations

import io

from PIL import Image
from sqlmodel import Session, select

from bot.core import Core
from storage.models import AuditEntry, Evidence, Report, StoredFile
from tests.chat import Chat
from tests.flows import Turn, play

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes(colour: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, format="PNG")
    return out.getvalue()


OFFICER_REPORT = [
    Turn(send="/baocao", expect="thuộc tiêu chí thi đua nào"),
    Turn(press="📖 Xem đầy đủ", expect="Hoàn thành 100% nhiệm vụ được Ủy ban nhân dân thành phố"),
    Turn(press="e) Theo dõi hồ sơ TTHC", expect="sáng kiến, giải pháp hoặc cách làm mới"),
    Turn(press="Có", expect="tên ngắn gọn"),
    Turn(send="Số", expect="quá ngắn"),
    Turn(send="Theo dõi trực tuyến hồ sơ một cửa", expect="Mô tả việc đã làm"),
    Turn(send="Cập nhật trạng thái hồ sơ lên hệ thống hằng ngày", expect="Thời gian thực hiện"),
    Turn(send="Quý III/2026", expect="Kết quả đạt được"),
    Turn(send="Không còn hồ sơ quá hạn", expect="chỉ tiêu 100%"),
    Turn(send="gần đủ", expect="cần có con số"),
    Turn(send="98% hồ sơ đúng hạn", expect="Gửi minh chứng"),
    Turn(upload=("bao-cao.pdf", PDF), expect="Đã nhận «bao-cao.pdf»"),
    Turn(upload=("bao-cao-lan-2.pdf", PDF), expect="đã có trong báo cáo này"),
    Turn(send="https://dichvucong.gov.vn/ho-so", expect="Đã nhận đường liên kết"),
    Turn(send="không có gì", expect="hãy gửi ảnh, tệp hoặc đường liên kết"),
    Turn(press="Xong", expect="Xem lại báo cáo trước khi gửi"),
    Turn(press="✅ Gửi", expect="Đã gửi báo cáo số"),
]


def test_officer_reports_with_evidence(core: Core, make_chat: type[Chat]) -> None:
    chat = make_chat("PVHCC03")
    play(chat, OFFICER_REPORT)
    with Session(core.engine) as session:
        report = session.exec(select(Report)).one()
        evidence = session.exec(select(Evidence).where(Evidence.report_id == report.id)).all()
        audit = session.exec(select(AuditEntry).where(AuditEntry.action == "report.submit")).one()
        stored = session.exec(select(StoredFile)).all()
    assert (report.criterion_code, report.is_initiative, report.status) == ("e", True, "sent")
    assert report.figure == "98% hồ sơ đúng hạn"
    assert report.scope == "individual"
    assert sorted(e.kind for e in evidence) == ["file", "link"]
    assert [s.mime_type for s in stored] == ["application/pdf"]
    assert core.files.read(stored[0].sha256) == PDF
    assert audit.after["title"] == "Theo dõi trực tuyến hồ sơ một cửa"
    assert audit.before == {}


def test_unit_head_may_report_for_the_unit(core: Core, make_chat: type[Chat]) -> None:
    head = make_chat("PVHCC01")
    play(
        head,
        [
            Turn(send="/report", expect="tiêu chí thi đua nào"),
            Turn(send="a", expect="cá nhân bạn, hay của tập thể"),
            Turn(press="Tập thể", expect="sáng kiến"),
            Turn(send="2", expect="tên ngắn gọn"),
            Turn(send="Đơn vị hoàn thành tốt nhiệm vụ", expect="Mô tả"),
            Turn(send="Rà soát toàn bộ quy trình một cửa", expect="Thời gian"),
            Turn(send="Năm 2026", expect="Kết quả"),
            Turn(send="Xếp loại tốt", expect="Gửi minh chứng"),
            Turn(upload=("anh.png", png_bytes()), photo=True, expect="Đã nhận «anh.png»"),
            Turn(press="Xong", expect="Tập thể (đơn vị)"),
            Turn(press="✅ Gửi", expect="Đã gửi báo cáo số"),
        ],
    )
    with Session(core.engine) as session:
        report = session.exec(select(Report)).one()
        evidence = session.exec(select(Evidence)).one()
    assert (report.scope, report.is_initiative, report.figure) == ("collective", False, "")
    assert evidence.kind == "photo"


def test_officer_is_not_asked_for_scope(make_chat: type[Chat]) -> None:
    chat = make_chat("PVHCC03")
    play(
        chat,
        [
            Turn(send="/baocao", expect="tiêu chí"),
            Turn(send="1", expect="sáng kiến"),
        ],
    )
    assert "Tập thể" not in chat.text


def test_bad_input_at_each_step(make_chat: type[Chat]) -> None:
    chat = make_chat("PVHCC03")
    play(
        chat,
        [
            Turn(send="/baocao", expect="tiêu chí"),
            Turn(upload=("x.pdf", PDF), expect="chọn một trong các nút"),
            Turn(send="tiêu chí gì đó", expect="chọn một trong các nút"),
            Turn(send="99", expect="chọn một trong các nút"),
            Turn(press="b)", expect="sáng kiến"),
            Turn(send="Không", expect="tên ngắn gọn"),
            Turn(upload=("x.pdf", PDF), expect="cần nhập chữ, không phải tệp"),
            Turn(send="x" * 301, expect="quá dài"),
            Turn(send="/cuatoi", expect="đang làm dở «báo cáo thành tích»"),
            Turn(send="/lenhla", expect="Lệnh /lenhla không có"),
            Turn(send="/trogiup", expect="/baocao"),
            Turn(send="Tên thành tích hợp lệ", expect="Mô tả"),
        ],
    )


def test_stale_button_says_so(make_chat: type[Chat]) -> None:
    chat = make_chat("PVHCC03")
    chat.send("/baocao")
    old_criterion_button = chat.last[-1].flat_buttons()[0].payload
    chat.press("a)")
    play(chat, [Turn(send="", expect="")])  # an empty message changes nothing
    chat.press_payload(old_criterion_button)
    assert "đã qua" in chat.text
    assert "sáng kiến" in chat.text  # shown where the user really is
    chat.send("/huy")
    chat.press_payload(old_criterion_button)
    assert "đã qua" in chat.text
    chat.press_payload("zz.unknown")
    assert "đã qua" in chat.text


def test_cancel_drops_the_draft(core: Core, make_chat: type[Chat]) -> None:
    chat = make_chat("PVHCC03")
    play(
        chat,
        [
            Turn(send="/baocao", expect="tiêu chí"),
            Turn(send="/cancel", expect="Đã hủy «báo cáo thành tích»"),
            Turn(send="/huy", expect="Không có thao tác nào"),
            Turn(send="xin chào", expect="chưa hiểu"),
            Turn(upload=("x.pdf", PDF), expect="chưa biết gắn vào báo cáo nào"),
        ],
    )
    with Session(core.engine) as session:
        assert session.exec(select(Report)).all() == []


def test_summary_edit_goes_back_to_summary(core: Core, make_chat: type[Chat]) -> None:
    chat = make_chat("PVHCC03")
    play(chat, OFFICER_REPORT[:-1])
    play(
        chat,
        [
            Turn(press="✏️ Sửa", expect="Bạn muốn sửa mục nào"),
            Turn(press="Tên thành tích", expect="tên ngắn gọn"),
            Turn(send="Tên mới sau khi sửa", expect="Xem lại báo cáo"),
            Turn(press="✏️ Sửa", expect="mục nào"),
            Turn(press="Minh chứng", expect="Minh chứng đã có"),
            Turn(press="Xóa bớt", expect="Chọn minh chứng cần xóa"),
            Turn(press="📄 bao-cao.pdf", expect="Đã xóa minh chứng «bao-cao.pdf»"),
            Turn(press="Xong", expect="Tên mới sau khi sửa"),
            Turn(press="✅ Gửi", expect="Đã gửi"),
        ],
    )
    with Session(core.engine) as session:
        report = session.exec(select(Report)).one()
        kinds = [e.kind for e in session.exec(select(Evidence)).all()]
    assert report.title == "Tên mới sau khi sửa"
    assert kinds == ["link"]


def test_summary_cancel(core: Core, make_chat: type[Chat]) -> None:
    chat = make_chat("PVHCC03")
    play(chat, OFFICER_REPORT[:-1])
    play(chat, [Turn(press="❌ Hủy", expect="Đã hủy")])
    with Session(core.engine) as session:
        assert session.exec(select(Report)).all() == []
