"""The replies to a conversation's last event, kept as JSON to be sent again on redelivery.

A file's bytes go to the file store (content-addressed, written once) and the JSON names them,
so that the conversation row stays small.
"""

from __future__ import annotations

from typing import Any

from handlers.engine.messages import Command, OutgoingFile, Reply
from handlers.engine.notify import buttons_from_json, buttons_to_json, menu_from_json
from storage.files import FileStore


def keep(event: str, replies: list[Reply], files: FileStore) -> dict[str, Any]:
    """The replies to `event` as the conversation stores them."""
    return {"event": event, "replies": [_reply_to_json(reply, files) for reply in replies]}


def kept_for(event: str, kept: dict[str, Any], files: FileStore) -> list[Reply] | None:
    """The replies kept for `event`; None when those kept are another event's."""
    if kept.get("event") != event:
        return None
    return [_reply_from_json(data, files) for data in kept.get("replies", [])]


def _reply_to_json(reply: Reply, files: FileStore) -> dict[str, Any]:
    data: dict[str, Any] = {"text": reply.text, "free_text": reply.free_text}
    if reply.buttons:
        data["buttons"] = buttons_to_json(reply.buttons)
    if reply.file is not None:
        sha256 = files.put(reply.file.content)
        data["file"] = {"name": reply.file.name, "sha256": sha256, "photo": reply.file.is_photo}
    if reply.menu is not None:
        data["menu"] = [{"name": c.name, "description": c.description} for c in reply.menu]
    return data


def _reply_from_json(data: dict[str, Any], files: FileStore) -> Reply:
    file = None
    if (stored := data.get("file")) is not None:
        content = files.read(stored["sha256"])
        file = OutgoingFile(name=stored["name"], content=content, is_photo=stored["photo"])
    menu: tuple[Command, ...] | None = None
    if "menu" in data:
        menu = menu_from_json(data)
    return Reply(
        data["text"],
        buttons=buttons_from_json(data.get("buttons", {})),
        file=file,
        free_text=data.get("free_text", False),
        menu=menu,
    )
