"""The process's logging: one format, quiet libraries, and no secret ever written out.

A filter on the root logger's handlers sees every line, the HTTP and chat libraries' own
debug lines included, and replaces secrets in it: the values of the settings named in
`SECRET_SETTINGS` (as given and as they appear percent-encoded in a URL), anything shaped like
a bot token, and invite codes (after /start, in start= links, and by their shape).
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from typing import TextIO
from urllib.parse import quote

from bot.settings import Settings
from handlers.identity.binding import CODE_ALPHABET, CODE_GROUP, CODE_LENGTH

REDACTED = "[redacted]"
# A Telegram bot token: the bot's number, a colon, then 35 characters of a URL-safe alphabet.
_TOKEN_SHAPE = r"\d{5,}(?::|%3A)[A-Za-z0-9_-]{30,}"
# Whatever follows /start (its argument is an invite code) or start= in an invite link.
_AFTER_START = r"(?<=/start )\S+|(?<=/start@)\w+ \S+|(?<=start=)[^\s&\"']+"
# An invite code as shown (ABCDE-FGHJK), typed without its dash, or typed in lower case with
# it (lower case without the dash would take ordinary words such as "getUpdates" for codes).
_UPPER, _LOWER = f"[{CODE_ALPHABET}]", f"[{CODE_ALPHABET.lower()}]"
_REST = CODE_LENGTH - CODE_GROUP
_INVITE_SHAPE = (
    rf"(?<![A-Za-z0-9])(?:{_UPPER}{{{CODE_GROUP}}}-?{_UPPER}{{{_REST}}}"
    rf"|{_LOWER}{{{CODE_GROUP}}}-{_LOWER}{{{_REST}}})(?![A-Za-z0-9])"
)
PATTERNS = re.compile("|".join((_TOKEN_SHAPE, _AFTER_START, _INVITE_SHAPE)))


class RedactSecrets(logging.Filter):
    """Rewrites each record's message (and traceback) with the secrets replaced."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        values = {form for secret in secrets if secret for form in (secret, quote(secret))}
        # Longest first, so that a secret containing another is replaced whole.
        self._values = sorted(values, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for value in self._values:
            text = text.replace(value, REDACTED)
        return PATTERNS.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def configure_logging(settings: Settings, stream: TextIO | None = None) -> None:
    """Set up the root logger for this process, secrets redacted at every level."""
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=stream or sys.stderr,
        force=True,
    )
    guard_logging(settings)


def guard_logging(settings: Settings) -> None:
    """Quiet the chatty libraries; redact secrets on every handler the root logger has."""
    # PTB and httpx log every poll at INFO; keep the bot's own log readable.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # At DEBUG the library writes each Bot API call's parameters and answer whole: what people
    # wrote, invite codes in whatever shape they typed them, which no pattern can all catch.
    for name in ("telegram.Bot", "telegram.ext.ExtBot"):
        library = logging.getLogger(name)
        if library.getEffectiveLevel() < logging.INFO:
            library.setLevel(logging.INFO)
    # Alembic reports each migration step at INFO, which would clutter the console chat.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    redact = RedactSecrets(settings.secret_values())
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
