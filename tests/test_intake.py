"""/tiepnhan: the secretariat lists, opens, accepts or returns dossiers; the head is told."""

from __future__ import annotations

from sqlmodel import Session, col, select

from bot.core import Core
from storage.models import AuditEntry, Dossier, DossierFile, Outbox
from storage.queries.roster import unit_by_code
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.flows import Turn, play
from tests.test_dossier import MINUTES, complete_dossier, submit, upload
from tests.test_nominations import officer_id
from tests.test_report_flow import PDF

PVHCC = "Trung tâm Phục vụ hành chính công"


def dossier_of(core: Core, unit_code: str) -> Dossier:
    with Session(core.engine) as session:
        unit = unit_by_code(session, code=unit_code)
        assert unit is not None
        return session.exec(select(Dossier).where(Dossier.unit_id == unit.id)).one()


def notices_to(core: Core, officer_code: str) -> list[Outbox]:
    with Session(core.engine) as session:
        return list(
            session.exec(
                select(Outbox)
                .where(Outbox.officer_id == officer_id(core, officer_code))
                .order_by(col(Outbox.id))
            ).all()
        )


def audit(core: Core, action: str) -> list[AuditEntry]:
    with Session(core.engine) as session:
        return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)).all())


def test_list_open_and_accept(core: Core, make_chat: type[Chat]) -> None:
    secretary = make_chat("VHXH02")
    play(
        secretary,
        [
            Turn(send="/tiepnhan", expect="Chưa có đơn vị nào gửi hồ sơ"),
            Turn(send="/tiepnhan", expect="Chưa gửi hồ sơ: Văn phòng HĐND và UBND;"),
        ],
    )
    head = complete_dossier(core, make_chat)
    submit(head)
    play(
        secretary,
        [
            Turn(
                send="/tiepnhan",
                expect=f"• {PVHCC}: Đã gửi, chờ tiếp nhận, gửi lúc 09:00 ngày 06/10/2026",
            ),
            Turn(press=f"📂 {PVHCC}", expect="✅ 3. Biên bản họp Hội đồng TĐKT — bien-ban.pdf"),
        ],
    )
    assert "Mai Thị Kim Oanh — Giấy khen" in secretary.text
    assert "Xuất sắc trong tham mưu CCHC (III.3.2.b)" in secretary.text
    assert "Số " in secretary.text and "Theo dõi hồ sơ một cửa" in secretary.text
    assert "⚠️ nộp muộn" not in secretary.text
    play(secretary, [Turn(press="👁 Xem 3", expect="«bien-ban.pdf» — Biên bản họp")])
    assert secretary.last[0].file is not None and secretary.last[0].file.content == MINUTES
    play(
        secretary,
        [
            Turn(send="/tiepnhan", expect="chờ tiếp nhận"),
            Turn(press=f"📂 {PVHCC}", expect="Đề xuất (1):"),
            Turn(press="✅ Tiếp nhận", expect=f"Đã tiếp nhận hồ sơ của {PVHCC}"),
            Turn(send="/tiepnhan", expect=f"• {PVHCC}: Đã được tiếp nhận"),
        ],
    )
    accepted = dossier_of(core, "PVHCC")
    assert (accepted.status, accepted.reviewed_by) == ("accepted", officer_id(core, "VHXH02"))
    assert accepted.reviewed_at == core.clock()
    [entry] = audit(core, "dossier.accept")
    assert (entry.before["status"], entry.after["status"]) == ("submitted", "accepted")
    [notice] = notices_to(core, "PVHCC01")
    assert notice.chat_id == head.user_id
    assert "đã được phòng Văn hóa – Xã hội tiếp nhận" in notice.text
    secretary.press_payload(f"i.acc.{accepted.id}")
    assert "không còn chờ tiếp nhận" in secretary.text
    head.send("/hoso")
    assert "Đã được tiếp nhận" in head.text and "chỉ xem được" in head.text


def test_return_with_a_reason_then_resubmit(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    secretary = make_chat("VP03")  # the admin may receive dossiers too
    head = complete_dossier(core, make_chat)
    submit(head)
    play(
        secretary,
        [
            Turn(send="/tiepnhan", expect=PVHCC),
            Turn(press=f"📂 {PVHCC}", expect="Tài liệu:"),
            Turn(press="↩️ Trả lại", expect=f"Nhập lý do trả lại hồ sơ của {PVHCC}"),
            Turn(send="Sai", expect="quá ngắn"),
            Turn(send="Biên bản chưa có chữ ký của Chủ tịch Hội đồng", expect="Đã trả lại hồ sơ"),
        ],
    )
    returned = dossier_of(core, "PVHCC")
    assert (returned.status, returned.return_reason) == (
        "returned",
        "Biên bản chưa có chữ ký của Chủ tịch Hội đồng",
    )
    [entry] = audit(core, "dossier.return")
    assert entry.after["return_reason"] == returned.return_reason
    [notice] = notices_to(core, "PVHCC01")
    assert "Lý do: Biên bản chưa có chữ ký của Chủ tịch Hội đồng" in notice.text
    play(
        head,
        [
            Turn(send="/hoso", expect="Lý do trả lại: Biên bản chưa có chữ ký"),
            Turn(press="⬆️ Tải lên 3", expect="thay cho tệp «bien-ban.pdf»"),
            Turn(upload=("bien-ban-da-ky.pdf", PDF + b"% ky\n"), expect="Đã lưu"),
            Turn(send="/dexuat", expect="Các đề xuất khen thưởng"),
        ],
    )
    assert "➕ Đề xuất mới" in head.labels()
    clock.advance(days=1)
    submit(head)
    again = dossier_of(core, "PVHCC")
    assert (again.status, again.return_reason, again.submitted_at) == (
        "submitted",
        "",
        clock.now,
    )
    assert len(audit(core, "dossier.submit")) == 2
    secretary.send("/tiepnhan")
    secretary.press(f"📂 {PVHCC}")
    assert "bien-ban-da-ky.pdf" in secretary.text and "✅ Tiếp nhận" in secretary.labels()


def test_late_dossiers_are_marked(core: Core, make_chat: type[Chat], clock: FakeClock) -> None:
    on_time = complete_dossier(core, make_chat, "VP01")
    submit(on_time)
    late = complete_dossier(core, make_chat, "PVHCC01")
    clock.advance(days=51)
    submit(late)
    secretary = make_chat("VHXH02")
    secretary.send("/tiepnhan")
    lines = {
        line.split(":")[0]: line for line in secretary.text.splitlines() if line.startswith("•")
    }
    assert lines[f"• {PVHCC}"].endswith("⚠️ nộp muộn")
    assert not lines["• Văn phòng HĐND và UBND"].endswith("nộp muộn")
    assert "Chưa gửi hồ sơ: Phòng Kinh tế – Hạ tầng và Đô thị" in secretary.text


def test_forged_intake_payloads_are_refused(core: Core, make_chat: type[Chat]) -> None:
    head = complete_dossier(core, make_chat)
    submit(head)
    sent = dossier_of(core, "PVHCC")
    draft_head = make_chat("VP01")
    upload(draft_head, 1, "to-trinh-vp.pdf", PDF + b"% vp\n")
    draft = dossier_of(core, "VP")
    with Session(core.engine) as session:
        draft_file = session.exec(
            select(DossierFile).where(DossierFile.dossier_id == draft.id)
        ).one()
    for code in ("PVHCC01", "VP01", "PVHCC03"):
        chat = make_chat(code) if code != "PVHCC01" else head
        for payload in (f"i.open.{sent.id}", f"i.acc.{sent.id}", f"i.ret.{sent.id}", "i.list"):
            chat.press_payload(payload)
            assert "Lệnh /tiepnhan dành cho" in chat.text, (code, payload)
        chat.send("/tiepnhan")
        assert "dành cho" in chat.text
    assert dossier_of(core, "PVHCC").status == "submitted"
    secretary = make_chat("VHXH02")
    forged = [f"i.open.{draft.id}", f"i.acc.{draft.id}", f"i.file.{draft_file.id}", "i.open.9999"]
    for payload in forged:
        secretary.press_payload(payload)
        assert "Không tìm thấy hồ sơ này" in secretary.text, payload
        assert secretary.last[0].file is None
    assert dossier_of(core, "VP").status == "draft"
