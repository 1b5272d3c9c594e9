"""The core's one door: an incoming message in, the replies out."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import datetime, timedelta

from sqlmodel import Session

from handlers import texts
from handlers.campaign.file import Campaign
from handlers.engine import forms
from handlers.engine.context import Context, CoreConfig
from handlers.engine.menu import allowed, entry_named, help_text, not_allowed
from handlers.engine.messages import Incoming, Reply
from handlers.identity import binding as identity
from handlers.routing.routes import BUTTON_ROUTES, COMMAND_RUNS
from storage.files import FileStore
from storage.models import Conversation, Officer
from storage.queries.conversations import load_conversation, save_conversation

REDELIVERY_BATCH = 100
REDELIVERY_AGE = timedelta(hours=24)
# Commands that may interrupt a form in progress without losing its draft.
ALWAYS_AVAILABLE = frozenset({"huy", "trogiup"})


def handle(
    incoming: Incoming,
    *,
    session: Session,
    now: datetime,
    campaign: Campaign,
    config: CoreConfig,
    files: FileStore,
) -> list[Reply]:
    """Answer one incoming message; the caller commits the session and sends the replies."""
    incoming = _normalised(incoming)
    conversation, officer = load_conversation(
        session, channel=incoming.channel, platform_user_id=incoming.user_id, now=now
    )
    if _redelivered(incoming, conversation, now):
        return []
    ctx = Context(
        session=session,
        now=now,
        campaign=campaign,
        config=config,
        files=files,
        incoming=incoming,
        conversation=conversation,
    )
    # Everything is read before the conversation changes: a change made first would be
    # flushed by the next query and written twice.
    officer_problem = _resolve_officer(ctx, officer)
    recent = _recent_messages(ctx)
    if len(recent) >= config.flood_max_messages:
        replies = [_flood_refusal(ctx, recent)]
    else:
        recent.append(now.isoformat())
        replies = _route(ctx, officer_problem)
        _remember_buttons(ctx, replies)
    conversation.recent_messages = {"times": recent}
    conversation.last_sequence = incoming.sequence
    save_conversation(session, conversation=conversation, now=now)
    return replies


def _redelivered(incoming: Incoming, conversation: Conversation, now: datetime) -> bool:
    """Whether the platform sent this update again after it was handled (e.g. after a crash).

    Telegram numbers updates upwards, redelivers only unconfirmed ones (at most a batch of
    100) and keeps them 24 hours; after a week without updates it may start numbering
    anywhere, so only a recent, slightly lower-or-equal number counts as a repeat.
    """
    last, number = conversation.last_sequence, incoming.sequence
    if last is None or number is None:
        return False
    return 0 <= last - number < REDELIVERY_BATCH and now - conversation.updated_at < REDELIVERY_AGE


def _normalised(incoming: Incoming) -> Incoming:
    """The same message with its text in NFC, as every text of ours is."""
    return replace(incoming, text=unicodedata.normalize("NFC", incoming.text))


def _recent_messages(ctx: Context) -> list[str]:
    """The times of this user's messages within the flood window, oldest first."""
    since = ctx.now - ctx.config.flood_window
    stamps: list[str] = ctx.conversation.recent_messages.get("times", [])
    return [stamp for stamp in stamps if datetime.fromisoformat(stamp) > since]


def _flood_refusal(ctx: Context, recent: list[str]) -> Reply:
    """Refuse, and say so, a message beyond the per-user rate; the user is told to resend."""
    wait = datetime.fromisoformat(recent[0]) + ctx.config.flood_window - ctx.now
    template = texts.FLOOD_TAP if ctx.incoming.button is not None else texts.FLOOD
    return Reply(template.format(seconds=max(1, int(wait.total_seconds()) + 1)))


def _route(ctx: Context, officer_problem: str | None) -> list[Reply]:
    incoming = ctx.incoming
    button = incoming.button or _typed_button(ctx)
    command = _command(incoming.text) if button is None else None
    if command is not None:
        name, args = command
        if name in {"huy", "cancel"}:
            return forms.cancel(ctx)
        if name == "start":
            return identity.start_command(ctx, args)
    if officer_problem is not None:
        return _unbound(ctx, officer_problem, button)
    if command is not None:
        return _run_command(ctx, *command)
    if incoming.unsupported:
        return _unsupported(ctx)
    if button is not None:
        route = BUTTON_ROUTES.get(button.split(".", 1)[0])
        return route(ctx, button) if route else forms.stale_button_replies(ctx)
    if forms.active_form(ctx) is not None:
        return forms.advance(
            ctx, forms.StepInput(text=incoming.text, attachment=incoming.attachment)
        )
    if incoming.attachment is not None:
        return [Reply(texts.FILE_WITHOUT_FLOW)]
    return [Reply(texts.NOT_UNDERSTOOD)]


def _unsupported(ctx: Context) -> list[Reply]:
    """Say what the bot can read, and repeat the question in progress if there is one."""
    current = forms.active_form(ctx)
    if current is None:
        return [Reply(texts.UNSUPPORTED_MESSAGE)]
    form, step = current
    answers = dict(ctx.conversation.answers)
    return [forms.prompt(ctx, form, step, answers, notice=texts.UNSUPPORTED_MESSAGE)]


def _resolve_officer(ctx: Context, officer: Officer | None) -> str | None:
    """Set the bound, active officer on the context; otherwise say why not."""
    if officer is None:
        return texts.NOT_BOUND
    if not officer.active:
        return texts.ACCOUNT_INACTIVE
    ctx.officer = officer
    return None


def _unbound(ctx: Context, problem: str, button: str | None) -> list[Reply]:
    """Someone not (or no longer) bound can do nothing but bind."""
    current = forms.active_form(ctx)
    if current is not None and current[0].name == identity.BIND_FORM.name and button is None:
        return forms.advance(
            ctx, forms.StepInput(text=ctx.incoming.text, attachment=ctx.incoming.attachment)
        )
    return [Reply(problem)]


def _run_command(ctx: Context, name: str, args: str) -> list[Reply]:
    assert ctx.officer is not None
    entry = entry_named(name)
    if entry is None or entry.name not in COMMAND_RUNS:
        return [
            Reply(
                texts.UNKNOWN_COMMAND.format(name=name)
                + "\n\n"
                + help_text(ctx.officer.role, ctx.campaign)
            )
        ]
    if not allowed(entry, ctx.officer.role, ctx.campaign):
        return [not_allowed(entry, ctx.campaign)]
    current = forms.active_form(ctx)
    if current is not None and entry.name not in ALWAYS_AVAILABLE:
        form, step = current
        notice = texts.BUSY_WITH_FORM.format(title=form.title)
        return [forms.prompt(ctx, form, step, dict(ctx.conversation.answers), notice=notice)]
    return COMMAND_RUNS[entry.name](ctx, args)


def _command(text: str) -> tuple[str, str] | None:
    stripped = text.strip()
    if not stripped.startswith("/") or len(stripped) < 2:
        return None
    head, _, args = stripped[1:].partition(" ")
    name = head.split("@", 1)[0].lower()
    return name, args.strip()


def _typed_button(ctx: Context) -> str | None:
    """A typed label, or a typed number where numbers are offered, stands for the button."""
    text = ctx.incoming.text.strip()
    stored = ctx.conversation.buttons
    items: list[list[str]] = stored.get("items", [])
    if not text or not items or ctx.incoming.attachment is not None:
        return None
    if text.isdigit() and not stored.get("free_text") and 1 <= int(text) <= len(items):
        return items[int(text) - 1][1]
    folded = text.casefold()
    for label, payload in items:
        if label.casefold() == folded or _bare(label) == folded:
            return payload
    return None


def _bare(label: str) -> str:
    """A label without its leading emoji, as someone would type it."""
    return label.split(" ", 1)[1].casefold() if " " in label and not label[0].isalnum() else ""


def _remember_buttons(ctx: Context, replies: list[Reply]) -> None:
    with_buttons = [reply for reply in replies if reply.buttons]
    if not with_buttons:
        ctx.conversation.buttons = {}
        return
    last = with_buttons[-1]
    ctx.conversation.buttons = {
        "items": [[b.label, b.payload] for b in last.flat_buttons()],
        "free_text": last.free_text,
    }
