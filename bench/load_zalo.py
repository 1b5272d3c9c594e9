"""The fake Zalo API as a Surface for the load benchmarks: users' messages posted to the bot's
webhook as Zalo posts them, the bot's sends timed as the fake receives them."""

from __future__ import annotations

import hashlib
import io
import json
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from http.client import HTTPConnection
from urllib.parse import urlsplit

from load_dialogs import EVIDENCE_NAME, Action, UserId
from PIL import Image

from tests.fakes.zalo_api import SECRET_HEADER, USER_AGENT, FakeZaloAPI
from tests.fakes.zalo_state import JSON, Sent


class ZaloSurface:
    """Users on Zalo: a press is its label typed (Zalo has no buttons), evidence a photo in
    chat on the fake CDN (Zalo carries no documents)."""

    def __init__(self, fake: FakeZaloAPI, webhook: str, secret: str) -> None:
        self.fake = fake
        self.webhook = urlsplit(webhook)
        self.headers = {
            SECRET_HEADER: secret,
            "User-Agent": USER_AGENT,
            "Content-Type": "application/json",
        }
        # A kept-alive connection per user thread, as Zalo's servers keep theirs. Plain
        # http.client: httpx cost this process twice the CPU per message, on the two cores
        # the bot measured shares.
        self._connections = threading.local()
        self.changed = threading.Condition()
        self._replies: dict[str, list[tuple[float, str]]] = defaultdict(list)
        self._calls: list[str] = []
        self._record = fake.state.record
        # The fake keeps no times: each send is timed here, as the fake's server receives it.
        fake.state.record = self._timed  # type: ignore[method-assign]  # the bench's own probe

    def _timed(self, sent: Sent) -> JSON:
        at = time.monotonic()
        result = self._record(sent)
        with self.changed:
            self._calls.append(sent.method)
            if sent.method == "sendMessage":
                self._replies[str(sent.params["chat_id"])].append((at, sent.params["text"]))
            self.changed.notify_all()
        return result

    def post(self, event: JSON | None) -> int:
        """POST one event (None: Zalo's empty probe) to the webhook; the status it answered."""
        connection: HTTPConnection | None = getattr(self._connections, "open", None)
        if connection is None:
            connection = HTTPConnection(self.webhook.hostname or "", self.webhook.port, timeout=30)
        body = b"" if event is None else json.dumps(event).encode()
        try:
            connection.request("POST", self.webhook.path, body=body, headers=self.headers)
            response = connection.getresponse()
            response.read()
        except OSError:
            connection.close()
            self._connections.open = None
            raise
        self._connections.open = connection
        return response.status

    def perform(self, user_id: UserId, action: Action) -> None:
        user = str(user_id)
        if action.press is not None:
            event = self.fake.text_event(user, action.press)
        elif action.upload is not None:
            url = self.fake.host(f"{EVIDENCE_NAME}.png", photo_for(action.upload))
            event = self.fake.image_event(user, url, caption=EVIDENCE_NAME)
        else:
            event = self.fake.text_event(user, action.text or "")
        status = self.post(event)
        if status != 200:
            raise RuntimeError(f"the webhook answered {status}")

    def sent_count(self, user_id: UserId) -> int:
        with self.changed:
            return len(self._replies.get(str(user_id), ()))

    def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:
        with self.changed:
            return self.changed.wait_for(predicate, timeout)

    def calls(self) -> list[str]:
        with self.changed:
            return list(self._calls)

    def replies(self, user_id: UserId) -> list[tuple[float, str]]:
        with self.changed:
            return list(self._replies.get(str(user_id), ()))


def photo_for(seed: bytes) -> bytes:
    """A small PNG whose pixels come from `seed`: a different photo for every report."""
    digest = hashlib.sha256(seed).digest()
    out = io.BytesIO()
    Image.frombytes("RGB", (4, 2), digest[:24]).resize((16, 12)).save(out, format="PNG")
    return out.getvalue()
