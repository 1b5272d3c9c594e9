"""One process, every channel: bot/serve.py with Telegram by webhook through the web door."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy.event import listen
from sqlmodel import select

from bot.channels import configured_channels
from bot.core import Core
from bot.core_runner import CoreRunner
from bot.serve import serve
from bot.settings import Settings, SettingsError
from bot.web.webhooks import TELEGRAM_SECRET_HEADER
from storage.db import transaction
from storage.models import InboxEvent
from tests.fakes.telegram_api import FakeTelegramAPI

SECRET = "webhook-secret_123"


@pytest.fixture
def api() -> Iterator[FakeTelegramAPI]:
    with FakeTelegramAPI() as fake:
        yield fake


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _update(update_id: int, user: int, text: str) -> dict[str, object]:
    person = {"id": user, "is_bot": False, "first_name": "Lan"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1760000000,
            "chat": {"id": user, "type": "private", "first_name": "Lan"},
            "from": person,
            "text": text,
        },
    }


def test_telegram_by_webhook_goes_through_the_inbox_once_kept_on_the_cores_thread(
    core: Core, api: FakeTelegramAPI, tmp_path: Path
) -> None:
    port = _free_port()
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": api.token,
            "DATA_DIR": str(tmp_path / "data"),
            "TELEGRAM_API_BASE_URL": api.base_url,
            "TELEGRAM_FILE_BASE_URL": api.file_base_url,
            "PUBLIC_BASE_URL": "https://thidua.phuong.example",
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
            "WEB_LISTEN": f"127.0.0.1:{port}",
        }
    )
    assert settings.telegram_update_mode == "webhook"
    runner = CoreRunner(core.answer)
    channels = configured_channels(settings, core, runner)
    assert [c.name for c in channels] == ["telegram"] and channels[0].poll is None
    url = f"http://127.0.0.1:{port}/telegram/webhook"
    # Which thread writes the inbox: the channels' core runner (bot/core_runner.py).
    inbox_writers: set[str] = set()

    def note_writer(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.lstrip().upper().startswith(("INSERT INTO INBOXEVENT", "UPDATE INBOXEVENT")):
            inbox_writers.add(threading.current_thread().name.rsplit("_", 1)[0])

    listen(core.engine, "before_cursor_execute", note_writer)

    async def main() -> list[int]:
        stop = asyncio.Event()
        serving = asyncio.create_task(serve(settings, core, channels, stop, runner))
        statuses = []
        async with aiohttp.ClientSession() as http:
            for _ in range(100):  # until the server listens (it starts after setWebhook)
                try:
                    async with http.post(url, json={}) as response:
                        statuses.append(response.status)
                        break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.05)
            body = _update(7001, 4242, "/trogiup")
            for headers in ({TELEGRAM_SECRET_HEADER: SECRET}, {TELEGRAM_SECRET_HEADER: SECRET}):
                async with http.post(url, json=body, headers=headers) as response:
                    statuses.append(response.status)
        await asyncio.to_thread(api.wait_for_messages, 4242, 1)
        stop.set()
        await serving
        return statuses

    assert asyncio.run(main()) == [401, 200, 200]
    set_webhook = [params for method, params in api.calls if method == "setWebhook"]
    assert set_webhook and set_webhook[0]["secret_token"] == SECRET
    assert set_webhook[0]["url"] == "https://thidua.phuong.example/telegram/webhook"
    assert len(api.sent(4242)) == 1  # the repeated update was stored and answered once
    with transaction(core.engine) as session:
        events = session.exec(select(InboxEvent)).all()
    assert [(e.external_id, e.handled_at is not None) for e in events] == [("7001", True)]
    # The runner's relief thread, when a batch ran long on a busy machine, is the runner's too.
    assert inbox_writers and inbox_writers <= {"core", "core-relief"}


def test_polling_stays_the_default(tmp_path: Path) -> None:
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": "1:x", "DATA_DIR": str(tmp_path)})
    assert settings.telegram_update_mode == "polling" and settings.web_address is None
    public = Settings.from_env({"PUBLIC_BASE_URL": "https://a.example", "DATA_DIR": str(tmp_path)})
    assert public.telegram_update_mode == "polling"
    assert public.web_address == ("127.0.0.1", 8080)


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({"TELEGRAM_UPDATE_MODE": "webhook"}, "needs PUBLIC_BASE_URL"),
        ({"PUBLIC_BASE_URL": "http://a.example"}, "https://"),
        ({"PUBLIC_BASE_URL": "https://a.example", "WEB_LISTEN": "8080"}, "host:port"),
        ({"TELEGRAM_WEBHOOK_SECRET": "có dấu"}, "A-Z"),
        ({"TELEGRAM_UPDATE_MODE": "push"}, "polling or webhook"),
    ],
)
def test_web_door_settings_say_what_is_wrong(env: dict[str, str], problem: str) -> None:
    with pytest.raises(SettingsError, match=problem):
        Settings.from_env(env)
