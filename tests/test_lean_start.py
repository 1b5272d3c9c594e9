"""The bot process starts without what it needs only later: charts, workbooks, documents,
Alembic on a database already migrated, PostgreSQL's dialect on SQLite, the holiday tables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from storage.db import _at_head, _head_revision, make_engine, upgrade

ROOT = Path(__file__).resolve().parent.parent
LATER = ("matplotlib", "numpy", "openpyxl", "docx", "PIL", "alembic", "holidays")


def started_modules(data_dir: Path) -> set[str]:
    """The heavy modules loaded once the bot's process has built its core and Telegram app."""
    script = (
        "import sys\n"
        "from bot.settings import Settings\n"
        "from bot.core import Core\n"
        "from bot.telegram.channel import build_application\n"
        f"settings = Settings.from_env({{'DATA_DIR': {str(data_dir)!r}, "
        "'TELEGRAM_BOT_TOKEN': '1:x'})\n"
        "build_application(settings, Core.from_settings(settings))\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))\n"
        "print('pg' if 'sqlalchemy.dialects.postgresql' in sys.modules else '')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    top, pg = done.stdout.splitlines()[:2]
    return set(top.split()) | ({"sqlalchemy.dialects.postgresql"} if pg else set())


def test_the_bot_starts_without_what_it_needs_only_later(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = started_modules(data_dir)  # a new database: Alembic builds it
    assert "alembic" in first
    again = started_modules(data_dir)  # migrated already: Alembic stays out
    assert again.isdisjoint(LATER), again & set(LATER)
    assert "sqlalchemy.dialects.postgresql" not in again


def test_the_head_is_recognised_and_anything_else_migrates(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    assert not _at_head(engine)  # empty
    upgrade(engine)
    assert _at_head(engine) and _head_revision()
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    assert not _at_head(engine)
    engine.dispose()
