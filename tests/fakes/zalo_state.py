"""The fake Zalo Bot API's state: queued updates, the webhook, what the bot sent, the CDN.

Everything here follows /work/shared/ZALO.md. The state is shared between the test's thread
and the fake server's event loop, so every change holds the lock.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]
# Zalo's own words for its error codes (ZALO.md §1); 403's really says "internal server error".
DESCRIPTIONS = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Internal server error",
    404: "Not found",
    408: "Request timeout",
    429: "Quota exceeded",
}
MAX_TEXT = 2000


def zalo_id() -> str:
    """A 20-character hex id, as Zalo's user, chat and message ids are."""
    return secrets.token_hex(10)


def error(code: int, description: str = "") -> JSON:
    return {"ok": False, "error_code": code, "description": description or DESCRIPTIONS[code]}


@dataclass
class Sent:
    """One call the bot made that sends something: its method and parameters."""

    method: str
    params: JSON
    # For sendPhoto: the HTTP status of each time the fake fetched the photo's URL.
    fetches: list[int] = field(default_factory=list)


@dataclass
class Hosted:
    """A file the fake CDN serves; an expired one answers 403 as a signed URL past its time."""

    content: bytes
    expired: bool = False
    hits: int = 0


class ZaloState:
    """What the fake server knows; the test reads and drives it through FakeZaloAPI."""

    def __init__(self, token: str, bot_id: str, bot_name: str) -> None:
        self.token = token
        self.bot_id = bot_id
        self.bot_name = bot_name
        self.lock = threading.Lock()
        self.updates: deque[JSON] = deque()
        self.webhook_url = ""
        self.webhook_secret = ""
        self.webhook_updated_at = 0
        # What setWebhook's probe of the URL reports (ZALO.md: saved even when it fails).
        self.verification_ok = True
        self.sent: list[Sent] = []
        self.actions: list[JSON] = []
        # Per method: (error code, the chat it is for, or None for any chat), in order.
        self.failures: dict[str, deque[tuple[int, str | None]]] = {}
        # Zalo may echo the bot's own sends back as incoming events (ZALO.md §2).
        self.echo_sends = False
        self.cdn: dict[str, Hosted] = {}

    # ----- driven by the test -------------------------------------------------------------

    def push(self, event: JSON) -> None:
        with self.lock:
            self.updates.append(event)

    def fail(self, method: str, code: int, times: int, chat_id: str | None) -> None:
        """The next `times` calls of `method` (to `chat_id` only, if given) answer `code`."""
        with self.lock:
            self.failures.setdefault(method, deque()).extend([(code, chat_id)] * times)

    def host(self, name: str, content: bytes) -> None:
        with self.lock:
            self.cdn[name] = Hosted(content)

    def expire(self, name: str) -> None:
        with self.lock:
            self.cdn[name].expired = True

    # ----- read by the server -------------------------------------------------------------

    def take_failure(self, method: str, chat_id: str) -> int | None:
        """The code the call must answer: the first failure queued for its method and chat."""
        with self.lock:
            queued = self.failures.get(method, deque())
            for index, (code, chat) in enumerate(queued):
                if chat is None or chat == chat_id:
                    del queued[index]
                    return code
            return None

    def next_update(self) -> JSON | None:
        with self.lock:
            return self.updates.popleft() if self.updates else None

    def fetch(self, name: str) -> tuple[int, bytes]:
        """The CDN's answer to a GET: 200 and the bytes, 403 when expired, 404 when unknown."""
        with self.lock:
            hosted = self.cdn.get(name)
            if hosted is None:
                return 404, b""
            hosted.hits += 1
            return (403, b"") if hosted.expired else (200, hosted.content)

    def record(self, sent: Sent) -> JSON:
        """Keep a send, echo it back if asked to, and give Zalo's result for it."""
        message_id = zalo_id()
        with self.lock:
            self.sent.append(sent)
            if self.echo_sends and sent.method == "sendMessage":
                self.updates.append(self.echo(str(sent.params["chat_id"]), sent.params["text"]))
        return {"message_id": message_id, "date": int(time.time() * 1000)}

    def echo(self, chat_id: str, text: str) -> JSON:
        """The event Zalo sends when it echoes the bot's own message into the chat."""
        return {
            "event_name": "message.text.received",
            "message": {
                "from": {"id": self.bot_id, "display_name": self.bot_name, "is_bot": True},
                "chat": {"id": chat_id, "chat_type": "PRIVATE"},
                "text": text,
                "message_id": zalo_id(),
                "date": int(time.time() * 1000),
            },
        }
