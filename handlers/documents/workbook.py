"""The secretariat's Excel workbook: nominee list, unit summary, criteria matrix, every report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from handlers import texts
from handlers.documents.council_record import council_results
from handlers.documents.sheet_style import (
    DATE_TIME_FORMAT,
    FONT_SIZE,
    GAP_FILL,
    HEADER_ROW,
    WARD_FONT,
    WRAP,
    append_row,
    bold_row,
    finish,
    group_row,
    start,
)
from handlers.documents.wording import (
    Nominee,
    award_parts,
    award_title,
    by_award,
    criteria_labels,
    linked_confirmed,
    nominee_of,
    nominee_reports,
    roman,
    standard_wording,
)
from handlers.engine.context import Context
from storage.models import Dossier, Report, ReportStatus, Unit
from storage.queries.exports import (
    evidence_counts,
    ward_dossiers,
    ward_nominations,
    ward_reports,
)
from storage.queries.roster import all_officers, all_units

WORKBOOK_NAME = "tong-hop-thi-dua-{scope}{date}.xlsx"
STATUS_ORDER = (
    ReportStatus.SENT,
    ReportStatus.CONFIRMED,
    ReportStatus.RETURNED,
    ReportStatus.WITHDRAWN,
)


@dataclass(frozen=True)
class WorkbookCounts:
    nominations: int
    reports: int
    units: int


def workbook_name(ctx: Context, unit: Unit | None = None) -> str:
    scope = f"{unit.code}-" if unit is not None else ""
    return WORKBOOK_NAME.format(scope=scope, date=ctx.local(ctx.now).strftime("%Y-%m-%d"))


def build_workbook(ctx: Context, unit: Unit | None = None) -> tuple[bytes, WorkbookCounts]:
    """The four sheets, from the database as it is now: of the ward, or of one unit."""

    def wanted(unit_id: int | None) -> bool:
        return unit is None or unit_id == unit.id

    units = [u for u in all_units(ctx.session) if wanted(u.id)]
    reports = [r for r in ward_reports(ctx.session) if wanted(r.unit_id)]
    nominations = [n for n in ward_nominations(ctx.session) if wanted(n.unit_id)]
    nominees = [nominee_of(ctx, n) for n in nominations]
    dossiers = {d.unit_id: d for d in ward_dossiers(ctx.session) if wanted(d.unit_id)}
    book = Workbook()
    # openpyxl would stamp the machine's clock; the workbook is as of the update's time.
    book.properties.created = book.properties.modified = ctx.now.replace(tzinfo=None)
    _nominee_sheet(ctx, book.active, nominees, dossiers)
    _unit_sheet(
        ctx, book.create_sheet(texts.EXPORT_SHEET_UNITS), units, reports, nominees, dossiers
    )
    _matrix_sheet(ctx, book.create_sheet(texts.EXPORT_SHEET_MATRIX), units, reports)
    _report_sheet(ctx, book.create_sheet(texts.EXPORT_SHEET_REPORTS), units, reports)
    for sheet in book.worksheets:
        finish(ctx, sheet, unit)
    out = BytesIO()
    book.save(out)
    return out.getvalue(), WorkbookCounts(len(nominees), len(reports), len(units))


def _nominee_sheet(
    ctx: Context, sheet: Any, nominees: Sequence[Nominee], dossiers: dict[int, Dossier]
) -> None:
    """The danh sách đề nghị khen thưởng: one group per award, collectives first."""
    columns = len(texts.EXPORT_NOMINEE_HEADERS)
    start(
        sheet,
        texts.EXPORT_SHEET_NOMINEES,
        texts.EXPORT_NOMINEE_HEADERS,
        (6, 28, 22, 30, 14, 45, 55, 24, 30),
    )
    results = council_results(ctx)
    if not nominees:
        group_row(sheet, texts.EXPORT_NO_NOMINATIONS, columns)
    for number, (code, members) in enumerate(by_award(ctx, nominees), start=1):
        heading = texts.EXPORT_AWARD_HEADING.format(
            numeral=roman(number), award=award_title(ctx, code), count=len(members)
        )
        group_row(sheet, heading, columns)
        for position, nominee in enumerate(members, start=1):
            result = results.get(nominee.nomination.id or 0, "")
            append_row(sheet, [*_nominee_row(ctx, position, nominee, dossiers), result])
            for cell in sheet[sheet.max_row]:
                cell.alignment = WRAP


def _nominee_row(
    ctx: Context, position: int, nominee: Nominee, dossiers: dict[int, Dossier]
) -> list[Any]:
    reports = nominee_reports(ctx, nominee)
    summary = "\n".join(_achievement(r) for r in reports)
    notes = []
    if any(r.is_initiative for r in reports):
        notes.append(texts.EXPORT_NOTE_INITIATIVE)
    if not linked_confirmed(ctx, nominee.nomination):
        notes.append(texts.EXPORT_NOTE_UNLINKED)
    dossier = dossiers.get(nominee.unit.id or 0)
    if dossier is not None and dossier.late:
        notes.append(texts.EXPORT_NOTE_LATE)
    return [
        position,
        nominee.name,
        nominee.officer.position if nominee.officer else "",
        nominee.unit.name,
        award_parts(ctx, nominee.nomination.award_code)[0],
        standard_wording(ctx, nominee.nomination),
        summary,
        "; ".join(notes),
    ]


def _achievement(report: Report) -> str:
    """One line of the summary: the title, what came of it and its figure."""
    line = f"{report.title} — {report.result}"
    return f"{line} ({report.figure})" if report.figure else line


def _unit_sheet(
    ctx: Context,
    sheet: Any,
    units: Sequence[Unit],
    reports: Sequence[Report],
    nominees: Sequence[Nominee],
    dossiers: dict[int, Dossier],
) -> None:
    """Per unit: officers, reports by status, nominations, the dossier and whether it was late."""
    start(
        sheet,
        texts.EXPORT_SHEET_UNITS,
        texts.EXPORT_UNIT_HEADERS,
        (12, 40, 10, 12, 12, 12, 10, 12, 14, 22, 18, 10),
    )
    staff = Counter(o.unit_id for o in all_officers(ctx.session))
    by_status = Counter((r.unit_id, r.status) for r in reports)
    nominated = Counter(n.unit.id for n in nominees)
    totals = [0] * (len(STATUS_ORDER) + 3)
    for unit in units:
        assert unit.id is not None
        counts = [staff[unit.id], *(by_status[(unit.id, s.value)] for s in STATUS_ORDER)]
        counts += [sum(counts[1:]), nominated[unit.id]]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        dossier = dossiers.get(unit.id)
        append_row(sheet, [unit.code, unit.name, *counts, *_dossier_cells(ctx, dossier)])
        if dossier is not None and dossier.late:
            sheet.cell(row=sheet.max_row, column=len(texts.EXPORT_UNIT_HEADERS)).font = Font(
                name=WARD_FONT, size=FONT_SIZE, bold=True, color="C00000"
            )
        sheet.cell(
            row=sheet.max_row, column=len(texts.EXPORT_UNIT_HEADERS) - 1
        ).number_format = DATE_TIME_FORMAT
    append_row(sheet, [texts.EXPORT_TOTAL, "", *totals])
    bold_row(sheet)


def _dossier_cells(ctx: Context, dossier: Dossier | None) -> list[Any]:
    """The dossier's state, when it was sent (local time) and "Có" if it came late."""
    if dossier is None:
        return [texts.EXPORT_DOSSIER_NONE, None, ""]
    sent = ctx.local(dossier.submitted_at).replace(tzinfo=None) if dossier.submitted_at else None
    return [
        texts.AWARD_DOSSIER_STATUS_NAMES.get(dossier.status, dossier.status),
        sent,
        texts.YES if dossier.late else "",
    ]


def _matrix_sheet(
    ctx: Context, sheet: Any, units: Sequence[Unit], reports: Sequence[Report]
) -> None:
    """Units × criteria: confirmed reports, then below the same table for those still waiting."""
    codes = [c.code for c in ctx.campaign.criteria]
    labels = [criteria_labels(ctx, {code})[0] for code in codes]
    headers = [texts.EXPORT_MATRIX_UNIT, *labels, texts.EXPORT_TOTAL]
    start(sheet, texts.EXPORT_SHEET_MATRIX, headers, (40, *(14 for _ in codes), 10))
    counted = Counter((r.unit_id, r.criterion_code, r.status) for r in reports)
    blocks = (
        (texts.EXPORT_MATRIX_CONFIRMED, ReportStatus.CONFIRMED),
        (texts.EXPORT_MATRIX_SENT, ReportStatus.SENT),
    )
    for number, (title, status) in enumerate(blocks):
        if number:
            append_row(sheet, [])
        group_row(sheet, title, len(headers))
        totals = [0] * len(codes)
        for unit in units:
            assert unit.id is not None
            row = [counted[(unit.id, code, status.value)] for code in codes]
            totals = [a + b for a, b in zip(totals, row, strict=True)]
            append_row(sheet, [unit.name, *row, sum(row)])
            if status == ReportStatus.CONFIRMED:
                for column, value in enumerate(row, start=2):
                    if value == 0:
                        sheet.cell(row=sheet.max_row, column=column).fill = GAP_FILL
        append_row(sheet, [texts.EXPORT_TOTAL, *totals, sum(totals)])
        bold_row(sheet)


def _report_sheet(
    ctx: Context, sheet: Any, units: Sequence[Unit], reports: Sequence[Report]
) -> None:
    """Every report with its unit, author, criterion, status, time sent and evidence count."""
    start(
        sheet,
        texts.EXPORT_SHEET_REPORTS,
        texts.EXPORT_REPORT_HEADERS,
        (8, 28, 24, 24, 14, 10, 36, 45, 18, 36, 20, 16, 17, 12),
    )
    unit_names = {u.id: u.name for u in units}
    officers = {o.id: o.full_name for o in all_officers(ctx.session, active_only=False)}
    evidence = evidence_counts(ctx.session)
    for report in reports:
        append_row(
            sheet,
            [
                report.id,
                unit_names.get(report.unit_id, ""),
                officers.get(report.officer_id, ""),
                criteria_labels(ctx, {report.criterion_code})[0],
                texts.SCOPE_NAMES.get(report.scope, report.scope),
                texts.YES if report.is_initiative else "",
                report.title,
                report.description,
                report.period,
                report.result,
                report.figure,
                texts.REPORT_STATUS_NAMES.get(report.status, report.status),
                ctx.local(report.submitted_at).replace(tzinfo=None),
                evidence.get(report.id or 0, 0),
            ],
        )
        for cell in sheet[sheet.max_row]:
            cell.alignment = WRAP
        sent = texts.EXPORT_REPORT_HEADERS.index(texts.EXPORT_REPORT_SENT_AT) + 1
        sheet.cell(row=sheet.max_row, column=sent).number_format = DATE_TIME_FORMAT
    last = get_column_letter(len(texts.EXPORT_REPORT_HEADERS))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{sheet.max_row}"
