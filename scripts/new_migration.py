"""Autogenerate an Alembic revision from the models: python scripts/new_migration.py ID "message".

With --replace, an unreleased revision of that ID is generated anew (after a model change
made before it shipped). Column types are written as plain SQLAlchemy types.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from alembic import command

from storage.db import MIGRATIONS_DIR, alembic_config, make_engine

VERSIONS = MIGRATIONS_DIR / "versions"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("rev_id")
    parser.add_argument("message")
    parser.add_argument("--replace", action="store_true")
    args = parser.parse_args()
    existing = sorted(VERSIONS.glob(f"{args.rev_id}_*.py"))
    if existing and not args.replace:
        print(f"revision {args.rev_id} exists; pass --replace to generate it anew")
        return 2
    for path in existing:
        path.unlink()
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'autogen.db'}")
        config = alembic_config(engine)
        command.upgrade(config, "head")
        slug = re.sub(r"\W+", "_", args.message.lower()).strip("_")[:60]
        command.revision(config, message=args.message, autogenerate=True, rev_id=args.rev_id)
    [created] = VERSIONS.glob(f"{args.rev_id}_*.py")
    text = created.read_text(encoding="utf-8")
    text = text.replace("sqlmodel.sql.sqltypes.AutoString(", "sa.String(")
    text = re.sub(r"^import sqlmodel.*\n", "", text, flags=re.M)
    text = text.replace("Revises: \n", "Revises:\n")
    target = VERSIONS / f"{args.rev_id}_{slug}.py"
    created.rename(target)
    target.write_text(text, encoding="utf-8")
    for tool in (["ruff", "format", "-q"], ["ruff", "check", "--fix", "-q"]):
        subprocess.run([sys.executable, "-m", *tool, str(target)], check=False)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
