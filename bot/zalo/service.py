"""The Zalo channel as bot/serve.py runs it: its transport, pace, webhook or polling."""

from __future__ import annotations

import asyncio
import logging

from bot.core import Core
from bot.core_runner import CoreRunner
from bot.serve import Channel
from bot.settings import Settings
from bot.web.files import WebFileLinks
from bot.web.webhooks import ZALO_SECRET_HEADER, Webhook, zalo_event
from bot.zalo.channel import build_channel
from bot.zalo.outbox import ZaloTransport, zalo_limits
from bot.zalo.sending import CHANNEL

log = logging.getLogger(__name__)
# Where the ward's reverse proxy sends Zalo's webhook calls (README, "The web door").
WEBHOOK_PATH = "/zalo/webhook"


def zalo_channel(settings: Settings, core: Core, runner: CoreRunner) -> Channel:
    """Zalo: events from the webhook through the inbox, or long polling while developing."""
    links = WebFileLinks.from_settings(settings, core)
    zalo = build_channel(settings, core, links, runner)
    webhook_mode = settings.zalo.update_mode == "webhook"

    async def start() -> None:
        if not settings.public_base_url:
            log.warning("PUBLIC_BASE_URL is not set: Zalo officers get no upload or file links")
        await zalo.start()
        if not webhook_mode:
            await zalo.client.delete_webhook()
            return
        url = f"{settings.public_base_url}{WEBHOOK_PATH}"
        if not await zalo.client.set_webhook(url, settings.zalo.webhook_secret):
            # Zalo saves the URL even when its probe failed; the proxy may not be ready yet.
            log.warning("Zalo could not reach %s when the webhook was set", url)

    async def poll(stop: asyncio.Event) -> None:
        await zalo.poll(stop)

    return Channel(
        name=CHANNEL,
        transport=ZaloTransport(zalo.client, links),
        limits=zalo_limits(settings),
        pace=zalo.pace,
        inbox_handler=zalo.handle_update,
        webhook=Webhook(
            channel=CHANNEL,
            path=WEBHOOK_PATH,
            header=ZALO_SECRET_HEADER,
            secret=settings.zalo.webhook_secret,
            locate=zalo_event,
        )
        if webhook_mode
        else None,
        poll=None if webhook_mode else poll,
        start=start,
        close=zalo.close,
    )
