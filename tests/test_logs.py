"""Secrets never reach the log: the bot token and invite codes, at DEBUG, libraries included."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from bot.core import Core
from bot.logs import REDACTED, configure_logging
from bot.settings import Settings
from bot.telegram import channel as telegram_channel
from handlers.identity.binding import issue_invite
from storage.db import transaction
from tests.recording_request import RecordingRequest
from tests.test_telegram_adapter import API_BASE, FILE_BASE, message_update

# Shaped like a real one, made up for the test.
TOKEN = "7012345678:AAF3kq9xZx0-c_Jv8mQwErTyUiOpAsDfGhJ"


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    """The real logging set-up, at DEBUG, writing into a buffer; the root restored after."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    stream = io.StringIO()
    yield stream
    for handler in root.handlers:
        handler.close()
    root.handlers[:], root.level = saved[0], saved[1]


def test_token_and_invite_codes_are_redacted_at_debug(
    core: Core, tmp_path: Path, log_stream: io.StringIO
) -> None:
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "DATA_DIR": str(tmp_path / "data"),
            "TELEGRAM_API_BASE_URL": API_BASE,
            "TELEGRAM_FILE_BASE_URL": FILE_BASE,
            "LOG_LEVEL": "DEBUG",
        }
    )
    configure_logging(settings, stream=log_stream)
    with transaction(core.engine) as session:
        code, *others = (
            issue_invite(
                session,
                officer_code=officer,
                now=core.clock(),
                ttl=core.config.invite_ttl,
                key=core.config.invite_key,
            )
            for officer in ("VP03", "PVHCC02", "PVHCC03", "PVHCC04")
        )
    now = int(core.clock().timestamp())
    # Other shapes binding accepts, each typed by another person after a bare /start.
    typed = [
        others[0].lower(),
        f"{others[1][:5]} {others[1][5:]}",
        f"{others[2][:5]}.{others[2][5:]}",
    ]
    batches: list[list[dict[str, Any]]] = [
        [message_update(31, 9_990_031, f"/start {code}", now)],
        [message_update(32, 9_990_031, "/moi PVHCC03", now)],
        *(
            [message_update(40 + n, 9_990_040 + n, text, now)]
            for n, text in enumerate(["/start", "/start", "/start", *typed])
        ),
    ]
    request = RecordingRequest(file_base_url=FILE_BASE + TOKEN)
    application = telegram_channel.build_application(settings, core, request=request)
    stop = asyncio.Event()

    def get_updates(_params: dict[str, Any]) -> list[dict[str, Any]]:
        if not batches:
            stop.set()
            return []
        return batches.pop(0)

    request.on_get_updates = get_updates
    asyncio.run(telegram_channel.serve(application, stop))
    # What an HTTP library writes at DEBUG: the URL, token and all, percent-encoded or not.
    logging.getLogger("aiohttp.client").debug(f"POST {API_BASE}{TOKEN}/getUpdates")
    logging.getLogger("urllib3").debug("GET %s", f"{FILE_BASE}{TOKEN.replace(':', '%3A')}/x")
    try:
        raise RuntimeError(f"failed calling {API_BASE}{TOKEN}/sendMessage")
    except RuntimeError:
        logging.getLogger("telegram.ext").exception("boom")

    written = log_stream.getvalue()
    invited = [c.text for c in request.sent() if "Mã mời" in c.text]
    assert invited, "the admin's /moi was not answered with a code"
    new_code = invited[0].split("Mã mời")[1].split(":", 1)[1].split()[0]
    bound = [c.text for c in request.sent() if "liên kết tài khoản thành công" in c.text]
    assert len(bound) == 4, "every shape of the codes was taken"
    assert "getUpdates" in written and "DEBUG" in written  # the debug lines are there
    assert written.count(REDACTED) >= 3  # the three library lines written above
    pieces = [piece for other in others for piece in (other[:5], other[5:])]
    for secret in (
        TOKEN,
        TOKEN.split(":")[1],
        code,
        new_code,
        *pieces,
        *(p.lower() for p in pieces),
    ):
        assert secret not in written, [line for line in written.splitlines() if secret in line]


def test_every_channel_secret_is_redacted(log_stream: io.StringIO) -> None:
    """The Zalo token and the webhook secret are named once, in SECRET_SETTINGS."""
    zalo_token, secret = "3141592653:zalo-made-up-token-value", "webhook-secret-made-up"
    settings = Settings.from_env(
        {
            "ZALO_BOT_TOKEN": zalo_token,
            "ZALO_UPDATE_MODE": "webhook",
            "ZALO_WEBHOOK_SECRET": secret,
            "LOG_LEVEL": "DEBUG",
        }
    )
    configure_logging(settings, stream=log_stream)
    logging.getLogger("aiohttp.client").debug("POST /bot%s/sendMessage %s", zalo_token, secret)
    written = log_stream.getvalue()
    assert zalo_token not in written and secret not in written
    assert written.count(REDACTED) == 2


def test_a_failed_statement_names_none_of_its_values(engine: Engine) -> None:
    """The error logged when a message cannot be handled holds what people wrote otherwise."""
    with pytest.raises(DBAPIError) as failed, engine.connect() as connection:
        connection.execute(
            text("INSERT INTO no_such_table VALUES (:result)"), {"result": "Kết quả riêng tư"}
        )
    assert "no_such_table" in str(failed.value)
    assert "riêng tư" not in str(failed.value)
