"""The ward's documents drafted from the council's record: minutes, the Quyết định, the tờ trình.

The biên bản họp Hội đồng Thi đua – Khen thưởng phường with each nominee's vote; the Chủ
tịch's Quyết định tặng Giấy khen with its list; the ward's tờ trình to the city's Chủ tịch for
the Bằng khen nominees. Laid out by handlers/documents/office_parts.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt

from handlers import texts
from handlers.documents.council_record import (
    CITY,
    CITY_LETTER,
    DECISION,
    MINUTES,
    WARD,
    Listed,
    listed_nominees,
    meeting_day,
    passing,
    share_text,
    vote_base,
)
from handlers.documents.draft_layout import (
    CENTER,
    LEFT,
    banner_row,
    grid_row,
    grid_table,
    new_document,
    text,
    to_bytes,
)
from handlers.documents.drafts import subject_counts
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
    chair_signer,
    nominee_reports,
    roman,
)
from handlers.engine.context import Context
from storage.models import AwardRound
from storage.queries.council import comments_on

VOTE_WIDTHS = (Cm(1.3), Cm(3.9), Cm(3.3), Cm(2.2), Cm(2), Cm(1.8), Cm(2))
LIST_WIDTHS = (Cm(1.3), Cm(4), Cm(3), Cm(3.4), Cm(4.8))


def draft_minutes(ctx: Context, award_round: AwardRound) -> bytes:
    """The biên bản of the council meeting, with every nominee's vote and the outcome."""
    assert award_round.id is not None
    council = ctx.campaign.council
    listed = listed_nominees(ctx, award_round.id)
    present = list(award_round.present or [])
    document = new_document(texts.DOC_MINUTES_KIND, ctx.now)
    office_header(ctx, document, ctx.campaign.office.issuer_lines, texts.DOC_MINUTES_NUMBER)
    subject = texts.DOC_MINUTES_SUBJECT.format(
        council=ctx.campaign.campaign.bodies.council, year=ctx.campaign.campaign.year
    )
    title_block(document, texts.DOC_MINUTES_KIND, subject)
    label, value = texts.DOC_MINUTES_TIME
    _item(document, label, value.format(date=meeting_day(award_round)))
    _item(document, *texts.DOC_MINUTES_PLACE)
    label, value = texts.DOC_MINUTES_MEMBERS
    _item(document, label, value.format(present=len(present), size=award_round.council_size))
    for number, name in enumerate(present, start=1):
        text(document, f"- {name}{'.' if number == len(present) else ';'}", indent=True)
    _heading(document, texts.DOC_MINUTES_CONTENT)
    start = award_round.published_at or ctx.now
    until = award_round.public_until or ctx.now
    listing = texts.DOC_MINUTES_LIST.format(
        count=len(listed),
        start=ctx.local(start).strftime("%d/%m/%Y"),
        until=ctx.local(until).strftime("%d/%m/%Y"),
    )
    text(document, listing, indent=True)
    _comments(ctx, document, listed)
    base = vote_base(ctx, award_round)
    rule = texts.DOC_MINUTES_RULE.format(
        source=council.pass_source,
        percent=council.pass_percent,
        base=texts.ROUND_BASE_NAMES[council.pass_base],
    )
    text(document, rule, indent=True)
    _heading(document, texts.DOC_MINUTES_VOTES)
    table = grid_table(document, texts.DOC_MINUTES_HEADERS, VOTE_WIDTHS)
    for item in listed:
        votes = item.entry.votes_for or 0
        grid_row(
            table,
            [
                str(item.entry.position),
                item.nominee.name,
                item.nominee.unit.name,
                award_parts(ctx, item.nominee.nomination.award_code)[0],
                f"{votes}/{base}",
                share_text(votes, base),
                texts.ROUND_PASSED if item.entry.passed else texts.ROUND_NOT_PASSED,
            ],
            VOTE_WIDTHS,
        )
    _heading(document, texts.DOC_MINUTES_CONCLUSION)
    _conclusion(ctx, document, listed)
    text(document, texts.DOC_MINUTES_END, indent=True)
    chair = chair_signer(ctx, on_behalf=False)
    signatures(
        document,
        Signer((texts.DOC_MINUTES_SECRETARY,), texts.DRAFT_NAME_BLANK),
        Signer((texts.DOC_MINUTES_CHAIR,), chair.name),
    )
    return to_bytes(document)


def _heading(document: Document, words: str) -> None:
    heading = text(document, words, bold=True, align=LEFT)
    # Half a line above: a heading right under the votes table would touch its last row.
    heading.paragraph_format.space_before = Pt(6)


def _item(document: Document, label: str, value: str) -> None:
    """A numbered part of the minutes: its bold label and what it records, on one line."""
    paragraph = document.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(f" {value}")


def _comments(ctx: Context, document: Document, listed: Sequence[Listed]) -> None:
    names = {item.entry.id: item.nominee.name for item in listed}
    comments = comments_on(ctx.session, entry_ids=[i for i in names if i is not None])
    if not comments:
        text(document, texts.DOC_MINUTES_NO_COMMENTS, indent=True)
        return
    text(document, texts.DOC_MINUTES_COMMENTS.format(count=len(comments)), indent=True)
    for comment in comments:
        line = texts.DOC_MINUTES_COMMENT.format(nominee=names[comment.entry_id], text=comment.text)
        text(document, line, indent=True)


def _conclusion(ctx: Context, document: Document, listed: Sequence[Listed]) -> None:
    passed = [item for item in listed if item.entry.passed]
    if not passed:
        text(document, texts.DOC_MINUTES_NONE_PASSED, indent=True)
    for award in ctx.campaign.awards:
        members = [i.nominee for i in passed if i.nominee.nomination.award_code == award.code]
        if members:
            line = texts.DOC_MINUTES_PROPOSE.format(
                granted_by=award.granted_by, award=award.name, subjects=subject_counts(members)
            )
            text(document, line, indent=True)


def draft_decision(ctx: Context, award_round: AwardRound) -> bytes:
    """The Chủ tịch's Quyết định tặng Giấy khen for the ward-level nominees who passed."""
    assert award_round.id is not None
    info, office = ctx.campaign.campaign, ctx.campaign.office
    award = next(a for a in ctx.campaign.awards if a.level == WARD)
    members = [i.nominee for i in passing(listed_nominees(ctx, award_round.id), WARD, ctx)]
    number = award_round.decision_number or texts.DOC_DECISION_BLANK_NUMBER.format(code=office.code)
    document = new_document(texts.DOC_DECISION_KIND, ctx.now)
    office_header(
        ctx, document, office.issuer_lines, texts.DOC_DECISION_NUMBER.format(number=number)
    )
    subject = texts.DOC_AWARD_SUBJECT.format(award=award.name, year=info.year)
    title_block(document, texts.DOC_DECISION_KIND, subject)
    authority = texts.DOC_DECISION_AUTHORITY.format(issuer=info.issuer.upper())
    text(document, authority, bold=True, align=CENTER)
    proposal = texts.DOC_DECISION_PROPOSAL.format(
        council=ctx.campaign.campaign.bodies.council,
        date=meeting_day(award_round),
        proposer=office.proposer_title,
    )
    legal_bases(ctx, document, [proposal])
    text(document, texts.DOC_DECIDES, bold=True, align=CENTER)
    article = texts.DOC_ARTICLE_1.format(
        award=award.name,
        granted_by=award.granted_by,
        subjects=subject_counts(members),
        year=info.year,
    )
    text(document, article, indent=True)
    text(document, texts.DOC_ARTICLE_2.format(award=award.name), indent=True)
    text(document, texts.DOC_ARTICLE_3.format(proposer=office.proposer_title), indent=True)
    closing_block(document, office.decision_recipients, chair_signer(ctx, on_behalf=False))
    kind = texts.DOC_LIST_KIND_DECISION
    attached = (texts.DOC_LIST_DECISION, number)
    _attached_list(ctx, document, members, award.code, kind, attached)
    return to_bytes(document)


def draft_city_letter(ctx: Context, award_round: AwardRound) -> bytes:
    """The ward's tờ trình to the city's Chủ tịch for the city-level nominees who passed."""
    assert award_round.id is not None
    info, office = ctx.campaign.campaign, ctx.campaign.office
    award = next(a for a in ctx.campaign.awards if a.level == CITY)
    members = [i.nominee for i in passing(listed_nominees(ctx, award_round.id), CITY, ctx)]
    number = texts.DOC_CITY_NUMBER.format(code=office.code)
    document = new_document(texts.DOC_CITY_KIND, ctx.now)
    office_header(ctx, document, office.issuer_lines, number)
    subject = texts.DOC_CITY_SUBJECT.format(
        granted_by=award.granted_by, award=award.name, year=info.year
    )
    title_block(document, texts.DOC_CITY_KIND, subject)
    to = texts.DOC_CITY_TO.format(recipient=office.city_recipient, via=office.city_via)
    text(document, to, align=CENTER)
    council = texts.DOC_CITY_COUNCIL.format(
        council=ctx.campaign.campaign.bodies.council, date=meeting_day(award_round)
    )
    legal_bases(ctx, document, [council])
    body = texts.DOC_CITY_BODY.format(
        issuer=info.issuer,
        recipient=office.city_recipient,
        award=award.name,
        subjects=subject_counts(members),
        year=info.year,
    )
    text(document, body, indent=True)
    closing = texts.DOC_CITY_CLOSING.format(issuer=info.issuer, recipient=office.city_recipient)
    text(document, closing, indent=True)
    closing_block(document, office.city_letter_recipients, chair_signer(ctx, on_behalf=True))
    attached = (texts.DOC_LIST_LETTER, number.removeprefix("Số: "))
    _attached_list(ctx, document, members, award.code, texts.DOC_LIST_KIND_PROPOSAL, attached)
    return to_bytes(document)


def _attached_list(
    ctx: Context,
    document: Document,
    members: Sequence[Nominee],
    award_code: str,
    kind: str,
    attached: tuple[str, str],
) -> None:
    """The list on a new page: collectives, then individuals, each with their achievements."""
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    name, granted_by = award_parts(ctx, award_code)
    text(document, texts.DOC_LIST_TITLE, bold=True, align=CENTER).paragraph_format.space_after = 0
    subtitle = texts.DOC_LIST_SUBTITLE.format(kind=kind, award=name, granted_by=granted_by)
    text(document, subtitle, bold=True, align=CENTER)
    dated = texts.DOC_LIST_ATTACHED.format(
        document=attached[0], number=attached[1], date=texts.DOC_DATE_BLANK
    )
    text(document, dated, italic=True, align=CENTER)
    table = grid_table(document, texts.DOC_LIST_HEADERS, LIST_WIDTHS)
    groups = (
        (texts.DOC_LIST_COLLECTIVES, [n for n in members if n.officer is None]),
        (texts.DOC_LIST_INDIVIDUALS, [n for n in members if n.officer is not None]),
    )
    for number, (heading, group) in enumerate([g for g in groups if g[1]], start=1):
        banner_row(table, f"{roman(number)}. {heading}")
        for position, nominee in enumerate(group, start=1):
            titles = "; ".join(r.title for r in nominee_reports(ctx, nominee))
            position_name = nominee.officer.position if nominee.officer else ""
            row = [str(position), nominee.name, position_name, nominee.unit.name, titles]
            grid_row(table, row, LIST_WIDTHS)


PAPERS: dict[str, Callable[[Context, AwardRound], bytes]] = {
    MINUTES: draft_minutes,
    DECISION: draft_decision,
    CITY_LETTER: draft_city_letter,
}
