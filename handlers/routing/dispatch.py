"""The core's one door: an incoming message in, the replies out."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace
from datetime import datetime, timedelta

from sqlmodel import Session

from handlers import texts
from handlers.campaign.file import Campaign
from handlers.engine import forms
from handlers.engine.context import Context, CoreConfig
from handlers.engine.file_names import audit_renamed, clean_file_name
from handlers.engine.kept_replies import keep, kept_for
from handlers.engine.menu import allowed, entry_named, help_text, not_allowed
from handlers.engine.messages import Incoming, Reply
from handlers.identity import binding as identity
from handlers.routing import typed
from handlers.routing.routes import BUTTON_ROUTES, COMMAND_RUNS
from storage.files import FileStore
from storage.models import Officer
from storage.queries.conversations import (
    claim_update,
    kept_replies,
    load_conversation,
    save_conversation,
)

# Telegram numbers updates upwards, redelivers only unconfirmed ones (at most a batch of 100)
# and keeps them 24 hours; after a week without updates it may start numbering anywhere, so
# only a recent, slightly lower-or-equal number counts as a repeat.
REDELIVERY_BATCH = 100
REDELIVERY_AGE = timedelta(hours=24)
# Control characters other than tab and line feed: nobody types them, PostgreSQL refuses NUL.
# And what XML cannot hold: lone surrogates, U+FFFE and U+FFFF would make every workbook and
# document holding them fail.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
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
    given, incoming = incoming, _normalised(incoming)
    event = incoming.event_key
    # The claim comes first, before anything is read: see claim_update.
    if incoming.sequence is not None and not claim_update(
        session,
        channel=incoming.channel,
        platform_user_id=incoming.user_id,
        sequence=incoming.sequence,
        now=now,
        batch=REDELIVERY_BATCH,
        max_age=REDELIVERY_AGE,
    ):
        # Handled before: its replies again if it was the last one (they may never have been
        # sent: the process died after the commit), else nothing (they were sent).
        kept = kept_replies(session, channel=incoming.channel, platform_user_id=incoming.user_id)
        return kept_for(str(incoming.sequence), kept, files) or []
    conversation, officer = load_conversation(
        session, channel=incoming.channel, platform_user_id=incoming.user_id, now=now
    )
    if incoming.sequence is None and event is not None:
        # A channel without update numbers: the last event, delivered again, is answered again.
        again = kept_for(event, conversation.last_replies, files)
        if again is not None:
            return again
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
    _audit_renamed(ctx, given)
    recent = _recent_messages(ctx)
    refused = conversation.recent_messages.get("refused")
    if len(recent) >= config.flood_max_messages:
        replies = _flood_refusal(ctx, recent, refused)
        refused = refused if not replies else now.isoformat()
    else:
        recent.append(now.isoformat())
        replies = _route(ctx, officer_problem)
        _remember_buttons(ctx, replies)
    conversation.recent_messages = {"times": recent, "refused": refused}
    conversation.last_sequence = incoming.sequence
    if event is not None:
        conversation.last_replies = keep(event, replies, files)
    save_conversation(session, conversation=conversation, now=now)
    return replies


def _normalised(incoming: Incoming) -> Incoming:
    """The same message with its text in NFC, as every text of ours is, without the controls
    no one types (PostgreSQL refuses a NUL), and its file's name made safe."""
    text = _CONTROLS.sub("", unicodedata.normalize("NFC", incoming.text).replace("\r\n", "\n"))
    attachment = incoming.attachment
    if attachment is not None:
        attachment = replace(attachment, name=clean_file_name(attachment.name))
    return replace(incoming, text=text, attachment=attachment)


def _audit_renamed(ctx: Context, given: Incoming) -> None:
    """Keep the name a file was sent under in the audit log, when it had to be made safe."""
    original, attachment = given.attachment, ctx.incoming.attachment
    if original is None or attachment is None:
        return
    content = attachment.content
    file_id = hashlib.sha256(content).hexdigest() if content else attachment.name[:64]
    audit_renamed(ctx, given=original.name, kept=attachment.name, file_id=file_id)


def _recent_messages(ctx: Context) -> list[str]:
    """The times of this user's messages within the flood window, oldest first."""
    since = ctx.now - ctx.config.flood_window
    stamps: list[str] = ctx.conversation.recent_messages.get("times", [])
    return [stamp for stamp in stamps if datetime.fromisoformat(stamp) > since]


def _flood_refusal(ctx: Context, recent: list[str], refused: str | None) -> list[Reply]:
    """Refuse a message beyond the per-user rate, saying so (the user is told to resend) once
    per window: answering each one would spend the rate other users' answers need."""
    if refused is not None and datetime.fromisoformat(refused) > ctx.now - ctx.config.flood_window:
        return []
    wait = datetime.fromisoformat(recent[0]) + ctx.config.flood_window - ctx.now
    template = texts.FLOOD_TAP if ctx.incoming.button is not None else texts.FLOOD
    return [Reply(template.format(seconds=max(1, int(wait.total_seconds()) + 1)))]


def _route(ctx: Context, officer_problem: str | None) -> list[Reply]:
    incoming = ctx.incoming
    button = incoming.button or typed.button(ctx)
    command = typed.command(ctx) if button is None else None
    if command is not None:
        name, args = command
        if name in {"huy", "cancel"}:
            return forms.cancel(ctx)
        if name == "start":
            return identity.start_command(ctx, args)
    if officer_problem is not None:
        return _unbound(ctx, officer_problem, typed=button is None and command is None)
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
    # A channel that cannot carry documents says how to send one: by the upload link.
    notice = (
        texts.UNSUPPORTED_DOCUMENTS_BY_LINK
        if ctx.incoming.documents_by_link
        else texts.UNSUPPORTED_MESSAGE
    )
    current = forms.active_form(ctx)
    if current is None:
        return [Reply(notice)]
    form, step = current
    answers = dict(ctx.conversation.answers)
    return [forms.prompt(ctx, form, step, answers, notice=notice)]


def _resolve_officer(ctx: Context, officer: Officer | None) -> str | None:
    """Set the bound, active officer on the context; otherwise say why not."""
    if officer is None:
        return texts.NOT_BOUND
    if not officer.active:
        return texts.ACCOUNT_INACTIVE
    ctx.officer = officer
    return None


def _unbound(ctx: Context, problem: str, *, typed: bool) -> list[Reply]:
    """Someone not (or no longer) bound can only bind.

    Only typed text shaped like a code is a try; anything else (a greeting, a command, a
    button, a file) is answered with what the bot expects and never counts as a wrong code.
    """
    if typed and ctx.incoming.attachment is None and identity.looks_like_code(ctx.incoming.text):
        return identity.try_bind(ctx, ctx.incoming.text)
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
