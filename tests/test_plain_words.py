"""What a ward officer found wrong by trying the bot, each fixed and kept fixed."""

from __future__ import annotations

import re
from types import ModuleType

from sqlmodel import Session, select

from bot.core import Core
from handlers import texts
from storage.models import Evidence, ReportStatus
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.factories import add_report
from tests.flows import Turn, play
from tests.test_confirmations import file_report
from tests.test_dossier import complete_dossier, submit
from tests.test_intake import PVHCC, dossier_of
from tests.test_report_flow import PDF, png_bytes


def every_text() -> list[str]:
    """Every Vietnamese string the bot can say, from every texts module."""

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for item in value.values() for s in strings(item)]
        if isinstance(value, tuple):
            return [s for item in value for s in strings(item)]
        return []

    found: list[str] = []
    for module in vars(texts).values():
        if isinstance(module, ModuleType) and module.__name__.startswith("handlers.texts."):
            for name, value in vars(module).items():
                if name.isupper():
                    found += strings(value)
    return found


def test_an_extended_deadline_clears_the_late_mark(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    head = complete_dossier(core, make_chat, "PVHCC01")
    clock.advance(days=51)  # 26/11/2026: past "trước 25/11/2026"
    submit(head)
    assert dossier_of(core, "PVHCC").late
    secretary = make_chat("VHXH02")
    play(
        secretary,
        [
            Turn(send="/hannop", expect="Nhập hạn mới"),
            Turn(send="01/12/2026", expect="Hạn nộp mới: trước 01/12/2026"),
            Turn(press="✅ Đồng ý", expect="Đã đặt hạn nộp mới: trước 01/12/2026, tức là"),
        ],
    )
    # The confirmation states the moment without brackets inside brackets.
    assert not re.search(r"\([^()]*\(", secretary.text), secretary.text
    assert not dossier_of(core, "PVHCC").late
    secretary.send("/tiepnhan")
    line = next(x for x in secretary.text.splitlines() if x.startswith(f"• {PVHCC}"))
    assert "nộp muộn" not in line


def test_a_units_zip_is_named_for_the_unit(core: Core, make_chat: type[Chat]) -> None:
    file_report(make_chat("PVHCC03"), "e)", "Theo dõi hồ sơ", [("bao-cao.pdf", PDF, False)])
    play(
        make_chat("PVHCC01"),
        [Turn(send="/xacnhan", expect="1/1"), Turn(press="✅ Xác nhận", expect="Đã xác nhận")],
    )
    chat = make_chat("VHXH02")
    play(chat, [Turn(send="/xuat PVHCC", expect="Chọn tài liệu cần xuất cho")])
    chat.press("🗂 Hồ sơ của đơn vị (ZIP)")
    assert "Hồ sơ của Trung tâm Phục vụ hành chính công lúc" in chat.text
    assert "toàn phường" not in chat.text


def test_a_criterion_without_a_target_asks_plainly(make_chat: type[Chat]) -> None:
    chat = make_chat("PVHCC03")
    play(
        chat,
        [
            Turn(send="/baocao", expect="tiêu chí"),
            Turn(press="Chính quyền điện tử", expect="sáng kiến"),
            Turn(press="Không", expect="tên ngắn gọn"),
            Turn(send="Dịch vụ công trực tuyến", expect="Mô tả"),
            Turn(send="Hướng dẫn người dân nộp hồ sơ trực tuyến", expect="Thời gian"),
            Turn(send="Quý III/2026", expect="Kết quả"),
            Turn(send="Tăng số hồ sơ trực tuyến", expect="Kế hoạch không đặt con số"),
        ],
    )
    assert "chỉ tiêu ." not in chat.text


def test_evidence_receipts_and_a_photos_caption(core: Core, make_chat: type[Chat]) -> None:
    chat = make_chat("PVHCC03")
    play(
        chat,
        [
            Turn(send="/baocao", expect="tiêu chí"),
            Turn(press="e) Theo dõi hồ sơ TTHC", expect="sáng kiến"),
            Turn(press="Không", expect="tên ngắn gọn"),
            Turn(send="Theo dõi hồ sơ một cửa", expect="Mô tả"),
            Turn(send="Cập nhật trạng thái hồ sơ hằng ngày", expect="Thời gian"),
            Turn(send="Quý III/2026", expect="Kết quả"),
            Turn(send="Không còn hồ sơ quá hạn", expect="chỉ tiêu 100%"),
            Turn(press="Bỏ qua", expect="Gửi minh chứng"),
            Turn(upload=("bao-cao.pdf", PDF), expect="Đã nhận «bao-cao.pdf» (1 KB)."),
        ],
    )
    assert chat.text.count("bao-cao.pdf") == 1 + chat.text.count("\n1. ")
    chat.send_file("anh.png", png_bytes(), is_photo=True, caption="Bảng theo dõi tại quầy một cửa")
    assert "kèm mô tả: «Bảng theo dõi tại quầy một cửa»" in chat.text
    play(chat, [Turn(press="Xong", expect="anh.png (1 KB) — Bảng theo dõi tại quầy một cửa")])
    # The report names whose achievement it is; "Hình thức" is the plan's word for the award.
    assert "Thành tích của: Cá nhân" in chat.text and "Hình thức:" not in chat.text
    play(chat, [Turn(press="✅ Gửi", expect="Đã gửi báo cáo số")])
    with Session(core.engine) as session:
        photo = session.exec(select(Evidence).where(Evidence.kind == "photo")).one()
    assert photo.description == "Bảng theo dõi tại quầy một cửa"


def test_a_returned_report_being_edited_is_not_called_waiting(
    core: Core, make_chat: type[Chat]
) -> None:
    number = add_report(
        core, "PVHCC03", status=ReportStatus.RETURNED, reason="Thiếu minh chứng số liệu"
    )
    chat = make_chat("PVHCC03")
    play(
        chat,
        [
            Turn(send="/cuatoi", expect=f"Số {number}"),
            Turn(press=f"Mở số {number}", expect="Bị trả lại"),
            Turn(press="✏️ Sửa", expect="Xem lại báo cáo trước khi gửi"),
        ],
    )
    assert "Chờ xác nhận" not in chat.text
    assert "Đang sửa, chưa gửi lại (trạng thái hiện tại: Bị trả lại)" in chat.text


def test_a_refused_tap_is_not_called_a_message(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    chat = make_chat("VP04")
    chat.send("/cuatoi")
    # A flood is answered once per window: the refusal is the answer to one of the taps.
    said = []
    for _ in range(core.config.flood_max_messages):
        chat.press_payload("f.stale")
        said.append(chat.text)
    [refusal] = [text for text in said if "CHƯA được ghi nhận" in text]
    assert "tin nhắn" not in refusal and "bấm" in refusal


def test_the_texts_say_what_the_plan_says() -> None:
    said = every_text()
    joined = "\n".join(said)
    # The council proposes; the Chủ tịch decides (plan III.2).
    for text in said:
        for sentence in re.split(r"[.;:]\s", text):
            if "Hội đồng" in sentence and "quyết định" in sentence:
                assert "Chủ tịch" in sentence.split("quyết định")[0], sentence
    assert "xét khen thưởng riêng cho sáng kiến" not in joined
    assert "Hình thức: {scope}" not in joined
    assert "Cho nghỉ việc" not in joined and "nghỉ việc?" not in joined
    # The bot names itself "Bot", never "Tôi".
    assert not re.search(r"(^|[.!?]\s)Tôi\b", joined)
    # Steps are not numbered on some prompts and not on others.
    assert not re.search(r"Bước \d", joined)
