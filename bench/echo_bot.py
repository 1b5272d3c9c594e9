"""Bare python-telegram-bot echo bot: the baseline the benchmark compares thidua-bot against.

Reads TELEGRAM_BOT_TOKEN and, optionally, TELEGRAM_API_BASE_URL / TELEGRAM_FILE_BASE_URL
(e.g. a FakeTelegramAPI's base_url and file_base_url). Run: python bench/echo_bot.py
"""

from __future__ import annotations

import logging
import os

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with the text the user sent."""
    message = update.effective_message
    if message is not None and message.text is not None:
        await message.reply_text(message.text)


def main() -> None:
    """Build the echo Application from the environment and long-poll until SIGINT/SIGTERM."""
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    builder = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"])
    if base_url := os.environ.get("TELEGRAM_API_BASE_URL"):
        builder = builder.base_url(base_url)
    if base_file_url := os.environ.get("TELEGRAM_FILE_BASE_URL"):
        builder = builder.base_file_url(base_file_url)
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
