"""Queries on web links: one-time upload pages and short-lived download links, by token hash."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import bindparam, update
from sqlmodel import Session, col, select

from storage.models import ChatIdentity, WebLink, WebLinkKind, table_of


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


_links = table_of(WebLink).c
# Built once, on the table: every upload link offered runs it, and the ORM's bulk UPDATE
# cost several times the statement itself. Its parameters may not bear the columns' names.
_REVOKE_DRAFT_UPLOADS = (
    update(table_of(WebLink))
    .where(
        _links.conversation_id == bindparam("of_conversation"),
        _links.kind == WebLinkKind.UPLOAD.value,
        _links.used_at.is_(None),
        _links.expires_at > bindparam("after"),
    )
    .values(revoked=True)
)


def revoke_draft_uploads(session: Session, *, conversation_id: int, now: datetime) -> None:
    """Revoke the live upload links of a conversation's drafts: a newer link replaces them."""
    session.connection().execute(
        _REVOKE_DRAFT_UPLOADS, {"of_conversation": conversation_id, "after": now}
    )


def officer_of_chat(session: Session, *, channel: str, chat_id: str) -> int | None:
    """The officer whose bound account talks in this chat, if any."""
    return session.exec(
        select(ChatIdentity.officer_id).where(
            ChatIdentity.channel == channel, ChatIdentity.chat_id == chat_id
        )
    ).first()
