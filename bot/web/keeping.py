"""Keeping webhook events: stored durably before the 200, those arriving together at once.

Events arriving while others are being stored wait and are then stored together, in one
transaction: each commit is an fsync, and a second one per message, besides the core's, was
most of what a Zalo message cost more than a Telegram one (bench/bench_zalo.py). An event
whose chat has nothing before it is taken in the same transaction, for the inbox worker
(bot/web/inbox.py) to start on at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from bot.web.answered import AnsweredMarks, RunsBlocking, Waiting
from storage.db import transaction
from storage.queries.inbox import ClaimedEvent, claim_stored, store_event

log = logging.getLogger(__name__)


# What keeping one webhook event came to: the event taken, True when it waits its turn,
# False for a duplicate, or why the database refused it.
Kept = ClaimedEvent | bool | Exception


@dataclass
class Arrival:
    """A webhook event to keep, and its caller's answer: whether it was new."""

    channel: str
    chat_id: str
    external_id: str
    payload: dict[str, Any]
    at: datetime
    kept: asyncio.Future[bool] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class Keeper:
    """Stores webhook events for an inbox worker (`owner`), taking those of its `channels`
    whose chat has nothing before them; `kept` hears of each event stored, after the commit.
    The worker's answered `marks` waiting go into the same transaction."""

    def __init__(
        self,
        *,
        engine: Engine,
        owner: str,
        lease: timedelta,
        channels: Collection[str],
        run_blocking: RunsBlocking,
        kept: Callable[[Arrival, ClaimedEvent | bool], None],
        marks: AnsweredMarks,
    ) -> None:
        self.engine = engine
        self.owner = owner
        self.lease = lease
        self.channels = channels
        self.run_blocking = run_blocking
        self.kept = kept
        self.marks = marks
        self._arriving: list[Arrival] = []
        self._task: asyncio.Task[None] | None = None

    async def keep(self, arrival: Arrival) -> bool:
        """Keep one event durably (committed); False for a duplicate."""
        self._arriving.append(arrival)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._keep_arrivals())
        return await asyncio.shield(arrival.kept)

    async def _keep_arrivals(self) -> None:
        """Keep what has arrived, a batch at a time, until nothing waits; the worker hears of
        each here, not in `keep`: a caller gone meanwhile must not strand what was taken."""
        while self._arriving:
            batch, self._arriving = self._arriving, []
            marks = self.marks.take()
            outcomes: list[Kept]
            try:
                outcomes = await self.run_blocking(partial(self._keep_batch, batch, marks))
            except Exception as error:
                # The work was refused (the runner is closing): each caller hears it.
                outcomes = [error] * len(batch)
            except BaseException:
                # Cancelled (the loop is ending): nobody is left waiting for ever.
                for arrival in [*batch, *self._arriving]:
                    arrival.kept.cancel()
                self._arriving = []
                raise
            finally:
                self.marks.settle(marks)
            for arrival, outcome in zip(batch, outcomes, strict=True):
                if isinstance(outcome, Exception):
                    arrival.kept.set_exception(outcome)
                    continue
                self.kept(arrival, outcome)
                arrival.kept.set_result(outcome is not False)

    def _keep_batch(self, batch: list[Arrival], marks: Waiting) -> list[Kept]:
        """All of the batch in one transaction, with the answered marks; should that fail,
        each event in its own, so that one the database refuses does not take the others with
        it (the marks are then lost: their events are answered again, see AnsweredMarks)."""
        if len(batch) > 1 or marks:
            try:
                with transaction(self.engine) as session:
                    self.marks.write(session, marks)
                    return [self._keep(session, arrival) for arrival in batch]
            except Exception:
                log.warning(
                    "keeping %d webhook events together failed; one by one",
                    len(batch),
                    exc_info=True,
                )
        return [self._keep_alone(arrival) for arrival in batch]

    def _keep_alone(self, arrival: Arrival) -> Kept:
        try:
            with transaction(self.engine) as session:
                return self._keep(session, arrival)
        except Exception as error:
            return error

    def _keep(self, session: Session, arrival: Arrival) -> ClaimedEvent | bool:
        """Store one event and take it if its chat has nothing before it: the event taken,
        True when it waits its turn, False for a duplicate."""
        stored = store_event(
            session,
            channel=arrival.channel,
            chat_id=arrival.chat_id,
            external_id=arrival.external_id,
            payload=arrival.payload,
            now=arrival.at,
        )
        if stored is None:
            return False
        if arrival.channel not in self.channels:
            return True  # left for a process that handles its channel
        taken = claim_stored(
            session, event_id=stored, owner=self.owner, lease_until=arrival.at + self.lease
        )
        if not taken:
            return True
        return ClaimedEvent(
            stored, arrival.channel, arrival.chat_id, arrival.external_id, arrival.payload, 1
        )
