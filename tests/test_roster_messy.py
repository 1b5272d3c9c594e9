"""A roster as a ward keeps it in Excel: no codes, every kind of slip planted, each outcome stated.

The file is built here row by row (62 data rows): each planted fault sits next to what the
import must make of it.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, select

from handlers.identity.roster import RosterImport, import_roster
from handlers.texts import (
    ROSTER_BAD_EMAIL,
    ROSTER_BAD_PHONE,
    ROSTER_BAD_ROLE,
    ROSTER_NO_UNIT,
    ROSTER_REQUIRED,
    ROSTER_SAME_PERSON,
)
from storage.db import make_engine, transaction
from storage.models import Officer, Role, Unit

NOW = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)
HEADER = ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Vai trò", "Số điện thoại", "Email"]
FIRST_LINE = 4  # a title and an empty row sit above the header, as in the ward's file

VP = "Văn phòng HĐND và UBND"
KT = "Phòng Kinh tế – Hạ tầng và Đô thị"
VH = "Phòng Văn hóa – Xã hội"
TT = "Trung tâm Phục vụ hành chính công"
# The same units as people type them: other dashes, case, spacing, decomposed accents.
KT_VARIANTS = [
    "Phòng Kinh tế - Hạ tầng và Đô thị",
    "Phòng Kinh tế — Hạ tầng và Đô thị",
    "PHÒNG KINH TẾ – HẠ TẦNG VÀ ĐÔ THỊ",
    "  Phòng Kinh tế–Hạ tầng  và Đô thị ",
    unicodedata.normalize("NFD", KT),
]
VH_VARIANTS = ["Phòng Văn hoá - Xã hội", "phòng văn hóa – xã hội", "Phòng Văn hóa -Xã hội"]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thu Hà", "Hữu Khánh"]


def person(index: int) -> str:
    return f"{SURNAMES[index % len(SURNAMES)]} {GIVEN[index // len(SURNAMES)]}"


def phone_as_typed(index: int) -> tuple[Any, str]:
    """The phone in one of the ways a ward types it, and the one form it must be stored in."""
    digits = f"912{index:06d}"
    forms: list[Any] = [
        f"0{digits}",
        f"0{digits[:3]} {digits[3:6]} {digits[6:]}",
        f"0{digits[:3]}.{digits[3:6]}.{digits[6:]}",
        f"0{digits[:3]}-{digits[3:6]}-{digits[6:]}",
        f"+84 {digits[:3]} {digits[3:6]} {digits[6:]}",
        f"84{digits}",
        int(digits),  # a number cell: Excel dropped the leading 0
    ]
    return forms[index % len(forms)], f"0{digits}"


def clean_rows() -> list[dict[str, Any]]:
    """50 people in four units; names, units, phones and e-mails written in every usual way."""
    units = [VP] * 8 + [KT] * 16 + [VH] * 14 + [TT] * 12
    rows = []
    kt_seen = vh_seen = 0
    for index, unit in enumerate(units):
        name = person(index)
        typed_unit = unit
        if unit == KT:
            kt_seen += 1
            if kt_seen % 3 == 0:  # a third of KT's rows spelled otherwise: the majority wins
                typed_unit = KT_VARIANTS[(kt_seen // 3) % len(KT_VARIANTS)]
        if unit == VH:
            vh_seen += 1
            if vh_seen % 4 == 0:
                typed_unit = VH_VARIANTS[(vh_seen // 4) % len(VH_VARIANTS)]
        typed_name = name
        if index % 5 == 1:
            typed_name = f"  {name.replace(' ', '   ')} "
        if index % 7 == 2:
            typed_name = unicodedata.normalize("NFD", name)
        phone, stored_phone = phone_as_typed(index)
        email = f"cb{index:02d}@chuvanan.gov.vn"
        first_of_unit = units.index(unit) == index
        rows.append(
            {
                "cells": [
                    typed_name,
                    "Trưởng phòng" if first_of_unit else "Chuyên viên",
                    typed_unit,
                    ["Thủ trưởng", "THỦ TRƯỞNG", "thủ trưởng", "Thủ trưởng đơn vị"][index % 4]
                    if first_of_unit
                    else ["Cán bộ", "cán bộ", "", "Công chức"][index % 4],
                    phone,
                    email.upper() if index % 6 == 0 else email,
                ],
                "expect": {
                    "name": name,
                    "unit": unit,
                    "role": Role.UNIT_HEAD if first_of_unit else Role.OFFICER,
                    "phone": stored_phone,
                    "email": email,
                },
            }
        )
    rows[10]["cells"][3] = "Thường trực"  # a secretariat member in the office
    rows[10]["expect"]["role"] = Role.SECRETARIAT
    rows[3]["cells"][3] = "quản trị"
    rows[3]["expect"]["role"] = Role.ADMIN
    return rows


def planted_rows() -> list[dict[str, Any]]:
    """The faults, each with its expected outcome ('error', 'warning', 'merged', or stored)."""
    return [
        # An impossible phone: dropped with a warning, the person kept.
        {
            "cells": ["Lý Thị Mai", "Chuyên viên", VH, "Cán bộ", "12345", "mailt@chuvanan.gov.vn"],
            "warning": ROSTER_BAD_PHONE.format(value="12345"),
            "expect": {"name": "Lý Thị Mai", "unit": VH, "role": Role.OFFICER, "phone": "",
                       "email": "mailt@chuvanan.gov.vn"},
        },
        # A broken e-mail: dropped with a warning, the person kept.
        {
            "cells": ["Tạ Văn Long", "Chuyên viên", TT, "", "0987654321", "long.chuvanan.gov.vn"],
            "warning": ROSTER_BAD_EMAIL.format(value="long.chuvanan.gov.vn"),
            "expect": {"name": "Tạ Văn Long", "unit": TT, "role": Role.OFFICER,
                       "phone": "0987654321", "email": ""},
        },
        # The same person twice: same name (other spacing), same phone in another form.
        {
            "cells": ["Nguyễn  Văn An", "Trưởng phòng", VP, "Thủ trưởng", "+84 912 000 000", ""],
            "merged_with": 0,
        },
        # The same person twice by e-mail (in capitals), the unit spelled otherwise.
        {
            "cells": [person(8), "Trưởng phòng", KT_VARIANTS[0], "Thủ trưởng", "",
                      "CB08@CHUVANAN.GOV.VN"],
            "merged_with": 8,
        },
        # Same name as row 1 (Trần Văn An) but another person: another phone, stays two.
        {
            "cells": ["Trần Văn An", "Chuyên viên", VH, "Cán bộ", "0977111222", ""],
            "expect": {"name": "Trần Văn An", "unit": VH, "role": Role.OFFICER,
                       "phone": "0977111222", "email": ""},
        },
        # No unit at all: refused with its line and text.
        {"cells": ["Mạc Thị Nga", "Chuyên viên", "", "Cán bộ", "0977000001", ""],
         "error": ROSTER_NO_UNIT},
        # A role that is not one of ours: refused.
        {"cells": ["Chu Văn Phúc", "Chuyên viên", VP, "Giám sát viên", "", ""],
         "error": ROSTER_BAD_ROLE.format(value="Giám sát viên")},
        # A row with no name (only a position): refused.
        {"cells": ["", "Chuyên viên", TT, "Cán bộ", "", ""],
         "error": ROSTER_REQUIRED.format(column="Họ và tên")},
        # A blank line in the middle: ignored, not an error.
        {"cells": ["", "", "", "", "", ""], "blank": True},
        # A namesake with no phone nor e-mail in another unit: a person of their own.
        {
            "cells": ["Lê Minh Châu", "Chuyên viên", TT, "Cán bộ", "", ""],
            "expect": {"name": "Lê Minh Châu", "unit": TT, "role": Role.OFFICER, "phone": "",
                       "email": ""},
        },
        # Two namesakes in one unit, without phones: two people, told apart on re-import too.
        {
            "cells": ["Phan Thị Hoa", "Chuyên viên", TT, "Cán bộ", "", ""],
            "expect": {"name": "Phan Thị Hoa", "unit": TT, "role": Role.OFFICER, "phone": "",
                       "email": ""},
        },
        {
            "cells": ["Phan Thị Hoa", "Văn thư", TT, "Cán bộ", "", ""],
            "expect": {"name": "Phan Thị Hoa", "unit": TT, "role": Role.OFFICER, "phone": "",
                       "email": ""},
        },
    ]  # fmt: skip


def messy_rows() -> list[dict[str, Any]]:
    rows = clean_rows()
    planted = planted_rows()
    for row in planted:
        if "merged_with" in row:
            row["merged_with"] = rows[row["merged_with"]]
    # The planted rows go among the others, not at the end, as slips do.
    mixed: list[dict[str, Any]] = []
    for index, row in enumerate(rows):
        mixed.append(row)
        if index % 4 == 3 and planted:
            mixed.append(planted.pop(0))
    return mixed + planted


def write_roster(path: Path, rows: list[dict[str, Any]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC UBND PHƯỜNG CHU VĂN AN NĂM 2026"])
    sheet.append([])
    sheet.append(HEADER)
    for number, row in enumerate(rows, start=1):
        sheet.append(["" if row.get("blank") else number, *row["cells"]])
    workbook.save(path)
    return path


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


def load(engine: Engine, path: Path) -> RosterImport:
    with transaction(engine) as session:
        return import_roster(session, path=path, now=NOW)


def stored(engine: Engine) -> list[tuple[str, str, str, str, str, str]]:
    """Every officer as (code, name, unit, role, phone, e-mail), by code."""
    with Session(engine) as session:
        units = {unit.id: unit.name for unit in session.exec(select(Unit)).all()}
        return sorted(
            (o.code, o.full_name, units[o.unit_id], o.role, o.phone, o.email)
            for o in session.exec(select(Officer)).all()
        )


def test_a_messy_roster_imports_as_the_ward_means_it(engine: Engine, tmp_path: Path) -> None:
    rows = messy_rows()
    assert len([row for row in rows if not row.get("blank")]) >= 60
    result = load(engine, write_roster(tmp_path / "danh-sach.xlsx", rows))

    line_of = {id(row): FIRST_LINE + index for index, row in enumerate(rows)}
    assert result.errors == [(line_of[id(r)], r["error"]) for r in rows if "error" in r]
    for row in rows:
        if "error" in row:  # the secretariat finds the row by its line and its own text
            assert row["cells"][1] in result.row_texts[line_of[id(row)]]
    expected_warnings = [(line_of[id(r)], r["warning"]) for r in rows if "warning" in r]
    expected_warnings += [
        (
            line_of[id(r)],
            ROSTER_SAME_PERSON.format(
                name=" ".join(r["cells"][0].split()), line=line_of[id(r["merged_with"])]
            ),
        )
        for r in rows
        if "merged_with" in r
    ]
    assert result.warnings == sorted(expected_warnings)

    people = stored(engine)
    expected = sorted(
        (r["expect"]["name"], r["expect"]["unit"], r["expect"]["role"], r["expect"]["phone"],
         r["expect"]["email"])
        for r in rows
        if "expect" in r
    )  # fmt: skip
    assert sorted(person[1:] for person in people) == expected
    assert result.officers_created == len(expected)
    # Four units, each under the spelling most of its rows use.
    with Session(engine) as session:
        assert sorted(u.name for u in session.exec(select(Unit)).all()) == sorted([VP, KT, VH, TT])
    for _code, name, *_ in people:
        assert unicodedata.normalize("NFC", name) == name and "  " not in name
    # Codes were made from the unit's initials and a number.
    codes = {code for code, *_ in people}
    assert len(codes) == len(people)
    assert {code.rstrip("0123456789") for code in codes} == {"VHU", "KTHTDT", "VHXH", "TTPVHCC"}


def test_importing_it_again_changes_nothing_even_reordered(engine: Engine, tmp_path: Path) -> None:
    rows = messy_rows()
    load(engine, write_roster(tmp_path / "lan-1.xlsx", rows))
    before = stored(engine)

    again = load(engine, write_roster(tmp_path / "lan-2.xlsx", rows))
    assert (again.officers_created, again.officers_updated, again.units_created) == (0, 0, 0)
    assert stored(engine) == before

    shuffled = list(rows)
    random.Random(7).shuffle(shuffled)
    for row in shuffled:
        row.pop("merged_with", None)  # which of two rows comes first changes; that is all
    third = load(engine, write_roster(tmp_path / "lan-3.xlsx", shuffled))
    assert (third.officers_created, third.officers_updated) == (0, 0)
    assert stored(engine) == before
