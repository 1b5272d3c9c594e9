"""Decoding and checking Bot API parameters the way the real server does."""

from __future__ import annotations

from .telegram_files import FileStore, StoredFile
from .telegram_text import MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH, format_text, utf16_len
from .telegram_wire import JSON, ApiError, UploadedFile

PHOTO_SIZE = (1280, 960)


def chat_id_param(params: JSON) -> int | str:
    """Return the required chat_id parameter: a chat's id or a channel's @username."""
    chat_id = params.get("chat_id")
    if isinstance(chat_id, int) or (isinstance(chat_id, str) and chat_id.startswith("@")):
        return chat_id
    if chat_id in (None, ""):
        raise ApiError(400, "Bad Request: chat_id is empty")
    raise ApiError(400, "Bad Request: chat not found")


def message_ref(params: JSON) -> tuple[int | str, int]:
    """Return the (chat_id, message_id) a call refers to; inline messages are unsupported."""
    if params.get("inline_message_id"):
        raise ApiError(400, "Bad Request: inline messages are not supported by the fake")
    message_id = params.get("message_id")
    if not isinstance(message_id, int):
        raise ApiError(400, "Bad Request: message identifier is not specified")
    return chat_id_param(params), message_id


def formatted_text(text: str, parse_mode: str | None, caption: bool = False) -> JSON:
    """Parse a text or caption into its Message fields, enforcing Telegram's limits."""
    plain, entities = format_text(text, parse_mode)
    if not caption and not plain.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    # Telegram counts UTF-16 code units, as entity offsets are counted: an emoji counts two.
    if utf16_len(plain) > (MAX_CAPTION_LENGTH if caption else MAX_TEXT_LENGTH):
        raise ApiError(400, f"Bad Request: message {'caption ' if caption else ''}is too long")
    if caption:
        fields = {"caption": plain, "caption_entities": entities}
    else:
        fields = {"text": plain, "entities": entities}
    return {key: value for key, value in fields.items() if value}


def caption_fields(params: JSON) -> tuple[JSON, str | None]:
    """Return the caption fields of a media message and the caption as sent."""
    caption = params.get("caption")
    if not caption:
        return {}, None
    return formatted_text(str(caption), params.get("parse_mode"), caption=True), caption


def reply_markup_param(params: JSON, inline_only: bool = False) -> JSON | None:
    """Return the reply_markup object after checking inline keyboards like Telegram does."""
    markup = params.get("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict) or (inline_only and "inline_keyboard" not in markup):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return markup
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ApiError(400, "Bad Request: can't parse inline keyboard button: Field must be array")
    for button in (button for row in rows for button in row):
        if not isinstance(button, dict) or not str(button.get("text", "")).strip():
            raise ApiError(400, "Bad Request: BUTTON_TEXT_INVALID")
        if len(button) < 2:
            raise ApiError(
                400,
                "Bad Request: can't parse inline keyboard button: "
                "Text buttons are unallowed in the inline keyboard",
            )
        data = button.get("callback_data")
        if data is not None and not 1 <= len(str(data).encode()) <= 64:
            raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup


def input_file(files: FileStore, params: JSON, field: str) -> UploadedFile | StoredFile:
    """Resolve an InputFile parameter: multipart upload, attach:// reference or file_id."""
    value = params.get(field)
    if isinstance(value, str) and value.startswith("attach://"):
        value = params.get(value.removeprefix("attach://"))
    if isinstance(value, UploadedFile):
        if not value.data:
            raise ApiError(400, "Bad Request: file must be non-empty")
        return value
    if not value:
        raise ApiError(400, f"Bad Request: there is no {field} in the request")
    stored = files.get(str(value))
    if stored is None:  # HTTP URLs are refused too: the fake has no network.
        raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
    return stored


def single_photo_size(stored: StoredFile) -> JSON:
    """Describe a file resent as a photo when its other sizes are unknown."""
    width, height = PHOTO_SIZE
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.size,
        "width": width,
        "height": height,
    }


def scope_param(params: JSON) -> JSON | None:
    """Return the BotCommandScope parameter."""
    scope = params.get("scope")
    if scope is not None and not isinstance(scope, dict):
        raise ApiError(400, "Bad Request: can't parse scope JSON object")
    return scope


def language_param(params: JSON) -> str:
    """Return the language_code parameter ("" for all languages)."""
    return str(params.get("language_code") or "")
