"""Input meant to break things: invisible text, repeated links, lengths beyond the columns."""

from __future__ import annotations

import io
import zipfile

import openpyxl
from sqlmodel import Session, select

from bot.core import Core
from handlers import texts
from handlers.engine.file_names import MAX_NAME_LENGTH, clean_file_name
from storage.models import (
    Announcement,
    Conversation,
    DossierFile,
    Evidence,
    Outbox,
    Report,
    column_length,
)
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.factories import add_report
from tests.flows import Turn, play
from tests.test_evidence import at_evidence_step
from tests.test_report_flow import OFFICER_REPORT, PDF

INVISIBLE = "\u200b" * 6
# Other ways to type nothing: a direction mark, a Hangul filler, a word joiner and a blank.
OTHER_INVISIBLES = ["\u200e\u200f\u2060", "\u3164\u3164\u3164", "\u2800\u00a0\u2800\u2060"]


def test_text_without_visible_characters_is_refused_at_every_typed_step(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    """Each free-text step of the report refuses it and asks the same question again."""
    chat = make_chat("PVHCC03")
    questions = {
        "title": "tên ngắn gọn",
        "description": "Mô tả việc đã làm",
        "period": "Thời gian thực hiện",
        "result": "Kết quả đạt được",
        "figure": "chỉ tiêu 100%",
        "evidence": "Gửi minh chứng",
    }
    play(chat, OFFICER_REPORT[:4])
    answers = [turn for turn in OFFICER_REPORT[5:11] if "quá ngắn" not in turn.expect]
    answers = [turn for turn in answers if turn.send != "gần đủ"]
    for (step, question), answer in zip(questions.items(), [*answers[:5], None], strict=True):
        for nothing in [INVISIBLE, *OTHER_INVISIBLES]:
            clock.advance(seconds=2)  # a person's pace, below the flood limit
            said = chat.send(nothing)
            assert said[0].text.startswith(texts.TEXT_INVISIBLE), (step, said[0].text)
            assert question in said[0].text, step
        if answer is not None:
            play(chat, [answer])
    with Session(core.engine) as session:
        assert session.exec(select(Report)).all() == []


def test_invisible_characters_count_for_nothing_in_a_length_or_a_note(
    core: Core, make_chat: type[Chat]
) -> None:
    chat = make_chat("PVHCC03")
    play(chat, OFFICER_REPORT[:4])
    play(chat, [Turn(send="X" + "\u200b" * 4, expect="quá ngắn")])
    play(chat, [Turn(send="Theo dõi hồ sơ", expect="Mô tả")])
    play(chat, [turn for turn in OFFICER_REPORT[6:11] if turn.send != "gần đủ"])
    chat.send_file("bao-cao.pdf", PDF, caption=INVISIBLE)
    assert "Đã nhận «bao-cao.pdf»" in chat.text
    with Session(core.engine) as session:
        query = select(Conversation).where(Conversation.platform_user_id == chat.user_id)
        [item] = session.exec(query).one().answers["evidence"]
    assert "description" not in item


def test_invisible_announcement_and_invite_code_are_refused(make_chat: type[Chat]) -> None:
    secretary = make_chat("VHXH02")
    play(secretary, [Turn(send="/thongbao", expect="Nhập nội dung thông báo")])
    play(secretary, [Turn(send=INVISIBLE * 10, expect=texts.TEXT_INVISIBLE)])
    stranger = make_chat(None)
    stranger.send("/start")
    # Not shaped like a code: not a try, and the stranger is told what is expected.
    assert texts.NOT_BOUND in stranger.send(INVISIBLE)[0].text


def test_a_link_given_twice_is_kept_once(core: Core, make_chat: type[Chat]) -> None:
    chat = at_evidence_step(make_chat)
    link = "https://dichvucong.gov.vn/ho-so/123"
    play(
        chat,
        [
            Turn(send=link, expect=texts.LINK_ADDED),
            Turn(send=f"  {link} ", expect=texts.LINK_DUPLICATE),
            Turn(press="Xong", expect="Xem lại"),
            Turn(press="✅ Gửi", expect="Đã gửi báo cáo số"),
        ],
    )
    with Session(core.engine) as session:
        assert [e.url for e in session.exec(select(Evidence))] == [link]


def test_typed_cells_are_text_in_the_export(core: Core, make_chat: type[Chat]) -> None:
    """A title typed as a formula stays words; a vertical tab no longer sinks the workbook."""
    formula = '=HYPERLINK("http://127.0.0.1/x","Bấm vào đây")'
    add_report(core, "PVHCC03", formula)
    add_report(core, "PVHCC02", "Rà soát\x0b hồ sơ một cửa")
    add_report(core, "PVHCC04", "Theo dõi\uffff hồ sơ\ufffe trực tuyến")
    chat = make_chat("VHXH02")
    play(chat, [Turn(send="/xuat", expect="Chọn tài liệu cần xuất")])
    chat.press("📊 Bảng tổng hợp")
    content = next(reply.file.content for reply in chat.last if reply.file is not None)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(name) for name in sheets)
    titles = {
        cell.value: cell.data_type
        for sheet in openpyxl.load_workbook(io.BytesIO(content)).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }
    assert titles[formula] == "s"
    assert titles["Rà soát hồ sơ một cửa"] == "s"
    assert titles["Theo dõi hồ sơ trực tuyến"] == "s"


def test_what_xml_cannot_hold_is_dropped_where_text_comes_in(
    core: Core, make_chat: type[Chat]
) -> None:
    chat = make_chat("PVHCC03")
    play(chat, OFFICER_REPORT[:4])
    chat.send("Theo dõi\uffff hồ sơ\ud800 trực tuyến")
    assert "Mô tả" in chat.text
    with Session(core.engine) as session:
        query = select(Conversation).where(Conversation.platform_user_id == chat.user_id)
        draft = session.exec(query).one()
    assert draft.answers["title"] == "Theo dõi hồ sơ trực tuyến"


def test_every_enforced_length_is_checked_first_in_words(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    """Just over each column's length: refused with the limit named; just at it: stored."""
    limits = {
        "title": column_length(Report, "title"),
        "period": column_length(Report, "period"),
        "figure": column_length(Report, "figure"),
    }
    chat = make_chat("PVHCC03")
    play(chat, OFFICER_REPORT[:4])
    fill = {
        "title": "Tên",
        "description": None,
        "period": "Quý",
        "result": None,
        "figure": "9",
    }
    for step, start in fill.items():
        clock.advance(seconds=2)
        if start is None:
            chat.send("Cập nhật trạng thái hồ sơ lên hệ thống hằng ngày")
            continue
        limit = limits[step]
        said = chat.send(start + "x" * (limit + 1 - len(start)))
        assert f"tối đa {limit}" in said[0].text, step
        chat.send(start + "x" * (limit - len(start)))
    assert "Gửi minh chứng" in chat.text
    longest = column_length(Evidence, "url")
    link = "https://dichvucong.gov.vn/ho-so?q="
    said = chat.send(link + "a" * (longest + 1 - len(link)))
    assert f"tối đa {longest}" in said[0].text
    # Longer than a name may be (the old failure on PostgreSQL), within the address's length.
    play(chat, [Turn(send=link + "b" * (longest - len(link)), expect=texts.LINK_ADDED)])
    play(chat, [Turn(press="Xong", expect="Xem lại"), Turn(press="✅ Gửi", expect="Đã gửi")])
    with Session(core.engine) as session:
        report = session.exec(select(Report)).one()
        [evidence] = session.exec(select(Evidence)).all()
    assert (len(report.title), len(report.period), len(report.figure)) == tuple(limits.values())
    assert len(evidence.url) == longest


def test_a_safe_file_name_fits_every_file_name_column() -> None:
    columns = [
        column_length(Evidence, "name"),
        column_length(Announcement, "file_name"),
        column_length(Outbox, "file_name"),
        column_length(DossierFile, "file_name"),
    ]
    longest = clean_file_name("x" * 10_000 + ".docx")
    assert len(longest) == MAX_NAME_LENGTH and longest.endswith(".docx")
    assert all(len(longest) <= limit for limit in columns)
