"""Sending an announcement: who the audience is, one recipient row each, the outbox rows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from handlers import texts
from handlers.engine.audit import audit
from handlers.engine.context import Context
from handlers.engine.messages import Button, Reply
from handlers.engine.notify import buttons_to_json
from storage.models import Announcement, Officer
from storage.queries.announcements import (
    add_announcement,
    audience_counts,
    queue_announcement,
    recipient_key,
    unacknowledged_for,
)
from storage.queries.outbox import enqueue
from storage.queries.roster import officer_by_id, unit_by_id

PAYLOAD_PREFIX = "a"
OUTBOX_KIND = "announcement"
AUDIT_ACTION = "announcement.send"
# Announcements missed before binding go a little after the welcome, not ahead of it.
MISSED_DELAY = timedelta(seconds=5)
ALL, UNITS, ROLE = "all", "units", "role"


def payload(action: str, *ids: int | str) -> str:
    return ".".join([PAYLOAD_PREFIX, action, *(str(i) for i in ids)])


def audience_of(answers: dict[str, Any]) -> dict[str, Any]:
    """The audience as stored on the announcement."""
    kind = answers["audience"]
    if kind == UNITS:
        return {"kind": UNITS, "unit_ids": sorted(answers.get("units", []))}
    if kind == ROLE:
        return {"kind": ROLE, "role": answers["role"]}
    return {"kind": ALL}


def _members(audience: dict[str, Any]) -> dict[str, Any]:
    """The audience as the roster queries take it."""
    if audience["kind"] == UNITS:
        return {"unit_ids": audience["unit_ids"]}
    if audience["kind"] == ROLE:
        return {"role": audience["role"]}
    return {}


def describe_audience(ctx: Context, audience: dict[str, Any]) -> str:
    if audience["kind"] == UNITS:
        units = [unit_by_id(ctx.session, unit_id=unit_id) for unit_id in audience["unit_ids"]]
        return texts.ANNOUNCE_UNITS_LIST.format(units="; ".join(u.name for u in units if u))
    if audience["kind"] == ROLE:
        return texts.ANNOUNCE_ROLE_AUDIENCES[audience["role"]]
    return texts.ANNOUNCE_EVERYONE


def recipient_counts(ctx: Context, audience: dict[str, Any]) -> tuple[int, int]:
    """How many people the audience reaches, and how many of them have a bound chat."""
    return audience_counts(ctx.session, **_members(audience))


def send_announcement(ctx: Context, answers: dict[str, Any]) -> list[Reply]:
    """Record the announcement, one recipient row per person, one outbox row per bound chat."""
    author = ctx.officer
    assert author is not None and author.id is not None
    audience = audience_of(answers)
    file: dict[str, Any] | None = answers.get("file")
    announcement = add_announcement(
        ctx.session,
        author_id=author.id,
        text=answers["text"],
        file_sha256=file["sha256"] if file else None,
        file_name=file["name"] if file else "",
        audience=audience,
        now=ctx.now,
    )
    assert announcement.id is not None
    total, reached = queue_announcement(
        ctx.session,
        announcement_id=announcement.id,
        kind=OUTBOX_KIND,
        text=_message(ctx, announcement, author),
        buttons=_ack_buttons(announcement.id),
        file_sha256=announcement.file_sha256,
        file_name=announcement.file_name,
        now=ctx.now,
        **_members(audience),
    )
    audit(
        ctx,
        action=AUDIT_ACTION,
        entity="announcement",
        entity_id=announcement.id,
        after={
            "text": announcement.text,
            "file_name": announcement.file_name,
            "audience": audience,
            "recipients": total,
            "bound": reached,
        },
    )
    sent = texts.ANNOUNCE_SENT.format(
        number=announcement.id,
        total=total,
        queued=reached,
        unbound=total - reached,
    )
    button = Button(texts.ANNOUNCE_SHOW_DELIVERY, payload("open", announcement.id))
    return [Reply(sent, buttons=((button,),))]


def queue_missed_announcements(ctx: Context, officer: Officer) -> int:
    """Queue, to the chat account just bound, every announcement the officer was meant to get
    and has not acknowledged (sent while they had no bound chat, or to an account they left).

    Keyed per account as a broadcast keys its rows, so binding the same account again or a
    broadcast's own row for it never makes a second copy. Returns how many were queued.
    """
    assert officer.id is not None
    incoming = ctx.incoming
    queued = 0
    for announcement in unacknowledged_for(ctx.session, officer_id=officer.id):
        assert announcement.id is not None
        author = officer_by_id(ctx.session, officer_id=announcement.author_id)
        key = recipient_key(announcement.id, officer.id)
        row = enqueue(
            ctx.session,
            idempotency_key=f"{key}:{incoming.channel}:{incoming.user_id}",
            channel=incoming.channel,
            chat_id=incoming.chat_id,
            officer_id=officer.id,
            kind=OUTBOX_KIND,
            text=_message(ctx, announcement, author),
            now=ctx.now,
            buttons=_ack_buttons(announcement.id),
            file_sha256=announcement.file_sha256,
            file_name=announcement.file_name,
            not_before=ctx.now + MISSED_DELAY,
        )
        queued += row is not None
    return queued


def _message(ctx: Context, announcement: Announcement, author: Officer | None) -> str:
    unit = unit_by_id(ctx.session, unit_id=author.unit_id) if author else None
    return texts.ANNOUNCE_MESSAGE.format(
        number=announcement.id,
        author=author.full_name if author else "",
        unit=unit.name if unit else "",
        text=announcement.text,
    )


def _ack_buttons(announcement_id: int) -> dict[str, Any]:
    return buttons_to_json(((Button(texts.ANNOUNCE_ACK_BUTTON, payload("ack", announcement_id)),),))
