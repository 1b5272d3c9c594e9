"""The web door's aiohttp server: the webhooks, the upload page and the download links.

bot/serve.py imports this module only when the web door is configured (WEB_LISTEN or
PUBLIC_BASE_URL): aiohttp's server side costs a bot that only polls about 2 MB it never uses.
"""

from __future__ import annotations

import hmac
import json
import logging

from aiohttp import web

from bot.core import Core
from bot.settings import Settings
from bot.web.inbox import InboxWorker
from bot.web.uploads import add_upload_routes
from bot.web.webhooks import Webhook

log = logging.getLogger(__name__)
# Webhook bodies are small JSON; the upload page streams its body and bounds it itself.
WEBHOOK_MAX_BYTES = 1024 * 1024


def build_web_app(core: Core, worker: InboxWorker, hooks: list[Webhook]) -> web.Application:
    app = web.Application(client_max_size=WEBHOOK_MAX_BYTES)
    for hook in hooks:
        add_webhook(app, hook, worker)
    add_upload_routes(app, core)
    return app


async def start_web(settings: Settings, app: web.Application) -> web.AppRunner:
    """Listen on WEB_LISTEN; the reverse proxy in front gives it its HTTPS address."""
    address = settings.web_address
    assert address is not None
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, address[0], address[1]).start()
    log.info("web door listening on %s:%d (public: %s)", *address, settings.public_base_url)
    return runner


def add_webhook(app: web.Application, hook: Webhook, worker: InboxWorker) -> None:
    """Serve POST hook.path: 401 without the secret, 200 once the event is stored."""

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(hook.header, "")
        # A webhook without a secret takes nothing: an empty header must not match it.
        if not hook.secret or not hmac.compare_digest(given.encode(), hook.secret.encode()):
            return web.Response(status=401, text="unauthorized")
        raw = await request.read()
        if not raw.strip():
            return web.Response(text="ok")  # Zalo probes the URL with an empty body
        try:
            body = json.loads(raw)
        except ValueError:
            return web.Response(status=400, text="not json")
        found = hook.locate(body)
        if found is None:
            return web.Response(text="ok")
        event, (chat_id, external_id) = found
        fresh = await worker.receive(
            channel=hook.channel, chat_id=chat_id, external_id=external_id, payload=event
        )
        if not fresh:
            log.info("%s event %s delivered again; kept once", hook.channel, external_id)
        return web.Response(text="ok")

    app.router.add_post(hook.path, receive)
