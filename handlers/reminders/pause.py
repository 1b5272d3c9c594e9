"""/tamdung: an officer pauses their reminders for some days, marks leave, or resumes."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from handlers import texts
from handlers.engine import forms
from handlers.engine.audit import audit
from handlers.engine.context import Context
from handlers.engine.forms import Answers, Choice, Form, Invalid, Outcome, Step, StepInput, Store
from handlers.engine.messages import Button, Reply
from handlers.reminders.wording import pause_ends
from storage.models import ReminderPause
from storage.queries.reminders import add_pause, end_pauses, pause_of

PAYLOAD_PREFIX = "td"
MIN_DAYS, MAX_DAYS = 1, 30
LEAVE_CHOICES = (1, 2, 3, 5, 7, 14)


def pause_command(ctx: Context, args: str) -> list[Reply]:
    """/tamdung N pauses for N days; /tamdung alone shows the state and the choices."""
    if not args.strip():
        return [_state(ctx)]
    days = _days(args)
    if days is None:
        return [Reply(texts.PAUSE_BAD_DAYS)]
    pause = _pause(ctx, until=ctx.now + timedelta(days=days), on_leave=False)
    return [Reply(texts.PAUSE_DONE.format(**pause_ends(pause, ctx.campaign.zone())))]


def press(ctx: Context, payload: str) -> list[Reply]:
    """A /tamdung button; it only ever acts on the sender's own reminders."""
    action = payload.split(".", 1)[1] if "." in payload else ""
    if action == "leave":
        return [forms.start(ctx, LEAVE_FORM)]
    if action == "resume":
        return [_resume(ctx)]
    return [Reply(texts.STALE_BUTTON)]


def _state(ctx: Context) -> Reply:
    current = _current(ctx)
    if current is None:
        state = texts.PAUSE_STATE_ACTIVE
    else:
        template = texts.PAUSE_STATE_LEAVE if current.on_leave else texts.PAUSE_STATE_PAUSED
        state = template.format(**pause_ends(current, ctx.campaign.zone()))
    buttons = [Button(texts.PAUSE_LEAVE_BUTTON, f"{PAYLOAD_PREFIX}.leave")]
    if current is not None:
        buttons.append(Button(texts.PAUSE_RESUME_BUTTON, f"{PAYLOAD_PREFIX}.resume"))
    return Reply(f"{state}\n\n{texts.PAUSE_HOW}", buttons=tuple((b,) for b in buttons))


def _days(raw: str) -> int | None:
    text = raw.strip()
    if not text.isdigit() or not MIN_DAYS <= int(text) <= MAX_DAYS:
        return None
    return int(text)


def _current(ctx: Context) -> ReminderPause | None:
    assert ctx.officer is not None and ctx.officer.id is not None
    return pause_of(ctx.session, officer_id=ctx.officer.id, now=ctx.now)


def _described(pause: ReminderPause | None) -> dict[str, object]:
    if pause is None:
        return {}
    return {"until": pause.until.isoformat(), "on_leave": pause.on_leave}


def _pause(ctx: Context, *, until: datetime, on_leave: bool) -> ReminderPause:
    """Replace any pause in force by this one, and write it in the audit log."""
    assert ctx.officer is not None and ctx.officer.id is not None
    before = _current(ctx)
    end_pauses(ctx.session, officer_id=ctx.officer.id, now=ctx.now)
    pause = add_pause(
        ctx.session, officer_id=ctx.officer.id, until=until, on_leave=on_leave, now=ctx.now
    )
    audit(
        ctx,
        action="reminder.leave" if on_leave else "reminder.pause",
        entity="officer",
        entity_id=ctx.officer.id,
        before=_described(before),
        after=_described(pause),
    )
    return pause


def _resume(ctx: Context) -> Reply:
    assert ctx.officer is not None and ctx.officer.id is not None
    before = _current(ctx)
    if before is None:
        return Reply(texts.PAUSE_NOT_PAUSED)
    end_pauses(ctx.session, officer_id=ctx.officer.id, now=ctx.now)
    audit(
        ctx,
        action="reminder.resume",
        entity="officer",
        entity_id=ctx.officer.id,
        before=_described(before),
    )
    return Reply(texts.PAUSE_RESUMED)


def _leave_choices(_ctx: Context, _answers: Answers) -> list[Choice]:
    return [Choice(str(days), texts.PAUSE_LEAVE_DAYS.format(days=days)) for days in LEAVE_CHOICES]


def _take_days(_ctx: Context, _answers: Answers, given: StepInput) -> Outcome:
    days = _days(given.choice if given.choice is not None else given.text)
    if days is None:
        raise Invalid(texts.PAUSE_LEAVE_BAD)
    return Store(days)


def _leave_done(ctx: Context, answers: Answers) -> list[Reply]:
    """Leave is whole days, today counted: it ends at the start of the day after the last."""
    today = ctx.now.astimezone(ctx.campaign.zone()).date()
    end = datetime.combine(
        today + timedelta(days=int(answers["days"])), time(0), tzinfo=ctx.campaign.zone()
    )
    pause = _pause(ctx, until=end, on_leave=True)
    return [Reply(texts.PAUSE_LEAVE_DONE.format(**pause_ends(pause, ctx.campaign.zone())))]


LEAVE_FORM = forms.register(
    Form(
        name="leave",
        command="tamdung",
        title=texts.PAUSE_LEAVE_TITLE,
        steps=(
            Step(
                name="days",
                prompt=lambda _ctx, _answers: texts.PAUSE_LEAVE_ASK,
                take=_take_days,
                choices=_leave_choices,
                free_text=True,
                columns=3,
            ),
        ),
        complete=_leave_done,
    )
)
