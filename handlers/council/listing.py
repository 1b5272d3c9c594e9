"""The ward's proposal list as text: per award form, each nominee with its reports and vote."""

from __future__ import annotations

from collections.abc import Sequence

from handlers import texts
from handlers.documents.council_record import (
    Listed,
    listed_nominees,
    meeting_day,
    share_text,
    vote_base,
)
from handlers.documents.wording import (
    award_parts,
    award_title,
    linked_confirmed,
    roman,
    standard_wording,
)
from handlers.engine.context import Context
from storage.models import AwardRound, RoundStatus
from storage.queries.council import current_round
from storage.queries.roster import officer_by_id


def moment(ctx: Context, award_round: AwardRound, field: str) -> str:
    value = getattr(award_round, field)
    return ctx.local(value).strftime(texts.MOMENT_FORMAT) if value else ""


def display_name(item: Listed) -> str:
    """ "Mai Thị Kim Oanh", or "Tập thể Trung tâm …" for a unit, at the start of a line."""
    words = item.nominee.in_sentence
    return words[:1].upper() + words[1:]


def nominee_line(ctx: Context, item: Listed) -> str:
    """ "1. Mai Thị Kim Oanh (Giấy khen)": how a nominee is named in buttons and notices."""
    award = award_parts(ctx, item.nominee.nomination.award_code)[0]
    return f"{item.entry.position}. {display_name(item)} ({award})"


def entry_text(ctx: Context, item: Listed, award_round: AwardRound) -> str:
    """One nominee: who, which unit, on which standard, the confirmed reports, the vote."""
    reports = linked_confirmed(ctx, item.nominee.nomination)
    listed = "; ".join(texts.ROUND_ENTRY_REPORT.format(number=r.id, title=r.title) for r in reports)
    lines = [
        texts.ROUND_ENTRY.format(
            position=item.entry.position,
            nominee=display_name(item)
            if item.nominee.officer is None
            else texts.ROUND_ENTRY_PERSON.format(
                name=item.nominee.name, unit=item.nominee.unit.name
            ),
            standard=standard_wording(ctx, item.nominee.nomination),
            reports=listed or texts.ROUND_ENTRY_NO_REPORTS,
        )
    ]
    if item.entry.votes_for is not None:
        base = vote_base(ctx, award_round)
        lines.append(
            texts.ROUND_ENTRY_VOTE.format(
                votes=item.entry.votes_for,
                base=base,
                share=share_text(item.entry.votes_for, base),
                outcome=texts.ROUND_PASSED if item.entry.passed else texts.ROUND_NOT_PASSED,
            )
        )
    return "\n".join(lines)


def list_text(ctx: Context, award_round: AwardRound, listed: Sequence[Listed]) -> str:
    """The list grouped by award form in the campaign's order."""
    groups = [
        (award.code, [i for i in listed if i.nominee.nomination.award_code == award.code])
        for award in ctx.campaign.awards
    ]
    blocks: list[str] = []
    for number, (code, members) in enumerate([g for g in groups if g[1]], start=1):
        heading = texts.ROUND_GROUP.format(number=roman(number), award=award_title(ctx, code))
        blocks.append("\n".join([heading, *(entry_text(ctx, i, award_round) for i in members)]))
    return "\n\n".join(blocks)


def stage_line(ctx: Context, award_round: AwardRound) -> str:
    """Where the round stands, in one sentence."""
    stage = texts.ROUND_STAGE[award_round.status]
    approver = officer_by_id(ctx.session, officer_id=award_round.approved_by or 0)
    return stage.format(
        until=moment(ctx, award_round, "public_until"),
        council=ctx.campaign.campaign.bodies.council,
        date=meeting_day(award_round),
        approver=approver.full_name if approver else "",
        time=moment(ctx, award_round, "approved_at"),
        decision=award_round.decision_number,
    )


def round_text(ctx: Context, award_round: AwardRound, listed: Sequence[Listed]) -> str:
    """The title, the stage, the list, and the vote rule once the council has voted."""
    lines = [texts.ROUND_TITLE.format(count=len(listed)), stage_line(ctx, award_round), ""]
    lines.append(list_text(ctx, award_round, listed))
    if award_round.status in (RoundStatus.VOTED, RoundStatus.APPROVED):
        council = ctx.campaign.council
        rule = texts.ROUND_RULE.format(
            percent=council.pass_percent,
            base=texts.ROUND_BASE_NAMES[council.pass_base],
            source=council.pass_source,
        )
        lines += ["", rule]
    return "\n".join(lines)


def round_summary(ctx: Context) -> list[str]:
    """The round in a few lines for /tonghop: its stage and, once voted, who passed."""
    award_round = current_round(ctx.session)
    if award_round is None or award_round.id is None:
        return []
    listed = listed_nominees(ctx, award_round.id)
    lines = [texts.ROUND_SUMMARY.format(count=len(listed), stage=stage_line(ctx, award_round))]
    if award_round.status not in (RoundStatus.VOTED, RoundStatus.APPROVED):
        return lines
    for award in ctx.campaign.awards:
        names = [
            i.nominee.name
            for i in listed
            if i.entry.passed and i.nominee.nomination.award_code == award.code
        ]
        if names:
            title = award_title(ctx, award.code)
            lines.append(texts.ROUND_SUMMARY_PASSED.format(award=title, names="; ".join(names)))
    return lines
