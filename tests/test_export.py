"""/xuat: the workbook and the ZIP opened and checked against the database; roles refused."""

from __future__ import annotations

import zipfile
from collections import Counter
from io import BytesIO

import docx
import openpyxl
import pytest
from sqlmodel import Session, col, select

from bot.core import Core
from handlers import texts
from handlers.documents.archive import build_archive, safe_name
from storage.models import (
    AuditEntry,
    Dossier,
    Evidence,
    Nomination,
    NominationReport,
    Officer,
    Report,
    StoredFile,
    Unit,
)
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.flows import Turn, play
from tests.test_drafts import MINUTES_PDF, Ward, context, seed_ward

WORKBOOK_BUTTON = "📊 Bảng tổng hợp (Excel)"
ARCHIVE_BUTTON = "🗂 Hồ sơ toàn phường (ZIP)"
SHEETS = ["Danh sách đề nghị", "Tổng hợp đơn vị", "Ma trận tiêu chí", "Báo cáo"]


def local_date(core: Core, pattern: str) -> str:
    return core.clock().astimezone(core.config.timezone).strftime(pattern)


def export(make_chat: type[Chat], button: str, officer: str = "VHXH02") -> Chat:
    chat = make_chat(officer)
    play(chat, [Turn(send="/xuat", expect="Chọn tài liệu cần xuất")])
    assert chat.labels() == [WORKBOOK_BUTTON, ARCHIVE_BUTTON]
    chat.press(button)
    return chat


def workbook(chat: Chat) -> openpyxl.Workbook:
    files = [reply.file for reply in chat.last if reply.file is not None]
    assert len(files) == 1
    return openpyxl.load_workbook(BytesIO(files[0].content))


def rows(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[list[object]]:
    """The sheet's table: its headings, then its rows (the title row above is left out)."""
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


class Db:
    """The rows the exports are built from, read straight from the tables."""

    def __init__(self, core: Core) -> None:
        with Session(core.engine) as session:
            self.units = session.exec(select(Unit).order_by(col(Unit.id))).all()
            self.officers = {o.id: o for o in session.exec(select(Officer)).all()}
            self.reports = session.exec(select(Report).order_by(col(Report.id))).all()
            self.evidence = session.exec(select(Evidence)).all()
            self.stored = {s.sha256: s for s in session.exec(select(StoredFile)).all()}
            self.nominations = session.exec(
                select(Nomination).where(col(Nomination.withdrawn).is_(False))
            ).all()
            self.withdrawn = session.exec(select(Nomination).where(col(Nomination.withdrawn))).all()
            self.links = session.exec(select(NominationReport)).all()
            self.dossiers = {d.unit_id: d for d in session.exec(select(Dossier)).all()}
        self.unit_name = {u.id: u.name for u in self.units}

    def nominee(self, nomination: Nomination) -> str:
        if nomination.officer_id is None:
            return self.unit_name[nomination.unit_id]
        return self.officers[nomination.officer_id].full_name

    def report(self, report_id: int) -> Report:
        return next(r for r in self.reports if r.id == report_id)


def test_workbook_sheets_headers_and_frozen_rows(core: Core, make_chat: type[Chat]) -> None:
    seed_ward(core, make_chat)
    chat = export(make_chat, WORKBOOK_BUTTON)
    name = chat.last[0].file.name  # type: ignore[union-attr]
    assert name == f"tong-hop-thi-dua-{local_date(core, '%Y-%m-%d')}.xlsx"
    book = workbook(chat)
    assert book.sheetnames == SHEETS
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A3"
        assert all(cell.font.bold for cell in sheet[1] if cell.value is not None)
        assert all(sheet.column_dimensions[c].width >= 6 for c in "ABC")
    assert rows(book["Danh sách đề nghị"])[0] == [
        "STT",
        "Họ và tên / Tập thể",
        "Chức vụ",
        "Đơn vị",
        "Hình thức",
        "Tiêu chuẩn",
        "Thành tích tóm tắt",
        "Ghi chú",
        "Kết quả xét khen thưởng",
    ]
    db = Db(core)
    counts = f"{len(db.nominations)} đề nghị khen thưởng, {len(db.reports)} báo cáo"
    assert counts in chat.text and f"của {len(db.units)} đơn vị" in chat.text


def test_nominee_list_groups_by_award_with_confirmed_achievements(
    core: Core, make_chat: type[Chat]
) -> None:
    ward = seed_ward(core, make_chat)
    db = Db(core)
    table = rows(workbook(export(make_chat, WORKBOOK_BUTTON))["Danh sách đề nghị"])[1:]
    headings = [row[0] for row in table if row[1] is None]
    by_award = Counter(n.award_code for n in db.nominations)
    assert headings == [
        f"I. Giấy khen của Chủ tịch Ủy ban nhân dân phường ({by_award['ward_certificate']})",
        f"II. Bằng khen của Chủ tịch Ủy ban nhân dân thành phố ({by_award['city_certificate']})",
    ]
    award_name = {a.code: a.name for a in core.campaign.awards}
    listed = {(row[1], row[4]): row for row in table if row[1] is not None}
    assert sorted(listed) == sorted(
        (db.nominee(n), award_name[n.award_code]) for n in db.nominations
    )
    assert all(db.nominee(n) not in {name for name, _ in listed} for n in db.withdrawn)
    person = next(n for n in db.nominations if n.id == ward.individual)
    row = listed[(db.nominee(person), "Giấy khen")]
    assert row[2] == db.officers[person.officer_id].position  # type: ignore[index]
    assert row[3] == db.unit_name[person.unit_id]
    for report_id in (ward.flow_report, ward.confirmed_photo):
        report = db.report(report_id)
        assert f"{report.title} — {report.result}" in str(row[6])
    assert db.report(ward.unconfirmed).title not in str(row[6])
    assert "Có sáng kiến" in str(row[7]) and "Hồ sơ nộp muộn" in str(row[7])
    collective = next(n for n in db.nominations if n.id == ward.unit_nomination)
    assert "Chưa gắn báo cáo đã xác nhận" in str(listed[(db.nominee(collective), "Bằng khen")][7])


def test_unit_summary_matrix_and_reports_match_the_tables(
    core: Core, make_chat: type[Chat]
) -> None:
    seed_ward(core, make_chat)
    db = Db(core)
    book = workbook(export(make_chat, WORKBOOK_BUTTON))
    summary = rows(book["Tổng hợp đơn vị"])
    assert summary[0][:3] == ["Mã đơn vị", "Đơn vị", "Số cán bộ"]
    by_status = Counter((r.unit_id, r.status) for r in db.reports)
    staff = Counter(o.unit_id for o in db.officers.values() if o.active)
    nominated = Counter(n.unit_id for n in db.nominations)
    statuses = ("sent", "confirmed", "returned", "withdrawn")
    for unit, row in zip(db.units, summary[1:], strict=False):
        counts = [by_status[(unit.id, s)] for s in statuses]
        assert row[:9] == [
            unit.code,
            unit.name,
            staff[unit.id],
            *counts,
            sum(counts),
            nominated[unit.id],
        ]
        dossier = db.dossiers.get(unit.id)
        assert (row[11] == "Có") == bool(dossier and dossier.late)
        if dossier is not None and dossier.submitted_at is not None:
            local = dossier.submitted_at.astimezone(core.config.timezone).replace(tzinfo=None)
            assert row[10] == local.replace(microsecond=0)
    assert summary[-1][0] == "Cộng" and summary[-1][7] == len(db.reports)

    matrix = rows(book["Ma trận tiêu chí"])
    codes = [c.code for c in core.campaign.criteria]
    assert len(matrix[0]) == len(codes) + 2
    counted = Counter((r.unit_id, r.criterion_code, r.status) for r in db.reports)
    for block, status in ((1, "confirmed"), (len(db.units) + 4, "sent")):
        for offset, unit in enumerate(db.units, start=1):
            line = matrix[block + offset]
            expected = [counted[(unit.id, code, status)] for code in codes]
            assert line == [unit.name, *expected, sum(expected)]

    listed = rows(book["Báo cáo"])
    assert listed[0][-2:] == ["Gửi lúc", "Số minh chứng"]
    evidence = Counter(e.report_id for e in db.evidence)
    in_order = sorted(db.reports, key=lambda r: (r.unit_id, r.id))
    assert [row[0] for row in listed[1:]] == [r.id for r in in_order]
    for report, row in zip(in_order, listed[1:], strict=True):
        author = db.officers[report.officer_id]
        local = report.submitted_at.astimezone(core.config.timezone).replace(tzinfo=None)
        criterion = core.campaign.criterion(report.criterion_code)
        label = f"{criterion.letter}) {criterion.label}" if criterion.letter else criterion.label
        assert row[1:4] == [db.unit_name[report.unit_id], author.full_name, label]
        assert row[-3] == texts.REPORT_STATUS_NAMES[report.status]
        assert row[-2] == local.replace(microsecond=0) and row[-1] == evidence[report.id]
    assert book["Báo cáo"]["M3"].number_format == "dd/mm/yyyy hh:mm"


def test_export_is_audited(core: Core, make_chat: type[Chat]) -> None:
    export(make_chat, WORKBOOK_BUTTON, officer="VP03")
    with Session(core.engine) as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "export.workbook")).one()
        admin = session.exec(select(Officer).where(Officer.code == "VP03")).one()
    assert entry.actor_officer_id == admin.id and entry.after["files"][0].endswith(".xlsx")


def expected_evidence(db: Db, ward: Ward) -> dict[str, str]:
    """Archive path -> sha256 for every file of a confirmed report, by unit and nominee."""
    linked = {link.report_id for link in db.links if link.nomination_id != ward.withdrawn}
    folders: dict[int, str] = {}
    for nomination in db.nominations:
        nominee = "Tập thể đơn vị" if nomination.officer_id is None else db.nominee(nomination)
        for link in db.links:
            if link.nomination_id == nomination.id:
                folders[link.report_id] = nominee
    paths = {}
    for item in db.evidence:
        report = db.report(item.report_id)
        if report.status != "confirmed" or item.file_sha256 is None:
            continue
        unit = next(u for u in db.units if u.id == report.unit_id)
        folder = folders[report.id] if report.id in linked else "Minh chứng khác"  # type: ignore[index]
        name = safe_name(f"{report.id} - {item.name}")
        paths[f"{unit.code} - {unit.name}/{folder}/{name}"] = item.file_sha256
    return paths


def test_archive_holds_evidence_drafts_and_uploads(core: Core, make_chat: type[Chat]) -> None:
    ward = seed_ward(core, make_chat)
    db = Db(core)
    chat = export(make_chat, ARCHIVE_BUTTON)
    files = [reply.file for reply in chat.last if reply.file is not None]
    assert [f.name for f in files] == [f"ho-so-thi-dua-{local_date(core, '%Y-%m-%d')}.zip"]
    bundle = zipfile.ZipFile(BytesIO(files[0].content))
    names = bundle.namelist()
    evidence = expected_evidence(db, ward)
    assert evidence and all(core.files.read(sha) == bundle.read(p) for p, sha in evidence.items())
    evidence_names = [
        n for n in names if not n.endswith((".docx", ".txt")) and "/Hồ sơ đơn vị đã gửi/" not in n
    ]
    assert sorted(evidence_names) == sorted(evidence)
    unconfirmed = [e.name for e in db.evidence if e.report_id == ward.unconfirmed]
    assert not any(n.endswith(name) for n in names for name in unconfirmed)
    pvhcc = next(u for u in db.units if u.code == "PVHCC")
    root = f"{pvhcc.code} - {pvhcc.name}"
    person = next(n for n in db.nominations if n.id == ward.individual)
    drafts = {
        f"{root}/Dự thảo - Tờ trình kèm danh sách.docx",
        f"{root}/{db.nominee(person)}/Dự thảo - Báo cáo thành tích - Giấy khen.docx",
        f"{root}/Tập thể đơn vị/Dự thảo - Báo cáo thành tích - Bằng khen.docx",
    }
    assert drafts <= set(names) and not any(" (2)" in name for name in names)
    assert len([n for n in names if n.endswith(".docx")]) == len(db.nominations) + len(
        {n.unit_id for n in db.nominations}
    )
    report = docx.Document(BytesIO(bundle.read(sorted(drafts)[1])))
    text = "\n".join(p.text for p in report.paragraphs)
    assert db.report(ward.flow_report).title in text
    assert bundle.read(
        f"{root}/Hồ sơ đơn vị đã gửi/Biên bản họp Hội đồng TĐKT - bien-ban-hop.pdf"
    ) == (MINUTES_PDF)
    links = [e.url for e in db.evidence if e.report_id == ward.flow_report and e.url]
    folder = db.nominee(person)
    assert bundle.read(
        f"{root}/{folder}/{ward.flow_report} - Liên kết minh chứng.txt"
    ).decode() == ("".join(f"{link}\r\n" for link in links))
    assert f"{len(evidence)} tệp minh chứng" in chat.text and "Hồ sơ nộp muộn" not in chat.text
    with Session(core.engine) as session:
        audit = session.exec(select(AuditEntry).where(AuditEntry.action == "export.archive")).one()
    assert audit.after["evidence"] == len(evidence)


def same_content(name: str, one: bytes, other: bytes) -> bool:
    """Equal bytes; for a DOCX (whose ZIP stamps the time it was written), equal paragraphs."""
    if not name.endswith(".docx"):
        return one == other
    paragraphs = [[p.text for p in docx.Document(BytesIO(b)).paragraphs] for b in (one, other)]
    return paragraphs[0] == paragraphs[1]


def test_archive_is_cut_into_parts_that_together_hold_everything(
    core: Core, make_chat: type[Chat]
) -> None:
    seed_ward(core, make_chat)
    with context(core) as ctx:
        whole = build_archive(ctx)
        cut = build_archive(ctx, part_bytes=600)
    assert len(whole.parts) == 1 and len(cut.parts) > 1
    assert [p.name for p in cut.parts][-1].endswith(f"-phan-{len(cut.parts)}.zip")
    single = zipfile.ZipFile(BytesIO(whole.parts[0].content))
    pieces = [zipfile.ZipFile(BytesIO(p.content)) for p in cut.parts]
    assert sorted(n for piece in pieces for n in piece.namelist()) == sorted(single.namelist())
    for piece in pieces:
        sizes = [info.file_size for info in piece.infolist()]
        assert len(sizes) == 1 or sum(sizes) <= 600
        for name in piece.namelist():
            assert same_content(name, piece.read(name), single.read(name))


def test_missing_file_is_named_and_the_rest_exported(core: Core, make_chat: type[Chat]) -> None:
    ward = seed_ward(core, make_chat)
    db = Db(core)
    photo = next(e for e in db.evidence if e.report_id == ward.confirmed_photo)
    assert photo.file_sha256 is not None
    core.files.path_for(photo.file_sha256).unlink()
    chat = export(make_chat, ARCHIVE_BUTTON)
    expected = expected_evidence(db, ward)
    missing = f"{ward.confirmed_photo} - {photo.name}"
    assert f"Không tìm thấy 1 tệp trong kho lưu trữ nên chưa đưa vào: {missing}." in chat.text
    bundle = zipfile.ZipFile(BytesIO(chat.last[0].file.content))  # type: ignore[union-attr]
    assert len([n for n in bundle.namelist() if n in expected]) == len(expected) - 1


def test_empty_ward(make_chat: type[Chat]) -> None:
    chat = export(make_chat, ARCHIVE_BUTTON)
    assert "Chưa có gì để đóng gói" in chat.text and chat.last[0].file is None
    chat.send("/xuat")
    chat.press(WORKBOOK_BUTTON)
    assert rows(workbook(chat)["Danh sách đề nghị"])[1][0] == "(Chưa có đề nghị khen thưởng nào.)"


@pytest.mark.parametrize("officer", ["PVHCC03", "PVHCC01"])
def test_officers_and_heads_cannot_export(core: Core, make_chat: type[Chat], officer: str) -> None:
    seed_ward(core, make_chat)
    chat = make_chat(officer)
    chat.send("/xuat")
    assert "Lệnh /xuat dành cho" in chat.text and not chat.labels()
    for payload in ("x.wb", "x.zip", "x.zip.1"):
        chat.press_payload(payload)
        assert "Lệnh /xuat dành cho" in chat.text
        assert all(reply.file is None for reply in chat.last)
    with Session(core.engine) as session:
        assert not session.exec(
            select(AuditEntry).where(col(AuditEntry.action).startswith("export"))
        ).all()


def test_unknown_export_button_is_stale(make_chat: type[Chat], clock: FakeClock) -> None:
    chat = make_chat("VHXH02")
    chat.press_payload("x.pdf")
    assert "không còn dùng được" in chat.text and chat.last[0].file is None


def test_one_unit_alone(core: Core, make_chat: type[Chat]) -> None:
    ward = seed_ward(core, make_chat)
    db = Db(core)
    pvhcc = next(u for u in db.units if u.code == "PVHCC")
    chat = make_chat("VHXH02")
    play(
        chat,
        [
            Turn(send="/xuat không có", expect="Không tìm thấy đơn vị «không có»"),
            Turn(press=pvhcc.name, expect=f"Chọn tài liệu cần xuất cho {pvhcc.name}"),
            Turn(send="/xuat phuc vu", expect=f"Chọn tài liệu cần xuất cho {pvhcc.name}"),
        ],
    )
    assert chat.labels() == [WORKBOOK_BUTTON, "🗂 Hồ sơ của đơn vị (ZIP)"]
    chat.press(WORKBOOK_BUTTON)
    date = local_date(core, "%Y-%m-%d")
    assert [r.file.name for r in chat.last if r.file] == [f"tong-hop-thi-dua-PVHCC-{date}.xlsx"]
    book = workbook(chat)
    summary = rows(book["Tổng hợp đơn vị"])
    assert [row[0] for row in summary[1:]] == ["PVHCC", "Cộng"]
    own = sorted(r.id for r in db.reports if r.unit_id == pvhcc.id)
    assert own and len(own) < len(db.reports)
    assert [row[0] for row in rows(book["Báo cáo"])[1:]] == own

    chat.press_payload(f"x.u.{pvhcc.id}")
    chat.press("🗂 Hồ sơ của đơn vị (ZIP)")
    files = [reply.file for reply in chat.last if reply.file is not None]
    assert [f.name for f in files] == [f"ho-so-thi-dua-PVHCC-{date}.zip"]
    names = zipfile.ZipFile(BytesIO(files[0].content)).namelist()
    root = f"{pvhcc.code} - {pvhcc.name}/"
    assert names and all(name.startswith(root) for name in names)
    assert {p for p in expected_evidence(db, ward) if p.startswith(root)} <= set(names)


def test_a_unit_export_button_for_a_unit_gone_is_refused(make_chat: type[Chat]) -> None:
    chat = make_chat("VHXH02")
    for payload in ("x.wb.999", "x.zip.abc", "x.u.999"):
        chat.press_payload(payload)
        assert "Không tìm thấy đơn vị này" in chat.text
        assert all(reply.file is None for reply in chat.last)


def test_workbook_reads_and_prints_as_the_ward_files_it(core: Core, make_chat: type[Chat]) -> None:
    seed_ward(core, make_chat)
    book = workbook(export(make_chat, WORKBOOK_BUTTON))
    campaign = core.campaign.campaign
    for sheet in book.worksheets:
        title = sheet["A1"]
        assert title.value == f"{sheet.title.upper()} — {campaign.short_title} — {campaign.issuer}"
        assert any(str(r).startswith("A1:") for r in sheet.merged_cells.ranges)
        assert title.font.bold and title.font.sz > 12
        fonts = {c.font.name for row in sheet.iter_rows() for c in row if c.value is not None}
        assert fonts == {"Times New Roman"}
        setup = sheet.page_setup
        assert (str(setup.paperSize), setup.orientation) == (sheet.PAPERSIZE_A4, "landscape")
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows == "$2:$2"  # the headings, on every page
    listed = rows(book["Báo cáo"])
    headers = listed[0]
    columns = {
        name: headers.index(name) for name in ("Việc đã làm", "Thời gian", "Kết quả", "Số liệu")
    }
    db = Db(core)
    for row in listed[1:]:
        report = db.report(int(str(row[0])))
        assert row[columns["Việc đã làm"]] == report.description
        assert row[columns["Thời gian"]] == report.period
        assert row[columns["Kết quả"]] == report.result
        assert (row[columns["Số liệu"]] or "") == report.figure
    assert any(row[columns["Số liệu"]] for row in listed[1:])
