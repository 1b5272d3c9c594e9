"""Long polling that confirms an update to Telegram only after it has been handled.

python-telegram-bot's Updater confirms a batch as soon as it has queued it, so an update
being handled when the process dies is lost. Here the next getUpdates, which confirms the
previous batch, is sent only once that batch has been handled; an update redelivered after a
crash is recognised by its number, kept with the user's conversation, and skipped.

An update that cannot be read or handled (the library cannot parse it, or handling raises) is
logged by its number only, never its content, and tried again with the next poll; after
`MAX_TRIES` it is confirmed and skipped, so one such update never stops the others, nor the
bot at each restart. The updates after it come again with it: this process remembers which it
handled and leaves them alone (a redelivery after a crash, which the core answers again from
its kept replies, is another matter).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Coroutine, Sequence
from typing import Any, TypeVar

from telegram import Bot, Update
from telegram.error import Conflict, RetryAfter, TelegramError
from telegram.ext import Application

from bot.telegram.calls import raw_call

T = TypeVar("T")
log = logging.getLogger(__name__)
LONG_POLL_SECONDS = 25
# On top of the long poll: how long the answer to getUpdates may take to arrive.
POLL_READ_MARGIN_SECONDS = 10
MAX_BACKOFF_SECONDS = 30.0
MAX_TRIES = 3
Raw = dict[str, Any]


async def poll_until_stopped(application: Application, stop: asyncio.Event) -> None:  # type: ignore[type-arg]
    """Fetch, handle, then confirm updates until `stop` is set."""
    offset: int | None = None
    backoff = 1.0
    tries: dict[int, int] = {}
    # Handled by this process but not yet confirmed (held back behind a failed update).
    handled: set[int] = set()
    while not stop.is_set():
        try:
            updates = await _until_stopped(_fetch(application.bot, offset), stop)
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
            readable, failed = _read(application.bot, updates)
            fresh = [update for update in readable if update.update_id not in handled]
            failed |= await _handle_batch(application, fresh)
            handled |= {update.update_id for update in fresh} - failed
            offset = _next_offset(updates, failed, tries)
            handled = {number for number in handled if number >= offset}


async def _fetch(bot: Bot, offset: int | None) -> list[Raw]:
    """The next updates as the Bot API sent them: the library's get_updates reads a whole batch
    or fails on all of it (and logs its content), so each is read apart in `_read`."""
    result = await raw_call(
        bot,
        "getUpdates",
        offset=offset,
        timeout=LONG_POLL_SECONDS,
        allowed_updates=Update.ALL_TYPES,
        read_timeout=LONG_POLL_SECONDS + POLL_READ_MARGIN_SECONDS,
    )
    return list(result) if isinstance(result, list) else []


def _read(bot: Bot, updates: Sequence[Raw]) -> tuple[list[Update], set[int]]:
    """The updates the library can read, and the numbers of those it cannot."""
    readable: list[Update] = []
    failed: set[int] = set()
    for raw in updates:
        try:
            update = Update.de_json(raw, bot)
        except Exception as error:  # any failure to read one update is the same
            number, kind = raw.get("update_id"), type(error).__name__
            log.error("update %s could not be read (%s)", number, kind)
            failed.add(int(raw["update_id"]))
            continue
        readable.append(update)
    return readable, failed


async def _handle_batch(application: Application, updates: Sequence[Update]) -> set[int]:  # type: ignore[type-arg]
    """Handle one user's updates in order, different users' side by side; the numbers of those
    whose handling failed."""
    by_user: dict[int | None, list[Update]] = defaultdict(list)
    for update in updates:
        user = update.effective_user
        by_user[user.id if user else None].append(update)
    failed: set[int] = set()

    async def in_order(own: list[Update]) -> None:
        for update in own:
            try:
                await application.process_update(update)
            except Exception as error:  # one update never stops the others
                log.error("update %s failed (%s)", update.update_id, type(error).__name__)
                failed.add(update.update_id)

    await asyncio.gather(*(in_order(own) for own in by_user.values()))
    return failed


def _next_offset(updates: Sequence[Raw], failed: set[int], tries: dict[int, int]) -> int:
    """Confirm the batch up to the first failed update still to be tried again, or all of it."""
    for number in sorted(failed):
        tries[number] = tries.get(number, 0) + 1
        if tries[number] < MAX_TRIES:
            return number
        log.error("update %s skipped after %d tries", number, tries.pop(number))
    return int(updates[-1]["update_id"]) + 1


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


def retry_after_seconds(error: RetryAfter) -> float:
    """How long Telegram asked to wait, whichever type this PTB version gives it in."""
    wait = error.retry_after
    return float(wait) if isinstance(wait, int | float) else wait.total_seconds()
