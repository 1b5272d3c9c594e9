"""Long polling that confirms an update to Telegram only after it has been handled.

python-telegram-bot's Updater confirms a batch as soon as it has queued it, so an update
being handled when the process dies is lost. Here the next getUpdates, which confirms the
previous batch, is sent only once that batch has been handled; an update redelivered after a
crash is recognised by its number, kept with the user's conversation, and skipped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections import defaultdict
from collections.abc import Coroutine, Sequence
from typing import Any, TypeVar

from telegram import Update
from telegram.error import Conflict, RetryAfter, TelegramError
from telegram.ext import Application

T = TypeVar("T")
log = logging.getLogger(__name__)
LONG_POLL_SECONDS = 25
MAX_BACKOFF_SECONDS = 30.0


async def poll_until_stopped(application: Application, stop: asyncio.Event) -> None:  # type: ignore[type-arg]
    """Fetch, handle, then confirm updates until `stop` is set."""
    offset: int | None = None
    backoff = 1.0
    while not stop.is_set():
        try:
            updates = await _until_stopped(
                application.bot.get_updates(
                    offset=offset, timeout=LONG_POLL_SECONDS, allowed_updates=Update.ALL_TYPES
                ),
                stop,
            )
        except RetryAfter as error:
            await _pause(stop, retry_after_seconds(error))
            continue
        except Conflict as error:
            log.error("another process is polling this bot: %s", error)
            await _pause(stop, MAX_BACKOFF_SECONDS)
            continue
        except TelegramError as error:
            log.warning("getUpdates failed (%s); retrying in %.0f s", error, backoff)
            await _pause(stop, backoff)
            backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
            continue
        if updates is None:
            return
        backoff = 1.0
        if updates:
            await _handle_batch(application, updates)
            offset = updates[-1].update_id + 1


async def _handle_batch(application: Application, updates: Sequence[Update]) -> None:  # type: ignore[type-arg]
    """Handle one user's updates in order, different users' side by side."""
    by_user: dict[int | None, list[Update]] = defaultdict(list)
    for update in updates:
        user = update.effective_user
        by_user[user.id if user else None].append(update)

    async def in_order(own: list[Update]) -> None:
        for update in own:
            await application.process_update(update)

    await asyncio.gather(*(in_order(own) for own in by_user.values()))


async def _until_stopped(awaitable: Coroutine[Any, Any, T], stop: asyncio.Event) -> T | None:
    """Await the call unless `stop` is set first, in which case it is cancelled."""
    call = asyncio.ensure_future(awaitable)
    stopping = asyncio.ensure_future(stop.wait())
    done, _ = await asyncio.wait({call, stopping}, return_when=asyncio.FIRST_COMPLETED)
    if call in done:
        stopping.cancel()
        return call.result()
    call.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await call
    return None


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


def stop_on_signals(stop: asyncio.Event) -> None:
    """SIGINT and SIGTERM end the loop after the update in hand is handled."""
    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # not on Windows' event loop
            loop.add_signal_handler(number, stop.set)


def retry_after_seconds(error: RetryAfter) -> float:
    """How long Telegram asked to wait, whichever type this PTB version gives it in."""
    wait = error.retry_after
    return float(wait) if isinstance(wait, int | float) else wait.total_seconds()
