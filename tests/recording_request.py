"""A python-telegram-bot request object that never touches the network.

The model is PTB's own test-suite (tests/auxil/networking.py, `OfflineRequest`): a subclass of
`telegram.request.BaseRequest` whose `do_request` answers in place of the Bot API. This one
records every call as (method, parameters, uploaded files) and answers with canned JSON, so a
test drives an `Application` with `process_update` and then asserts on what the bot sent.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from telegram.request import BaseRequest, RequestData

BOT_USER = {
    "id": 7000000001,
    "is_bot": True,
    "first_name": "Thi đua phường",
    "username": "thidua_phuong_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
# Methods the bot may call whose Bot API result is plain `true`.
TRUE_METHODS = frozenset(
    {
        "answerCallbackQuery",
        "setMyCommands",
        "deleteMyCommands",
        "editMessageReplyMarkup",
        "deleteWebhook",
        "deleteMessage",
        "sendChatAction",
    }
)
# Methods whose result is the Message the bot has just sent.
SEND_METHODS = frozenset({"sendMessage", "sendDocument", "sendPhoto"})
DOWNLOAD = "download"
MAX_MESSAGE_TEXT = 4096
# A file name with a control character in it cannot be sent (seen with a CR in the name).
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class Call:
    """One request the bot made: the Bot API method (or `download`) and what it carried."""

    method: str
    params: dict[str, Any]
    url: str = ""
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    result: Any = None

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    def buttons(self) -> list[dict[str, Any]]:
        """The inline keyboard's buttons, row after row, as the Bot API JSON carries them."""
        markup = self.params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        return [button for row in markup.get("inline_keyboard", []) for button in row]


@dataclass
class RemoteFile:
    path: str
    content: bytes | None  # None: getFile answers "file is too big", as the Bot API does
    download_status: int = 200  # another status makes the download itself fail


class RecordingRequest(BaseRequest):
    """Answers the Bot API from memory; `calls` lists what the bot asked, in order."""

    def __init__(self, *, file_base_url: str) -> None:
        # The full prefix of download URLs, token included (`Bot.base_file_url`).
        self.file_base_url = file_base_url.rstrip("/")
        self.calls: list[Call] = []
        self.files: dict[str, RemoteFile] = {}
        self.on_get_updates: Callable[[dict[str, Any]], list[dict[str, Any]]] | None = None
        self._next_message_id = 1000
        # Failures to answer, in order, to the next calls of a method: (method, status).
        self.failures: list[tuple[str, int]] = []
        # Telegram's flood limit, when set: at most `limit` sends in any second of `clock`.
        self.rate_limit: tuple[int, Callable[[], float]] | None = None
        self._send_times: list[float] = []
        # Sends refused with 429 by that limit.
        self.rate_limited = 0

    @property
    def read_timeout(self) -> float | None:
        return 1

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    def register_file(
        self, file_id: str, content: bytes | None, *, path: str = "", download_status: int = 200
    ) -> None:
        """Make getFile know the file and the download URL serve its bytes."""
        self.files[file_id] = RemoteFile(path or f"documents/{file_id}", content, download_status)

    def fail_next(self, method: str, status: int) -> None:
        """Answer the next call of `method` with this status (429 asks to wait 1 s)."""
        self.failures.append((method, status))

    def methods(self) -> list[str]:
        return [call.method for call in self.calls]

    def sent(self, method: str = "sendMessage") -> list[Call]:
        return [call for call in self.calls if call.method == method]

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        # Let other tasks run, as a real network round trip would.
        await asyncio.sleep(0)
        # PTB percent-encodes download URLs (the token's ":" becomes "%3A"), as Telegram accepts.
        plain_url = unquote(url)
        if plain_url.startswith(self.file_base_url + "/"):
            return self._download(plain_url[len(self.file_base_url) + 1 :], url)
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        files: dict[str, tuple[str, bytes]] = {}
        if request_data is not None and request_data.contains_files:
            for part, value in request_data.multipart_data.items():
                name, content = value[0], value[1]
                files[part] = (str(name), content if isinstance(content, bytes) else b"")
        call = Call(api_method, params, url, files)
        self.calls.append(call)
        status, body = self._refusal(api_method) or self._answer(api_method, params)
        if any(CONTROL.search(name) for name, _content in files.values()):
            status, body = _error(400, "Bad Request: failed to send the file")
        call.result = body.get("result")
        return status, json.dumps(body).encode()

    def _refusal(self, method: str) -> tuple[int, dict[str, Any]] | None:
        """An injected failure of this call, or the flood limit's 429; None to answer it."""
        for index, (failing, status) in enumerate(self.failures):
            if failing == method:
                del self.failures[index]
                return _error(status, "Injected failure", retry_after=1 if status == 429 else None)
        if self.rate_limit is None or method not in SEND_METHODS:
            return None
        limit, clock = self.rate_limit
        now = clock()
        # A send exactly a second ago is out of the window (allowing for float rounding).
        self._send_times = [t for t in self._send_times if t > now - 1.0 + 1e-9]
        if len(self._send_times) >= limit:
            self.rate_limited += 1
            return _error(429, "Too Many Requests: retry after 1", retry_after=1)
        self._send_times.append(now)
        return None

    def _download(self, path: str, url: str) -> tuple[int, bytes]:
        self.calls.append(Call(DOWNLOAD, {"path": path}, url=url))
        for remote in self.files.values():
            if remote.path == path and remote.content is not None:
                if remote.download_status != 200:
                    return remote.download_status, b"<html>Bad Gateway</html>"
                return 200, remote.content
        return 404, json.dumps(_error(404, "Not Found")[1]).encode()

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "getMe":
            return 200, {"ok": True, "result": BOT_USER}
        if method in TRUE_METHODS:
            return 200, {"ok": True, "result": True}
        if method == "sendMessage":
            # The Bot API refuses an empty text and one over 4096 characters.
            text = str(params.get("text", ""))
            if not text.strip():
                return _error(400, "Bad Request: message text is empty")
            if len(text) > MAX_MESSAGE_TEXT:
                return _error(400, "Bad Request: message is too long")
        if method in SEND_METHODS:
            return 200, {"ok": True, "result": self._message(method, params)}
        if method == "getFile":
            return self._get_file(str(params.get("file_id", "")))
        if method == "getUpdates":
            updates = self.on_get_updates(params) if self.on_get_updates else []
            return 200, {"ok": True, "result": updates}
        return _error(404, "Not Found")

    def _get_file(self, file_id: str) -> tuple[int, dict[str, Any]]:
        remote = self.files.get(file_id)
        if remote is None:
            return _error(400, "Bad Request: invalid file_id")
        if remote.content is None:
            return _error(400, "Bad Request: file is too big")
        result = {
            "file_id": file_id,
            "file_unique_id": f"u-{file_id}",
            "file_size": len(remote.content),
            "file_path": remote.path,
        }
        return 200, {"ok": True, "result": result}

    def _message(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        self._next_message_id += 1
        message: dict[str, Any] = {
            "message_id": self._next_message_id,
            "date": 1_791_511_200,
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "from": {k: BOT_USER[k] for k in ("id", "is_bot", "first_name", "username")},
        }
        if method == "sendMessage":
            message["text"] = params.get("text", "")
            if params.get("reply_markup"):
                message["reply_markup"] = params["reply_markup"]
        elif method == "sendDocument":
            message["document"] = {"file_id": "sent-doc", "file_unique_id": "sent-doc"}
        else:
            message["photo"] = [
                {"file_id": "sent-photo", "file_unique_id": "sent-photo", "width": 1, "height": 1}
            ]
        return message


def _error(
    status: int, description: str, *, retry_after: int | None = None
) -> tuple[int, dict[str, Any]]:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return status, body
