"""Every command in the menu is answered by a use case, and every alias is unique."""

from __future__ import annotations

import ast
from pathlib import Path

from handlers.engine.menu import MENU
from handlers.routing.routes import COMMAND_RUNS

ROOT = Path(__file__).resolve().parent.parent


def test_every_menu_command_has_a_use_case() -> None:
    assert sorted(e.name for e in MENU if e.name not in COMMAND_RUNS) == []
    assert sorted(set(COMMAND_RUNS) - {e.name for e in MENU}) == []


def test_names_and_aliases_are_unique() -> None:
    words = [word for e in MENU for word in (e.name, *e.aliases)]
    assert len(words) == len(set(words))


def test_every_button_prefix_has_one_owner() -> None:
    """Two use cases on one prefix: the routing table keeps one and the other's taps go astray."""
    owners: dict[str, list[str]] = {}
    for path in sorted((ROOT / "handlers").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id.endswith("PREFIX") for t in node.targets)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                owners.setdefault(node.value.value, []).append(path.stem)
    assert len(owners) > 10
    assert {prefix: who for prefix, who in owners.items() if len(who) > 1} == {}
