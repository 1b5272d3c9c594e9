"""What a channel gives the outbox sender: a way to send one row, its refusals in neutral words.

A transport raises one of three exceptions for what the platform said, in neutral terms:
RateLimited (wait, then send again), Unreachable (the person cannot be reached: blocked the
bot) and Rejected (this message will never pass as it is: too long, no such chat). Anything
else it raises (network errors, timeouts, the platform's 5xx) is taken as transient and tried
again, with a growing back-off, for OUTBOX_RETRY_HOURS.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from storage.models import Outbox

# Makes one platform call once the sender's limits allow it (every call of a row goes through).
Paced = Callable[[Callable[[], Awaitable[object]]], Awaitable[None]]


class RateLimited(Exception):
    """The platform asked the whole bot to wait (Telegram's 429 with retry_after)."""

    def __init__(self, seconds: float, detail: str) -> None:
        super().__init__(detail)
        self.seconds = seconds


class Unreachable(Exception):
    """The recipient cannot be reached, for good (the officer blocked the bot)."""


class Rejected(Exception):
    """The platform refused this message for good: sent again as it is, it would fail again."""


class OutboxTransport(Protocol):
    """One channel's sending: the row's text, buttons and file, in that platform's calls."""

    channel: str

    async def send(self, row: Outbox, file: bytes | None, paced: Paced) -> None:
        """Send the row; RateLimited, Unreachable or Rejected as the platform says; anything
        else is transient and retried."""
        ...
