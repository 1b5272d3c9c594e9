"""Polling the fake Bot API: an update the library cannot read is skipped, the others answered."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core import Core
from bot.settings import Settings
from bot.telegram import channel as telegram_channel
from bot.telegram.polling import MAX_TRIES
from tests.fakes.telegram_api import FakeTelegramAPI

WAIT_SECONDS = 30
SECRET_WORDS = "nội dung riêng tư của tin nhắn hỏng"


@pytest.fixture
def fake() -> Iterator[FakeTelegramAPI]:
    with FakeTelegramAPI() as api:
        yield api


def _serve_until(core: Core, fake: FakeTelegramAPI, tmp_path: Path, done: object) -> None:
    """The real channel polls the fake until `done()` holds (or the wait runs out)."""
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": fake.token,
            "TELEGRAM_API_BASE_URL": fake.base_url,
            "TELEGRAM_FILE_BASE_URL": fake.file_base_url,
            "DATA_DIR": str(tmp_path / "data"),
        }
    )
    application = telegram_channel.build_application(settings, core)

    async def main() -> None:
        stop = asyncio.Event()
        serving = asyncio.create_task(telegram_channel.serve(application, stop))
        await asyncio.to_thread(fake.state.wait_for, done, WAIT_SECONDS)  # type: ignore[arg-type]
        stop.set()
        await serving

    asyncio.run(main())


def test_an_unreadable_update_is_skipped_and_never_stops_the_others(
    core: Core, fake: FakeTelegramAPI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A message whose chat is not an object: python-telegram-bot cannot read it.
    broken = fake.state.push_update(
        "message",
        {"message_id": 1, "date": 0, "chat": SECRET_WORDS, "text": SECRET_WORDS},
    )
    fake.push_text(7_001, "xin chào", "Oanh")
    fake.push_text(7_002, "xin chào", "Lan")

    def settled() -> bool:
        answered = fake.sent(7_001) and fake.sent(7_002)
        return bool(answered) and fake.state.polling_snapshot()[2] == 0

    with caplog.at_level(logging.INFO):
        _serve_until(core, fake, tmp_path, settled)
        # A restart finds nothing left to choke on.
        fake.push_text(7_001, "lần nữa", "Oanh")
        _serve_until(core, fake, tmp_path, lambda: len(fake.sent(7_001)) == 2)

    assert [len(fake.sent(7_001)), len(fake.sent(7_002))] == [2, 1]
    assert "chưa được liên kết" in fake.sent(7_002)[0]["text"]
    said = caplog.text
    assert f"update {broken} skipped after {MAX_TRIES} tries" in said
    assert SECRET_WORDS not in said
