"""Outage benchmark: a broadcast through a Telegram outage, 429 bursts and a killed sender.

Run from the repository root:

    python bench/bench_outage.py [--recipients 300] [--outage 180] [--kill-after 100]

What it does, all on 127.0.0.1 and on a fake clock (the run takes seconds, not minutes):

1. As bench_broadcast.py: a migrated SQLite database in a temporary directory, --recipients
   officers each bound to a Telegram chat, one announcement queued to all of them.
2. The real OutboxSender (OUTBOX_RATE_PER_SECOND 30, one message a second per chat) sends
   through a python-telegram-bot Bot to tests/fakes FakeTelegramAPI. Its clocks and its sleep
   are a FakeTime; the HTTP calls are real. On that clock:
   - from 5 s to 5 s + --outage the fake answers every send with 502 Bad Gateway;
   - every 20 s, from 0 s on, the next 5 sends get 429 with retry_after 2 (bursts);
   - the first sender is killed after its --kill-after-th message was accepted by the fake,
     before recording it (the worst moment: that message goes again). It holds its leased
     rows; a second sender, started at once, takes them over when the lease ends.

Reported: delivered (chats that got the announcement; target 100 %), duplicates (messages
beyond one per chat; target at most the rows in flight when the sender died), the time to
finish after the outage ended (target: within 60 s), and the calls the fake answered.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bench_broadcast import CHAT_BASE, announce, populate  # noqa: E402
from telegram import Bot  # noqa: E402
from telegram.request import BaseRequest, RequestData  # noqa: E402

from bot.core import system_clock  # noqa: E402
from bot.outbox.limits import SenderLimits  # noqa: E402
from bot.outbox.sender import OutboxSender  # noqa: E402
from bot.outbox.transport import Paced  # noqa: E402
from bot.telegram.outbox import TelegramTransport  # noqa: E402
from bot.telegram.request import AiohttpRequest  # noqa: E402
from storage.db import make_engine, sqlite_url, upgrade  # noqa: E402
from storage.files import FileStore  # noqa: E402
from storage.models import Outbox  # noqa: E402
from tests.fakes.clock import FakeTime  # noqa: E402
from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402

OUTAGE_START = 5.0
BURST_EVERY, BURST_SIZE, BURST_RETRY_AFTER = 20.0, 5, 2
TARGET_AFTER_OUTAGE = 60.0
HTTP_OK = 200


class Weather(AiohttpRequest):
    """The bot's real HTTP client, making the fake fail as the fake clock says, and noting
    (fake time, chat) of every send and the fake time of every one that passed."""

    def __init__(self, api: FakeTelegramAPI, time: FakeTime, outage: float) -> None:
        super().__init__(connection_pool_size=4)
        self.api, self.time = api, time
        self.outage_end = OUTAGE_START + outage
        self.next_burst = 0.0
        self.sends: list[tuple[float, int]] = []
        self.passed: list[float] = []

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        if api_method == "sendMessage" and request_data is not None:
            chat = int(request_data.parameters["chat_id"])  # type: ignore[arg-type]  # PTB's JSON
            now = self.time.t
            self.sends.append((now, chat))
            if OUTAGE_START <= now < self.outage_end:
                self.api.fail_next(api_method, chat, status=502)
            elif now >= self.next_burst:
                self.next_burst = now + BURST_EVERY
                self.api.fail_next(
                    api_method, None, status=429, retry_after=BURST_RETRY_AFTER, times=BURST_SIZE
                )
        status, body = await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        if api_method == "sendMessage" and status == HTTP_OK:
            self.passed.append(self.time.t)
        return status, body


class Killed(TelegramTransport):
    """The first sender's transport: after its kill_after-th accepted message the process is
    gone (it never records that message, nor sends or writes anything else)."""

    def __init__(self, bot: Bot, kill_after: int) -> None:
        super().__init__(bot)
        self.kill_after, self.accepted = kill_after, 0
        self.dead = asyncio.Event()
        self.buried = asyncio.Event()

    async def send(self, row: Outbox, file: bytes | None, paced: Paced) -> None:
        if self.dead.is_set():
            await self.buried.wait()
            raise ConnectionError("the process was killed")
        await super().send(row, file, paced)
        self.accepted += 1
        if self.accepted >= self.kill_after:
            self.dead.set()
            await self.buried.wait()
            raise ConnectionError("the process was killed")


async def broadcast(api: FakeTelegramAPI, sender_of: Any, kill_after: int, time: FakeTime) -> float:
    """Run the first sender until it is killed, then a second one to the end; when it died."""
    async with Bot(api.token, base_url=api.base_url, request=sender_of.request) as bot:
        first = sender_of(bot)
        killed = Killed(bot, kill_after)
        first.transport = killed
        dying = asyncio.create_task(first.drain())
        died_at = -1.0
        while not dying.done() and not killed.dead.is_set():
            await asyncio.sleep(0)
        if killed.dead.is_set():
            died_at = time.t
            await sender_of(bot).drain()
        killed.buried.set()  # lets the dead one's task end: its late writes change nothing
        dying.cancel()
        with contextlib.suppress(asyncio.CancelledError, ConnectionError):
            await dying
        return died_at


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=300)
    parser.add_argument("--outage", type=float, default=180.0, help="seconds of 502 answers")
    parser.add_argument("--kill-after", type=int, default=100, help="0: no sender is killed")
    args = parser.parse_args()
    # Every failed try is logged as a warning: thousands of lines here, not figures.
    logging.getLogger("bot.outbox").setLevel(logging.ERROR)

    with tempfile.TemporaryDirectory(prefix="bench-outage-") as tmp, FakeTelegramAPI() as api:
        engine = make_engine(sqlite_url(Path(tmp)))
        upgrade(engine)
        announce(engine, populate(engine, args.recipients))
        fake = FakeTime(system_clock())
        request = Weather(api, fake, args.outage)
        limits = SenderLimits(
            rate_per_second=30, chat_interval=1.0, retry_horizon=timedelta(hours=24)
        )

        def sender_of(bot: Bot) -> OutboxSender:
            return OutboxSender(
                engine=engine,
                transport=TelegramTransport(bot),
                files=FileStore(Path(tmp) / "evidence"),
                limits=limits,
                clock=fake.now,
                monotonic=fake.monotonic,
                sleep=fake.sleep,
            )

        sender_of.request = request  # type: ignore[attr-defined]  # handed to the Bot with it
        started = time.perf_counter()
        died_at = asyncio.run(broadcast(api, sender_of, args.kill_after or 10**9, fake))
        elapsed = time.perf_counter() - started
        engine.dispose()

    chats = [CHAT_BASE + n for n in range(args.recipients)]
    received = Counter({chat: len(api.sent(chat)) for chat in chats})
    delivered = sum(1 for chat in chats if received[chat])
    duplicates = sum(count - 1 for count in received.values() if count > 1)
    outage_end = OUTAGE_START + args.outage
    last = max(moment for moment, _ in request.sends)
    after = last - outage_end
    failed_calls = len(request.sends) - sum(received.values())
    print(f"recipients            {args.recipients}")
    print(f"outage                {OUTAGE_START:.0f} s to {outage_end:.0f} s (502 to every send)")
    print(f"429 bursts            {BURST_SIZE} sends every {BURST_EVERY:.0f} s, retry_after 2")
    killed = f"at {died_at:.1f} s" if died_at >= 0 else "never (it finished first)"
    print(f"first sender killed   {killed}, after {args.kill_after} accepted messages")
    print(f"delivered             {delivered} = {delivered / args.recipients:.1%}")
    print(f"duplicates            {duplicates}")
    print(f"finished              at {last:.1f} s on the fake clock")
    first_pass = min((moment for moment in request.passed if moment >= outage_end), default=last)
    print(f"first send passed     {first_pass - outage_end:.1f} s after the outage ended")
    verdict = "OK" if after <= TARGET_AFTER_OUTAGE else "ABOVE TARGET"
    print(f"after the outage      {after:.1f} s (target ≤ {TARGET_AFTER_OUTAGE:.0f} s): {verdict}")
    print(f"send calls            {len(request.sends)} ({failed_calls} answered 502 or 429)")
    print(f"wall time             {elapsed:.1f} s")
    return 0 if delivered == args.recipients else 1


if __name__ == "__main__":
    sys.exit(main())
