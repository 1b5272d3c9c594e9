"""Queries on conversation states."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.models import ChatIdentity, Conversation, Officer, table_of
from storage.queries.identity import bound_officer

# Built once at import: every incoming message runs it, and building and caching a statement
# cost more CPU than running it on SQLite (bench/bench_load.py).
_CONVERSATION_AND_OFFICER = (
    select(Conversation, Officer)
    .outerjoin(
        ChatIdentity,
        and_(
            col(ChatIdentity.channel) == col(Conversation.channel),
            col(ChatIdentity.platform_user_id) == col(Conversation.platform_user_id),
        ),
    )
    .outerjoin(Officer, col(Officer.id) == col(ChatIdentity.officer_id))
    .where(
        col(Conversation.channel) == bindparam("channel"),
        col(Conversation.platform_user_id) == bindparam("platform_user_id"),
    )
    # The row is held until the transaction ends (PostgreSQL; SQLite has one writer anyway),
    # so the upload page adding files to the draft and a message changing it wait for each
    # other instead of one overwriting the other's answers.
    .with_for_update(of=Conversation)
)


def load_conversation(
    session: Session, *, channel: str, platform_user_id: str, now: datetime
) -> tuple[Conversation, Officer | None]:
    """The user's conversation row, created empty on first contact, and the officer the
    account is bound to (active or not), read together."""
    row = session.exec(
        _CONVERSATION_AND_OFFICER,
        params={"channel": channel, "platform_user_id": platform_user_id},
    ).first()
    if row is not None:
        conversation, officer = row
        return conversation, officer
    conversation = Conversation(channel=channel, platform_user_id=platform_user_id, updated_at=now)
    session.add(conversation)
    session.flush()
    return conversation, bound_officer(session, channel=channel, platform_user_id=platform_user_id)


def save_conversation(session: Session, *, conversation: Conversation, now: datetime) -> None:
    """Mark the conversation changed; it is written with the transaction's commit."""
    conversation.updated_at = now
    session.add(conversation)


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
