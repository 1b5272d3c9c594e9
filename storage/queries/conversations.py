"""Queries on conversation states."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, bindparam
from sqlmodel import Session, col, select

from storage.models import ChatIdentity, Conversation, Officer
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
