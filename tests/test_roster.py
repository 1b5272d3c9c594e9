"""Roster import from the secretariat's CSV and Excel files."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, select

from handlers.identity.roster import RosterImport, import_roster
from handlers.identity.roster_file import RosterFileError, read_roster_rows
from handlers.texts import (
    ROSTER_BAD_EMAIL,
    ROSTER_BAD_PHONE,
    ROSTER_BAD_ROLE,
    ROSTER_BAD_STATUS,
    ROSTER_DUPLICATE_CODE,
    ROSTER_NO_UNIT,
    ROSTER_REQUIRED,
    ROSTER_UNIT_NAME_CONFLICT,
)
from storage.db import make_engine, transaction
from storage.models import AuditEntry, Officer, Role, Unit
from storage.queries.audit import audit_entries
from storage.queries.roster import officer_by_code, unit_by_code, unit_by_id

DEMO = Path(__file__).resolve().parent.parent / "seed" / "demo-roster.csv"
NOW = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)
HEADER = "Mã cán bộ;Họ và tên;Chức vụ;Mã đơn vị;Tên đơn vị;Vai trò;Điện thoại;Email;Trạng thái"
ROLE_OF = {
    "Cán bộ": Role.OFFICER,
    "Thủ trưởng": Role.UNIT_HEAD,
    "Thường trực": Role.SECRETARIAT,
    "Quản trị": Role.ADMIN,
    "Lãnh đạo UBND phường": Role.LEADERSHIP,
}


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


def load(engine: Engine, path: Path) -> RosterImport:
    with transaction(engine) as session:
        return import_roster(session, path=path, now=NOW)


def demo_rows() -> list[dict[str, str]]:
    with DEMO.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def officers(engine: Engine) -> list[Officer]:
    with Session(engine) as session:
        return list(session.exec(select(Officer)).all())


def units(engine: Engine) -> list[Unit]:
    with Session(engine) as session:
        return list(session.exec(select(Unit)).all())


def write_csv(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def test_demo_roster_is_nfc_and_has_the_wards_structure() -> None:
    text = DEMO.read_text(encoding="utf-8-sig")
    assert unicodedata.normalize("NFC", text) == text
    rows = demo_rows()
    assert len({row["Mã đơn vị"] for row in rows}) == 5
    assert {row["Vai trò"] for row in rows} <= set(ROLE_OF)
    # The ward's leadership, so the console demo can run the award chain to the decision.
    leaders = {row["Chức vụ"] for row in rows if row["Vai trò"] == "Lãnh đạo UBND phường"}
    assert leaders == {"Chủ tịch UBND phường", "Phó Chủ tịch UBND phường"}
    for row in rows:
        assert row["Email"].endswith("@chuvanan.gov.vn")
        assert row["Điện thoại"].startswith("09") and len(row["Điện thoại"]) == 10


def test_demo_roster_imports_every_unit_and_officer(engine: Engine) -> None:
    rows = demo_rows()
    result = load(engine, DEMO)

    assert result.errors == []
    assert result.units_created == len({row["Mã đơn vị"] for row in rows})
    assert result.officers_created == len(rows)
    stored = {officer.code: officer for officer in officers(engine)}
    unit_codes = {unit.id: unit.code for unit in units(engine)}
    assert {unit.code: unit.name for unit in units(engine)} == {
        row["Mã đơn vị"]: row["Tên đơn vị"] for row in rows
    }
    for row in rows:
        officer = stored[row["Mã cán bộ"]]
        assert officer.full_name == row["Họ và tên"]
        assert officer.position == row["Chức vụ"]
        assert unit_codes[officer.unit_id] == row["Mã đơn vị"]
        assert officer.role == ROLE_OF[row["Vai trò"]]
        assert officer.phone == row["Điện thoại"]
        assert officer.email == row["Email"]
        assert officer.active is (row["Trạng thái"] != "Nghỉ việc")
    active = [officer for officer in stored.values() if officer.active]
    for unit_id, code in unit_codes.items():
        roles = [o.role for o in active if o.unit_id == unit_id]
        assert roles.count(Role.UNIT_HEAD) == 1, code
        assert Role.OFFICER in roles, code
    assert any(o.role == Role.SECRETARIAT and unit_codes[o.unit_id] == "VHXH" for o in active)
    assert any(o.role == Role.ADMIN for o in active)


def test_importing_the_same_file_again_updates_instead_of_duplicating(engine: Engine) -> None:
    first = load(engine, DEMO)
    second = load(engine, DEMO)

    assert (second.units_created, second.officers_created) == (0, 0)
    assert (second.units_updated, second.officers_updated) == (0, 0)
    assert second.units_unchanged == first.units_created
    assert second.officers_unchanged == first.officers_created
    assert len(units(engine)) == first.units_created
    assert len(officers(engine)) == first.officers_created


def test_xlsx_with_title_row_other_header_spelling_and_a_moved_officer(
    engine: Engine, tmp_path: Path
) -> None:
    load(engine, DEMO)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC PHƯỜNG CHU VĂN AN"])
    sheet.append([])
    sheet.append(
        [
            "STT",
            "  MÃ CÁN BỘ ",
            "ho ten",
            "CHỨC  VỤ",
            "ma_don_vi",
            "Đơn vị",
            "vai tro",
            "SĐT",
            "E-mail",
            "TRẠNG THÁI",
        ]
    )
    sheet.append(
        [
            1,
            "VP04",
            "Phạm Thị Lan",
            "Chuyên viên",
            "KTHTDT",
            "Phòng Kinh tế – Hạ tầng và Đô thị",
            "cán bộ",
            912345678,
            None,
            None,
        ]
    )
    sheet.append([2])  # a numbered but empty row of the template
    sheet.append(
        [
            3,
            "kthtdt09",
            "  Lương   Văn  Tài ",
            None,
            "KTHTDT",
            "Phòng Kinh tế – Hạ tầng và Đô thị",
            "THỦ TRƯỞNG",
            "0900 001 099",
            "tailv@chuvanan.gov.vn",
            "nghỉ việc",
        ]
    )
    path = tmp_path / "danh-sach.xlsx"
    workbook.save(path)

    assert [row.line for row in read_roster_rows(path)] == [4, 6]
    result = load(engine, path)

    assert result.errors == []
    assert (result.officers_created, result.officers_updated) == (1, 1)
    with Session(engine) as session:
        moved = officer_by_code(session, code="VP04")
        assert moved is not None
        unit = unit_by_id(session, unit_id=moved.unit_id)
        assert unit is not None and unit.code == "KTHTDT"
        assert moved.phone == "0912345678"
        new = officer_by_code(session, code="KTHTDT09")
        assert new is not None
        assert (new.full_name, new.role, new.active) == ("Lương Văn Tài", Role.UNIT_HEAD, False)
        assert new.phone == "0900001099"


def test_bad_rows_are_reported_by_line_and_good_rows_kept(engine: Engine, tmp_path: Path) -> None:
    unit = "VHXH;Phòng Văn hóa – Xã hội"
    path = write_csv(
        tmp_path / "loi.csv",
        HEADER,
        f"A01;Nguyễn Văn An;Chuyên viên;{unit};Cán bộ;0900000001;an@chuvanan.gov.vn;",  # 2
        f"A02;;Chuyên viên;{unit};Cán bộ;;;",  # 3
        f"A03;Trần Thị Bình;Chuyên viên;{unit};Giám sát;;;",  # 4
        f"A01;Lê Văn Cường;Chuyên viên;{unit};Cán bộ;;;",  # 5
        f"A04;Phạm Văn Dũng;Chuyên viên;{unit};Cán bộ;09x0000004;;",  # 6
        "A05;Hoàng Thị Em;Chuyên viên;;;Cán bộ;;;",  # 7
        "",  # 8
        f"A06;Vũ Văn Giang;Trưởng phòng;{unit};Thủ trưởng;;;Đang công tác",  # 9
        "A07;Đỗ Thị Hoa;Chuyên viên;VHXH;Phòng VHXH;Cán bộ;;;",  # 10
        f"A08;Ngô Văn Khoa;Chuyên viên;{unit};Cán bộ;;;Nghỉ phép",  # 11
        f"A09;Lý Thị Liên;Chuyên viên;{unit};Cán bộ;;lien.chuvanan.gov.vn;",  # 12
    )

    result = load(engine, path)

    assert [line for line, _ in result.errors] == [3, 4, 5, 7, 10, 11]
    reasons = dict(result.errors)
    assert reasons[3] == ROSTER_REQUIRED.format(column="Họ và tên")
    assert reasons[4] == ROSTER_BAD_ROLE.format(value="Giám sát")
    assert reasons[5] == ROSTER_DUPLICATE_CODE.format(code="A01", line=2)
    assert reasons[7] == ROSTER_NO_UNIT
    assert reasons[10] == ROSTER_UNIT_NAME_CONFLICT.format(
        code="VHXH", name="Phòng Văn hóa – Xã hội", line=2
    )
    assert reasons[11] == ROSTER_BAD_STATUS.format(value="Nghỉ phép")
    assert result.row_texts[7] == "A05 | Hoàng Thị Em | Chuyên viên |  |  | Cán bộ"
    # An impossible phone or e-mail is dropped with a warning; the person is kept.
    assert result.warnings == [
        (6, ROSTER_BAD_PHONE.format(value="09x0000004")),
        (12, ROSTER_BAD_EMAIL.format(value="lien.chuvanan.gov.vn")),
    ]
    stored = {officer.code: officer for officer in officers(engine)}
    assert set(stored) == {"A01", "A04", "A06", "A09"}
    assert stored["A01"].full_name == "Nguyễn Văn An"
    assert (stored["A04"].phone, stored["A09"].email) == ("", "")
    assert (result.officers_created, result.units_created) == (4, 1)


def test_missing_columns_are_named(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "thieu.csv",
        "Mã cán bộ,Họ và tên,Chức vụ",
        "A01,Nguyễn Văn An,Chuyên viên",
    )
    with pytest.raises(RosterFileError) as caught:
        read_roster_rows(path)
    message = str(caught.value)
    assert "thiếu cột: Tên đơn vị." in message


def test_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RosterFileError, match="không có dữ liệu"):
        read_roster_rows(write_csv(tmp_path / "rong.csv", "", ""))


@pytest.mark.parametrize("name", ["danh-sach.txt", "danh-sach.pdf", "danh-sach.xls"])
def test_other_file_types_are_refused(engine: Engine, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(DEMO.read_bytes())
    with pytest.raises(RosterFileError, match=re.escape(name)):
        load(engine, path)
    assert units(engine) == []


def test_broken_excel_and_non_utf8_csv_are_refused(tmp_path: Path) -> None:
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"%PDF-1.4 not a workbook")
    with pytest.raises(RosterFileError, match=re.escape("hong.xlsx")):
        read_roster_rows(broken)
    legacy = tmp_path / "cu.csv"
    legacy.write_bytes("Mã cán bô,Ho và tên\n".encode("cp1252"))  # Excel's plain "CSV" on Windows
    with pytest.raises(RosterFileError, match="UTF-8"):
        read_roster_rows(legacy)


def test_text_is_trimmed_and_nfc_and_headers_match_in_nfd(engine: Engine, tmp_path: Path) -> None:
    nfd = unicodedata.normalize(
        "NFD",
        HEADER.replace(";", ",")
        + "\n"
        + " a01 ,  Nguyễn   Văn An ,,VHXH,Phòng Văn hóa – Xã hội,,,,\n",
    )
    path = tmp_path / "nfd.csv"
    path.write_text(nfd, encoding="utf-8")
    result = load(engine, path)
    assert result.errors == []
    [officer] = officers(engine)
    assert (officer.code, officer.full_name) == ("A01", "Nguyễn Văn An")
    assert officer.role == Role.OFFICER and officer.active
    [unit] = units(engine)
    assert unit.name == unicodedata.normalize("NFC", "Phòng Văn hóa – Xã hội")


def test_audit_rows_record_creation_and_only_changed_fields(engine: Engine, tmp_path: Path) -> None:
    rows = demo_rows()
    load(engine, DEMO)
    with Session(engine) as session:
        created = list(session.exec(select(AuditEntry)).all())
    assert len(created) == len(rows) + len({row["Mã đơn vị"] for row in rows})
    assert {(e.action, e.channel, e.actor_officer_id) for e in created} == {
        ("roster.import", "cli", None)
    }
    assert all(e.before == {} and e.at == NOW for e in created)
    with Session(engine) as session:
        officer_entries = audit_entries(session, entity="officer")
        vp01 = officer_by_code(session, code="VP01")
        assert vp01 is not None
    assert [e.after["full_name"] for e in officer_entries] == [row["Họ và tên"] for row in rows]

    changed = DEMO.read_text(encoding="utf-8-sig").replace("Chánh Văn phòng,", "Chánh VP,", 1)
    path = tmp_path / "sua.csv"
    path.write_text(changed, encoding="utf-8-sig")
    result = load(engine, path)
    assert result.officers_updated == 1
    with Session(engine) as session:
        latest = audit_entries(session)[len(created) :]
    assert [(e.entity, e.entity_id, e.before, e.after) for e in latest] == [
        ("officer", str(vp01.id), {"position": "Chánh Văn phòng"}, {"position": "Chánh VP"})
    ]


def test_columns_absent_from_the_file_keep_stored_values(engine: Engine, tmp_path: Path) -> None:
    load(engine, DEMO)
    path = write_csv(
        tmp_path / "ten.csv",
        "Mã cán bộ,Họ và tên,Mã đơn vị,Tên đơn vị",
        "VP03,Lê Hoàng Nam,VP,Văn phòng HĐND và UBND",
    )
    result = load(engine, path)
    assert (result.officers_updated, result.officers_unchanged) == (0, 1)
    with Session(engine) as session:
        admin = officer_by_code(session, code="VP03")
        assert admin is not None and admin.role == Role.ADMIN and admin.email
        assert unit_by_code(session, code="VP") is not None
