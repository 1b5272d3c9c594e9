"""HTTP front of the fake Zalo Bot API (aiohttp): POST /bot<token>/<method> and GET /cdn/<name>.

Errors come as Zalo's envelope with HTTP 200, so a client that trusts the status alone fails;
only a 5xx comes as a gateway's HTML page with that status.
"""

from __future__ import annotations

import asyncio
import ipaddress
import threading
import time
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

from .zalo_state import JSON, MAX_TEXT, Sent, ZaloState, error

# A long poll in the fake holds at most this long, so a test that forgets to stop is not slow.
LONGEST_POLL_SECONDS = 5.0


class ZaloApp:
    """The aiohttp application serving one ZaloState."""

    def __init__(self, state: ZaloState) -> None:
        self.state = state
        self.arrived = asyncio.Event()
        self.app = web.Application()
        self.app.router.add_post("/bot{token}/{method}", self.method)
        self.app.router.add_get("/cdn/{name}", self.cdn)
        self.fetcher: aiohttp.ClientSession | None = None
        # Set when the fake stops: long polls in hand end at once.
        self.closing = False
        # Set whenever a long poll starts waiting, so a test can queue an update behind it.
        self.poll_waiting = threading.Event()

    def wake(self) -> None:
        """An update was queued (called on the server's loop)."""
        self.arrived.set()

    async def close(self) -> None:
        self.closing = True
        self.arrived.set()
        if self.fetcher is not None:
            await self.fetcher.close()

    async def cdn(self, request: web.Request) -> web.Response:
        status, body = self.state.fetch(request.match_info["name"])
        return web.Response(status=status, body=body, content_type="application/octet-stream")

    async def method(self, request: web.Request) -> web.Response:
        state = self.state
        if request.match_info["token"] != state.token:
            return web.json_response(error(401))
        name = request.match_info["method"]
        try:
            params = await request.json() if request.can_read_body else {}
        except ValueError:
            return web.json_response(error(400, "Body must be JSON"))
        handler = getattr(self, f"_{name}", None)
        if handler is None:
            return web.json_response(error(404))
        params = params if isinstance(params, dict) else {}
        failure = state.take_failure(name, str(params.get("chat_id") or ""))
        if failure is not None:
            return refusal(failure)
        answer: JSON = await handler(params)
        return web.json_response(answer)

    # ----- methods ------------------------------------------------------------------------

    async def _getMe(self, _params: JSON) -> JSON:
        state = self.state
        return ok(
            {
                "id": state.bot_id,
                "account_name": "bot.thidua",
                "account_type": "BASIC",
                "can_join_groups": False,
                "display_name": state.bot_name,
            }
        )

    async def _getUpdates(self, params: JSON) -> JSON:
        """One update, or 408 once `timeout` passed without one; 400 while a webhook is set."""
        if self.state.webhook_url:
            return error(400, "Webhook is set; getUpdates is not available")
        wait = min(float(params.get("timeout") or 0), LONGEST_POLL_SECONDS)
        deadline = time.monotonic() + wait
        while (update := self.state.next_update()) is None:
            left = deadline - time.monotonic()
            if left <= 0 or self.closing:
                return error(408)
            self.arrived.clear()
            self.poll_waiting.set()
            try:
                await asyncio.wait_for(self.arrived.wait(), left)
            except TimeoutError:
                return error(408)
        return ok(update)

    async def _setWebhook(self, params: JSON) -> JSON:
        url, secret = str(params.get("url") or ""), str(params.get("secret_token") or "")
        if not public_https(url):
            return error(400, "url must be a public https URL")
        if not 8 <= len(secret) <= 256:
            return error(400, "secret_token must be 8 to 256 characters")
        state = self.state
        with state.lock:
            state.webhook_url, state.webhook_secret = url, secret
            state.webhook_updated_at = int(time.time() * 1000)
        return ok(
            {
                "url": url,
                "updated_at": state.webhook_updated_at,
                "verification": {"ok": state.verification_ok},
            }
        )

    async def _deleteWebhook(self, _params: JSON) -> JSON:
        state = self.state
        with state.lock:
            state.webhook_url = state.webhook_secret = ""
        return ok({"url": ""})

    async def _getWebhookInfo(self, _params: JSON) -> JSON:
        state = self.state
        return ok({"url": state.webhook_url, "updated_at": state.webhook_updated_at})

    async def _sendMessage(self, params: JSON) -> JSON:
        text = params.get("text")
        if not params.get("chat_id") or not isinstance(text, str):
            return error(400, "chat_id and text are required")
        if not 1 <= len(text) <= MAX_TEXT:
            return error(400, f"text must be 1 to {MAX_TEXT} characters")
        return ok(self.state.record(Sent("sendMessage", params)))

    async def _sendPhoto(self, params: JSON) -> JSON:
        """Zalo fetches the photo's URL, more than once: a one-shot URL would show black."""
        photo = str(params.get("photo") or "")
        if not params.get("chat_id") or not photo.startswith(("http://", "https://")):
            return error(400, "photo must be a URL")
        sent = Sent("sendPhoto", params)
        for _ in range(2):
            sent.fetches.append(await self._fetch(photo))
        return ok(self.state.record(sent))

    async def _sendChatAction(self, params: JSON) -> JSON:
        with self.state.lock:
            self.state.actions.append(params)
        return ok(True)

    async def _fetch(self, url: str) -> int:
        if self.fetcher is None:
            self.fetcher = aiohttp.ClientSession()
        try:
            async with self.fetcher.get(url) as response:
                await response.read()
                return response.status
        except aiohttp.ClientError:
            return 0


def ok(result: Any) -> JSON:
    return {"ok": True, "result": result}


def refusal(code: int) -> web.Response:
    """An injected failure: Zalo's error envelope, or for a 5xx the page of the gateway in
    front of Zalo (HTML, with that status), which is how an outage shows."""
    if code >= 500:
        page = f"<html><body><h1>{code}</h1></body></html>"
        return web.Response(status=code, text=page, content_type="text/html")
    return web.json_response(error(code))


def public_https(url: str) -> bool:
    """Whether Zalo would take the URL for a webhook: https, not localhost or private."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme != "https" or not host or host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_private
    except ValueError:
        return True
