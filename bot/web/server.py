"""The web door's aiohttp application: the webhooks, the upload page and the download links."""

from __future__ import annotations

from aiohttp import web

from bot.core import Core
from bot.web.inbox import InboxWorker
from bot.web.uploads import add_upload_routes
from bot.web.webhooks import Webhook, add_webhook

# Webhook bodies are small JSON; the upload page streams its body and bounds it itself.
WEBHOOK_MAX_BYTES = 1024 * 1024


def build_web_app(core: Core, worker: InboxWorker, hooks: list[Webhook]) -> web.Application:
    app = web.Application(client_max_size=WEBHOOK_MAX_BYTES)
    for hook in hooks:
        add_webhook(app, hook, worker)
    add_upload_routes(app, core)
    return app
