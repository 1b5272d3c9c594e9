"""Engine, sessions and schema migrations for SQLite and PostgreSQL."""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000
# Reentrant: a transaction opened inside another one's block (a test's helper) must not wait
# for itself.
_SQLITE_TURNS: WeakKeyDictionary[Engine, threading.RLock] = WeakKeyDictionary()
# Any fixed number: PostgreSQL advisory locks are named by integers, this one by the project.
MIGRATION_LOCK_KEY = 0x7468696475610A


def sqlite_url(data_dir: Path) -> str:
    """The default database: one SQLite file in the data directory."""
    return f"sqlite:///{data_dir / 'thidua.db'}"


def make_engine(url: str) -> Engine:
    """An engine for the URL; SQLite gets WAL, synchronous=FULL and a busy timeout.

    A failed statement's error (logged when a message cannot be handled) names no values:
    they are what people wrote.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        hide_parameters=True,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _configure_sqlite)
    _SQLITE_TURNS[engine] = threading.RLock()
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers go on while one writer commits; FULL fsyncs every commit so an
    # acknowledged report survives a power cut.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: commits when the block ends, rolls back if it raises.

    On SQLite the process's transactions take turns on a lock of their own. SQLite lets one
    writer in at a time and makes the others poll, sleeping up to 100 ms between tries: with
    the webhook storing events, the inbox claiming them and the core answering them in three
    threads, those sleeps were most of a Zalo message's latency. Across processes SQLite's
    own lock and busy timeout still apply.
    """
    with _turn(engine), Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _turn(engine: Engine) -> AbstractContextManager[object]:
    """The lock the SQLite engine's transactions take turns on (made with the engine); none
    for other databases."""
    return _SQLITE_TURNS.get(engine) or nullcontext()


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration that migrates the given engine, built in code (no alembic.ini)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema up to the newest migration, one process at a time.

    A database already there is left alone without loading Alembic, which would stay in the
    bot's memory for nothing (about 11 MB). Two processes started together on an empty
    database would both create the tables; under the lock the second waits, then finds the
    schema up to date.
    """
    if _at_head(engine):
        return
    # Imported here for the same reason.
    from alembic import command

    with migration_lock(engine):
        command.upgrade(alembic_config(engine), "head")


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Hold the database's migration lock: an advisory lock on PostgreSQL, a file lock beside
    the file on SQLite (its own locks cannot be held across Alembic's connection)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY}
                )
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with _file_lock(Path(f"{database}.migrate-lock")):
        yield


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on the file, released when the block ends or the process dies."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if sys.platform == "win32":
            import msvcrt

            # LK_LOCK retries for ten seconds, then raises: longer than any migration takes.
            msvcrt.locking(handle, msvcrt.LK_LOCK, 1)
        else:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing the descriptor releases the lock on either system


def _head_revision() -> str:
    """The newest migration: the one no other migration comes after."""
    found: dict[str, str | None] = {}
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision = re.search(r'^revision(?:: str)? = "([^"]+)"', source, re.M)
        down = re.search(r'^down_revision(?:: [^=]+)? = "([^"]+)"', source, re.M)
        if revision:
            found[revision.group(1)] = down.group(1) if down else None
    heads = set(found) - set(found.values())
    return heads.pop() if len(heads) == 1 else ""


def _at_head(engine: Engine) -> bool:
    """Whether the database's recorded revision is the newest migration."""
    head = _head_revision()
    with engine.connect() as connection:
        if not head or not inspect(connection).has_table("alembic_version"):
            return False
        current = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        return list(current) == [head]
