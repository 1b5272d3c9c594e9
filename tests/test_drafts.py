"""DOCX drafts: the tờ trình and each báo cáo thành tích, checked against the stored reports."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from io import BytesIO

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from sqlmodel import Session, col, select

from bot.core import Core
from handlers.documents.drafts import draft_achievement_report, draft_submission_letter
from handlers.engine.context import Context
from handlers.engine.messages import Incoming
from storage.db import transaction
from storage.models import (
    Dossier,
    DossierFile,
    DossierStatus,
    Evidence,
    Nomination,
    NominationReport,
    Officer,
    Report,
    ReportStatus,
    Unit,
)
from storage.queries.conversations import ConversationState
from storage.queries.reports import record_stored_file
from storage.queries.roster import officer_by_code, unit_by_code
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.flows import Turn, play
from tests.test_leadership import file_collective
from tests.test_report_flow import OFFICER_REPORT, PDF, png_bytes

MINUTES_PDF = PDF.replace(b"%%EOF", b"% bien ban\n%%EOF")


@dataclass(frozen=True)
class Ward:
    """Ids of what `seed_ward` made: reports by role, nominations, the dossier's upload."""

    flow_report: int  # PVHCC03's, through the real dialog, then confirmed
    confirmed_photo: int  # PVHCC03's, confirmed, a photo as evidence
    unconfirmed: int  # PVHCC03's, still waiting: linked but must not show
    collective: int  # the PVHCC head's, for the unit, confirmed
    unlinked: int  # PVHCC02's, confirmed, backs no nomination
    other_unit: int  # VHXH03's, confirmed
    individual: int  # nomination of PVHCC03 (ward certificate), linked to three reports
    unit_nomination: int  # the PVHCC unit for the city certificate, nothing linked
    withdrawn: int  # nomination of PVHCC04, withdrawn
    other_nomination: int  # VHXH03 for the ward certificate
    upload_sha: str  # the council minutes PVHCC uploaded into its dossier


def store(core: Core, session: Session, content: bytes, uploader: int, now: datetime) -> str:
    sha = core.files.put(content)
    record_stored_file(
        session,
        sha256=sha,
        size=len(content),
        mime_type="application/octet-stream",
        extension="pdf" if content.startswith(b"%PDF") else "png",
        uploaded_by=uploader,
        now=now,
    )
    return sha


def add_report(
    core: Core,
    session: Session,
    officer: Officer,
    title: str,
    *,
    status: ReportStatus = ReportStatus.CONFIRMED,
    criterion: str = "b",
    scope: str = "individual",
    evidence: Sequence[tuple[str, bytes]] = (),
) -> int:
    now = core.clock()
    assert officer.id is not None
    if scope == "collective" and status == ReportStatus.CONFIRMED:
        raise ValueError("a confirmed collective report comes only from /xacnhan in chat")
    report = Report(
        officer_id=officer.id,
        unit_id=officer.unit_id,
        criterion_code=criterion,
        scope=scope,
        title=title,
        description=f"Việc đã làm cho «{title}»",
        period="Năm 2026",
        result=f"Kết quả của «{title}»",
        figure="100% hồ sơ" if criterion != "a" else "",
        status=status,
        created_at=now,
        submitted_at=now,
        updated_at=now,
    )
    session.add(report)
    session.flush()
    assert report.id is not None
    for name, content in evidence:
        sha = store(core, session, content, officer.id, now)
        kind = "photo" if name.endswith(".png") else "file"
        session.add(
            Evidence(
                report_id=report.id,
                kind=kind,
                file_sha256=sha,
                name=name,
                uploaded_by=officer.id,
                added_at=now,
            )
        )
    return report.id


def nominate(
    session: Session,
    unit: Unit,
    head: Officer,
    award: str,
    standard: str,
    now: datetime,
    *,
    officer: Officer | None = None,
    option: str = "",
    reports: Sequence[int] = (),
    withdrawn: bool = False,
) -> int:
    assert unit.id is not None and head.id is not None
    nomination = Nomination(
        unit_id=unit.id,
        award_code=award,
        subject="individual" if officer else "collective",
        officer_id=officer.id if officer else None,
        standard_code=standard,
        option_code=option,
        created_by=head.id,
        created_at=now,
        updated_at=now,
        withdrawn=withdrawn,
    )
    session.add(nomination)
    session.flush()
    assert nomination.id is not None
    for report_id in reports:
        session.add(NominationReport(nomination_id=nomination.id, report_id=report_id))
    return nomination.id


def seed_ward(core: Core, make_chat: type[Chat]) -> Ward:
    """Reports of every status, nominations linked and not, a late dossier with an upload."""
    play(make_chat("PVHCC03"), OFFICER_REPORT)
    # The unit's own report, as only chat makes one: the head files it, the Chủ tịch confirms.
    collective = file_collective(make_chat("PVHCC01"), "Đơn vị dẫn đầu Chỉ số CCHC")
    play(
        make_chat("LD01"),
        [Turn(send="/xacnhan", expect="1/1"), Turn(press="✅ Xác nhận", expect="Đã")],
    )
    now = core.clock()
    with transaction(core.engine) as session:
        officer = {code: officer_by_code(session, code=code) for code in OFFICERS}
        o = {code: found for code, found in officer.items() if found is not None}
        pvhcc, vhxh = unit_by_code(session, code="PVHCC"), unit_by_code(session, code="VHXH")
        assert pvhcc is not None and vhxh is not None and len(o) == len(OFFICERS)
        flow = session.exec(select(Report).where(Report.officer_id == o["PVHCC03"].id)).one()
        flow.status = ReportStatus.CONFIRMED
        assert flow.id is not None
        photo = add_report(
            core, session, o["PVHCC03"], "Số hóa hồ sơ hộ tịch", evidence=[("anh.png", png_bytes())]
        )
        waiting = add_report(
            core,
            session,
            o["PVHCC03"],
            "Báo cáo còn chờ xác nhận",
            status=ReportStatus.SENT,
            evidence=[("cho.png", png_bytes("blue"))],
        )
        unlinked = add_report(
            core,
            session,
            o["PVHCC02"],
            "Rút ngắn thời gian trả kết quả",
            criterion="f",
            evidence=[("khao-sat.png", png_bytes("green"))],
        )
        other = add_report(core, session, o["VHXH03"], "Tuyên truyền dịch vụ công", criterion="c")
        add_report(core, session, o["VHXH03"], "Bản nháp bị trả lại", status=ReportStatus.RETURNED)
        head, vhxh_head = o["PVHCC01"], o["VHXH01"]
        individual = nominate(
            session,
            pvhcc,
            head,
            "ward_certificate",
            "ward_individual",
            now,
            officer=o["PVHCC03"],
            option="ind_initiative",
            reports=[flow.id, photo, waiting],
        )
        unit_nomination = nominate(session, pvhcc, head, "city_certificate", "city_collective", now)
        # The same person for the city's award too, on one of the same reports.
        nominate(
            session,
            pvhcc,
            head,
            "city_certificate",
            "city_individual",
            now,
            officer=o["PVHCC03"],
            reports=[flow.id],
        )
        withdrawn = nominate(
            session,
            pvhcc,
            head,
            "ward_certificate",
            "ward_individual",
            now,
            officer=o["PVHCC04"],
            option="ind_direct",
            withdrawn=True,
        )
        other_nomination = nominate(
            session,
            vhxh,
            vhxh_head,
            "ward_certificate",
            "ward_individual",
            now,
            officer=o["VHXH03"],
            option="ind_excellent",
            reports=[other],
        )
        assert pvhcc.id is not None and head.id is not None
        dossier = Dossier(
            unit_id=pvhcc.id,
            status=DossierStatus.SUBMITTED,
            submitted_at=now,
            late=True,
            updated_at=now,
        )
        session.add(dossier)
        session.flush()
        assert dossier.id is not None
        upload = store(core, session, MINUTES_PDF, head.id, now)
        session.add(
            DossierFile(
                dossier_id=dossier.id,
                document_code="council_minutes",
                file_sha256=upload,
                file_name="bien-ban-hop.pdf",
                added_by=head.id,
                added_at=now,
            )
        )
    return Ward(
        flow.id,
        photo,
        waiting,
        collective,
        unlinked,
        other,
        individual,
        unit_nomination,
        withdrawn,
        other_nomination,
        upload,
    )


OFFICERS = ("PVHCC01", "PVHCC02", "PVHCC03", "PVHCC04", "VHXH01", "VHXH03")


@contextmanager
def context(core: Core) -> Iterator[Context]:
    """A core context as dispatch makes one, for calling the drafts directly."""
    now = core.clock()
    with transaction(core.engine) as session:
        yield Context(
            session=session,
            now=now,
            campaign=core.campaign,
            config=core.config,
            files=core.files,
            incoming=Incoming(channel="test", user_id="drafts", chat_id="drafts"),
            conversation=ConversationState(
                channel="test", platform_user_id="drafts", updated_at=now
            ),
        )


def open_docx(content: bytes) -> Document:
    return docx.Document(BytesIO(content))


def body_text(document: Document) -> str:
    """Every paragraph, in the body and in tables, one per line."""
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return "\n".join(lines)


def row_for(document: Document, name: str) -> list[str]:
    """The cells of the nominee list's row for this name."""
    rows = [[c.text for c in row.cells] for row in document.tables[1].rows]
    return next(row for row in rows if row[1] == name)


def expected_date(core: Core) -> str:
    """Place and date as Decree 30/2020 writes them: days below 10, months 1–2 with a zero."""
    local = core.clock().astimezone(core.config.timezone)
    month = f"{local.month:02d}" if local.month <= 2 else str(local.month)
    place = core.campaign.campaign.place
    return f"{place}, ngày {local.day:02d} tháng {month} năm {local.year}"


def test_letter_header_layout_and_sections(core: Core, make_chat: type[Chat]) -> None:
    seed_ward(core, make_chat)
    with context(core) as ctx:
        unit = unit_by_code(ctx.session, code="PVHCC")
        assert unit is not None and unit.id is not None
        document = open_docx(draft_submission_letter(ctx, unit.id))
    header = document.tables[0]
    agency = [p.text for p in header.cell(0, 0).paragraphs]
    nation = header.cell(0, 1).paragraphs
    assert agency == [f"UBND {core.campaign.campaign.place.upper()}", unit.name.upper(), ""]
    assert [p.text for p in nation] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
    ]
    assert all(run.bold for p in nation for run in p.runs)
    # Decree 30/2020: a solid rule under the issuing body's name and under the motto.
    for ruled in (header.cell(0, 0).paragraphs[-1], nation[-1]):
        assert ruled._p.pPr.find(qn("w:pBdr")) is not None
    assert document.sections[0].different_first_page_header_footer
    assert "PAGE" in document.sections[0].header._element.xml
    assert header.cell(1, 0).text == f"Số: …/TTr-{unit.code}"
    dated = header.cell(1, 1).paragraphs[0]
    assert dated.text == expected_date(core) and dated.runs[0].italic
    texts = [p.text for p in document.paragraphs]
    assert "TỜ TRÌNH" in texts
    subject = "Về việc đề nghị khen thưởng tập thể, cá nhân có thành tích xuất sắc"
    trich_yeu = texts.index(next(t for t in texts if t.startswith(subject)))
    assert "năm 2026" in texts[trich_yeu]
    assert document.paragraphs[trich_yeu + 1]._p.pPr.find(qn("w:pBdr")) is not None
    assert "Kính gửi: Hội đồng Thi đua – Khen thưởng phường (qua phòng Văn hóa – Xã hội)." in texts
    assert any(
        t.startswith("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022") for t in texts
    )
    assert any(t.startswith(f"Căn cứ Kế hoạch số {core.campaign.campaign.number}") for t in texts)
    headings = [t for t in texts if t[:2] in {"1.", "2."}]
    assert [h[:2] for h in headings] == ["1.", "2."]
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.left_margin.cm, 1) == 3.0 and round(section.top_margin.cm, 1) == 2.0
    assert 1.5 <= round(section.right_margin.cm, 1) <= 2.0
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_letter_lists_active_nominees_with_confirmed_achievements(
    core: Core, make_chat: type[Chat]
) -> None:
    ward = seed_ward(core, make_chat)
    with context(core) as ctx:
        unit = unit_by_code(ctx.session, code="PVHCC")
        assert unit is not None and unit.id is not None
        document = open_docx(draft_submission_letter(ctx, unit.id))
        nominations = ctx.session.exec(
            select(Nomination).where(Nomination.unit_id == unit.id)
        ).all()
        names = {
            n.id: (ctx.session.get(Officer, n.officer_id).full_name if n.officer_id else unit.name)  # type: ignore[union-attr]
            for n in nominations
        }
        reports = {r.id: r for r in ctx.session.exec(select(Report)).all()}
        confirmed = [
            r for r in reports.values() if r.unit_id == unit.id and r.status == "confirmed"
        ]
        head = ctx.session.exec(
            select(Officer).where(Officer.unit_id == unit.id, Officer.role == "unit_head")
        ).one()
    listed = document.tables[1]
    assert [c.text for c in listed.rows[0].cells] == [
        "STT",
        "Họ và tên / Tên tập thể",
        "Chức vụ",
        "Đơn vị",
        "Hình thức khen thưởng",
        "Tiêu chuẩn / thành tích",
    ]
    listed_names = {row.cells[1].text for row in listed.rows[1:]}
    assert names[ward.individual] in listed_names and names[ward.unit_nomination] in listed_names
    assert names[ward.withdrawn] not in listed_names
    person = row_for(document, names[ward.individual])
    assert reports[ward.flow_report].title in person[5]
    assert reports[ward.confirmed_photo].title in person[5]
    assert reports[ward.unconfirmed].title not in person[5]
    banners = [
        row.cells[0].text for row in listed.rows if row.cells[0].text.startswith(("I.", "II."))
    ]
    assert banners == [
        "I. Giấy khen của Chủ tịch Ủy ban nhân dân phường",
        "II. Bằng khen của Chủ tịch Ủy ban nhân dân thành phố",
    ]
    text = body_text(document)
    initiatives = sum(1 for r in confirmed if r.is_initiative)
    assert f"có {len(confirmed)} thành tích đã được xác nhận" in text
    # Reported as initiatives: recognised only by the decision, never by the report itself.
    assert f"{initiatives} thành tích được báo cáo là sáng kiến" in text
    assert head.full_name in text and "Nơi nhận:" in text and "THỦ TRƯỞNG ĐƠN VỊ" not in text
    assert head.position.upper() in text
    signature = document.tables[-1]
    recipients = signature.cell(0, 0).paragraphs
    assert [p.text for p in recipients] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    assert all(r.font.size.pt == 11 for p in recipients[1:] for r in p.runs)


def test_achievement_report_from_linked_confirmed_reports(
    core: Core, make_chat: type[Chat]
) -> None:
    ward = seed_ward(core, make_chat)
    with context(core) as ctx:
        document = open_docx(draft_achievement_report(ctx, ward.individual))
        nomination = ctx.session.get(Nomination, ward.individual)
        assert nomination is not None and nomination.officer_id is not None
        person = ctx.session.get(Officer, nomination.officer_id)
        unit = ctx.session.get(Unit, nomination.unit_id)
        linked = [ctx.session.get(Report, i) for i in (ward.flow_report, ward.confirmed_photo)]
        waiting = ctx.session.get(Report, ward.unconfirmed)
        evidence = ctx.session.exec(
            select(Evidence).where(Evidence.report_id == ward.flow_report)
        ).all()
    assert person is not None and unit is not None and waiting is not None
    text = body_text(document)
    paragraphs = [p.text for p in document.paragraphs]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and expected_date(core) in text
    assert "BÁO CÁO THÀNH TÍCH" in paragraphs
    assert "Đề nghị tặng Giấy khen của Chủ tịch Ủy ban nhân dân phường" in paragraphs
    for heading in ("I. SƠ LƯỢC LÝ LỊCH", "II. THÀNH TÍCH ĐẠT ĐƯỢC", "III. ĐỀ NGHỊ KHEN THƯỞNG"):
        assert heading in paragraphs
    assert f"- Họ và tên: {person.full_name}" in paragraphs
    assert f"- Chức vụ: {person.position}" in paragraphs
    assert f"- Đơn vị công tác: {unit.name}" in paragraphs
    for number, report in enumerate(linked, start=1):
        assert report is not None
        mark = " (sáng kiến, giải pháp, cách làm mới)" if report.is_initiative else ""
        item = next(p for p in paragraphs if p.startswith(f"{number}. {report.title}{mark}."))
        # Prose, not form fields: what was done, when, and what came of it, in one paragraph.
        assert report.description.rstrip(". ") in item and report.period in item
        assert f"Kết quả đạt được: {report.result.rstrip('. ')}" in item
    assert linked[0] is not None and f"Số liệu cụ thể: {linked[0].figure}" in text
    assert not any(p.startswith("- Việc đã làm") for p in paragraphs)
    evidence_at = paragraphs.index("TÀI LIỆU, MINH CHỨNG KÈM THEO")
    assert evidence and all(
        any((e.url or e.name) in p for p in paragraphs[evidence_at:]) for e in evidence
    )
    assert waiting.title not in text and waiting.result not in text
    assert "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN" in text and person.full_name in text
    assert "GIÁM ĐỐC" in text  # the head's real title from the roster
    option = core.campaign.standards_for("ward_certificate", "individual")[0].options
    chosen = next(o for o in option if o.code == nomination.option_code)
    assert f"Tiêu chuẩn khen thưởng: {chosen.text}" in paragraphs


def test_collective_report_without_links_uses_the_units_confirmed_collective_reports(
    core: Core, make_chat: type[Chat]
) -> None:
    ward = seed_ward(core, make_chat)
    with context(core) as ctx:
        document = open_docx(draft_achievement_report(ctx, ward.unit_nomination))
        nomination = ctx.session.get(Nomination, ward.unit_nomination)
        assert nomination is not None
        unit = ctx.session.get(Unit, nomination.unit_id)
        collective = ctx.session.get(Report, ward.collective)
        individual = ctx.session.get(Report, ward.unlinked)
        members = ctx.session.exec(
            select(Officer).where(Officer.unit_id == nomination.unit_id, col(Officer.active))
        ).all()
    assert unit is not None and collective is not None and individual is not None
    paragraphs = [p.text for p in document.paragraphs]
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in paragraphs
    assert f"- Tên tập thể: {unit.name}" in paragraphs
    assert f"- Số cán bộ, công chức: {len(members)}" in paragraphs
    item = next(p for p in paragraphs if p.startswith(f"1. {collective.title}"))
    assert f"Kết quả đạt được: {collective.result.rstrip('. ')}" in item
    assert "UBND PHƯỜNG XÁC NHẬN" in body_text(document)
    assert individual.title not in body_text(document)
    assert f"cho tập thể {unit.name}." in "\n".join(paragraphs)


def test_unknown_ids_are_refused(core: Core) -> None:
    with context(core) as ctx, pytest.raises(LookupError):
        draft_achievement_report(ctx, 999_999)
    with context(core) as ctx, pytest.raises(LookupError):
        draft_submission_letter(ctx, 999_999)


@pytest.mark.parametrize(
    ("moment", "written"),
    [
        (datetime(2026, 1, 5, 3, 0, tzinfo=UTC), "ngày 05 tháng 01 năm 2026"),
        (datetime(2026, 3, 9, 3, 0, tzinfo=UTC), "ngày 09 tháng 3 năm 2026"),
        # 23:30 UTC is already the next day in Hà Nội.
        (datetime(2026, 11, 26, 23, 30, tzinfo=UTC), "ngày 27 tháng 11 năm 2026"),
    ],
)
def test_date_is_local_and_written_as_decree_30_asks(
    core: Core, clock: FakeClock, moment: datetime, written: str
) -> None:
    clock.now = moment
    with context(core) as ctx:
        unit = unit_by_code(ctx.session, code="VP")
        assert unit is not None and unit.id is not None
        document = open_docx(draft_submission_letter(ctx, unit.id))
    assert document.tables[0].cell(1, 1).text.endswith(written)
    assert "chưa có thành tích nào" in body_text(document)
    assert "Đơn vị chưa có đề nghị khen thưởng nào." in body_text(document)


def test_the_letter_names_the_council_the_campaign_file_names(core: Core) -> None:
    """The council's name is data ([campaign.bodies]), in the address and in the closing."""
    name = "Hội đồng Thi đua, Khen thưởng phường Thử Nghiệm"
    bodies = core.campaign.campaign.bodies.model_copy(update={"council": name})
    section = core.campaign.campaign.model_copy(update={"bodies": bodies})
    renamed = replace(core, campaign=core.campaign.model_copy(update={"campaign": section}))
    with context(renamed) as ctx:
        unit = unit_by_code(ctx.session, code="PVHCC")
        assert unit is not None and unit.id is not None
        said = [p.text for p in open_docx(draft_submission_letter(ctx, unit.id)).paragraphs]
    assert any(line.startswith(f"Kính gửi: {name} (qua ") for line in said), said
    assert any(line.startswith(f"Kính trình {name} xem xét") for line in said), said
    assert not any("Hội đồng Thi đua – Khen thưởng phường" in line for line in said)
