"""A fake Zalo Bot API server for tests, on 127.0.0.1: play users, inspect the bot, inject failures.

Users' messages are queued for getUpdates (`push_*`), or posted to a webhook URL the test names
(`deliver`), wrapped or bare, with Zalo's secret header and User-Agent. Images live on a fake
CDN whose URLs the test can expire. The bot's sends are recorded in `sent`.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import threading
import time
from types import TracebackType
from typing import Any, Self

import aiohttp
from aiohttp import web

from .zalo_server import ZaloApp
from .zalo_state import JSON, Sent, ZaloState, zalo_id

USER_AGENT = "Java/1.8.0_412"
SECRET_HEADER = "X-Bot-Api-Secret-Token"


class FakeZaloAPI:
    """Serves the Bot Platform API from a thread of its own; every method here is thread-safe."""

    def __init__(
        self, token: str = "1234567890:zaloTESTtoken", bot_name: str = "Bot Thi đua"
    ) -> None:
        self.token = token
        self.state = ZaloState(token, zalo_id(), bot_name)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._app = ZaloApp(self.state)
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    # ----- lifecycle ------------------------------------------------------------------------

    def start(self) -> Self:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._on_loop(self._serve())
        return self

    async def _serve(self) -> None:
        self._runner = web.AppRunner(self._app.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    def stop(self) -> None:
        if self._thread is None:
            return
        self._on_loop(self._shutdown())
        loop = self._running_loop()
        loop.call_soon_threadsafe(loop.stop)
        self._thread.join(timeout=5)
        self._thread = None
        loop.close()

    async def _shutdown(self) -> None:
        await self._app.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """The API's base URL, as ZALO_API_BASE_URL takes it."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def bot_id(self) -> str:
        return self.state.bot_id

    # ----- users' messages ------------------------------------------------------------------

    def text_event(self, user: str, text: str, *, message_id: str = "", name: str = "") -> JSON:
        return self._event(user, "message.text.received", {"text": text}, message_id, name)

    def image_event(
        self, user: str, url: str, *, caption: str | None = None, field: str = "photo_url"
    ) -> JSON:
        """An image message; real payloads carry `photo_url`, the documentation `photo`."""
        content = {field: url, "caption": caption, "message_type": "CHAT_PHOTO"}
        return self._event(user, "message.image.received", content, "", "")

    def other_event(self, user: str, kind: str) -> JSON:
        """A sticker, a voice message or an `unsupported` one (a file, a link …)."""
        content: JSON = {
            "sticker": {"sticker": "bfe458bf64fa8da4d4eb", "url": self.host("sticker.webp", b"")},
            "voice": {"voice_url": self.host("voice.aac", b"aac")},
            "unsupported": {},
        }[kind]
        return self._event(user, f"message.{kind}.received", content, "", "")

    def _event(self, user: str, name: str, content: JSON, message_id: str, display: str) -> JSON:
        message: JSON = {
            "from": {"id": user, "display_name": display or "Cán bộ", "is_bot": False},
            "chat": {"id": user, "chat_type": "PRIVATE"},
            "message_id": message_id or zalo_id(),
            "date": int(time.time() * 1000),
            **content,
        }
        return {"event_name": name, "message": message}

    async def poll_waiting(self) -> None:
        """Return once a long poll is waiting on the fake (without sleeping)."""
        await asyncio.to_thread(self._app.poll_waiting.wait, 10)

    def push(self, event: JSON) -> JSON:
        """Queue an event for getUpdates and wake a waiting long poll."""
        self.state.push(event)
        self._running_loop().call_soon_threadsafe(self._app.wake)
        return event

    def echo(self, chat_id: str, text: str) -> JSON:
        """Zalo echoing the bot's own message back into the chat."""
        return self.state.echo(chat_id, text)

    # ----- the CDN --------------------------------------------------------------------------

    def host(self, name: str, content: bytes) -> str:
        """Serve `content` on the fake CDN; its URL (unguessable, as Zalo's are)."""
        key = f"{secrets.token_hex(8)}-{name}"
        self.state.host(key, content)
        return f"{self.base_url}/cdn/{key}"

    def expire(self, url: str) -> None:
        self.state.expire(url.rsplit("/", 1)[1])

    def hits(self, url: str) -> int:
        """How many GETs the URL answered (the fake's own sendPhoto fetches count)."""
        return self.state.cdn[url.rsplit("/", 1)[1]].hits

    # ----- webhook deliveries -----------------------------------------------------------------

    async def deliver(
        self,
        url: str,
        event: JSON | None,
        *,
        wrapped: bool = False,
        secret: str | None = None,
        body: bytes | None = None,
    ) -> int:
        """POST an event to a webhook URL as Zalo does; the HTTP status it answered.

        `event=None` is Zalo's empty probe. The secret defaults to the one setWebhook saved;
        pass "" to leave the header out. Awaitable from any event loop.
        """
        if body is None and event is not None:
            body = json.dumps({"ok": True, "result": event} if wrapped else event).encode()
        headers = {"User-Agent": USER_AGENT, "Content-Type": "application/json"}
        secret = self.state.webhook_secret if secret is None else secret
        if secret:
            headers[SECRET_HEADER] = secret
        post = self._post(url, body or b"", headers)
        future = asyncio.run_coroutine_threadsafe(post, self._running_loop())
        return await asyncio.wrap_future(future)

    async def _post(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        async with (
            aiohttp.ClientSession(skip_auto_headers={"User-Agent"}) as session,
            session.post(url, data=body, headers=headers) as response,
        ):
            return response.status

    # ----- what the bot did -----------------------------------------------------------------

    @property
    def sent(self) -> list[Sent]:
        with self.state.lock:
            return list(self.state.sent)

    def texts_to(self, chat_id: str) -> list[str]:
        """The texts sent to a chat, in order."""
        return [
            s.params["text"]
            for s in self.sent
            if s.method == "sendMessage" and s.params["chat_id"] == chat_id
        ]

    def actions_to(self, chat_id: str) -> list[str]:
        with self.state.lock:
            return [a["action"] for a in self.state.actions if a.get("chat_id") == chat_id]

    def fail(self, method: str, code: int, times: int = 1, chat_id: str | None = None) -> None:
        """The next `times` calls of `method`, to `chat_id` only if given, answer Zalo's error
        `code` (400, 403, 429 …; a 5xx comes as a gateway's page)."""
        self.state.fail(method, code, times, chat_id)

    def _on_loop(self, job: Any) -> None:
        asyncio.run_coroutine_threadsafe(job, self._running_loop()).result(timeout=10)

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            raise RuntimeError("FakeZaloAPI is not running; call start() first")
        return self._loop
