"""The outbox's Telegram transport: a row as Bot API calls, Telegram's refusals in neutral terms."""

from __future__ import annotations

from functools import partial

from telegram import Bot, InputFile
from telegram.error import Forbidden, RetryAfter

from bot.outbox.transport import Paced, RateLimited, Unreachable
from bot.telegram.keys import CHANNEL
from bot.telegram.polling import retry_after_seconds
from bot.telegram.rendering import keyboard, split_text
from handlers.engine.messages import Reply
from handlers.engine.notify import buttons_from_json
from storage.models import Outbox

# Telegram's limit on a document's caption; a longer text goes as a message before the file.
MAX_CAPTION = 1024


class TelegramTransport:
    """Sends a row as one message, or a document with the text as its caption."""

    channel = CHANNEL

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, row: Outbox, file: bytes | None, paced: Paced) -> None:
        try:
            await self._send(row, file, paced)
        except RetryAfter as error:
            raise RateLimited(retry_after_seconds(error), str(error)) from error
        except Forbidden as error:
            raise Unreachable(str(error)) from error

    async def _send(self, row: Outbox, file: bytes | None, paced: Paced) -> None:
        chat_id, bot = int(row.chat_id), self.bot
        markup = keyboard(Reply(row.text, buttons=buttons_from_json(row.buttons)))
        document: InputFile | None = None
        if file is not None:
            document = InputFile(file, filename=row.file_name or (row.file_sha256 or "")[:16])
        if document is not None and len(row.text) <= MAX_CAPTION:
            caption = row.text or None
            await paced(
                partial(bot.send_document, chat_id, document, caption=caption, reply_markup=markup)
            )
            return
        pieces = split_text(row.text)
        for index, piece in enumerate(pieces):
            last = index == len(pieces) - 1
            await paced(
                partial(bot.send_message, chat_id, piece, reply_markup=markup if last else None)
            )
        if document is not None:
            await paced(partial(bot.send_document, chat_id, document))
