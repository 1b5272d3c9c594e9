"""The running database's own SQL (INSERT … ON CONFLICT), its dialect module loaded on first use.

PostgreSQL's dialect module weighs about 2 MB that a bot on SQLite would carry for nothing.
"""

from __future__ import annotations

import importlib
from types import ModuleType


def dialect(name: str) -> ModuleType:
    """sqlalchemy.dialects.postgresql or .sqlite, whichever the engine named `name` speaks."""
    return importlib.import_module(
        "sqlalchemy.dialects." + ("postgresql" if name == "postgresql" else "sqlite")
    )
