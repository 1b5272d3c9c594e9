"""Audit rows for changes made in chat: who (the sender), when (now), over which channel."""

from __future__ import annotations

from typing import Any

from handlers.engine.context import Context
from storage.queries.audit import record_audit


def audit(
    ctx: Context,
    *,
    action: str,
    entity: str,
    entity_id: str | int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Record a change the current sender made."""
    if entity_id is None:
        raise ValueError(f"audit of {action} without the changed {entity}'s id")
    record_audit(
        ctx.session,
        at=ctx.now,
        actor_officer_id=ctx.officer.id if ctx.officer else None,
        channel=ctx.incoming.channel,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=before,
        after=after,
    )
