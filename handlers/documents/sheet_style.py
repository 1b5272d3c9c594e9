"""How the workbook's sheets look: title row, headings, the ward's font, print setup."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from handlers import texts
from handlers.engine.context import Context
from storage.models import Unit

DATE_TIME_FORMAT = "dd/mm/yyyy hh:mm"
# The font of the ward's documents (Nghị định 30/2020/NĐ-CP), in the sheets and in print.
WARD_FONT = "Times New Roman"
FONT_SIZE = 12
TITLE_SIZE = 14
# Row 1 is the sheet's title, row 2 its column headings: repeated on every printed page.
TITLE_ROW, HEADER_ROW = 1, 2
BOLD = Font(name=WARD_FONT, size=FONT_SIZE, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
# A criterion no report of the unit covers yet: what the secretariat looks for first.
GAP_FILL = PatternFill("solid", fgColor="F8CBAD")
WRAP = Alignment(wrap_text=True, vertical="top")


def append_row(sheet: Any, values: Sequence[Any]) -> None:
    """A row, every string in it plain text: a title typed as «=HYPERLINK(…)» stays words, and
    characters a workbook cannot hold (e.g. a vertical tab) are dropped instead of failing."""
    sheet.append([_text_cell(value) for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl takes a leading "=" for a formula otherwise


# What an XML file cannot hold (openpyxl's own pattern misses U+FFFE, U+FFFF and lone
# surrogates): a stored title with one would make the whole workbook fail.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text_cell(value: Any) -> Any:
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def start(sheet: Any, title: str, headers: Sequence[str], widths: Sequence[int]) -> None:
    """Name the sheet; leave row 1 for its title; bold, shaded headings that stay in view."""
    sheet.title = title
    append_row(sheet, [title])
    append_row(sheet, list(headers))
    for column, width in enumerate(widths, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"  # sheet.cell() would create the row


def finish(ctx: Context, sheet: Any, unit: Unit | None) -> None:
    """The title row, the ward's font in every cell, and A4 landscape print, fit to width."""
    columns = max(sheet.max_column, 1)
    scope = unit.name if unit is not None else ctx.campaign.campaign.issuer
    title = sheet.cell(row=TITLE_ROW, column=1)
    title.value = texts.EXPORT_SHEET_TITLE.format(
        sheet=sheet.title.upper(), campaign=ctx.campaign.campaign.short_title, scope=scope
    )
    sheet.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=columns)
    title.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[TITLE_ROW].height = 36
    for row in sheet.iter_rows():
        for cell in row:
            old = cell.font
            size = TITLE_SIZE if cell.row == TITLE_ROW else FONT_SIZE
            bold = True if cell.row == TITLE_ROW else old.bold
            cell.font = Font(name=WARD_FONT, size=size, bold=bold, color=old.color)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True


def group_row(sheet: Any, words: str, columns: int) -> None:
    """A bold row across the whole sheet: a heading inside a list."""
    append_row(sheet, [words])
    row = sheet.max_row
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    cell = sheet.cell(row=row, column=1)
    cell.font, cell.fill = BOLD, GROUP_FILL


def bold_row(sheet: Any) -> None:
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
