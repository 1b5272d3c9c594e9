"""The append-only audit log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from storage.models import AuditEntry


def record_audit(
    session: Session,
    *,
    at: datetime,
    actor_officer_id: int | None,
    channel: str,
    action: str,
    entity: str,
    entity_id: str | int,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        at=at,
        actor_officer_id=actor_officer_id,
        channel=channel,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before=before or {},
        after=after or {},
    )
    session.add(entry)
    session.flush()
    return entry


def audit_entries(session: Session, *, entity: str | None = None) -> Sequence[AuditEntry]:
    query = select(AuditEntry).order_by(col(AuditEntry.id))
    if entity is not None:
        query = query.where(AuditEntry.entity == entity)
    return session.exec(query).all()
