"""The inbox: webhook events stored before the 200, handled once each, in order per chat,
by whichever of two processes takes them; a crash loses nothing and doubles nothing."""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import Engine
from sqlalchemy.event import listen
from sqlmodel import select

from bot.core import INBOX_DUTY, Core
from bot.web import answered
from bot.web.inbox import InboxWorker
from bot.web.server import build_web_app
from bot.web.webhooks import ZALO_SECRET_HEADER, Webhook, zalo_event
from handlers.engine.context import Context
from handlers.engine.messages import Incoming, Reply
from handlers.routing import dispatch
from storage.db import make_engine, transaction
from storage.models import Conversation, InboxEvent, Outbox
from storage.queries.inbox import claim_next, store_event
from storage.queries.outbox import enqueue
from tests.conftest import FakeClock
from tests.factories import bind_accounts

SECRET = "s3cret-Of-the-ward"
HOOK = Webhook("zalo", "/zalo/webhook", ZALO_SECRET_HEADER, SECRET, zalo_event)


def zalo_message(chat: str, message_id: str, text: str = "Xin chào") -> dict[str, Any]:
    return {
        "event_name": "message.text.received",
        "message": {
            "from": {"id": chat, "display_name": "Lan", "is_bot": False},
            "chat": {"id": chat, "chat_type": "PRIVATE"},
            "text": text,
            "message_id": message_id,
            "date": 1750316131602,
        },
    }


def store_messages(
    engine: Engine, now: datetime, *messages: tuple[str, str], text: str = "Xin chào"
) -> None:
    """Zalo messages (chat, message id) stored in this order, each keyed by its chat and id
    (Zalo's ids are unique over chats; the tests' short ones are not)."""
    with transaction(engine) as session:
        for chat, message_id in messages:
            store_event(
                session,
                channel="zalo",
                chat_id=chat,
                external_id=f"{chat}-{message_id}",
                payload=zalo_message(chat, message_id, text),
                now=now,
            )


def recording_handler(
    engine: Engine, handled: list[tuple[str, str]]
) -> Callable[[dict[str, Any]], Awaitable[None]]:
    """A channel handler whose work is one outbox row, committed with the inbox's mark as the
    core does (a duplicate would show as a second row with the same text)."""

    def work(payload: dict[str, Any]) -> None:
        message = payload["message"]
        with transaction(engine) as session:
            enqueue(
                session,
                idempotency_key=uuid.uuid4().hex,
                channel="zalo",
                chat_id=message["chat"]["id"],
                officer_id=None,
                kind="test",
                text=message["message_id"],
                now=FakeClock()(),
            )
            duty = INBOX_DUTY.get()
            assert duty is not None
            duty(session)
        handled.append((message["chat"]["id"], message["message_id"]))

    async def handle(payload: dict[str, Any]) -> None:
        await asyncio.to_thread(work, payload)  # to_thread carries the inbox duty along

    return handle


async def _client(core: Core, worker: InboxWorker) -> TestClient:  # type: ignore[type-arg]
    client = TestClient(TestServer(build_web_app(core, worker, [HOOK]), host="127.0.0.1"))
    await client.start_server()
    return client


def test_webhook_needs_the_secret_and_stores_each_event_once(core: Core) -> None:
    worker = InboxWorker(engine=core.engine, handlers={}, clock=core.clock)

    async def main() -> list[int]:
        client = await _client(core, worker)
        try:
            statuses = []
            body = zalo_message("a" * 20, "m1")
            for headers in ({}, {ZALO_SECRET_HEADER: "wrong"}):
                statuses.append(
                    (await client.post("/zalo/webhook", json=body, headers=headers)).status
                )
            ok = {ZALO_SECRET_HEADER: SECRET, "User-Agent": "Java/1.8.0_292"}
            statuses.append((await client.post("/zalo/webhook", data=b"", headers=ok)).status)
            statuses.append((await client.post("/zalo/webhook", json=body, headers=ok)).status)
            wrapped = {"ok": True, "result": body}
            statuses.append((await client.post("/zalo/webhook", json=wrapped, headers=ok)).status)
            other = {"ok": True, "result": zalo_message("a" * 20, "m2")}
            statuses.append((await client.post("/zalo/webhook", json=other, headers=ok)).status)
            return statuses
        finally:
            await client.close()

    assert asyncio.run(main()) == [401, 401, 200, 200, 200, 200]
    with transaction(core.engine) as session:
        events = session.exec(select(InboxEvent).order_by(InboxEvent.id)).all()
        assert [e.external_id for e in events] == ["m1", "m2"]
        assert all(e.payload["message"]["chat"]["id"] == "a" * 20 for e in events)


def test_a_webhook_without_a_secret_takes_nothing(core: Core) -> None:
    worker = InboxWorker(engine=core.engine, handlers={}, clock=core.clock)
    open_hook = Webhook("zalo", "/zalo/webhook", ZALO_SECRET_HEADER, "", zalo_event)

    async def main() -> int:
        app = build_web_app(core, worker, [open_hook])
        client = TestClient(TestServer(app, host="127.0.0.1"))
        await client.start_server()
        try:
            body = zalo_message("c", "m1")
            response = await client.post(
                "/zalo/webhook", json=body, headers={ZALO_SECRET_HEADER: ""}
            )
            return response.status
        finally:
            await client.close()

    assert asyncio.run(main()) == 401
    with transaction(core.engine) as session:
        assert session.exec(select(InboxEvent)).all() == []


def test_an_event_goes_through_the_core_and_is_marked_in_its_transaction(core: Core) -> None:
    seen: list[str] = []

    async def handle(payload: dict[str, Any]) -> None:
        message = payload["message"]
        incoming = Incoming(
            channel="zalo",
            user_id=message["from"]["id"],
            chat_id=message["chat"]["id"],
            text=message["text"],
        )
        replies = await asyncio.to_thread(core.answer, incoming)
        seen.extend(reply.text for reply in replies)

    store_messages(core.engine, core.clock(), ("c1", "m1"), text="/trogiup")
    worker = InboxWorker(engine=core.engine, handlers={"zalo": handle}, clock=core.clock)
    asyncio.run(worker.drain())
    assert seen  # the core answered (a stranger is told how to bind)
    with transaction(core.engine) as session:
        event = session.exec(select(InboxEvent)).one()
        conversation = session.exec(select(Conversation)).one()
        assert event.handled_at is not None and event.attempts == 1
        assert conversation.platform_user_id == "c1"


def test_a_chat_waits_only_for_its_own_previous_event_and_the_worker_stops_when_cancelled(
    core: Core,
) -> None:
    """One chat's reply still going out holds that chat's next event back, not other chats'."""
    handled: list[tuple[str, str]] = []
    started: list[tuple[str, str]] = []
    record = recording_handler(core.engine, handled)

    async def main() -> None:
        gate = asyncio.Event()

        async def handle(payload: dict[str, Any]) -> None:
            key = (payload["message"]["chat"]["id"], payload["message"]["message_id"])
            started.append(key)
            await record(payload)  # committed with the inbox's mark
            if key == ("c1", "m1"):
                await gate.wait()  # its reply is still being sent

        worker = InboxWorker(engine=core.engine, handlers={"zalo": handle}, clock=core.clock)
        running = asyncio.create_task(worker.run())
        for _ in range(500):
            if len(handled) == 3:
                break
            await asyncio.sleep(0.01)
        assert sorted(handled) == [("c1", "m1"), ("c2", "m1"), ("c2", "m2")]
        assert ("c1", "m2") not in started
        gate.set()
        for _ in range(500):
            if len(handled) == 4:
                break
            await asyncio.sleep(0.01)
        running.cancel()
        with pytest.raises(asyncio.CancelledError):
            await running

    store_messages(
        core.engine, core.clock(), ("c1", "m1"), ("c1", "m2"), ("c2", "m1"), ("c2", "m2")
    )
    asyncio.run(main())
    assert handled[-1] == ("c1", "m2")
    assert started.index(("c1", "m2")) > started.index(("c1", "m1"))


def test_an_event_received_is_taken_at_once_unless_its_chat_has_one_before_it(
    core: Core,
) -> None:
    handled: list[tuple[str, str]] = []
    worker = InboxWorker(
        engine=core.engine,
        handlers={"zalo": recording_handler(core.engine, handled)},
        clock=core.clock,
    )
    store_messages(core.engine, core.clock(), ("c1", "m1"))

    async def receive(chat: str, message_id: str) -> bool:
        return await worker.receive(
            channel="zalo",
            chat_id=chat,
            external_id=f"{chat}-{message_id}",  # as store_messages keys them
            payload=zalo_message(chat, message_id),
        )

    async def main() -> None:
        assert await receive("c1", "m2")
        assert await receive("c2", "m1")
        assert not await receive("c2", "m1")  # a redelivery is kept once
        for _ in range(500):
            if handled:
                break
            await asyncio.sleep(0.01)
        assert handled == [("c2", "m1")]  # taken when stored; c1's m2 waits behind m1
        await worker.drain()

    asyncio.run(main())
    assert handled == [("c2", "m1"), ("c1", "m1"), ("c1", "m2")]
    with transaction(core.engine) as session:
        events = session.exec(select(InboxEvent)).all()
    assert all(event.handled_at is not None and event.attempts == 1 for event in events)


def test_an_event_kept_behind_its_chats_previous_one_is_taken_once_that_one_is_done(
    core: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker looks again as soon as an event with one kept behind it is done, and only
    then: with the idle tick an hour away, nothing else could take the second event."""
    monkeypatch.setattr("bot.web.inbox.IDLE_SECONDS", 3600)
    handled: list[tuple[str, str]] = []
    record = recording_handler(core.engine, handled)
    worker = InboxWorker(engine=core.engine, handlers={"zalo": record}, clock=core.clock)
    looks: list[int] = []
    take = worker._take

    async def counted_take() -> bool:
        looks.append(len(handled))
        return await take()

    monkeypatch.setattr(worker, "_take", counted_take)

    async def settle() -> None:
        for _ in range(1000):
            if len(handled) == 2 and not worker._in_hand:
                break
            await asyncio.sleep(0.01)
        for _ in range(10):  # a wake set by the last event done would be acted on by now
            await asyncio.sleep(0)

    async def main() -> None:
        gate = asyncio.Event()
        running = asyncio.create_task(worker.run())
        original = worker.handlers["zalo"]

        async def held_first(payload: dict[str, Any]) -> None:
            if payload["message"]["message_id"] == "m1":
                await gate.wait()  # m1 is still unhandled when m2 arrives
            await original(payload)

        worker.handlers["zalo"] = held_first
        for message_id in ("m1", "m2"):
            assert await worker.receive(
                channel="zalo",
                chat_id="c1",
                external_id=f"c1-{message_id}",
                payload=zalo_message("c1", message_id),
            )
        gate.set()
        await settle()
        running.cancel()
        with pytest.raises(asyncio.CancelledError):
            await running

    asyncio.run(main())
    assert handled == [("c1", "m1"), ("c1", "m2")]
    # The first look at start, one when m2 was kept (it could not be taken), one when m1 was
    # done (m2 taken) and one straight after; m2 done, with nothing behind it, wakes nobody.
    assert looks == [0, 0, 1, 1]


def test_events_arriving_together_are_kept_in_one_transaction_and_a_refused_one_alone(
    core: Core,
) -> None:
    """Group commit: five events arriving at once cost one commit (one fsync on SQLite);
    an event the database refuses fails its own webhook call, not the others'."""
    handled: list[tuple[str, str]] = []
    record = recording_handler(core.engine, handled)
    worker = InboxWorker(engine=core.engine, handlers={}, clock=core.clock)
    commits: list[int] = []
    listen(core.engine, "commit", lambda _connection: commits.append(1))

    def receive(chat: str, payload: dict[str, Any]) -> Awaitable[bool]:
        message_id = payload["message"]["message_id"]
        return worker.receive(
            channel="zalo", chat_id=chat, external_id=f"{chat}-{message_id}", payload=payload
        )

    async def main() -> list[bool | BaseException]:
        gate = asyncio.Event()

        async def after_the_count(payload: dict[str, Any]) -> None:
            await gate.wait()  # the handlers' own commits come after the count
            await record(payload)

        worker.handlers["zalo"] = after_the_count
        together = [receive(f"c{n}", zalo_message(f"c{n}", "m1")) for n in range(5)]
        assert await asyncio.gather(*together) == [True] * 5
        kept_together = len(commits)
        refused = zalo_message("c9", "m1")
        refused["message"]["sticker"] = {1, 2}  # not JSON: the database cannot hold it
        outcomes = await asyncio.gather(
            receive("c7", zalo_message("c7", "m1")),
            receive("c9", refused),
            receive("c8", zalo_message("c8", "m1")),
            return_exceptions=True,
        )
        assert kept_together == 1
        gate.set()
        for _ in range(500):  # each event taken when kept is handled in a task of its own
            if len(handled) == 7:
                break
            await asyncio.sleep(0.01)
        return outcomes

    outcomes = asyncio.run(main())
    assert outcomes[0] is True and outcomes[2] is True
    assert isinstance(outcomes[1], Exception)
    assert sorted(handled) == [(f"c{n}", "m1") for n in (0, 1, 2, 3, 4, 7, 8)]


def test_webhook_calls_the_runner_refuses_fail_instead_of_waiting_for_ever(core: Core) -> None:
    """Shutting down, the core runner refuses work: each webhook call waiting to be kept
    hears it (the platform sends the event again later) instead of hanging."""

    async def refuse(job: Callable[[], object]) -> object:
        raise RuntimeError("the core runner is closed")

    worker = InboxWorker(engine=core.engine, handlers={}, clock=core.clock, run_blocking=refuse)

    async def main() -> list[bool | BaseException]:
        calls = [
            worker.receive(
                channel="zalo",
                chat_id=chat,
                external_id=f"{chat}-m1",
                payload=zalo_message(chat, "m1"),
            )
            for chat in ("c1", "c2")
        ]
        # The bound only keeps a broken worker from hanging the suite.
        return await asyncio.wait_for(asyncio.gather(*calls, return_exceptions=True), 10)

    outcomes = asyncio.run(main())
    assert [type(outcome) for outcome in outcomes] == [RuntimeError, RuntimeError]
    with transaction(core.engine) as session:
        assert session.exec(select(InboxEvent)).all() == []


def test_an_event_of_a_channel_this_worker_does_not_serve_is_kept_and_left_free(
    core: Core,
) -> None:
    """Taken, it would wait out a lease that nobody here could use; left free, a process
    serving its channel takes it at once."""
    worker = InboxWorker(engine=core.engine, handlers={}, clock=core.clock)
    kept = asyncio.run(
        worker.receive(
            channel="zalo", chat_id="c1", external_id="c1-m1", payload=zalo_message("c1", "m1")
        )
    )
    with transaction(core.engine) as session:
        event = session.exec(select(InboxEvent)).one()
    assert kept and (event.claimed_by, event.lease_until, event.attempts) == ("", None, 0)


def test_a_crash_loses_nothing_and_doubles_nothing(core: Core, clock: FakeClock) -> None:
    handled: list[tuple[str, str]] = []
    store_messages(core.engine, clock(), ("c", "m1"), ("c", "m2"), ("c", "m3"))
    # A worker took m1 and died before doing anything: its lease keeps m1 (and c's later
    # events) from everyone until it runs out.
    with transaction(core.engine) as session:
        dead = claim_next(
            session,
            owner="dead",
            channels=["zalo"],
            now=clock(),
            lease_until=clock() + timedelta(minutes=2),
            limit=10,
        )
    assert [e.external_id for e in dead] == ["c-m1"]
    worker = InboxWorker(
        engine=core.engine, handlers={"zalo": recording_handler(core.engine, handled)}, clock=clock
    )
    asyncio.run(worker.drain())
    assert handled == []
    clock.advance(minutes=3)
    asyncio.run(worker.drain())
    assert handled == [("c", "m1"), ("c", "m2"), ("c", "m3")]
    # Another restart finds nothing left to do.
    clock.advance(minutes=3)
    asyncio.run(
        InboxWorker(
            engine=core.engine,
            handlers={"zalo": recording_handler(core.engine, handled)},
            clock=clock,
        ).drain()
    )
    with transaction(core.engine) as session:
        rows = session.exec(select(Outbox.text).order_by(Outbox.id)).all()
    assert rows == ["m1", "m2", "m3"]


def test_a_worker_whose_lease_was_taken_over_rolls_its_work_back(
    core: Core, clock: FakeClock
) -> None:
    handled: list[tuple[str, str]] = []
    store_messages(core.engine, clock(), ("c", "m1"))
    slow = InboxWorker(
        engine=core.engine,
        handlers={"zalo": recording_handler(core.engine, handled)},
        clock=clock,
        owner="slow",
    )
    other = InboxWorker(
        engine=core.engine,
        handlers={"zalo": recording_handler(core.engine, handled)},
        clock=clock,
        owner="other",
    )
    with transaction(core.engine) as session:
        claim_next(
            session,
            owner="slow",
            channels=["zalo"],
            now=clock(),
            lease_until=clock() + timedelta(minutes=2),
            limit=10,
        )
    clock.advance(minutes=3)
    asyncio.run(other.drain())
    # The slow worker finally finishes its handling of m1: its mark fails, its work is undone.
    with transaction(core.engine) as session:
        event = session.exec(select(InboxEvent)).one()
    asyncio.run(slow._handle(event))
    assert handled == [("c", "m1")]
    with transaction(core.engine) as session:
        assert session.exec(select(Outbox.text)).all() == ["m1"]


def _postgres_only(url: str) -> None:
    if not url.startswith("postgresql"):
        pytest.skip("two processes share a PostgreSQL database; SQLite serves one process")


def test_two_processes_on_one_database_handle_each_event_once_in_chat_order(
    database_url: str, clock: FakeClock
) -> None:
    _postgres_only(database_url)
    engines = [make_engine(database_url), make_engine(database_url)]
    chats = [f"chat{c}" for c in range(6)]
    store_messages(engines[0], clock(), *((chat, str(n)) for n in range(8) for chat in chats))
    handled: list[tuple[str, str]] = []
    workers = [
        InboxWorker(
            engine=engine, handlers={"zalo": recording_handler(engine, handled)}, clock=clock
        )
        for engine in engines
    ]

    async def main() -> None:
        await asyncio.gather(*(worker.drain() for worker in workers))
        await asyncio.gather(*(worker.drain() for worker in workers))

    asyncio.run(main())
    for engine in engines:
        engine.dispose()
    assert sorted(handled) == sorted((chat, str(n)) for chat in chats for n in range(8))
    for chat in chats:
        assert [n for c, n in handled if c == chat] == [str(n) for n in range(8)]
    with transaction(make_engine(database_url)) as session:
        rows = session.exec(select(Outbox.chat_id, Outbox.text).order_by(Outbox.id)).all()
    assert len(rows) == len(chats) * 8
    for chat in chats:
        assert [text for c, text in rows if c == chat] == [str(n) for n in range(8)]


def test_claims_racing_on_postgresql_never_take_an_event_twice(
    database_url: str, clock: FakeClock
) -> None:
    _postgres_only(database_url)
    engine = make_engine(database_url)
    store_messages(engine, clock(), *((f"c{chat}", "m1") for chat in range(40)))
    taken: dict[str, list[int]] = {}
    start = threading.Barrier(4)

    def claim(owner: str) -> None:
        start.wait()
        with transaction(engine) as session:
            events = claim_next(
                session,
                owner=owner,
                channels=["zalo"],
                now=clock(),
                lease_until=clock() + timedelta(minutes=2),
                limit=40,
            )
            taken[owner] = [e.id for e in events]

    threads = [threading.Thread(target=claim, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()
    everything = [event for events in taken.values() for event in events]
    assert len(everything) == len(set(everything)) == 40


def test_a_failing_handler_is_retried_then_given_up_keeping_chat_order(
    core: Core, clock: FakeClock
) -> None:
    handled: list[tuple[str, str]] = []
    record = recording_handler(core.engine, handled)

    async def flaky(payload: dict[str, Any]) -> None:
        if payload["message"]["message_id"] == "bad":
            raise RuntimeError("platform down")
        await record(payload)

    store_messages(core.engine, clock(), ("c", "bad"), ("c", "after"))
    worker = InboxWorker(engine=core.engine, handlers={"zalo": flaky}, clock=clock)
    for _ in range(4):
        asyncio.run(worker.drain())
        assert handled == []  # "after" waits behind the failing event of its chat
        clock.advance(minutes=10)
    asyncio.run(worker.drain())
    assert handled == [("c", "after")]
    with transaction(core.engine) as session:
        bad = session.exec(select(InboxEvent).where(InboxEvent.external_id == "c-bad")).one()
    assert bad.attempts == 5 and bad.handled_at is not None
    assert "platform down" in bad.last_error


def test_a_handler_failing_after_the_core_committed_is_not_retried(
    core: Core, clock: FakeClock
) -> None:
    handled: list[tuple[str, str]] = []
    record = recording_handler(core.engine, handled)

    async def fails_sending(payload: dict[str, Any]) -> None:
        await record(payload)  # the core's work, committed with the inbox's mark
        raise RuntimeError("the reply could not be sent")

    store_messages(core.engine, clock(), ("c", "m1"))
    worker = InboxWorker(engine=core.engine, handlers={"zalo": fails_sending}, clock=clock)
    asyncio.run(worker.drain())
    clock.advance(minutes=10)
    asyncio.run(worker.drain())
    assert handled == [("c", "m1")]
    with transaction(core.engine) as session:
        event = session.exec(select(InboxEvent)).one()
    assert event.handled_at is not None and event.attempts == 1
    assert event.last_error == ""  # not taken for a failure to be tried again


def test_handled_events_are_forgotten_after_a_week_unhandled_ones_never(
    core: Core, clock: FakeClock
) -> None:
    handled: list[tuple[str, str]] = []
    worker = InboxWorker(
        engine=core.engine, handlers={"zalo": recording_handler(core.engine, handled)}, clock=clock
    )
    store_messages(core.engine, clock(), ("c", "old"))
    asyncio.run(worker.drain())
    with transaction(core.engine) as session:
        store_event(
            session, channel="telegram", chat_id="t", external_id="waiting", payload={}, now=clock()
        )
    clock.advance(days=8)
    asyncio.run(worker.prune())
    with transaction(core.engine) as session:
        left = session.exec(select(InboxEvent.external_id)).all()
    assert left == ["waiting"]


def test_replies_a_kill_after_the_commit_kept_from_the_user_go_out_when_the_lease_ends(
    core: Core, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process dies after the core committed an event's work but before the replies
    went out: when its lease runs out the event is taken again and the core's kept replies are
    sent, the work not done twice; the chat's next event waits for them."""
    bind_accounts(core, "zalo", {"PVHCC03": "c"})
    routed: list[str] = []
    route = dispatch._route

    def noting(ctx: Context, problem: str | None) -> list[Reply]:
        routed.append(ctx.incoming.text)
        return route(ctx, problem)

    monkeypatch.setattr(dispatch, "_route", noting)
    sent: list[str] = []
    dying = asyncio.Event()

    async def handle(payload: dict[str, Any]) -> None:
        message = payload["message"]
        incoming = Incoming(
            channel="zalo",
            user_id="c",
            chat_id="c",
            text=message["text"],
            event_id=message["message_id"],
        )
        replies = await asyncio.to_thread(core.answer, incoming)
        if message["message_id"] == "m1" and not dying.is_set():
            dying.set()
            await asyncio.Event().wait()  # killed here, the replies unsent
        sent.extend(f"{message['message_id']}: {reply.text}" for reply in replies)

    async def killed() -> None:
        worker = InboxWorker(engine=core.engine, handlers={"zalo": handle}, clock=clock)
        running = asyncio.create_task(worker.run())
        await dying.wait()
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)

    store_messages(core.engine, clock(), ("c", "m1"), text="/baocao")
    asyncio.run(killed())
    store_messages(core.engine, clock(), ("c", "m2"), text="/huy")
    restarted = InboxWorker(engine=core.engine, handlers={"zalo": handle}, clock=clock)
    asyncio.run(restarted.drain())
    assert sent == []  # m1 is still the dead process's; m2 waits behind it
    clock.advance(minutes=3)
    asyncio.run(restarted.drain())
    assert [line.split(":")[0] for line in sent] == ["m1", "m2"]
    assert "thuộc tiêu chí thi đua nào" in sent[0]
    assert routed == ["/baocao", "/huy"]  # the second time, m1 got its kept replies
    with transaction(core.engine) as session:
        events = session.exec(select(InboxEvent).order_by(InboxEvent.id)).all()
    assert [(e.external_id, e.answered_at is not None) for e in events] == [
        ("c-m1", True),
        ("c-m2", True),
    ]


def test_an_answered_mark_goes_with_the_next_event_kept_not_in_a_commit_of_its_own(
    core: Core, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a conversation the user's next message soon follows the answer: its keeping
    carries the answered mark, so answering costs no commit more."""
    monkeypatch.setattr(answered, "DELAY_SECONDS", 3600.0)  # company comes first, here
    handled: list[tuple[str, str]] = []
    record = recording_handler(core.engine, handled)
    gate = asyncio.Event()

    async def handle(payload: dict[str, Any]) -> None:
        if payload["message"]["chat"]["id"] == "d":
            await gate.wait()  # d's own commit comes after the count
        await record(payload)

    worker = InboxWorker(engine=core.engine, handlers={"zalo": handle}, clock=clock)
    commits: list[int] = []

    def receive(chat: str) -> Awaitable[bool]:
        message = zalo_message(chat, "m1")
        return worker.receive(
            channel="zalo", chat_id=chat, external_id=f"{chat}-m1", payload=message
        )

    def answered_at() -> list[datetime | None]:
        with transaction(core.engine) as session:
            return list(session.exec(select(InboxEvent.answered_at).order_by(InboxEvent.id)))

    async def main() -> None:
        assert await receive("c")
        while not handled:  # c's event was taken as it was kept, and handled
            await asyncio.sleep(0.01)
        assert answered_at() == [None]  # answered, its mark waiting for company
        listen(core.engine, "commit", lambda _connection: commits.append(1))
        assert await receive("d")
        assert len(commits) == 1  # d's event and c's mark, together
        gate.set()
        while len(handled) < 2:
            await asyncio.sleep(0.01)

    asyncio.run(main())
    assert answered_at()[0] is not None


def test_a_worker_stopping_writes_the_answered_marks_waiting(
    core: Core, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Else every stop would have its last answers sent again after the restart."""
    monkeypatch.setattr(answered, "DELAY_SECONDS", 3600.0)
    handled: list[tuple[str, str]] = []
    worker = InboxWorker(
        engine=core.engine, handlers={"zalo": recording_handler(core.engine, handled)}, clock=clock
    )

    async def main() -> None:
        running = asyncio.create_task(worker.run())
        message = zalo_message("c", "m1")
        assert await worker.receive(
            channel="zalo", chat_id="c", external_id="c-m1", payload=message
        )
        while not handled:
            await asyncio.sleep(0.01)
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)

    asyncio.run(main())
    with transaction(core.engine) as session:
        [event] = session.exec(select(InboxEvent)).all()
    assert event.answered_at is not None
