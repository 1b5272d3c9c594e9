"""The Telegram channel: python-telegram-bot updates in, neutral replies out as Bot API calls."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from functools import partial
from typing import Any, TypeVar

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    CallbackQuery,
    InputFile,
    Message,
    Update,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.core import Core
from bot.core_runner import CoreRunner
from bot.outbox.limits import SenderLimits
from bot.outbox.pace import ChannelPace
from bot.serve import Channel
from bot.serve import serve as serve_channels
from bot.settings import Settings
from bot.telegram.calls import raw_call, send_text
from bot.telegram.keys import CHANNEL, CORE_KEY, PACE_KEY, RUNNER_KEY, SETTINGS_KEY
from bot.telegram.outbox import TelegramTransport
from bot.telegram.polling import poll_until_stopped, retry_after_seconds
from bot.telegram.rendering import keyboard, split_text
from bot.telegram.request import AiohttpRequest
from bot.web.webhooks import TELEGRAM_SECRET_HEADER, Webhook, telegram_event
from handlers import texts
from handlers.engine.file_names import clean_file_name
from handlers.engine.menu import entries_for
from handlers.engine.messages import Attachment, Command, Incoming, Reply
from storage.models import Role

# Replies to different users go out side by side; Telegram's own limits (about 30 messages a
# second) keep no more than a few connections busy.
CONNECTION_POOL_SIZE = 16
WEBHOOK_PATH = "/telegram/webhook"

T = TypeVar("T")
log = logging.getLogger(__name__)


def build_application(
    settings: Settings,
    core: Core,
    *,
    request: BaseRequest | None = None,
    pace: ChannelPace | None = None,
    runner: CoreRunner | None = None,
) -> Application:  # type: ignore[type-arg]
    """A PTB Application wired to the core, pointed at the configured Bot API server.

    `request` replaces the HTTP client (tests pass a recording one); `pace` the channel's
    sending pace (tests pass one on their clock); `runner` the CoreRunner the channels of
    the process share (one of its own otherwise).
    """
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_file_base_url)
    )
    builder = builder.request(request or AiohttpRequest(connection_pool_size=CONNECTION_POOL_SIZE))
    builder = builder.get_updates_request(request or AiohttpRequest(connection_pool_size=1))
    application = builder.build()
    application.bot_data[CORE_KEY] = core
    application.bot_data[RUNNER_KEY] = runner or CoreRunner.for_core(core)
    application.bot_data[SETTINGS_KEY] = settings
    application.bot_data[PACE_KEY] = pace or ChannelPace.for_limits(
        SenderLimits.from_settings(settings)
    )
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE, on_message))
    application.add_error_handler(on_error)
    return application


async def _register_commands(application: Application) -> None:  # type: ignore[type-arg]
    commands = [BotCommand(e.name, e.description) for e in entries_for(Role.OFFICER)]
    await application.bot.set_my_commands(commands)


def _core(context: ContextTypes.DEFAULT_TYPE) -> Core:
    core: Core = context.application.bot_data[CORE_KEY]
    return core


async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    core = _core(context)
    attachment = await _attachment(message, core.config.max_file_bytes)
    incoming = Incoming(
        channel=CHANNEL,
        user_id=str(user.id),
        chat_id=str(message.chat_id),
        text=message.text or message.caption or "",
        attachment=attachment,
        display_name=user.full_name,
        unsupported=not (message.text or message.caption or attachment),
        sequence=update.update_id,
    )
    await _answer(context, incoming)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None or query.message is None:
        return
    incoming = Incoming(
        channel=CHANNEL,
        user_id=str(query.from_user.id),
        chat_id=str(query.message.chat.id),
        button=query.data or "",
        display_name=query.from_user.full_name,
        sequence=update.update_id,
    )
    # The tap is acknowledged (the button stops spinning) while the core works on it.
    await asyncio.gather(_acknowledge(query), _answer(context, incoming))


async def _acknowledge(query: CallbackQuery) -> None:
    """Stop the button's spinner; a press too old to acknowledge is still handled."""
    try:
        await raw_call(query.get_bot(), "answerCallbackQuery", callback_query_id=query.id)
    except TelegramError as error:
        log.warning("could not acknowledge a button press: %s", error)


async def _answer(context: ContextTypes.DEFAULT_TYPE, incoming: Incoming) -> None:
    runner: CoreRunner = context.application.bot_data[RUNNER_KEY]
    replies = await runner.answer(incoming)
    for reply in replies:
        await _send_or_skip(context, int(incoming.chat_id), reply)


async def _send_or_skip(context: ContextTypes.DEFAULT_TYPE, chat_id: int, reply: Reply) -> None:
    """Send one reply; one that cannot be sent never holds back those after it (e.g. a file
    the platform refuses must not keep a head's buttons from arriving)."""
    try:
        await send_reply(context, chat_id, reply)
    except TelegramError as error:
        log.warning("a reply could not be sent (%s); sending the next ones", error)
        if reply.file is None:
            return
        note = texts.FILE_NOT_SENT.format(name=clean_file_name(reply.file.name))
        with contextlib.suppress(TelegramError):
            await send_text(context.bot, chat_id, note)


async def _attachment(message: Message, limit: int) -> Attachment | None:
    """The file in a message, fetched when the platform lets a bot download it."""
    if message.photo:
        photo = max(message.photo, key=lambda size: size.width * size.height)
        name, size, file_id, is_photo = (
            f"anh-{photo.file_unique_id}.jpg",
            photo.file_size,
            photo.file_id,
            True,
        )
    else:
        media = (
            message.document
            or message.video
            or message.audio
            or message.voice
            or message.animation
            or message.video_note
        )
        if media is None:
            return None
        name = getattr(media, "file_name", None) or f"tep-{media.file_unique_id}"
        size, file_id, is_photo = media.file_size, media.file_id, False
    declared = size or 0
    if declared > limit:
        return Attachment(name=name, size=declared, content=None, is_photo=is_photo)
    try:
        remote = await message.get_bot().get_file(file_id)
        content = bytes(await remote.download_as_bytearray())
    except BadRequest:
        # The Bot API refuses files over its download limit even when the size was unknown.
        return Attachment(name=name, size=max(declared, limit + 1), content=None, is_photo=is_photo)
    except TelegramError as error:
        # Any other failure: the core is told the file could not be fetched, and says so.
        log.warning("could not download %s: %s", name, error)
        return Attachment(name=name, size=declared, content=None, is_photo=is_photo)
    return Attachment(name=name, size=len(content), content=content, is_photo=is_photo)


async def send_reply(context: ContextTypes.DEFAULT_TYPE, chat_id: int, reply: Reply) -> None:
    """Send one reply, each call paced ahead of the outbox and retried while it may pass."""
    bot = context.bot
    pace: ChannelPace = context.application.bot_data[PACE_KEY]

    async def call(make: Callable[[], Awaitable[T]]) -> T:
        return await pace.reply(str(chat_id), make, passing_failure)

    pieces = split_text(reply.text)
    for index, piece in enumerate(pieces):
        markup = keyboard(reply) if index == len(pieces) - 1 else None
        await call(partial(send_text, bot, chat_id, piece, markup))
    if reply.file is not None:
        # A fresh InputFile each try: a failed upload may have read the one before.
        name, content = reply.file.name, reply.file.content
        if reply.file.is_photo:
            await call(lambda: bot.send_photo(chat_id, InputFile(content, filename=name)))
        else:
            await call(lambda: bot.send_document(chat_id, InputFile(content, filename=name)))
    if reply.menu is not None:
        await _set_chat_menu(bot, chat_id, reply.menu)


def passing_failure(error: Exception) -> float | None:
    """How the pace should take a failed Bot API call (see bot/outbox/pace.py Verdict)."""
    if isinstance(error, RetryAfter):
        return retry_after_seconds(error)
    if isinstance(error, BadRequest | Forbidden):
        return None  # about this message or chat: sent again, it would fail again
    if isinstance(error, NetworkError):
        return 0.0  # Telegram's 5xx, a timeout, the network
    return None


async def _set_chat_menu(bot: Bot, chat_id: int, menu: tuple[Command, ...]) -> None:
    """This chat's "/" menu: its officer's commands; a failure leaves the old menu, logged."""
    commands = [BotCommand(command.name, command.description) for command in menu]
    try:
        await bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id))
    except TelegramError as error:
        log.warning("could not set the command menu of a chat: %s", error)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log a failure of the platform (a send that failed); the core's own errors never get here."""
    if isinstance(context.error, TelegramError):
        log.warning("Telegram API error: %s", context.error)
        return
    log.error("unexpected error in the Telegram channel", exc_info=context.error)


def telegram_channel(application: Application) -> Channel:  # type: ignore[type-arg]
    """The Telegram channel for bot/serve.py: long polling, or updates from the web door."""
    settings: Settings = application.bot_data[SETTINGS_KEY]
    webhook_mode = settings.telegram_update_mode == "webhook"

    async def start() -> None:
        await application.initialize()
        if webhook_mode:
            url = f"{settings.public_base_url}{WEBHOOK_PATH}"
            await application.bot.set_webhook(
                url,
                secret_token=settings.telegram_webhook_secret,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            await application.bot.delete_webhook()
        await _register_commands(application)
        core: Core = application.bot_data[CORE_KEY]
        if not core.config.bot_username:
            # The core needs the name for invite links (/moi); the bot learnt it from getMe.
            core.config = replace(core.config, bot_username=application.bot.username)
        how = "by webhook" if webhook_mode else "by polling"
        log.info("serving Telegram as @%s %s", application.bot.username, how)

    async def handle(payload: dict[str, Any]) -> None:
        update = Update.de_json(payload, application.bot)
        await application.process_update(update)

    async def close() -> None:
        await application.shutdown()

    async def poll(stop: asyncio.Event) -> None:
        await poll_until_stopped(application, stop)

    return Channel(
        name=CHANNEL,
        transport=TelegramTransport(application.bot),
        pace=application.bot_data[PACE_KEY],
        inbox_handler=handle,
        webhook=Webhook(
            channel=CHANNEL,
            path=WEBHOOK_PATH,
            header=TELEGRAM_SECRET_HEADER,
            secret=settings.telegram_webhook_secret,
            locate=telegram_event,
        )
        if webhook_mode
        else None,
        poll=None if webhook_mode else poll,
        start=start,
        close=close,
    )


async def serve(application: Application, stop: asyncio.Event) -> None:  # type: ignore[type-arg]
    """Serve this application's bot alone until `stop` is set (tests drive it this way)."""
    settings: Settings = application.bot_data[SETTINGS_KEY]
    await serve_channels(
        settings,
        application.bot_data[CORE_KEY],
        [telegram_channel(application)],
        stop,
        application.bot_data[RUNNER_KEY],
    )
