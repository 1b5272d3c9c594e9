"""The outbox's Telegram transport: a row as Bot API calls, Telegram's refusals in neutral terms."""

from __future__ import annotations

from functools import partial

from telegram import Bot, BotCommand, BotCommandScopeChat, InputFile
from telegram.error import BadRequest, Forbidden, RetryAfter

from bot.outbox.transport import Paced, RateLimited, Rejected, Unreachable
from bot.telegram.calls import send_text
from bot.telegram.keys import CHANNEL
from bot.telegram.polling import retry_after_seconds
from bot.telegram.rendering import MAX_CAPTION, keyboard, split_text, utf16_units
from handlers.engine.messages import Reply
from handlers.engine.notify import MENU_KIND, buttons_from_json, menu_from_json
from storage.models import Outbox


class TelegramTransport:
    """Sends a row as one message (or pieces of a long one), or a document with the text as its
    caption when it fits one (a longer text goes as messages before the file)."""

    channel = CHANNEL
    # Rows of MENU_KIND set a chat's "/" menu (setMyCommands for that chat).
    sets_menus = True

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, row: Outbox, file: bytes | None, paced: Paced) -> None:
        try:
            await self._send(row, file, paced)
        except RetryAfter as error:
            raise RateLimited(retry_after_seconds(error), str(error)) from error
        except Forbidden as error:
            raise Unreachable(str(error)) from error
        except BadRequest as error:
            # A 400 (or 413, a file too large) is about this message or chat and will not pass
            # if sent again as it is: "chat not found", "message is too long", bad markup.
            raise Rejected(str(error)) from error

    async def _send(self, row: Outbox, file: bytes | None, paced: Paced) -> None:
        chat_id, bot = int(row.chat_id), self.bot
        if row.kind == MENU_KIND:
            commands = [BotCommand(c.name, c.description) for c in menu_from_json(row.buttons)]
            scope = BotCommandScopeChat(chat_id)
            await paced(partial(bot.set_my_commands, commands, scope=scope))
            return
        markup = keyboard(Reply(row.text, buttons=buttons_from_json(row.buttons)))
        document: InputFile | None = None
        if file is not None:
            document = InputFile(file, filename=row.file_name or (row.file_sha256 or "")[:16])
        if document is not None and utf16_units(row.text) <= MAX_CAPTION:
            caption = row.text or None
            await paced(
                partial(bot.send_document, chat_id, document, caption=caption, reply_markup=markup)
            )
            return
        pieces = split_text(row.text)
        for index, piece in enumerate(pieces):
            last = index == len(pieces) - 1
            await paced(partial(send_text, bot, chat_id, piece, markup if last else None))
        if document is not None:
            await paced(partial(bot.send_document, chat_id, document))
