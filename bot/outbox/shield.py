"""Letting a send in hand, or its commit, finish when the sender is stopped meanwhile."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger("bot.outbox.sender")


async def run_to_the_end(job: asyncio.Future[T]) -> T:
    """Await the job; if the caller is cancelled meanwhile, let the job finish, then stop.

    Stopping always ends in CancelledError: a job that fails meanwhile is logged, not raised
    (run() would take its error for a failed step and go on sending), and further
    cancellations while it finishes are absorbed rather than passed on to the job.
    """
    try:
        return await asyncio.shield(job)
    except asyncio.CancelledError:
        while not job.done():
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait([job])
        if not job.cancelled() and job.exception() is not None:
            log.warning("the outbox sender stopped after a failed step: %s", job.exception())
        raise
