"""Bot API methods of the fake Telegram server, checked and answered as the real API does."""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .telegram_files import MAX_DOWNLOAD_SIZE
from .telegram_params import (
    PHOTO_SIZE,
    caption_fields,
    chat_id_param,
    formatted_text,
    input_file,
    language_param,
    message_ref,
    reply_markup_param,
    scope_param,
    single_photo_size,
)
from .telegram_state import TelegramState
from .telegram_wire import JSON, ApiError, UploadedFile, normalize

COMMAND_NAME_RE = re.compile(r"[a-z0-9_]{1,32}")
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


@dataclass(frozen=True)
class MethodCall:
    """One decoded Bot API request handed to a method implementation."""

    params: JSON
    client_gone: Callable[[], bool]


Method = Callable[[TelegramState, MethodCall], Any]
METHODS: dict[str, tuple[str, Method]] = {}


def api_method(name: str) -> Callable[[Method], Method]:
    """Register a method under its Bot API name; lookup is case-insensitive like the API."""

    def register(func: Method) -> Method:
        METHODS[name.lower()] = (name, func)
        return func

    return register


def dispatch(
    state: TelegramState, method: str, raw_params: JSON, client_gone: Callable[[], bool]
) -> tuple[int, JSON]:
    """Record and run one call; return the HTTP status and the JSON answer."""
    entry = METHODS.get(method.lower())
    if entry is None:
        return 404, ApiError(404, "Not Found: method not found").payload()
    name, func = entry
    try:
        params = normalize(raw_params)
    except ApiError as error:
        state.record_call(name, raw_params)
        return error.status, error.payload()
    state.record_call(name, params)
    try:
        state.raise_weather(name)
        state.raise_injected_failure(name, params.get("chat_id"))
        result = func(state, MethodCall(params, client_gone))
    except ApiError as error:
        return error.status, error.payload()
    return 200, {"ok": True, "result": result}


# ----- bot, updates and commands -----------------------------------------------------------


@api_method("getMe")
def get_me(state: TelegramState, call: MethodCall) -> JSON:
    """Return the bot's User object."""
    return {
        **state.bot_user,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@api_method("deleteWebhook")
def delete_webhook(state: TelegramState, call: MethodCall) -> bool:
    """No webhook is ever set; optionally drop pending updates."""
    if call.params.get("drop_pending_updates"):
        state.drop_pending_updates()
    return True


@api_method("setWebhook")
def set_webhook(state: TelegramState, call: MethodCall) -> bool:
    """Accepted and recorded (calls()); the tests post the updates to the bot themselves."""
    return True


@api_method("getUpdates")
def get_updates(state: TelegramState, call: MethodCall) -> list[JSON]:
    """Confirm updates below offset and long-poll for new ones."""
    params = call.params
    return state.poll_updates(
        offset=int(params.get("offset") or 0),
        limit=int(params.get("limit") or 100),
        timeout=float(params.get("timeout") or 0),
        allowed_updates=params.get("allowed_updates"),
        client_gone=call.client_gone,
    )


@api_method("setMyCommands")
def set_my_commands(state: TelegramState, call: MethodCall) -> bool:
    """Store the command list for a scope and language; a missing list clears it."""
    commands = call.params.get("commands") or []
    if not isinstance(commands, list) or len(commands) > 100:
        raise ApiError(400, "Bad Request: can't parse commands JSON object")
    for command in commands:
        if not isinstance(command, dict) or not COMMAND_NAME_RE.fullmatch(
            str(command.get("command", ""))
        ):
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        if not str(command.get("description", "")).strip():
            raise ApiError(400, "Bad Request: command description must be non-empty")
    state.set_commands(scope_param(call.params), language_param(call.params), commands)
    return True


@api_method("getMyCommands")
def get_my_commands(state: TelegramState, call: MethodCall) -> list[JSON]:
    """Return the command list stored for a scope and language."""
    return state.get_commands(scope_param(call.params), language_param(call.params))


@api_method("deleteMyCommands")
def delete_my_commands(state: TelegramState, call: MethodCall) -> bool:
    """Delete the command list stored for a scope and language."""
    state.delete_commands(scope_param(call.params), language_param(call.params))
    return True


# ----- sending and editing -----------------------------------------------------------------


@api_method("sendMessage")
def send_message(state: TelegramState, call: MethodCall) -> JSON:
    """Send a text message, parsing HTML and checking length as Telegram does."""
    chat_id, text = chat_id_param(call.params), str(call.params.get("text") or "")
    content = formatted_text(text, call.params.get("parse_mode"))
    return state.messages.add_bot_message(
        chat_id,
        "text",
        content,
        raw_text=text,
        reply_markup=reply_markup_param(call.params),
        parse_mode=call.params.get("parse_mode"),
    )


@api_method("sendDocument")
def send_document(state: TelegramState, call: MethodCall) -> JSON:
    """Send a general file uploaded as multipart data or given by file_id."""
    chat_id = chat_id_param(call.params)
    upload = input_file(state.files, call.params, "document")
    if isinstance(upload, UploadedFile):
        mime_type = upload.content_type
        if mime_type == "application/octet-stream":  # Telegram guesses from the file name
            mime_type = mimetypes.guess_type(upload.filename)[0] or mime_type
        stored = state.files.register(
            upload.data, "documents", file_name=upload.filename, mime_type=mime_type
        )
    else:
        stored = upload
    content, caption = caption_fields(call.params)
    return state.messages.add_bot_message(
        chat_id,
        "document",
        {"document": stored.as_document(), **content},
        raw_text=caption,
        reply_markup=reply_markup_param(call.params),
        parse_mode=call.params.get("parse_mode"),
        file=stored,
    )


@api_method("sendPhoto")
def send_photo(state: TelegramState, call: MethodCall) -> JSON:
    """Send a photo uploaded as multipart data or given by file_id."""
    chat_id = chat_id_param(call.params)
    upload = input_file(state.files, call.params, "photo")
    if isinstance(upload, UploadedFile):
        sizes = state.files.register_photo(upload.data, *PHOTO_SIZE)
    else:
        sizes = state.files.photo_group(upload.file_id) or [single_photo_size(upload)]
    largest = state.files.get(sizes[-1]["file_id"])
    content, caption = caption_fields(call.params)
    return state.messages.add_bot_message(
        chat_id,
        "photo",
        {"photo": sizes, **content},
        raw_text=caption,
        reply_markup=reply_markup_param(call.params),
        parse_mode=call.params.get("parse_mode"),
        file=largest,
    )


@api_method("editMessageText")
def edit_message_text(state: TelegramState, call: MethodCall) -> JSON:
    """Replace the text (and inline keyboard) of a bot message."""
    chat_id, message_id = message_ref(call.params)
    text = str(call.params.get("text") or "")
    changes = formatted_text(text, call.params.get("parse_mode"))
    return state.messages.edit_bot_message(
        chat_id,
        message_id,
        changes,
        reply_markup_param(call.params, inline_only=True),
        raw_text=text,
    )


@api_method("editMessageReplyMarkup")
def edit_message_reply_markup(state: TelegramState, call: MethodCall) -> JSON:
    """Replace or remove the inline keyboard of a bot message."""
    chat_id, message_id = message_ref(call.params)
    markup = reply_markup_param(call.params, inline_only=True)
    return state.messages.edit_bot_message(chat_id, message_id, {}, markup)


@api_method("deleteMessage")
def delete_message(state: TelegramState, call: MethodCall) -> bool:
    """Delete a message from a chat."""
    chat_id, message_id = message_ref(call.params)
    state.messages.delete_message(chat_id, message_id)
    return True


@api_method("sendChatAction")
def send_chat_action(state: TelegramState, call: MethodCall) -> bool:
    """Accept a chat action such as "typing"."""
    chat_id_param(call.params)
    if call.params.get("action") not in CHAT_ACTIONS:
        raise ApiError(400, "Bad Request: wrong parameter action in request")
    return True


@api_method("answerCallbackQuery")
def answer_callback_query(state: TelegramState, call: MethodCall) -> bool:
    """Answer a callback query once; unknown or already answered ids fail."""
    query_id = str(call.params.get("callback_query_id") or "")
    if not query_id:
        raise ApiError(400, "Bad Request: callback_query_id is empty")
    state.messages.answer_callback_query(query_id, dict(call.params))
    return True


# ----- files ---------------------------------------------------------------------------------


@api_method("getFile")
def get_file(state: TelegramState, call: MethodCall) -> JSON:
    """Return the File object of a known file up to 20 MB."""
    file_id = str(call.params.get("file_id") or "")
    if not file_id:
        raise ApiError(400, "Bad Request: file_id is empty")
    stored = state.files.get(file_id)
    if stored is None:
        raise ApiError(400, "Bad Request: invalid file_id")
    if stored.size > MAX_DOWNLOAD_SIZE:
        raise ApiError(400, "Bad Request: file is too big")
    return stored.as_file()
