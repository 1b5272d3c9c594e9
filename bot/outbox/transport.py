"""What a channel gives the outbox sender: a way to send one row, its refusals in neutral words."""

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


class OutboxTransport(Protocol):
    """One channel's sending: the row's text, buttons and file, in that platform's calls."""

    channel: str

    async def send(self, row: Outbox, file: bytes | None, paced: Paced) -> None:
        """Send the row; RateLimited or Unreachable as the platform says, anything else: retry."""
        ...
