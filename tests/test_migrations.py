"""The migrations make exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

from storage.db import alembic_config, make_engine, upgrade


@pytest.fixture
def fresh_engine(fresh_database_url: str) -> Iterator[Engine]:
    """An engine on a database the migrations build from nothing."""
    engine = make_engine(fresh_database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def test_models_and_migrations_agree(fresh_engine: Engine) -> None:
    with fresh_engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []


def test_upgrade_is_idempotent(fresh_engine: Engine) -> None:
    before = sorted(inspect(fresh_engine).get_table_names())
    upgrade(fresh_engine)
    assert sorted(inspect(fresh_engine).get_table_names()) == before
    assert {"report", "evidence", "auditentry", "alembic_version"} <= set(before)


def test_downgrade_to_nothing_and_back(fresh_engine: Engine) -> None:
    config = alembic_config(fresh_engine)
    command.downgrade(config, "base")
    assert set(inspect(fresh_engine).get_table_names()) <= {"alembic_version"}
    command.upgrade(config, "head")
    assert "outbox" in inspect(fresh_engine).get_table_names()
