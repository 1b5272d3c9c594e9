"""Queries on conversation states."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from storage.models import ChannelCursor, Conversation


def load_conversation(
    session: Session, *, channel: str, platform_user_id: str, now: datetime
) -> Conversation:
    """The user's conversation row, created empty on first contact."""
    conversation = session.exec(
        select(Conversation).where(
            Conversation.channel == channel, Conversation.platform_user_id == platform_user_id
        )
    ).first()
    if conversation is None:
        conversation = Conversation(
            channel=channel, platform_user_id=platform_user_id, updated_at=now
        )
        session.add(conversation)
        session.flush()
    return conversation


def save_conversation(session: Session, *, conversation: Conversation, now: datetime) -> None:
    """Mark the conversation changed; it is written with the transaction's commit."""
    conversation.updated_at = now
    session.add(conversation)


def claim_sequence(session: Session, *, channel: str, sequence: int, now: datetime) -> bool:
    """Record an inbound update as handled; False if it (or a later one) was handled before.

    Called in the same transaction as the handling, so an update is handled exactly once
    even when the platform delivers it again after a crash.
    """
    cursor = session.get(ChannelCursor, channel, with_for_update=True)
    if cursor is not None and sequence <= cursor.last_sequence:
        return False
    if cursor is None:
        cursor = ChannelCursor(channel=channel, last_sequence=sequence, updated_at=now)
    cursor.last_sequence = sequence
    cursor.updated_at = now
    session.add(cursor)
    session.flush()
    return True
