"""The bot process starts without what it needs only later: charts, workbooks, documents,
Alembic on a database already migrated, PostgreSQL's dialect on SQLite, the holiday tables;
and without what its settings do not ask for: a channel not configured, the web door's server
when no web door is set."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from storage.db import _at_head, _head_revision, make_engine, upgrade

ROOT = Path(__file__).resolve().parent.parent
LATER = ("matplotlib", "numpy", "openpyxl", "docx", "PIL", "alembic", "holidays")


# Loaded only when asked for, watched by name: aiohttp's client is needed, not its server.
UNLESS_ASKED = ("sqlalchemy.dialects.postgresql", "aiohttp.web", "bot.web.server")
CHANNELS = ("bot.telegram.channel", "bot.zalo.service")


def started_modules(data_dir: Path, **env: str) -> set[str]:
    """The heavy modules loaded once the bot's process has built its core and the channels
    `python -m bot run` serves with these settings (Telegram alone by default)."""
    env = {"DATA_DIR": str(data_dir), **(env or {"TELEGRAM_BOT_TOKEN": "1:x"})}
    script = (
        "import sys\n"
        "from bot.settings import Settings\n"
        "from bot.core import Core\n"
        "from bot.channels import configured_channels\n"
        "from bot.core_runner import CoreRunner\n"
        f"settings = Settings.from_env({env!r})\n"
        "core = Core.from_settings(settings)\n"
        "configured_channels(settings, core, CoreRunner(core.answer))\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))\n"
        f"print(' '.join(name for name in {UNLESS_ASKED + CHANNELS!r} if name in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    top, watched = [*done.stdout.splitlines(), ""][:2]
    return set(top.split()) | set(watched.split())


def test_the_bot_starts_without_what_it_needs_only_later(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = started_modules(data_dir)  # a new database: Alembic builds it
    assert "alembic" in first
    again = started_modules(data_dir)  # migrated already: Alembic stays out
    assert again.isdisjoint(LATER), again & set(LATER)
    assert again.isdisjoint(UNLESS_ASKED), again & set(UNLESS_ASKED)
    assert again & set(CHANNELS) == {"bot.telegram.channel"}


def test_a_channel_not_configured_is_not_loaded(tmp_path: Path) -> None:
    zalo_only = started_modules(tmp_path / "data", ZALO_BOT_TOKEN="1:x")
    assert zalo_only & set(CHANNELS) == {"bot.zalo.service"}
    assert "telegram" not in zalo_only and "httpx" not in zalo_only


def test_the_head_is_recognised_and_anything_else_migrates(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    assert not _at_head(engine)  # empty
    upgrade(engine)
    assert _at_head(engine) and _head_revision()
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    assert not _at_head(engine)
    engine.dispose()
