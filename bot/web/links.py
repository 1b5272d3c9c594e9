"""What a channel that cannot carry files asks of the web door: a short-lived link to one file."""

from __future__ import annotations

from typing import Protocol


class FileLinks(Protocol):
    """Makes unguessable, short-lived HTTPS links to files the bot sends out."""

    def link_for(self, *, channel: str, chat_id: str, name: str, content: bytes) -> str:
        """A link that serves `content` as `name` to whoever holds it, for a limited time.

        Photos (charts) stay valid at least ten minutes and answer repeated GETs, as Zalo's
        sendPhoto fetches its URL more than once.
        """
        ...
