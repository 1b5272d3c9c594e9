"""Evidence: size limit, type sniffed from the bytes, each distinct file stored once."""

from __future__ import annotations

import io
import zipfile

import openpyxl
from sqlmodel import Session, select

from bot.core import Core
from storage.models import Evidence, StoredFile
from tests.chat import Chat
from tests.flows import Turn, play
from tests.test_report_flow import OFFICER_REPORT, PDF, png_bytes


def at_evidence_step(make_chat: type[Chat]) -> Chat:
    chat = make_chat("PVHCC03")
    play(chat, OFFICER_REPORT[:11])
    assert "Gửi minh chứng" in chat.text
    return chat


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Tháng", "Tỷ lệ đúng hạn"])  # type: ignore[union-attr]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><document/>')
    return out.getvalue()


def test_accepted_types_are_stored_with_their_sniffed_type(
    core: Core, make_chat: type[Chat]
) -> None:
    chat = at_evidence_step(make_chat)
    for name, content in [
        ("bang.xlsx", xlsx_bytes()),
        ("to-trinh.docx", docx_bytes()),
        ("anh.png", png_bytes()),
    ]:
        play(chat, [Turn(upload=(name, content), expect=f"Đã nhận «{name}»")])
    with Session(core.engine) as session:
        types = sorted(f.mime_type for f in session.exec(select(StoredFile)).all())
    assert types == [
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "image/png",
    ]


def test_type_comes_from_the_bytes_not_the_name(core: Core, make_chat: type[Chat]) -> None:
    chat = at_evidence_step(make_chat)
    play(
        chat,
        [
            Turn(
                upload=("bao-cao.pdf", b"MZ\x90\x00" + b"\x00" * 200),
                expect="không phải loại được nhận",
            ),
            Turn(upload=("ghi-chu.txt", "chỉ là chữ".encode()), expect="không phải loại được nhận"),
            Turn(upload=("anh-that.txt", png_bytes("blue")), expect="Đã nhận «anh-that.txt»"),
        ],
    )
    with Session(core.engine) as session:
        assert [f.extension for f in session.exec(select(StoredFile)).all()] == ["png"]


def test_too_large_and_empty_files(core: Core, make_chat: type[Chat]) -> None:
    chat = at_evidence_step(make_chat)
    limit = core.config.max_file_bytes
    chat.send_file("video.mp4", None, size=limit + 1)
    assert "vượt giới hạn 20,0 MB" in chat.text
    chat.send_file("to.pdf", PDF + b"0" * limit)
    assert "vượt giới hạn" in chat.text
    chat.send_file("rong.pdf", b"")
    assert "rỗng" in chat.text
    # Still at the evidence step, nothing lost of what was accepted before.
    play(chat, [Turn(press="Xong", expect="chưa có minh chứng")])


def test_same_file_in_two_reports_is_stored_once(core: Core, make_chat: type[Chat]) -> None:
    first = make_chat("PVHCC03")
    play(first, OFFICER_REPORT)
    second = make_chat("PVHCC04")
    play(second, OFFICER_REPORT)
    with Session(core.engine) as session:
        stored = session.exec(select(StoredFile)).all()
        evidence = session.exec(select(Evidence).where(Evidence.kind == "file")).all()
    assert len(stored) == 1 and len(evidence) == 2
    assert len({e.uploaded_by for e in evidence}) == 2
    assert len({e.report_id for e in evidence}) == 2
    assert len(list(core.files.root.rglob("*"))) == 3  # two fan-out folders and one file
