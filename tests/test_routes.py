"""Every command in the menu is answered by a use case, and every alias is unique."""

from __future__ import annotations

from handlers.engine.menu import MENU
from handlers.routing.routes import COMMAND_RUNS


def test_every_menu_command_has_a_use_case() -> None:
    assert sorted(e.name for e in MENU if e.name not in COMMAND_RUNS) == []
    assert sorted(set(COMMAND_RUNS) - {e.name for e in MENU}) == []


def test_names_and_aliases_are_unique() -> None:
    words = [word for e in MENU for word in (e.name, *e.aliases)]
    assert len(words) == len(set(words))
