"""Reading the secretariat's roster file (Excel or CSV) into rows of named fields."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from handlers import texts

# Codes are optional (they are made where absent); a unit may be named by its code alone.
REQUIRED_FIELDS = ("full_name", "unit_name")
# A title such as "DANH SÁCH CÁN BỘ…" may sit above the header; look this far for it.
HEADER_SEARCH_ROWS = 10
CSV_SUFFIXES = {".csv"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}


class RosterRow(NamedTuple):
    """One non-empty row: its line as Excel shows it, its fields, and its own text."""

    line: int
    fields: dict[str, str]
    text: str


class RosterFileError(ValueError):
    """The file cannot be read as a roster at all; the message is Vietnamese."""


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: 'Mã cán bộ (*)' -> 'macanbo'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed.lower() if ch.isascii() and ch.isalnum())


def clean(text: str) -> str:
    """NFC, trimmed, inner runs of spaces collapsed to one."""
    return " ".join(unicodedata.normalize("NFC", text).split())


HEADER_ALIASES = {
    "code": [
        "Mã cán bộ",
        "Mã CB",
        "Mã công chức",
        "Mã cán bộ công chức",
        "Mã",
        "Mã số",
        "Mã nhân viên",
        "Số hiệu",
        "code",
        "officer code",
    ],
    "full_name": [
        "Họ và tên",
        "Họ tên",
        "Họ và tên cán bộ",
        "Tên cán bộ",
        "Họ, tên",
        "full name",
        "name",
    ],
    "position": ["Chức vụ", "Chức danh", "Chức vụ, chức danh", "position", "title"],
    "unit_code": ["Mã đơn vị", "Mã ĐV", "Mã phòng", "unit code"],
    "unit_name": [
        "Tên đơn vị",
        "Đơn vị",
        "Phòng",
        "Tên phòng",
        "Phòng, đơn vị",
        "Phòng ban",
        "Phòng/Ban",
        "Bộ phận",
        "Cơ quan, đơn vị",
        "unit",
        "unit name",
    ],
    "role": ["Vai trò", "Quyền", "Quyền hạn", "Vai trò trên bot", "role"],
    "phone": [
        "Điện thoại",
        "Số điện thoại",
        "SĐT",
        "ĐT",
        "Di động",
        "Điện thoại di động",
        "Số di động",
        "phone",
    ],
    "email": ["Email", "E-mail", "Thư điện tử", "Địa chỉ email", "mail"],
    "status": ["Trạng thái", "Tình trạng", "status"],
}
HEADERS = {fold(alias): name for name, aliases in HEADER_ALIASES.items() for alias in aliases}


def read_roster_rows(path: Path) -> list[RosterRow]:
    """The file's non-empty rows, with the fields of the columns present."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise RosterFileError(texts.ROSTER_FILE_OLD_EXCEL.format(name=path.name))
    if suffix not in CSV_SUFFIXES | EXCEL_SUFFIXES:
        raise RosterFileError(texts.ROSTER_FILE_TYPE.format(name=path.name))
    if not path.is_file():
        raise RosterFileError(texts.ROSTER_FILE_NOT_FOUND.format(name=path.name))
    if suffix in CSV_SUFFIXES:
        return _table(path.name, _csv_lines(path))
    return _table(path.name, _excel_lines(path))


def _csv_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise RosterFileError(texts.ROSTER_FILE_ENCODING.format(name=path.name)) from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # One record is one Excel row even when a quoted cell spans lines.
    yield from enumerate(reader, start=1)


def _excel_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    # Imported here: openpyxl weighs ~25 MB, and only a roster import needs it.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises zip, XML and key errors alike for a broken file
        raise RosterFileError(texts.ROSTER_FILE_UNREADABLE.format(name=path.name)) from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some programs write a wrong sheet size
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, [_cell_text(value) for value in values]
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _table(name: str, lines: Iterable[tuple[int, list[str]]]) -> list[RosterRow]:
    header: dict[str, int] | None = None
    first_found: set[str] | None = None
    looked = 0
    rows: list[RosterRow] = []
    for line, cells in lines:
        if header is None:
            if not any(cell.strip() for cell in cells):
                continue
            columns = _header_columns(name, line, cells)
            if first_found is None:
                first_found = set(columns)
            if all(_has(columns, required) for required in REQUIRED_FIELDS):
                header = columns
                continue
            looked += 1
            if looked >= HEADER_SEARCH_ROWS:
                break
            continue
        row = {
            key: clean(cells[index]) if index < len(cells) else "" for key, index in header.items()
        }
        if any(row.values()):
            rows.append(RosterRow(line, row, _own_text(cells)))
    if first_found is None:
        raise RosterFileError(texts.ROSTER_FILE_EMPTY.format(name=name))
    if header is None:
        missing = [
            texts.ROSTER_COLUMN_NAMES[key] for key in REQUIRED_FIELDS if not _has(first_found, key)
        ]
        required = ", ".join(texts.ROSTER_COLUMN_NAMES[key] for key in REQUIRED_FIELDS)
        raise RosterFileError(
            texts.ROSTER_MISSING_COLUMNS.format(
                name=name, columns=", ".join(missing), required=required
            )
        )
    return rows


def _own_text(cells: list[str]) -> str:
    """The row as the secretariat wrote it, cells apart, trailing empty cells left out."""
    shown = [clean(cell) for cell in cells]
    while shown and not shown[-1]:
        shown.pop()
    return " | ".join(shown)


def _has(columns: Iterable[str], key: str) -> bool:
    """Whether the header gives this field; a unit code stands in for the unit's name."""
    return key in columns or (key == "unit_name" and "unit_code" in columns)


def _header_columns(name: str, line: int, cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = HEADERS.get(fold(cell))
        if key is None:
            continue  # "STT", notes and other columns of the secretariat's own
        if key in columns:
            raise RosterFileError(
                texts.ROSTER_DUPLICATE_COLUMN.format(name=name, column=clean(cell), line=line)
            )
        columns[key] = index
    return columns
