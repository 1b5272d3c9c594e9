"""HTTP wire format of the fake Telegram Bot API: request parameters and error replies."""

from __future__ import annotations

import email.parser
import email.policy
import io
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

JSON = dict[str, Any]

# Parameters the Bot API documents as Integer, Boolean or a JSON-serialized object. Clients
# sending form data encode them as strings; the fake decodes them so recorded calls are typed.
INT_FIELDS = frozenset(
    {"chat_id", "message_id", "offset", "limit", "timeout", "cache_time", "message_thread_id"}
)
BOOL_FIELDS = frozenset(
    {
        "drop_pending_updates",
        "show_alert",
        "disable_notification",
        "protect_content",
        "allow_paid_broadcast",
        "disable_content_type_detection",
        "has_spoiler",
        "show_caption_above_media",
    }
)
JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "commands",
        "scope",
        "allowed_updates",
        "entities",
        "caption_entities",
        "link_preview_options",
        "reply_parameters",
    }
)


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart/form-data request."""

    filename: str
    content_type: str
    data: bytes


class ApiError(Exception):
    """An unsuccessful Bot API answer: HTTP status, description and optional retry_after."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> JSON:
        """Return the JSON body the real Bot API sends for this error."""
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def read_body(
    stream: io.BufferedIOBase, content_length: str | None, transfer_encoding: str | None
) -> bytes:
    """Read a request body sized by Content-Length or sent with chunked transfer encoding."""
    if transfer_encoding and transfer_encoding.lower() == "chunked":
        chunks: list[bytes] = []
        while True:
            size = int(stream.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while stream.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailer headers
                return b"".join(chunks)
            chunks.append(stream.read(size))
            stream.readline()
    return stream.read(int(content_length)) if content_length else b""


def parse_params(content_type: str, body: bytes, query: str) -> dict[str, Any]:
    """Merge query-string and body parameters (JSON, urlencoded or multipart)."""
    params: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    media_type = content_type.split(";")[0].strip().lower()
    if not body:
        return params
    if media_type == "application/json":
        try:
            decoded = json.loads(body)
        except ValueError as exc:
            raise ApiError(400, "Bad Request: can't parse JSON request body") from exc
        if not isinstance(decoded, dict):
            raise ApiError(400, "Bad Request: JSON request body must be an object")
        params.update(decoded)
    elif media_type == "multipart/form-data":
        params.update(_parse_multipart(content_type, body))
    else:
        params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    return params


def _parse_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    """Split a multipart/form-data body into text fields and UploadedFile parts."""
    envelope = f"Content-Type: {content_type}\r\n\r\n".encode() + body
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(envelope)
    if not message.is_multipart():
        raise ApiError(400, "Bad Request: can't parse multipart/form-data body")
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if filename is None:
            fields[name] = data.decode(part.get_content_charset() or "utf-8")
        else:
            fields[name] = UploadedFile(_unescape_html5(filename), part.get_content_type(), data)
    return fields


def _unescape_html5(value: str) -> str:
    """Undo the percent-escaping HTML5 form encoders apply to quotes and newlines in names."""
    return value.replace("%22", '"').replace("%0D", "\r").replace("%0A", "\n")


def normalize(params: dict[str, Any]) -> dict[str, Any]:
    """Decode Integer, Boolean and JSON-serialized parameters sent as strings."""
    typed: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, str) and key in INT_FIELDS:
            value = _to_int(key, value)
        elif isinstance(value, str) and key in BOOL_FIELDS:
            value = value.strip().lower() in ("true", "1")
        elif isinstance(value, str) and key in JSON_FIELDS:
            try:
                value = json.loads(value)
            except ValueError as exc:
                raise ApiError(400, f"Bad Request: can't parse {key} JSON object") from exc
        typed[key] = value
    return typed


def _to_int(key: str, value: str) -> int | str:
    """Parse an Integer parameter; chat_id may also be an @username."""
    try:
        return int(value)
    except ValueError:
        if key == "chat_id":
            return value
        raise ApiError(400, f"Bad Request: invalid {key} specified") from None
