"""The roster file's rows made usable: values normalised, units told apart, codes found or made.

Before anything is stored, every row is checked and cleaned as a ward keeps its list: unit
names written with another dash, case, spacing or Unicode form are one unit (the spelling
most rows use is kept); phones take one form (0912345678); e-mails are lower-cased; the same
person twice is one officer. Codes are optional: a unit without one keeps the code it already
has in the database (same name, however written), or gets its name's initials; an officer
without one keeps the code of the stored officer who is the same person (same name and phone
or e-mail, else same name in the same unit), or gets the unit's code and the next free number.
So the same file imported twice gives every person the same code.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import Session

from handlers import texts
from handlers.identity.roster_file import RosterRow, clean, fold
from storage.models import Officer, Role
from storage.queries.roster import all_officers, all_units

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
ROLE_WORDS = {
    Role.OFFICER: ["Cán bộ", "Công chức", "Cán bộ, công chức", "Chuyên viên", "Nhân viên"],
    Role.UNIT_HEAD: ["Thủ trưởng", "Thủ trưởng đơn vị", "Trưởng đơn vị", "Lãnh đạo đơn vị"],
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
# Vietnamese mobile and landline numbers: 0 and 9 digits (mobile) or 10 (landline, 02x).
PHONE = re.compile(r"0\d{9,10}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# Words left out of a made-up unit code: "Phòng Văn hóa – Xã hội" -> "VHXH".
CODE_STOP_WORDS = {"phong", "va", "ban", "cua"}


@dataclass
class RosterPlan:
    """The rows to store (fields complete, codes set), and what was said about the others."""

    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    # The row's own text for each line reported as an error.
    row_texts: dict[int, str] = field(default_factory=dict)


def normal_phone(raw: str) -> str | None:
    """One form for a phone, 0912345678; '' for none, None for a number that cannot be one.

    Accepts +84 / 84 prefixes, dots, dashes, spaces, brackets, and a number cell that lost
    its leading 0.
    """
    digits = "".join(ch for ch in raw if ch not in " .-()/\u00a0")
    if not digits:
        return ""
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    elif digits[0] != "0" and len(digits) in (9, 10):
        digits = "0" + digits
    return digits if PHONE.fullmatch(digits) else None


def normal_email(raw: str) -> str | None:
    """The address lower-cased; '' for none, None for one that cannot be an address."""
    email = raw.strip().lower()
    if not email:
        return ""
    return email if EMAIL.fullmatch(email) else None


def person_key(name: str) -> str:
    return clean(name).casefold()


def plan_roster(session: Session, rows: list[RosterRow]) -> RosterPlan:
    plan = RosterPlan()
    usable = [(row, fields) for row in rows if (fields := _checked(plan, row)) is not None]
    usable = _with_units(session, plan, usable)
    usable = _without_repeats(plan, usable)
    _with_officer_codes(session, usable)
    plan.rows = [(row.line, fields) for row, fields in usable]
    plan.errors.sort()
    plan.warnings.sort()
    return plan


def _refuse(plan: RosterPlan, row: RosterRow, reasons: list[str]) -> None:
    plan.errors.append((row.line, "; ".join(reasons)))
    plan.row_texts[row.line] = row.text


def _checked(plan: RosterPlan, row: RosterRow) -> dict[str, str] | None:
    """The row's fields normalised, or None (and the reasons recorded) when it cannot be used."""
    fields = dict(row.fields)
    reasons = []
    if not fields.get("full_name"):
        reasons.append(texts.ROSTER_REQUIRED.format(column=texts.ROSTER_COLUMN_NAMES["full_name"]))
    if not fields.get("unit_name") and not fields.get("unit_code"):
        reasons.append(texts.ROSTER_NO_UNIT)
    reasons += [
        texts.ROSTER_TOO_LONG.format(column=texts.ROSTER_COLUMN_NAMES[key], limit=limit)
        for key, limit in FIELD_LIMITS.items()
        if len(fields.get(key, "")) > limit
    ]
    if fields.get("role") and fold(fields["role"]) not in ROLES:
        reasons.append(texts.ROSTER_BAD_ROLE.format(value=fields["role"]))
    status = fields.get("status", "")
    if status and (fold(status) not in STATUSES or not fold(status)):
        reasons.append(texts.ROSTER_BAD_STATUS.format(value=status))
    if reasons:
        _refuse(plan, row, reasons)
        return None
    fields["code"] = fields.get("code", "").upper()
    fields["unit_code"] = fields.get("unit_code", "").upper()
    for key, normal, warning in (
        ("phone", normal_phone, texts.ROSTER_BAD_PHONE),
        ("email", normal_email, texts.ROSTER_BAD_EMAIL),
    ):
        if key in fields:
            value = normal(fields[key])
            if value is None:
                plan.warnings.append((row.line, warning.format(value=fields[key])))
            fields[key] = value or ""
    return fields


Rows = list[tuple[RosterRow, dict[str, str]]]


def _with_units(session: Session, plan: RosterPlan, rows: Rows) -> Rows:
    """Each row's unit as one code and one spelling; a code named two ways is refused."""
    stored = list(all_units(session))
    stored_by_key = {fold(unit.name): unit.code for unit in stored}
    stored_by_code = {unit.code: unit.name for unit in stored}
    spellings: dict[str, Counter[str]] = {}
    key_code: dict[str, str] = {}
    code_key: dict[str, tuple[str, str, int]] = {}  # code -> (key, spelling, first line)
    kept: Rows = []
    for row, fields in rows:
        name, code = fields.get("unit_name", ""), fields["unit_code"]
        if not name:
            name = stored_by_code.get(code) or (code_key[code][1] if code in code_key else "")
            if not name:
                _refuse(plan, row, [texts.ROSTER_NO_UNIT_NAME.format(code=code)])
                continue
            fields["unit_name"] = name
        key = fold(name)
        if code:
            known = code_key.setdefault(code, (key, name, row.line))
            if known[0] != key:
                conflict = texts.ROSTER_UNIT_NAME_CONFLICT.format(
                    code=code, name=known[1], line=known[2]
                )
                _refuse(plan, row, [conflict])
                continue
            key_code.setdefault(key, code)
        spellings.setdefault(key, Counter())[name] += 1
        kept.append((row, fields))
    taken = set(stored_by_code) | set(code_key)
    for key, counter in spellings.items():
        if key not in key_code:
            key_code[key] = stored_by_key.get(key) or _new_unit_code(
                counter.most_common(1)[0][0], taken
            )
            taken.add(key_code[key])
    for _row, fields in kept:
        key = fold(fields["unit_name"])
        fields["unit_name"] = spellings[key].most_common(1)[0][0]
        fields["unit_code"] = fields["unit_code"] or key_code[key]
    return kept


def _new_unit_code(name: str, taken: set[str]) -> str:
    words = [fold(word) for word in re.split(r"\W+", name)]
    initials = "".join(w[0] for w in words if w and w not in CODE_STOP_WORDS).upper()
    base = initials or "DV"
    code, number = base, 1
    while code in taken:
        number += 1
        code = f"{base}{number}"
    return code


def _without_repeats(plan: RosterPlan, rows: Rows) -> Rows:
    """The same person twice (same name, and same phone or e-mail) is kept once, with a warning;
    what the first row leaves empty the repeat fills in."""
    seen: dict[tuple[str, str, str], int] = {}
    firsts: dict[int, dict[str, str]] = {}
    code_lines: dict[str, int] = {}
    kept: Rows = []
    for row, fields in rows:
        name = person_key(fields["full_name"])
        marks = [(name, key, fields[key]) for key in ("phone", "email") if fields.get(key)]
        first = next((seen[mark] for mark in marks if mark in seen), None)
        if first is not None:
            warning = texts.ROSTER_SAME_PERSON.format(name=fields["full_name"], line=first)
            plan.warnings.append((row.line, warning))
            kept_fields = firsts[first]
            for key, value in fields.items():
                if value and not kept_fields.get(key):
                    kept_fields[key] = value
            continue
        code = fields["code"]
        if code and code in code_lines:
            reason = texts.ROSTER_DUPLICATE_CODE.format(code=code, line=code_lines[code])
            _refuse(plan, row, [reason])
            continue
        if code:
            code_lines[code] = row.line
        for mark in marks:
            seen[mark] = row.line
        firsts[row.line] = fields
        kept.append((row, fields))
    return kept


def _with_officer_codes(session: Session, rows: Rows) -> None:
    """A code for every row without one: the stored person's, or a new one in their unit."""
    stored = list(all_officers(session, active_only=False))
    units = {unit.id: unit.code for unit in all_units(session)}
    claimed = {fields["code"] for _row, fields in rows if fields["code"]}
    taken = claimed | {officer.code for officer in stored}
    for _row, fields in rows:
        if fields["code"]:
            continue
        match = _stored_person(stored, units, claimed, fields)
        if match is None:
            number = 1
            while f"{fields['unit_code']}{number:02d}" in taken:
                number += 1
            fields["code"] = f"{fields['unit_code']}{number:02d}"
        else:
            fields["code"] = match.code
        claimed.add(fields["code"])
        taken.add(fields["code"])


def _stored_person(
    stored: list[Officer], units: dict[int | None, str], claimed: set[str], fields: dict[str, str]
) -> Officer | None:
    """The stored officer this row describes: same name and phone or e-mail, else same name
    in the same unit, with the same position first (the first not yet taken by another row,
    so namesakes stay apart)."""
    name = person_key(fields["full_name"])
    free = [o for o in stored if o.code not in claimed and person_key(o.full_name) == name]
    unit = fields["unit_code"]
    tests: list[Callable[[Officer], bool]] = [
        lambda o: bool(fields.get("phone")) and o.phone == fields.get("phone"),
        lambda o: bool(fields.get("email")) and o.email == fields.get("email"),
        lambda o: units.get(o.unit_id) == unit and o.position == fields.get("position", ""),
        lambda o: units.get(o.unit_id) == unit,
    ]
    for test in tests:
        found = next((o for o in free if test(o)), None)
        if found is not None:
            return found
    return None
