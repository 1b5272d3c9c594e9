"""The outbox's Telegram transport: a row as Bot API calls, Telegram's refusals in neutral terms."""

from __future__ import annotations

from functools import partial

from telegram import Bot, BotCommand, BotCommandScopeChat, InputFile
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.ext import Application

from bot.core import Core
from bot.outbox.limits import SenderLimits
from bot.outbox.sender import OutboxSender
from bot.outbox.transport import Paced, RateLimited, Rejected, Unreachable
from bot.settings import Settings
from bot.telegram.keys import CHANNEL, CORE_KEY, PACE_KEY, SETTINGS_KEY
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
            await paced(
                partial(bot.send_message, chat_id, piece, reply_markup=markup if last else None)
            )
        if document is not None:
            await paced(partial(bot.send_document, chat_id, document))


def outbox_sender(application: Application) -> OutboxSender:  # type: ignore[type-arg]
    """A sender using the application's bot, core, settings and the pace it shares with the
    replies (see build_application)."""
    core: Core = application.bot_data[CORE_KEY]
    settings: Settings = application.bot_data[SETTINGS_KEY]
    return OutboxSender(
        engine=core.engine,
        transport=TelegramTransport(application.bot),
        files=core.files,
        limits=SenderLimits.from_settings(settings),
        clock=core.clock,
        pace=application.bot_data[PACE_KEY],
    )
