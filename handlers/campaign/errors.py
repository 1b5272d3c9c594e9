"""Errors of the campaign file, worded for the operator who reads the log."""

import re
import tomllib
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Final

from pydantic import ValidationError
from pydantic_core import ErrorDetails

Loc = tuple[str | int, ...]


class CampaignError(ValueError):
    """A campaign file that cannot be read or does not match the schema."""

    def __init__(self, path: Path, problems: Sequence[tuple[str, str]]) -> None:
        """Keep the file and its (field path, problem) pairs; build the log message."""
        self.path = path
        self.problems: tuple[tuple[str, str], ...] = tuple(problems)
        lines = [f"{field}: {problem}" if field else problem for field, problem in self.problems]
        if len(lines) == 1:
            message = f"invalid campaign file {path}: {lines[0]}"
        else:
            details = "".join(f"\n  {line}" for line in lines)
            message = f"invalid campaign file {path} ({len(lines)} problems):{details}"
        super().__init__(message)


class FieldProblems(ValueError):
    """Problems found by a validator, each at a field path relative to the validated model."""

    def __init__(self, problems: Sequence[tuple[Loc, str]]) -> None:
        """Keep the problems; the message lists them for direct model users."""
        self.problems: tuple[tuple[Loc, str], ...] = tuple(problems)
        super().__init__("; ".join(f"{format_loc(loc)}: {msg}" for loc, msg in self.problems))


_SYNTAX_AT: Final = re.compile(r"^(?P<msg>.*) \(at line (?P<line>\d+), column (?P<col>\d+)\)$")


def syntax_problem(exc: tomllib.TOMLDecodeError) -> str:
    """Describe a TOML syntax error with its line and column."""
    text = str(exc)
    found = _SYNTAX_AT.match(text)
    if found:
        return f"TOML syntax error at line {found['line']}, column {found['col']}: {found['msg']}"
    return f"TOML syntax error: {text}"


def format_loc(loc: Loc) -> str:
    """Render a field path as criteria[2].label."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def problems_of(error: ValidationError) -> list[tuple[str, str]]:
    """Turn pydantic errors into (field path, what was expected) pairs."""
    problems: list[tuple[str, str]] = []
    for detail in error.errors():
        loc: Loc = tuple(detail["loc"])
        cause = detail.get("ctx", {}).get("error")
        if isinstance(cause, FieldProblems):
            problems += [(format_loc(loc + sub), msg) for sub, msg in cause.problems]
        else:
            problems.append((format_loc(loc), _expected(detail)))
    return problems


_OFFSET_EXAMPLE: Final = "an offset datetime such as 2026-11-25T00:00:00+07:00"

_EXPECTED: Final[dict[str, Callable[[ErrorDetails], str]]] = {
    "missing": lambda d: "missing required field",
    "extra_forbidden": lambda d: "unknown field (not part of the campaign schema)",
    "string_type": lambda d: f"expected a string, got {_toml_type(d['input'])}",
    "int_type": lambda d: f"expected an integer, got {_toml_type(d['input'])}",
    "bool_type": lambda d: f"expected a boolean (true or false), got {_toml_type(d['input'])}",
    "tuple_type": lambda d: f"expected an array, got {_toml_type(d['input'])}",
    "model_type": lambda d: f"expected a table, got {_toml_type(d['input'])}",
    "datetime_type": lambda d: f"expected {_OFFSET_EXAMPLE}, got {_toml_type(d['input'])}",
    "time_type": lambda d: f"expected a local time such as 08:00:00, got {_toml_type(d['input'])}",
    "date_type": lambda d: (
        f"expected a local date such as 2026-10-01, got {_toml_type(d['input'])}"
    ),
    "timezone_aware": lambda d: (
        f"expected {_OFFSET_EXAMPLE}, got a local datetime without an offset"
    ),
    "string_too_long": lambda d: (
        f"expected at most {_ctx(d, 'max_length')} characters, got {len(d['input'])}"
    ),
    "too_short": lambda d: f"expected at least {_ctx(d, 'min_length')} item(s), got none",
    "string_pattern_mismatch": lambda d: (
        f"expected a lowercase ASCII code matching {_ctx(d, 'pattern')}, got {d['input']!r}"
    ),
    "literal_error": lambda d: f"expected {_ctx(d, 'expected')}, got {d['input']!r}",
    "value_error": lambda d: str(_ctx(d, "error")),
}


def _ctx(detail: ErrorDetails, key: str) -> object:
    """Return one context value of a pydantic error."""
    return detail.get("ctx", {}).get(key, "?")


def _expected(detail: ErrorDetails) -> str:
    """Say what was expected, in words an operator reading a log understands."""
    describe = _EXPECTED.get(detail["type"])
    return describe(detail) if describe else detail["msg"]


def _toml_type(value: object) -> str:
    """Name a parsed value's TOML type."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, datetime):
        return "an offset datetime" if value.tzinfo else "a local datetime"
    if isinstance(value, date):
        return "a local date"
    if isinstance(value, time):
        return "a local time"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, tuple | list):
        return "an array"
    return type(value).__name__
