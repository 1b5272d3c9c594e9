"""DOCX drafts a unit files: the tờ trình with its nominee list, and each báo cáo thành tích.

Filled from the stored, confirmed reports and laid out as a ward office writes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.shared import Cm

from handlers import texts
from handlers.documents.draft_layout import (
    BODY_PT,
    CENTER,
    LEFT,
    SMALL_PT,
    Line,
    banner_row,
    grid_row,
    grid_table,
    labelled,
    new_document,
    text,
    to_bytes,
    two_columns,
)
from handlers.documents.wording import (
    Nominee,
    award_parts,
    award_title,
    by_award,
    criteria_labels,
    head_name,
    nominee_of,
    nominee_reports,
    place_and_date,
    roman,
    standard_wording,
)
from handlers.engine.context import Context
from storage.models import Report, Unit
from storage.queries.awards import active_nominations, nomination_by_id, unit_members
from storage.queries.exports import confirmed_reports
from storage.queries.reports import evidence_of_report
from storage.queries.roster import unit_by_id

# The list's columns: STT, name, position, unit, award, standard/achievements (16.5 cm).
LIST_WIDTHS = (Cm(1.1), Cm(3.3), Cm(2.4), Cm(2.9), Cm(2.9), Cm(3.9))
HEADER_WIDTHS = (Cm(6.5), Cm(10))
SIGNATURE_WIDTHS = (Cm(7.5), Cm(9))
SIGNATURE_SPACE = 4


def draft_submission_letter(ctx: Context, unit_id: int) -> bytes:
    """The unit's tờ trình proposing its active nominations; LookupError for an unknown unit."""
    unit = unit_by_id(ctx.session, unit_id=unit_id)
    if unit is None or unit.id is None:
        raise LookupError(f"no unit {unit_id}")
    info = ctx.campaign.campaign
    nominees = [nominee_of(ctx, n) for n in active_nominations(ctx.session, unit_id=unit.id)]
    document = new_document(texts.DRAFT_LETTER_TITLE, ctx.now)
    _ward_header(ctx, document, unit, texts.DRAFT_NUMBER.format(code=unit.code))
    _title(document, texts.DRAFT_LETTER_TITLE, texts.DRAFT_LETTER_SUBJECT.format(title=info.title))
    text(
        document,
        texts.DRAFT_LETTER_TO.format(recipient=ctx.campaign.deadline.recipient),
        align=CENTER,
    )
    _heading(document, texts.DRAFT_SECTION_BASIS)
    basis = texts.DRAFT_BASIS_PLAN.format(title=info.title, number=info.number, issued=info.issued)
    text(document, basis, indent=True)
    text(document, texts.DRAFT_BASIS_COUNCIL.format(unit=unit.name), indent=True)
    _heading(document, texts.DRAFT_SECTION_RESULTS)
    _unit_results(ctx, document, unit)
    _heading(document, texts.DRAFT_SECTION_PROPOSAL)
    _proposal(ctx, document, nominees)
    text(document, texts.DRAFT_LETTER_CLOSING, indent=True)
    recipients = [Line(texts.DRAFT_RECIPIENTS, bold=True, italic=True, size=SMALL_PT, align=LEFT)]
    recipients += [Line(line, size=SMALL_PT, align=LEFT) for line in texts.DRAFT_RECIPIENT_LINES]
    head = _signature(texts.DRAFT_HEAD_TITLE, texts.DRAFT_SIGN_SEALED, head_name(ctx, unit))
    two_columns(document, [(recipients, head)], SIGNATURE_WIDTHS)
    return to_bytes(document)


def draft_achievement_report(ctx: Context, nomination_id: int) -> bytes:
    """The nominee's báo cáo thành tích from confirmed reports; LookupError if none such."""
    nomination = nomination_by_id(ctx.session, nomination_id=nomination_id)
    if nomination is None:
        raise LookupError(f"no nomination {nomination_id}")
    nominee = nominee_of(ctx, nomination)
    name, granted_by = award_parts(ctx, nomination.award_code)
    document = new_document(texts.DRAFT_REPORT_TITLE, ctx.now)
    _ward_header(ctx, document, nominee.unit, "")
    _title(
        document,
        texts.DRAFT_REPORT_TITLE,
        texts.DRAFT_REPORT_SUBTITLE.format(award=award_title(ctx, nomination.award_code)),
    )
    context_line = texts.DRAFT_REPORT_CONTEXT.format(title=ctx.campaign.campaign.title)
    text(document, context_line, italic=True, align=CENTER)
    _profile(ctx, document, nominee)
    _heading(document, texts.DRAFT_ACHIEVEMENTS)
    _achievements(ctx, document, nominee, nominee_reports(ctx, nominee))
    _heading(document, texts.DRAFT_SECTION_REQUEST)
    request = texts.DRAFT_REQUEST.format(
        unit=nominee.unit.name, granted_by=granted_by, award=name, nominee=nominee.in_sentence
    )
    text(document, request, indent=True)
    standard = texts.DRAFT_STANDARD.format(standard=standard_wording(ctx, nomination))
    text(document, standard, indent=True)
    confirm = _signature(
        texts.DRAFT_CONFIRM_TITLE, texts.DRAFT_SIGN_SEALED, head_name(ctx, nominee.unit)
    )
    reporter = nominee.officer.full_name if nominee.officer else texts.DRAFT_NAME_BLANK
    signed = _signature(texts.DRAFT_REPORTER_TITLE, texts.DRAFT_SIGN, reporter)
    two_columns(document, [(confirm, signed)], SIGNATURE_WIDTHS)
    return to_bytes(document)


def _ward_header(ctx: Context, document: Document, unit: Unit, number: str) -> None:
    """The agency on the left, the national header on the right, then number and date."""
    place = ctx.campaign.campaign.place
    agency = [
        Line(texts.DRAFT_AGENCY.format(place=place.upper()), size=SMALL_PT),
        Line(unit.name.upper(), bold=True, size=SMALL_PT),
    ]
    nation = [
        Line(texts.DRAFT_NATION, bold=True, size=SMALL_PT),
        Line(texts.DRAFT_MOTTO, bold=True, underline=True),
    ]
    dated = [Line(place_and_date(ctx), italic=True, size=BODY_PT)]
    two_columns(document, [(agency, nation), ([Line(number)], dated)], HEADER_WIDTHS)


def _title(document: Document, title: str, subject: str) -> None:
    text(document, "", align=CENTER)
    text(document, title, bold=True, align=CENTER)
    text(document, subject, bold=True, align=CENTER)


def _heading(document: Document, words: str) -> None:
    text(document, words, bold=True, align=LEFT)


def _signature(title: str, hint: str, name: str) -> list[Line]:
    blank = [Line("") for _ in range(SIGNATURE_SPACE)]
    return [
        Line(title, bold=True, size=BODY_PT),
        Line(hint, italic=True),
        *blank,
        Line(name, bold=True, size=BODY_PT),
    ]


def _unit_results(ctx: Context, document: Document, unit: Unit) -> None:
    assert unit.id is not None
    reports = confirmed_reports(ctx.session, unit_id=unit.id)
    if not reports:
        text(document, texts.DRAFT_RESULTS_NONE.format(unit=unit.name), indent=True)
        return
    initiatives = sum(1 for r in reports if r.is_initiative)
    summary = texts.DRAFT_RESULTS.format(
        unit=unit.name, reports=len(reports), initiatives=initiatives
    )
    text(document, summary, indent=True)
    criteria = ", ".join(criteria_labels(ctx, {r.criterion_code for r in reports}))
    text(document, texts.DRAFT_RESULTS_CRITERIA.format(criteria=criteria), indent=True)


def _proposal(ctx: Context, document: Document, nominees: Sequence[Nominee]) -> None:
    """One line per award, then the nominee list as a table."""
    if not nominees:
        text(document, texts.DRAFT_PROPOSAL_NONE, indent=True)
        return
    groups = by_award(ctx, nominees)
    for code, members in groups:
        name, granted_by = award_parts(ctx, code)
        collectives = sum(1 for n in members if n.officer is None)
        counts = [
            texts.DRAFT_COUNT_COLLECTIVES.format(count=collectives) if collectives else "",
            texts.DRAFT_COUNT_INDIVIDUALS.format(count=len(members) - collectives)
            if len(members) > collectives
            else "",
        ]
        subjects = texts.DRAFT_AND.join(c for c in counts if c)
        line = texts.DRAFT_PROPOSAL_AWARD.format(
            granted_by=granted_by, award=name, subjects=subjects
        )
        text(document, line, indent=True)
    text(document, texts.DRAFT_PROPOSAL_LIST, indent=True)
    text(document, texts.DRAFT_LIST_TITLE, bold=True, align=CENTER)
    table = grid_table(document, texts.DRAFT_LIST_HEADERS, LIST_WIDTHS)
    for number, (code, members) in enumerate(groups, start=1):
        banner_row(table, f"{roman(number)}. {award_title(ctx, code)}")
        for position, nominee in enumerate(members, start=1):
            grid_row(table, _list_row(ctx, position, nominee), LIST_WIDTHS)


def _list_row(ctx: Context, position: int, nominee: Nominee) -> list[str]:
    titles = "; ".join(r.title for r in nominee_reports(ctx, nominee))
    merit = standard_wording(ctx, nominee.nomination)
    if titles:
        merit += "\n" + texts.DRAFT_LIST_ACHIEVEMENTS.format(titles=titles)
    return [
        str(position),
        nominee.name,
        nominee.officer.position if nominee.officer else "",
        nominee.unit.name,
        award_parts(ctx, nominee.nomination.award_code)[0],
        merit,
    ]


def _profile(ctx: Context, document: Document, nominee: Nominee) -> None:
    """Section I: the person's particulars, or the unit's."""
    if nominee.officer is not None:
        _heading(document, texts.DRAFT_PROFILE_INDIVIDUAL)
        labelled(document, texts.DRAFT_FULL_NAME, nominee.officer.full_name)
        labelled(document, texts.DRAFT_BIRTH, texts.DRAFT_TO_FILL)
        labelled(document, texts.DRAFT_POSITION, nominee.officer.position or texts.DRAFT_TO_FILL)
        labelled(document, texts.DRAFT_WORKPLACE, nominee.unit.name)
        return
    assert nominee.unit.id is not None
    _heading(document, texts.DRAFT_PROFILE_COLLECTIVE)
    labelled(document, texts.DRAFT_COLLECTIVE_NAME, nominee.unit.name)
    labelled(document, texts.DRAFT_HEAD, head_name(ctx, nominee.unit))
    staff = unit_members(ctx.session, unit_id=nominee.unit.id)
    labelled(document, texts.DRAFT_STAFF, str(len(staff)))
    labelled(document, texts.DRAFT_DUTIES, texts.DRAFT_TO_FILL)


def _achievements(
    ctx: Context, document: Document, nominee: Nominee, reports: Sequence[Report]
) -> None:
    """Section II: each confirmed report with what was done, when, and what came of it."""
    if not reports:
        text(document, texts.DRAFT_ACHIEVEMENTS_NONE, italic=True, indent=True)
        return
    intro = texts.DRAFT_ACHIEVEMENTS_INTRO.format(nominee=nominee.in_sentence)
    text(document, intro, indent=True)
    fields = texts.FIELD_NAMES
    for number, report in enumerate(reports, start=1):
        assert report.id is not None
        title = texts.DRAFT_ITEM.format(number=number, title=report.title)
        text(
            document,
            title + (texts.DRAFT_ITEM_INITIATIVE if report.is_initiative else ""),
            bold=True,
        )
        labelled(
            document, fields["criterion"], ", ".join(criteria_labels(ctx, {report.criterion_code}))
        )
        labelled(document, fields["description"], report.description)
        labelled(document, fields["period"], report.period)
        labelled(document, fields["result"], report.result)
        if report.figure:
            labelled(document, fields["figure"], report.figure)
        evidence = evidence_of_report(ctx.session, report_id=report.id)
        if evidence:
            labelled(document, fields["evidence"], "; ".join(e.url or e.name for e in evidence))
