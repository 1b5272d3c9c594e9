"""Files out through the web door: short-lived, unguessable download links (FileLinks)."""

from __future__ import annotations

import mimetypes
import secrets
from datetime import timedelta

from sqlalchemy import Engine

from bot.core import Clock, Core, system_clock
from bot.settings import Settings
from bot.web.uploads import DOWNLOAD_PATH
from storage.db import transaction
from storage.files import FileStore
from storage.models import WebLink, WebLinkKind
from storage.queries.weblinks import add_link, officer_of_chat, token_hash

# Zalo's sendPhoto fetches a photo's URL more than once, over some minutes.
PHOTO_MINIMUM = timedelta(minutes=10)


class WebFileLinks:
    """Stores the file once by its SHA-256 and makes a link only its holder can open."""

    def __init__(
        self,
        *,
        engine: Engine,
        files: FileStore,
        base_url: str,
        ttl: timedelta,
        clock: Clock = system_clock,
    ) -> None:
        self.engine = engine
        self.files = files
        self.base_url = base_url.rstrip("/")
        self.ttl = ttl
        self.clock = clock

    @classmethod
    def from_settings(cls, settings: Settings, core: Core) -> WebFileLinks:
        """Links under PUBLIC_BASE_URL, valid DOWNLOAD_LINK_MINUTES, into the core's store."""
        return cls(
            engine=core.engine,
            files=core.files,
            base_url=settings.public_base_url,
            ttl=timedelta(minutes=settings.download_link_minutes),
            clock=core.clock,
        )

    def link_for(self, *, channel: str, chat_id: str, name: str, content: bytes) -> str:
        token = secrets.token_urlsafe(32)
        sha256 = self.files.put(content)
        now = self.clock()
        ttl = self.ttl
        if (mimetypes.guess_type(name)[0] or "").startswith("image/"):
            ttl = max(ttl, PHOTO_MINIMUM)
        with transaction(self.engine) as session:
            add_link(
                session,
                link=WebLink(
                    token_hash=token_hash(token),
                    kind=WebLinkKind.DOWNLOAD.value,
                    officer_id=officer_of_chat(session, channel=channel, chat_id=chat_id),
                    channel=channel,
                    chat_id=chat_id,
                    file_sha256=sha256,
                    file_name=name,
                    created_at=now,
                    expires_at=now + ttl,
                ),
            )
        return f"{self.base_url}{DOWNLOAD_PATH}{token}"
