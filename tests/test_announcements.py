"""Announcements (/thongbao): compose, send to units or roles, acknowledge, delivery report."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.core import Core
from storage.models import (
    Announcement,
    AnnouncementRecipient,
    AuditEntry,
    Officer,
    Outbox,
    OutboxStatus,
    Role,
    Unit,
)
from tests.chat import Chat
from tests.flows import Turn, play
from tests.test_report_flow import PDF

TEXT = "Đề nghị các đơn vị gửi báo cáo thành tích trước ngày 20/11/2026."
UNIT_NAMES = ("Văn phòng HĐND và UBND", "Trung tâm Phục vụ hành chính công")

TO_TWO_UNITS = [
    Turn(send="/thongbao", expect="Nhập nội dung thông báo"),
    Turn(send="Họp nhé", expect="quá ngắn"),
    Turn(send=TEXT, expect="Gửi tệp kèm theo"),
    Turn(send="không có tệp", expect="hãy gửi một tệp"),
    Turn(upload=("chuong-trinh.exe", b"MZ\x90\x00" + bytes(60)), expect="không phải loại"),
    Turn(upload=("ke-hoach.pdf", PDF), expect="Đã nhận tệp «ke-hoach.pdf»"),
    Turn(press="Một số đơn vị", expect="Chọn các đơn vị"),
    Turn(press="Xong", expect="ít nhất một đơn vị"),
    Turn(press="☐ Phòng Kinh tế", expect="Đã chọn: Phòng Kinh tế"),
    Turn(press="☐ Trung tâm Phục vụ", expect="Trung tâm Phục vụ hành chính công"),
    Turn(press="☐ Văn phòng", expect="Văn phòng HĐND và UBND"),
    Turn(press="☑ Phòng Kinh tế", expect="Đã chọn: " + "; ".join(UNIT_NAMES)),
    Turn(press="Xong", expect="Số người nhận: 8 (đã liên kết tài khoản chat: "),
    Turn(press="✅ Gửi", expect="Đã gửi thông báo số 1 tới 8 người"),
]


def officer_ids(core: Core, *codes: str) -> dict[str, int]:
    with Session(core.engine) as session:
        rows = session.exec(select(Officer).where(col(Officer.code).in_(codes))).all()
    return {o.code: o.id for o in rows if o.id is not None}


def active_ids(core: Core, *, unit_names: tuple[str, ...] = (), role: str = "") -> set[int]:
    """The active officers of these units (the ward's leadership is no unit's officer) or with
    this role, straight from the roster."""
    with Session(core.engine) as session:
        query = select(Officer, Unit).join(Unit, col(Unit.id) == col(Officer.unit_id))
        rows = session.exec(query.where(col(Officer.active).is_(True))).all()
    in_unit = {o.id for o, u in rows if u.name in unit_names and o.role != Role.LEADERSHIP}
    return {o.id for o, _u in rows if o.id is not None and (o.id in in_unit or o.role == role)}


def rows_of(core: Core) -> tuple[list[AnnouncementRecipient], list[Outbox]]:
    with Session(core.engine) as session:
        recipients = list(session.exec(select(AnnouncementRecipient)).all())
        outbox = list(session.exec(select(Outbox).order_by(col(Outbox.id))).all())
    return recipients, outbox


def set_status(core: Core, officer_id: int, status: OutboxStatus) -> None:
    """What the sender would have done with that officer's row."""
    with Session(core.engine) as session:
        session.exec(
            update(Outbox).where(col(Outbox.officer_id) == officer_id).values(status=status.value)
        )
        session.commit()


def test_announcement_to_units_queues_bound_recipients(core: Core, make_chat: type[Chat]) -> None:
    bound = [make_chat("PVHCC03"), make_chat("VP02"), make_chat("VHXH03")]
    secretariat = make_chat("VHXH02")
    play(secretariat, TO_TWO_UNITS[:-2])
    play(
        secretariat,
        [
            Turn(press="Xong", expect="(đã liên kết tài khoản chat: 2; chưa liên kết: 6)"),
            Turn(press="✅ Gửi", expect="tới 8 người: 2 người đang được gửi qua chat, 6 người"),
        ],
    )
    recipients, outbox = rows_of(core)
    ids = officer_ids(core, "PVHCC03", "VP02")
    assert {r.officer_id for r in recipients} == active_ids(core, unit_names=UNIT_NAMES)
    assert {row.officer_id for row in outbox} == set(ids.values())
    assert {row.chat_id for row in outbox} == {chat.user_id for chat in bound[:2]}
    with Session(core.engine) as session:
        announcement = session.exec(select(Announcement)).one()
        audit = session.exec(
            select(AuditEntry).where(AuditEntry.action == "announcement.send")
        ).one()
    for row in outbox:
        assert (row.kind, row.status, row.file_name) == ("announcement", "pending", "ke-hoach.pdf")
        assert row.file_sha256 == announcement.file_sha256
        assert core.files.read(row.file_sha256 or "") == PDF
        assert TEXT in row.text and "Ngô Thanh Tùng" in row.text
        assert row.buttons["rows"][0][0]["payload"] == f"a.ack.{announcement.id}"
        assert row.idempotency_key.startswith(f"ann.{announcement.id}.{row.officer_id}")
    linked = {r.officer_id: r.outbox_id for r in recipients}
    assert {linked[row.officer_id] for row in outbox} == {row.id for row in outbox}
    assert audit.after["recipients"] == len(recipients)
    assert audit.after["bound"] == len(outbox)
    assert audit.actor_officer_id == officer_ids(core, "VHXH02")["VHXH02"]


def test_announcement_to_a_role_with_edits(core: Core, make_chat: type[Chat]) -> None:
    for code in ("VP01", "PVHCC01", "PVHCC03"):
        make_chat(code)
    admin = make_chat("VP03")
    heads = active_ids(core, role="unit_head")
    play(
        admin,
        [
            Turn(send="/thongbao", expect="Nhập nội dung"),
            Turn(send="Kính gửi các thủ trưởng: họp giao ban thi đua chiều thứ Sáu.", expect="tệp"),
            Turn(press="Bỏ qua", expect="Gửi thông báo tới ai?"),
            Turn(press="Theo vai trò", expect="vai trò nào"),
            Turn(press="Tất cả thủ trưởng", expect=f"Số người nhận: {len(heads)} "),
            Turn(press="✏️ Sửa", expect="sửa phần nào"),
            Turn(press="Nội dung", expect="Nhập nội dung"),
            Turn(send="Mời các thủ trưởng họp giao ban thi đua lúc 14:00 thứ Sáu.", expect="14:00"),
            Turn(press="✏️ Sửa", expect="sửa phần nào"),
            Turn(press="Người nhận", expect="Gửi thông báo tới ai?"),
            Turn(press="Theo vai trò", expect="vai trò nào"),
            Turn(press="Quản trị", expect="Gửi tới: Quản trị hệ thống"),
            Turn(press="✏️ Sửa", expect="sửa phần nào"),
            Turn(press="Người nhận", expect="Gửi thông báo tới ai?"),
            Turn(press="Theo vai trò", expect="vai trò nào"),
            Turn(press="Tất cả thủ trưởng", expect="Không kèm tệp"),
            Turn(press="✅ Gửi", expect=f"tới {len(heads)} người: 2 người"),
        ],
    )
    recipients, outbox = rows_of(core)
    assert {r.officer_id for r in recipients} == heads
    assert sorted(row.officer_id or 0 for row in outbox) == sorted(
        officer_ids(core, "VP01", "PVHCC01").values()
    )
    assert all("14:00" in row.text and row.file_sha256 is None for row in outbox)


def test_acknowledgement_once_and_only_by_a_recipient(core: Core, make_chat: type[Chat]) -> None:
    oanh, outsider = make_chat("PVHCC03"), make_chat("VHXH03")
    play(make_chat("VHXH02"), TO_TWO_UNITS)
    _, outbox = rows_of(core)
    ack = outbox[0].buttons["rows"][0][0]
    assert ack["label"] == "✅ Đã nhận"
    oanh.press_payload(ack["payload"])
    assert "Đã ghi nhận bạn đã nhận thông báo số 1" in oanh.text
    oanh.press_payload(ack["payload"])
    assert "đã xác nhận đã nhận thông báo số 1 lúc" in oanh.text
    outsider.press_payload(ack["payload"])
    assert "Không tìm thấy thông báo này" in outsider.text
    outsider.press_payload("a.ack.999")
    assert "Không tìm thấy thông báo này" in outsider.text
    recipients, _ = rows_of(core)
    acknowledged = [r.officer_id for r in recipients if r.acknowledged_at is not None]
    assert acknowledged == [officer_ids(core, "PVHCC03")["PVHCC03"]]
    with Session(core.engine) as session:
        audits = session.exec(select(AuditEntry).where(AuditEntry.action == "announcement.ack"))
        assert len(audits.all()) == 1


def test_delivery_report_counts_each_state(core: Core, make_chat: type[Chat]) -> None:
    chats = {code: make_chat(code) for code in ("PVHCC01", "PVHCC02", "PVHCC03", "VP02")}
    secretariat = make_chat("VHXH02")
    play(secretariat, TO_TWO_UNITS[:-2])
    play(
        secretariat,
        [
            Turn(press="Xong", expect="đã liên kết tài khoản chat: 4; chưa liên kết: 4"),
            Turn(press="✅ Gửi", expect="Đã gửi thông báo số 1"),
        ],
    )
    ids = officer_ids(core, "PVHCC01", "PVHCC02", "PVHCC03")
    set_status(core, ids["PVHCC01"], OutboxStatus.SENT)
    set_status(core, ids["PVHCC02"], OutboxStatus.UNREACHABLE)
    set_status(core, ids["PVHCC03"], OutboxStatus.SENT)
    chats["PVHCC03"].press_payload("a.ack.1")
    recipients, outbox = rows_of(core)
    unbound = len(recipients) - len(outbox)
    play(
        secretariat,
        [
            Turn(send="/thongbao", expect="đã nhận 1/8"),
            Turn(press="Số 1", expect="Tình hình nhận (8 người nhận)"),
        ],
    )
    report = secretariat.text
    assert "Đã gửi tới: 2 người (đã bấm «Đã nhận»: 1; chưa bấm: 1)" in report
    assert "Đang chờ gửi: 1" in report
    assert "đã chặn bot): 1" in report
    assert f"Chưa liên kết tài khoản chat: {unbound}" in report
    assert "Tệp đính kèm: ke-hoach.pdf" in report
    play(
        secretariat,
        [
            Turn(press="Chưa liên kết tài khoản (4)", expect="Chưa liên kết tài khoản (4 người)"),
            Turn(press="⬅️ Tình hình nhận", expect="Tình hình nhận"),
            Turn(
                press="Đã chặn bot (1)", expect="Trung tâm Phục vụ hành chính công — Trịnh Văn Đức"
            ),
            Turn(press="⬅️ Tình hình nhận", expect="Tình hình nhận"),
            Turn(press="Đã bấm «Đã nhận» (1)", expect="Mai Thị Kim Oanh"),
        ],
    )
    play(secretariat, [Turn(press="⬅️ Tình hình nhận", expect="Tình hình nhận")])
    secretariat.press("Chưa liên kết tài khoản (4)")
    for name in ("Lý Thị Thanh Hương", "Trịnh Văn Đức", "Trần Minh Quân"):
        assert name not in secretariat.text
    for name in ("Phan Minh Trí", "Nguyễn Thị Thu Hà", "Lê Hoàng Nam", "Phạm Thị Lan"):
        assert name in secretariat.text


def test_others_cannot_see_or_send(core: Core, make_chat: type[Chat]) -> None:
    play(make_chat("VHXH02"), TO_TWO_UNITS)
    for code in ("PVHCC03", "PVHCC01"):
        chat = make_chat(code)
        chat.send("/thongbao")
        assert "Bạn không dùng được lệnh này" in chat.text
        for forged in ("a.open.1", "a.list.1.unb", "a.new", "a.all"):
            chat.press_payload(forged)
            assert "Bạn không dùng được" in chat.text, forged
            assert "Tình hình nhận" not in chat.text
    with Session(core.engine) as session:
        assert len(session.exec(select(Announcement)).all()) == 1


def test_new_announcement_from_the_list_keeps_a_draft_elsewhere(make_chat: type[Chat]) -> None:
    secretariat = make_chat("VHXH02")
    play(secretariat, TO_TWO_UNITS)
    play(
        secretariat,
        [
            Turn(send="/thongbao", expect="Các thông báo gần đây"),
            Turn(press="📝 Gửi thông báo mới", expect="Nhập nội dung thông báo"),
            Turn(send="/huy", expect="Đã hủy «soạn thông báo»"),
            Turn(send="/baocao", expect="tiêu chí"),
        ],
    )
    secretariat.press_payload("a.new")
    assert "đang làm dở «báo cáo thành tích»" in secretariat.text
    secretariat.press_payload("a.open.77")
    assert "Không tìm thấy thông báo này" in secretariat.text


def test_someone_binding_later_receives_what_they_missed_once(
    core: Core, make_chat: type[Chat]
) -> None:
    oanh = make_chat("PVHCC03")
    play(make_chat("VHXH02"), TO_TWO_UNITS)
    _, outbox = rows_of(core)
    oanh.press_payload(outbox[0].buttons["rows"][0][0]["payload"])  # she acknowledges it
    missed = "Có 1 thông báo của thường trực thi đua gửi trước khi bạn liên kết"

    # PVHCC02 was in the audience with no chat account; binding now queues it to them.
    late = make_chat("PVHCC02")
    assert missed in late.text
    ids = officer_ids(core, "PVHCC02", "PVHCC03")
    _, outbox = rows_of(core)
    (row,) = [r for r in outbox if r.officer_id == ids["PVHCC02"]]
    assert TEXT in row.text and row.file_name == "ke-hoach.pdf"
    assert row.buttons == outbox[0].buttons
    assert (row.channel, row.chat_id) == ("test", late.user_id)
    assert row.not_before == core.clock() + timedelta(seconds=5)  # after the welcome

    # Binding the same account again, or Oanh (who acknowledged) on a second one: nothing new.
    assert missed not in make_chat("PVHCC02", user_id=late.user_id).text
    assert "thông báo" not in make_chat("PVHCC03", user_id="oanh-second-phone").text
    # Someone outside the audience gets nothing either.
    assert "thông báo" not in make_chat("VHXH03").text
    _, after = rows_of(core)
    assert len(after) == len(outbox)
