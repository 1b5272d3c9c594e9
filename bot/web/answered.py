"""Marking inbox events answered once their replies are out, with as few commits as may be.

An event's mark waits a little (`DELAY_SECONDS`) for company: the next events kept by the
Keeper (bot/web/keeping.py) take the marks waiting into their own transaction, which in a
conversation is usually the user's next message. A mark is written at once when its chat
has an event waiting behind it, which may be taken only once this one is marked. Written on
their own, each mark would have been a commit and an fsync more a message: Zalo answered a
fifth fewer messages a second (bench/bench_zalo.py).

A mark that never gets written (the process dies first, the database fails) costs an answer
twice, never none: the event is taken again once its lease ends and its kept replies sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import partial
from typing import Protocol, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session

from storage.db import transaction
from storage.queries.inbox import mark_answered

log = logging.getLogger(__name__)
# Longer than a user takes to read an answer and type the next message it is to travel with
# would be too long to hold a chat's next event back; this is about a turn of the worker.
DELAY_SECONDS = 1.0
Waiting = list[tuple[int, asyncio.Future[None]]]
T = TypeVar("T")


class RunsBlocking(Protocol):
    """Runs a blocking job off the event loop: asyncio.to_thread, or CoreRunner.run."""

    def __call__(self, job: Callable[[], T], /) -> Awaitable[T]: ...


class AnsweredMarks:
    """The answered marks of one inbox worker (`owner`) not yet written."""

    def __init__(
        self,
        *,
        engine: Engine,
        owner: str,
        clock: Callable[[], datetime],
        run_blocking: RunsBlocking,
    ) -> None:
        self.engine = engine
        self.owner = owner
        self.clock = clock
        self.run_blocking = run_blocking
        self._waiting: Waiting = []
        self._timer: asyncio.TimerHandle | None = None
        self._writing: asyncio.Task[None] | None = None

    async def mark(self, event_id: int, *, soon: bool) -> None:
        """Note the event answered; return once the mark is written (or failed, logged)."""
        done = asyncio.get_running_loop().create_future()
        self._waiting.append((event_id, done))
        if soon:
            self._write_now()
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(DELAY_SECONDS, self._write_now)
        await asyncio.shield(done)

    def take(self) -> Waiting:
        """The marks waiting, for a transaction about to be committed; give them back to
        `settle` once it is."""
        taken, self._waiting = self._waiting, []
        return taken

    def write(self, session: Session, taken: Waiting) -> None:
        """Write the marks taken in the session's transaction."""
        if taken:
            mark_answered(
                session,
                event_ids=[event_id for event_id, _ in taken],
                owner=self.owner,
                now=self.clock(),
            )

    @staticmethod
    def settle(taken: Waiting) -> None:
        for _, done in taken:
            if not done.done():
                done.set_result(None)

    async def flush(self) -> None:
        """Write the marks waiting now (the worker is stopping: nothing will carry them)."""
        self._write_now()
        if self._writing is not None:
            await self._writing

    def _write_now(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._writing is None or self._writing.done():
            self._writing = asyncio.create_task(self._write_waiting())

    async def _write_waiting(self) -> None:
        while self._waiting:
            taken = self.take()
            try:
                await self.run_blocking(partial(self._write_alone, taken))
            except Exception:
                log.warning("could not mark %d inbox events answered", len(taken), exc_info=True)
            self.settle(taken)

    def _write_alone(self, taken: Waiting) -> None:
        with transaction(self.engine) as session:
            self.write(session, taken)
