"""Loading the roster of units and officers from the secretariat's Excel or CSV file."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from handlers import texts
from handlers.identity.roster_file import REQUIRED_FIELDS, fold, read_roster_rows
from storage.models import Officer, Role, Unit
from storage.queries.audit import record_audit
from storage.queries.roster import (
    all_officers,
    officer_by_code,
    unit_by_code,
    unit_by_id,
    upsert_officer,
    upsert_unit,
)

# The widest each field may be (the table's column sizes), so PostgreSQL never rejects a row.
FIELD_LIMITS = {
    "code": 40,
    "full_name": 200,
    "position": 200,
    "unit_code": 40,
    "unit_name": 200,
    "phone": 40,
    "email": 200,
}
AUDIT_CHANNEL = "cli"
AUDIT_ACTION = "roster.import"
UNIT_FIELDS = ("code", "name", "active")
OFFICER_FIELDS = ("code", "full_name", "position", "unit_id", "role", "phone", "email", "active")
# What /canbo changes, by the roster column that carries it; an import keeps the admin's choice.
CHAT_EDITED_COLUMNS = {"unit_id": "unit_name", "role": "role", "active": "status"}


@dataclass
class RosterImport:
    """What an import did, and the rows it skipped as (line, reason)."""

    units_created: int = 0
    units_updated: int = 0
    officers_created: int = 0
    officers_updated: int = 0
    units_unchanged: int = 0
    officers_unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    # (line, officer code, columns) where the file differs from a change made with /canbo,
    # which was kept.
    kept: list[tuple[int, str, list[str]]] = field(default_factory=list)
    # (unit name, «name (code)» of each) for units left with more than one active head.
    many_heads: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass(frozen=True)
class Overwrite:
    """Whose /canbo changes the file may undo: everyone's, or these officers' (by code)."""

    everyone: bool = False
    officers: frozenset[str] = frozenset()

    def covers(self, code: str) -> bool:
        return self.everyone or code in self.officers


ROLE_WORDS = {
    Role.OFFICER: ["Cán bộ", "Công chức", "Cán bộ, công chức"],
    Role.UNIT_HEAD: ["Thủ trưởng", "Thủ trưởng đơn vị"],
    Role.SECRETARIAT: ["Thường trực", "Thường trực thi đua"],
    Role.ADMIN: ["Quản trị", "Quản trị viên"],
    Role.LEADERSHIP: [
        "Lãnh đạo UBND",
        "Lãnh đạo UBND phường",
        "Chủ tịch",
        "Phó Chủ tịch",
        "Lãnh đạo",
    ],
}
ROLES = {fold(word): role.value for role, words in ROLE_WORDS.items() for word in words}
ROLES.update({fold(role.value): role.value for role in Role})
ROLES.update({fold(name): role for role, name in texts.ROLE_NAMES.items()})
STATUSES = {fold(word): True for word in ("", "Đang công tác", "Đang làm việc", "active")}
STATUSES.update(
    {
        fold(word): False
        for word in (
            "Nghỉ việc",
            "Đã nghỉ việc",
            "Nghỉ hưu",
            "Chuyển công tác",
            "Thôi việc",
            "inactive",
        )
    }
)


def import_roster(
    session: Session, *, path: Path, now: datetime, overwrite: Overwrite = Overwrite()
) -> RosterImport:
    """Create or update the units and officers in the file; bad rows are skipped and reported.

    A unit, role or status changed in chat (/canbo) stays as the admin set it where the file
    differs, and is reported; once the file says the same, that field is the file's again.
    `overwrite` lets the file win for everyone or for some officers. Units left with more
    than one active head are reported.
    """
    result = RosterImport()
    code_lines: dict[str, int] = {}
    unit_names: dict[str, tuple[str, int]] = {}
    done_units: dict[str, Unit] = {}
    for line, row in read_roster_rows(path):
        reasons = _row_problems(row, line, code_lines, unit_names)
        if reasons:
            result.errors.append((line, "; ".join(reasons)))
            continue
        unit_code = row["unit_code"].upper()
        unit = done_units.get(unit_code)
        if unit is None:
            unit = done_units[unit_code] = _save_unit(session, row, result, now=now)
        _save_officer(session, row, unit, result, line=line, now=now, overwrite=overwrite)
    result.many_heads = _units_with_many_heads(session)
    return result


def _units_with_many_heads(session: Session) -> list[tuple[str, list[str]]]:
    heads: dict[int, list[Officer]] = defaultdict(list)
    for officer in all_officers(session):
        if officer.role == Role.UNIT_HEAD:
            heads[officer.unit_id].append(officer)
    found = []
    for unit_id, officers in sorted(heads.items()):
        unit = unit_by_id(session, unit_id=unit_id)
        if len(officers) > 1 and unit is not None:
            found.append((unit.name, [f"{o.full_name} ({o.code})" for o in officers]))
    return found


def _row_problems(
    row: dict[str, str],
    line: int,
    code_lines: dict[str, int],
    unit_names: dict[str, tuple[str, int]],
) -> list[str]:
    reasons = [
        texts.ROSTER_REQUIRED.format(column=texts.ROSTER_COLUMN_NAMES[key])
        for key in REQUIRED_FIELDS
        if not row.get(key)
    ]
    reasons += [
        texts.ROSTER_TOO_LONG.format(column=texts.ROSTER_COLUMN_NAMES[key], limit=limit)
        for key, limit in FIELD_LIMITS.items()
        if len(row.get(key, "")) > limit
    ]
    if fold(row.get("role", "")) not in ROLES and row.get("role"):
        reasons.append(texts.ROSTER_BAD_ROLE.format(value=row["role"]))
    if row.get("status") and (fold(row["status"]) not in STATUSES or not fold(row["status"])):
        reasons.append(texts.ROSTER_BAD_STATUS.format(value=row["status"]))
    phone = row.get("phone", "")
    if phone and not _phone_digits(phone).removeprefix("+").isdigit():
        reasons.append(texts.ROSTER_BAD_PHONE.format(value=phone))
    email = row.get("email", "")
    local, at, domain = email.partition("@")
    if email and (not local or not at or "." not in domain or "@" in domain or " " in email):
        reasons.append(texts.ROSTER_BAD_EMAIL.format(value=email))
    code = row.get("code", "").upper()
    if code:
        if code in code_lines:
            reasons.append(texts.ROSTER_DUPLICATE_CODE.format(code=code, line=code_lines[code]))
        else:
            code_lines[code] = line
    unit_code, unit_name = row.get("unit_code", "").upper(), row.get("unit_name", "")
    if unit_code and unit_name:
        known_name, known_line = unit_names.setdefault(unit_code, (unit_name, line))
        if known_name != unit_name:
            reasons.append(
                texts.ROSTER_UNIT_NAME_CONFLICT.format(
                    code=unit_code, name=known_name, line=known_line
                )
            )
    return reasons


def _phone_digits(phone: str) -> str:
    """The number without spaces, dots or dashes; Excel's dropped leading zero put back."""
    digits = "".join(ch for ch in phone if ch not in " .-()")
    if len(digits) == 9 and digits.isdigit() and not digits.startswith("0"):
        digits = "0" + digits
    return digits


def _save_unit(
    session: Session, row: dict[str, str], result: RosterImport, *, now: datetime
) -> Unit:
    code = row["unit_code"].upper()
    existing = unit_by_code(session, code=code)
    before = _fields(existing, UNIT_FIELDS) if existing is not None else None
    unit, _ = upsert_unit(session, code=code, name=row["unit_name"])
    outcome = _audit(session, "unit", unit.id, before, _fields(unit, UNIT_FIELDS), now=now)
    result.units_created += outcome == "created"
    result.units_updated += outcome == "updated"
    result.units_unchanged += outcome == "unchanged"
    return unit


def _save_officer(
    session: Session,
    row: dict[str, str],
    unit: Unit,
    result: RosterImport,
    *,
    line: int,
    now: datetime,
    overwrite: Overwrite,
) -> None:
    assert unit.id is not None
    code = row["code"].upper()
    existing = officer_by_code(session, code=code)
    before = _fields(existing, OFFICER_FIELDS) if existing is not None else None

    def keep(key: str, new: str, default: str) -> str:
        # A column missing from the file leaves what the database has.
        if key in row:
            return new
        return str(before[key]) if before is not None else default

    role = keep(
        "role",
        ROLES[fold(row["role"])] if row.get("role") else Role.OFFICER.value,
        Role.OFFICER.value,
    )
    if "status" in row:
        active = STATUSES[fold(row["status"])]
    else:
        active = bool(before["active"]) if before is not None else True
    placement: dict[str, Any] = {"unit_id": unit.id, "role": role, "active": active}
    edited = [] if existing is None or overwrite.covers(code) else existing.chat_edited or []
    # A field the file now agrees with is the file's again; one it contradicts is kept.
    kept = [name for name in edited if before is not None and before[name] != placement[name]]
    if kept:
        assert before is not None
        placement.update({name: before[name] for name in kept})
        result.kept.append((line, code, [CHAT_EDITED_COLUMNS[name] for name in kept]))
    officer, _ = upsert_officer(
        session,
        code=code,
        full_name=row["full_name"],
        position=keep("position", row.get("position", ""), ""),
        phone=keep("phone", _phone_digits(row.get("phone", "")), ""),
        email=keep("email", row.get("email", ""), ""),
        **placement,
    )
    if (officer.chat_edited or None) != (kept or None):
        officer.chat_edited = kept or None
        session.add(officer)
    outcome = _audit(
        session, "officer", officer.id, before, _fields(officer, OFFICER_FIELDS), now=now
    )
    result.officers_created += outcome == "created"
    result.officers_updated += outcome == "updated"
    result.officers_unchanged += outcome == "unchanged"


def _fields(item: Unit | Officer, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(item, name) for name in names}


def _audit(
    session: Session,
    entity: str,
    entity_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    *,
    now: datetime,
) -> str:
    """Record the change, if any; returns 'created', 'updated' or 'unchanged'."""
    assert entity_id is not None
    outcome = "created"
    if before is not None:
        changed = [key for key in after if before[key] != after[key]]
        if not changed:
            return "unchanged"
        outcome = "updated"
        before = {key: before[key] for key in changed}
        after = {key: after[key] for key in changed}
    record_audit(
        session,
        at=now,
        actor_officer_id=None,
        channel=AUDIT_CHANNEL,
        action=AUDIT_ACTION,
        entity=entity,
        entity_id=entity_id,
        before=before,
        after=after,
    )
    return outcome
