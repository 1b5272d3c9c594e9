"""Setting or extending the dossier deadline (/hannop), and offering to announce the change."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from handlers import texts
from handlers.announcements.compose import start_form
from handlers.announcements.send import ALL
from handlers.campaign.deadline import DEADLINE_KEY, deadline_text, effective_deadline
from handlers.engine import forms
from handlers.engine.audit import audit
from handlers.engine.context import Context
from handlers.engine.forms import (
    Answers,
    Cancel,
    Choice,
    Finish,
    Form,
    GoTo,
    Invalid,
    Outcome,
    Step,
    StepInput,
    Store,
)
from handlers.engine.menu import SECRETARIAT
from handlers.engine.messages import Button, Reply
from storage.queries.audit import audit_entries
from storage.queries.awards import sent_dossiers
from storage.queries.settings import put_setting, setting

PAYLOAD_PREFIX = "h"
AUDIT_ACTION = "deadline.change"
AUDIT_ENTITY = "campaign_setting"
# A typo in the year (2062 for 2026) should not pass for an extension.
LONGEST_AHEAD = timedelta(days=366)
DATE_PATTERN = re.compile(
    r"^(?:trước\s+)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(?:lúc\s+)?(\d{1,2})[:hH](\d{2})?)?$",
    re.IGNORECASE,
)
DAY, MOMENT = "%d/%m/%Y", "%d/%m/%Y %H:%M"


def wording(ctx: Context, at: datetime) -> dict[str, str]:
    """A deadline as people read it: the plan's "trước …", what it means, the exact moment."""
    local = at.astimezone(ctx.campaign.zone())
    day, time = local.strftime(DAY), local.strftime("%H:%M")
    if (local.hour, local.minute) == (0, 0):
        last_day = (local - timedelta(days=1)).strftime(DAY)
        text = texts.DEADLINE_TEXT_DAY.format(day=day)
        meaning = texts.DEADLINE_MEANING_DAY.format(last_day=last_day, day=day)
    else:
        text = texts.DEADLINE_TEXT_TIME.format(time=time, day=day)
        meaning = texts.DEADLINE_MEANING_TIME.format(time=time, day=day)
    return {"text": text, "meaning": meaning, "moment": local.strftime(MOMENT)}


def parse_deadline(ctx: Context, typed: str) -> datetime:
    """A typed date (optionally with a time) as the first moment that is too late."""
    given = " ".join(typed.split())
    match = DATE_PATTERN.match(given)
    if match is None:
        raise Invalid(texts.DEADLINE_UNREADABLE.format(given=given))
    day, month, year, hour, minute = (int(part) if part else 0 for part in match.groups())
    try:
        # A bare date reads as the plan's "trước dd/mm/yyyy": due before 00:00 of that day.
        at = datetime(year, month, day, hour, minute, tzinfo=ctx.campaign.zone())
    except ValueError:
        raise Invalid(texts.DEADLINE_NO_SUCH_DATE.format(given=given)) from None
    return checked(ctx, at)


def checked(ctx: Context, at: datetime) -> datetime:
    """The moment, if it can be the new deadline: ahead, within a year, not the current one."""
    moment = at.astimezone(ctx.campaign.zone()).strftime(MOMENT)
    if at <= ctx.now:
        now = ctx.now.astimezone(ctx.campaign.zone()).strftime(MOMENT)
        raise Invalid(texts.DEADLINE_IN_PAST.format(moment=moment, now=now))
    if at > ctx.now + LONGEST_AHEAD:
        raise Invalid(texts.DEADLINE_TOO_FAR.format(moment=moment))
    if at == effective_deadline(ctx.session, ctx.campaign):
        raise Invalid(texts.DEADLINE_SAME)
    return at


def current_deadline(ctx: Context) -> str:
    """The deadline in force, and whether it is the plan's own."""
    said = wording(ctx, effective_deadline(ctx.session, ctx.campaign))
    text = deadline_text(ctx.session, ctx.campaign)
    line = texts.DEADLINE_CURRENT.format(text=text, moment=said["moment"], meaning=said["meaning"])
    if setting(ctx.session, key=DEADLINE_KEY) is None:
        return f"{line}\n{texts.DEADLINE_FROM_PLAN}"
    return f"{line}\n{texts.DEADLINE_CHANGED_FROM_PLAN.format(plan=ctx.campaign.deadline.text)}"


def _ask_prompt(ctx: Context, _answers: Answers) -> str:
    return f"{current_deadline(ctx)}\n\n{texts.DEADLINE_ASK}"


def _take_date(ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    if given.attachment is not None or given.choice is not None:
        raise Invalid(texts.TEXT_EXPECTED)
    return Store(parse_deadline(ctx, given.text).isoformat())


def _confirm_prompt(ctx: Context, answers: Answers) -> str:
    said = wording(ctx, datetime.fromisoformat(answers["date"]))
    return texts.DEADLINE_CONFIRM.format(**said, old=deadline_text(ctx.session, ctx.campaign))


def _confirm_choices(_ctx: Context, _answers: Answers) -> Sequence[Choice]:
    return [
        Choice("yes", texts.DEADLINE_AGREE),
        Choice("retype", texts.DEADLINE_RETYPE),
        Choice("cancel", texts.SUMMARY_CANCEL),
    ]


def _take_confirm(ctx: Context, answers: Answers, given: StepInput) -> Outcome:
    if given.choice == "yes":
        # The question may have waited a while: the moment must still be ahead.
        checked(ctx, datetime.fromisoformat(answers["date"]))
        return Finish()
    if given.choice == "retype":
        return GoTo("date")
    if given.choice == "cancel":
        return Cancel()
    raise Invalid(texts.CHOICE_EXPECTED)


def _current_value(ctx: Context) -> dict[str, Any]:
    at = effective_deadline(ctx.session, ctx.campaign)
    return {"at": at.isoformat(), "text": deadline_text(ctx.session, ctx.campaign)}


def _judge_lateness_again(ctx: Context, due: datetime) -> None:
    """Dossiers already sent are late or on time against the deadline now in force."""
    for dossier in sent_dossiers(ctx.session):
        if dossier.submitted_at is None:
            continue
        late = dossier.submitted_at >= due
        if late != dossier.late:
            dossier.late = late
            ctx.session.add(dossier)


def _complete(ctx: Context, answers: Answers) -> list[Reply]:
    assert ctx.officer is not None
    said = wording(ctx, datetime.fromisoformat(answers["date"]))
    before = _current_value(ctx)
    after = {"at": answers["date"], "text": said["text"]}
    put_setting(ctx.session, key=DEADLINE_KEY, value=after, officer_id=ctx.officer.id, now=ctx.now)
    _judge_lateness_again(ctx, datetime.fromisoformat(answers["date"]))
    audit(
        ctx,
        action=AUDIT_ACTION,
        entity=AUDIT_ENTITY,
        entity_id=DEADLINE_KEY,
        before=before,
        after=after,
    )
    announce = Button(texts.DEADLINE_ANNOUNCE, f"{PAYLOAD_PREFIX}.ann")
    text = texts.DEADLINE_SAVED.format(text=said["text"], meaning=said["meaning"])
    return [Reply(text, buttons=((announce,),))]


DEADLINE_FORM = forms.register(
    Form(
        name="deadline",
        command="hannop",
        title=texts.DEADLINE_FORM_TITLE,
        steps=(
            Step("date", _ask_prompt, _take_date, free_text=True),
            Step("confirm", _confirm_prompt, _take_confirm, _confirm_choices, columns=3),
        ),
        complete=_complete,
    )
)


def deadline_command(ctx: Context, _args: str) -> list[Reply]:
    return [forms.start(ctx, DEADLINE_FORM)]


def _announcement_text(ctx: Context) -> str | None:
    """The change in words, from the last change recorded; None when the plan's date stands."""
    if setting(ctx.session, key=DEADLINE_KEY) is None:
        return None
    changes = [
        entry
        for entry in audit_entries(ctx.session, entity=AUDIT_ENTITY)
        if entry.action == AUDIT_ACTION and entry.entity_id == DEADLINE_KEY
    ]
    said = wording(ctx, effective_deadline(ctx.session, ctx.campaign))
    old = changes[-1].before["text"] if changes else ctx.campaign.deadline.text
    return texts.DEADLINE_ANNOUNCEMENT.format(
        campaign=ctx.campaign.campaign.short_title,
        recipient=ctx.campaign.deadline.recipient,
        old=old,
        new=said["text"],
        meaning=said["meaning"],
    )


def press(ctx: Context, payload: str) -> list[Reply]:
    """«Gửi thông báo cho mọi người»: the announcement form, filled in, at its preview."""
    assert ctx.officer is not None
    if ctx.officer.role not in SECRETARIAT:
        roles = ", ".join(texts.ROLE_NAMES[role] for role in SECRETARIAT)
        return [Reply(texts.NOT_ALLOWED.format(name="hannop", roles=roles))]
    if payload != f"{PAYLOAD_PREFIX}.ann":
        return [Reply(texts.STALE_BUTTON)]
    text = _announcement_text(ctx)
    if text is None:
        return [Reply(texts.DEADLINE_UNCHANGED)]
    return [start_form(ctx, {"text": text, "file": None, "audience": ALL}, at="preview")]
