"""Queries on the inbox: webhook events stored first, then claimed and handled once, in order."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Insert, Update, bindparam, delete, func, or_, update
from sqlmodel import Session, col, select

from storage.models import InboxEvent, table_of
from storage.queries.dialects import dialect

_inbox = table_of(InboxEvent)


@cache
def _insert_new(dialect_name: str) -> Insert:
    """Built once per dialect: an INSERT that skips an event stored already, returning its id.

    On the table, not the model: the ORM's bulk path cost more than the insert itself.
    """
    insert: Insert = (
        dialect(dialect_name)
        .insert(_inbox)
        .on_conflict_do_nothing(index_elements=["channel", "external_id"])
        .returning(_inbox.c.id)
    )
    return insert


# Built once at import, on the table: every event is marked handled with the core's work, and
# the ORM's bulk UPDATE (which looks for loaded objects to change as well) cost a tenth of a
# Zalo message's CPU. Its parameters may not bear the names of the columns it sets. The lease
# is renewed, not ended: the event is not done until it is answered.
_MARK_HANDLED = (
    update(_inbox)
    .where(
        _inbox.c.id == bindparam("event_id"),
        _inbox.c.claimed_by == bindparam("owner"),
        _inbox.c.answered_at.is_(None),
    )
    .values(handled_at=bindparam("now"), lease_until=bindparam("until"))
)


class LostClaim(Exception):
    """The event is no longer this worker's (its lease ran out and another took it, or it was
    handled meanwhile): the work done for it must be rolled back."""


def store_event(
    session: Session,
    *,
    channel: str,
    chat_id: str,
    external_id: str,
    payload: dict[str, Any],
    now: datetime,
) -> int | None:
    """Keep one event; None when this channel's event with that id was stored already."""
    values = {
        "channel": channel,
        "chat_id": chat_id,
        "external_id": external_id,
        "payload": payload,
        "received_at": now,
        "claimed_by": "",
        "attempts": 0,
        "last_error": "",
    }
    connection = session.connection()
    stored: int | None = connection.execute(_insert_new(connection.dialect.name), values).scalar()
    return stored


# What taking an event writes, in both claims: who holds it, until when, one try more.
_TAKEN: dict[str, Any] = {
    "claimed_by": bindparam("owner"),
    "lease_until": bindparam("until"),
    "attempts": _inbox.c.attempts + 1,
}


def _claim_stored_statement() -> Update:
    """Take one event just stored, if it is its chat's oldest unanswered one (see claim_next)."""
    columns, older = _inbox.c, _inbox.alias("older").c
    earlier_in_chat = (
        select(older.id)
        .where(
            older.channel == columns.channel,
            older.chat_id == columns.chat_id,
            older.answered_at.is_(None),
            older.id < columns.id,
        )
        .exists()
    )
    return (
        update(_inbox)
        .where(columns.id == bindparam("event_id"), columns.answered_at.is_(None), ~earlier_in_chat)
        .values(_TAKEN)
    )


_CLAIM_STORED = _claim_stored_statement()


def claim_stored(session: Session, *, event_id: int, owner: str, lease_until: datetime) -> bool:
    """Take the event just stored for `owner`, unless an earlier event of its chat is still
    to be answered (it then waits its turn, taken by claim_next); whether it was taken."""
    taken = session.connection().execute(
        _CLAIM_STORED, {"event_id": event_id, "owner": owner, "until": lease_until}
    )
    return taken.rowcount == 1


@dataclass(frozen=True)
class ClaimedEvent:
    """An event a worker took: what it needs to hand it on and to count its tries."""

    id: int
    channel: str
    chat_id: str
    external_id: str
    payload: dict[str, Any]
    attempts: int


def _claim_statement() -> Update:
    """The claim, built once (see claim_next); taken every time an event is done."""
    columns = _inbox.c
    oldest = (
        select(func.min(columns.id))
        .where(
            columns.answered_at.is_(None),
            columns.channel.in_(bindparam("channels", expanding=True)),
        )
        .group_by(columns.channel, columns.chat_id)
    )
    free = or_(columns.lease_until.is_(None), columns.lease_until <= bindparam("now"))
    candidates = (
        select(columns.id)
        .where(columns.id.in_(oldest), free)
        .order_by(columns.id)
        .limit(bindparam("room"))
    )
    return (
        update(_inbox)
        .where(columns.id.in_(candidates), columns.answered_at.is_(None), free)
        .values(_TAKEN)
        .returning(
            columns.id,
            columns.channel,
            columns.chat_id,
            columns.external_id,
            columns.payload,
            columns.attempts,
        )
    )


_CLAIM = _claim_statement()


def claim_next(
    session: Session,
    *,
    owner: str,
    channels: Collection[str],
    now: datetime,
    lease_until: datetime,
    limit: int,
) -> list[ClaimedEvent]:
    """Take, for up to `limit` chats of these channels, the chat's oldest unanswered event,
    unless it is leased: one not handled yet, or handled by a process that died before it
    sent the replies (the core then sends them again from those it kept).

    Only a chat's oldest event can be taken, and only while nobody holds it, so a chat's
    events are handled and answered one at a time and in order, by whichever process takes
    each. One UPDATE takes and returns them; of two racing workers only one changes a row,
    because the row's conditions are checked again once the other's lock is released.
    """
    rows = session.connection().execute(
        _CLAIM,
        {
            "channels": list(channels),
            "now": now,
            "room": limit,
            "owner": owner,
            "until": lease_until,
        },
    )
    taken = [ClaimedEvent(**row._mapping) for row in rows]
    return sorted(taken, key=lambda event: event.id)


def mark_handled(
    session: Session, *, event_id: int, owner: str, now: datetime, lease_until: datetime
) -> None:
    """Record the core's work on the event as done by `owner`, who keeps it until
    `lease_until` to send the replies; LostClaim when the event is not (or no longer) theirs."""
    changed = session.connection().execute(
        _MARK_HANDLED, {"event_id": event_id, "owner": owner, "now": now, "until": lease_until}
    )
    if changed.rowcount != 1:
        raise LostClaim(f"inbox event {event_id} is not held by {owner}")


def mark_answered(session: Session, *, event_ids: list[int], owner: str, now: datetime) -> None:
    """Record the events `owner` holds as done: answered, and handled if they were not (an
    update of a kind the core is not asked about, or the core's work failed and the user was
    told); their chats' next events may then be taken."""
    columns = _inbox.c
    session.connection().execute(
        update(_inbox)
        .where(columns.id.in_(event_ids), columns.claimed_by == owner)
        .values(
            answered_at=now,
            handled_at=func.coalesce(columns.handled_at, now),
            lease_until=None,
        )
    )


def retry_later(
    session: Session, *, event_id: int, owner: str, not_before: datetime, error: str
) -> None:
    """The handler failed: keep the event (and its chat's later ones) until `not_before`."""
    session.exec(
        update(InboxEvent)
        .where(col(InboxEvent.id) == event_id, col(InboxEvent.claimed_by) == owner)
        .values(lease_until=not_before, last_error=error[:500])
    )


def give_up(session: Session, *, event_id: int, owner: str, now: datetime, error: str) -> None:
    """The handler failed too often: mark the event done with its error, to free the chat."""
    session.exec(
        update(InboxEvent)
        .where(col(InboxEvent.id) == event_id, col(InboxEvent.claimed_by) == owner)
        .values(handled_at=now, answered_at=now, lease_until=None, last_error=error[:500])
    )


def prune_handled(session: Session, *, before: datetime) -> int:
    """Forget events answered before `before`; a platform's redelivery comes long before that."""
    result = session.exec(
        delete(InboxEvent).where(
            col(InboxEvent.answered_at).is_not(None), col(InboxEvent.answered_at) < before
        )
    )
    return int(result.rowcount)
