"""The upload page and the download links: bytes carried to and from the core, nothing decided."""

from __future__ import annotations

import asyncio
import mimetypes
import os
import tempfile
import unicodedata
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import quote

from aiohttp import BodyPartReader, web

from bot.core import Core
from bot.web.page import message_page, upload_page
from handlers import texts
from handlers.reports.evidence import human_size
from handlers.reports.upload import ReceivedFile, UploadOutcome, receive_upload, upload_page_state
from storage.db import transaction
from storage.models import WebLinkKind
from storage.queries.weblinks import live_link

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
# Files one page sends at a time.
MAX_FILES = 10
CHUNK = 64 * 1024
# The multipart framing around the files (boundaries, part headers).
FRAMING_BYTES = 64 * 1024
DOWNLOAD_PATH = "/file/"
# Served for what they are, shown in the browser; anything else is a download.
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp"}


def add_upload_routes(app: web.Application, core: Core) -> None:
    app.router.add_get("/upload/{token}", _page(core))
    app.router.add_post("/upload/{token}", _receive(core))
    app.router.add_get(DOWNLOAD_PATH + "{token}", _download(core))


def _html(text: str, status: int = 200) -> web.Response:
    return web.Response(
        text=text,
        status=status,
        content_type="text/html",
        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
    )


def _page(core: Core) -> Handler:
    async def page(request: web.Request) -> web.Response:
        problem = await asyncio.to_thread(_state, core, request.match_info["token"])
        if problem:
            return _html(message_page(texts.PAGE_LINK_TITLE, problem), status=410)
        limit = human_size(core.config.max_file_bytes)
        return _html(upload_page(limit=limit, max_files=MAX_FILES))

    return page


def _state(core: Core, token: str) -> str:
    with transaction(core.engine) as session:
        return upload_page_state(session, token=token, now=core.clock())


def _receive(core: Core) -> Handler:
    async def receive(request: web.Request) -> web.Response:
        token = request.match_info["token"]
        bound = MAX_FILES * (core.config.max_file_bytes + 1) + FRAMING_BYTES
        # Refused before a byte of the body is read: no length, or more than the page may send.
        if request.content_length is None or request.content_length > bound:
            limit = human_size(core.config.max_file_bytes)
            problem = texts.PAGE_BODY_TOO_LARGE.format(limit=limit, count=MAX_FILES)
            return web.json_response({"problem": problem}, status=413)
        problem = await asyncio.to_thread(_state, core, token)
        if problem:
            return web.json_response({"problem": problem}, status=410)
        received: list[ReceivedFile] = []
        try:
            received = await _write_parts(request, core)
            outcome = await asyncio.to_thread(_store, core, token, received)
        finally:
            for upload in received:
                upload.path.unlink(missing_ok=True)  # those taken were moved into the store
        if outcome.problem:
            return web.json_response({"problem": outcome.problem}, status=410)
        return web.json_response({"accepted": outcome.accepted, "refused": outcome.refused})

    return receive


async def _write_parts(request: web.Request, core: Core) -> list[ReceivedFile]:
    """Stream each file part to its own file on disk, writing no more than limit + 1 bytes."""
    reader = await request.multipart()
    received: list[ReceivedFile] = []
    try:
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader) or not part.filename:
                continue
            if len(received) >= MAX_FILES:
                break
            received.append(await _write_part(part, core))
    except BaseException:
        for upload in received:
            upload.path.unlink(missing_ok=True)
        raise
    return received


async def _write_part(part: BodyPartReader, core: Core) -> ReceivedFile:
    keep = core.config.max_file_bytes + 1
    handle, name = tempfile.mkstemp(dir=core.files.incoming_dir(), prefix="upload-")
    size = 0
    with os.fdopen(handle, "wb") as out:
        while chunk := await part.read_chunk(CHUNK):
            if size < keep:
                out.write(chunk[: keep - size])
            size += len(chunk)
    return ReceivedFile(name=part.filename or "", path=Path(name), size=size)


def _store(core: Core, token: str, received: list[ReceivedFile]) -> UploadOutcome:
    with transaction(core.engine) as session:
        return receive_upload(
            session,
            token=token,
            received=received,
            now=core.clock(),
            campaign=core.campaign,
            config=core.config,
            files=core.files,
        )


def _download(core: Core) -> Handler:
    async def download(request: web.Request) -> web.StreamResponse:
        found = await asyncio.to_thread(_download_target, core, request.match_info["token"])
        if found is None:
            return _html(message_page(texts.DOWNLOAD_LINK_TITLE, texts.DOWNLOAD_LINK_DEAD), 404)
        path, name = found
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        disposition = "inline" if kind in INLINE_TYPES else "attachment"
        if disposition == "attachment":
            kind = kind if kind != "text/html" else "application/octet-stream"
        return web.FileResponse(
            path,
            headers={
                "Content-Type": kind,
                "Content-Disposition": content_disposition(disposition, name),
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "private, no-store",
            },
        )

    return download


def _download_target(core: Core, token: str) -> tuple[Path, str] | None:
    with transaction(core.engine) as session:
        link = live_link(session, token=token, kind=WebLinkKind.DOWNLOAD, now=core.clock())
        if link is None or link.file_sha256 is None:
            return None
        path = core.files.path_for(link.file_sha256)
        return (path, link.file_name) if path.exists() else None


def content_disposition(disposition: str, name: str) -> str:
    """RFC 6266: an ASCII fallback name and the real one encoded, never a raw quote or newline."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = "".join(ch for ch in ascii_name if ch.isalnum() or ch in "._- ") or "tep"
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
