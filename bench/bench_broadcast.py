"""Broadcast benchmark: an announcement to many officers drained by the real outbox sender.

Run from the repository root:

    python bench/bench_broadcast.py [--recipients 5000] [--rate 30]

What it does, all on 127.0.0.1:

1. In a temporary directory, a migrated SQLite database (the shipped default) gets one unit and
   --recipients officers, each with a bound Telegram account (its own private chat).
2. One announcement is queued the way handlers queue it (handlers.engine.notify.queue_for_officer:
   one outbox row per bound account, idempotency key per recipient); the time it takes is shown.
3. The real OutboxSender (bot/outbox/sender.py, real clock and asyncio.sleep) drains the outbox
   through a python-telegram-bot Bot pointed at tests/fakes FakeTelegramAPI, with
   OUTBOX_RATE_PER_SECOND = --rate and one message a second per chat.

Reported: achieved rate (messages delivered per second of the drain's wall time) against the
limit (target: at least 95 %), lost (rows whose chat got no message, or not marked sent),
repeated (chats that got more than one message), the elapsed time, and two checks of the limits
on the fake's own timestamps: the most sends in any one second, the least gap within one chat.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from sqlalchemy import Engine  # noqa: E402
from sqlmodel import Session, func, select  # noqa: E402
from telegram import Bot  # noqa: E402

from bot.core import system_clock  # noqa: E402
from bot.outbox.limits import SenderLimits  # noqa: E402
from bot.outbox.sender import OutboxSender  # noqa: E402
from bot.telegram.outbox import TelegramTransport  # noqa: E402
from handlers.engine.notify import queue_for_officer  # noqa: E402
from storage.db import make_engine, sqlite_url, transaction, upgrade  # noqa: E402
from storage.files import FileStore  # noqa: E402
from storage.models import ChatIdentity, Officer, Outbox, OutboxStatus, Unit  # noqa: E402
from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402

TARGET_RATIO = 0.95
CHAT_BASE = 600_000_000
TEXT = (
    "THÔNG BÁO số 1 của Thường trực thi đua (phòng Văn hóa – Xã hội):\n"
    "Đề nghị các đơn vị gửi hồ sơ đề nghị khen thưởng trước ngày 25/11/2026."
)


def populate(engine: Engine, recipients: int) -> list[int]:
    """One unit, `recipients` officers, each bound to a Telegram chat; their ids."""
    now = system_clock()
    with transaction(engine) as session:
        unit = Unit(code="BENCH", name="Đơn vị thử tải")
        session.add(unit)
        session.flush()
        officers = [
            Officer(code=f"B{n:05d}", full_name=f"Cán bộ {n}", unit_id=unit.id)
            for n in range(recipients)
        ]
        session.add_all(officers)
        session.flush()
        session.add_all(
            ChatIdentity(
                channel="telegram",
                platform_user_id=str(CHAT_BASE + n),
                chat_id=str(CHAT_BASE + n),
                officer_id=officer.id,
                bound_at=now,
            )
            for n, officer in enumerate(officers)
        )
        return [officer.id for officer in officers if officer.id is not None]


def announce(engine: Engine, officer_ids: list[int]) -> int:
    """Queue the announcement to every officer as a handler does; the number of rows."""
    now = system_clock()
    with transaction(engine) as session:
        for officer_id in officer_ids:
            queue_for_officer(
                session,
                now=now,
                officer_id=officer_id,
                key="announcement.1",
                text=TEXT,
                kind="announcement",
            )
        return session.exec(select(func.count()).select_from(Outbox)).one()


async def drain(api: FakeTelegramAPI, engine: Engine, files: FileStore, rate: int) -> None:
    limits = SenderLimits(
        rate_per_second=rate, chat_interval=1.0, retry_horizon=timedelta(hours=24)
    )
    async with Bot(api.token, base_url=api.base_url) as bot:
        sender = OutboxSender(
            engine=engine, transport=TelegramTransport(bot), files=files, limits=limits
        )
        await sender.drain()


def max_in_one_second(stamps: list[float]) -> int:
    """The most sends within any window [t, t + 1 s), by a sliding pointer."""
    best, start = 0, 0
    for end, moment in enumerate(stamps):
        while moment - stamps[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--rate", type=int, default=30, help="OUTBOX_RATE_PER_SECOND")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-broadcast-") as tmp, FakeTelegramAPI() as api:
        engine = make_engine(sqlite_url(Path(tmp)))
        upgrade(engine)
        officer_ids = populate(engine, args.recipients)
        started = time.perf_counter()
        queued = announce(engine, officer_ids)
        enqueue_seconds = time.perf_counter() - started

        started = time.perf_counter()
        asyncio.run(drain(api, engine, FileStore(Path(tmp) / "evidence"), args.rate))
        elapsed = time.perf_counter() - started

        sends = [(moment, chat) for moment, method, chat in api.rate_log if method == "sendMessage"]
        per_chat = Counter(int(chat) for _, chat in sends if chat is not None)
        delivered = sum(1 for n in range(args.recipients) if api.sent(CHAT_BASE + n))
        repeated = sum(1 for n in range(args.recipients) if len(api.sent(CHAT_BASE + n)) > 1)
        with Session(engine) as session:
            not_sent = session.exec(
                select(func.count())
                .select_from(Outbox)
                .where(Outbox.status != OutboxStatus.SENT.value)
            ).one()
        stamps = sorted(moment for moment, _ in sends)
        gaps: dict[int, float] = {}
        last: dict[int, float] = {}
        for moment, chat in sends:
            if chat in last:
                gaps[int(chat)] = min(gaps.get(int(chat), 1e9), moment - last[chat])
            last[chat] = moment
        engine.dispose()

    achieved = delivered / elapsed
    verdict = "OK" if achieved >= TARGET_RATIO * args.rate else "BELOW TARGET"
    least_gap = f"{min(gaps.values()):.3f} s" if gaps else "n/a (one message per chat)"
    print(f"recipients            {args.recipients}")
    print(f"outbox rows queued    {queued} in {enqueue_seconds:.2f} s")
    print(f"limit                 {args.rate} messages/s overall, 1 message/s per chat")
    print(f"delivered             {delivered}")
    print(f"elapsed               {elapsed:.1f} s")
    print(
        f"achieved rate         {achieved:.2f} messages/s = {achieved / args.rate:.1%} "
        f"of the limit (target ≥ {TARGET_RATIO:.0%}): {verdict}"
    )
    print(f"lost                  {args.recipients - delivered} (rows not marked sent: {not_sent})")
    most = max(per_chat.values())
    print(f"repeated              {repeated} (most send attempts to one chat: {most})")
    print(f"most sends in any 1 s {max_in_one_second(stamps)} (on the fake's clock)")
    print(f"least gap in one chat {least_gap}")
    # As in the other benchmarks, a missed target is printed, not an error: the exit status
    # says whether every message went out exactly once.
    return 0 if delivered == args.recipients and not_sent == 0 and repeated == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
