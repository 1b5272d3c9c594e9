"""The Zalo client: the envelope decides success, errors are typed, the token never shows."""

from __future__ import annotations

import asyncio
import logging
import socket
import traceback
from collections.abc import Iterator

import pytest

from bot.zalo.client import (
    BadRequest,
    NetworkTrouble,
    ServerTrouble,
    ZaloClient,
    ZaloError,
    error_for,
)
from tests.fakes.zalo_api import FakeZaloAPI

USER = "6ede9afa66b88fe6d6a9"


@pytest.fixture
def fake() -> Iterator[FakeZaloAPI]:
    with FakeZaloAPI() as api:
        yield api


def closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def failing_call(token: str, base_url: str) -> ZaloError:
    client = ZaloClient(token, base_url)
    await client.open()
    try:
        await client.send_message(USER, "")
    except ZaloError as error:
        return error
    finally:
        await client.close()
    raise AssertionError("the call did not fail")


def shows_token(error: BaseException, logs: str, token: str) -> bool:
    """Whether the token is anywhere a person could read it: logs, text, repr, traceback."""
    told = "".join(traceback.format_exception(error))
    return any(token in text for text in [logs, str(error), repr(error), told])


def test_error_codes_become_typed_errors() -> None:
    assert type(error_for(400, "")) is BadRequest
    assert type(error_for(403, "Internal server error")) is ServerTrouble
    assert type(error_for(502, "")) is ServerTrouble
    assert type(error_for(404, "")) is ZaloError


def test_a_refused_call_never_shows_the_token(
    fake: FakeZaloAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    error = asyncio.run(failing_call(fake.token, fake.base_url))
    assert isinstance(error, BadRequest) and error.code == 400
    assert not shows_token(error, caplog.text, fake.token)


def test_a_network_error_never_shows_the_token(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    token = "1234567890:secretTOKENvalue"
    error = asyncio.run(failing_call(token, f"http://127.0.0.1:{closed_port()}"))
    assert isinstance(error, NetworkTrouble) and error.code == 0
    assert "sendMessage" in str(error)
    assert not shows_token(error, caplog.text, token)


def test_an_answer_that_is_not_an_envelope_is_an_error(
    fake: FakeZaloAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    # The fake's CDN answers 404 without an envelope for any unknown path.
    error = asyncio.run(failing_call(fake.token, f"{fake.base_url}/cdn"))
    assert error.code == 404
    assert not shows_token(error, caplog.text, fake.token)


def test_a_description_that_echoes_the_token_is_scrubbed() -> None:
    client = ZaloClient("1234567890:secretTOKENvalue", "http://127.0.0.1:1")
    assert client._scrub("bad URL /bot1234567890:secretTOKENvalue/x") == "bad URL /bot<token>/x"
