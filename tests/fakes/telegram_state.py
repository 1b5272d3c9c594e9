"""Shared state of the fake Telegram Bot API: recorded calls, failures and the update queue."""

from __future__ import annotations

import copy
import itertools
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable

from .telegram_files import FileStore
from .telegram_messages import MessageStore
from .telegram_wire import JSON, ApiError

ChatId = int | str | None

SEND_METHODS = frozenset({"sendMessage", "sendDocument", "sendPhoto"})
CLIENT_CHECK_INTERVAL = 0.5
CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
DEFAULT_FAILURES = {
    400: "Bad Request: chat not found",
    403: "Forbidden: bot was blocked by the user",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


class TelegramState:
    """Thread-safe world behind the fake: one Condition guards and announces every change."""

    def __init__(self, token: str, bot_username: str) -> None:
        self.token = token
        self.bot_user: JSON = {
            "id": int(token.split(":")[0]),
            "is_bot": True,
            "first_name": "Thi đua Test Bot",
            "username": bot_username,
        }
        self.lock = threading.Condition()
        self.files = FileStore(self.lock, token)
        self.messages = MessageStore(self.lock, self.bot_user)
        self._closed = False
        self._update_ids = itertools.count(1001)
        self._updates: list[JSON] = []
        self._allowed_updates: frozenset[str] = frozenset()
        self._poll_generation = 0
        self._waiting_polls = 0
        self._idle_polls = 0
        self._commands: dict[tuple[str, str], list[JSON]] = {}
        self._failures: dict[tuple[str, ChatId], deque[ApiError]] = {}
        self._calls: list[tuple[str, JSON]] = []
        self._rate_log: list[tuple[float, str, ChatId]] = []
        # Weather: every call fails with 502 until then (time.monotonic()); sends past the
        # flood limit (a second's worth, when set) are refused with 429.
        self._outage_until = -1.0
        self._flood_limit: int | None = None
        self._accepted_sends: deque[float] = deque()

    def close(self) -> None:
        """Release every pending long poll; later polls return at once."""
        with self.lock:
            self._closed = True
            self.lock.notify_all()

    def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Block until predicate (evaluated under the lock) holds, or timeout seconds pass."""
        with self.lock:
            return self.lock.wait_for(predicate, timeout)

    # ----- recorded calls and injected failures ------------------------------------------

    def calls(self) -> list[tuple[str, JSON]]:
        """Every Bot API call received, as (method, params), oldest first."""
        with self.lock:
            return list(self._calls)

    def rate_log(self) -> list[tuple[float, str, ChatId]]:
        """(time.monotonic(), method, chat_id) of every send attempt, failed ones included."""
        with self.lock:
            return list(self._rate_log)

    def record_call(self, method: str, params: JSON) -> None:
        """Record one Bot API call, and a rate_log entry if it sends a message."""
        with self.lock:
            self._calls.append((method, dict(params)))
            if method in SEND_METHODS:
                self._rate_log.append((time.monotonic(), method, params.get("chat_id")))
            self.lock.notify_all()

    def queue_failure(
        self, method: str, chat_id: ChatId, status: int, retry_after: int, description: str | None
    ) -> None:
        """Queue an error for the next call of method to chat_id (None: any chat)."""
        if status == 429:
            text = description or f"Too Many Requests: retry after {retry_after}"
            error = ApiError(429, text, retry_after)
        else:
            error = ApiError(status, description or DEFAULT_FAILURES.get(status, "Error"))
        with self.lock:
            self._failures.setdefault((method.lower(), chat_id), deque()).append(error)

    def raise_injected_failure(self, method: str, chat_id: ChatId) -> None:
        """Raise the error queued for this call, preferring one queued for its chat."""
        with self.lock:
            for key in ((method.lower(), chat_id), (method.lower(), None)):
                queue = self._failures.get(key)
                if queue:
                    error = queue.popleft()
                    if not queue:
                        del self._failures[key]
                    raise error

    def clear_failures(self) -> None:
        """Drop the injected failures not met yet."""
        with self.lock:
            self._failures.clear()

    def start_outage(self, seconds: float) -> None:
        """Answer every call with 502 Bad Gateway for the next `seconds`."""
        with self.lock:
            self._outage_until = time.monotonic() + seconds

    def enforce_rate(self, per_second: int | None) -> None:
        """Refuse sends beyond `per_second` in any second with 429 (None: no limit)."""
        with self.lock:
            self._flood_limit = per_second

    def raise_weather(self, method: str) -> None:
        """Raise the outage's 502 or the flood limit's 429 for this call, if either applies."""
        with self.lock:
            now = time.monotonic()
            if now < self._outage_until:
                raise ApiError(502, DEFAULT_FAILURES[502])
            if self._flood_limit is None or method not in SEND_METHODS:
                return
            while self._accepted_sends and self._accepted_sends[0] <= now - 1.0:
                self._accepted_sends.popleft()
            if len(self._accepted_sends) >= self._flood_limit:
                raise ApiError(429, "Too Many Requests: retry after 1", 1)
            self._accepted_sends.append(now)

    # ----- the update queue --------------------------------------------------------------

    def push_update(self, kind: str, payload: JSON) -> int:
        """Queue an update of the given kind and wake pending getUpdates calls."""
        with self.lock:
            update_id = next(self._update_ids)
            self._updates.append({"update_id": update_id, kind: copy.deepcopy(payload)})
            self.lock.notify_all()
            return update_id

    def poll_updates(
        self,
        offset: int,
        limit: int,
        timeout: float,
        allowed_updates: Iterable[str] | None,
        client_gone: Callable[[], bool],
    ) -> list[JSON]:
        """Confirm updates below offset, then return pending ones, long-polling up to timeout."""
        with self.lock:
            self._poll_generation += 1
            generation = self._poll_generation
            self.lock.notify_all()  # a newer getUpdates terminates older ones, as in the real API
            if allowed_updates is not None:
                self._allowed_updates = frozenset(allowed_updates)
            self._confirm(offset)
            deadline = time.monotonic() + timeout
            while True:
                if generation != self._poll_generation:
                    raise ApiError(409, CONFLICT)
                batch = self._deliverable()[: max(1, min(limit, 100))]
                remaining = deadline - time.monotonic()
                if batch or self._closed:
                    return copy.deepcopy(batch)
                if remaining <= 0:
                    self._idle_polls += 1
                    self.lock.notify_all()
                    return []
                self._waiting_polls += 1
                self.lock.notify_all()
                try:
                    self.lock.wait(min(remaining, CLIENT_CHECK_INTERVAL))
                finally:
                    self._waiting_polls -= 1
                if client_gone():
                    self.lock.notify_all()  # wait_until_polled must not count a dead client
                    return []

    def drop_pending_updates(self) -> None:
        """Forget every unconfirmed update (deleteWebhook with drop_pending_updates)."""
        with self.lock:
            self._updates.clear()
            self.lock.notify_all()

    def polling_snapshot(self) -> tuple[int, int, int]:
        """Return (waiting getUpdates calls, idle getUpdates answers, unconfirmed updates)."""
        with self.lock:
            return self._waiting_polls, self._idle_polls, len(self._updates)

    def _confirm(self, offset: int) -> None:
        """Drop updates confirmed by offset; a negative offset keeps only the last -offset."""
        if offset < 0:
            self._updates = self._updates[offset:]
        elif offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]

    def _deliverable(self) -> list[JSON]:
        """Pending updates of allowed types; others are dropped, as the server never sends them."""
        if self._allowed_updates:
            self._updates = [u for u in self._updates if _update_kind(u) in self._allowed_updates]
        return self._updates

    # ----- bot commands ------------------------------------------------------------------

    def set_commands(self, scope: JSON | None, language_code: str, commands: list[JSON]) -> None:
        """Store the command list for a scope and language."""
        with self.lock:
            self._commands[(scope_key(scope), language_code)] = copy.deepcopy(commands)
            self.lock.notify_all()

    def get_commands(self, scope: JSON | None, language_code: str) -> list[JSON]:
        """Return the command list for a scope and language (empty if none was set)."""
        with self.lock:
            return copy.deepcopy(self._commands.get((scope_key(scope), language_code), []))

    def delete_commands(self, scope: JSON | None, language_code: str) -> None:
        """Forget the command list for a scope and language."""
        with self.lock:
            self._commands.pop((scope_key(scope), language_code), None)
            self.lock.notify_all()

    def all_commands(self) -> dict[tuple[str, str], list[JSON]]:
        """Every stored command list keyed by (scope as sorted JSON, language_code)."""
        with self.lock:
            return copy.deepcopy(self._commands)


def scope_key(scope: JSON | None) -> str:
    """Return a stable key for a BotCommandScope object; no scope means the default scope."""
    return json.dumps(scope or {"type": "default"}, sort_keys=True)


def _update_kind(update: JSON) -> str:
    """Return an update's type, e.g. "message" or "callback_query"."""
    return next(key for key in update if key != "update_id")
