"""The inbox worker: hands stored webhook events to their channel, once each, in order per chat.

The webhook stores an event and answers 200; this worker takes each chat's oldest event
(storage/queries/inbox.py: one at a time per chat, whichever process gets it first), runs
the channel's handler, and the event is marked handled in the core's own transaction
(bot/core.py's INBOX_DUTY), so a crash between the two cannot lose it or handle it twice.
A worker that dies leaves its events leased; the lease runs out and another takes them.

A chat's next event is taken as soon as its previous one is done, not once every event
taken with it is: waiting for the slowest of a round held every other chat up. An event
taken while its chat's previous one is still being answered waits for it, so a chat's
replies keep their order.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.event import listen
from sqlmodel import Session

from bot.core import INBOX_DUTY, Clock, system_clock
from bot.web.answered import AnsweredMarks, RunsBlocking
from bot.web.keeping import Arrival, Keeper
from storage.db import transaction
from storage.queries.inbox import (
    ClaimedEvent,
    LostClaim,
    claim_next,
    give_up,
    mark_handled,
    prune_handled,
    retry_later,
)

T = TypeVar("T")
# A channel's handling of one stored event (its payload as the platform sent it).
EventHandler = Callable[[dict[str, Any]], Awaitable[None]]
log = logging.getLogger(__name__)

# Longer than any one event takes (a chart, a photo download); a dead worker's events wait this.
LEASE = timedelta(minutes=2)
# Chats served side by side in one round.
BATCH = 50
IDLE_SECONDS = 1.0
MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(seconds=5)
# Handled events are kept this long (to recognise a redelivery), then deleted, once a day.
KEEP_HANDLED = timedelta(days=7)
PRUNE_EVERY = timedelta(days=1)


class InboxWorker:
    """Claims events of the channels it has handlers for and hands each to its handler."""

    def __init__(
        self,
        *,
        engine: Engine,
        handlers: dict[str, EventHandler],
        clock: Clock = system_clock,
        owner: str | None = None,
        lease: timedelta = LEASE,
        run_blocking: RunsBlocking = asyncio.to_thread,
    ) -> None:
        self.engine = engine
        # Where its database work is done: the core runner's thread when serving (see
        # bot/core_runner.py), a thread of the default pool otherwise.
        self.run_blocking = run_blocking
        self.handlers = handlers
        self.clock = clock
        # Unique per process: a lease names who holds it.
        self.owner = owner or uuid.uuid4().hex
        self.lease = lease
        self._wake = asyncio.Event()
        self._pruned_at: datetime | None = None
        # Events whose mark was committed with the core's work (see _mark).
        self._marked: set[int] = set()
        self._marks = AnsweredMarks(
            engine=engine, owner=self.owner, clock=clock, run_blocking=run_blocking
        )
        # The handling of each chat's latest event taken, while it runs.
        self._in_hand: dict[tuple[str, str], asyncio.Task[None]] = {}
        # Per chat, events this worker kept but could not take (one before them was in hand):
        # once that one is done the worker looks again at once. Otherwise a finished event
        # wakes nobody; what other processes kept is found on the idle tick.
        self._behind: Counter[tuple[str, str]] = Counter()
        # The last look found the batch full: the next event done makes room.
        self._full = False
        self._keeper = Keeper(
            engine=engine,
            owner=self.owner,
            lease=lease,
            channels=handlers.keys(),
            run_blocking=run_blocking,
            kept=self._kept,
            marks=self._marks,
        )

    async def receive(
        self, *, channel: str, chat_id: str, external_id: str, payload: dict[str, Any]
    ) -> bool:
        """Keep one event durably (committed) and, when its chat has nothing before it, take
        it in the same transaction and start on it at once; False for a duplicate (see
        bot/web/keeping.py: events arriving together are kept together)."""
        arrival = Arrival(channel, chat_id, external_id, payload, self.clock())
        return await self._keeper.keep(arrival)

    def _kept(self, arrival: Arrival, outcome: ClaimedEvent | bool) -> None:
        """An event was stored: start on it if it was taken, else look again once the one
        before it in its chat is done."""
        if isinstance(outcome, ClaimedEvent):
            self._start(outcome)
        elif outcome and arrival.channel in self.handlers:
            self._behind[(arrival.channel, arrival.chat_id)] += 1
            self.wake()

    def wake(self) -> None:
        """Something was stored: look now rather than at the next idle tick."""
        self._wake.set()

    async def run(self) -> None:
        """Handle events until cancelled; a failing database is logged and tried again."""
        try:
            while True:
                try:
                    await self.prune()
                    took = await self._take()
                except Exception:
                    log.exception("the inbox worker failed; trying again shortly")
                    took = False
                if not took:
                    # Not wait_for: on Python 3.11 it swallows a cancellation that comes as the
                    # wake is set (each handling done sets it), and the worker never stopped.
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(IDLE_SECONDS):
                            await self._wake.wait()
                    self._wake.clear()
        finally:
            in_hand = list(self._in_hand.values())
            for task in in_hand:
                task.cancel()
            await asyncio.gather(*in_hand, return_exceptions=True)
            # Else a stop would have what was answered answered again after the restart.
            await self._marks.flush()

    async def _take(self) -> bool:
        """Take what events can be taken and start handling each; whether any was taken."""
        room = BATCH - len(self._in_hand)
        self._full = room <= 0
        if self._full:
            return False
        events = await self._claim(room)
        for event in events:
            chat = (event.channel, event.chat_id)
            if self._behind[chat] > 1:
                self._behind[chat] -= 1
            else:
                self._behind.pop(chat, None)
            self._start(event)
        return bool(events)

    def _start(self, event: ClaimedEvent) -> None:
        """Handle the event in a task of its own, after its chat's previous one."""
        chat = (event.channel, event.chat_id)
        task = asyncio.create_task(self._after(self._in_hand.get(chat), event))
        self._in_hand[chat] = task
        task.add_done_callback(partial(self._done, chat))

    async def _after(self, previous: asyncio.Task[None] | None, event: ClaimedEvent) -> None:
        """Handle the event once the chat's previous one is answered."""
        if previous is not None:
            await asyncio.wait([previous])
        await self._handle(event)

    def _done(self, chat: tuple[str, str], task: asyncio.Task[None]) -> None:
        if self._in_hand.get(chat) is task:
            del self._in_hand[chat]
        if self._full or self._behind[chat] > 0:
            self._wake.set()

    async def prune(self) -> None:
        """Delete events handled more than KEEP_HANDLED ago, at most once per PRUNE_EVERY."""
        now = self.clock()
        if self._pruned_at is not None and now - self._pruned_at < PRUNE_EVERY:
            return
        self._pruned_at = now
        await self._db(prune_handled, before=now - KEEP_HANDLED)

    async def drain(self) -> None:
        """Handle events until none can be taken (tests, benchmarks)."""
        while await self.step():
            pass

    async def step(self) -> bool:
        """Take one event of each chat that has one free and handle them side by side."""
        events = await self._claim(BATCH)
        # Nothing else runs meanwhile to carry the answered marks: written at once.
        await asyncio.gather(*(self._handle(event, eager=True) for event in events))
        return bool(events)

    async def _claim(self, room: int) -> list[ClaimedEvent]:
        """Take, for up to `room` chats, each one's oldest free event (see claim_next)."""
        now = self.clock()
        return await self._db(
            claim_next,
            owner=self.owner,
            channels=list(self.handlers),
            now=now,
            lease_until=now + self.lease,
            limit=room,
        )

    async def _handle(self, event: ClaimedEvent, *, eager: bool = False) -> None:
        handler = self.handlers[event.channel]
        duty = partial(self._mark, event.id)
        token = INBOX_DUTY.set(duty)
        try:
            await handler(event.payload)
        except LostClaim:
            log.info("inbox event %s was taken over by another worker", event.id)
            return
        except Exception as error:
            # Failing after the core's work was committed (sending, say), it is done: the
            # work is not done again.
            if not self._committed(event.id):
                await self._failed(event, error)
                return
        finally:
            INBOX_DUTY.reset(token)
        # Answered (or the handler did not reach the core, an ignored kind of update, or the
        # core's work failed and was rolled back, the user told): done, so not tried again.
        self._marked.discard(event.id)
        chat = (event.channel, event.chat_id)
        await self._marks.mark(event.id, soon=eager or self._full or self._behind[chat] > 0)

    def _committed(self, event_id: int) -> bool:
        """Whether the core committed the event's mark with its work; forgotten once asked."""
        if event_id not in self._marked:
            return False
        self._marked.discard(event_id)
        return True

    def _mark(self, event_id: int, session: Session) -> None:
        """The inbox duty: mark the event in the core's transaction, noted once committed."""
        now = self.clock()
        mark_handled(
            session, event_id=event_id, owner=self.owner, now=now, lease_until=now + self.lease
        )

        def committed(done: Session) -> None:
            # SQLAlchemy says "after_commit" of a savepoint released too: a later message of
            # the same group (see Core.answer_together) may release one before anything is
            # committed.
            if not done.in_nested_transaction():
                self._marked.add(event_id)

        listen(session, "after_commit", committed)

    async def _failed(self, event: ClaimedEvent, error: Exception) -> None:
        reason = f"{type(error).__name__}: {error}"
        if event.attempts >= MAX_ATTEMPTS:
            log.error(
                "inbox event %s given up after %d tries: %s", event.id, event.attempts, reason
            )
            await self._db(
                give_up, event_id=event.id, owner=self.owner, now=self.clock(), error=reason
            )
            return
        log.warning("inbox event %s failed (%s); trying again later", event.id, reason)
        not_before = self.clock() + FIRST_RETRY * 2 ** (event.attempts - 1)
        await self._db(
            retry_later, event_id=event.id, owner=self.owner, not_before=not_before, error=reason
        )

    async def _db(self, query: Callable[..., T], **kwargs: Any) -> T:
        """Run one query in its own committed transaction, off the event loop."""

        def work() -> T:
            with transaction(self.engine) as session:
                return query(session, **kwargs)

        return await self.run_blocking(work)
