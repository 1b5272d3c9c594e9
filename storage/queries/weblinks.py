"""Queries on web links: one-time upload pages and short-lived download links, by token hash."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from storage.models import ChatIdentity, WebLink, WebLinkKind


def token_hash(token: str) -> str:
    """What is stored of a token: its SHA-256, so a copy of the database opens no link."""
    return hashlib.sha256(token.encode()).hexdigest()


def add_link(session: Session, *, link: WebLink) -> WebLink:
    """Store a link (made with token_hash(token), never the token)."""
    session.add(link)
    session.flush()
    return link


def live_link(session: Session, *, token: str, kind: WebLinkKind, now: datetime) -> WebLink | None:
    """The link this token opens, if it is of this kind, not expired, used or revoked."""
    link = session.exec(
        select(WebLink).where(WebLink.token_hash == token_hash(token), WebLink.kind == kind.value)
    ).first()
    if link is None or link.revoked or link.used_at is not None or link.expires_at <= now:
        return None
    return link


def use_link(session: Session, *, link_id: int, now: datetime) -> bool:
    """Mark a link used; False when another request used it first."""
    changed = session.exec(
        update(WebLink)
        .where(col(WebLink.id) == link_id, col(WebLink.used_at).is_(None))
        .values(used_at=now)
    )
    return changed.rowcount == 1


def revoke_draft_uploads(session: Session, *, conversation_id: int, now: datetime) -> None:
    """Revoke the live upload links of a conversation's drafts: a newer link replaces them."""
    session.exec(
        update(WebLink)
        .where(
            col(WebLink.conversation_id) == conversation_id,
            col(WebLink.kind) == WebLinkKind.UPLOAD.value,
            col(WebLink.used_at).is_(None),
            col(WebLink.expires_at) > now,
        )
        .values(revoked=True)
        # No loaded link is looked for to change as well: a newer one is added after this.
        .execution_options(synchronize_session=False)
    )


def officer_of_chat(session: Session, *, channel: str, chat_id: str) -> int | None:
    """The officer whose bound account talks in this chat, if any."""
    return session.exec(
        select(ChatIdentity.officer_id).where(
            ChatIdentity.channel == channel, ChatIdentity.chat_id == chat_id
        )
    ).first()
