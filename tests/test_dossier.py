"""/hoso: the checklist, uploads, drafts, sending with gaps named, late marking, read-only."""

from __future__ import annotations

import io

from docx import Document
from sqlmodel import Session, select

from bot.core import Core
from storage.models import AuditEntry, Dossier, DossierFile, Outbox
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.flows import Turn, play
from tests.test_nominations import add_report, nominate, officer_id
from tests.test_report_flow import PDF, png_bytes

MINUTES = PDF + b"% bien ban hop hoi dong\n"


def upload(head: Chat, number: int, name: str, content: bytes) -> None:
    """Upload a file for the checklist's line `number`."""
    play(
        head,
        [
            Turn(send="/hoso", expect="Hồ sơ đề nghị khen thưởng"),
            Turn(press=f"⬆️ Tải lên {number}", expect="Gửi tệp cho mục"),
            Turn(upload=(name, content), expect=f"Đã lưu «{name}»"),
        ],
    )


def complete_dossier(core: Core, make_chat: type[Chat], head_code: str = "PVHCC01") -> Chat:
    """A head whose unit has one nomination backed by a confirmed report, and every document."""
    unit = head_code[:-2]
    member = {"PVHCC": ("PVHCC03", "Mai Thị Kim Oanh"), "VP": ("VP04", "Phạm Thị Lan")}[unit]
    report = add_report(core, member[0], "Theo dõi hồ sơ một cửa")
    head = make_chat(head_code)
    nominate(head, member[1], [report])
    upload(head, 1, "to-trinh.pdf", PDF)
    upload(head, 2, "bao-cao-thanh-tich.png", png_bytes())
    upload(head, 3, "bien-ban.pdf", MINUTES)
    return head


def submit(head: Chat) -> None:
    play(
        head,
        [
            Turn(send="/hoso", expect="Hồ sơ đề nghị khen thưởng"),
            Turn(press="📤 Gửi hồ sơ", expect="cho phòng Văn hóa – Xã hội?"),
            Turn(press="✅ Đồng ý gửi", expect="Đã gửi hồ sơ cho phòng Văn hóa – Xã hội"),
        ],
    )


def docx_text(content: bytes) -> str:
    """Every paragraph of a Word file, tables included."""
    document = Document(io.BytesIO(content))
    cells = [cell for table in document.tables for row in table.rows for cell in row.cells]
    paragraphs = [*document.paragraphs, *(p for cell in cells for p in cell.paragraphs)]
    return "\n".join(p.text for p in paragraphs)


def dossier(core: Core) -> Dossier:
    with Session(core.engine) as session:
        return session.exec(select(Dossier)).one()


def files(core: Core) -> list[DossierFile]:
    with Session(core.engine) as session:
        return list(session.exec(select(DossierFile)).all())


def test_checklist_and_upload(core: Core, make_chat: type[Chat]) -> None:
    head = make_chat("PVHCC01")
    play(
        head,
        [
            Turn(send="/hoso", expect="❌ 1. Tờ trình kèm danh sách — chưa có"),
            Turn(send="/hoso", expect="❌ 2. Báo cáo thành tích — chưa có đề xuất nào"),
            Turn(send="/hoso", expect="❌ 3. Biên bản họp Hội đồng TĐKT — chưa có"),
            Turn(send="/hoso", expect="Hạn nộp: trước 25/11/2026 (còn 50 ngày)"),
        ],
    )
    labels = head.labels()
    assert {"⬆️ Tải lên 1", "📝 Bot soạn 1", "⬆️ Tải lên 3", "📤 Gửi hồ sơ"} <= set(labels)
    assert "📝 Bot soạn 3" not in labels and "⬆️ Tải lên 2" not in labels
    play(
        head,
        [
            Turn(press="⬆️ Tải lên 1", expect="Gửi tệp cho mục «Tờ trình kèm danh sách»"),
            Turn(send="đây là tờ trình", expect="hãy gửi một tệp"),
            Turn(upload=("to-trinh.exe", b"MZ\x90\x00" * 64), expect="không phải loại được nhận"),
            Turn(upload=("to-trinh.pdf", PDF), expect="Đã lưu «to-trinh.pdf»"),
            Turn(send="/hoso", expect="✅ 1. Tờ trình kèm danh sách — to-trinh.pdf"),
            Turn(press="⬆️ Tải lên 1", expect="thay cho tệp «to-trinh.pdf» đang có"),
            Turn(upload=("to-trinh-ky.pdf", PDF + b"% signed\n"), expect="to-trinh-ky.pdf"),
            Turn(press="⬆️ Tải lên 3", expect="Biên bản họp Hội đồng TĐKT"),
            Turn(press="❌ Thôi", expect="Đã hủy «tải lên tài liệu hồ sơ»"),
            Turn(send="/hoso", expect="❌ 3. Biên bản"),
            Turn(press="👁 Xem 1", expect="«to-trinh-ky.pdf» — Tờ trình kèm danh sách"),
        ],
    )
    assert head.last[0].file is not None and head.last[0].file.content == PDF + b"% signed\n"
    assert [(f.document_code, f.file_name, f.drafted) for f in files(core)] == [
        ("submission_letter", "to-trinh-ky.pdf", False)
    ]
    with Session(core.engine) as session:
        uploads = session.exec(
            select(AuditEntry).where(AuditEntry.action == "dossier.upload")
        ).all()
    assert [u.before["files"] for u in uploads] == [[], ["to-trinh.pdf"]]


def test_sending_is_refused_with_the_gaps_named_then_accepted(
    core: Core, make_chat: type[Chat]
) -> None:
    secretary = make_chat("VHXH02")
    head = make_chat("PVHCC01")
    upload(head, 1, "to-trinh.pdf", PDF)
    play(
        head,
        [
            Turn(press="📤 Gửi hồ sơ", expect="Chưa gửi được vì hồ sơ còn thiếu"),
            Turn(send="/hoso", expect="Hồ sơ"),
            Turn(press="📤 Gửi hồ sơ", expect="Báo cáo thành tích: chưa có đề xuất khen thưởng"),
        ],
    )
    assert "• Biên bản họp Hội đồng TĐKT" in head.text
    assert "• Tờ trình kèm danh sách" not in head.text
    report = add_report(core, "PVHCC03", "Theo dõi hồ sơ một cửa")
    nominate(head, "Mai Thị Kim Oanh", [report])
    upload(head, 3, "bien-ban.pdf", MINUTES)
    play(
        head,
        [
            Turn(send="/hoso", expect="❌ 2. Báo cáo thành tích: Mai Thị Kim Oanh — Giấy khen"),
            Turn(press="📤 Gửi hồ sơ", expect="• Báo cáo thành tích: Mai Thị Kim Oanh — Giấy khen"),
        ],
    )
    upload(head, 2, "bao-cao.png", png_bytes())
    play(
        head,
        [
            Turn(press="📤 Gửi hồ sơ", expect="(1 đề xuất)"),
            Turn(press="Chưa gửi", expect="Hồ sơ chưa được gửi"),
            Turn(press="📤 Gửi hồ sơ", expect="không sửa được nữa, trừ khi hồ sơ bị trả lại"),
            Turn(press="✅ Đồng ý gửi", expect="lúc 09:00 ngày 06/10/2026"),
        ],
    )
    assert "NỘP MUỘN" not in head.text and "Đã gửi, chờ tiếp nhận" in head.text
    sent = dossier(core)
    assert (sent.status, sent.late, sent.submitted_at) == ("submitted", False, core.clock())
    with Session(core.engine) as session:
        audit = session.exec(select(AuditEntry).where(AuditEntry.action == "dossier.submit")).one()
        notices = session.exec(select(Outbox)).all()
    assert (audit.before["status"], audit.after["status"]) == ("draft", "submitted")
    assert len(audit.after["files"]) == 3
    assert [n.officer_id for n in notices] == [officer_id(core, "VHXH02")]
    assert notices[0].chat_id == secretary.user_id
    assert "Trung tâm Phục vụ hành chính công đã gửi hồ sơ" in notices[0].text


def test_submitted_dossier_is_read_only_for_the_head(core: Core, make_chat: type[Chat]) -> None:
    head = complete_dossier(core, make_chat)
    submit(head)
    head.send("/hoso")
    assert "chỉ xem được" in head.text
    assert not [label for label in head.labels() if "Tải lên" in label or "Bot soạn" in label]
    assert "📤 Gửi hồ sơ" not in head.labels()
    payloads = ["d.up.submission_letter.0", "d.draft.submission_letter.0", "d.send", "d.sendok"]
    for payload in payloads:
        head.press_payload(payload)
        assert "không sửa được nữa" in head.text, payload
    head.send("/hoso")
    head.press("👁 Xem 3")
    assert head.last[0].file is not None and head.last[0].file.content == MINUTES
    assert [f.file_name for f in files(core)] == [
        "to-trinh.pdf",
        "bao-cao-thanh-tich.png",
        "bien-ban.pdf",
    ]


def test_late_dossier_is_accepted_and_marked(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    head = complete_dossier(core, make_chat)
    # 24/11/2026 23:30 in Hà Nội: still in time.
    clock.advance(days=49, hours=14, minutes=30)
    head.send("/hoso")
    assert "(còn 1 ngày)" in head.text
    clock.advance(minutes=30)
    play(
        head,
        [
            Turn(send="/hoso", expect="(đã quá hạn)"),
            Turn(press="📤 Gửi hồ sơ", expect="hồ sơ vẫn được nhận nhưng sẽ ghi là nộp muộn"),
            Turn(press="✅ Đồng ý gửi", expect="Hồ sơ được ghi là NỘP MUỘN"),
        ],
    )
    assert "⚠️ nộp muộn" in head.text
    assert dossier(core).late


def test_on_time_just_before_the_deadline(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    make_chat("VHXH02")
    head = complete_dossier(core, make_chat)
    clock.advance(days=49, hours=14, minutes=59)
    submit(head)
    assert not dossier(core).late
    with Session(core.engine) as session:
        [notice] = session.exec(select(Outbox)).all()
    assert "nộp muộn" not in notice.text


def test_bot_drafts_the_letter_and_the_achievement_report(
    core: Core, make_chat: type[Chat]
) -> None:
    report = add_report(core, "PVHCC03", "Theo dõi hồ sơ một cửa")
    head = make_chat("PVHCC01")
    nominate(head, "Mai Thị Kim Oanh", [report])
    play(
        head,
        [
            Turn(send="/hoso", expect="❌ 1."),
            Turn(press="📝 Bot soạn 1", expect="Bot đã soạn «to-trinh-PVHCC.docx»"),
        ],
    )
    letter = head.last[0].file
    assert letter is not None and letter.name == "to-trinh-PVHCC.docx"
    assert "Mai Thị Kim Oanh" in docx_text(letter.content)
    assert "📝 1. Tờ trình kèm danh sách — to-trinh-PVHCC.docx (dự thảo, chưa ký)" in head.text
    head.press("📝 Bot soạn 2")
    achievement = head.last[0].file
    assert achievement is not None and achievement.name.startswith("bao-cao-thanh-tich-")
    assert "Theo dõi hồ sơ một cửa" in docx_text(achievement.content)
    head.press_payload("d.draft.council_minutes.0")
    assert "Bot không soạn thay được «Biên bản họp Hội đồng TĐKT»" in head.text
    stored = files(core)
    assert [(f.document_code, f.drafted) for f in stored] == [
        ("submission_letter", True),
        ("achievement_report", True),
    ]
    assert core.files.read(stored[0].file_sha256) == letter.content
    with Session(core.engine) as session:
        drafts = session.exec(select(AuditEntry).where(AuditEntry.action == "dossier.draft")).all()
    assert len(drafts) == 2
    # Unsigned drafts never make the dossier complete: sending names them until signed copies come.
    upload(head, 3, "bien-ban.pdf", MINUTES)
    play(head, [Turn(press="📤 Gửi hồ sơ", expect="Chưa gửi được vì hồ sơ còn thiếu")])
    assert "• Tờ trình kèm danh sách: mới là dự thảo, chưa ký" in head.text
    assert (
        "• Báo cáo thành tích: Mai Thị Kim Oanh — Giấy khen: mới là dự thảo, chưa ký" in head.text
    )
    upload(head, 1, "to-trinh-da-ky.pdf", PDF)
    upload(head, 2, "bao-cao-da-ky.pdf", PDF + b"% signed report\n")
    submit(head)
    assert dossier(core).status == "submitted"


def test_forged_dossier_payloads_are_refused(core: Core, make_chat: type[Chat]) -> None:
    head = complete_dossier(core, make_chat)
    [nomination_id] = {f.nomination_id for f in files(core) if f.nomination_id}
    other_head = make_chat("VP01")
    for action in ("up", "draft", "view"):
        other_head.press_payload(f"d.{action}.achievement_report.{nomination_id}")
        assert "Không tìm thấy mục này trong hồ sơ của đơn vị bạn" in other_head.text
    other_head.press_payload("d.view.submission_letter.0")
    assert other_head.last[0].file is None and "chưa có tệp" in other_head.text
    other_head.press_payload("d.up.unknown_document.0")
    assert "Không tìm thấy mục này" in other_head.text
    for code in ("PVHCC03", "VHXH02", "VP03"):
        chat = make_chat(code)
        for payload in ("d.show", "d.send", "d.sendok", "d.view.submission_letter.0"):
            chat.press_payload(payload)
            assert "Lệnh /hoso dành cho Thủ trưởng đơn vị" in chat.text, (code, payload)
            assert chat.last[0].file is None
    assert dossier(core).status == "draft"
    head.send("/hoso")
    assert "✅ 2. Báo cáo thành tích: Mai Thị Kim Oanh" in head.text


def test_changing_nominations_updates_the_dossier(core: Core, make_chat: type[Chat]) -> None:
    head = complete_dossier(core, make_chat)
    [nomination_id] = {f.nomination_id for f in files(core) if f.nomination_id}
    play(
        head,
        [
            Turn(send="/dexuat", expect="Các đề xuất khen thưởng"),
            Turn(press=f"Mở số {nomination_id}", expect="Đối tượng: Mai Thị Kim Oanh"),
            Turn(press="↩️ Rút đề xuất", expect="được bỏ khỏi hồ sơ"),
            Turn(press="Đồng ý rút", expect="soạn lại hoặc tải lên lại «Tờ trình kèm danh sách»"),
            Turn(send="/hoso", expect="❌ 2. Báo cáo thành tích — chưa có đề xuất nào"),
        ],
    )
    assert [f.document_code for f in files(core)] == ["submission_letter", "council_minutes"]
    with Session(core.engine) as session:
        entry = session.exec(
            select(AuditEntry).where(AuditEntry.action == "nomination.withdraw")
        ).one()
    assert entry.before["files"] == ["bao-cao-thanh-tich.png"]
    nominate(head, "Phan Minh Trí", [])
    assert "soạn lại hoặc tải lên lại «Tờ trình kèm danh sách»" in head.text
