"""Queries on units and officers."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from storage.models import Officer, Unit


def unit_by_code(session: Session, *, code: str) -> Unit | None:
    return session.exec(select(Unit).where(Unit.code == code)).first()


def unit_by_id(session: Session, *, unit_id: int) -> Unit | None:
    return session.get(Unit, unit_id)


def all_units(session: Session) -> Sequence[Unit]:
    return session.exec(select(Unit).order_by(col(Unit.id))).all()


def officer_by_code(session: Session, *, code: str) -> Officer | None:
    return session.exec(select(Officer).where(Officer.code == code)).first()


def officer_by_id(session: Session, *, officer_id: int) -> Officer | None:
    return session.get(Officer, officer_id)


def all_officers(session: Session, *, active_only: bool = True) -> Sequence[Officer]:
    query = select(Officer).order_by(col(Officer.unit_id), col(Officer.code))
    if active_only:
        query = query.where(col(Officer.active).is_(True))
    return session.exec(query).all()


def count_units(session: Session) -> int:
    return len(session.exec(select(Unit.id)).all())


def upsert_unit(session: Session, *, code: str, name: str) -> tuple[Unit, bool]:
    """Create the unit or rename it; returns it and whether it is new."""
    unit = unit_by_code(session, code=code)
    created = unit is None
    if unit is None:
        unit = Unit(code=code, name=name)
    else:
        unit.name = name
        unit.active = True
    session.add(unit)
    session.flush()
    return unit, created


def upsert_officer(
    session: Session,
    *,
    code: str,
    full_name: str,
    position: str,
    unit_id: int,
    role: str,
    phone: str,
    email: str,
    active: bool,
) -> tuple[Officer, bool]:
    """Create the officer or update every field; returns it and whether it is new."""
    officer = officer_by_code(session, code=code)
    created = officer is None
    if officer is None:
        officer = Officer(code=code, full_name=full_name, unit_id=unit_id)
    officer.full_name = full_name
    officer.position = position
    officer.unit_id = unit_id
    officer.role = role
    officer.phone = phone
    officer.email = email
    officer.active = active
    session.add(officer)
    session.flush()
    return officer, created
