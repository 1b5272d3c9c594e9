"""The evidence upload page's side of the core: offering the link, and taking in its files.

A channel that cannot carry documents (Zalo), or a file too big for the platform to hand
over, gets a one-time link bound to this officer and this draft. The page carries bytes;
what is accepted, and what the chat and the draft say about it, is decided here.
"""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from handlers import texts
from handlers.campaign.file import Campaign
from handlers.engine.context import Context, CoreConfig
from handlers.engine.file_names import audit_renamed, clean_file_name
from handlers.engine.forms import NONCE_KEY, Invalid, form_named, prompt
from handlers.engine.messages import Incoming
from handlers.engine.notify import buttons_to_json
from handlers.reports.evidence import accept_received_file, describe
from storage.files import FileStore
from storage.models import Officer, WebLink, WebLinkKind
from storage.queries.conversations import ConversationState, conversation_by_id, save_conversation
from storage.queries.outbox import enqueue
from storage.queries.weblinks import (
    add_link,
    live_link,
    revoke_draft_uploads,
    token_hash,
    use_link,
)

UPLOAD_PATH = "/upload/"
REPORT_FORM = "report"


def upload_link(ctx: Context) -> str:
    """A fresh one-time upload link for the draft in hand; earlier ones of the draft die.

    Empty when the ward has no public address for the web door or nobody is bound.
    """
    base = ctx.config.public_base_url
    conversation = ctx.conversation
    if not base or ctx.officer is None or conversation.id is None:
        return ""
    token = secrets.token_urlsafe(32)
    revoke_draft_uploads(ctx.session, conversation_id=conversation.id, now=ctx.now)
    add_link(
        ctx.session,
        link=WebLink(
            token_hash=token_hash(token),
            kind=WebLinkKind.UPLOAD.value,
            officer_id=ctx.officer.id,
            channel=ctx.incoming.channel,
            chat_id=ctx.incoming.chat_id,
            conversation_id=conversation.id,
            draft_nonce=str(conversation.answers.get(NONCE_KEY, "")),
            created_at=ctx.now,
            expires_at=ctx.now + ctx.config.upload_link_ttl,
        ),
    )
    return f"{base.rstrip('/')}{UPLOAD_PATH}{token}"


def upload_offer(ctx: Context) -> str:
    """The sentence that offers the page, with its link; empty when there is no web door."""
    link = upload_link(ctx)
    if not link:
        return ""
    minutes = int(ctx.config.upload_link_ttl.total_seconds() // 60)
    return texts.UPLOAD_OFFER.format(link=link, minutes=minutes)


@dataclass(frozen=True)
class ReceivedFile:
    """A file the page wrote to disk: the name the officer's device gave it (made safe here,
    as a file sent in chat is), where it is, and how big it arrived (the page stops writing
    past the limit, so the disk may hold less)."""

    name: str
    path: Path
    size: int


@dataclass
class UploadOutcome:
    """What the page tells the officer: the link's state, the files taken and refused."""

    problem: str = ""
    accepted: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def upload_page_state(session: Session, *, token: str, now: datetime) -> str:
    """Empty when the token opens a live upload page for a live draft; the reason otherwise."""
    found = _draft_of(session, token, now)
    return found if isinstance(found, str) else ""


def receive_upload(
    session: Session,
    *,
    token: str,
    received: list[ReceivedFile],
    now: datetime,
    campaign: Campaign,
    config: CoreConfig,
    files: FileStore,
) -> UploadOutcome:
    """Check and store the page's files into the draft, use up the link, tell the chat."""
    found = _draft_of(session, token, now)
    if isinstance(found, str):
        return UploadOutcome(problem=found)
    link, conversation, officer = found
    assert link.id is not None
    if not use_link(session, link_id=link.id, now=now):
        return UploadOutcome(problem=texts.UPLOAD_LINK_USED)
    ctx = Context(
        session=session,
        now=now,
        campaign=campaign,
        config=config,
        files=files,
        # The next prompt offers a fresh link: this one is used up.
        incoming=Incoming(
            channel=link.channel,
            user_id=conversation.platform_user_id,
            chat_id=link.chat_id,
            documents_by_link=True,
        ),
        conversation=conversation,
        officer=officer,
    )
    answers = copy.deepcopy(conversation.answers)
    outcome = _take_files(ctx, answers, received)
    conversation.answers = answers
    save_conversation(session, conversation=conversation, now=now)
    _tell_the_chat(ctx, link, answers, outcome)
    return outcome


def _take_files(
    ctx: Context, answers: dict[str, Any], received: list[ReceivedFile]
) -> UploadOutcome:
    outcome = UploadOutcome()
    items: list[dict[str, Any]] = answers.setdefault("evidence", [])
    for upload in received:
        name = clean_file_name(upload.name)
        try:
            item = accept_received_file(ctx, name, upload.path, upload.size)
        except Invalid as invalid:
            outcome.refused.append(invalid.message)
            continue
        audit_renamed(ctx, given=upload.name, kept=name, file_id=item["sha256"])
        if any(existing.get("sha256") == item["sha256"] for existing in items):
            outcome.refused.append(texts.EVIDENCE_DUPLICATE.format(name=item["name"]))
            continue
        items.append(item)
        # Without its icon: the name and size, as the chat's own «Đã nhận» says it.
        outcome.accepted.append(describe(item)[2:])
    return outcome


def _tell_the_chat(
    ctx: Context, link: WebLink, answers: dict[str, Any], outcome: UploadOutcome
) -> None:
    """One outbox row to the officer's chat: what arrived, then the step they are at."""
    lines = (
        [texts.UPLOAD_ARRIVED_HEADER, *outcome.accepted]
        if outcome.accepted
        else [texts.UPLOAD_NOTHING_ARRIVED]
    )
    lines += outcome.refused
    notice = "\n".join(lines)
    form = form_named(REPORT_FORM)
    step = ctx.conversation.step
    buttons: dict[str, Any] | None = None
    text = notice
    if form is not None and step is not None and step in form.step_index:
        reply = prompt(ctx, form, form.step(step), answers, notice=notice)
        text, buttons = reply.text, buttons_to_json(reply.buttons)
    enqueue(
        ctx.session,
        idempotency_key=f"upload:{link.id}",
        channel=link.channel,
        chat_id=link.chat_id,
        officer_id=link.officer_id,
        kind="upload",
        text=text,
        now=ctx.now,
        buttons=buttons,
    )


def _draft_of(
    session: Session, token: str, now: datetime
) -> tuple[WebLink, ConversationState, Officer] | str:
    """The link, its conversation and officer while the draft lives; else why not, in words."""
    link = live_link(session, token=token, kind=WebLinkKind.UPLOAD, now=now)
    if link is None or link.conversation_id is None or link.officer_id is None:
        return texts.UPLOAD_LINK_DEAD
    # Held until the commit: a chat message changing the draft meanwhile waits (and the other
    # way round), so neither overwrites the other's answers.
    conversation = conversation_by_id(session, conversation_id=link.conversation_id)
    officer = session.get(Officer, link.officer_id)
    if (
        conversation is None
        or officer is None
        or not officer.active
        or conversation.form != REPORT_FORM
        or conversation.answers.get(NONCE_KEY) != link.draft_nonce
    ):
        return texts.UPLOAD_DRAFT_GONE
    return link, conversation, officer
