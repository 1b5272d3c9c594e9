"""What Zalo sends (a webhook body or a getUpdates result), read into one plain event.

Both forms of /work/shared/ZALO.md §2 are read: the body wrapped in `{ok, result}` (the
documentation's sample) or bare (real captures); the image URL in `photo_url` (real payloads)
or `photo` (the documentation); a caption missing or null.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TEXT = "message.text.received"
IMAGE = "message.image.received"
PRIVATE = "PRIVATE"


@dataclass(frozen=True)
class ZaloEvent:
    """One message event: who, where, which message, and what it holds."""

    name: str
    message_id: str
    sender_id: str
    chat_id: str
    display_name: str
    sender_is_bot: bool
    text: str
    image_url: str | None
    # PRIVATE, or a group chat (beta on Zalo, where the bot sees only mentions).
    chat_type: str


def unwrap(payload: dict[str, Any]) -> dict[str, Any]:
    """The event itself, whether it came wrapped in the envelope or bare."""
    result = payload.get("result")
    if "event_name" not in payload and isinstance(result, dict):
        return result
    return payload


def read_event(payload: dict[str, Any]) -> ZaloEvent | None:
    """The event in a payload; None for an empty probe or anything without a message."""
    event = unwrap(payload)
    message = event.get("message")
    name = event.get("event_name")
    if not isinstance(message, dict) or not isinstance(name, str):
        return None
    sender = _dict(message.get("from"))
    chat = _dict(message.get("chat"))
    sender_id = _text(sender.get("id"))
    chat_id = _text(chat.get("id")) or sender_id
    if not chat_id:
        return None
    image = _text(message.get("photo_url")) or _text(message.get("photo")) or None
    words = message.get("text") if name == TEXT else message.get("caption")
    return ZaloEvent(
        name=name,
        message_id=_text(message.get("message_id")),
        sender_id=sender_id or chat_id,
        chat_id=chat_id,
        display_name=_text(sender.get("display_name")),
        sender_is_bot=sender.get("is_bot") is True,
        text=_text(words),
        image_url=image if name == IMAGE else None,
        chat_type=_text(chat.get("chat_type")) or PRIVATE,
    )


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    """A field as text: ids may come as strings or numbers, a caption as null."""
    if value is None or isinstance(value, bool):
        return ""
    return str(value)
