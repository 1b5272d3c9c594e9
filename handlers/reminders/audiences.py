"""Who a reminder reaches and what exactly each of them still has to do, computed from the
database: nobody is listed by hand, and whoever is done drops out on their own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handlers.campaign.reminder_rules import Audience
from handlers.reminders.facts import (
    DossierState,
    Facts,
    MemberState,
    ReportOf,
    UnitState,
)
from storage.models import Report, Role, Unit
from storage.queries.reminders import Member


# What one recipient is told is missing, one kind per audience.
@dataclass(frozen=True)
class NoReport:
    pass


@dataclass(frozen=True)
class ReturnedReports:
    reports: tuple[Report, ...]


@dataclass(frozen=True)
class UnitDigest:
    waiting: tuple[ReportOf, ...]
    returned: tuple[ReportOf, ...]
    missing: tuple[MemberState, ...]
    paused: tuple[MemberState, ...]
    dossier: DossierState


@dataclass(frozen=True)
class MissingMembers:
    members: tuple[MemberState, ...]


@dataclass(frozen=True)
class WardSummary:
    units: tuple[UnitState, ...]


@dataclass(frozen=True)
class MissingUnits:
    units: tuple[UnitState, ...]


Missing = NoReport | ReturnedReports | UnitDigest | MissingMembers | WardSummary | MissingUnits


@dataclass(frozen=True)
class Target:
    """One recipient of a notice and what is missing, as data for the text."""

    officer: Member
    unit: Unit
    missing: Missing


def _officers_without_report(facts: Facts) -> list[Target]:
    """Members with no report sent, confirmed or waiting to be sent again."""
    return [
        Target(o, facts.units[o.unit_id], NoReport())
        for o in facts.members
        if o.id not in facts.reported
        and o.id not in facts.returned_by
        and o.role != Role.LEADERSHIP
        and facts.reachable(o)
    ]


def _officers_with_returned_report(facts: Facts) -> list[Target]:
    by_officer: dict[int, list[Report]] = {}
    for report in facts.returned:
        by_officer.setdefault(report.officer_id, []).append(report)
    return [
        Target(o, facts.units[o.unit_id], ReturnedReports(tuple(by_officer[o.id])))
        for o in facts.members
        if o.id in by_officer and facts.reachable(o)
    ]


def _heads_with_pending_work(facts: Facts) -> list[Target]:
    """Heads with reports to confirm or a dossier not yet sent; the digest shows all of it."""
    targets = []
    for head in facts.with_role(Role.UNIT_HEAD):
        if not facts.reachable(head):
            continue
        unit_id = head.unit_id
        missing = facts.missing_members(unit_id, besides=head)
        listed = {m.officer.id for m in missing}
        digest = UnitDigest(
            waiting=facts.reports_of(facts.confirmed_by_heads(facts.waiting), unit_id),
            returned=facts.reports_of(facts.returned, unit_id),
            missing=missing,
            # Pausing members not listed as missing already (where their pause is marked).
            paused=tuple(
                facts.member_state(o)
                for o in facts.members_of(unit_id)
                if o.id in facts.pauses and o.id not in listed
            ),
            dossier=facts.dossier(unit_id),
        )
        if digest.waiting or not digest.dossier.done:
            targets.append(Target(head, facts.units[unit_id], digest))
    return targets


def _heads_of_missing_officers(facts: Facts) -> list[Target]:
    targets = []
    for head in facts.with_role(Role.UNIT_HEAD):
        missing = facts.missing_members(head.unit_id, besides=head)
        if missing and facts.reachable(head):
            targets.append(Target(head, facts.units[head.unit_id], MissingMembers(missing)))
    return targets


def _secretariat_summary(facts: Facts) -> list[Target]:
    summary = WardSummary(tuple(facts.unit_state(u) for u in facts.units.values()))
    return [
        Target(o, facts.units[o.unit_id], summary)
        for o in facts.with_role(Role.SECRETARIAT)
        if facts.reachable(o)
    ]


def _secretariat_missing_units(facts: Facts) -> list[Target]:
    states = [facts.unit_state(u) for u in facts.units.values()]
    missing = MissingUnits(tuple(s for s in states if not s.dossier.done))
    if not missing.units:
        return []
    return [
        Target(o, facts.units[o.unit_id], missing)
        for o in facts.with_role(Role.SECRETARIAT)
        if facts.reachable(o)
    ]


AUDIENCES: dict[Audience, Callable[[Facts], list[Target]]] = {
    "officers_without_report": _officers_without_report,
    "officers_with_returned_report": _officers_with_returned_report,
    "heads_with_pending_work": _heads_with_pending_work,
    "heads_of_missing_officers": _heads_of_missing_officers,
    "secretariat_summary": _secretariat_summary,
    "secretariat_missing_units": _secretariat_missing_units,
}


def audience(facts: Facts, name: Audience) -> list[Target]:
    """Everyone the audience reaches now (bound, not pausing), with what they lack."""
    return AUDIENCES[name](facts)
