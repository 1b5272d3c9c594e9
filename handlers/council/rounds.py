"""/xettang: the secretariat compiles the ward's proposal list, publishes it, sees comments."""

from __future__ import annotations

from datetime import timedelta

from handlers import texts
from handlers.council.listing import list_text, moment, round_text
from handlers.council.meeting import start_meeting
from handlers.council.papers import document_buttons, document_reply
from handlers.documents.council_record import Listed, listed_nominees
from handlers.documents.wording import by_award, nominee_of
from handlers.engine.audit import audit
from handlers.engine.context import Context
from handlers.engine.menu import refuse_unless_allowed
from handlers.engine.messages import Button, Reply
from handlers.engine.notify import queue_for_officer
from storage.models import AwardRound, RoundStatus
from storage.queries.council import (
    accepted_nominations,
    comments_on,
    current_round,
    replace_entries,
    round_by_id,
    round_entries,
)
from storage.queries.roster import all_officers, officer_by_id, unit_by_id

PAYLOAD_PREFIX = "v"
COMMAND = "xettang"
COMMENT_PREFIX = "g"


def council_command(ctx: Context, _args: str) -> list[Reply]:
    """The current round; while it is not yet public, compiled afresh from accepted dossiers."""
    award_round = current_round(ctx.session)
    if award_round is None or award_round.status == RoundStatus.COMPILED:
        award_round = _compile(ctx, award_round)
    if award_round is None or award_round.id is None:
        return [Reply(texts.ROUND_NOTHING)]
    listed = listed_nominees(ctx, award_round.id)
    if not listed:
        return [Reply(texts.ROUND_NOTHING)]
    return [_view(ctx, award_round, listed)]


def _compile(ctx: Context, award_round: AwardRound | None) -> AwardRound | None:
    """The list from every accepted dossier's nominations: per award, collectives first."""
    assert ctx.officer is not None and ctx.officer.id is not None
    nominees = [nominee_of(ctx, n) for n in accepted_nominations(ctx.session)]
    ordered = [n.nomination.id for _, group in by_award(ctx, nominees) for n in group]
    ids = [i for i in ordered if i is not None]
    if not ids and award_round is None:
        return None
    if award_round is None:
        award_round = AwardRound(compiled_by=ctx.officer.id, compiled_at=ctx.now)
        ctx.session.add(award_round)
        ctx.session.flush()
    assert award_round.id is not None
    if [e.nomination_id for e in round_entries(ctx.session, round_id=award_round.id)] != ids:
        replace_entries(ctx.session, round_id=award_round.id, nomination_ids=ids)
        award_round.compiled_by, award_round.compiled_at = ctx.officer.id, ctx.now
        ctx.session.add(award_round)
    return award_round


def _view(ctx: Context, award_round: AwardRound, listed: list[Listed]) -> Reply:
    assert award_round.id is not None
    number = award_round.id
    rows: list[tuple[Button, ...]] = []
    if award_round.status == RoundStatus.COMPILED:
        days = ctx.campaign.council.publication_days
        rows.append(
            (Button(texts.ROUND_PUBLISH.format(days=days), f"{PAYLOAD_PREFIX}.pub.{number}"),)
        )
    else:
        rows.append((Button(texts.ROUND_SHOW_COMMENTS, f"{PAYLOAD_PREFIX}.cmt.{number}"),))
    if award_round.status == RoundStatus.PUBLISHED:
        rows.append((Button(texts.ROUND_MEETING, f"{PAYLOAD_PREFIX}.meet.{number}"),))
    rows += document_buttons(ctx, award_round, PAYLOAD_PREFIX)
    return Reply(round_text(ctx, award_round, listed), buttons=tuple(rows))


def press(ctx: Context, payload: str) -> list[Reply]:
    """A button of /xettang, for the secretariat and the admin only."""
    refused = refuse_unless_allowed(ctx, COMMAND)
    if refused is not None:
        return refused
    parts = payload.split(".")
    if len(parts) < 3 or not parts[2].isdigit():
        return [Reply(texts.STALE_BUTTON)]
    award_round = round_by_id(ctx.session, round_id=int(parts[2]))
    if award_round is None or award_round.id != getattr(current_round(ctx.session), "id", None):
        return [Reply(texts.ROUND_STALE)]
    action = parts[1]
    if action == "pub" and award_round.status == RoundStatus.COMPILED:
        return _publish(ctx, award_round)
    if action == "cmt":
        return [Reply(comments_text(ctx, award_round))]
    if action == "meet" and award_round.status == RoundStatus.PUBLISHED:
        return start_meeting(ctx, award_round)
    if action == "doc" and len(parts) == 4:
        return document_reply(ctx, award_round, parts[3])
    return [Reply(texts.ROUND_STALE)]


def _publish(ctx: Context, award_round: AwardRound) -> list[Reply]:
    """Công khai: the list goes to every active officer, with a button to comment."""
    assert award_round.id is not None
    listed = listed_nominees(ctx, award_round.id)
    award_round.status = RoundStatus.PUBLISHED
    award_round.published_at = ctx.now
    award_round.public_until = ctx.now + timedelta(days=ctx.campaign.council.publication_days)
    ctx.session.add(award_round)
    audit(
        ctx,
        action="round.publish",
        entity="awardround",
        entity_id=award_round.id,
        before={"status": RoundStatus.COMPILED},
        after={"status": RoundStatus.PUBLISHED, "entries": len(listed)},
    )
    until = moment(ctx, award_round, "public_until")
    notice = texts.ROUND_NOTICE.format(
        year=ctx.campaign.campaign.year, until=until, listing=list_text(ctx, award_round, listed)
    )
    buttons = ((Button(texts.ROUND_GIVE_COMMENT, f"{COMMENT_PREFIX}.list"),),)
    officers = all_officers(ctx.session)
    reached = 0
    for officer in officers:
        assert officer.id is not None
        rows = queue_for_officer(
            ctx.session,
            now=ctx.now,
            officer_id=officer.id,
            key=f"round.publish:{award_round.id}:{officer.id}",
            text=notice,
            kind="announcement",
            buttons=buttons,
        )
        reached += bool(rows)
    done = texts.ROUND_PUBLISHED.format(
        count=len(listed), reached=reached, until=until, unbound=len(officers) - reached
    )
    return [Reply(done), _view(ctx, award_round, listed)]


def comments_text(ctx: Context, award_round: AwardRound) -> str:
    """Every comment, under the nominee it is about."""
    assert award_round.id is not None
    listed = listed_nominees(ctx, award_round.id)
    lines = [texts.ROUND_COMMENTS_TITLE]
    for item in listed:
        comments = comments_on(ctx.session, entry_ids=[item.entry.id or 0])
        if not comments:
            continue
        lines.append(
            texts.ROUND_COMMENT_GROUP.format(
                position=item.entry.position, nominee=item.nominee.name, count=len(comments)
            )
        )
        for comment in comments:
            author = officer_by_id(ctx.session, officer_id=comment.officer_id)
            unit = unit_by_id(ctx.session, unit_id=author.unit_id) if author else None
            lines.append(
                texts.ROUND_COMMENT_LINE.format(
                    name=author.full_name if author else "",
                    unit=unit.name if unit else "",
                    time=ctx.local(comment.created_at).strftime(texts.MOMENT_FORMAT),
                    text=comment.text,
                )
            )
    if len(lines) == 1:
        lines.append(texts.ROUND_COMMENTS_NONE)
    return "\n".join(lines)
