"""A fake Telegram Bot API server for tests: play users, inspect the bot, inject failures."""

from __future__ import annotations

import mimetypes
import threading
from collections import Counter
from types import TracebackType
from typing import Self

from .telegram_server import TelegramHTTPServer
from .telegram_state import TelegramState
from .telegram_text import command_entities
from .telegram_wire import JSON


class FakeTelegramAPI:
    """Serves the Bot API on 127.0.0.1 from recorded state that tests drive and inspect."""

    def __init__(self, token: str = "123456:TEST", bot_username: str = "thidua_test_bot") -> None:
        self.token = token
        self.bot_username = bot_username
        self.state = TelegramState(token, bot_username)
        self._server: TelegramHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ----- lifecycle ------------------------------------------------------------------------

    def start(self) -> Self:
        """Start serving on an ephemeral port in a daemon thread."""
        if self._server is not None or self._thread is not None:
            raise RuntimeError("FakeTelegramAPI was already started; use a new instance")
        self._server = TelegramHTTPServer(self.state)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"fake-telegram-api:{self._server.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release long polls, close connections and stop the server."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self.state.close()
        server.shutdown()
        server.close_connections()
        server.server_close()
        thread.join(timeout=5)
        self._server = None

    def __enter__(self) -> Self:
        """Start the server."""
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop the server."""
        self.stop()

    @property
    def port(self) -> int:
        """The port the server listens on."""
        if self._server is None:
            raise RuntimeError("FakeTelegramAPI is not running; call start() first")
        return self._server.port

    @property
    def base_url(self) -> str:
        """Bot API base URL for python-telegram-bot, which appends the token."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_base_url(self) -> str:
        """File download base URL for python-telegram-bot, which appends the token."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    @property
    def bot_user(self) -> JSON:
        """The bot's User object, as getMe returns it."""
        return dict(self.state.bot_user)

    # ----- what the bot did -----------------------------------------------------------------

    @property
    def calls(self) -> list[tuple[str, JSON]]:
        """Every Bot API call as (method, decoded params), oldest first."""
        return self.state.calls()

    @property
    def rate_log(self) -> list[tuple[float, str, int | str | None]]:
        """(time.monotonic(), method, chat_id) of every send attempt, failed ones included."""
        return self.state.rate_log()

    @property
    def downloads(self) -> list[str]:
        """file_path of every file the bot downloaded."""
        return self.state.files.downloads

    @property
    def commands(self) -> list[JSON]:
        """Commands registered for the default scope and all languages."""
        return self.state.get_commands(None, "")

    def commands_for(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        """Commands registered for a BotCommandScope and language."""
        return self.state.get_commands(scope, language_code)

    def sent(self, chat_id: int) -> list[JSON]:
        """Messages the bot sent to a chat, oldest first, with edits applied."""
        return self.state.messages.records(chat_id)

    # ----- playing users --------------------------------------------------------------------

    def push_text(
        self,
        user_id: int,
        text: str,
        first_name: str | None = None,
        *,
        last_name: str | None = None,
        username: str | None = None,
    ) -> int:
        """Queue a text message from a user in their private chat; return its update_id."""
        user = self.state.messages.user(user_id, first_name, last_name=last_name, username=username)
        content: JSON = {"text": text}
        if entities := command_entities(text):
            content["entities"] = entities
        return self._push_message(user, content)

    def push_document(
        self,
        user_id: int,
        filename: str,
        data: bytes,
        mime_type: str | None = None,
        *,
        caption: str | None = None,
        declared_size: int | None = None,
        first_name: str | None = None,
    ) -> int:
        """Queue a document from a user; declared_size fakes a file_size without the bytes."""
        mime_type = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        stored = self.state.files.register(
            data, "documents", file_name=filename, mime_type=mime_type, declared_size=declared_size
        )
        content: JSON = {"document": stored.as_document()}
        if caption:
            content["caption"] = caption
        return self._push_message(self.state.messages.user(user_id, first_name), content)

    def push_photo(
        self,
        user_id: int,
        data: bytes,
        *,
        caption: str | None = None,
        width: int = 1280,
        height: int = 960,
        first_name: str | None = None,
    ) -> int:
        """Queue a photo from a user as PhotoSizes of increasing size; the largest is data."""
        content: JSON = {"photo": self.state.files.register_photo(data, width, height)}
        if caption:
            content["caption"] = caption
        return self._push_message(self.state.messages.user(user_id, first_name), content)

    def push_callback(
        self, user_id: int, data: str, message_id: int, *, first_name: str | None = None
    ) -> int:
        """Queue a callback query from a user pressing a button under a bot message."""
        message = self.state.messages.bot_message(user_id, message_id)
        if message is None:
            raise ValueError(f"the bot has no message {message_id} in chat {user_id}")
        user = self.state.messages.user(user_id, first_name)
        query = self.state.messages.new_callback_query(user, message, data)
        return self.state.push_update("callback_query", query)

    def click(self, user_id: int, button_text: str, *, first_name: str | None = None) -> int:
        """Press the inline button with this text on the newest bot message that has it."""
        seen: list[str] = []
        for record in reversed(self.sent(user_id)):
            if record["deleted"]:
                continue
            rows = (record["reply_markup"] or {}).get("inline_keyboard", [])
            for button in (button for row in rows for button in row):
                seen.append(button.get("text", ""))
                if button.get("text") == button_text and "callback_data" in button:
                    return self.push_callback(
                        user_id,
                        button["callback_data"],
                        record["message_id"],
                        first_name=first_name,
                    )
        raise AssertionError(f"no inline button {button_text!r} in chat {user_id}; saw {seen!r}")

    def _push_message(self, user: JSON, content: JSON) -> int:
        """Store a user's message and queue it as a "message" update."""
        message = self.state.messages.add_user_message(user, content)
        return self.state.push_update("message", message)

    # ----- failure injection ----------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        chat_id: int | None = None,
        status: int = 429,
        retry_after: int = 1,
        *,
        description: str | None = None,
        times: int = 1,
    ) -> None:
        """Make the next `times` calls of method to chat_id (None: any chat) fail with status."""
        for _ in range(times):
            self.state.queue_failure(method, chat_id, status, retry_after, description)

    def outage(self, seconds: float) -> None:
        """Answer every Bot API call with 502 Bad Gateway for the next `seconds`."""
        self.state.start_outage(seconds)

    def enforce_rate(self, per_second: int | None = 30) -> None:
        """Refuse sends beyond `per_second` in any second with 429, as Telegram does."""
        self.state.enforce_rate(per_second)

    # ----- waiting --------------------------------------------------------------------------

    def wait_for_messages(self, chat_id: int, count: int, timeout: float = 10.0) -> list[JSON]:
        """Wait until the bot has sent at least count messages to a chat; return them all."""
        messages = self.state.messages
        if not self.state.wait_for(lambda: messages.sent_count(chat_id) >= count, timeout):
            texts = [record["text"] for record in self.sent(chat_id)]
            raise AssertionError(
                f"expected {count} message(s) to chat {chat_id} within {timeout}s, "
                f"got {len(texts)}: {texts!r}"
            )
        return self.sent(chat_id)

    def wait_for_call(self, method: str, timeout: float = 10.0, count: int = 1) -> JSON:
        """Wait for the count-th call of a Bot API method; return its params."""

        def matching() -> list[JSON]:
            return [params for name, params in self.state.calls() if name.lower() == method.lower()]

        if not self.state.wait_for(lambda: len(matching()) >= count, timeout):
            seen = Counter(name for name, _ in self.state.calls())
            raise AssertionError(
                f"expected {count} {method} call(s) within {timeout}s; calls so far: {dict(seen)}"
            )
        return matching()[count - 1]

    def wait_until_polled(self, timeout: float = 10.0) -> None:
        """Wait until every pushed update was fetched and a getUpdates call is waiting."""
        _, idle_before, _ = self.state.polling_snapshot()

        def polled() -> bool:
            waiting, idle, pending = self.state.polling_snapshot()
            return pending == 0 and (waiting > 0 or idle > idle_before)

        if not self.state.wait_for(polled, timeout):
            waiting, _, pending = self.state.polling_snapshot()
            polls = sum(1 for name, _ in self.state.calls() if name == "getUpdates")
            raise AssertionError(
                f"no idle getUpdates within {timeout}s: {polls} getUpdates call(s), "
                f"{waiting} waiting, {pending} unconfirmed update(s)"
            )
