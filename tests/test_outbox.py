"""The outbox: idempotent rows, notices to bound officers, and the sender against a fake Bot API.

The sender runs a real PTB Bot against tests/fakes/telegram_api.py on 127.0.0.1; its clocks
and its sleep are a FakeTime, so limits and waits are checked on fake timestamps, never slept.
"""

from __future__ import annotations

import asyncio
import io
import itertools
import random
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, col, select
from telegram import Bot
from telegram.request import BaseRequest, RequestData

from bot.console.terminal import PROMPT, Console
from bot.core import Core
from bot.outbox.limits import SenderLimits, backoff_seconds
from bot.outbox.sender import OutboxSender
from bot.outbox.shield import run_to_the_end
from bot.settings import Settings
from bot.telegram.channel import build_application, serve
from bot.telegram.outbox import TelegramTransport
from bot.telegram.request import AiohttpRequest
from handlers.engine.context import Context
from handlers.engine.menu import entries_for
from handlers.engine.messages import Button, Incoming
from handlers.engine.notify import (
    MENU_KIND,
    buttons_from_json,
    notify_officer,
    queue_for_officer,
)
from handlers.identity.binding import bind_local_user
from storage.db import transaction
from storage.models import Outbox, OutboxStatus, Role
from storage.queries.conversations import ConversationState
from storage.queries.identity import bind_identity
from storage.queries.outbox import enqueue, mark_sent, mark_unreachable, status_counts
from storage.queries.outbox_leases import retry_now
from storage.queries.reports import record_stored_file
from storage.queries.roster import officer_by_code
from tests.chat import Chat
from tests.fakes.clock import FakeTime
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.test_report_flow import PDF

SENDS = {"sendMessage", "sendDocument", "sendPhoto"}
ACK = ((Button("Đã nhận", "a.ack.7"),),)


# ----- fixtures and helpers ---------------------------------------------------------------


class StampedRequest(AiohttpRequest):
    """The bot's real HTTP client that notes (fake time, method, chat) of every send it makes."""

    def __init__(self, time: FakeTime) -> None:
        super().__init__(connection_pool_size=4)
        self.time = time
        self.stamps: list[tuple[float, str, int]] = []
        self.before_send: Callable[[int], None] = lambda _count: None

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
        if api_method in SENDS and request_data is not None:
            chat_id = int(request_data.parameters["chat_id"])  # type: ignore[arg-type]
            self.stamps.append((self.time.t, api_method, chat_id))
            self.before_send(len(self.stamps))
        return await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )


@pytest.fixture
def api() -> Iterator[FakeTelegramAPI]:
    with FakeTelegramAPI() as fake:
        yield fake


class Harness:
    """A fake time, a stamping request and a way to run senders on the test's database."""

    def __init__(self, core: Core, api: FakeTelegramAPI) -> None:
        self.core = core
        self.api = api
        self.time = FakeTime(core.clock())
        self.request = StampedRequest(self.time)

    def sender(self, bot: Bot, *, rate: int = 30, retry_hours: float = 24) -> OutboxSender:
        limits = SenderLimits(
            rate_per_second=rate, chat_interval=1.0, retry_horizon=timedelta(hours=retry_hours)
        )
        return OutboxSender(
            engine=self.core.engine,
            transport=TelegramTransport(bot),
            files=self.core.files,
            limits=limits,
            clock=self.time.now,
            monotonic=self.time.monotonic,
            sleep=self.time.sleep,
            jitter=lambda: 0.0,  # the longest back-off each time: checked to the second below
        )

    def bot(self) -> Bot:
        return Bot(self.api.token, base_url=self.api.base_url, request=self.request)

    def drain(self, **limits: float) -> None:
        async def main() -> None:
            async with self.bot() as bot:
                await self.sender(bot, **limits).drain()

        asyncio.run(main())

    def delivered(self) -> Counter[tuple[int, str]]:
        """(chat, text) of every message the fake holds, counted."""
        chats = {chat for _, _, chat in self.request.stamps}
        return Counter((chat, record["text"]) for chat in chats for record in self.api.sent(chat))


@pytest.fixture
def harness(core: Core, api: FakeTelegramAPI) -> Harness:
    return Harness(core, api)


def queue(
    core: Core, chats: list[int], *, per_chat: int = 1, kind: str = "notice", tag: str = "tb"
) -> list[int]:
    """Rows to Telegram chats, chat after chat, tagged and numbered in their text; their ids."""
    ids: list[int] = []
    with transaction(core.engine) as session:
        for chat in chats:
            for number in range(per_chat):
                row = enqueue(
                    session,
                    idempotency_key=f"{tag}:{chat}:{number}",
                    channel="telegram",
                    chat_id=str(chat),
                    officer_id=None,
                    kind=kind,
                    text=f"Thông báo {tag}-{number} cho {chat}",
                    now=core.clock(),
                )
                assert row is not None and row.id is not None
                ids.append(row.id)
    return ids


def rows(core: Core) -> list[Outbox]:
    with Session(core.engine) as session:
        return list(session.exec(select(Outbox).order_by(col(Outbox.id))).all())


def counts(core: Core) -> dict[str, int]:
    with Session(core.engine) as session:
        return status_counts(session)


def max_in_one_second(stamps: list[float]) -> int:
    """The most sends within any window [t, t + 1 s)."""
    ordered = sorted(stamps)
    # A hair under one second: the schedule's sums of 1/rate carry float error.
    return max(sum(1 for s in ordered if t <= s < t + 1 - 1e-9) for t in ordered)


# ----- enqueue ----------------------------------------------------------------------------


def enqueue_row(session: Session, key: str, now: datetime) -> Outbox | None:
    return enqueue(
        session,
        idempotency_key=key,
        channel="telegram",
        chat_id="42",
        officer_id=None,
        kind="notice",
        text="Xin chào",
        now=now,
    )


def test_enqueue_same_key_twice_makes_one_row(core: Core) -> None:
    now = core.clock()
    with transaction(core.engine) as session:
        first = enqueue_row(session, "k1", now)
        again = enqueue_row(session, "k1", now)
    with transaction(core.engine) as session:
        later = enqueue_row(session, "k1", now)
    assert first is not None and first.status == OutboxStatus.PENDING
    assert (again, later) == (None, None)
    assert [row.idempotency_key for row in rows(core)] == ["k1"]


def test_a_key_taken_meanwhile_leaves_the_transaction_usable(core: Core) -> None:
    """Another writer commits the key after this transaction began: None, and work goes on."""
    now = core.clock()
    with transaction(core.engine) as mine:
        assert officer_by_code(mine, code="VP01") is not None  # the transaction has begun
        with transaction(core.engine) as other:
            assert enqueue_row(other, "race", now) is not None
        assert enqueue_row(mine, "race", now) is None
        assert enqueue_row(mine, "after", now) is not None
    assert sorted(row.idempotency_key for row in rows(core)) == ["after", "race"]


def test_enqueue_is_rolled_back_with_its_transaction(core: Core) -> None:
    """A row queued as the first write of a failed update disappears with it (SQLite too)."""
    with pytest.raises(RuntimeError), transaction(core.engine) as session:
        assert enqueue_row(session, "doomed", core.clock()) is not None
        raise RuntimeError("the handler failed after queueing")
    assert rows(core) == []


# ----- notify_officer ---------------------------------------------------------------------


def context(session: Session, core: Core) -> Context:
    return Context(
        session=session,
        now=core.clock(),
        campaign=core.campaign,
        config=core.config,
        files=core.files,
        incoming=Incoming(channel="telegram", user_id="1", chat_id="1"),
        conversation=ConversationState(channel="telegram", platform_user_id="1"),
    )


def bind(core: Core, code: str, channel: str, user_id: str) -> int:
    with transaction(core.engine) as session:
        officer = officer_by_code(session, code=code)
        assert officer is not None and officer.id is not None
        bind_identity(
            session,
            channel=channel,
            platform_user_id=user_id,
            chat_id=f"{user_id}0",
            officer_id=officer.id,
            now=core.clock(),
        )
        return officer.id


def test_notify_officer_queues_one_row_per_bound_account(core: Core) -> None:
    officer_id = bind(core, "PVHCC03", "telegram", "7003")
    bind(core, "PVHCC03", "zalo", "z-3")
    with Session(core.engine) as session:  # closed at once: it must not hold a lock
        unbound = officer_by_code(session, code="PVHCC04")
    assert unbound is not None and unbound.id is not None
    with transaction(core.engine) as session:
        ctx = context(session, core)
        assert notify_officer(
            ctx, officer_id=officer_id, key="r.5", text="Đã xác nhận", buttons=ACK
        )
        assert notify_officer(ctx, officer_id=officer_id, key="r.5", text="Đã xác nhận")
        assert not notify_officer(ctx, officer_id=unbound.id, key="r.5", text="Đã xác nhận")
    queued = rows(core)
    assert [(r.idempotency_key, r.channel, r.chat_id) for r in queued] == [
        ("r.5:telegram:7003", "telegram", "70030"),
        ("r.5:zalo:z-3", "zalo", "z-30"),
    ]
    assert {(r.officer_id, r.kind, r.text) for r in queued} == {
        (officer_id, "notice", "Đã xác nhận")
    }
    assert buttons_from_json(queued[0].buttons) == ACK


def test_an_officer_who_left_is_not_notified(core: Core) -> None:
    officer_id = bind(core, "VHXH04", "telegram", "7404")  # inactive in the demo roster
    with transaction(core.engine) as session:
        assert (
            queue_for_officer(session, now=core.clock(), officer_id=officer_id, key="k", text="x")
            == []
        )
    assert rows(core) == []


# ----- the sender -------------------------------------------------------------------------


def test_429_waits_403_is_unreachable_and_everything_else_goes_once(harness: Harness) -> None:
    core, api = harness.core, harness.api
    chats = list(range(9001, 9013))
    queue(core, chats)
    queue(core, [9001], per_chat=3, tag="them")  # three more to one chat, kept in order
    api.fail_next("sendMessage", 9003, status=429, retry_after=3)
    api.fail_next("sendMessage", 9005, status=429, retry_after=2, times=2)
    api.fail_next("sendMessage", 9007, status=403)
    harness.drain()

    by_chat = {int(r.chat_id): r for r in rows(core) if r.idempotency_key.startswith("tb:")}
    assert by_chat[9007].status == OutboxStatus.UNREACHABLE and by_chat[9007].attempts == 1
    assert "blocked" in by_chat[9007].last_error
    assert {r.status for r in rows(core) if r.chat_id != "9007"} == {OutboxStatus.SENT}
    assert (by_chat[9003].attempts, by_chat[9005].attempts) == (0, 0)  # 429 is not a failure

    stamps = harness.request.stamps
    attempts = Counter(chat for _, _, chat in stamps)
    assert attempts[9007] == 1 and attempts[9003] == 2 and attempts[9005] == 3
    delivered = harness.delivered()
    assert set(delivered.values()) == {1}
    assert len(delivered) == len(rows(core)) - 1
    assert [m["text"] for m in api.sent(9001)] == [
        f"Thông báo {tag} cho 9001" for tag in ("tb-0", "them-0", "them-1", "them-2")
    ]
    # After the 429 the whole sender paused for retry_after: nothing went out meanwhile.
    first_429 = next(index for index, (_, _, chat) in enumerate(stamps) if chat == 9003)
    later = [moment for moment, _, _ in stamps[first_429 + 1 :]]
    assert later and min(later) >= stamps[first_429][0] + 3


def test_a_long_429_gives_the_batch_back_until_it_is_over(harness: Harness) -> None:
    core, api = harness.core, harness.api
    queue(core, list(range(9101, 9106)))
    api.fail_next("sendMessage", 9101, status=429, retry_after=30)

    async def one_step() -> None:
        async with harness.bot() as bot:
            assert await harness.sender(bot).step()

    asyncio.run(one_step())
    resume = core.clock() + timedelta(seconds=30)
    assert [(r.status, r.not_before >= resume - timedelta(milliseconds=1)) for r in rows(core)] == [
        (OutboxStatus.PENDING, True)
    ] * 5  # none kept leased for minutes, none sent during the pause
    harness.drain()
    assert set(harness.delivered().values()) == {1} and counts(core) == {"sent": 5}
    assert min(moment for moment, _, _ in harness.request.stamps[1:]) >= 30


def test_limits_hold_overall_and_per_chat_on_the_fake_clock(harness: Harness) -> None:
    chats = list(range(8001, 8009))
    queue(harness.core, chats, per_chat=5)  # 40 rows, chat after chat
    harness.drain(rate=5)
    stamps = harness.request.stamps
    assert len(stamps) == 40
    assert max_in_one_second([s for s, _, _ in stamps]) <= 5
    for chat in chats:
        times = [s for s, _, c in stamps if c == chat]
        assert all(b - a >= 1.0 - 1e-9 for a, b in itertools.pairwise(times))
    # Chats waiting their turn do not hold up the others: 40 at 5/s take under 8 s.
    assert stamps[-1][0] - stamps[0][0] <= 39 / 5 + 1e-6


def test_a_sender_cancelled_mid_send_and_restarted_sends_each_row_once(harness: Harness) -> None:
    core = harness.core
    queue(core, list(range(7001, 7031)))

    async def first_run() -> None:
        async with harness.bot() as bot:
            task = asyncio.create_task(harness.sender(bot, rate=10).drain())
            # Cancelled while the 12th message is on its way to the Bot API.
            harness.request.before_send = lambda count: task.cancel() if count == 12 else None
            with pytest.raises(asyncio.CancelledError):
                await task

    asyncio.run(first_run())
    harness.request.before_send = lambda _count: None
    assert counts(core) == {"sent": 12, "pending": 18}
    assert sum(harness.delivered().values()) == 12

    harness.drain(rate=10)
    delivered = harness.delivered()
    assert len(delivered) == 30 and set(delivered.values()) == {1}
    assert counts(core) == {"sent": 30}


def test_a_sender_cancelled_while_recording_a_send_still_records_it(harness: Harness) -> None:
    """Stopping while the "sent" commit waits for a database thread does not drop the commit."""
    core = harness.core
    queue(core, [7201])
    gate = threading.Event()

    async def run() -> None:
        loop = asyncio.get_running_loop()
        # One database thread, kept busy until the test lets it go: the commit has to wait.
        loop.set_default_executor(ThreadPoolExecutor(max_workers=1))
        async with harness.bot() as bot:
            task = asyncio.create_task(harness.sender(bot).step())

            def occupy_and_cancel(_count: int) -> None:
                loop.run_in_executor(None, gate.wait)
                task.cancel()  # the send in hand goes on: it is shielded

            harness.request.before_send = occupy_and_cancel
            while not harness.api.sent(7201):
                await asyncio.sleep(0.01)
            for _ in range(20):  # let the sender reach its wait for the commit
                await asyncio.sleep(0)
            task.cancel()  # and cancel it again, there
            gate.set()
            with pytest.raises(asyncio.CancelledError):
                await task

    asyncio.run(run())
    assert counts(core) == {"sent": 1}


@pytest.mark.parametrize("outcome", ["done", "failed"])
def test_a_stop_lets_the_job_in_hand_end_and_always_stops(outcome: str) -> None:
    """Two stops while a send or its commit is in hand: the job is neither cancelled nor its
    failure taken for a failed step (which run() would log and go on from)."""

    async def main() -> asyncio.Future[str]:
        release = asyncio.Event()

        async def in_hand() -> str:
            await release.wait()
            if outcome == "failed":
                raise RuntimeError("the database went away")
            return "sent"

        job = asyncio.ensure_future(in_hand())
        waiter = asyncio.create_task(run_to_the_end(job))
        for _ in range(2):
            await asyncio.sleep(0)
            waiter.cancel()
        await asyncio.sleep(0)
        assert not job.done()
        release.set()
        with pytest.raises(asyncio.CancelledError):
            await waiter
        return job

    job = asyncio.run(main())
    assert not job.cancelled()
    if outcome == "done":
        assert job.result() == "sent"
    else:
        assert isinstance(job.exception(), RuntimeError)


def test_two_senders_on_one_database_send_each_row_once(harness: Harness) -> None:
    queue(harness.core, list(range(7101, 7141)))

    async def both() -> None:
        async with harness.bot() as first, harness.bot() as second:
            senders = harness.sender(first), harness.sender(second)
            # Steps side by side (drain's long sleeps would move the clock both share).
            while counts(harness.core).get("pending"):
                await asyncio.gather(*(sender.step() for sender in senders))

    asyncio.run(both())
    delivered = harness.delivered()
    assert len(delivered) == 40 and set(delivered.values()) == {1}
    assert counts(harness.core) == {"sent": 40}


class Frozen(TelegramTransport):
    """A transport whose process stops for good at its `at`-th row: nothing more is sent or
    written, as after a kill -9; `thaw` lets the stuck call end in a network error."""

    def __init__(self, bot: Bot, at: int) -> None:
        super().__init__(bot)
        self.at, self.calls = at, 0
        self.thawed = asyncio.Event()

    async def send(self, row: Outbox, file: bytes | None, paced: Any) -> None:
        self.calls += 1
        if self.calls >= self.at:
            await self.thawed.wait()
            raise ConnectionError("the process was gone")
        await super().send(row, file, paced)


def test_rows_held_by_a_dead_sender_are_taken_over_within_the_lease(harness: Harness) -> None:
    """A sender stops mid-batch holding 40 rows; another takes them over within LEASE (20 s),
    sends each once, and the dead one's late writes change nothing."""
    core = harness.core
    queue(core, list(range(7301, 7341)))

    async def main() -> float:
        async with harness.bot() as first, harness.bot() as second:
            frozen = Frozen(first, at=4)
            dead = harness.sender(first)
            dead.transport = frozen
            dying = asyncio.create_task(dead.step())
            while frozen.calls < 4:
                await asyncio.sleep(0)
            died_at = harness.time.t
            await harness.sender(second).drain()
            finished = harness.time.t - died_at
            frozen.thawed.set()  # the dead one wakes up late: it must not disturb anything
            await dying
            return finished

    finished = asyncio.run(main())
    delivered = harness.delivered()
    assert len(delivered) == 40 and set(delivered.values()) == {1}
    assert counts(core) == {"sent": 40}
    # The lease (20 s) plus 37 rows at 30/s, not the 5 minutes of a long lease.
    assert finished < 25
    assert {r.leased_by for r in rows(core)} != {None}  # rows name the sender that took them


class Meddled(TelegramTransport):
    """A transport that lets another sender take a step before each of its rows."""

    def __init__(self, bot: Bot, other: OutboxSender) -> None:
        super().__init__(bot)
        self.other = other

    async def send(self, row: Outbox, file: bytes | None, paced: Any) -> None:
        await self.other.step()
        await super().send(row, file, paced)


def test_a_sender_renews_its_lease_while_it_works_through_a_batch(harness: Harness) -> None:
    """At 1 message/s a batch of 40 takes 40 s, twice the lease: a second sender stepping
    before each of its rows never takes a row the first still holds."""
    queue(harness.core, list(range(7401, 7441)))

    async def main() -> None:
        async with harness.bot() as first, harness.bot() as second:
            slow = harness.sender(first, rate=1)
            slow.transport = Meddled(first, harness.sender(second, rate=1))
            await slow.step()

    asyncio.run(main())
    delivered = harness.delivered()
    assert len(delivered) == 40 and set(delivered.values()) == {1}
    assert harness.time.t >= 39  # the batch did outlast the lease


class SlowCall(Meddled):
    """The third send takes 30 s (a large upload); meanwhile the other sender takes a step."""

    async def send(self, row: Outbox, file: bytes | None, paced: Any) -> None:
        await TelegramTransport.send(self, row, file, paced)
        if self.other.transport is not self and row.id == 3:
            await self.other.sleep(30)
            await self.other.step()


def test_a_call_that_outlasts_the_lease_costs_at_most_that_row_twice(harness: Harness) -> None:
    """While a 30-second call holds up the first sender its lease (20 s) runs out and another
    sender takes the batch over: the first one sends none of those rows again."""
    queue(harness.core, list(range(7501, 7521)))

    async def main() -> None:
        async with harness.bot() as first, harness.bot() as second:
            slow = harness.sender(first)
            slow.transport = SlowCall(first, harness.sender(second))
            await slow.step()

    asyncio.run(main())
    delivered = harness.delivered()
    assert len(delivered) == 20 and counts(harness.core) == {"sent": 20}
    # Only the row in the long call went twice (the second sender found it not yet recorded),
    # and perhaps the one before it, if its "sent" commit was still on its way then.
    twice = {chat for (chat, _), n in delivered.items() if n > 1}
    assert 7503 in twice and twice <= {7502, 7503}


def test_a_long_text_goes_in_pieces_with_the_buttons_under_the_last(harness: Harness) -> None:
    core, api = harness.core, harness.api
    text = "\n".join(f"Dòng {n}: nội dung thông báo dài." for n in range(300))
    with transaction(core.engine) as session:
        enqueue(
            session,
            idempotency_key="long",
            channel="telegram",
            chat_id="6101",
            officer_id=None,
            kind="notice",
            text=text,
            now=core.clock(),
            buttons={"rows": [[{"label": "Đã nhận", "payload": "a.ack.7"}]]},
        )
    harness.drain()
    pieces = api.sent(6101)
    assert len(pieces) == 3 and "\n".join(p["text"] for p in pieces) == text
    assert [p["reply_markup"] is not None for p in pieces] == [False, False, True]
    stamps = [moment for moment, _, _ in harness.request.stamps]
    assert all(b - a >= 1.0 - 1e-9 for a, b in itertools.pairwise(stamps))  # one chat: 1/s


def test_passing_errors_are_retried_for_hours_not_a_few_times(harness: Harness) -> None:
    """Twelve 5xx answers in a row (over half an hour) and the row still goes, once."""
    core, api = harness.core, harness.api
    queue(core, [6001])
    api.fail_next("sendMessage", 6001, status=500, times=12)
    harness.drain()
    [row] = rows(core)
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 12)
    assert [m["text"] for m in api.sent(6001)] == ["Thông báo tb-0 cho 6001"]
    tries = [s for s, _, chat in harness.request.stamps if chat == 6001]
    gaps = [round(b - a) for a, b in itertools.pairwise(tries)]
    # Doubling from 10 s to the 5-minute cap (the jitter is held at "none" here).
    assert gaps == [10, 20, 40, 80, 160, 300, 300, 300, 300, 300, 300, 300]


def test_a_row_failing_past_the_horizon_is_given_up(harness: Harness) -> None:
    core, api = harness.core, harness.api
    queue(core, [6002])
    api.fail_next("sendMessage", 6002, status=502, times=1000)
    harness.drain(retry_hours=1)
    [row] = rows(core)
    assert row.status == OutboxStatus.FAILED and "Bad Gateway" in row.last_error
    tries = [s for s, _, chat in harness.request.stamps if chat == 6002]
    # Given up at the first failure an hour or more after the first one, not before.
    assert 3600 <= tries[-1] - tries[0] < 3600 + 300
    assert row.attempts == len(tries)


@pytest.mark.parametrize(
    ("status", "description"),
    [(400, "Bad Request: chat not found"), (400, "Bad Request: message is too long")],
)
def test_a_refusal_for_good_is_failed_at_once(
    harness: Harness, status: int, description: str
) -> None:
    core, api = harness.core, harness.api
    queue(core, [6003, 6004])
    api.fail_next("sendMessage", 6003, status=status, description=description)
    harness.drain()
    refused, other = rows(core)
    assert (refused.status, refused.attempts) == (OutboxStatus.FAILED, 1)
    assert description.removeprefix("Bad Request: ") in refused.last_error.lower()
    assert other.status == OutboxStatus.SENT
    assert Counter(chat for _, _, chat in harness.request.stamps) == {6003: 1, 6004: 1}


def test_after_an_outage_every_waiting_row_goes_at_once(harness: Harness) -> None:
    """The platform answers 502 to every call for a while; once a send passes, the rows that
    wait out their back-off are due at once, instead of each after its own back-off."""
    core, api = harness.core, harness.api
    chats = list(range(6101, 6121))
    queue(core, chats)
    api.fail_next("sendMessage", None, status=502, times=3 * len(chats))

    async def main() -> None:
        jitter = random.Random(7)
        async with harness.bot() as bot:
            sender = harness.sender(bot)
            sender.jitter = jitter.random
            await sender.drain()

    asyncio.run(main())
    assert counts(core) == {"sent": len(chats)}
    assert set(harness.delivered().values()) == {1} and len(harness.delivered()) == len(chats)
    stamps = harness.request.stamps
    first_pass = stamps[3 * len(chats)][0]  # the first call after the outage
    # 20 rows at 30/s: all gone within a second of the first send that passed.
    assert stamps[-1][0] - first_pass < 1.0


def test_a_row_due_again_after_an_outage_backs_off_from_the_first_step(core: Core) -> None:
    """Failed through an outage, a row waits a long back-off; once sends pass again it is due
    at once, and one more failure (a passing 502) costs it the first back-off, not the sixth."""
    [waiting] = queue(core, [6201])
    with transaction(core.engine) as session:
        row = session.get(Outbox, waiting)
        assert row is not None
        row.attempts, row.failing_since = 5, core.clock() - timedelta(minutes=3)
        row.not_before = core.clock() + timedelta(seconds=160)
        session.add(row)
    with transaction(core.engine) as session:
        assert retry_now(session, channel="telegram", now=core.clock()) == 1
    [row] = rows(core)
    assert (row.attempts, row.not_before) == (0, core.clock())


def test_the_back_off_grows_to_its_cap_with_jitter() -> None:
    for jitter, attempts, expected in [
        (0.0, 0, 10),
        (0.999, 0, 5.005),
        (0.5, 2, 30),
        (0.0, 5, 300),
        (0.999, 500, 150.15),
    ]:
        assert backoff_seconds(attempts, jitter) == pytest.approx(expected)


def test_a_file_goes_as_a_document_with_its_buttons(harness: Harness) -> None:
    core, api = harness.core, harness.api
    sha = core.files.put(PDF)
    with transaction(core.engine) as session:
        officer = officer_by_code(session, code="VHXH02")
        assert officer is not None and officer.id is not None
        record_stored_file(
            session,
            sha256=sha,
            size=len(PDF),
            mime_type="application/pdf",
            extension="pdf",
            uploaded_by=officer.id,
            now=core.clock(),
        )
        bind_identity(
            session,
            channel="telegram",
            platform_user_id="5001",
            chat_id="5001",
            officer_id=officer.id,
            now=core.clock(),
        )
        queue_for_officer(
            session,
            now=core.clock(),
            officer_id=officer.id,
            key="a.7",
            text="Kế hoạch thi đua",
            kind="announcement",
            buttons=ACK,
            file_sha256=sha,
            file_name="ke-hoach.pdf",
        )
        bind_local_user(session, channel="console", officer_code="VP01", now=core.clock())
        console_user = officer_by_code(session, code="VP01")
        assert console_user is not None and console_user.id is not None
        queue_for_officer(
            session, now=core.clock(), officer_id=console_user.id, key="a.7", text="Kế hoạch"
        )
    harness.drain()
    [message] = api.sent(5001)
    assert (message["kind"], message["filename"], message["caption"]) == (
        "document",
        "ke-hoach.pdf",
        "Kế hoạch thi đua",
    )
    assert message["data"] == PDF
    assert message["reply_markup"] == {
        "inline_keyboard": [[{"text": "Đã nhận", "callback_data": "a.ack.7"}]]
    }
    # The console's row is left for the console.
    assert {(r.channel, r.status) for r in rows(core)} == {
        ("telegram", OutboxStatus.SENT),
        ("console", OutboxStatus.PENDING),
    }


def test_serve_runs_the_sender_beside_polling(
    core: Core, api: FakeTelegramAPI, tmp_path: Path
) -> None:
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": api.token,
            "DATA_DIR": str(tmp_path / "data"),
            "TELEGRAM_API_BASE_URL": api.base_url,
            "TELEGRAM_FILE_BASE_URL": api.file_base_url,
        }
    )
    queue(core, [4001])
    application = build_application(settings, core)

    async def main() -> None:
        stop = asyncio.Event()
        serving = asyncio.create_task(serve(application, stop))
        await asyncio.to_thread(api.wait_for_messages, 4001, 1)
        stop.set()
        await serving

    assert core.config.bot_username == ""
    asyncio.run(main())
    assert [m["text"] for m in api.sent(4001)] == ["Thông báo tb-0 cho 4001"]
    assert [r.status for r in rows(core)] == [OutboxStatus.SENT]
    # The running bot passed on the name it learnt from getMe: /moi gives the link.
    assert core.config.bot_username == api.bot_username
    admin = Chat(core, officer_code="VP03", user_id="admin-phone")
    admin.send("/moi VP04")
    assert f"https://t.me/{api.bot_username}?start=" in admin.text


# ----- the console ------------------------------------------------------------------------


def test_the_console_prints_a_notice_to_a_console_user(core: Core, tmp_path: Path) -> None:
    with transaction(core.engine) as session:
        bind_local_user(session, channel="console", officer_code="PVHCC03", now=core.clock())
        officer = officer_by_code(session, code="PVHCC03")
        assert officer is not None and officer.id is not None
        notify_officer(
            context(session, core),
            officer_id=officer.id,
            key="r.9",
            text="Báo cáo số 9 của đồng chí đã được xác nhận.",
            buttons=ACK,
        )
    stdout = io.StringIO()
    assert Console(core, io.StringIO("/trogiup\n"), stdout, tmp_path).run("PVHCC01") == 0
    output = stdout.getvalue()
    header = "──── Tin nhắn bot gửi tới Mai Thị Kim Oanh (PVHCC03) ────"
    assert f"{header}\nBáo cáo số 9 của đồng chí đã được xác nhận.\n\n1. Đã nhận" in output
    # Queued before the console opened: shown right after its banner, before the first prompt.
    before_first_line, after = output.split(PROMPT, 1)
    assert header in before_first_line and header not in after
    assert [(r.status, r.sent_at) for r in rows(core)] == [(OutboxStatus.SENT, core.clock())]


def test_status_counts_for_a_kind_and_for_ids(core: Core) -> None:
    ids = queue(core, [3001, 3002], kind="announcement") + queue(core, [3003])
    with transaction(core.engine) as session:
        mark_sent(session, outbox_id=ids[0], now=core.clock())
        mark_unreachable(session, outbox_id=ids[2], error="Forbidden")
    with transaction(core.engine) as session:
        assert status_counts(session, kind="announcement") == {"sent": 1, "pending": 1}
        assert status_counts(session, ids=ids[1:]) == {"pending": 1, "unreachable": 1}
        assert status_counts(session, kind="announcement", ids=ids[1:]) == {"pending": 1}


def test_a_role_change_sets_the_chats_menu_through_the_outbox(
    harness: Harness, make_chat: type[Chat]
) -> None:
    """The core only says the role changed (a menu row); the Telegram transport sets that
    chat's "/" menu, and the console shows nothing for it."""
    core, api = harness.core, harness.api
    bind(core, "PVHCC03", "telegram", "7003")
    bind(core, "PVHCC03", "console", "PVHCC03")
    admin = make_chat("VP03")
    admin.send("/canbo PVHCC03")
    admin.press("👤 Đổi vai trò")
    admin.press("Thường trực")
    assert "Đã đổi vai trò" in admin.text
    queued = [row for row in rows(core) if row.kind == MENU_KIND]
    assert {row.channel for row in queued} == {"telegram", "console"}
    harness.drain()
    chat_menu = api.commands_for({"type": "chat", "chat_id": 70030})
    assert [c["command"] for c in chat_menu] == [e.name for e in entries_for(Role.SECRETARIAT)]
    assert api.sent(70030) == []  # a menu, not a message
    out = io.StringIO()
    console = Console(core, io.StringIO(), out, core.files.root)
    console.deliver_outbox()
    assert out.getvalue() == ""
    assert counts(core) == {"sent": 2}
