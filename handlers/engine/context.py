"""What a use case gets besides the message: the session, the time, the campaign, the user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from handlers.campaign.file import Campaign
from handlers.engine.messages import Incoming
from storage.files import FileStore
from storage.models import Officer
from storage.queries.conversations import ConversationState


@dataclass(frozen=True)
class CoreConfig:
    """The limits and names the core needs, taken from the settings by the shell."""

    timezone: ZoneInfo
    max_file_bytes: int
    invite_ttl: timedelta
    bind_max_failures: int
    bind_window: timedelta
    flood_max_messages: int
    flood_window: timedelta
    # The key invite codes are hashed with (HMAC), so a leaked table cannot be guessed offline.
    invite_key: bytes = b""
    # Wrong codes from all accounts together within bind_window before every try waits.
    bind_max_failures_ward: int = 50
    # The Telegram bot's @username, for invite links; empty when unknown.
    bot_username: str = ""
    # The channels configured, so that an invite says how to reach the bot on each.
    telegram_configured: bool = False
    zalo_configured: bool = False
    # The link officers open to reach the ward's Zalo bot; empty when unknown.
    zalo_bot_link: str = ""
    # The web door's public HTTPS address (upload pages); empty when the ward has none.
    public_base_url: str = ""
    upload_link_ttl: timedelta = timedelta(minutes=30)


@dataclass
class Context:
    session: Session
    now: datetime
    campaign: Campaign
    config: CoreConfig
    files: FileStore
    incoming: Incoming
    conversation: ConversationState
    officer: Officer | None = None

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.config.timezone)
