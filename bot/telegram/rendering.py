"""A neutral reply in Telegram's terms: the inline keyboard, texts cut to the Bot API's length."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

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
    pieces: list[str] = []
    while len(text) > MAX_TEXT:
        cut = text.rfind("\n", 0, MAX_TEXT)
        cut = cut if cut > 0 else MAX_TEXT
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n")
    # Telegram refuses an empty message, so none is ever made.
    return [piece for piece in [*pieces, text] if piece.strip()]
