"""The channels this process serves, from the settings: the one place a channel is added.

A channel's package is imported only when the channel is configured: python-telegram-bot
alone holds about 11 MB of a process that may serve Zalo only (tests/test_lean_start.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Coroutine
from typing import Any

from bot.core import Core
from bot.core_runner import CoreRunner
from bot.serve import Channel, serve
from bot.settings import Settings


def configured_channels(settings: Settings, core: Core, runner: CoreRunner) -> list[Channel]:
    """Every channel whose settings are present (TELEGRAM_BOT_TOKEN, ZALO_BOT_TOKEN), each
    answering through `runner`."""
    channels: list[Channel] = []
    if settings.telegram_token:
        from bot.telegram.channel import build_application, telegram_channel

        channels.append(telegram_channel(build_application(settings, core, runner=runner)))
    if settings.zalo.enabled:
        from bot.zalo.service import zalo_channel

        channels.append(zalo_channel(settings, core, runner))
    return channels


def run(settings: Settings, core: Core) -> None:
    """Serve every configured channel until stopped (Ctrl+C or SIGTERM)."""

    async def main() -> None:
        stop = asyncio.Event()
        stop_on_signals(stop)
        runner = CoreRunner.for_core(core)
        await serve(settings, core, configured_channels(settings, core, runner), stop, runner)

    _run_event_loop(main())


def stop_on_signals(stop: asyncio.Event) -> None:
    """SIGINT and SIGTERM end the loop after the update in hand is handled."""
    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # not on Windows' event loop
            loop.add_signal_handler(number, stop.set)


def _run_event_loop(main: Coroutine[Any, Any, None]) -> None:
    """Run on uvloop where it exists (not on Windows): the event loop's own bookkeeping is a
    good part of the bot's CPU under load, and uvloop does it in C (bench/bench_load.py)."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(main)
        return
    uvloop.run(main)
