"""The outbox sender: drains one channel's queued messages within that platform's limits.

A row goes through three steps. Take: a batch of due rows is leased to this sender in one
transaction, under the sender's id (other senders skip them until the lease ends, or until
this sender gives back the ones it did not get to). The lease is short (LEASE) and renewed
while the sender works through the batch, so that rows held by a process that was killed
are taken over by another sender, or by the restarted one, within LEASE. Send: the channel's
transport makes the platform's calls (one, or more for a long text or a file), each paced by
the sender's limits. Record: the outcome is committed in the row's own transaction right
after the call — sent, postponed (429), unreachable (403), failed for good (a refusal that
will never pass), or retry later (anything else: the platform's outage, a timeout). A row
failing for passing reasons is tried again with a growing, jittered back-off until it has
failed for the retry horizon (OUTBOX_RETRY_HOURS); once a send passes again after a run of
such failures, every row waiting out its back-off is due at once. The "sent" commit runs
while the next row goes out, so the disk's fsync does not slow the sending; the sender waits
for it before the one after. A restart resumes from the rows still pending; a row marked
sent is never sent again; two senders never both take a row while its lease runs.

What remains is an at-least-once window (told here for Telegram; other platforms alike).
If the process dies after Telegram accepted a message but before its "sent" commit (at most
the row in the call and the row being committed), the row is still pending and goes out
again when its lease ends; so does a request that timed out after reaching Telegram, the
earlier pieces of a long text whose later piece failed, and a call that outlasted the whole
lease (another sender took the row). The Bot API cannot close this window: sendMessage takes
no idempotency key, and a bot cannot list the messages it sent to ask afterwards whether one
arrived, so the sender cannot tell "sent, not recorded" from "never sent", and it repeats
rather than loses.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import random
import secrets
import socket
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import Engine

from bot.core import system_clock
from bot.outbox.limits import SenderLimits, backoff_seconds
from bot.outbox.pace import ChannelPace
from bot.outbox.shield import run_to_the_end
from bot.outbox.transport import OutboxTransport, RateLimited, Rejected, Unreachable
from handlers.engine.notify import MENU_KIND
from storage.db import transaction
from storage.files import FileStore
from storage.models import Outbox
from storage.queries.outbox import mark_failed, mark_sent, mark_unreachable
from storage.queries.outbox_leases import (
    claim_due,
    mark_retry,
    next_pending_at,
    postpone,
    release,
    renew,
    retry_now,
)

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]
log = logging.getLogger(__name__)

# Rows taken at a time, at least: enough for the chats that may take a message to go first.
BATCH = 100
# How often an idle sender looks for new rows.
IDLE_SECONDS = 1.0
# A taken row is left alone by other senders this long. The lease is renewed before each row
# once RENEW_SECONDS have passed since the last renewal, so the row in a call always has at
# least LEASE - RENEW_SECONDS, well above a message call's 5-second timeouts. A call that
# runs longer (a slow upload keeps flowing) may lose the rest of the batch to another sender:
# the renewal then drops those rows rather than send them twice (_renew_if_due).
LEASE = timedelta(seconds=20)
RENEW_SECONDS = 5.0
# A longer wait (Telegram's 429) gives the batch back rather than hold it, leased, meanwhile.
LONGEST_HOLD_SECONDS = 5.0
# Passing failures in a row, with no send passing between them, that mean the platform is down:
# the next send that passes makes every row waiting out its back-off due at once.
OUTAGE_STREAK = 3


def new_sender_id(channel: str) -> str:
    """A name for one sender of one process, stored on the rows it holds."""
    host = socket.gethostname()[:32]
    return f"{channel}@{host}:{os.getpid()}:{secrets.token_hex(3)}"


class OutboxSender:
    """Sends one channel's pending rows oldest first; the clocks and the sleep can be replaced."""

    def __init__(
        self,
        *,
        engine: Engine,
        transport: OutboxTransport,
        files: FileStore,
        limits: SenderLimits,
        clock: Callable[[], datetime] = system_clock,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
        sender_id: str | None = None,
        pace: ChannelPace | None = None,
    ) -> None:
        self.engine = engine
        self.transport = transport
        self.files = files
        self.limits = limits
        self.clock = clock
        self.monotonic = monotonic
        self.sleep = sleep
        self.jitter = jitter
        self.sender_id = (sender_id or new_sender_id(transport.channel))[:64]
        # Passing failures since the last send that passed (see OUTAGE_STREAK).
        self.failure_streak = 0
        self._renewed_at = -math.inf
        # The channel's pace, shared with its replies (which go first), or one of its own.
        self.pace = pace or ChannelPace(
            per_second=limits.rate_per_second,
            chat_interval=limits.chat_interval,
            monotonic=monotonic,
            sleep=sleep,
        )
        self.limiter = self.pace.limiter
        self.monotonic = self.pace.monotonic  # the limiter's times are on the pace's clock
        # The commit of the last sent row, left running while the next row is sent.
        self._recording: asyncio.Future[None] | None = None

    async def run(self) -> None:
        """Send due rows until cancelled; a failing database is logged and tried again."""
        while True:
            try:
                busy = await self.step()
            except Exception:
                log.exception("the outbox sender failed; trying again shortly")
                busy = False
            if not busy:
                await self.sleep(IDLE_SECONDS)

    async def drain(self) -> None:
        """Send until none of the channel's rows is pending, postponed ones too (tests, bench)."""
        while True:
            if await self.step():
                continue
            next_at = await self._db(next_pending_at, channel=self.transport.channel)
            if next_at is None:
                return
            await self.sleep(max((next_at - self.clock()).total_seconds(), 0.0))

    async def step(self) -> bool:
        """Take a batch of due rows and send them; False when none was due."""
        now = self.clock()
        rows = await self._db(
            claim_due,
            now=now,
            limit=max(BATCH, self.limits.rate_per_second),
            channel=self.transport.channel,
            lease_until=now + LEASE,
            sender=self.sender_id,
        )
        self._renewed_at = self.monotonic()
        waiting = list(rows)
        resume_at: datetime | None = None
        try:
            while waiting:
                row, delay = self._next(waiting)
                if delay > LONGEST_HOLD_SECONDS:
                    resume_at = self.clock() + timedelta(seconds=delay)
                    break
                if row is None or delay > 0:
                    await self.sleep(delay)
                    continue
                if not await self._renew_if_due(waiting, row):
                    continue  # the row was taken over: the lease ran out during a long call
                waiting.remove(row)
                held_until = await self._deliver_whole(row)
                if held_until is not None:
                    # The chat's later rows wait with this one, so that the chat keeps its order.
                    later = [r.id for r in waiting if r.chat_id == row.chat_id and r.id]
                    waiting = [r for r in waiting if r.chat_id != row.chat_id]
                    if later:
                        await self._db(
                            release, ids=later, sender=self.sender_id, not_before=held_until
                        )
        finally:
            await self._recorded()
            if waiting:  # rows not sent are due again at once, or once the long wait is over
                await self._db(
                    release,
                    ids=[r.id for r in waiting if r.id],
                    sender=self.sender_id,
                    not_before=resume_at or self.clock(),
                )
        return bool(rows)

    async def _renew_if_due(self, waiting: list[Outbox], row: Outbox) -> bool:
        """Extend the lease on the rows still held, when due, and forget those another sender
        took over (a call outlasted the lease); whether `row`, the next to go, is still held."""
        if self.monotonic() - self._renewed_at < RENEW_SECONDS:
            return True
        self._renewed_at = self.monotonic()
        held = await self._db(
            renew,
            ids=[r.id for r in waiting if r.id],
            sender=self.sender_id,
            lease_until=self.clock() + LEASE,
        )
        if len(held) < len(waiting):
            log.warning(
                "%d outbox rows were taken over by another sender", len(waiting) - len(held)
            )
            waiting[:] = [r for r in waiting if r.id in held]
        return row.id in held

    def _next(self, waiting: list[Outbox]) -> tuple[Outbox | None, float]:
        """The row to send next and how long to wait; no row when every chat must wait.

        Among rows whose chat may take a message, the one to the chat served longest ago
        (oldest row first within a chat), so that a chat with many rows never holds up others.
        """
        now = self.monotonic()
        best: Outbox | None = None
        for row in waiting:
            if self.limiter.chat_wait(row.chat_id, now) > 0:
                continue
            served = self.limiter.last_sent(row.chat_id)
            if best is None or served < self.limiter.last_sent(best.chat_id):
                best = row
            if served == -math.inf:
                break  # a chat not served lately: none can come before it
        if best is None:
            chat_delay = min(self.limiter.chat_wait(row.chat_id, now) for row in waiting)
            return None, max(chat_delay, self.limiter.overall_wait(now))
        return best, self.limiter.overall_wait(now)

    async def _deliver_whole(self, row: Outbox) -> datetime | None:
        """Deliver and record one row even if cancelled meanwhile; when it must wait, till when."""
        # Stopping mid-call would leave a delivered message recorded as pending, to be sent
        # again: this row is finished, then the sender stops.
        return await run_to_the_end(asyncio.ensure_future(self._deliver(row)))

    async def _deliver(self, row: Outbox) -> datetime | None:
        """Send a taken row and record the outcome; the time it must wait for, if it must."""
        assert row.id is not None
        try:
            await self._send(row)
        except RateLimited as error:
            # The platform's flood limit is for the whole bot: every send waits, this row after.
            seconds = error.seconds
            self.limiter.pause(seconds, self.monotonic())
            not_before = self.clock() + timedelta(seconds=seconds)
            await self._db(
                postpone,
                outbox_id=row.id,
                sender=self.sender_id,
                not_before=not_before,
                error=str(error),
            )
            return not_before
        except Unreachable as error:
            log.info("outbox row %s: chat %s cannot be reached: %s", row.id, row.chat_id, error)
            await self._db(mark_unreachable, outbox_id=row.id, error=str(error))
            return None
        except Rejected as error:
            log.warning("outbox row %s refused for good, not sent again: %s", row.id, error)
            await self._db(mark_failed, outbox_id=row.id, error=f"rejected: {error}")
            return None
        except Exception as error:
            # Network trouble, the platform's outage, an unreadable file: try again later.
            return await self._failed(row, error)
        if self.failure_streak >= OUTAGE_STREAK:
            # The platform answers again: what waits out a back-off need not wait any longer.
            due = await self._db(retry_now, channel=self.transport.channel, now=self.clock())
            if due:
                log.info("sends pass again; %d rows that had failed are due now", due)
        self.failure_streak = 0
        # Committed in its own transaction while the next row goes out. It is started before
        # waiting for the previous commit, so that a failure of that one cannot keep this
        # row's commit from being made.
        previous, self._recording = (
            self._recording,
            asyncio.ensure_future(self._db(mark_sent, outbox_id=row.id, now=self.clock())),
        )
        if previous is not None:
            await previous
        return None

    async def _recorded(self) -> None:
        """Wait until the "sent" commit in flight is made."""
        recording, self._recording = self._recording, None
        if recording is not None:
            # A cancelled wait would cancel the commit before its thread takes it up.
            await run_to_the_end(recording)

    async def _failed(self, row: Outbox, error: Exception) -> datetime | None:
        """A passing failure: try again after a back-off, or give up past the retry horizon."""
        assert row.id is not None
        self.failure_streak += 1
        reason = f"{type(error).__name__}: {error}"
        now = self.clock()
        failing_since = row.failing_since or now
        if now - failing_since >= self.limits.retry_horizon:
            log.warning(
                "outbox row %s given up after failing since %s (%d tries): %s",
                row.id,
                failing_since.isoformat(),
                row.attempts + 1,
                reason,
            )
            await self._db(mark_failed, outbox_id=row.id, error=reason)
            return None
        backoff = backoff_seconds(row.attempts, self.jitter())
        log.warning("outbox row %s failed (%s); trying again in %.0f s", row.id, reason, backoff)
        not_before = now + timedelta(seconds=backoff)
        await self._db(
            mark_retry,
            outbox_id=row.id,
            sender=self.sender_id,
            not_before=not_before,
            failing_since=failing_since,
            error=reason,
        )
        return not_before

    async def _send(self, row: Outbox) -> None:
        """The row's platform calls, made by the channel's transport."""
        if row.kind == MENU_KIND and not getattr(self.transport, "sets_menus", False):
            return  # this channel has no command menu to set: nothing to do
        content = None
        if row.file_sha256 is not None:
            content = await asyncio.to_thread(self.files.read, row.file_sha256)
        await self.transport.send(row, content, partial(self._paced, row.chat_id))

    async def _paced(self, chat_id: str, call: Callable[[], Awaitable[object]]) -> None:
        """Make one platform call once the limits allow it and no reply waits for a slot.

        The call counts from when it returns: the platform has seen it by then, so however long
        the trip took, it never sees more than the limits allow.
        """
        await self.pace.outbox_turn(chat_id)
        await self.pace.counted(chat_id, call)

    async def _db(self, query: Callable[..., T], **kwargs: Any) -> T:
        """Run one query in its own committed transaction, off the event loop."""

        def work() -> T:
            with transaction(self.engine) as session:
                return query(session, **kwargs)

        return await asyncio.to_thread(work)
