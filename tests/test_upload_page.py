"""The evidence upload page: a one-time link bound to an officer's draft, the same checks as
chat evidence, a bounded streamed body; and download links for files the bot sends out."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

import aiohttp
from aiohttp.test_utils import TestClient, TestServer
from sqlmodel import select

from bot.core import Core
from bot.settings import Settings
from bot.web.files import WebFileLinks
from bot.web.inbox import InboxWorker
from bot.web.server import build_web_app
from handlers import texts
from handlers.engine.file_names import MAX_NAME_LENGTH, clean_file_name
from storage.db import transaction
from storage.models import AuditEntry, Conversation, Outbox, WebLink
from storage.queries.weblinks import token_hash
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.flows import Turn, play
from tests.test_report_flow import OFFICER_REPORT, PDF, png_bytes
from tests.upload_helpers import LINK, PUBLIC, at_evidence_step, with_web_door


def _post(core: Core, token: str, files: list[tuple[str, bytes]]) -> tuple[int, dict[str, object]]:
    async def main() -> tuple[int, dict[str, object]]:
        worker = InboxWorker(engine=core.engine, handlers={}, clock=core.clock)
        client = TestClient(TestServer(build_web_app(core, worker, []), host="127.0.0.1"))
        await client.start_server()
        try:
            # Names sent as written (a browser's own, say), not percent-encoded by aiohttp.
            form = aiohttp.FormData(quote_fields=False)
            for name, content in files:
                form.add_field("files", content, filename=name)
            response = await client.post(f"/upload/{token}", data=form)
            return response.status, await response.json()
        finally:
            await client.close()

    return asyncio.run(main())


def _get(core: Core, path: str) -> tuple[int, dict[str, str], bytes]:
    async def main() -> tuple[int, dict[str, str], bytes]:
        worker = InboxWorker(engine=core.engine, handlers={}, clock=core.clock)
        client = TestClient(TestServer(build_web_app(core, worker, []), host="127.0.0.1"))
        await client.start_server()
        try:
            response = await client.get(path)
            return response.status, dict(response.headers), await response.read()
        finally:
            await client.close()

    return asyncio.run(main())


def test_the_link_is_offered_bound_to_the_draft_and_stored_hashed(core: Core) -> None:
    _, token = at_evidence_step(core)
    with transaction(core.engine) as session:
        link = session.exec(select(WebLink)).one()
        conversation = session.exec(select(Conversation)).one()
    assert link.token_hash == token_hash(token) and token not in link.token_hash
    assert link.kind == "upload" and link.conversation_id == conversation.id
    assert link.draft_nonce == conversation.answers["_nonce"]
    assert link.expires_at == core.clock() + timedelta(minutes=30)
    status, _, page = _get(core, f"/upload/{token}")
    assert status == 200 and texts.PAGE_NO_PICKER.encode() in page


def test_files_go_into_the_draft_and_the_chat_is_told(core: Core) -> None:
    chat, token = at_evidence_step(core)
    status, body = _post(
        core, token, [("ke-hoach.pdf", PDF), ("anh.png", png_bytes()), ("virus.pdf", b"MZ\x90")]
    )
    assert status == 200
    assert [line.split(" (")[0] for line in body["accepted"]] == ["ke-hoach.pdf", "anh.png"]  # type: ignore[union-attr]
    assert body["refused"] == [texts.EVIDENCE_BAD_TYPE.format(name="virus.pdf")]
    with transaction(core.engine) as session:
        row = session.exec(select(Outbox)).one()
        link = session.exec(select(WebLink).where(WebLink.token_hash == token_hash(token))).one()
    assert row.chat_id == chat.user_id and texts.UPLOAD_ARRIVED_HEADER in row.text
    assert "ke-hoach.pdf" in row.text and link.used_at is not None
    # The chat's message offers a fresh link for more, and the draft lists the files.
    assert PUBLIC + "/upload/" in row.text and token not in row.text
    play(chat, [Turn(press="Xong", expect="ke-hoach.pdf")])
    assert "anh.png" in chat.text


def test_a_used_expired_forged_or_dead_link_stores_nothing(core: Core, clock: FakeClock) -> None:
    chat, token = at_evidence_step(core)
    assert _post(core, token, [("a.pdf", PDF)])[0] == 200
    status, body = _post(core, token, [("b.png", png_bytes("blue"))])
    assert status == 410 and body["problem"] == texts.UPLOAD_LINK_DEAD
    assert _post(core, "forged-token", [("b.png", png_bytes("blue"))])[0] == 410
    chat.send("ảnh")  # a new prompt: a fresh link, the earlier one is used
    fresh = LINK.findall(chat.text)
    clock.advance(minutes=31)
    assert _post(core, fresh[0], [("b.png", png_bytes("blue"))])[0] == 410
    status, _, page = _get(core, f"/upload/{fresh[0]}")
    assert status == 410 and texts.UPLOAD_LINK_DEAD.encode() in page
    with transaction(core.engine) as session:
        assert len(session.exec(select(Outbox)).all()) == 1


def test_a_fresh_link_revokes_the_drafts_earlier_one_and_only_that(core: Core) -> None:
    chat, earlier = at_evidence_step(core)
    _, other = at_evidence_step(core, officer="VP04")
    chat.send("ảnh")  # the prompt again, with a fresh link
    fresh = LINK.findall(chat.text)[0]
    status, body = _post(core, earlier, [("a.pdf", PDF)])
    assert status == 410 and body["problem"] == texts.UPLOAD_LINK_DEAD
    assert _post(core, fresh, [("a.pdf", PDF)])[0] == 200
    assert _post(core, other, [("b.pdf", PDF)])[0] == 200  # another officer's draft's link


def test_a_cancelled_draft_kills_its_link(core: Core) -> None:
    chat, token = at_evidence_step(core)
    chat.send("/huy")
    status, body = _post(core, token, [("a.pdf", PDF)])
    assert status == 410 and body["problem"] == texts.UPLOAD_DRAFT_GONE


def test_a_body_over_the_bound_is_refused_before_it_is_read(core: Core) -> None:
    _, token = at_evidence_step(core)

    async def main() -> int:
        worker = InboxWorker(engine=core.engine, handlers={}, clock=core.clock)
        client = TestClient(TestServer(build_web_app(core, worker, []), host="127.0.0.1"))
        await client.start_server()
        try:
            headers = {
                "Content-Length": str(11 * core.config.max_file_bytes + 10**6),
                "Content-Type": "multipart/form-data; boundary=x",
            }
            response = await client.post(f"/upload/{token}", data=b"--x--", headers=headers)
            return response.status
        finally:
            await client.close()

    assert asyncio.run(main()) == 413


def test_a_file_over_the_limit_is_refused_with_the_chat_rule(core: Core) -> None:
    _, token = at_evidence_step(core)
    core.config = replace(core.config, max_file_bytes=4096)
    status, body = _post(core, token, [("big.pdf", PDF + b"0" * 5000)])
    assert status == 200 and body["accepted"] == []
    assert "vượt giới hạn" in body["refused"][0]  # type: ignore[index]


def test_download_links_serve_repeatedly_until_they_expire(core: Core, clock: FakeClock) -> None:
    settings = Settings.from_env(
        {"PUBLIC_BASE_URL": PUBLIC, "DOWNLOAD_LINK_MINUTES": "2", "DATA_DIR": "unused"}
    )
    links = WebFileLinks.from_settings(settings, core)
    url = links.link_for(
        channel="zalo", chat_id="c1", name='Bảng "tổng hợp".xlsx', content=b"PK\x03\x04x"
    )
    photo = links.link_for(channel="zalo", chat_id="c1", name="bieu-do.png", content=png_bytes())
    path, photo_path = url.removeprefix(PUBLIC), photo.removeprefix(PUBLIC)
    for _ in range(2):
        status, headers, content = _get(core, path)
        assert status == 200 and content == b"PK\x03\x04x"
    disposition = headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Bang tong hop.xlsx"')
    assert "filename*=UTF-8''B%E1%BA%A3ng%20%22t%E1%BB%95ng%20h%E1%BB%A3p%22.xlsx" in disposition
    clock.advance(minutes=5)
    assert _get(core, path)[0] == 404
    status, headers, _ = _get(core, photo_path)  # a photo's link lives at least ten minutes
    assert status == 200 and headers["Content-Type"] == "image/png"
    clock.advance(minutes=6)
    status, _, page = _get(core, photo_path)
    assert status == 404 and texts.DOWNLOAD_LINK_DEAD.encode() in page
    assert _get(core, "/file/forged")[0] == 404


def test_a_file_too_big_for_the_platform_gets_the_page_offered(
    core: Core, make_chat: type[Chat]
) -> None:
    with_web_door(core)
    chat = make_chat("PVHCC03")
    play(chat, OFFICER_REPORT[:11])
    assert PUBLIC not in chat.text  # a channel that carries documents is not offered the page
    chat.send_file("so-lieu.xlsx", None, size=30 * 1024 * 1024)
    assert "vượt giới hạn" in chat.text and len(LINK.findall(chat.text)) == 1


def test_names_from_the_page_are_made_safe_as_in_chat_the_given_ones_audited(core: Core) -> None:
    _, token = at_evidence_step(core)
    given = [
        "../../etc/passwd.pdf",
        'bao<cao>:"so"|1?.pdf',
        "hoa-don\u202efdp.pdf",
        "x" * 200 + ".pdf",
    ]
    status, body = _post(core, token, [(n, PDF + str(i).encode()) for i, n in enumerate(given)])
    assert status == 200
    kept = [clean_file_name(name) for name in given]
    assert [line.split(" (")[0] for line in body["accepted"]] == kept  # type: ignore[union-attr]
    assert kept[0] == "passwd.pdf" and len(kept[3]) == MAX_NAME_LENGTH
    with transaction(core.engine) as session:
        renames = session.exec(select(AuditEntry).where(AuditEntry.action == "file.rename")).all()
    assert [(entry.before["name"], entry.after["name"]) for entry in renames] == list(
        zip(given, kept, strict=True)
    )
