"""A neutral reply in Telegram's terms: the inline keyboard, texts cut to the Bot API's length."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import plain_text
from handlers.engine.messages import Reply

# The Bot API's longest message text.
MAX_TEXT = 4096


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label, callback_data=b.payload) for b in row]
            for row in reply.buttons
        ]
    )


def split_text(text: str) -> list[str]:
    """Pieces of at most MAX_TEXT characters, cut at line ends where possible."""
    return plain_text.split_text(text, MAX_TEXT)
