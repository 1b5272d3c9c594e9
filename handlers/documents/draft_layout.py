"""The page of a ward office's document in python-docx: A4, Times New Roman, tables, signatures.

Layout only: every word comes from the caller (the texts are in handlers/documents/wording.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

import docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
# Decree 30/2020/NĐ-CP: body 13–14 pt, the header lines 12–13 pt.
BODY_PT = 14
HEADER_PT = 13
TABLE_PT = 13
SMALL_PT = 12
# Decree 30/2020/NĐ-CP: the names in "Nơi nhận" are 11 pt (the word "Nơi nhận:" itself 12 pt).
RECIPIENT_PT = 11
# The elements a paragraph's properties may hold after its borders, in the schema's order.
AFTER_BORDERS = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
# The height of a rule's own empty paragraph, in half-points.
RULE_MARK_HALF_POINTS = 4
# A4 with the margins ward offices use: 2 cm top and bottom, 3 cm left (binding), 1.5 cm right.
PAGE = (Cm(21), Cm(29.7))
MARGINS = {"top": Cm(2), "bottom": Cm(2), "left": Cm(3), "right": Cm(1.5)}
TEXT_WIDTH = Cm(21 - 3 - 1.5)
FIRST_LINE_INDENT = Cm(1)

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


@dataclass(frozen=True)
class Line:
    """One paragraph of a header or signature column."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: int = HEADER_PT
    align: WD_ALIGN_PARAGRAPH = CENTER
    # A short solid rule of this length under the line before it, centred (Decree 30/2020
    # draws one under the issuing body's name, the motto and the trích yếu); text is ignored.
    rule: Length | None = None


def new_document(title: str, now: datetime) -> Document:
    """An empty A4 document with the ward office's font, size and margins."""
    document = docx.Document()
    # The template's properties name python-docx and a 2013 date; say what and when instead.
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, "", ""
    properties.created = properties.modified = now
    section = document.sections[0]
    section.page_width, section.page_height = PAGE
    section.top_margin = MARGINS["top"]
    section.bottom_margin = MARGINS["bottom"]
    section.left_margin = MARGINS["left"]
    section.right_margin = MARGINS["right"]
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    # Word picks the East Asian and complex-script fonts separately; pin them too.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    spacing = normal.paragraph_format
    spacing.space_before = Pt(0)
    spacing.space_after = Pt(6)
    spacing.line_spacing = 1.15
    return document


def text(
    container: Document | _Cell,
    words: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: int = BODY_PT,
    align: WD_ALIGN_PARAGRAPH = JUSTIFY,
    indent: bool = False,
) -> Paragraph:
    """A paragraph of one run; body paragraphs are justified with a first-line indent."""
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = FIRST_LINE_INDENT
    run = paragraph.add_run(words)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    return paragraph


def labelled(container: Document | _Cell, label: str, value: str) -> Paragraph:
    """A "- Label: value" line with the label in bold."""
    paragraph = container.add_paragraph()
    paragraph.alignment = JUSTIFY
    paragraph.paragraph_format.first_line_indent = FIRST_LINE_INDENT
    paragraph.add_run(f"- {label}: ").bold = True
    paragraph.add_run(value)
    return paragraph


def two_columns(
    document: Document,
    rows: Sequence[tuple[Sequence[Line], Sequence[Line]]],
    widths: tuple[Length, Length],
) -> Table:
    """A borderless two-column table: the national header, or the signature blocks."""
    table: Table = document.add_table(rows=len(rows), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _column_widths(table, widths)
    for row, (left, right) in zip(table.rows, rows, strict=True):
        keep_whole(row)
        for cell, lines, width in zip(row.cells, (left, right), widths, strict=True):
            cell.width = width
            _fill(cell, lines, width)
    return table


def keep_whole(row: _Row) -> None:
    """A row never breaks across pages (a signature block or a nominee stays on one page)."""
    whole = OxmlElement("w:cantSplit")
    whole.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(whole)


def _column_widths(table: Table, widths: Sequence[Length]) -> None:
    """The table grid's widths: LibreOffice lays columns out by these, not by the cells'."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width


def _fill(cell: _Cell, lines: Sequence[Line], width: Length) -> None:
    """Put the lines in a cell, using the empty paragraph every new cell has."""
    for number, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        paragraph.alignment = line.align
        paragraph.paragraph_format.space_after = Pt(0)
        if line.rule is not None:
            rule_under(paragraph, line.rule, width)
            continue
        run = paragraph.add_run(line.text)
        run.bold, run.italic, run.underline = line.bold, line.italic, line.underline
        run.font.size = Pt(line.size)


def rule_under(paragraph: Paragraph, length: Length, width: Length) -> None:
    """Make an empty paragraph a solid rule of `length`, centred in `width`, tight below text."""
    side = Length(max(0, (width - length) // 2))
    form = paragraph.paragraph_format
    form.left_indent, form.right_indent = side, side
    form.space_before = form.space_after = Pt(0)
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    properties.insert_element_before(borders, *AFTER_BORDERS)
    # The empty paragraph is as tall as its mark's font: keep it small, the rule close.
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(RULE_MARK_HALF_POINTS))
    mark.append(size)
    properties.append(mark)


def rule(document: Document, length: Length) -> None:
    """A rule under the paragraph before it, centred on the page (e.g. under the trích yếu)."""
    paragraph = document.add_paragraph()
    rule_under(paragraph, length, TEXT_WIDTH)
    paragraph.paragraph_format.space_after = Pt(BODY_PT)


def page_numbers(document: Document) -> None:
    """Page numbers centred in the top margin from the second page on (Decree 30/2020)."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run()
    run.font.size = Pt(HEADER_PT)
    for kind, words in (("begin", ""), ("", "PAGE"), ("end", "")):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
        else:
            field = OxmlElement("w:instrText")
            field.set(qn("xml:space"), "preserve")
            field.text = words
        run._r.append(field)


def grid_table(document: Document, headers: Sequence[str], widths: Sequence[Length]) -> Table:
    """A bordered table with a bold header row that repeats on every page."""
    table: Table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _column_widths(table, widths)
    for cell, header, width in zip(table.rows[0].cells, headers, widths, strict=True):
        cell.width = width
        _cell_text(cell, header, bold=True, align=CENTER)
        # The header row goes over to the next page with the first row under it.
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    return table


def grid_row(table: Table, values: Sequence[str], widths: Sequence[Length]) -> None:
    """One row of a grid table; the first column (STT) is centred."""
    row = table.add_row()  # type: ignore[no-untyped-call]
    keep_whole(row)
    cells = row.cells
    for number, (cell, value, width) in enumerate(zip(cells, values, widths, strict=True)):
        cell.width = width
        _cell_text(cell, value, align=CENTER if number == 0 else LEFT)


def banner_row(table: Table, words: str) -> None:
    """A bold row spanning the whole table: a group heading inside a list."""
    cells = table.add_row().cells  # type: ignore[no-untyped-call]
    merged = cells[0].merge(cells[-1])
    _cell_text(merged, words, bold=True, align=LEFT)
    # A group's heading never ends a page alone: it goes over with the group's first row.
    for paragraph in merged.paragraphs:
        paragraph.paragraph_format.keep_with_next = True


def _cell_text(
    cell: _Cell, words: str, *, bold: bool = False, align: WD_ALIGN_PARAGRAPH = LEFT
) -> None:
    """Write a cell's text, one paragraph per line, in the table's size."""
    for number, line in enumerate(words.split("\n")):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(line)
        run.bold = bold
        run.font.size = Pt(TABLE_PT)


def to_bytes(document: Document) -> bytes:
    out = BytesIO()
    document.save(out)
    return out.getvalue()
