"""Loading the roster of units and officers from the secretariat's Excel or CSV file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from handlers import texts
from handlers.roster_file import REQUIRED_FIELDS, fold, read_roster_rows
from storage.models import Officer, Role, Unit
from storage.queries.audit import record_audit
from storage.queries.roster import officer_by_code, unit_by_code, upsert_officer, upsert_unit

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


ROLE_WORDS = {
    Role.OFFICER: ["Cán bộ", "Công chức", "Cán bộ, công chức"],
    Role.UNIT_HEAD: ["Thủ trưởng", "Thủ trưởng đơn vị"],
    Role.SECRETARIAT: ["Thường trực", "Thường trực thi đua"],
    Role.ADMIN: ["Quản trị", "Quản trị viên"],
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
    session: Session, *, path: Path, now: datetime, overwrite: bool = False
) -> RosterImport:
    """Create or update the units and officers in the file; bad rows are skipped and reported.

    An officer's unit, role or status changed in chat (/canbo) since stays as it is where the
    file differs, and is reported; once the file says the same, the file leads again.
    `overwrite` makes the file win everywhere.
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
    return result


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
    overwrite: bool,
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
    edited_in_chat = existing is not None and existing.edited_in_chat_at is not None
    if edited_in_chat and not overwrite:
        assert before is not None
        differing = [name for name, value in placement.items() if before[name] != value]
        if differing:
            placement.update({name: before[name] for name in differing})
            result.kept.append((line, code, [CHAT_EDITED_COLUMNS[name] for name in differing]))
            edited_in_chat = False  # still ahead of the file: remembered as it was
    officer, _ = upsert_officer(
        session,
        code=code,
        full_name=row["full_name"],
        position=keep("position", row.get("position", ""), ""),
        phone=keep("phone", _phone_digits(row.get("phone", "")), ""),
        email=keep("email", row.get("email", ""), ""),
        **placement,
    )
    if edited_in_chat:  # the file now says the same, or was imported to overwrite
        officer.edited_in_chat_at = None
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
