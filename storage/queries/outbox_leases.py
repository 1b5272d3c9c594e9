"""Queries of the outbox sender: taking due rows under a lease, holding them, giving them back.

A taken row stays pending; its not_before is the end of the lease and leased_by names the
sender (bot/outbox/sender.py), so that another sender skips it until the lease ends, and a
sender only ever renews, releases or reschedules the rows it still holds.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import ColumnElement, func, update
from sqlmodel import Session, col, select

from storage.models import Outbox
from storage.queries.outbox import PENDING


def next_pending_at(session: Session, *, channel: str) -> datetime | None:
    """When the earliest pending row of the channel falls due; None when none is pending."""
    return session.exec(
        select(func.min(Outbox.not_before)).where(
            Outbox.status == PENDING, Outbox.channel == channel
        )
    ).one()


def claim_due(
    session: Session,
    *,
    now: datetime,
    limit: int,
    channel: str,
    lease_until: datetime,
    sender: str,
) -> list[Outbox]:
    """Take due rows of the channel for sending, oldest first; rows another sender took are left.

    A taken row stays pending but is hidden from other senders until lease_until and names its
    sender, so that a sender that dies mid-send leaves it to be taken over when the lease ends,
    not lost. One UPDATE takes the rows and returns those it changed; of two racing senders
    only one can change a row, as the row's conditions are checked again once the other's lock
    is released.
    """
    oldest_due = (
        select(Outbox.id)
        .where(Outbox.status == PENDING, col(Outbox.not_before) <= now, Outbox.channel == channel)
        .order_by(col(Outbox.id))
        .limit(limit)
    )
    taken = session.scalars(
        update(Outbox)
        .where(
            col(Outbox.id).in_(oldest_due),
            col(Outbox.status) == PENDING,
            col(Outbox.not_before) <= now,
        )
        .values(not_before=lease_until, leased_by=sender)
        .returning(Outbox)
    ).all()
    return sorted(taken, key=lambda row: row.id or 0)


def _held(ids: Collection[int], sender: str) -> list[ColumnElement[bool]]:
    """The rows among ids that are still pending and still held by this sender."""
    return [
        col(Outbox.id).in_(list(ids)),
        col(Outbox.status) == PENDING,
        col(Outbox.leased_by) == sender,
    ]


def renew(
    session: Session, *, ids: Collection[int], sender: str, lease_until: datetime
) -> set[int]:
    """Hold the sender's taken rows longer; the ids it still holds (rows another sender took
    over once the lease ran out, and rows no longer pending, are left out)."""
    renewed = session.scalars(
        update(Outbox)
        .where(*_held(ids, sender))
        .values(not_before=lease_until)
        .returning(col(Outbox.id))
    )
    return {outbox_id for outbox_id in renewed if outbox_id is not None}


def release(session: Session, *, ids: Collection[int], sender: str, not_before: datetime) -> None:
    """Give the sender's taken rows that were not sent back to the queue, due from not_before."""
    session.exec(
        update(Outbox).where(*_held(ids, sender)).values(not_before=not_before, leased_by=None)
    )


def retry_now(session: Session, *, channel: str, now: datetime) -> int:
    """Make the channel's rows waiting after a passing failure due at once; how many.

    Used once a send passes again after an outage: the rows need not wait out their back-off,
    and one that fails again backs off from the first step, not from where the outage left it.
    Rows a sender holds are left to it.
    """
    result = session.exec(
        update(Outbox)
        .where(
            col(Outbox.channel) == channel,
            col(Outbox.status) == PENDING,
            col(Outbox.failing_since).is_not(None),
            col(Outbox.leased_by).is_(None),
            col(Outbox.not_before) > now,
        )
        .values(not_before=now, attempts=0)
    )
    return int(result.rowcount)


def mark_retry(
    session: Session,
    *,
    outbox_id: int,
    sender: str,
    not_before: datetime,
    failing_since: datetime,
    error: str,
) -> None:
    """Count a failed attempt and try again from not_before (unless taken over meanwhile)."""
    session.exec(
        update(Outbox)
        .where(*_held([outbox_id], sender))
        .values(
            attempts=Outbox.attempts + 1,
            not_before=not_before,
            failing_since=failing_since,
            leased_by=None,
            last_error=error[:500],
        )
    )


def postpone(
    session: Session, *, outbox_id: int, sender: str, not_before: datetime, error: str
) -> None:
    """Try again from not_before without counting an attempt (the platform asked to wait)."""
    session.exec(
        update(Outbox)
        .where(*_held([outbox_id], sender))
        .values(not_before=not_before, leased_by=None, last_error=error[:500])
    )
