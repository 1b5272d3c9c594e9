"""The channels this process serves, from the settings: the one place a channel is added."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from bot.core import Core
from bot.serve import Channel, serve
from bot.settings import Settings
from bot.telegram.channel import build_application, telegram_channel
from bot.telegram.polling import stop_on_signals
from bot.zalo.service import zalo_channel


def configured_channels(settings: Settings, core: Core) -> list[Channel]:
    """Every channel whose settings are present (TELEGRAM_BOT_TOKEN, ZALO_BOT_TOKEN)."""
    channels: list[Channel] = []
    if settings.telegram_token:
        channels.append(telegram_channel(build_application(settings, core)))
    if settings.zalo.enabled:
        channels.append(zalo_channel(settings, core))
    return channels


def run(settings: Settings, core: Core) -> None:
    """Serve every configured channel until stopped (Ctrl+C or SIGTERM)."""

    async def main() -> None:
        stop = asyncio.Event()
        stop_on_signals(stop)
        await serve(settings, core, configured_channels(settings, core), stop)

    _run_event_loop(main())


def _run_event_loop(main: Coroutine[Any, Any, None]) -> None:
    """Run on uvloop where it exists (not on Windows): the event loop's own bookkeeping is a
    good part of the bot's CPU under load, and uvloop does it in C (bench/bench_load.py)."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(main)
        return
    uvloop.run(main)
