"""Queries on chat identities, invite codes and bind attempts."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, func, select

from storage.models import BindAttempt, ChatIdentity, InviteCode, Officer


def identity_for(session: Session, *, channel: str, platform_user_id: str) -> ChatIdentity | None:
    return session.exec(
        select(ChatIdentity).where(
            ChatIdentity.channel == channel, ChatIdentity.platform_user_id == platform_user_id
        )
    ).first()


def bound_officer(session: Session, *, channel: str, platform_user_id: str) -> Officer | None:
    """The officer this chat account is bound to (active or not), in one query."""
    return session.exec(
        select(Officer)
        .join(ChatIdentity, col(ChatIdentity.officer_id) == col(Officer.id))
        .where(ChatIdentity.channel == channel, ChatIdentity.platform_user_id == platform_user_id)
    ).first()


def bind_identity(
    session: Session,
    *,
    channel: str,
    platform_user_id: str,
    chat_id: str,
    officer_id: int,
    now: datetime,
) -> ChatIdentity:
    """Bind the account to the officer, replacing an earlier binding of that account."""
    identity = identity_for(session, channel=channel, platform_user_id=platform_user_id)
    if identity is None:
        identity = ChatIdentity(
            channel=channel,
            platform_user_id=platform_user_id,
            chat_id=chat_id,
            officer_id=officer_id,
            bound_at=now,
        )
    identity.chat_id = chat_id
    identity.officer_id = officer_id
    identity.bound_at = now
    session.add(identity)
    session.flush()
    return identity


def add_invite(
    session: Session, *, officer_id: int, code_hash: str, now: datetime, expires_at: datetime
) -> InviteCode:
    invite = InviteCode(
        officer_id=officer_id, code_hash=code_hash, created_at=now, expires_at=expires_at
    )
    session.add(invite)
    session.flush()
    return invite


def invite_by_hash(session: Session, *, code_hash: str) -> InviteCode | None:
    return session.exec(select(InviteCode).where(InviteCode.code_hash == code_hash)).first()


def record_bind_attempt(
    session: Session, *, channel: str, platform_user_id: str, now: datetime, succeeded: bool
) -> None:
    session.add(
        BindAttempt(
            channel=channel,
            platform_user_id=platform_user_id,
            attempted_at=now,
            succeeded=succeeded,
        )
    )
    session.flush()


def failed_bind_attempts(
    session: Session, *, since: datetime, channel: str | None = None, platform_user_id: str = ""
) -> tuple[int, datetime | None]:
    """How many wrong codes were tried since then, and when the first of them was.

    Those of one account when a channel and user are given, otherwise those of everyone.
    """
    query = select(func.count(col(BindAttempt.id)), func.min(BindAttempt.attempted_at)).where(
        col(BindAttempt.succeeded).is_(False), BindAttempt.attempted_at >= since
    )
    if channel is not None:
        query = query.where(
            BindAttempt.channel == channel, BindAttempt.platform_user_id == platform_user_id
        )
    count, first = session.exec(query).one()
    return int(count), first
