"""Finding a unit by what a person types: its code, or part of its name without accents."""

from __future__ import annotations

import unicodedata

from handlers.engine.context import Context
from storage.models import Unit
from storage.queries.status import active_units


def _folded(text: str) -> str:
    """Lower case without accents, so «van hoa» finds «Văn hóa»."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def find_units(ctx: Context, query: str) -> list[Unit]:
    """Units whose code is the query, else whose code or name contains it (accents ignored)."""
    units = active_units(ctx.session)
    wanted = _folded(query.strip())
    exact = [u for u in units if _folded(u.code) == wanted]
    if exact:
        return exact
    return [u for u in units if wanted in _folded(u.code) or wanted in _folded(u.name)]
