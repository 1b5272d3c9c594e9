"""Queries on conversation states."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from storage.models import Conversation


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
