"""A file's name as the user gave it, made safe once where files enter the core.

A name is shown back in chat, sent with the file to others and written into archives, so it
must not carry a path (`../../etc/passwd.pdf`), characters that reorder or hide text (a
right-to-left override makes `fdp.exe` read as a PDF), controls (NUL, CR, LF) or a length no
system accepts. The name as given is kept only in the audit log.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

from handlers import texts
from handlers.engine.audit import audit
from handlers.engine.context import Context

# Long enough for any real document title, short enough for every file system and column.
MAX_NAME_LENGTH = 120
MAX_SUFFIX_LENGTH = 10
# Controls, format marks (bidi overrides, zero-width characters), surrogates, private use,
# unassigned code points, and line or paragraph separators.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
# Characters Windows refuses in a name; a path separator never gets this far.
_RESERVED = re.compile(r'[<>:"|?*]')
_SPACES = re.compile(r"\s+")


def clean_file_name(name: str) -> str:
    """The last part of the path, without hidden or reordering characters, of bounded length."""
    name = unicodedata.normalize("NFC", name)
    kept = "".join(ch for ch in name if unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    base = re.split(r"[/\\]", kept)[-1]
    base = _SPACES.sub(" ", _RESERVED.sub("_", base)).strip(" .")
    if len(base) > MAX_NAME_LENGTH:
        suffix = PurePosixPath(base).suffix
        suffix = suffix if len(suffix) <= MAX_SUFFIX_LENGTH else ""
        base = base[: MAX_NAME_LENGTH - len(suffix)].rstrip(" .") + suffix
    return base or texts.UNNAMED_FILE


def audit_renamed(ctx: Context, *, given: str, kept: str, file_id: str) -> None:
    """Keep the name a file was sent under in the audit log, when it had to be made safe."""
    if given != kept:
        audit(
            ctx,
            action="file.rename",
            entity="file",
            entity_id=file_id,
            before={"name": given},
            after={"name": kept},
        )
