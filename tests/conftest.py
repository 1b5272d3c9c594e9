"""Shared fixtures: a migrated database on SQLite and on PostgreSQL, a clock, a core, chats."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from bot.core import Core
from bot.settings import DEFAULT_ROSTER_FILE, Settings
from handlers.campaign.file import DEFAULT_CAMPAIGN_FILE, load_campaign
from handlers.identity.roster import import_roster
from storage.db import make_engine, transaction, upgrade
from storage.files import FileStore
from tests.chat import Chat

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# CI sets this so that a missing PostgreSQL fails the run instead of skipping half of it.
REQUIRE_POSTGRES = os.environ.get("REQUIRE_POSTGRES") == "1"
# CI sets this too: a missing Chromium or LibreOffice then fails instead of skipping.
REQUIRE_TOOLS = os.environ.get("REQUIRE_TOOLS") == "1"


def missing_tool(reason: str) -> NoReturn:
    """Skip a test whose outside tool is absent, saying how to get it; fail where CI needs it."""
    if REQUIRE_TOOLS:
        pytest.fail(reason)
    pytest.skip(reason)


# 09:00 in Hà Nội on a Tuesday, a working morning in the campaign's year.
CAMPAIGN_MORNING = datetime(2026, 10, 6, 2, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = CAMPAIGN_MORNING) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def _postgres_schema_url(schema: str) -> str:
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine | None]:
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        admin.dispose()
        if REQUIRE_POSTGRES:
            raise RuntimeError(f"PostgreSQL required but not reachable: {error}") from error
        yield None
        return
    yield admin
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file made once; each test gets a copy (migrating takes longer)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    template = make_engine(f"sqlite:///{path}")
    upgrade(template)
    template.dispose()  # the last connection's close folds the WAL back into the file
    return path


@pytest.fixture(scope="session")
def postgres_schema(postgres_admin: Engine | None) -> Iterator[str | None]:
    """A migrated PostgreSQL schema made once; emptied after each test that used it."""
    if postgres_admin is None:
        yield None
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with postgres_admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    template = make_engine(_postgres_schema_url(schema))
    upgrade(template)
    template.dispose()
    yield schema
    with postgres_admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def _empty_schema(admin: Engine, schema: str) -> None:
    with admin.connect() as connection:
        tables = connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = :schema"),
            {"schema": schema},
        ).scalars()
        names = ", ".join(f'"{schema}"."{name}"' for name in tables if name != "alembic_version")
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    sqlite_template: Path,
    postgres_admin: Engine | None,
    postgres_schema: str | None,
) -> Iterator[str]:
    """A migrated, empty database: a copy of the SQLite template, or the emptied schema."""
    if request.param == "sqlite":
        shutil.copyfile(sqlite_template, tmp_path / "test.db")
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    if postgres_admin is None or postgres_schema is None:
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_URL} (set TEST_POSTGRES_URL)")
    yield _postgres_schema_url(postgres_schema)
    _empty_schema(postgres_admin, postgres_schema)


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_database_url(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_admin: Engine | None
) -> Iterator[str]:
    """A database with nothing in it, not even the schema, for the migrations' own tests."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    if postgres_admin is None:
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_URL} (set TEST_POSTGRES_URL)")
    schema = f"f_{uuid.uuid4().hex[:12]}"
    with postgres_admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield _postgres_schema_url(schema)
    with postgres_admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    migrated = make_engine(database_url)
    yield migrated
    migrated.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.from_env({"DATA_DIR": str(tmp_path / "data")})


@pytest.fixture
def core(engine: Engine, clock: FakeClock, settings: Settings) -> Core:
    """The core on a migrated database with the shipped campaign and the demo roster."""
    with transaction(engine) as session:
        import_roster(session, path=DEFAULT_ROSTER_FILE, now=clock())
    return Core(
        engine=engine,
        campaign=load_campaign(DEFAULT_CAMPAIGN_FILE),
        config=settings.core_config(),
        files=FileStore(settings.evidence_dir),
        clock=clock,
    )


@pytest.fixture
def make_chat(core: Core) -> Iterator[type[Chat]]:
    """Chat bound to the test's core: make_chat(officer_code) gives a bound officer's chat."""

    class BoundChat(Chat):
        def __init__(self, officer_code: str | None = None, user_id: str = "") -> None:
            super().__init__(core, officer_code=officer_code, user_id=user_id)

    yield BoundChat
