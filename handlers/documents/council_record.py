"""The council's record as the documents and the chat read it: the list, the votes, who passed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from handlers import texts
from handlers.documents.wording import Nominee, nominee_of
from handlers.engine.context import Context
from storage.models import AwardRound, RoundEntry, RoundStatus
from storage.queries.awards import nomination_by_id
from storage.queries.council import current_round, round_entries

WARD, CITY = "ward", "city"


@dataclass(frozen=True)
class Listed:
    """A nominee on the round's list, with its place and vote."""

    entry: RoundEntry
    nominee: Nominee


def listed_nominees(ctx: Context, round_id: int) -> list[Listed]:
    """The round's nominees in list order."""
    listed = []
    for entry in round_entries(ctx.session, round_id=round_id):
        nomination = nomination_by_id(ctx.session, nomination_id=entry.nomination_id)
        if nomination is not None:
            listed.append(Listed(entry, nominee_of(ctx, nomination)))
    return listed


def vote_base(ctx: Context, award_round: AwardRound) -> int:
    """What the share is counted on: every member of the council, or those present."""
    present = len(award_round.present or [])
    return award_round.council_size if ctx.campaign.council.pass_base == "members" else present


def share_text(votes: int, base: int) -> str:
    """ "85,7%": a share as Vietnamese writes it, one decimal, comma."""
    share = 100 * votes / base if base else 0.0
    return f"{share:.1f}".replace(".", ",").removesuffix(",0") + "%"


def meeting_day(award_round: AwardRound) -> str:
    if not award_round.meeting_date:
        return texts.DOC_DATE_BLANK
    return date.fromisoformat(award_round.meeting_date).strftime("%d/%m/%Y")


def passing(listed: Sequence[Listed], level: str, ctx: Context) -> list[Listed]:
    """The nominees the council passed for awards granted at this level (ward or city)."""
    levels = {a.code: a.level for a in ctx.campaign.awards}
    return [
        item
        for item in listed
        if item.entry.passed and levels.get(item.nominee.nomination.award_code) == level
    ]


# The council's documents, by the short name their buttons carry.
MINUTES, DECISION, CITY_LETTER = "bb", "qd", "tt"


def papers_for(ctx: Context, award_round: AwardRound) -> list[str]:
    """The documents the record supports: the minutes once voted, then what someone passed."""
    if award_round.status not in (RoundStatus.VOTED, RoundStatus.APPROVED):
        return []
    assert award_round.id is not None
    listed = listed_nominees(ctx, award_round.id)
    kinds = [MINUTES]
    if passing(listed, WARD, ctx):
        kinds.append(DECISION)
    if passing(listed, CITY, ctx):
        kinds.append(CITY_LETTER)
    return kinds


def council_results(ctx: Context) -> dict[int, str]:
    """The council's vote per nomination as the workbook says it, and the decision once the
    leadership approved."""
    award_round = current_round(ctx.session)
    if award_round is None or award_round.id is None:
        return {}
    if award_round.status not in (RoundStatus.VOTED, RoundStatus.APPROVED):
        return {}
    base = vote_base(ctx, award_round)
    levels = {a.code: a.level for a in ctx.campaign.awards}
    decision = award_round.decision_number if award_round.status == RoundStatus.APPROVED else ""
    results = {}
    for item in listed_nominees(ctx, award_round.id):
        entry = item.entry
        if entry.passed is None:
            continue
        if not entry.passed:
            template = texts.EXPORT_RESULT_NOT_PASSED
        elif not decision:
            template = texts.EXPORT_RESULT_PASSED
        elif levels.get(item.nominee.nomination.award_code) == CITY:
            template = texts.EXPORT_RESULT_PROPOSED
        else:
            template = texts.EXPORT_RESULT_DECIDED
        results[entry.nomination_id] = template.format(
            votes=entry.votes_for or 0, base=base, decision=decision
        )
    return results
