"""Queries for reminders: pauses, the record of rule runs, and the facts audiences are made of."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from storage.models import (
    ChatIdentity,
    Dossier,
    Officer,
    Outbox,
    ReminderPause,
    ReminderRun,
    Report,
    Unit,
)
from storage.queries.dialects import dialect

# --- pauses and leave -------------------------------------------------------------------------


def active_pauses(session: Session, *, now: datetime) -> dict[int, ReminderPause]:
    """Each paused officer's pause in force (the one that lasts longest)."""
    rows = session.exec(
        select(ReminderPause)
        .where(col(ReminderPause.until) > now)
        .order_by(col(ReminderPause.until))
    ).all()
    return {row.officer_id: row for row in rows}


def pause_of(session: Session, *, officer_id: int, now: datetime) -> ReminderPause | None:
    return session.exec(
        select(ReminderPause)
        .where(ReminderPause.officer_id == officer_id, col(ReminderPause.until) > now)
        .order_by(col(ReminderPause.until).desc())
    ).first()


def add_pause(
    session: Session, *, officer_id: int, until: datetime, on_leave: bool, now: datetime
) -> ReminderPause:
    pause = ReminderPause(officer_id=officer_id, until=until, on_leave=on_leave, created_at=now)
    session.add(pause)
    session.flush()
    return pause


def end_pauses(session: Session, *, officer_id: int, now: datetime) -> int:
    """End the officer's pauses in force now; returns how many there were."""
    result = session.exec(
        update(ReminderPause)
        .where(col(ReminderPause.officer_id) == officer_id, col(ReminderPause.until) > now)
        .values(until=now)
    )
    return int(result.rowcount)


# --- the record of runs -----------------------------------------------------------------------


def recorded_runs(session: Session, *, since: datetime) -> set[tuple[str, datetime]]:
    """(rule, occurrence) of every run recorded for an occurrence at or after `since`."""
    rows = session.exec(
        select(ReminderRun.rule, ReminderRun.occurrence).where(col(ReminderRun.occurrence) >= since)
    ).all()
    return {(rule, occurrence) for rule, occurrence in rows}


def claim_run(
    session: Session, *, rule: str, occurrence: datetime, status: str, now: datetime
) -> ReminderRun | None:
    """Record a run of one occurrence; None when it was recorded already (by anyone).

    INSERT … ON CONFLICT DO NOTHING lets the unique (rule, occurrence) decide a race between
    two schedulers without an error that would end the caller's transaction.
    """
    statement = (
        dialect(session.get_bind().dialect.name)
        .insert(ReminderRun)
        .values(rule=rule, occurrence=occurrence, status=status, recipients=0, recorded_at=now)
        .on_conflict_do_nothing(index_elements=["rule", "occurrence"])
        .returning(col(ReminderRun.id))
    )
    new_id = session.exec(statement).scalar()
    return None if new_id is None else session.get(ReminderRun, new_id)


def recent_runs(session: Session, *, limit: int) -> Sequence[ReminderRun]:
    return session.exec(
        select(ReminderRun).order_by(col(ReminderRun.occurrence).desc()).limit(limit)
    ).all()


def outbox_status_counts(session: Session, *, key_prefix: str) -> dict[str, int]:
    """Outbox rows whose key starts with the prefix, counted by status."""
    escaped = key_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = session.exec(
        select(Outbox.status, func.count())
        .where(col(Outbox.idempotency_key).like(f"{escaped}%", escape="\\"))
        .group_by(Outbox.status)
    ).all()
    return {status: int(count) for status, count in rows}


# --- facts for audiences ----------------------------------------------------------------------


class Member(NamedTuple):
    """An active officer, as much as a reminder needs (lighter than a loaded Officer)."""

    id: int
    full_name: str
    unit_id: int
    role: str


def active_members(session: Session) -> list[Member]:
    """Active officers of active units, by unit and code."""
    rows = session.exec(
        select(col(Officer.id), Officer.full_name, Officer.unit_id, Officer.role)
        .join(Unit, col(Unit.id) == Officer.unit_id)
        .where(col(Officer.active).is_(True), col(Unit.active).is_(True))
        .order_by(col(Officer.unit_id), col(Officer.code))
    ).all()
    return [
        Member(officer_id, name, unit_id, role)
        for officer_id, name, unit_id, role in rows
        if officer_id is not None
    ]


def active_units(session: Session) -> Sequence[Unit]:
    return session.exec(select(Unit).where(col(Unit.active).is_(True)).order_by(col(Unit.id))).all()


def chat_addresses(session: Session) -> dict[int, list[tuple[str, str, str]]]:
    """Each officer's bound chat accounts as (channel, platform user id, chat id)."""
    rows = session.exec(
        select(
            ChatIdentity.officer_id,
            ChatIdentity.channel,
            ChatIdentity.platform_user_id,
            ChatIdentity.chat_id,
        ).order_by(col(ChatIdentity.id))
    ).all()
    addresses: dict[int, list[tuple[str, str, str]]] = {}
    for officer_id, channel, user_id, chat_id in rows:
        addresses.setdefault(officer_id, []).append((channel, user_id, chat_id))
    return addresses


def officers_with_reports(session: Session, *, statuses: Collection[str]) -> set[int]:
    """Officers who have at least one report in one of these statuses."""
    rows = session.exec(
        select(Report.officer_id).where(col(Report.status).in_(list(statuses))).distinct()
    ).all()
    return set(rows)


def reports_in_status(session: Session, *, status: str) -> Sequence[Report]:
    """Reports in this status, oldest sent first."""
    return session.exec(
        select(Report)
        .where(Report.status == status)
        .order_by(col(Report.submitted_at), col(Report.id))
    ).all()


def report_counts(session: Session) -> dict[tuple[int, str], int]:
    """How many reports each unit has in each status."""
    rows = session.exec(
        select(Report.unit_id, Report.status, func.count()).group_by(
            col(Report.unit_id), col(Report.status)
        )
    ).all()
    return {(unit_id, status): int(count) for unit_id, status, count in rows}


def dossiers_by_unit(session: Session) -> dict[int, Dossier]:
    return {dossier.unit_id: dossier for dossier in session.exec(select(Dossier)).all()}
