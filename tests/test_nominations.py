"""/dexuat: the nomination form, the advice, multi-select of reports, list, withdraw, refusals."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, col, select

from bot.core import Core
from storage.db import transaction
from storage.models import (
    AuditEntry,
    Dossier,
    DossierStatus,
    Nomination,
    NominationReport,
    ReportStatus,
)
from storage.queries.roster import officer_by_code
from tests.chat import Chat
from tests.factories import add_report
from tests.flows import Turn, play
from tests.test_leadership import file_collective


def officer_id(core: Core, code: str) -> int:
    with Session(core.engine) as session:
        officer = officer_by_code(session, code=code)
        assert officer is not None and officer.id is not None
        return officer.id


def nominate(head: Chat, nominee: str, report_ids: list[int]) -> None:
    """A ward certificate for a member, on the "excellent adviser" option, backed by reports."""
    head.send("/dexuat")
    if "➕ Đề xuất mới" in head.labels():
        head.press("➕ Đề xuất mới")
    turns = [
        Turn(press="Cá nhân", expect="Chọn cán bộ"),
        Turn(press=nominee, expect="Chọn hình thức khen thưởng"),
        Turn(press="Giấy khen", expect="Đề xuất dựa vào tiêu chuẩn nào"),
        Turn(press="Xuất sắc trong tham mưu CCHC", expect="bấm «Xong»"),
    ]
    turns += [Turn(press=f"⬜ Số {number}:", expect=f"• Số {number}:") for number in report_ids]
    turns += [
        Turn(press="Xong", expect="Xem lại đề xuất"),
        Turn(press="✅ Lưu đề xuất", expect="Đã lưu đề xuất số"),
    ]
    play(head, turns)


def nominations(core: Core) -> list[Nomination]:
    with Session(core.engine) as session:
        return list(session.exec(select(Nomination).order_by(col(Nomination.id))).all())


def linked(core: Core, nomination_id: int | None) -> set[int]:
    with Session(core.engine) as session:
        rows = session.exec(
            select(NominationReport).where(NominationReport.nomination_id == nomination_id)
        ).all()
        return {row.report_id for row in rows}


def set_dossier_status(core: Core, unit_code: str, status: DossierStatus) -> None:
    """Put the unit's dossier in a state directly (sending it in is /hoso's own test)."""
    with transaction(core.engine) as session:
        head = officer_by_code(session, code=f"{unit_code}01")
        assert head is not None
        dossier = session.exec(select(Dossier).where(Dossier.unit_id == head.unit_id)).first()
        dossier = dossier or Dossier(unit_id=head.unit_id, updated_at=core.clock())
        dossier.status = status
        dossier.submitted_at = core.clock()
        session.add(dossier)


def test_individual_nomination_with_advice_and_multi_select(
    core: Core, make_chat: type[Chat]
) -> None:
    plain = add_report(core, "PVHCC03", "Theo dõi hồ sơ một cửa")
    initiative = add_report(core, "PVHCC03", "Phần mềm nhắc hạn hồ sơ", initiative=True)
    waiting = add_report(core, "PVHCC03", "Báo cáo chờ xác nhận", status=ReportStatus.SENT)
    someone_else = add_report(core, "PVHCC04", "Báo cáo của người khác")
    head = make_chat("PVHCC01")
    play(
        head,
        [
            Turn(send="/dexuat", expect="cho cá nhân hay cho tập thể"),
            Turn(press="Cá nhân", expect="Chọn cán bộ, công chức của đơn vị"),
            Turn(press="Mai Thị Kim Oanh", expect="Giấy khen của Chủ tịch Ủy ban nhân dân phường"),
            Turn(press="Giấy khen", expect="Đối với cá nhân: Thực hiện nghiêm kỷ luật"),
            Turn(press="📖 Xem đầy đủ", expect="Có sáng kiến thiết thực được công nhận và áp dụng"),
            Turn(press="Sáng kiến được công nhận", expect="(chưa chọn báo cáo nào)"),
        ],
    )
    offered = head.labels()
    assert f"⬜ Số {plain}: Theo dõi hồ sơ một cửa" in offered
    assert not any(f"Số {waiting}:" in label or f"Số {someone_else}:" in label for label in offered)
    play(
        head,
        [
            Turn(press=f"⬜ Số {plain}:", expect=f"• Số {plain}: Theo dõi hồ sơ một cửa"),
            Turn(press=f"☑️ Số {plain}:", expect="(chưa chọn báo cáo nào)"),
            Turn(press=f"⬜ Số {plain}:", expect=f"• Số {plain}:"),
            Turn(press="Xong", expect="cần có sáng kiến"),
            Turn(press="🔗 Chọn lại báo cáo", expect=f"Đã chọn:\n• Số {plain}:"),
            Turn(press=f"⬜ Số {initiative}:", expect=f"• Số {initiative}: Phần mềm nhắc hạn"),
            Turn(press="Xong", expect="✅ Tiêu chuẩn đã có báo cáo đã được xác nhận"),
        ],
    )
    # The officer's "Có" makes the report an initiative, not a recognised one.
    assert "chưa được ghi nhận là đã công nhận" in head.text
    play(head, [Turn(press="✅ Lưu đề xuất", expect="Mai Thị Kim Oanh — Giấy khen")])
    [nomination] = nominations(core)
    assert (nomination.subject, nomination.officer_id) == (
        "individual",
        officer_id(core, "PVHCC03"),
    )
    assert (nomination.standard_code, nomination.option_code) == (
        "ward_individual",
        "ind_initiative",
    )
    assert linked(core, nomination.id) == {plain, initiative}
    with Session(core.engine) as session:
        audit = session.exec(
            select(AuditEntry).where(AuditEntry.action == "nomination.create")
        ).one()
    assert audit.entity_id == str(nomination.id)
    assert sorted(audit.after["reports"]) == sorted([plain, initiative])


def test_missing_backing_is_said_and_the_head_still_decides(
    core: Core, make_chat: type[Chat]
) -> None:
    add_report(core, "PVHCC02", "Báo cáo cá nhân, không phải của tập thể")
    head = make_chat("PVHCC01")
    play(
        head,
        [
            Turn(send="/dexuat", expect="cá nhân hay cho tập thể"),
            Turn(press="Tập thể", expect="Bằng khen của Chủ tịch Ủy ban nhân dân thành phố"),
            Turn(press="Bằng khen", expect="Tập thể Trung tâm Phục vụ hành chính công chưa có"),
            Turn(press="Xong", expect="⚠️ Còn thiếu: chưa có báo cáo đã được xác nhận"),
        ],
    )
    assert "pháp luật về thi đua, khen thưởng" in head.text
    assert "Khen thưởng cấp thành phố" in head.text
    play(head, [Turn(press="✅ Lưu đề xuất", expect="Đã lưu đề xuất số")])
    [nomination] = nominations(core)
    assert (nomination.subject, nomination.officer_id) == ("collective", None)
    assert (nomination.award_code, nomination.option_code) == ("city_certificate", "")
    assert linked(core, nomination.id) == set()


def test_collective_reports_back_a_collective_nomination(
    core: Core, make_chat: type[Chat], tmp_path: Path
) -> None:
    head = make_chat("PVHCC01")
    unit_report = file_collective(head, "Một cửa liên thông")
    play(
        make_chat("LD01"),
        [Turn(send="/xacnhan", expect="1/1"), Turn(press="✅ Xác nhận", expect="Đã")],
    )
    add_report(core, "PVHCC01", "Thành tích riêng của giám đốc")
    play(
        head,
        [
            Turn(send="/dexuat", expect="cá nhân hay cho tập thể"),
            Turn(press="Tập thể", expect="Chọn hình thức"),
            Turn(press="Giấy khen", expect="Đối với tập thể"),
            Turn(press="Sáng kiến, cách làm mới", expect="Chọn các báo cáo"),
        ],
    )
    assert [label for label in head.labels() if "Số" in label] == [
        f"⬜ Số {unit_report}: Một cửa liên thông"
    ]
    play(
        head,
        [
            Turn(press=f"⬜ Số {unit_report}", expect=f"Đã chọn:\n• Số {unit_report}"),
            Turn(press="Xong", expect="cần có sáng kiến"),
            Turn(press="❌ Hủy", expect="Đã hủy «đề xuất khen thưởng»"),
        ],
    )
    assert nominations(core) == []


def test_duplicate_nomination_is_refused(core: Core, make_chat: type[Chat]) -> None:
    head = make_chat("PVHCC01")
    nominate(head, "Mai Thị Kim Oanh", [])
    play(
        head,
        [
            Turn(send="/dexuat", expect="Các đề xuất khen thưởng"),
            Turn(press="➕ Đề xuất mới", expect="cá nhân hay cho tập thể"),
            Turn(press="Cá nhân", expect="Chọn cán bộ"),
            Turn(press="Mai Thị Kim Oanh", expect="Chọn hình thức"),
            Turn(press="Giấy khen", expect="Mai Thị Kim Oanh đã có đề xuất Giấy khen"),
            Turn(press="Bằng khen", expect="chưa có báo cáo nào đã được xác nhận"),
        ],
    )
    assert len(nominations(core)) == 1


def test_list_open_and_withdraw(core: Core, make_chat: type[Chat]) -> None:
    report = add_report(core, "PVHCC03", "Theo dõi hồ sơ một cửa")
    head = make_chat("PVHCC01")
    nominate(head, "Mai Thị Kim Oanh", [report])
    [nomination] = nominations(core)
    number = nomination.id
    play(
        head,
        [
            Turn(send="/dexuat", expect=f"Số {number}: Mai Thị Kim Oanh — Giấy khen (1 báo cáo"),
            Turn(press=f"Mở số {number}", expect=f"Số {report}: Theo dõi hồ sơ một cửa"),
            Turn(press="↩️ Rút đề xuất", expect=f"Rút đề xuất số {number}"),
            Turn(press="Không rút", expect="được giữ nguyên"),
            Turn(send="/dexuat", expect="Các đề xuất khen thưởng"),
            Turn(press=f"Mở số {number}", expect="Xuất sắc trong tham mưu CCHC"),
            Turn(press="↩️ Rút đề xuất", expect="Rút đề xuất"),
            Turn(press="Đồng ý rút", expect=f"Đã rút đề xuất số {number}"),
        ],
    )
    assert "(0)" in head.text and "➕ Đề xuất mới" in head.labels()
    assert nominations(core)[0].withdrawn
    with Session(core.engine) as session:
        audit = session.exec(
            select(AuditEntry).where(AuditEntry.action == "nomination.withdraw")
        ).one()
    assert (audit.before["withdrawn"], audit.after["withdrawn"]) == (False, True)
    assert audit.after["reports"] == [report]


def test_nominations_are_locked_while_the_dossier_is_with_the_secretariat(
    core: Core, make_chat: type[Chat]
) -> None:
    head = make_chat("PVHCC01")
    nominate(head, "Mai Thị Kim Oanh", [])
    [nomination] = nominations(core)
    head.send("/dexuat")
    head.press("➕ Đề xuất mới")
    head.press("Tập thể")
    set_dossier_status(core, "PVHCC", DossierStatus.SUBMITTED)
    play(
        head,
        [
            Turn(press="Giấy khen", expect="Đề xuất dựa vào tiêu chuẩn nào"),
            Turn(press="Thành tích xuất sắc", expect="bấm «Xong»"),
            Turn(press="Xong", expect="Xem lại đề xuất"),
            Turn(press="✅ Lưu đề xuất", expect="không thêm, sửa hoặc rút đề xuất được nữa"),
            Turn(send="/dexuat", expect="Chỉ khi hồ sơ bị trả lại mới sửa được"),
        ],
    )
    assert "➕ Đề xuất mới" not in head.labels()
    head.press(f"Mở số {nomination.id}")
    assert "↩️ Rút đề xuất" not in head.labels()
    for payload in ("n.new", f"n.wd.{nomination.id}", f"n.wdok.{nomination.id}"):
        head.press_payload(payload)
        assert "không thêm, sửa hoặc rút" in head.text, payload
    assert len(nominations(core)) == 1 and not nominations(core)[0].withdrawn
    set_dossier_status(core, "PVHCC", DossierStatus.RETURNED)
    play(head, [Turn(send="/dexuat", expect="Các đề xuất"), Turn(press="➕", expect="cá nhân")])


def test_forged_payloads_are_refused(core: Core, make_chat: type[Chat]) -> None:
    head = make_chat("PVHCC01")
    nominate(head, "Mai Thị Kim Oanh", [])
    [nomination] = nominations(core)
    other_head = make_chat("VP01")
    for action in ("open", "wd", "wdok"):
        other_head.press_payload(f"n.{action}.{nomination.id}")
        assert "Không tìm thấy đề xuất này" in other_head.text
        assert "Mai Thị Kim Oanh" not in other_head.text
    for code in ("PVHCC03", "VHXH02", "VP03"):
        chat = make_chat(code)
        for payload in ("n.list", "n.new", f"n.open.{nomination.id}", f"n.wdok.{nomination.id}"):
            chat.press_payload(payload)
            assert "Lệnh /dexuat dành cho Thủ trưởng đơn vị" in chat.text, (code, payload)
        chat.send("/dexuat")
        assert "dành cho Thủ trưởng đơn vị" in chat.text
    head.press_payload("n.open.999999")
    assert "Không tìm thấy đề xuất này" in head.text
    head.press_payload("n.open.x")
    assert "không còn dùng được" in head.text
    assert not nominations(core)[0].withdrawn
