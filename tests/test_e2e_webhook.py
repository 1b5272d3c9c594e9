"""End to end by webhook: the real `python -m bot run` serving Telegram through the web door,
SIGKILLed with an event stored and not yet handled, restarted: the event is answered once,
and a redelivered update is stored and answered once."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.web.webhooks import TELEGRAM_SECRET_HEADER
from storage.db import make_engine, transaction, upgrade
from storage.models import InboxEvent
from storage.queries.inbox import store_event
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.test_e2e import START_TIMEOUT, BotProcess, bot_environment

pytestmark = pytest.mark.e2e
SECRET = "e2e-webhook-secret"
USER = 700_777


@pytest.fixture
def fake() -> Iterator[FakeTelegramAPI]:
    with FakeTelegramAPI() as api:
        yield api


def _update(update_id: int, text: str) -> dict[str, object]:
    person = {"id": USER, "is_bot": False, "first_name": "Oanh"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1760000000,
            "chat": {"id": USER, "type": "private", "first_name": "Oanh"},
            "from": person,
            "text": text,
        },
    }


def _post_when_listening(url: str, body: dict[str, object], bot: BotProcess) -> int:
    """POST once the bot's web server listens (it starts a moment after the process)."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            return httpx.post(url, json=body, headers={TELEGRAM_SECRET_HEADER: SECRET}).status_code
        except httpx.ConnectError:
            if time.monotonic() > deadline or not bot.alive():
                raise AssertionError(f"the web door never listened\n{bot.log()}") from None
            time.sleep(0.1)


def test_a_killed_process_answers_its_stored_event_once_after_restart(
    fake: FakeTelegramAPI, database_url: str, tmp_path: Path
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = bot_environment(fake, tmp_path / "data", database_url)
    env.update(
        {
            "PUBLIC_BASE_URL": "https://thidua.phuong.example",
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
            "WEB_LISTEN": f"127.0.0.1:{port}",
        }
    )
    url = f"http://127.0.0.1:{port}/telegram/webhook"
    # The state a process leaves when killed right after the webhook's 200: the event stored,
    # not handled.
    engine = make_engine(database_url)
    upgrade(engine)
    with transaction(engine) as session:
        store_event(
            session,
            channel="telegram",
            chat_id=str(USER),
            external_id="9001",
            payload=_update(9001, "/trogiup"),
            now=datetime.now(UTC),
        )
    bot = BotProcess(env, tmp_path / "bot.log")
    try:
        bot.start()
        fake.wait_for_messages(USER, 1, START_TIMEOUT)
        _wait_until_answered(engine, "9001")
        assert bot.kill() != 0
        bot.start()
        # Telegram redelivers 9001 (it never saw our 200 in its view) and sends 9002.
        assert _post_when_listening(url, _update(9001, "/trogiup"), bot) == 200
        assert _post_when_listening(url, _update(9002, "/huy"), bot) == 200
        sent = fake.wait_for_messages(USER, 2, START_TIMEOUT)
        bot.terminate()
    finally:
        bot.ensure_dead()
    assert len(sent) == 2, [m["text"] for m in sent]
    with transaction(engine) as session:
        events = session.exec(select(InboxEvent).order_by(InboxEvent.id)).all()
    engine.dispose()
    assert [(e.external_id, e.handled_at is not None, e.attempts) for e in events] == [
        ("9001", True, 1),
        ("9002", True, 1),
    ]


def _wait_until_answered(engine: Engine, external_id: str) -> None:
    """The process marks an event answered just after it sent the replies (a kill before that
    has the event answered again, from the kept replies, once its lease runs out)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        with transaction(engine) as session:
            event = session.exec(
                select(InboxEvent).where(InboxEvent.external_id == external_id)
            ).one()
        if event.answered_at is not None:
            return
        time.sleep(0.05)
    raise AssertionError(f"event {external_id} was not marked answered")
