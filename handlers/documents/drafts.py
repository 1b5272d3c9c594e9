"""DOCX drafts a unit files: the tờ trình with its nominee list, and each báo cáo thành tích.

Filled from the stored, confirmed reports and laid out as a ward office writes them
(Decree 30/2020/NĐ-CP: see handlers/documents/office_parts.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.shared import Cm, Pt

from handlers import texts
from handlers.documents.draft_layout import (
    BODY_PT,
    CENTER,
    JUSTIFY,
    LEFT,
    banner_row,
    grid_row,
    grid_table,
    labelled,
    new_document,
    text,
    to_bytes,
)
from handlers.documents.office_parts import (
    closing_block,
    legal_bases,
    office_header,
    signatures,
    title_block,
)
from handlers.documents.wording import (
    Nominee,
    Signer,
    award_parts,
    award_title,
    by_award,
    chair_signer,
    criteria_labels,
    head_signer,
    nominee_of,
    nominee_reports,
    roman,
    standard_wording,
)
from handlers.engine.context import Context
from storage.models import Report, Unit
from storage.queries.awards import active_nominations, nomination_by_id, unit_members
from storage.queries.exports import confirmed_reports, evidence_of_reports
from storage.queries.roster import unit_by_id

# The list's columns: STT, name, position, unit, award, standard/achievements (16.5 cm).
LIST_WIDTHS = (Cm(1.3), Cm(3.3), Cm(2.4), Cm(2.8), Cm(2.8), Cm(3.9))


def unit_issuer(ctx: Context, unit: Unit) -> list[str]:
    """A unit's header: the ward's People's Committee above, the unit's own name below."""
    return [texts.DRAFT_AGENCY.format(place=ctx.campaign.campaign.place), unit.name]


def draft_submission_letter(ctx: Context, unit_id: int) -> bytes:
    """The unit's tờ trình proposing its active nominations; LookupError for an unknown unit."""
    unit = unit_by_id(ctx.session, unit_id=unit_id)
    if unit is None or unit.id is None:
        raise LookupError(f"no unit {unit_id}")
    info = ctx.campaign.campaign
    nominees = [nominee_of(ctx, n) for n in active_nominations(ctx.session, unit_id=unit.id)]
    document = new_document(texts.DRAFT_LETTER_TITLE, ctx.now)
    office_header(ctx, document, unit_issuer(ctx, unit), texts.DRAFT_NUMBER.format(code=unit.code))
    title_block(
        document, texts.DRAFT_LETTER_TITLE, texts.DRAFT_LETTER_SUBJECT.format(year=info.year)
    )
    text(
        document,
        texts.DRAFT_LETTER_TO.format(
            council=ctx.campaign.campaign.bodies.council, recipient=ctx.campaign.deadline.recipient
        ),
        align=CENTER,
    )
    legal_bases(ctx, document, [texts.DRAFT_BASIS_COUNCIL.format(unit=unit.name)])
    text(document, texts.DRAFT_LETTER_INTRO.format(unit=unit.name), indent=True)
    _heading(document, texts.DRAFT_SECTION_RESULTS)
    _unit_results(ctx, document, unit)
    _heading(document, texts.DRAFT_SECTION_PROPOSAL)
    _proposal(ctx, document, nominees)
    closing = text(
        document,
        texts.DRAFT_LETTER_CLOSING.format(council=ctx.campaign.campaign.bodies.council),
        indent=True,
    )
    closing.paragraph_format.space_before = Pt(BODY_PT // 2)
    closing_block(document, ctx.campaign.office.unit_letter_recipients, head_signer(ctx, unit))
    return to_bytes(document)


def draft_achievement_report(ctx: Context, nomination_id: int) -> bytes:
    """The nominee's báo cáo thành tích from confirmed reports; LookupError if none such."""
    nomination = nomination_by_id(ctx.session, nomination_id=nomination_id)
    if nomination is None:
        raise LookupError(f"no nomination {nomination_id}")
    nominee = nominee_of(ctx, nomination)
    name, granted_by = award_parts(ctx, nomination.award_code)
    reports = nominee_reports(ctx, nominee)
    document = new_document(texts.DRAFT_REPORT_TITLE, ctx.now)
    office_header(ctx, document, unit_issuer(ctx, nominee.unit), "")
    title_block(
        document,
        texts.DRAFT_REPORT_TITLE,
        texts.DRAFT_REPORT_SUBTITLE.format(award=award_title(ctx, nomination.award_code)),
    )
    context_line = texts.DRAFT_REPORT_CONTEXT.format(title=ctx.campaign.campaign.title)
    text(document, context_line, italic=True, align=CENTER)
    _profile(ctx, document, nominee)
    _heading(document, texts.DRAFT_ACHIEVEMENTS)
    _achievements(ctx, document, nominee, reports)
    _heading(document, texts.DRAFT_SECTION_REQUEST)
    request = texts.DRAFT_REQUEST.format(
        unit=nominee.unit.name, granted_by=granted_by, award=name, nominee=nominee.in_sentence
    )
    text(document, request, indent=True)
    standard = texts.DRAFT_STANDARD.format(standard=standard_wording(ctx, nomination))
    text(document, standard, indent=True)
    _evidence_list(ctx, document, reports)
    head = head_signer(ctx, nominee.unit)
    if nominee.officer is not None:
        confirm = Signer((texts.DRAFT_CONFIRM_TITLE, *head.titles), head.name)
        reporter = Signer((texts.DRAFT_REPORTER_TITLE,), nominee.officer.full_name)
    else:
        # A unit's own report is signed by its head and confirmed by the ward's Chủ tịch.
        chair = chair_signer(ctx, on_behalf=False)
        confirm = Signer((texts.DRAFT_CONFIRM_WARD, *chair.titles), chair.name)
        reporter = head
    signatures(document, confirm, reporter)
    return to_bytes(document)


def _heading(document: Document, words: str) -> None:
    text(document, words, bold=True, align=LEFT)


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
        line = texts.DRAFT_PROPOSAL_AWARD.format(
            granted_by=granted_by, award=name, subjects=subject_counts(members)
        )
        text(document, line, indent=True)
    text(document, texts.DRAFT_PROPOSAL_LIST, indent=True)
    title = text(document, texts.DRAFT_LIST_TITLE, bold=True, align=CENTER)
    title.paragraph_format.keep_with_next = True  # never alone at the foot of a page
    table = grid_table(document, texts.DRAFT_LIST_HEADERS, LIST_WIDTHS)
    for number, (code, members) in enumerate(groups, start=1):
        banner_row(table, f"{roman(number)}. {award_title(ctx, code)}")
        for position, nominee in enumerate(members, start=1):
            grid_row(table, _list_row(ctx, position, nominee), LIST_WIDTHS)


def subject_counts(members: Sequence[Nominee]) -> str:
    """ "1 tập thể và 2 cá nhân", leaving out a kind there is none of."""
    collectives = sum(1 for n in members if n.officer is None)
    counts = [
        texts.DRAFT_COUNT_COLLECTIVES.format(count=collectives) if collectives else "",
        texts.DRAFT_COUNT_INDIVIDUALS.format(count=len(members) - collectives)
        if len(members) > collectives
        else "",
    ]
    return texts.DRAFT_AND.join(c for c in counts if c)


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
    labelled(document, texts.DRAFT_HEAD, head_signer(ctx, nominee.unit).name)
    staff = unit_members(ctx.session, unit_id=nominee.unit.id)
    labelled(document, texts.DRAFT_STAFF, str(len(staff)))
    labelled(document, texts.DRAFT_DUTIES, texts.DRAFT_TO_FILL)


def achievement_prose(ctx: Context, report: Report) -> str:
    """One confirmed report as a ward writes an achievement: what, when, what came of it."""
    criterion = ", ".join(criteria_labels(ctx, {report.criterion_code}))
    sentence = texts.DRAFT_ITEM_PROSE.format(
        description=report.description.rstrip(". "),
        period=report.period,
        result=report.result.rstrip(". "),
        criterion=criterion,
    )
    if report.figure:
        sentence += texts.DRAFT_ITEM_FIGURE.format(figure=report.figure)
    return sentence


def _achievements(
    ctx: Context, document: Document, nominee: Nominee, reports: Sequence[Report]
) -> None:
    """Section II: each confirmed report as a paragraph of prose under its title."""
    if not reports:
        text(document, texts.DRAFT_ACHIEVEMENTS_NONE, italic=True, indent=True)
        return
    intro = texts.DRAFT_ACHIEVEMENTS_INTRO.format(nominee=nominee.in_sentence)
    text(document, intro, indent=True)
    for number, report in enumerate(reports, start=1):
        paragraph = document.add_paragraph()
        paragraph.alignment = JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
        mark = texts.DRAFT_ITEM_INITIATIVE if report.is_initiative else ""
        paragraph.add_run(texts.DRAFT_ITEM.format(number=number, title=report.title, mark=mark))
        paragraph.runs[0].bold = True
        paragraph.add_run(" " + achievement_prose(ctx, report))


def _evidence_list(ctx: Context, document: Document, reports: Sequence[Report]) -> None:
    """The evidence behind the achievements, listed at the end as a ward's dossier does."""
    evidence = evidence_of_reports(ctx.session, report_ids=[r.id for r in reports if r.id])
    if not evidence:
        return
    _heading(document, texts.DRAFT_EVIDENCE_HEADING)
    numbers = {r.id: n for n, r in enumerate(reports, start=1)}
    for position, item in enumerate(evidence, start=1):
        line = texts.DRAFT_EVIDENCE_LINE.format(
            name=item.url or item.name, number=numbers.get(item.report_id, "")
        )
        text(document, line + ("." if position == len(evidence) else ";"), indent=True)
