"""Settings: one frozen object built from the environment (load_dotenv runs at the entry point)."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from handlers import texts
from handlers.campaign.file import DEFAULT_CAMPAIGN_FILE
from handlers.engine.context import CoreConfig
from handlers.reminders.firing import ReminderConfig
from storage.db import sqlite_url

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ROSTER_FILE = REPOSITORY_ROOT / "seed" / "demo-roster.csv"
# A bot may download files of up to 20 MB through the public Bot API.
TELEGRAM_DOWNLOAD_LIMIT_MB = 20
INVITE_SECRET_FILE = "invite-secret"


# PostgreSQL addresses as hosting services hand them out, and the one driver the bot ships.
POSTGRES_SCHEMES = ("postgres://", "postgresql://")
POSTGRES_DRIVER = "postgresql+psycopg"


# The settings whose values must never be written in a log: a new channel's token or webhook
# secret is added here by its field name, and bot/logs.py redacts it.
# Dotted paths of the settings no log line may show (bot/logs.py redacts their values).
SECRET_SETTINGS = ("telegram_token", "zalo.token", "zalo.webhook_secret")
# Where the web server listens when only PUBLIC_BASE_URL is set: behind a proxy on this host.
DEFAULT_WEB_LISTEN = "127.0.0.1:8080"
# What Telegram accepts as a webhook's secret_token.
SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")


class SettingsError(ValueError):
    """A setting has a value the bot cannot use."""


@dataclass(frozen=True)
class Settings:
    telegram_token: str
    telegram_api_base_url: str
    telegram_file_base_url: str
    telegram_bot_username: str
    zalo: ZaloSettings
    data_dir: Path
    database_url: str
    campaign_file: Path
    timezone: str
    max_file_mb: int
    invite_ttl_days: int
    bind_max_failures: int
    bind_window_minutes: int
    flood_max_messages: int
    flood_window_seconds: int
    outbox_rate_per_second: int
    outbox_chat_interval_seconds: int
    outbox_retry_hours: int
    quiet_hours_start: time
    quiet_hours_end: time
    reminder_grace_hours: int
    log_level: str
    # Invites and the first day.
    zalo_bot_link: str = ""
    invite_secret: str = ""
    bind_max_failures_ward: int = 50
    # The web door (bot/web/): where it listens, the public HTTPS address the proxy gives it.
    public_base_url: str = ""
    web_listen: str = ""
    telegram_update_mode: str = "polling"
    telegram_webhook_secret: str = ""
    upload_link_minutes: int = 30
    download_link_minutes: int = 30

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("DATA_DIR") or REPOSITORY_ROOT / "data").resolve()
        return cls(
            telegram_token=env.get("TELEGRAM_BOT_TOKEN", "").strip(),
            telegram_api_base_url=env.get("TELEGRAM_API_BASE_URL")
            or "https://api.telegram.org/bot",
            telegram_file_base_url=env.get("TELEGRAM_FILE_BASE_URL")
            or "https://api.telegram.org/file/bot",
            telegram_bot_username=env.get("TELEGRAM_BOT_USERNAME", "").strip().lstrip("@"),
            zalo=ZaloSettings.from_env(env),
            data_dir=data_dir,
            database_url=_database_url(env.get("DATABASE_URL", "").strip(), data_dir),
            campaign_file=Path(env.get("CAMPAIGN_FILE") or DEFAULT_CAMPAIGN_FILE),
            timezone=env.get("TIMEZONE") or "Asia/Ho_Chi_Minh",
            max_file_mb=_int(env, "MAX_FILE_MB", TELEGRAM_DOWNLOAD_LIMIT_MB),
            invite_ttl_days=_int(env, "INVITE_TTL_DAYS", 7),
            bind_max_failures=_int(env, "BIND_MAX_FAILURES", 5),
            bind_window_minutes=_int(env, "BIND_WINDOW_MINUTES", 15),
            flood_max_messages=_int(env, "FLOOD_MAX_MESSAGES", 30),
            flood_window_seconds=_int(env, "FLOOD_WINDOW_SECONDS", 30),
            outbox_rate_per_second=_int(env, "OUTBOX_RATE_PER_SECOND", 30),
            # 0: no spacing per chat (a local Bot API server, a benchmark).
            outbox_chat_interval_seconds=_int(env, "OUTBOX_CHAT_INTERVAL_SECONDS", 1, least=0),
            outbox_retry_hours=_int(env, "OUTBOX_RETRY_HOURS", 24),
            quiet_hours_start=_time_of_day(env, "QUIET_HOURS_START", time(21, 0)),
            quiet_hours_end=_time_of_day(env, "QUIET_HOURS_END", time(7, 0)),
            reminder_grace_hours=_int(env, "REMINDER_GRACE_HOURS", 24),
            log_level=(env.get("LOG_LEVEL") or "INFO").upper(),
            zalo_bot_link=env.get("ZALO_BOT_LINK", "").strip(),
            invite_secret=env.get("INVITE_SECRET", "").strip(),
            bind_max_failures_ward=_int(env, "BIND_MAX_FAILURES_WARD", 50),
            **_web_door(env),
        )

    def secret_values(self) -> list[str]:
        """The values of the secret settings that are set."""
        values = []
        for path in SECRET_SETTINGS:
            value: object = self
            for name in path.split("."):
                value = getattr(value, name)
            if isinstance(value, str) and value:
                values.append(value)
        return values

    @property
    def has_channel(self) -> bool:
        """A messenger is configured: `python -m bot` serves it instead of the console."""
        return bool(self.telegram_token) or self.zalo.enabled

    @property
    def web_address(self) -> tuple[str, int] | None:
        """Host and port the web server listens on; None when the web door is off."""
        if not self.web_listen:
            return None
        host, _, port = self.web_listen.rpartition(":")
        return host or "127.0.0.1", int(port)

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    def core_config(self) -> CoreConfig:
        return CoreConfig(
            timezone=ZoneInfo(self.timezone),
            max_file_bytes=self.max_file_mb * 1024 * 1024,
            invite_ttl=timedelta(days=self.invite_ttl_days),
            bind_max_failures=self.bind_max_failures,
            bind_window=timedelta(minutes=self.bind_window_minutes),
            flood_max_messages=self.flood_max_messages,
            flood_window=timedelta(seconds=self.flood_window_seconds),
            bot_username=self.telegram_bot_username,
            invite_key=self.invite_key(),
            bind_max_failures_ward=self.bind_max_failures_ward,
            telegram_configured=bool(self.telegram_token),
            # A ward may publish its Zalo bot's link before this process serves it.
            zalo_configured=bool(self.zalo_bot_link) or self.zalo.enabled,
            zalo_bot_link=self.zalo_bot_link,
            public_base_url=self.public_base_url,
            upload_link_ttl=timedelta(minutes=self.upload_link_minutes),
        )

    def invite_key(self) -> bytes:
        """INVITE_SECRET, or the ward's own random key in the data directory (made once)."""
        if self.invite_secret:
            return self.invite_secret.encode()
        path = self.data_dir / INVITE_SECRET_FILE
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            # Written whole under another name, readable by the owner only, then linked into
            # place: a second process starting at the same moment reads the winner's key.
            draft = path.with_name(f".{INVITE_SECRET_FILE}-{os.getpid()}")
            descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="ascii") as file:
                file.write(secrets.token_hex(32))
            try:
                os.link(draft, path)
            except FileExistsError:
                pass
            finally:
                draft.unlink()
        return path.read_text(encoding="ascii").strip().encode()

    def reminder_config(self) -> ReminderConfig:
        return ReminderConfig(
            quiet_start=self.quiet_hours_start,
            quiet_end=self.quiet_hours_end,
            grace=timedelta(hours=self.reminder_grace_hours),
        )


def _database_url(raw: str, data_dir: Path) -> str:
    """The database address; a bare postgres:// or postgresql:// one gets the shipped driver."""
    if not raw:
        return sqlite_url(data_dir)
    for scheme in POSTGRES_SCHEMES:
        if raw.startswith(scheme):
            raw = f"{POSTGRES_DRIVER}://{raw[len(scheme) :]}"
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        shown = raw.rsplit("@", 1)[-1]  # never the password
        raise SettingsError(texts.DATABASE_URL_BAD.format(problem=repr(shown))) from None
    if url.drivername not in {POSTGRES_DRIVER, "sqlite", "sqlite+pysqlite"}:
        raise SettingsError(texts.DATABASE_URL_BAD.format(problem=f"{url.drivername}://"))
    return raw


ZALO_UPDATE_MODES = ("polling", "webhook")
# Zalo's bounds for setWebhook's secret_token.
ZALO_SECRET_LENGTH = range(8, 257)


@dataclass(frozen=True)
class ZaloSettings:
    """The Zalo Bot Platform channel; off while the token is empty."""

    token: str
    api_base_url: str
    update_mode: str
    webhook_secret: str
    rate_per_second: int
    chat_interval_seconds: int

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ZaloSettings:
        zalo = cls(
            token=(env.get("ZALO_BOT_TOKEN") or "").strip(),
            api_base_url=(env.get("ZALO_API_BASE_URL") or "").strip().rstrip("/")
            or "https://bot-api.zaloplatforms.com",
            update_mode=(env.get("ZALO_UPDATE_MODE") or "polling").strip().lower(),
            webhook_secret=(env.get("ZALO_WEBHOOK_SECRET") or "").strip(),
            # Zalo publishes no limits: a conservative pace, until a pilot shows more is fine.
            rate_per_second=_int(env, "ZALO_RATE_PER_SECOND", 3),
            chat_interval_seconds=_int(env, "ZALO_CHAT_INTERVAL_SECONDS", 2, least=0),
        )
        zalo.check()
        return zalo

    @property
    def enabled(self) -> bool:
        return bool(self.token)

    def check(self) -> None:
        if self.update_mode not in ZALO_UPDATE_MODES:
            raise SettingsError(
                f"ZALO_UPDATE_MODE must be polling or webhook, got {self.update_mode!r}"
            )
        secret = self.webhook_secret
        if secret and len(secret) not in ZALO_SECRET_LENGTH:
            raise SettingsError(
                f"ZALO_WEBHOOK_SECRET must be 8 to 256 characters, got {len(secret)}"
            )
        if self.enabled and self.update_mode == "webhook" and not secret:
            raise SettingsError("ZALO_UPDATE_MODE=webhook needs ZALO_WEBHOOK_SECRET")


def _web_door(env: Mapping[str, str]) -> dict[str, Any]:
    """The web door's settings: webhook mode wants a public HTTPS address and a secret."""
    public = env.get("PUBLIC_BASE_URL", "").strip().rstrip("/")
    if public and not public.startswith("https://"):
        raise SettingsError(f"PUBLIC_BASE_URL must start with https://, got {public!r}")
    listen = env.get("WEB_LISTEN", "").strip() or (DEFAULT_WEB_LISTEN if public else "")
    _host, colon, port = listen.rpartition(":")
    if listen and (not colon or not port.isdigit()):
        raise SettingsError(f"WEB_LISTEN must be host:port, e.g. 127.0.0.1:8080, got {listen!r}")
    secret = env.get("TELEGRAM_WEBHOOK_SECRET", "").strip()
    mode = env.get("TELEGRAM_UPDATE_MODE", "").strip().lower() or (
        "webhook" if public and secret else "polling"
    )
    if mode not in ("polling", "webhook"):
        raise SettingsError(f"TELEGRAM_UPDATE_MODE must be polling or webhook, got {mode!r}")
    if mode == "webhook" and not (public and secret):
        raise SettingsError(
            "TELEGRAM_UPDATE_MODE=webhook needs PUBLIC_BASE_URL and TELEGRAM_WEBHOOK_SECRET"
        )
    if secret and not SECRET_PATTERN.fullmatch(secret):
        raise SettingsError(
            "TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -"
        )
    return {
        "public_base_url": public,
        "web_listen": listen,
        "telegram_update_mode": mode,
        "telegram_webhook_secret": secret,
        "upload_link_minutes": _int(env, "UPLOAD_LINK_MINUTES", 30),
        "download_link_minutes": _int(env, "DOWNLOAD_LINK_MINUTES", 30),
    }


def _time_of_day(env: Mapping[str, str], name: str, default: time) -> time:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return datetime.strptime(raw, "%H:%M").time()
    except ValueError:
        raise SettingsError(
            f"{name} must be a time of day as HH:MM, e.g. 21:00, got {raw!r}"
        ) from None


def _int(env: Mapping[str, str], name: str, default: int, *, least: int = 1) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if value < least:
        raise SettingsError(f"{name} must be at least {least}, got {value}")
    return value
