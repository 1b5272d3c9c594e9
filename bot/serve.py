"""One process serves every configured channel: `python -m bot run`.

Each channel hands in a `Channel`: its outbox transport, the handler of its stored webhook
events, its webhook, and a polling task where it polls. This module runs them side by side in
one event loop, with one outbox sender per channel, the inbox worker, the web server (when
WEB_LISTEN or PUBLIC_BASE_URL is set) and the reminders scheduler. Adding a channel is one
more `Channel` in the list bot/channels.py's `configured_channels` returns. The channels
share one CoreRunner, whose thread also does the inbox's database work; it is closed last.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.core import Core
from bot.core_runner import CoreRunner
from bot.outbox.limits import SenderLimits
from bot.outbox.pace import ChannelPace
from bot.outbox.sender import OutboxSender
from bot.outbox.transport import OutboxTransport
from bot.scheduler import start_reminders
from bot.settings import Settings
from bot.web.inbox import EventHandler, InboxWorker
from bot.web.webhooks import Webhook

if TYPE_CHECKING:
    from aiohttp import web

Poll = Callable[[asyncio.Event], Coroutine[Any, Any, None]]
Hook = Callable[[], Awaitable[None]]


@dataclass
class Channel:
    """What one channel brings to the process."""

    name: str
    transport: OutboxTransport
    # The pace of its outbox sender; None: the OUTBOX_* settings (Telegram's limits).
    limits: SenderLimits | None = None
    # The channel's one pace in the process, which its replies share with the outbox.
    pace: ChannelPace | None = None
    # Handles one stored webhook event (its payload); None for a channel that only polls.
    inbox_handler: EventHandler | None = None
    webhook: Webhook | None = None
    # Runs until the event is set (long polling); None in webhook mode.
    poll: Poll | None = None
    # Before serving (say who we are, set or delete the webhook) and after, in that order.
    start: Hook | None = None
    close: Hook | None = None


async def serve(
    settings: Settings,
    core: Core,
    channels: list[Channel],
    stop: asyncio.Event,
    runner: CoreRunner,
) -> None:
    """Serve the channels, which answer through `runner`, until `stop` is set, then stop
    everything in order."""
    started: list[Channel] = []
    tasks: list[asyncio.Task[None]] = []
    site: web.AppRunner | None = None
    reminders = start_reminders(core, settings)
    try:
        for channel in channels:
            if channel.start is not None:
                await channel.start()
            started.append(channel)
        handlers = {c.name: c.inbox_handler for c in channels if c.inbox_handler is not None}
        worker = InboxWorker(
            engine=core.engine, handlers=handlers, clock=core.clock, run_blocking=runner.run
        )
        if handlers:
            tasks.append(asyncio.create_task(worker.run()))
        limits = SenderLimits.from_settings(settings)
        for channel in channels:
            sender = OutboxSender(
                engine=core.engine,
                transport=channel.transport,
                files=core.files,
                limits=channel.limits or limits,
                clock=core.clock,
                pace=channel.pace,
            )
            tasks.append(asyncio.create_task(sender.run()))
        if settings.web_address is not None:
            # Loaded only here: a bot that only polls never pays for the web server.
            from bot.web.server import build_web_app, start_web

            hooks = [c.webhook for c in channels if c.webhook is not None]
            site = await start_web(settings, build_web_app(core, worker, hooks))
        polls = [asyncio.create_task(c.poll(stop)) for c in channels if c.poll is not None]
        await stop.wait()
        await asyncio.gather(*polls)
    finally:
        if site is not None:
            await site.cleanup()
        for task in tasks:
            # The sender finishes the message in hand before it stops.
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        reminders.shutdown()
        try:
            for channel in reversed(started):
                if channel.close is not None:
                    await channel.close()
        finally:
            runner.close()
