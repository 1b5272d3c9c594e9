"""The one direction of imports: bot → handlers → storage, and no platform code in the core."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "handlers": {"bot", "telegram", "httpx", "aiohttp", "apscheduler", "dotenv"},
    "storage": {"bot", "handlers", "telegram", "httpx", "aiohttp", "apscheduler", "dotenv"},
}


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module the file imports, wherever in the file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def layer_files(layer: str) -> list[Path]:
    return sorted((ROOT / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_nothing_above_it(layer: str) -> None:
    files = layer_files(layer)
    assert files, f"no Python files found under {layer}/"
    crossings = {
        str(path.relative_to(ROOT)): sorted(imported_modules(path) & FORBIDDEN[layer])
        for path in files
    }
    assert {path: names for path, names in crossings.items() if names} == {}


def test_the_checker_sees_a_crossing(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os\ndef f():\n    from telegram import Bot\n", encoding="utf-8")
    assert imported_modules(sample) & FORBIDDEN["handlers"] == {"telegram"}
