"""The aiohttp request backend, through PTB's Bot, against the fake Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import TypeVar

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.telegram.request import AiohttpRequest
from tests.fakes.telegram_api import FakeTelegramAPI

T = TypeVar("T")
USER = 4_242


@pytest.fixture
def fake() -> Iterator[FakeTelegramAPI]:
    with FakeTelegramAPI() as api:
        yield api


def with_bot(fake: FakeTelegramAPI, use: Callable[[Bot], Awaitable[T]]) -> T:
    """Run `use` with a PTB Bot whose every call goes through an AiohttpRequest."""

    async def main() -> T:
        bot = Bot(
            fake.token,
            base_url=fake.base_url,
            base_file_url=fake.file_base_url,
            request=AiohttpRequest(connection_pool_size=2),
            get_updates_request=AiohttpRequest(connection_pool_size=1),
        )
        async with bot:
            return await use(bot)

    return asyncio.run(main())


def test_a_message_with_a_keyboard_arrives_as_sent(fake: FakeTelegramAPI) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Gửi", callback_data="f.r.send")]])

    async def send(bot: Bot) -> int:
        message = await bot.send_message(USER, "Xem lại báo cáo", reply_markup=markup)
        return message.message_id

    message_id = with_bot(fake, send)
    [record] = fake.sent(USER)
    assert record["message_id"] == message_id
    assert record["text"] == "Xem lại báo cáo"
    assert record["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "f.r.send"


def test_a_document_is_uploaded_as_multipart_and_downloads_back(fake: FakeTelegramAPI) -> None:
    content = b"%PDF-1.4 to trinh\n" * 50

    async def round_trip(bot: Bot) -> bytes:
        sent = await bot.send_document(USER, InputFile(content, filename="to-trinh.pdf"))
        assert sent.document is not None
        remote = await bot.get_file(sent.document.file_id)
        return bytes(await remote.download_as_bytearray())

    assert with_bot(fake, round_trip) == content
    [record] = fake.sent(USER)
    assert record["filename"] == "to-trinh.pdf"
    assert record["data"] == content
    assert len(fake.downloads) == 1


def test_a_document_whose_stored_name_no_header_can_carry_is_sent_under_a_safe_one(
    fake: FakeTelegramAPI,
) -> None:
    async def send(bot: Bot) -> None:
        await bot.send_document(USER, InputFile(b"%PDF-1.4\n", filename="bao\r\ncao.pdf"))

    with_bot(fake, send)
    [record] = fake.sent(USER)
    assert record["filename"] == "baocao.pdf"


def test_api_errors_keep_their_meaning(fake: FakeTelegramAPI) -> None:
    """Telegram's JSON error answers reach PTB whole, so it raises its own exceptions."""
    fake.fail_next("sendMessage", USER, status=429, retry_after=3)
    fake.fail_next("sendMessage", USER, status=400, description="Bad Request: chat not found")

    async def send_twice(bot: Bot) -> list[BaseException]:
        errors: list[BaseException] = []
        for _ in range(2):
            try:
                await bot.send_message(USER, "xin chào")
            except (RetryAfter, BadRequest) as error:
                errors.append(error)
        return errors

    rate_limited, refused = with_bot(fake, send_twice)
    assert isinstance(rate_limited, RetryAfter)
    assert isinstance(refused, BadRequest)
    assert "chat not found" in refused.message.lower()


def test_a_server_that_never_answers_times_out() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/botTOKEN/getMe"

        async def call() -> None:
            async with AiohttpRequest(connection_pool_size=1, read_timeout=0.2) as request:
                await request.post(url)

        with pytest.raises(TimedOut):
            asyncio.run(call())


def test_a_long_download_that_keeps_flowing_is_not_cut_off() -> None:
    """Timeouts apply to each read, as with httpx, not to the whole request: a file that takes
    longer than read + connect + pool timeouts together, but never pauses long, arrives."""
    chunks, gap = 30, 0.05  # 1.5 s in all; the longest pause is 20 times shorter than 1 s

    def serve(listener: socket.socket) -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            for _ in range(chunks):
                time.sleep(gap)
                connection.sendall(b"400\r\n" + b"x" * 1024 + b"\r\n")
            connection.sendall(b"0\r\n\r\n")

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        threading.Thread(target=serve, args=(listener,), daemon=True).start()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/file/botTOKEN/big.pdf"

        async def download() -> bytes:
            request = AiohttpRequest(
                connection_pool_size=1, read_timeout=1.0, connect_timeout=0.1, pool_timeout=0.1
            )
            async with request:
                return await request.retrieve(url)

        assert asyncio.run(download()) == b"x" * 1024 * chunks


class RecordingProxy:
    """A plain HTTP proxy stand-in on 127.0.0.1: notes each request line, answers getMe."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}"

    def _serve(self) -> None:
        body = b'{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"B","username":"b"}}'
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with connection:
                request = connection.recv(65536).decode("latin-1")
                self.lines.append(request.split("\r\n", 1)[0])
                head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n"
                connection.sendall(head.encode() + b"Connection: close\r\n\r\n" + body)


def test_the_proxy_the_environment_names_is_used_unless_bypassed(
    monkeypatch: pytest.MonkeyPatch, fake: FakeTelegramAPI
) -> None:
    proxy = RecordingProxy()
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")

    async def call(url: str) -> int:
        async with AiohttpRequest(connection_pool_size=1) as request:
            status, _ = await request.do_request(url, "POST")
            return status

    assert asyncio.run(call("http://api.telegram.invalid/botTOKEN/getMe")) == 200
    assert proxy.lines == ["POST http://api.telegram.invalid/botTOKEN/getMe HTTP/1.1"]
    # The fake Bot API on 127.0.0.1 is on NO_PROXY: reached directly.
    assert asyncio.run(call(f"{fake.base_url}{fake.token}/getMe")) == 200
    assert len(proxy.lines) == 1
    proxy.listener.close()


def test_a_refused_connection_is_a_network_error() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    # Nothing listens on the port any more.

    async def call() -> None:
        async with AiohttpRequest(connection_pool_size=1) as request:
            await request.post(f"http://127.0.0.1:{port}/botTOKEN/getMe")

    with pytest.raises(NetworkError):
        asyncio.run(call())


def test_a_request_before_initialize_is_refused() -> None:
    async def call() -> None:
        await AiohttpRequest(connection_pool_size=1).do_request("http://127.0.0.1:9/", "POST")

    with pytest.raises(RuntimeError, match="not initialized"):
        asyncio.run(call())
