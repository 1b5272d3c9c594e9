"""Tests of the fake Zalo Bot API, driven through our own client over real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import pytest
from aiohttp import web

from bot.zalo.client import (
    BadRequest,
    DownloadFailed,
    QuotaExceeded,
    ServerTrouble,
    TooLarge,
    Unauthorized,
    ZaloClient,
)
from tests.fakes.zalo_api import SECRET_HEADER, FakeZaloAPI

T = TypeVar("T")
USER = "6ede9afa66b88fe6d6a9"


@pytest.fixture
def fake() -> Iterator[FakeZaloAPI]:
    with FakeZaloAPI() as api:
        yield api


def run(fake: FakeZaloAPI, scenario: Callable[[ZaloClient], Awaitable[T]], token: str = "") -> T:
    """Run an async scenario with an open client pointed at the fake."""

    async def main() -> T:
        client = ZaloClient(token or fake.token, fake.base_url)
        await client.open()
        try:
            return await scenario(client)
        finally:
            await client.close()

    return asyncio.run(main())


def test_get_me_gives_the_bot_id(fake: FakeZaloAPI) -> None:
    me = run(fake, lambda client: client.get_me())
    assert me["id"] == fake.bot_id and len(me["id"]) == 20


def test_a_wrong_token_is_unauthorized(fake: FakeZaloAPI) -> None:
    with pytest.raises(Unauthorized):
        run(fake, lambda client: client.get_me(), token="999:wrong")


def test_get_updates_gives_one_update_per_call_then_408(fake: FakeZaloAPI) -> None:
    first = fake.push(fake.text_event(USER, "một"))
    second = fake.push(fake.text_event(USER, "hai"))

    async def scenario(client: ZaloClient) -> list[dict[str, Any] | None]:
        return [await client.get_updates(timeout=0) for _ in range(3)]

    assert run(fake, scenario) == [first, second, None]


def test_a_long_poll_wakes_when_an_update_arrives(fake: FakeZaloAPI) -> None:
    async def scenario(client: ZaloClient) -> dict[str, Any] | None:
        poll = asyncio.create_task(client.get_updates(timeout=5))
        await fake.poll_waiting()
        fake.push(fake.text_event(USER, "muộn"))
        return await poll

    update = run(fake, scenario)
    assert update is not None and update["message"]["text"] == "muộn"


def test_webhook_rules_and_get_updates_refused_under_one(fake: FakeZaloAPI) -> None:
    async def scenario(client: ZaloClient) -> None:
        with pytest.raises(BadRequest):
            await client.set_webhook("http://bot.example.vn/zalo/webhook", "bi-mat-dai")
        with pytest.raises(BadRequest):
            await client.set_webhook("https://127.0.0.1/zalo/webhook", "bi-mat-dai")
        with pytest.raises(BadRequest):
            await client.set_webhook("https://bot.example.vn/zalo/webhook", "ngan")
        assert await client.set_webhook("https://bot.example.vn/zalo/webhook", "bi-mat-dai")
        info = await client.get_webhook_info()
        assert info["url"] == "https://bot.example.vn/zalo/webhook"
        with pytest.raises(BadRequest):
            await client.get_updates(timeout=0)
        fake.state.verification_ok = False
        assert not await client.set_webhook("https://bot.example.vn/zalo/webhook", "bi-mat-dai")
        await client.delete_webhook()
        assert await client.get_updates(timeout=0) is None

    run(fake, scenario)


def test_send_message_takes_1_to_2000_characters(fake: FakeZaloAPI) -> None:
    async def scenario(client: ZaloClient) -> None:
        for bad in ["", "x" * 2001]:
            with pytest.raises(BadRequest):
                await client.send_message(USER, bad)
        result = await client.send_message(USER, "x" * 2000)
        assert len(result["message_id"]) == 20

    run(fake, scenario)
    assert fake.texts_to(USER) == ["x" * 2000]


def test_send_photo_fetches_its_url_twice(fake: FakeZaloAPI) -> None:
    good = fake.host("bieu-do.png", b"png")
    gone = fake.host("cu.png", b"png")
    fake.expire(gone)

    async def scenario(client: ZaloClient) -> None:
        await client.send_photo(USER, good, caption="Biểu đồ")
        await client.send_photo(USER, gone)

    run(fake, scenario)
    assert [s.fetches for s in fake.sent] == [[200, 200], [403, 403]]
    assert fake.hits(good) == 2
    assert fake.sent[0].params["caption"] == "Biểu đồ"


def test_429_and_403_on_demand(fake: FakeZaloAPI) -> None:
    fake.fail("sendMessage", 429)
    fake.fail("sendMessage", 403)

    async def scenario(client: ZaloClient) -> None:
        with pytest.raises(QuotaExceeded):
            await client.send_message(USER, "một")
        with pytest.raises(ServerTrouble) as refused:
            await client.send_message(USER, "hai")
        assert "internal server error" in refused.value.description.lower()
        await client.send_message(USER, "ba")

    run(fake, scenario)
    assert fake.texts_to(USER) == ["ba"]


def test_a_400_for_one_chat_and_a_gateway_502_on_demand(fake: FakeZaloAPI) -> None:
    other = "a1b2c3d4e5f6a7b8c9d0"
    fake.fail("sendMessage", 400, chat_id=USER)
    fake.fail("sendMessage", 502)

    async def scenario(client: ZaloClient) -> None:
        with pytest.raises(ServerTrouble) as outage:  # the 400 waits for its own chat
            await client.send_message(other, "một")
        assert outage.value.code == 502 and "not a Zalo answer" in outage.value.description
        await client.send_message(other, "hai")
        with pytest.raises(BadRequest):
            await client.send_message(USER, "ba")
        await client.send_message(USER, "bốn")

    run(fake, scenario)
    assert (fake.texts_to(other), fake.texts_to(USER)) == (["hai"], ["bốn"])


def test_cdn_urls_expire_and_downloads_are_bounded(fake: FakeZaloAPI) -> None:
    url = fake.host("anh.jpg", b"j" * 1000)

    async def scenario(client: ZaloClient) -> None:
        assert await client.download(url, max_bytes=1000) == b"j" * 1000
        with pytest.raises(TooLarge):
            await client.download(url, max_bytes=999)
        fake.expire(url)
        with pytest.raises(DownloadFailed):
            await client.download(url, max_bytes=1000)

    run(fake, scenario)


def test_echoed_sends_come_back_from_the_bot(fake: FakeZaloAPI) -> None:
    fake.state.echo_sends = True

    async def scenario(client: ZaloClient) -> dict[str, Any] | None:
        await client.send_message(USER, "Xin chào")
        return await client.get_updates(timeout=0)

    echo = run(fake, scenario)
    assert echo is not None
    assert echo["message"]["from"]["id"] == fake.bot_id and echo["message"]["text"] == "Xin chào"


@asynccontextmanager
async def receiver(seen: list[tuple[dict[str, str], bytes]]) -> AsyncIterator[str]:
    """A webhook endpoint on 127.0.0.1 that records each delivery; its URL."""

    async def hook(request: web.Request) -> web.Response:
        seen.append((dict(request.headers), await request.read()))
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/zalo/webhook", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}/zalo/webhook"
    finally:
        await runner.cleanup()


def test_webhook_deliveries_wrapped_bare_probe_and_duplicate(fake: FakeZaloAPI) -> None:
    seen: list[tuple[dict[str, str], bytes]] = []
    event = fake.text_event(USER, "Xin chào")
    fake.state.webhook_secret = "bi-mat-dai"

    async def main() -> list[int]:
        async with receiver(seen) as url:
            return [
                await fake.deliver(url, event),
                await fake.deliver(url, event, wrapped=True),
                await fake.deliver(url, event),  # Zalo delivering the same event again
                await fake.deliver(url, None),  # the empty probe
                await fake.deliver(url, event, secret=""),
            ]

    assert asyncio.run(main()) == [200] * 5
    bodies = [json.loads(body) if body else None for _, body in seen]
    assert bodies == [event, {"ok": True, "result": event}, event, None, event]
    assert all(headers["User-Agent"].startswith("Java/1.8.0_") for headers, _ in seen)
    assert [headers.get(SECRET_HEADER) for headers, _ in seen] == ["bi-mat-dai"] * 4 + [None]
