"""Fake time for the outbox sender: wall clock, monotonic clock and sleep, moved by its sleeps."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta


class FakeTime:
    """Wall clock, monotonic clock and sleep of the sender, moved only by its sleeps."""

    def __init__(self, start: datetime) -> None:
        self.start = start
        self.t = 0.0

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.t)

    def monotonic(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.t += seconds
        await asyncio.sleep(0)
