"""/gopy: during công khai any officer comments on, or objects to, a nominee of the list."""

from __future__ import annotations

from handlers import texts
from handlers.council.listing import moment, nominee_line
from handlers.documents.council_record import listed_nominees
from handlers.engine import forms
from handlers.engine.audit import audit
from handlers.engine.context import Context
from handlers.engine.forms import Answers, Form, Invalid, Outcome, Step, StepInput, Store
from handlers.engine.messages import Button, Reply
from storage.models import AwardRound, RoundComment, RoundStatus
from storage.queries.council import current_round, entry_by_id

PAYLOAD_PREFIX = "g"
TEXT_MIN, TEXT_MAX = 5, 2000


def _open_round(ctx: Context) -> AwardRound | None:
    """The round while its list is public; None before and after."""
    award_round = current_round(ctx.session)
    if award_round is None or award_round.status != RoundStatus.PUBLISHED:
        return None
    if award_round.public_until is None or ctx.now >= award_round.public_until:
        return None
    return award_round


def comment_command(ctx: Context, _args: str) -> list[Reply]:
    """The nominees of the public list, one button each."""
    award_round = _open_round(ctx)
    if award_round is None or award_round.id is None:
        return [Reply(texts.COMMENT_CLOSED)]
    buttons = tuple(
        (Button(nominee_line(ctx, item), f"g.pick.{item.entry.id}"),)
        for item in listed_nominees(ctx, award_round.id)
    )
    until = moment(ctx, award_round, "public_until")
    return [Reply(texts.COMMENT_CHOOSE.format(until=until), buttons=buttons)]


def press(ctx: Context, payload: str) -> list[Reply]:
    """«Góp ý» under the published list, or a nominee chosen to comment on."""
    parts = payload.split(".")
    if parts[1:] == ["list"]:
        return comment_command(ctx, "")
    award_round = _open_round(ctx)
    if award_round is None:
        return [Reply(texts.COMMENT_CLOSED)]
    if len(parts) != 3 or parts[1] != "pick" or not parts[2].isdigit():
        return [Reply(texts.STALE_BUTTON)]
    entry = entry_by_id(ctx.session, entry_id=int(parts[2]))
    if entry is None or entry.round_id != award_round.id:
        return [Reply(texts.STALE_BUTTON)]
    item = next(i for i in listed_nominees(ctx, award_round.id or 0) if i.entry.id == entry.id)
    return [forms.start(ctx, COMMENT_FORM, {"entry": entry.id, "nominee": item.nominee.name})]


def _ask(_ctx: Context, answers: Answers) -> str:
    return texts.COMMENT_ASK.format(nominee=answers["nominee"])


def _take(_ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    if given.attachment is not None:
        raise Invalid(texts.TEXT_EXPECTED)
    words = given.text.strip()
    if len(words) < TEXT_MIN:
        raise Invalid(texts.TEXT_TOO_SHORT.format(minimum=TEXT_MIN))
    if len(words) > TEXT_MAX:
        raise Invalid(texts.TEXT_TOO_LONG.format(length=len(words), maximum=TEXT_MAX))
    return Store(words)


def _save(ctx: Context, answers: Answers) -> list[Reply]:
    """Keep the comment against its nominee, if the list is still public."""
    assert ctx.officer is not None and ctx.officer.id is not None
    award_round = _open_round(ctx)
    entry = entry_by_id(ctx.session, entry_id=int(answers["entry"]))
    if award_round is None or entry is None or entry.round_id != award_round.id:
        return [Reply(texts.COMMENT_CLOSED)]
    comment = RoundComment(
        entry_id=entry.id or 0, officer_id=ctx.officer.id, text=answers["text"], created_at=ctx.now
    )
    ctx.session.add(comment)
    ctx.session.flush()
    audit(
        ctx,
        action="round.comment",
        entity="roundcomment",
        entity_id=comment.id,
        after={"entry_id": entry.id, "text": comment.text},
    )
    return [Reply(texts.COMMENT_SAVED.format(nominee=answers["nominee"]))]


COMMENT_FORM = forms.register(
    Form(
        name="round_comment",
        command="gopy",
        title=texts.COMMENT_TITLE,
        steps=(Step("text", _ask, _take, free_text=True),),
        complete=_save,
    )
)
