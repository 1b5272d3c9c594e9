"""The figures behind /tinhhinh and /tonghop, loaded with a fixed number of grouped queries."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from handlers.awards.dossier_rules import dossier_gaps
from handlers.awards.view import nomination_title
from handlers.campaign.deadline import days_left, deadline_text, effective_deadline
from handlers.engine.context import Context
from handlers.reports.form import criterion_label
from storage.models import DossierStatus, Officer, Unit
from storage.queries.awards import active_nominations, dossier_of_unit
from storage.queries.status import (
    WaitingReport,
    active_units,
    all_dossiers,
    member_counts_by_unit,
    nomination_counts_by_unit,
    officers_by_ids,
    oldest_waiting,
    silent_counts_by_unit,
    unit_counts_by_criterion,
    unit_counts_by_officer,
    unit_members,
    ward_counts_by_unit,
)

K = TypeVar("K")
# How many of the oldest waiting reports /tinhhinh lists by name.
WAITING_SHOWN = 5
# A dossier the secretariat holds counts as sent; any other state after the deadline is late.
SENT_DOSSIER_STATUSES = frozenset({DossierStatus.SUBMITTED, DossierStatus.ACCEPTED})


@dataclass(frozen=True)
class Counts:
    """Live reports by status."""

    sent: int = 0
    confirmed: int = 0
    returned: int = 0

    @property
    def total(self) -> int:
        return self.sent + self.confirmed + self.returned

    @classmethod
    def added(cls, many: Iterable[Counts]) -> Counts:
        """The sum of several counts."""
        items = list(many)
        return cls(
            sent=sum(c.sent for c in items),
            confirmed=sum(c.confirmed for c in items),
            returned=sum(c.returned for c in items),
        )

    @classmethod
    def of(cls, by_status: dict[str, int]) -> Counts:
        return cls(
            sent=by_status.get("sent", 0),
            confirmed=by_status.get("confirmed", 0),
            returned=by_status.get("returned", 0),
        )


@dataclass(frozen=True)
class Member:
    full_name: str
    role: str
    counts: Counts


@dataclass(frozen=True)
class CriterionFigures:
    code: str
    letter: str
    label: str
    counts: Counts


@dataclass(frozen=True)
class DeadlineFigures:
    """The deadline in force, as worded, and the whole days left or the days it has passed."""

    wording: str
    days_left: int
    overdue_days: int

    @property
    def passed(self) -> bool:
        return self.overdue_days > 0


@dataclass(frozen=True)
class DossierFigures:
    status: str | None
    late: bool
    submitted_at: datetime | None
    return_reason: str
    missing: tuple[str, ...]


@dataclass(frozen=True)
class UnitFigures:
    """One unit at a glance: what /tinhhinh shows."""

    code: str
    name: str
    members: tuple[Member, ...]
    criteria: tuple[CriterionFigures, ...]
    waiting: tuple[WaitingReport, ...]
    nominations: tuple[str, ...]
    dossier: DossierFigures
    deadline: DeadlineFigures

    @property
    def counts(self) -> Counts:
        return Counts.added(m.counts for m in self.members)


@dataclass(frozen=True)
class UnitRow:
    """One unit's line in the ward overview."""

    code: str
    name: str
    counts: Counts
    members: int
    silent: int
    nominations: int
    dossier_status: str | None
    dossier_late: bool

    @property
    def dossier_sent(self) -> bool:
        """With the secretariat: submitted, or accepted already."""
        return self.dossier_status in SENT_DOSSIER_STATUSES

    def dossier_overdue(self, deadline: DeadlineFigures) -> bool:
        """Not with the secretariat although the deadline has passed."""
        return deadline.passed and not self.dossier_sent


@dataclass(frozen=True)
class WardFigures:
    rows: tuple[UnitRow, ...]
    deadline: DeadlineFigures


def load_deadline(ctx: Context) -> DeadlineFigures:
    """The deadline's wording, days left, and once passed the day of lateness we are in."""
    due = effective_deadline(ctx.session, ctx.campaign)
    overdue = 0
    if ctx.now >= due:
        overdue = max(1, math.ceil((ctx.now - due) / timedelta(days=1)))
    return DeadlineFigures(
        wording=deadline_text(ctx.session, ctx.campaign),
        days_left=days_left(ctx.session, ctx.campaign, ctx.now),
        overdue_days=overdue,
    )


def _by_status(rows: list[tuple[K, str, int]]) -> dict[K, dict[str, int]]:
    """(key, status, count) rows as {key: {status: count}}."""
    grouped: dict[K, dict[str, int]] = defaultdict(dict)
    for key, status, count in rows:
        grouped[key][status] = count
    return grouped


def load_unit(ctx: Context, unit: Unit) -> UnitFigures:
    """Members and their reports, criteria covered, waiting reports, nominations, dossier."""
    assert unit.id is not None
    session = ctx.session
    per_officer = _by_status(unit_counts_by_officer(session, unit_id=unit.id))
    members: list[Officer] = list(unit_members(session, unit_id=unit.id))
    # Reports stay with the unit they were sent from, even if their author moved on since.
    known = {m.id for m in members}
    members += officers_by_ids(session, officer_ids=[i for i in per_officer if i not in known])
    per_criterion = _by_status(unit_counts_by_criterion(session, unit_id=unit.id))
    nominations = {
        n.id: nomination_title(ctx, n) for n in active_nominations(session, unit_id=unit.id)
    }
    return UnitFigures(
        code=unit.code,
        name=unit.name,
        members=tuple(_member(officer, per_officer) for officer in members),
        criteria=tuple(
            CriterionFigures(
                c.code,
                c.letter,
                criterion_label(ctx, c.code),
                Counts.of(per_criterion.get(c.code, {})),
            )
            for c in ctx.campaign.criteria
            # A unit is judged only on what is measured on units or on their officers.
            if c.measured_on != "ward"
        ),
        waiting=tuple(oldest_waiting(session, unit_id=unit.id, limit=WAITING_SHOWN)),
        nominations=tuple(nominations.values()),
        dossier=_dossier(ctx, unit.id, nominations),
        deadline=load_deadline(ctx),
    )


def _member(officer: Officer, per_officer: dict[int, dict[str, int]]) -> Member:
    assert officer.id is not None
    return Member(officer.full_name, officer.role, Counts.of(per_officer.get(officer.id, {})))


def _dossier(ctx: Context, unit_id: int, titles: dict[int | None, str]) -> DossierFigures:
    """The dossier's state and every document it still lacks, named for its nominee."""
    names = {d.code: d.name for d in ctx.campaign.dossier_documents}
    missing = tuple(
        f"{names.get(gap.document_code, gap.document_code)}: {titles[gap.nomination_id]}"
        if gap.nomination_id in titles
        else names.get(gap.document_code, gap.document_code)
        for gap in dossier_gaps(ctx.session, ctx.campaign, unit_id)
    )
    dossier = dossier_of_unit(ctx.session, unit_id=unit_id)
    if dossier is None:
        return DossierFigures(None, False, None, "", missing)
    return DossierFigures(
        dossier.status, dossier.late, dossier.submitted_at, dossier.return_reason, missing
    )


def load_ward(ctx: Context) -> WardFigures:
    """Every active unit's row, from six grouped queries whatever the size of the ward."""
    session = ctx.session
    per_unit = _by_status(ward_counts_by_unit(session))
    members = member_counts_by_unit(session)
    silent = silent_counts_by_unit(session)
    nominations = nomination_counts_by_unit(session)
    dossiers = all_dossiers(session)
    rows = []
    for unit in active_units(session):
        assert unit.id is not None
        dossier = dossiers.get(unit.id)
        rows.append(
            UnitRow(
                code=unit.code,
                name=unit.name,
                counts=Counts.of(per_unit.get(unit.id, {})),
                members=members.get(unit.id, 0),
                silent=silent.get(unit.id, 0),
                nominations=nominations.get(unit.id, 0),
                dossier_status=dossier.status if dossier else None,
                dossier_late=dossier.late if dossier else False,
            )
        )
    return WardFigures(rows=tuple(rows), deadline=load_deadline(ctx))
