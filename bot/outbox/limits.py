"""The outbox's limits: so many messages a second overall, one per chat, retries for so long."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from datetime import timedelta

from bot.settings import Settings

WINDOW_SECONDS = 1.0
# Back-off after a passing failure: doubles from the first to the cap, each one cut by up to
# JITTER of itself at random, so that the rows of one broadcast do not all come back at once.
FIRST_BACKOFF_SECONDS = 10.0
MAX_BACKOFF_SECONDS = 300.0
JITTER = 0.5


@dataclass(frozen=True)
class SenderLimits:
    rate_per_second: int
    chat_interval: float
    # How long a row failing for passing reasons is tried again before it is given up.
    retry_horizon: timedelta

    @classmethod
    def from_settings(cls, settings: Settings) -> SenderLimits:
        return cls(
            rate_per_second=settings.outbox_rate_per_second,
            chat_interval=float(settings.outbox_chat_interval_seconds),
            retry_horizon=timedelta(hours=settings.outbox_retry_hours),
        )


class RateLimiter:
    """Tells how long to wait before the next send, on a clock the caller passes in.

    Overall: sends are spread one every 1/per_second seconds on a fixed schedule, so a late
    send does not push the later ones back (they catch up, unless the sender fell a second
    or more behind: then the schedule starts again). Never more than per_second sends fall
    within one second: a send may start only a second after the one per_second sends before
    it returned, so however long the trips take, Telegram never receives more. Per chat, one
    send per chat_interval, counted the same way. A pause (Telegram's 429) holds every send.
    Calls may overlap (replies to several people go side by side): a call takes its slot when
    it starts (`begin`), and one still in flight counts as if it had just returned.
    """

    def __init__(self, *, per_second: int, chat_interval: float) -> None:
        self.spacing = WINDOW_SECONDS / per_second
        self.chat_interval = chat_interval
        self._recent: deque[float] = deque(maxlen=per_second)
        self._next_slot = -math.inf
        self._paused_until = -math.inf
        self._last_by_chat: dict[str, float] = {}
        self._in_flight = 0

    def wait(self, chat_id: str, now: float) -> float:
        """Seconds before a send to chat_id may go; 0 when it may go now."""
        return max(self.overall_wait(now), self.chat_wait(chat_id, now))

    def overall_wait(self, now: float) -> float:
        """Seconds before any send may go."""
        ready = max(self._paused_until, self._next_slot)
        per_second = self._recent.maxlen or 1
        # The send that would be per_second before this one, counting those in flight.
        oldest = len(self._recent) + self._in_flight - per_second
        if self._in_flight >= per_second:
            ready = max(ready, now + self.spacing)
        elif oldest >= 0:
            ready = max(ready, self._recent[oldest] + WINDOW_SECONDS)
        return max(ready - now, 0.0)

    def chat_wait(self, chat_id: str, now: float) -> float:
        """Seconds before this chat may take another message."""
        return max(self.last_sent(chat_id) + self.chat_interval - now, 0.0)

    def last_sent(self, chat_id: str) -> float:
        """When the chat was last sent to; -inf when not lately."""
        return self._last_by_chat.get(chat_id, -math.inf)

    def begin(self, started: float) -> None:
        """A send starts now: it takes the next slot of the schedule."""
        behind = started - self._next_slot >= WINDOW_SECONDS
        self._next_slot = (started if behind else self._next_slot) + self.spacing
        self._in_flight += 1

    def record(self, chat_id: str, *, finished: float) -> None:
        """Count a send that began (`begin`) and has now returned."""
        self._in_flight -= 1
        self._recent.append(finished)
        self._last_by_chat[chat_id] = finished
        if len(self._last_by_chat) > 10 * (self._recent.maxlen or 1):
            # Chats not written to within their interval no longer limit anything.
            horizon = finished - self.chat_interval
            self._last_by_chat = {c: t for c, t in self._last_by_chat.items() if t > horizon}

    def pause(self, seconds: float, now: float) -> None:
        """Hold every send for this long (Telegram answered 429 with retry_after)."""
        self._paused_until = max(self._paused_until, now + seconds)


def backoff_seconds(attempts: int, jitter: float) -> float:
    """The wait after a row's attempts + 1-th passing failure; jitter is drawn from [0, 1)."""
    doubled: float = FIRST_BACKOFF_SECONDS * 2 ** min(attempts, 16)
    full = min(doubled, MAX_BACKOFF_SECONDS)
    return full * (1 - JITTER * jitter)
