"""What the reminder audiences are computed from: the database as seen at one moment, each
fact read once and only when an audience needs it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from sqlmodel import Session

from handlers.awards.dossier_rules import MissingDocument, dossier_gaps
from handlers.campaign.file import Campaign
from storage.models import (
    Dossier,
    DossierStatus,
    ReminderPause,
    Report,
    ReportScope,
    ReportStatus,
    Role,
    Unit,
)
from storage.queries.awards import active_nominations
from storage.queries.reminders import (
    Member,
    active_members,
    active_pauses,
    active_units,
    chat_addresses,
    dossiers_by_unit,
    officers_with_reports,
    report_counts,
    reports_in_status,
)

# A report that counts as the officer's part done: sent to the head, or confirmed.
DONE_REPORT = (ReportStatus.SENT.value, ReportStatus.CONFIRMED.value)
DONE_DOSSIER = frozenset({DossierStatus.SUBMITTED.value, DossierStatus.ACCEPTED.value})


# A report with its author's name.
ReportOf = tuple[Report, str]


@dataclass(frozen=True)
class MemberState:
    officer: Member
    pause: ReminderPause | None
    has_returned: bool


@dataclass(frozen=True)
class DossierState:
    """A unit's dossier: its status (None: not started), what it lacks, by nominee name."""

    status: str | None
    late: bool
    return_reason: str
    gaps: tuple[tuple[MissingDocument, str], ...]
    has_nominations: bool

    @property
    def done(self) -> bool:
        return self.status in DONE_DOSSIER


@dataclass(frozen=True)
class UnitState:
    unit: Unit
    members: int
    reported: int
    reports: dict[str, int]
    dossier: DossierState


class Facts:
    """The database as the audiences see it at one moment; each fact is read once, if needed."""

    def __init__(
        self, session: Session, campaign: Campaign, now: datetime, *, bound_only: bool = True
    ) -> None:
        self.session = session
        self.campaign = campaign
        self.now = now
        # False counts people without a chat account too (to say how many cannot be reached).
        self.bound_only = bound_only
        self._dossiers: dict[int, DossierState] = {}

    @cached_property
    def members(self) -> list[Member]:
        return active_members(self.session)

    @cached_property
    def names(self) -> dict[int, str]:
        return {o.id: o.full_name for o in self.members}

    @cached_property
    def by_unit(self) -> dict[int, list[Member]]:
        grouped: dict[int, list[Member]] = {}
        for officer in self.members:
            grouped.setdefault(officer.unit_id, []).append(officer)
        return grouped

    @cached_property
    def units(self) -> dict[int, Unit]:
        return {u.id: u for u in active_units(self.session) if u.id is not None}

    @cached_property
    def addresses(self) -> dict[int, list[tuple[str, str, str]]]:
        return chat_addresses(self.session)

    @cached_property
    def pauses(self) -> dict[int, ReminderPause]:
        return active_pauses(self.session, now=self.now)

    @cached_property
    def reported(self) -> set[int]:
        return officers_with_reports(self.session, statuses=DONE_REPORT)

    @cached_property
    def returned(self) -> list[Report]:
        return list(reports_in_status(self.session, status=ReportStatus.RETURNED.value))

    @cached_property
    def waiting(self) -> list[Report]:
        return list(reports_in_status(self.session, status=ReportStatus.SENT.value))

    @cached_property
    def returned_by(self) -> set[int]:
        return {r.officer_id for r in self.returned}

    @cached_property
    def counts(self) -> dict[tuple[int, str], int]:
        return report_counts(self.session)

    @cached_property
    def dossier_rows(self) -> dict[int, Dossier]:
        return dossiers_by_unit(self.session)

    def confirmed_by_heads(self, reports: list[Report]) -> list[Report]:
        """The reports a unit head confirms under the campaign file (not their own, nor the
        unit's collective ones, which go to the ward's leadership)."""
        roles = {o.id: o.role for o in self.members}
        rules = self.campaign.confirmation
        return [
            r
            for r in reports
            if rules.confirmer(
                collective=r.scope == ReportScope.COLLECTIVE,
                author_role=roles.get(r.officer_id, ""),
            )
            == Role.UNIT_HEAD
        ]

    def reachable(self, officer: Member) -> bool:
        """Bound to a chat account and not pausing reminders."""
        bound = officer.id in self.addresses or not self.bound_only
        return bound and officer.id not in self.pauses

    def members_of(self, unit_id: int) -> list[Member]:
        return self.by_unit.get(unit_id, [])

    def judged_members_of(self, unit_id: int) -> list[Member]:
        """The members asked to report: the ward's leadership sits in a unit but confirms,
        it is not one of the unit's officers to be reminded or counted."""
        return [o for o in self.members_of(unit_id) if o.role != Role.LEADERSHIP]

    def reports_of(self, reports: list[Report], unit_id: int) -> tuple[ReportOf, ...]:
        return tuple((r, self.names.get(r.officer_id, "")) for r in reports if r.unit_id == unit_id)

    def with_role(self, role: Role) -> list[Member]:
        return [o for o in self.members if o.role == role.value and o.unit_id in self.units]

    def member_state(self, officer: Member) -> MemberState:
        return MemberState(officer, self.pauses.get(officer.id), officer.id in self.returned_by)

    def missing_members(self, unit_id: int, *, besides: Member) -> tuple[MemberState, ...]:
        """Members (other than `besides`) without a report sent or confirmed."""
        return tuple(
            self.member_state(o)
            for o in self.judged_members_of(unit_id)
            if o.id not in self.reported and o.id != besides.id
        )

    def dossier(self, unit_id: int) -> DossierState:
        if unit_id not in self._dossiers:
            self._dossiers[unit_id] = self._dossier_state(unit_id)
        return self._dossiers[unit_id]

    def _dossier_state(self, unit_id: int) -> DossierState:
        row = self.dossier_rows.get(unit_id)
        nominations = {n.id: n for n in active_nominations(self.session, unit_id=unit_id)}
        gaps = []
        for gap in dossier_gaps(self.session, self.campaign, unit_id):
            nomination = nominations.get(gap.nomination_id)
            if nomination is None:
                nominee = ""
            elif nomination.officer_id is None:
                nominee = self.units[unit_id].name
            else:
                nominee = self.names.get(nomination.officer_id, "")
            gaps.append((gap, nominee))
        return DossierState(
            status=row.status if row else None,
            late=row.late if row else False,
            return_reason=row.return_reason if row else "",
            gaps=tuple(gaps),
            has_nominations=bool(nominations),
        )

    def unit_state(self, unit: Unit) -> UnitState:
        assert unit.id is not None
        members = self.judged_members_of(unit.id)
        statuses = {s: n for (u, s), n in self.counts.items() if u == unit.id}
        return UnitState(
            unit=unit,
            members=len(members),
            reported=sum(1 for o in members if o.id in self.reported),
            reports=statuses,
            dossier=self.dossier(unit.id),
        )
