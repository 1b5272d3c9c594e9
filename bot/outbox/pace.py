"""One channel's sending pace in the process, shared by the replies and the outbox, replies first.

The platform limits the whole bot (Telegram: about 30 messages a second), so the replies to
what users send and the outbox's rows draw on one RateLimiter. A reply is someone waiting for
an answer: while one waits for a slot, the outbox lets it go first. A reply the platform
refuses for a passing reason is tried again, as the outbox's rows are but on a horizon of
minutes, not hours: a 429 holds every send for the time the platform asked, a 5xx or a
network failure backs off with jitter. A refusal for good (the channel's `verdict` says None)
is raised at once.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.outbox.limits import RateLimiter, SenderLimits

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]
# Says what a failed call means: None, it will never pass (raise it); a number, it may pass
# later: the seconds the platform asked the whole bot to wait (0: it said nothing, back off).
Verdict = Callable[[Exception], float | None]
log = logging.getLogger(__name__)

# Longer than an outage of a few minutes; a reply that failed that long is given up (logged).
REPLY_HORIZON_SECONDS = 300.0
# Back-off of a reply after a passing failure: doubling from the first to the cap, jittered.
FIRST_REPLY_BACKOFF_SECONDS = 1.0
MAX_REPLY_BACKOFF_SECONDS = 20.0


class ChannelPace:
    """The limits of one channel, one object per process; the clock and the sleep replaceable."""

    def __init__(
        self,
        *,
        per_second: int,
        chat_interval: float,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
        reply_horizon: float = REPLY_HORIZON_SECONDS,
    ) -> None:
        self.limiter = RateLimiter(per_second=per_second, chat_interval=chat_interval)
        self.monotonic = monotonic
        self.sleep = sleep
        self.jitter = jitter
        self.reply_horizon = reply_horizon
        # Replies waiting for a slot now: the outbox waits while there are any.
        self.replies_waiting = 0

    @classmethod
    def for_limits(cls, limits: SenderLimits) -> ChannelPace:
        return cls(per_second=limits.rate_per_second, chat_interval=limits.chat_interval)

    async def outbox_turn(self, chat_id: str) -> None:
        """Wait until an outbox call to this chat may go: within the limits, no reply waiting."""
        while True:
            delay = self.limiter.wait(chat_id, self.monotonic())
            if delay <= 0 and not self.replies_waiting:
                return
            await self.sleep(delay if delay > 0 else self.limiter.spacing)

    async def counted(self, chat_id: str, call: Callable[[], Awaitable[T]]) -> T:
        """Make a call now and count it against the limits from when it returns."""
        self.limiter.begin(self.monotonic())
        try:
            return await call()
        finally:
            self.limiter.record(chat_id, finished=self.monotonic())

    async def reply(self, chat_id: str, call: Callable[[], Awaitable[T]], verdict: Verdict) -> T:
        """Make one call of a reply ahead of the outbox, tried again while it fails for passing
        reasons, for up to the reply horizon."""
        give_up_at = self.monotonic() + self.reply_horizon
        failures = 0
        while True:
            await self._reply_turn()
            try:
                return await self.counted(chat_id, call)
            except Exception as error:
                wait = verdict(error)
                now = self.monotonic()
                if wait is None or now >= give_up_at:
                    raise
                if wait > 0:
                    # The platform's limit is the whole bot's: every send waits, this one too.
                    self.limiter.pause(wait, now)
                else:
                    wait = self._backoff(failures)
                failures += 1
                log.info("a reply failed (%s); trying again in %.1f s", error, wait)
                await self.sleep(min(wait, max(give_up_at - now, 0.0)))

    async def _reply_turn(self) -> None:
        """Wait for the next free slot of the overall limit, counted as a reply waiting."""
        self.replies_waiting += 1
        try:
            while (delay := self.limiter.overall_wait(self.monotonic())) > 0:
                await self.sleep(delay)
        finally:
            self.replies_waiting -= 1

    def _backoff(self, failures: int) -> float:
        doubled: float = FIRST_REPLY_BACKOFF_SECONDS * 2 ** min(failures, 16)
        full = min(doubled, MAX_REPLY_BACKOFF_SECONDS)
        return full * (0.5 + self.jitter())
