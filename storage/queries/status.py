"""Aggregate queries behind /tinhhinh and /tonghop: grouped counts, never one query per row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, false, or_
from sqlmodel import Session, col, func, select

from storage.models import (
    Dossier,
    Nomination,
    Officer,
    Report,
    ReportScope,
    ReportStatus,
    Role,
    Unit,
    WardResult,
)

# A withdrawn report no longer counts: its author is back to "no report yet".
LIVE_STATUSES = (ReportStatus.SENT.value, ReportStatus.CONFIRMED.value, ReportStatus.RETURNED.value)


@dataclass(frozen=True)
class WaitingReport:
    """A report waiting for the head's confirmation, with who sent it and when."""

    report_id: int
    title: str
    officer_name: str
    submitted_at: datetime


def active_units(session: Session) -> Sequence[Unit]:
    return session.exec(
        select(Unit).where(col(Unit.active).is_(True)).order_by(col(Unit.code))
    ).all()


# The ward's leadership sits in a unit of the roster but is not judged as one of its officers.
JUDGED = col(Officer.role) != Role.LEADERSHIP.value


def unit_members(session: Session, *, unit_id: int) -> Sequence[Officer]:
    """The unit's active officers judged on their reports, by code."""
    return session.exec(
        select(Officer)
        .where(Officer.unit_id == unit_id, col(Officer.active).is_(True), JUDGED)
        .order_by(col(Officer.code))
    ).all()


def officers_by_ids(session: Session, *, officer_ids: Sequence[int]) -> Sequence[Officer]:
    if not officer_ids:
        return []
    return session.exec(select(Officer).where(col(Officer.id).in_(officer_ids))).all()


def unit_counts_by_officer(session: Session, *, unit_id: int) -> list[tuple[int, str, int]]:
    """(officer id, status, count) of the unit's live reports."""
    rows = session.exec(
        select(Report.officer_id, Report.status, func.count())
        .where(Report.unit_id == unit_id, col(Report.status).in_(LIVE_STATUSES))
        .group_by(col(Report.officer_id), col(Report.status))
    ).all()
    return [(int(officer_id), str(status), int(count)) for officer_id, status, count in rows]


def unit_counts_by_criterion(session: Session, *, unit_id: int) -> list[tuple[str, str, int]]:
    """(criterion code, status, count) of the unit's live reports."""
    rows = session.exec(
        select(Report.criterion_code, Report.status, func.count())
        .where(Report.unit_id == unit_id, col(Report.status).in_(LIVE_STATUSES))
        .group_by(col(Report.criterion_code), col(Report.status))
    ).all()
    return [(str(code), str(status), int(count)) for code, status, count in rows]


def oldest_waiting(session: Session, *, unit_id: int, limit: int) -> list[WaitingReport]:
    """The unit's reports waiting for confirmation, oldest first."""
    rows = session.exec(
        select(Report.id, Report.title, Officer.full_name, Report.submitted_at)
        .join(Officer, col(Officer.id) == col(Report.officer_id))
        .where(Report.unit_id == unit_id, Report.status == ReportStatus.SENT.value)
        .order_by(col(Report.submitted_at), col(Report.id))
        .limit(limit)
    ).all()
    return [
        WaitingReport(int(report_id or 0), title, name, submitted_at)
        for report_id, title, name, submitted_at in rows
    ]


# A report by one of these is a senior's own report, confirmed above the unit.
SENIOR_ROLES = (Role.UNIT_HEAD.value, Role.LEADERSHIP.value)


@dataclass(frozen=True)
class Queue:
    """Which waiting reports one confirmer decides on; never their own."""

    confirmer_id: int
    # None: every unit of the ward.
    unit_id: int | None
    # Individual reports of officers, of seniors (heads and leaders), and collective reports.
    officer_reports: bool
    head_reports: bool
    collective_reports: bool


def _waiting_in(queue: Queue) -> list[Any]:
    individual = col(Report.scope) == ReportScope.INDIVIDUAL.value
    senior = col(Officer.role).in_(SENIOR_ROLES)
    kinds: list[Any] = []
    if queue.officer_reports:
        kinds.append(and_(individual, ~senior))
    if queue.head_reports:
        kinds.append(and_(individual, senior))
    if queue.collective_reports:
        kinds.append(Report.scope == ReportScope.COLLECTIVE.value)
    conditions = [
        Report.status == ReportStatus.SENT.value,
        Report.officer_id != queue.confirmer_id,
        or_(*kinds) if kinds else false(),
    ]
    if queue.unit_id is not None:
        conditions.append(Report.unit_id == queue.unit_id)
    return conditions


def _after(key: tuple[datetime, int]) -> Any:
    """Reports after this one in queue order: (submitted_at, id)."""
    at, report_id = key
    return or_(
        col(Report.submitted_at) > at,
        and_(col(Report.submitted_at) == at, col(Report.id) > report_id),
    )


def next_waiting(
    session: Session, *, queue: Queue, after: tuple[datetime, int] | None = None
) -> Report | None:
    """The oldest report of the queue (after a queue position)."""
    query = (
        select(Report)
        .join(Officer, col(Officer.id) == col(Report.officer_id))
        .where(*_waiting_in(queue))
    )
    if after is not None:
        query = query.where(_after(after))
    return session.exec(query.order_by(col(Report.submitted_at), col(Report.id)).limit(1)).first()


def oldest_in_queue(session: Session, *, queue: Queue, limit: int) -> list[WaitingReport]:
    """The queue's oldest waiting reports, as /tinhhinh lists them."""
    rows = session.exec(
        select(Report.id, Report.title, Officer.full_name, Report.submitted_at)
        .join(Officer, col(Officer.id) == col(Report.officer_id))
        .where(*_waiting_in(queue))
        .order_by(col(Report.submitted_at), col(Report.id))
        .limit(limit)
    ).all()
    return [
        WaitingReport(int(report_id or 0), title, name, submitted_at)
        for report_id, title, name, submitted_at in rows
    ]


def count_waiting(
    session: Session, *, queue: Queue, before: tuple[datetime, int] | None = None
) -> int:
    """How many reports wait in the queue (ahead of a queue position, if given)."""
    query = (
        select(func.count())
        .select_from(Report)
        .join(Officer, col(Officer.id) == col(Report.officer_id))
        .where(*_waiting_in(queue))
    )
    if before is not None:
        query = query.where(~_after(before), col(Report.id) != before[1])
    return int(session.exec(query).one())


def count_own_waiting(session: Session, *, officer_id: int) -> int:
    """The officer's own reports waiting for confirmation."""
    return int(
        session.exec(
            select(func.count())
            .select_from(Report)
            .where(Report.officer_id == officer_id, Report.status == ReportStatus.SENT.value)
        ).one()
    )


def ward_counts_by_unit(session: Session) -> list[tuple[int, str, int]]:
    """(unit id, status, count) of every report in the ward, withdrawn ones included.

    No filter on the status: the whole (unit_id, status) index is read in order, with no
    table lookups and no sorting; the caller drops the withdrawn counts.
    """
    rows = session.exec(
        select(Report.unit_id, Report.status, func.count()).group_by(
            col(Report.unit_id), col(Report.status)
        )
    ).all()
    return [(int(unit_id), str(status), int(count)) for unit_id, status, count in rows]


def member_counts_by_unit(session: Session) -> dict[int, int]:
    """Active officers per unit, the leadership left out."""
    rows = session.exec(
        select(Officer.unit_id, func.count())
        .where(col(Officer.active).is_(True), JUDGED)
        .group_by(col(Officer.unit_id))
    ).all()
    return {int(unit_id): int(count) for unit_id, count in rows}


def silent_counts_by_unit(session: Session) -> dict[int, int]:
    """Active officers per unit who have no live report at all."""
    # Correlated, so each officer costs one probe of the officer_id index that stops at
    # the first live report, instead of a set of every reporting officer being built.
    live_report = (
        select(Report.id)
        .where(Report.officer_id == Officer.id, col(Report.status).in_(LIVE_STATUSES))
        .exists()
    )
    rows = session.exec(
        select(Officer.unit_id, func.count())
        .where(col(Officer.active).is_(True), JUDGED, ~live_report)
        .group_by(col(Officer.unit_id))
    ).all()
    return {int(unit_id): int(count) for unit_id, count in rows}


def nomination_counts_by_unit(session: Session) -> dict[int, int]:
    rows = session.exec(
        select(Nomination.unit_id, func.count())
        .where(col(Nomination.withdrawn).is_(False))
        .group_by(col(Nomination.unit_id))
    ).all()
    return {int(unit_id): int(count) for unit_id, count in rows}


def all_dossiers(session: Session) -> dict[int, Dossier]:
    """Every unit's dossier, by unit id (a unit without one has not started it)."""
    return {dossier.unit_id: dossier for dossier in session.exec(select(Dossier)).all()}


def ward_results(session: Session) -> dict[str, WardResult]:
    """The ward's recorded result on each ward-level criterion, by criterion code."""
    return {row.criterion_code: row for row in session.exec(select(WardResult)).all()}


def save_ward_result(session: Session, *, result: WardResult) -> WardResult:
    """Record the ward's result on a criterion, replacing the one recorded before."""
    existing = session.exec(
        select(WardResult).where(WardResult.criterion_code == result.criterion_code)
    ).first()
    if existing is not None:
        session.delete(existing)
        session.flush()
    session.add(result)
    session.flush()
    return result
