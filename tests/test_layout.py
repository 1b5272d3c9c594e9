"""The layout the README describes: capabilities in one order, no import cycle, texts split."""

from __future__ import annotations

import ast
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("bot", "handlers", "storage")
# A capability of handlers/ may import itself and those before it, never one after it.
CAPABILITY_ORDER = (
    "texts",
    "campaign",
    "engine",
    "reports",
    "announcements",
    "identity",
    "review",
    "documents",
    "awards",
    "reminders",
    "status",
    "routing",
)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {
        module_name(path): path for layer in LAYERS for path in sorted((ROOT / layer).rglob("*.py"))
    }


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The project modules a file imports anywhere in it (inside functions too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from a.b import c` names either the module a.b.c or a name in a.b.
            candidates = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        found.update(name for name in candidates if name in known)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    known = set(modules)
    return {name: imports_of(path, known) - {name} for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def capability(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "handlers" and len(parts) > 2 else None


def test_no_import_cycle_anywhere() -> None:
    graph = import_graph()
    assert len(graph) > 100
    assert find_cycle(graph) is None


def test_the_cycle_finder_sees_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_capabilities_import_only_those_before_them() -> None:
    crossings = []
    for module, targets in import_graph().items():
        own = capability(module)
        if own is None:
            continue
        assert own in CAPABILITY_ORDER, f"{module}: add its package to CAPABILITY_ORDER"
        for target in targets:
            other = capability(target)
            if other and CAPABILITY_ORDER.index(other) > CAPABILITY_ORDER.index(own):
                crossings.append(f"{module} -> {target}")
    assert crossings == []


def test_every_package_says_what_it_holds() -> None:
    packages = [ROOT / layer for layer in LAYERS] + [
        path.parent for layer in LAYERS for path in (ROOT / layer).rglob("__init__.py")
    ]
    silent = []
    for package in packages:
        init = package / "__init__.py"
        if package.name == "__pycache__" or not init.exists():
            continue
        if not ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))):
            silent.append(str(init.relative_to(ROOT)))
    assert silent == []


def text_modules() -> Iterator[Path]:
    yield from sorted(p for p in (ROOT / "handlers" / "texts").glob("*.py") if p.stem != "__init__")


def test_each_text_is_defined_in_one_module_only() -> None:
    owners: dict[str, list[str]] = {}
    for path in text_modules():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = (
                [t.id for t in node.targets if isinstance(t, ast.Name)]
                if isinstance(node, ast.Assign)
                else [node.name]
                if isinstance(node, ast.FunctionDef)
                else []
            )
            for name in targets:
                owners.setdefault(name, []).append(path.stem)
    assert len(owners) > 300
    assert {name: where for name, where in owners.items() if len(where) > 1} == {}


@pytest.mark.parametrize("path", list(text_modules()), ids=lambda p: p.stem)
def test_text_module_source_is_nfc(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", source) == source
