"""Queries on the outbox: messages the bot starts, queued as rows and then sent."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from datetime import datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Insert, func, literal, update
from sqlmodel import Session, col, select

from storage.models import ChatIdentity, Outbox, OutboxStatus, table_of
from storage.queries.dialects import dialect

PENDING = OutboxStatus.PENDING.value


@cache
def _insert_new(dialect_name: str) -> Insert:
    """Built once: an INSERT that skips a taken key and returns the new row as an ORM object."""
    insert: Insert = (
        dialect(dialect_name)
        .insert(Outbox)
        .on_conflict_do_nothing(index_elements=["idempotency_key"])
        .returning(Outbox)
    )
    return insert


def enqueue(
    session: Session,
    *,
    idempotency_key: str,
    channel: str,
    chat_id: str,
    officer_id: int | None,
    kind: str,
    text: str,
    now: datetime,
    buttons: dict[str, Any] | None = None,
    file_sha256: str | None = None,
    file_name: str = "",
    not_before: datetime | None = None,
) -> Outbox | None:
    """Queue one message, to go at once or from `not_before`; None when a row with this key
    exists already (sent or not).

    INSERT … ON CONFLICT DO NOTHING makes the unique key decide a race between two writers
    without raising. A SAVEPOINT would do the same on PostgreSQL, but SQLite's Python driver
    opens its transaction only at the first write, so a savepoint taken before any write
    becomes the transaction itself and its release commits, outside the caller's transaction.
    """
    values: dict[str, Any] = {
        "idempotency_key": idempotency_key,
        "channel": channel,
        "chat_id": chat_id,
        "officer_id": officer_id,
        "kind": kind,
        "text": text,
        "buttons": buttons or {},
        "file_sha256": file_sha256,
        "file_name": file_name,
        "status": PENDING,
        "attempts": 0,
        "not_before": not_before or now,
        "created_at": now,
        "last_error": "",
    }
    return session.scalars(_insert_new(session.get_bind().dialect.name), [values]).first()


def outbox_by_key(session: Session, *, idempotency_key: str) -> Outbox | None:
    return session.exec(select(Outbox).where(Outbox.idempotency_key == idempotency_key)).first()


def recipient_identities(session: Session, *, officer_id: int) -> Sequence[ChatIdentity]:
    """The chat accounts bound to an officer, the places a message to them goes."""
    return session.exec(
        select(ChatIdentity)
        .where(ChatIdentity.officer_id == officer_id)
        .order_by(col(ChatIdentity.id))
    ).all()


def due(session: Session, *, now: datetime, limit: int, channel: str | None = None) -> list[Outbox]:
    """Pending rows whose time has come, oldest first (of one channel, when named)."""
    query = select(Outbox).where(Outbox.status == PENDING, col(Outbox.not_before) <= now)
    if channel is not None:
        query = query.where(Outbox.channel == channel)
    return list(session.exec(query.order_by(col(Outbox.id)).limit(limit)).all())


def _set(session: Session, outbox_id: int, **values: Any) -> None:
    session.exec(
        update(Outbox)
        .where(col(Outbox.id) == outbox_id, col(Outbox.status) == PENDING)
        .values(**values)
    )


def mark_sent(session: Session, *, outbox_id: int, now: datetime) -> None:
    _set(session, outbox_id, status=OutboxStatus.SENT.value, sent_at=now, last_error="")


def mark_unreachable(session: Session, *, outbox_id: int, error: str) -> None:
    """The recipient cannot be reached (blocked the bot): never tried again."""
    _set(
        session,
        outbox_id,
        status=OutboxStatus.UNREACHABLE.value,
        attempts=Outbox.attempts + 1,
        last_error=error[:500],
    )


def mark_failed(session: Session, *, outbox_id: int, error: str) -> None:
    """Given up on: refused for good, or failing for longer than the retry horizon."""
    _set(
        session,
        outbox_id,
        status=OutboxStatus.FAILED.value,
        attempts=Outbox.attempts + 1,
        last_error=error[:500],
    )


def status_counts(
    session: Session, *, kind: str | None = None, ids: Collection[int] | None = None
) -> dict[str, int]:
    """How many rows are in each status, of one kind and/or among the given ids."""
    query = select(Outbox.status, func.count()).group_by(Outbox.status)
    if kind is not None:
        query = query.where(Outbox.kind == kind)
    if ids is not None:
        query = query.where(col(Outbox.id).in_(list(ids)))
    return {status: count for status, count in session.exec(query).all()}


class QueuedMessage(NamedTuple):
    """One outbox row of a batch: what differs from row to row."""

    idempotency_key: str
    channel: str
    chat_id: str
    officer_id: int | None
    text: str


def enqueue_many(
    session: Session,
    *,
    messages: Sequence[QueuedMessage],
    kind: str,
    now: datetime,
    not_before: datetime,
    buttons: dict[str, Any] | None = None,
    file_sha256: str | None = None,
    file_name: str = "",
) -> int:
    """Queue many outbox rows at once; returns how many were new.

    The bulk form of enqueue (same columns, same ON CONFLICT DO NOTHING
    on the idempotency key) in one statement: PostgreSQL inserts from unnest() of one array
    per column, SQLite takes one executemany. A round trip per row would take a firing for
    ten thousand officers tens of seconds.
    """
    if not messages:
        return 0
    table = table_of(Outbox)
    shared: dict[str, Any] = {
        "kind": kind,
        "buttons": buttons or {},
        "file_sha256": file_sha256,
        "file_name": file_name,
        "status": OutboxStatus.PENDING.value,
        "attempts": 0,
        "not_before": not_before,
        "created_at": now,
        "last_error": "",
    }
    # Rows an INSERT added are counted only when asked for (SQLAlchemy 2).
    connection = session.connection().execution_options(preserve_rowcount=True)
    if connection.dialect.name != "postgresql":
        rows = [{**shared, **message._asdict()} for message in messages]
        upsert = (
            dialect("sqlite")
            .insert(table)
            .on_conflict_do_nothing(index_elements=["idempotency_key"])
        )
        return int(connection.execute(upsert, rows).rowcount)
    postgresql = dialect("postgresql")
    fields = QueuedMessage._fields
    arrays = [
        literal([getattr(m, field) for m in messages], postgresql.ARRAY(table.c[field].type))
        for field in fields
    ]
    source = func.unnest(*arrays).table_valued(*fields).render_derived(name="batch")
    constants = [literal(value, table.c[name].type) for name, value in shared.items()]
    statement = (
        postgresql.insert(table)
        .from_select([*fields, *shared], select(*(source.c[f] for f in fields), *constants))
        .on_conflict_do_nothing(index_elements=["idempotency_key"])
    )
    return int(connection.execute(statement).rowcount)


def requeue(session: Session, *, rows: Sequence[Outbox], round_tag: str, now: datetime) -> int:
    """Queue a copy of each row, due at once, keyed «original key#round_tag»; how many were new.

    A new key per round lets a row be sent again; the same round asked twice (a button pressed
    twice, by two people at once) makes no second copy, as the key is taken. Rows that share
    their kind, buttons and file go in one statement (enqueue_many).
    """
    batches: dict[str, tuple[Outbox, list[QueuedMessage]]] = {}
    for row in rows:
        shared = json.dumps([row.kind, row.buttons, row.file_sha256, row.file_name])
        key = f"{row.idempotency_key.partition('#')[0]}#{round_tag}"
        message = QueuedMessage(key, row.channel, row.chat_id, row.officer_id, row.text)
        batches.setdefault(shared, (row, []))[1].append(message)
    return sum(
        enqueue_many(
            session,
            messages=messages,
            kind=first.kind,
            now=now,
            not_before=now,
            buttons=first.buttons,
            file_sha256=first.file_sha256,
            file_name=first.file_name,
        )
        for first, messages in batches.values()
    )
