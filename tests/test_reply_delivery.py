"""Every answer reaches the user, through Telegram's door (tests/test_telegram_adapter.py's
recording request): a reply refused for a passing reason is sent again, within the limits the
channel shares with its outbox (replies first), and a redelivered update gets its replies again.

The pace, the outbox and the core's clock run on one virtual time: a sleep moves it on.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select
from telegram import Update

from bot.core import Core
from bot.outbox.limits import SenderLimits
from bot.outbox.pace import ChannelPace
from bot.outbox.sender import OutboxSender
from bot.telegram.channel import build_application
from bot.telegram.keys import PACE_KEY
from bot.telegram.outbox import TelegramTransport
from storage.db import transaction
from storage.models import Report
from storage.queries.outbox import enqueue
from tests.conftest import FakeClock
from tests.recording_request import Call, RecordingRequest
from tests.test_telegram_adapter import (
    FILE_BASE,
    TOKEN,
    Harness,
    TelegramUser,
    officer_user,
    reach_evidence_step,
    telegram_settings,
)

RATE = 30  # Telegram's overall limit, messages a second
BROADCAST_FIRST_CHAT = 8_000_000
ACTIVE_FIRST_USER = 6_000_000


class VirtualTime:
    """Monotonic seconds and the core's clock together; sleeping moves both on at once."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        seconds = max(seconds, 0.0)
        self.now += seconds
        self.clock.advance(seconds=seconds)
        await asyncio.sleep(0.001)  # a real yield to the other threads: see until()


@pytest.fixture
def virtual(clock: FakeClock) -> VirtualTime:
    return VirtualTime(clock)


@pytest.fixture
def telegram(core: Core, tmp_path: Path, virtual: VirtualTime) -> Iterator[Harness]:
    request = RecordingRequest(file_base_url=FILE_BASE + TOKEN)
    pace = ChannelPace(
        per_second=RATE,
        chat_interval=1.0,
        monotonic=virtual.monotonic,
        sleep=virtual.sleep,
        jitter=lambda: 0.5,
    )
    application = build_application(telegram_settings(tmp_path), core, request=request, pace=pace)
    harness = Harness(application, request, core)
    harness.run(harness.application.initialize())
    yield harness
    harness.close()


def delivered_to(request: RecordingRequest, chat_id: int) -> list[str]:
    """The texts Telegram accepted for this chat."""
    return [
        call.text
        for call in request.sent()
        if call.params["chat_id"] == chat_id and call.result is not None
    ]


async def until(condition: Callable[[], bool]) -> None:
    """Let the other tasks run until the condition holds (no virtual time passes)."""
    while not condition():
        # A real millisecond, not sleep(0): spinning kept the GIL from the core's and the
        # database's threads the condition waits for, and the test took minutes.
        await asyncio.sleep(0.001)


# ----- replies retried --------------------------------------------------------------------


def test_the_report_number_arrives_through_a_502_and_a_429(
    telegram: Harness, core: Core, virtual: VirtualTime
) -> None:
    user = officer_user(telegram)
    reach_evidence_step(user)
    user.press("Xong")
    telegram.request.fail_next("sendMessage", 502)
    telegram.request.fail_next("sendMessage", 429)
    before = virtual.now
    user.press("✅ Gửi")
    assert "Đã gửi báo cáo số" in "\n".join(delivered_to(telegram.request, 5_550_001)[-1:])
    # Tried three times: after the 502's back-off, then after the second Telegram asked for.
    tries = [c for c in user.last if c.method == "sendMessage"]
    assert [c.result is not None for c in tries] == [False, False, True]
    assert virtual.now - before >= 1.0
    with Session(core.engine) as session:
        assert len(session.exec(select(Report)).all()) == 1


def test_a_reply_refused_for_good_is_not_tried_again(telegram: Harness) -> None:
    stranger = TelegramUser(telegram, 9_990_101, "Khách", "Lạ")
    telegram.request.fail_next("sendMessage", 400)
    calls = stranger.send("xin chào")
    assert [c.method for c in calls] == ["sendMessage"]


def test_replies_to_80_users_all_arrive_during_a_300_recipient_broadcast(
    telegram: Harness, core: Core, virtual: VirtualTime
) -> None:
    request, application = telegram.request, telegram.application
    request.rate_limit = (RATE, virtual.monotonic)
    broadcast = [BROADCAST_FIRST_CHAT + n for n in range(300)]
    with transaction(core.engine) as session:
        for chat in broadcast:
            enqueue(
                session,
                idempotency_key=f"broadcast:{chat}",
                channel="telegram",
                chat_id=str(chat),
                officer_id=None,
                kind="announcement",
                text="Thông báo của thường trực thi đua",
                now=core.clock(),
            )
    sender = OutboxSender(
        engine=core.engine,
        transport=TelegramTransport(application.bot),
        files=core.files,
        limits=SenderLimits(
            rate_per_second=RATE, chat_interval=1.0, retry_horizon=timedelta(hours=1)
        ),
        clock=core.clock,
        sleep=virtual.sleep,
        pace=application.bot_data[PACE_KEY],
    )
    active = [ACTIVE_FIRST_USER + n for n in range(80)]
    updates = [_text_update(application.bot, 700_000 + n, user) for n, user in enumerate(active)]

    def broadcast_sent() -> int:
        return sum(1 for c in request.sent() if c.params["chat_id"] >= BROADCAST_FIRST_CHAT)

    async def scenario() -> None:
        drained = asyncio.ensure_future(sender.drain())
        handled: list[asyncio.Future[None]] = []
        # Ten people write each time the broadcast is another 30 messages further.
        for wave in range(8):
            await until(lambda wave=wave: broadcast_sent() >= RATE * (wave + 1))
            for update in updates[wave * 10 : (wave + 1) * 10]:
                handled.append(asyncio.ensure_future(application.process_update(update)))
        await asyncio.gather(*handled)
        await drained

    telegram.run(scenario())
    lost = [user for user in active if not delivered_to(request, user)]
    assert lost == []
    assert all(delivered_to(request, chat) for chat in broadcast)
    # Replies and outbox shared one limit: Telegram never had to refuse a send.
    assert request.rate_limited == 0


def _text_update(bot: Any, update_id: int, user_id: int) -> Update:
    user = {"id": user_id, "is_bot": False, "first_name": "Cán bộ", "language_code": "vi"}
    message = {
        "message_id": update_id,
        "from": user,
        "chat": {"id": user_id, "type": "private", "first_name": "Cán bộ"},
        "date": 1_791_511_200,
        "text": "xin chào",
    }
    update = Update.de_json({"update_id": update_id, "message": message}, bot)
    assert update is not None
    return update


# ----- replies kept for a redelivery --------------------------------------------------------


def test_a_crash_after_the_commit_loses_no_reply_and_stores_nothing_twice(
    telegram: Harness, core: Core
) -> None:
    user = officer_user(telegram)
    reach_evidence_step(user)
    user.press("Xong")
    press_send = {"update_id": 910_001, **_press_payload(telegram, user, "✅ Gửi")}
    # The report is committed, then the process dies as the answer starts out.
    assert _crash_at_the_first_send(telegram, press_send) == []
    with Session(core.engine) as session:
        assert len(session.exec(select(Report)).all()) == 1
    # Telegram hands the unconfirmed update out again after the restart.
    again = [c for c in _redeliver(telegram, press_send) if c.method == "sendMessage"]
    assert len(again) == 1 and "Đã gửi báo cáo số" in again[0].text
    assert again[0].buttons() == []
    with Session(core.engine) as session:
        assert len(session.exec(select(Report)).all()) == 1


def test_a_kept_chart_is_sent_again_with_its_file(telegram: Harness, core: Core) -> None:
    head = officer_user(telegram, "PVHCC01")
    message = {
        "update_id": 910_002,
        "message": {
            "message_id": 99,
            "from": head.user,
            "chat": head.chat,
            "date": telegram.now(),
            "text": "/tinhhinh",
            "entities": [{"type": "bot_command", "offset": 0, "length": 9}],
        },
    }
    assert _crash_at_the_first_send(telegram, message) == []
    before = len(telegram.request.calls)
    telegram.run(
        telegram.application.process_update(Update.de_json(message, telegram.application.bot))
    )
    again = telegram.request.calls[before:]
    assert "TÌNH HÌNH THI ĐUA" in "\n".join(c.text for c in again if c.method == "sendMessage")
    [photo] = [c for c in again if c.method == "sendPhoto"]
    assert photo.files["photo"][1].startswith(b"\x89PNG")


def _redeliver(telegram: Harness, data: dict[str, Any]) -> list[Call]:
    """The update handed out again, as Telegram does after a restart; the calls it caused."""
    before = len(telegram.request.calls)
    update = Update.de_json(data, telegram.application.bot)
    telegram.run(telegram.application.process_update(update))
    return telegram.request.calls[before:]


def _press_payload(telegram: Harness, user: TelegramUser, label: str) -> dict[str, Any]:
    """A press of the button with this label on the latest message that has it."""
    for call in reversed(telegram.request.sent()):
        for button in call.buttons():
            if button["text"].startswith(label):
                query = {
                    "id": "cbq-crash",
                    "from": user.user,
                    "chat_instance": f"ci-{user.user['id']}",
                    "message": call.result,
                    "data": button["callback_data"],
                }
                return {"callback_query": query}
    raise AssertionError(f"no button {label!r}")


def _crash_at_the_first_send(telegram: Harness, data: dict[str, Any]) -> list[str]:
    """Handle the update until the first reply is on its way, then stop there as a killed
    process would; the texts Telegram accepted meanwhile."""
    request, application = telegram.request, telegram.application
    dispatched = request.do_request
    before = len(request.calls)

    async def scenario() -> None:
        reached, never = asyncio.Event(), asyncio.Event()

        async def dying(url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
            if url.rsplit("/", 1)[-1] in {"sendMessage", "sendPhoto", "sendDocument"}:
                reached.set()
                await never.wait()
            return await dispatched(url, *args, **kwargs)

        request.do_request = dying  # type: ignore[method-assign]  # the process dies in the call
        handling = asyncio.ensure_future(
            application.process_update(Update.de_json(data, application.bot))
        )
        try:
            await reached.wait()
        finally:
            handling.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await handling
            request.do_request = dispatched  # type: ignore[method-assign]  # restarted

    telegram.run(scenario())
    return [c.text for c in request.calls[before:] if c.method == "sendMessage" and c.result]
