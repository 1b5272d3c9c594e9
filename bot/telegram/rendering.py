"""A neutral reply in Telegram's terms: the inline keyboard, texts cut to the Bot API's length.

Telegram measures a text in UTF-16 code units, not in characters: an emoji outside the Basic
Multilingual Plane counts two, so 2,050 emoji (4,100 units) do not fit one message.
"""

from __future__ import annotations

import unicodedata

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.engine.messages import Reply

# The Bot API's longest message text and document caption, in UTF-16 code units.
MAX_TEXT = 4096
MAX_CAPTION = 1024
# Characters that join the one before them into one visible sign (zero-width joiner,
# variation selectors, skin tones): a piece never ends just before one.
_JOINING = frozenset("\u200d\ufe0e\ufe0f") | {chr(c) for c in range(0x1F3FB, 0x1F400)}


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label, callback_data=b.payload) for b in row]
            for row in reply.buttons
        ]
    )


def utf16_units(text: str) -> int:
    """The length of text as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Pieces of at most `limit` UTF-16 units, cut at a line end where possible, else between
    words, else between characters (never inside one, nor before a mark that joins it)."""
    pieces: list[str] = []
    while utf16_units(text) > limit:
        end = _fitting(text, limit)
        if (cut := text.rfind("\n", 0, end + 1)) > 0:
            pieces.append(text[:cut].rstrip("\n"))
            text = text[cut:].lstrip("\n")
        elif (cut := text.rfind(" ", 0, end + 1)) > 0:
            pieces.append(text[:cut])
            text = text[cut + 1 :]
        else:
            cut = _between_signs(text, end)
            pieces.append(text[:cut])
            text = text[cut:]
    # Telegram refuses an empty message, so none is ever made.
    return [piece for piece in [*pieces, text] if piece.strip()]


def _fitting(text: str, limit: int) -> int:
    """How many characters from the start of text fit in `limit` UTF-16 units."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def _between_signs(text: str, end: int) -> int:
    """The last index at or before end that does not split a character from its marks."""
    cut = end
    while cut > 0 and (
        text[cut] in _JOINING or unicodedata.combining(text[cut]) or text[cut - 1] == "\u200d"
    ):
        cut -= 1
    return cut or end
