"""Queries on conversation states."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy
from sqlalchemy import and_, bindparam, insert, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.models import ChatIdentity, Conversation, Officer, table_of
from storage.queries.identity import bound_officer

_conversations = table_of(Conversation)


@dataclass
class ConversationState:
    """One user's conversation as read for one message and written back once (the row of
    storage.models.Conversation, outside the ORM: loading and flushing it through the ORM
    was a fifth of the core's CPU per message)."""

    channel: str
    platform_user_id: str
    id: int | None = None
    form: str | None = None
    step: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    buttons: dict[str, Any] = field(default_factory=dict)
    recent_messages: dict[str, Any] = field(default_factory=dict)
    last_sequence: int | None = None
    updated_at: datetime | None = None
    last_replies: dict[str, Any] = field(default_factory=dict)


_FIELDS = tuple(ConversationState.__dataclass_fields__)
_STATE_COLUMNS = [_conversations.c[name] for name in _FIELDS]
# What a message may change: written back whole, whether it changed or not (cheaper than
# finding out).
_CHANGING = tuple(name for name in _FIELDS if name not in {"id", "channel", "platform_user_id"})

# Built once at import: every incoming message runs it, and building and caching a statement
# cost more CPU than running it on SQLite (bench/bench_load.py).
_CONVERSATION_AND_OFFICER = (
    # SQLAlchemy's select: SQLModel's is typed for at most four columns.
    sqlalchemy.select(*_STATE_COLUMNS, Officer)
    .select_from(_conversations)
    .outerjoin(
        ChatIdentity,
        and_(
            col(ChatIdentity.channel) == _conversations.c.channel,
            col(ChatIdentity.platform_user_id) == _conversations.c.platform_user_id,
        ),
    )
    .outerjoin(Officer, col(Officer.id) == col(ChatIdentity.officer_id))
    .where(
        _conversations.c.channel == bindparam("channel"),
        _conversations.c.platform_user_id == bindparam("platform_user_id"),
    )
    # The row is held until the transaction ends (PostgreSQL; SQLite has one writer anyway),
    # so the upload page adding files to the draft and a message changing it wait for each
    # other instead of one overwriting the other's answers.
    .with_for_update(of=_conversations)
)
_INSERT = insert(_conversations).returning(_conversations.c.id)
# Its parameters may not bear the names of the columns it sets.
_SAVE = (
    update(_conversations)
    .where(_conversations.c.id == bindparam("conversation_id"))
    .values({name: bindparam(f"new_{name}") for name in _CHANGING})
)


def load_conversation(
    session: Session, *, channel: str, platform_user_id: str, now: datetime
) -> tuple[ConversationState, Officer | None]:
    """The user's conversation, created empty on first contact, and the officer the
    account is bound to (active or not), read together."""
    row = session.execute(
        _CONVERSATION_AND_OFFICER, {"channel": channel, "platform_user_id": platform_user_id}
    ).first()
    if row is not None:
        *stored, officer = row
        return ConversationState(*stored), officer
    conversation = ConversationState(
        channel=channel, platform_user_id=platform_user_id, updated_at=now
    )
    fresh = {name: getattr(conversation, name) for name in _FIELDS if name != "id"}
    conversation.id = session.connection().execute(_INSERT, fresh).scalar_one()
    return conversation, bound_officer(session, channel=channel, platform_user_id=platform_user_id)


def conversation_by_id(session: Session, *, conversation_id: int) -> ConversationState | None:
    """A conversation by its id, held until the transaction ends (see load_conversation)."""
    held = (
        sqlalchemy.select(*_STATE_COLUMNS)
        .where(_conversations.c.id == conversation_id)
        .with_for_update(of=_conversations)
    )
    row = session.connection().execute(held).first()
    return None if row is None else ConversationState(*row)


def save_conversation(session: Session, *, conversation: ConversationState, now: datetime) -> None:
    """Write the conversation back as it now is."""
    conversation.updated_at = now
    values = {f"new_{name}": getattr(conversation, name) for name in _CHANGING}
    session.connection().execute(_SAVE, {"conversation_id": conversation.id, **values})


def kept_replies(session: Session, *, channel: str, platform_user_id: str) -> dict[str, Any]:
    """The replies kept with the user's conversation for its last event (see dispatch)."""
    kept = session.exec(
        select(Conversation.last_replies).where(
            col(Conversation.channel) == channel,
            col(Conversation.platform_user_id) == platform_user_id,
        )
    ).first()
    return dict(kept or {})


# Built once at import, as the select above: the claim runs with every numbered update. Its
# parameters may not bear the names of columns, which an UPDATE keeps for its SET clause.
_conversation_table = table_of(Conversation)
_conversation_columns = _conversation_table.c
_CLAIM = (
    update(_conversation_table)
    .where(
        _conversation_columns.channel == bindparam("claim_channel"),
        _conversation_columns.platform_user_id == bindparam("claim_user"),
        or_(
            _conversation_columns.last_sequence.is_(None),
            _conversation_columns.last_sequence < bindparam("sequence"),
            _conversation_columns.last_sequence - bindparam("sequence") >= bindparam("batch"),
            _conversation_columns.updated_at <= bindparam("stale_before"),
        ),
    )
    .values(last_sequence=bindparam("sequence"), updated_at=bindparam("now"))
)


def claim_update(
    session: Session,
    *,
    channel: str,
    platform_user_id: str,
    sequence: int,
    now: datetime,
    batch: int,
    max_age: timedelta,
) -> bool:
    """Take the platform's update number for this user, atomically; False if already taken.

    One conditional UPDATE, its row count checked: of two processes handling the same update
    at once, the second waits on the first's row lock (PostgreSQL) or write lock (SQLite, where
    the UPDATE is the transaction's first statement) and then matches no row. A number counts
    as taken only when it is recent and at most `batch` below the last one (see dispatch).
    """
    claimed = session.connection().execute(
        _CLAIM,
        {
            "claim_channel": channel,
            "claim_user": platform_user_id,
            "sequence": sequence,
            "batch": batch,
            "stale_before": now - max_age,
            "now": now,
        },
    )
    if claimed.rowcount == 1:
        return True
    exists = session.exec(
        select(Conversation.id).where(
            col(Conversation.channel) == channel,
            col(Conversation.platform_user_id) == platform_user_id,
        )
    ).first()
    if exists is not None:
        return False
    # First contact: the row is made holding the number; a concurrent first contact made it
    # first, so the claim is decided again against that row.
    try:
        with session.begin_nested():
            session.add(
                Conversation(
                    channel=channel,
                    platform_user_id=platform_user_id,
                    last_sequence=sequence,
                    updated_at=now,
                )
            )
    except IntegrityError:
        return claim_update(
            session,
            channel=channel,
            platform_user_id=platform_user_id,
            sequence=sequence,
            now=now,
            batch=batch,
            max_age=max_age,
        )
    return True
