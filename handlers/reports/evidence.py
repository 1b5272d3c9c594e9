"""Evidence intake: check a file's size and real type, store it once, describe it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import filetype

from handlers import texts
from handlers.engine.context import Context
from handlers.engine.forms import Invalid
from handlers.engine.messages import Attachment
from storage.queries.reports import record_stored_file

# What a ward office sends as evidence: documents, spreadsheets and photos. The type is
# read from the bytes, so a renamed executable is refused whatever its name says.
ACCEPTED_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "heic": "image/heic",
}

# filetype reads at most this many bytes of a file to tell its type.
SNIFF_BYTES = 8192


def human_size(size: int) -> str:
    """A size as people read it: 850 KB, 3,2 MB (Vietnamese decimal comma)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def accept_file(ctx: Context, attachment: Attachment) -> dict[str, Any]:
    """Validate and store an uploaded file; returns the evidence item kept in the draft."""
    name = attachment.name
    limit = ctx.config.max_file_bytes
    if attachment.size > limit or (
        attachment.content is not None and len(attachment.content) > limit
    ):
        raise Invalid(
            texts.EVIDENCE_TOO_LARGE.format(
                name=name, size=human_size(attachment.size), limit=human_size(limit)
            )
        )
    content = attachment.content
    if content is None:
        raise Invalid(texts.EVIDENCE_NOT_FETCHED.format(name=name))
    extension = _checked_type(name, content)
    return _record(ctx, name, extension, ctx.files.put(content), len(content), attachment.is_photo)


def accept_received_file(ctx: Context, name: str, path: Path, size: int) -> dict[str, Any]:
    """Validate and store a file the upload page wrote to disk, under the same rules as a
    file sent in chat; the file is moved into the store (or left for the caller to delete).

    `size` is what arrived; the page stops writing a file once it is over the limit.
    """
    limit = ctx.config.max_file_bytes
    if size > limit:
        raise Invalid(
            texts.EVIDENCE_TOO_LARGE.format(
                name=name, size=human_size(size), limit=human_size(limit)
            )
        )
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    extension = _checked_type(name, head)
    is_photo = ACCEPTED_TYPES[extension].startswith("image/")
    return _record(ctx, name, extension, ctx.files.put_path(path), size, is_photo)


def _checked_type(name: str, head: bytes) -> str:
    """The file's real type (its extension) from its first bytes; Invalid when not accepted."""
    if not head:
        raise Invalid(texts.EVIDENCE_EMPTY.format(name=name))
    kind = filetype.guess(head)
    if kind is None or kind.extension not in ACCEPTED_TYPES:
        raise Invalid(texts.EVIDENCE_BAD_TYPE.format(name=name))
    return str(kind.extension)


def _record(
    ctx: Context, name: str, extension: str, sha256: str, size: int, is_photo: bool
) -> dict[str, Any]:
    if ctx.officer is None or ctx.officer.id is None:
        raise ValueError("evidence accepted without a bound officer")
    record_stored_file(
        ctx.session,
        sha256=sha256,
        size=size,
        mime_type=ACCEPTED_TYPES[extension],
        extension=extension,
        uploaded_by=ctx.officer.id,
        now=ctx.now,
    )
    return {
        "kind": "photo" if is_photo else "file",
        "sha256": sha256,
        "name": name,
        "size": size,
        "mime_type": ACCEPTED_TYPES[extension],
    }


def link_item(url: str, *, maximum: int) -> dict[str, Any]:
    """A link as evidence; one longer than the column that keeps it is refused in words."""
    if len(url) > maximum:
        raise Invalid(texts.LINK_TOO_LONG.format(length=len(url), maximum=maximum))
    return {"kind": "link", "url": url, "name": url}


def describe(item: dict[str, Any]) -> str:
    """One line for an evidence item in a list."""
    if item["kind"] == "link":
        return f"🔗 {item['url']}"
    icon = "🖼" if item["kind"] == "photo" else "📄"
    line = f"{icon} {item['name']} ({human_size(int(item['size']))})"
    note = item.get("description")
    return f"{line} — {note}" if note else line
