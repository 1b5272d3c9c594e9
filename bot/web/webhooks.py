"""The webhooks as a channel describes them: path, secret header, how to find an event's key.

The route that receives them is bot/web/server.py's: a channel names its webhook without
loading the web server, which a bot that only polls never starts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Where an event is kept: (the chat whose order it keeps, the platform's id of the event).
EventKey = tuple[str, str]
ZALO_SECRET_HEADER = "X-Bot-Api-Secret-Token"
TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass(frozen=True)
class Webhook:
    """One platform's webhook: its path, its secret header and how to find an event's key."""

    channel: str
    path: str
    header: str
    secret: str
    # The event itself (unwrapped) and its key, or None for a body with no event (a probe).
    locate: Callable[[Any], tuple[dict[str, Any], EventKey] | None]


def zalo_event(body: Any) -> tuple[dict[str, Any], EventKey] | None:
    """Zalo sends the event bare or wrapped in {"ok": true, "result": …}; it has no update id,
    so its message_id is the key, and the chat (private: the sender) keeps the order."""
    if isinstance(body, dict) and isinstance(body.get("result"), dict):
        body = body["result"]
    if not isinstance(body, dict) or not isinstance(body.get("message"), dict):
        return None
    message = body["message"]
    chat = message.get("chat") or {}
    sender = message.get("from") or {}
    chat_id = str(chat.get("id") or sender.get("id") or "")
    message_id = message.get("message_id")
    if not chat_id or not message_id:
        return None
    return body, (chat_id, str(message_id))


def telegram_event(body: Any) -> tuple[dict[str, Any], EventKey] | None:
    """A Telegram update: keyed by update_id; its sender's conversation keeps the order."""
    if not isinstance(body, dict) or not isinstance(body.get("update_id"), int):
        return None
    user = ""
    for value in body.values():
        if isinstance(value, dict) and isinstance(value.get("from"), dict):
            user = str(value["from"].get("id", ""))
            break
    return body, (user, str(body["update_id"]))
