"""Users, private chats and messages of the fake Telegram Bot API."""

from __future__ import annotations

import copy
import itertools
import threading
import time
from dataclasses import dataclass

from .telegram_files import StoredFile
from .telegram_wire import JSON, ApiError

DEFAULT_FIRST_NAME = "Người dùng"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
STALE_QUERY = "Bad Request: query is too old and response timeout expired or query ID is invalid"
COMPARED_FIELDS = ("text", "entities", "caption", "caption_entities", "reply_markup")


@dataclass
class BotMessage:
    """A message the bot sent: the Message object plus what tests inspect."""

    chat_id: int | str
    message: JSON
    kind: str
    raw_text: str | None
    reply_markup: JSON | None
    parse_mode: str | None
    file: StoredFile | None = None
    edits: int = 0
    deleted: bool = False

    def record(self) -> JSON:
        """Return the test-facing summary of this message."""
        document = self.message.get("document", {})
        return {
            "message_id": self.message["message_id"],
            "kind": self.kind,
            "text": self.message.get("text", self.message.get("caption")),
            "caption": self.message.get("caption"),
            "raw_text": self.raw_text,
            "parse_mode": self.parse_mode,
            "reply_markup": copy.deepcopy(self.reply_markup),
            "filename": document.get("file_name"),
            "mime_type": document.get("mime_type"),
            "data": self.file.data if self.file else None,
            "file_id": self.file.file_id if self.file else None,
            "edits": self.edits,
            "deleted": self.deleted,
        }


class MessageStore:
    """Thread-safe store of users, user messages, bot messages and callback queries."""

    def __init__(self, lock: threading.Condition, bot_user: JSON) -> None:
        self._lock = lock
        self._bot_user = bot_user
        self._message_ids = itertools.count(1)
        self._query_ids = itertools.count(4_000_000_000_000_000_001)
        self._users: dict[int, JSON] = {}
        self._user_messages: dict[tuple[int | str, int], JSON] = {}
        self._bot_messages: dict[int | str, list[BotMessage]] = {}
        self._bot_index: dict[tuple[int | str, int], BotMessage] = {}
        self._callbacks: dict[str, JSON | None] = {}

    def user(self, user_id: int, first_name: str | None = None, **extra: str | None) -> JSON:
        """Return the simulated user with this id, creating or renaming them."""
        with self._lock:
            known = self._users.setdefault(
                user_id,
                {
                    "id": user_id,
                    "is_bot": False,
                    "first_name": DEFAULT_FIRST_NAME,
                    "language_code": "vi",
                },
            )
            if first_name is not None:
                known["first_name"] = first_name
            known.update({key: value for key, value in extra.items() if value is not None})
            return copy.deepcopy(known)

    def chat(self, chat_id: int | str) -> JSON:
        """Return the private Chat object of a chat (whose id is the user's id)."""
        with self._lock:
            user = self._users.get(chat_id) if isinstance(chat_id, int) else None
            chat: JSON = {"id": chat_id, "type": "private"}
            for key in ("first_name", "last_name", "username"):
                if user and key in user:
                    chat[key] = user[key]
            return chat

    def add_user_message(self, user: JSON, content: JSON) -> JSON:
        """Store a message a user sent in their private chat with the bot."""
        with self._lock:
            message = self._new_message(user["id"], user, content)
            self._user_messages[(user["id"], message["message_id"])] = message
            return copy.deepcopy(message)

    def add_bot_message(
        self,
        chat_id: int | str,
        kind: str,
        content: JSON,
        *,
        raw_text: str | None = None,
        reply_markup: JSON | None = None,
        parse_mode: str | None = None,
        file: StoredFile | None = None,
    ) -> JSON:
        """Store a message the bot sent and return it as a Message object."""
        with self._lock:
            message = self._new_message(chat_id, self._bot_user, content)
            _set_inline_markup(message, reply_markup)
            sent = BotMessage(chat_id, message, kind, raw_text, reply_markup, parse_mode, file)
            self._bot_messages.setdefault(chat_id, []).append(sent)
            self._bot_index[(chat_id, message["message_id"])] = sent
            self._lock.notify_all()
            return copy.deepcopy(message)

    def edit_bot_message(
        self,
        chat_id: int | str,
        message_id: int,
        changes: JSON,
        reply_markup: JSON | None,
        raw_text: str | None = None,
    ) -> JSON:
        """Apply an edit to a bot message, failing like the real API on no-op edits."""
        with self._lock:
            sent = self._editable(chat_id, message_id)
            if "text" in changes and "text" not in sent.message:
                raise ApiError(400, "Bad Request: there is no text in the message to edit")
            edited = {**copy.deepcopy(sent.message), **changes}
            if "text" in changes and "entities" not in changes:
                edited.pop("entities", None)
            _set_inline_markup(edited, reply_markup)
            if all(edited.get(key) == sent.message.get(key) for key in COMPARED_FIELDS):
                raise ApiError(400, NOT_MODIFIED)
            edited["edit_date"] = int(time.time())
            sent.message, sent.reply_markup = edited, reply_markup
            sent.raw_text = raw_text if "text" in changes else sent.raw_text
            sent.edits += 1
            self._lock.notify_all()
            return copy.deepcopy(edited)

    def delete_message(self, chat_id: int | str, message_id: int) -> None:
        """Delete a message in a chat, as deleteMessage does."""
        with self._lock:
            sent = self._bot_index.get((chat_id, message_id))
            if sent is not None and not sent.deleted:
                sent.deleted = True
            elif self._user_messages.pop((chat_id, message_id), None) is None:
                raise ApiError(400, "Bad Request: message to delete not found")
            self._lock.notify_all()

    def bot_message(self, chat_id: int | str, message_id: int) -> JSON | None:
        """Return the current Message object of a bot message, if it exists."""
        with self._lock:
            sent = self._bot_index.get((chat_id, message_id))
            return copy.deepcopy(sent.message) if sent and not sent.deleted else None

    def records(self, chat_id: int | str) -> list[JSON]:
        """Summaries of the messages the bot sent to a chat, oldest first."""
        with self._lock:
            return [sent.record() for sent in self._bot_messages.get(chat_id, [])]

    def sent_count(self, chat_id: int | str) -> int:
        """Number of messages the bot sent to a chat."""
        with self._lock:
            return len(self._bot_messages.get(chat_id, []))

    def new_callback_query(self, user: JSON, message: JSON, data: str) -> JSON:
        """Create a CallbackQuery from a user pressing a button under a bot message."""
        with self._lock:
            query_id = str(next(self._query_ids))
            self._callbacks[query_id] = None
            return {
                "id": query_id,
                "from": user,
                "message": message,
                "chat_instance": str(-7_000_000_000 - user["id"]),
                "data": data,
            }

    def answer_callback_query(self, query_id: str, answer: JSON) -> None:
        """Record the bot's answer to a callback query; each query is answered once."""
        with self._lock:
            if query_id not in self._callbacks or self._callbacks[query_id] is not None:
                raise ApiError(400, STALE_QUERY)
            self._callbacks[query_id] = answer
            self._lock.notify_all()

    def _new_message(self, chat_id: int | str, sender: JSON, content: JSON) -> JSON:
        """Build a Message object with the next message_id."""
        return {
            "message_id": next(self._message_ids),
            "from": copy.deepcopy(sender),
            "chat": self.chat(chat_id),
            "date": int(time.time()),
            **copy.deepcopy(content),
        }

    def _editable(self, chat_id: int | str, message_id: int) -> BotMessage:
        """Return the bot message to edit or raise the real API's error."""
        sent = self._bot_index.get((chat_id, message_id))
        if sent is not None and not sent.deleted:
            return sent
        if (chat_id, message_id) in self._user_messages:
            raise ApiError(400, "Bad Request: message can't be edited")
        raise ApiError(400, "Bad Request: message to edit not found")


def _set_inline_markup(message: JSON, reply_markup: JSON | None) -> None:
    """Attach reply_markup to a Message object; only inline keyboards are part of a Message."""
    message.pop("reply_markup", None)
    if reply_markup and "inline_keyboard" in reply_markup:
        message["reply_markup"] = copy.deepcopy(reply_markup)
