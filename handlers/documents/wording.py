"""The shared words of the exports and the drafts.

The texts block of /xuat and of the DOCX drafts, and how a nominee, an award, a standard and
a date are written in them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handlers import texts
from handlers.engine.context import Context
from handlers.reports.form import criterion_label
from storage.models import Nomination, Officer, Report, ReportScope, ReportStatus, Role, Unit
from storage.queries.awards import active_officers_in_role, backing_reports, linked_reports
from storage.queries.roster import officer_by_id, unit_by_id


@dataclass(frozen=True)
class Nominee:
    """A nomination with the unit and, for an individual, the officer it names."""

    nomination: Nomination
    unit: Unit
    officer: Officer | None

    @property
    def name(self) -> str:
        return self.officer.full_name if self.officer else self.unit.name

    @property
    def in_sentence(self) -> str:
        """The nominee as named inside a sentence ("tập thể …" for the unit)."""
        return self.name if self.officer else texts.DRAFT_COLLECTIVE_OF.format(unit=self.unit.name)


def nominee_of(ctx: Context, nomination: Nomination) -> Nominee:
    unit = unit_by_id(ctx.session, unit_id=nomination.unit_id)
    if unit is None:
        raise LookupError(f"nomination {nomination.id} names a missing unit")
    officer = (
        officer_by_id(ctx.session, officer_id=nomination.officer_id)
        if nomination.subject == ReportScope.INDIVIDUAL and nomination.officer_id is not None
        else None
    )
    return Nominee(nomination, unit, officer)


def linked_confirmed(ctx: Context, nomination: Nomination) -> list[Report]:
    """The confirmed reports linked to the nomination, oldest first."""
    assert nomination.id is not None
    linked = linked_reports(ctx.session, nomination_id=nomination.id)
    return [r for r in linked if r.status == ReportStatus.CONFIRMED]


def nominee_reports(ctx: Context, nominee: Nominee) -> Sequence[Report]:
    """The confirmed reports linked to the nomination; without links, the nominee's own.

    The nominee's own are those /dexuat offers to link: an officer's individual reports,
    or the unit's collective ones.
    """
    linked = linked_confirmed(ctx, nominee.nomination)
    if linked:
        return linked
    assert nominee.unit.id is not None
    officer_id = nominee.officer.id if nominee.officer else None
    return backing_reports(ctx.session, unit_id=nominee.unit.id, officer_id=officer_id)


def award_parts(ctx: Context, code: str) -> tuple[str, str]:
    """The award's name and who grants it; a code the campaign no longer has stays visible."""
    try:
        award = ctx.campaign.award(code)
    except KeyError:
        return code, texts.DRAFT_TO_FILL
    return award.name, award.granted_by


def award_title(ctx: Context, code: str) -> str:
    """E.g. "Giấy khen của Chủ tịch Ủy ban nhân dân phường"."""
    name, granted_by = award_parts(ctx, code)
    return texts.DRAFT_AWARD_TITLE.format(name=name, granted_by=granted_by)


def standard_wording(ctx: Context, nomination: Nomination) -> str:
    """The standard the nomination rests on, in the plan's words."""
    standard = next((s for s in ctx.campaign.standards if s.code == nomination.standard_code), None)
    if standard is None:
        return nomination.standard_code
    if standard.rule == "by_law":
        return texts.DRAFT_BY_LAW.format(basis=standard.legal_basis)
    option = next((o for o in standard.options if o.code == nomination.option_code), None)
    return option.text if option else standard.text


def place_and_date(ctx: Context) -> str:
    """ "Phường …, ngày 06 tháng 10 năm 2026": Decree 30/2020 pads days below 10 and months 1–2."""
    today = ctx.local(ctx.now)
    month = f"{today.month:02d}" if today.month <= 2 else str(today.month)
    return texts.DRAFT_PLACE_DATE.format(
        place=ctx.campaign.campaign.place, day=f"{today.day:02d}", month=month, year=today.year
    )


def roman(number: int) -> str:
    """A group number as ward lists write it: I, II, III … (up to 39 groups)."""
    tens, units = divmod(number, 10)
    ones = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
    return "X" * tens + ones[units]


def by_award(ctx: Context, nominees: Sequence[Nominee]) -> list[tuple[str, list[Nominee]]]:
    """Nominees grouped by award in the campaign's order; collectives first in each group."""
    codes = [a.code for a in ctx.campaign.awards]
    codes += sorted({n.nomination.award_code for n in nominees} - set(codes))
    groups = []
    for code in codes:
        members = [n for n in nominees if n.nomination.award_code == code]
        members.sort(key=lambda n: n.officer is not None)
        if members:
            groups.append((code, members))
    return groups


def criteria_labels(ctx: Context, codes: set[str]) -> list[str]:
    """The labels of these criteria in the campaign's order (unknown codes as they are)."""
    known = [criterion_label(ctx, c.code) for c in ctx.campaign.criteria if c.code in codes]
    return known + sorted(codes - {c.code for c in ctx.campaign.criteria})


def head_name(ctx: Context, unit: Unit) -> str:
    """The unit head's name for a signature, or a blank to fill in."""
    return head_signer(ctx, unit).name


@dataclass(frozen=True)
class Signer:
    """A signature block: the capacity and title lines, and the name under them."""

    titles: tuple[str, ...]
    name: str


def head_signer(ctx: Context, unit: Unit) -> Signer:
    """The unit head with their title from the roster (e.g. Giám đốc), or blanks to fill in."""
    assert unit.id is not None
    heads = active_officers_in_role(ctx.session, role=Role.UNIT_HEAD, unit_id=unit.id)
    if not heads:
        return Signer((texts.DRAFT_HEAD_TITLE,), texts.DRAFT_NAME_BLANK)
    return Signer((heads[0].position or texts.DRAFT_HEAD_TITLE,), heads[0].full_name)


def chair_signer(ctx: Context, *, on_behalf: bool) -> Signer:
    """The Chủ tịch UBND phường: named in the roster's leadership, else in the campaign file.

    `on_behalf` adds "TM. Ủy ban nhân dân" for a document the People's Committee issues.
    """
    office = ctx.campaign.office
    title = office.chair_title.casefold()
    leaders = active_officers_in_role(ctx.session, role=Role.LEADERSHIP)
    chair = next((o for o in leaders if o.position.casefold().startswith(title)), None)
    name = chair.full_name if chair else ctx.campaign.campaign.signer.name
    titles = (office.on_behalf, office.chair_title) if on_behalf else (office.chair_title,)
    return Signer(titles, name)
