"""Messages waiting together are answered in one transaction: one commit for all of them,
each still all or nothing, and one that fails takes none of the others with it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from sqlalchemy import event, update
from sqlmodel import Session, select

import bot.core
from bot.core import Core, Question
from bot.core_runner import GROUP_LIMIT, CoreRunner
from bot.web.inbox import InboxWorker
from handlers import texts
from handlers.engine.messages import Incoming, Reply
from storage.db import transaction
from storage.models import Conversation, InboxEvent, Officer, Report, Role, table_of
from storage.queries.inbox import LostClaim, store_event
from tests.chat import CHANNEL, Chat
from tests.flows import play
from tests.test_confirmations import payload_of
from tests.test_report_flow import OFFICER_REPORT

OFFICERS = ("PVHCC02", "PVHCC03", "PVHCC04")
# What each command's answer says, for messages that must each get their own answer.
ANSWERS = {"/baocao": "thuộc tiêu chí thi đua nào", "/trogiup": "/cuatoi", "/huy": "Không có"}


@pytest.fixture
def commits(core: Core) -> Iterator[list[int]]:
    """One entry for each transaction committed on the core's database from now on."""
    seen: list[int] = []

    def note(_connection: object) -> None:
        seen.append(1)

    event.listen(core.engine, "commit", note)
    yield seen
    event.remove(core.engine, "commit", note)


@pytest.fixture
def groups(core: Core, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """How each call of core.answer_together ended: "committed" or the exception's name."""
    ended: list[str] = []
    real = core.answer_together

    def noting(questions: Sequence[Question]) -> list[list[Reply]]:
        try:
            answers = real(questions)
        except Exception as error:
            ended.append(type(error).__name__)
            raise
        ended.append("committed")
        return answers

    monkeypatch.setattr(core, "answer_together", noting)
    return ended


def said(chat: Chat | str, text: str = "", button: str | None = None, **more: Any) -> Incoming:
    user = chat if isinstance(chat, str) else chat.user_id
    return Incoming(channel=CHANNEL, user_id=user, chat_id=user, text=text, button=button, **more)


def answered_together(runner: CoreRunner, messages: list[Incoming]) -> list[Any]:
    """Hand the messages in while the core's thread is busy, so that they wait together; each
    caller's outcome (its replies, or the exception it got)."""
    release = threading.Event()

    async def main() -> list[Any]:
        busy = asyncio.create_task(runner.run(lambda: release.wait(timeout=10)))
        await asyncio.sleep(0.01)  # the worker has taken the busy job
        waiting = [asyncio.create_task(runner.answer(message)) for message in messages]
        await asyncio.sleep(0)  # every message is handed in
        release.set()
        outcomes = await asyncio.gather(*waiting, return_exceptions=True)
        await busy
        return list(outcomes)

    try:
        return asyncio.run(main())
    finally:
        runner.close()


def texts_of(outcome: Any) -> str:
    assert isinstance(outcome, list), outcome
    return "\n".join(reply.text for reply in outcome)


def forms(core: Core) -> dict[str, str | None]:
    with Session(core.engine) as session:
        rows = session.exec(select(Conversation)).all()
        return {row.platform_user_id: row.form for row in rows}


def failing_for(
    user_id: str, failure: Exception, monkeypatch: pytest.MonkeyPatch
) -> dict[str, int]:
    """The core's dispatch raises for this user's messages, after doing their work; how many
    times each user's messages were handled."""
    real, handled = bot.core.handle, dict[str, int]()

    def handle(incoming: Incoming, **kwargs: Any) -> list[Reply]:
        handled[incoming.user_id] = handled.get(incoming.user_id, 0) + 1
        replies = real(incoming, **kwargs)
        if incoming.user_id == user_id:
            raise failure
        return replies

    monkeypatch.setattr(bot.core, "handle", handle)
    return handled


@pytest.mark.parametrize(("count", "expected_commits"), [(3, 1), (GROUP_LIMIT + 2, 2)])
def test_messages_waiting_together_are_committed_together_each_with_its_own_answer(
    core: Core, make_chat: type[Chat], commits: list[int], count: int, expected_commits: int
) -> None:
    chats = [make_chat(OFFICERS[0], user_id=f"user-{n}") for n in range(count)]
    commands = [list(ANSWERS)[n % len(ANSWERS)] for n in range(count)]
    commits.clear()
    outcomes = answered_together(
        CoreRunner.for_core(core),
        [said(c, command) for c, command in zip(chats, commands, strict=True)],
    )
    for command, outcome in zip(commands, outcomes, strict=True):
        assert ANSWERS[command] in texts_of(outcome), command
    assert len(commits) == expected_commits
    opened = {c.user_id for c, command in zip(chats, commands, strict=True) if command == "/baocao"}
    assert {user for user, form in forms(core).items() if form == "report"} == opened


def test_a_message_failing_in_a_group_fails_alone_and_nothing_is_stored_twice(
    core: Core,
    make_chat: type[Chat],
    commits: list[int],
    groups: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    officer = make_chat("PVHCC03")
    play(officer, OFFICER_REPORT[:-1])  # at the review, «✅ Gửi» to press
    send = said(officer, button=payload_of(officer, "✅ Gửi"))
    other, failing = make_chat("PVHCC02"), make_chat("PVHCC04")
    failing_for(failing.user_id, RuntimeError("the core failed"), monkeypatch)
    commits.clear()
    sent, opened, failed = answered_together(
        CoreRunner.for_core(core), [send, said(other, "/baocao"), said(failing, "/baocao")]
    )
    assert groups == ["RuntimeError"]  # the group was rolled back whole
    assert "Đã gửi báo cáo số" in texts_of(sent)
    assert ANSWERS["/baocao"] in texts_of(opened)
    assert texts_of(failed) == texts.INTERNAL_ERROR
    with Session(core.engine) as session:
        assert len(session.exec(select(Report)).all()) == 1
    assert forms(core)[other.user_id] == "report"
    assert forms(core)[failing.user_id] is None  # its work was rolled back
    # Then each message had a transaction of its own; the two that went through committed.
    assert len(commits) == 2


def test_a_lost_claim_in_a_group_reaches_its_own_caller_only(
    core: Core, make_chat: type[Chat], groups: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    chats = [make_chat(code) for code in OFFICERS]
    failing_for(chats[1].user_id, LostClaim(), monkeypatch)
    first, lost, last = answered_together(
        CoreRunner.for_core(core), [said(chat, "/baocao") for chat in chats]
    )
    assert groups == ["LostClaim"]
    assert isinstance(lost, LostClaim)
    assert ANSWERS["/baocao"] in texts_of(first) and ANSWERS["/baocao"] in texts_of(last)
    assert [forms(core)[chat.user_id] for chat in chats] == ["report", None, "report"]


def test_a_failed_commit_is_not_done_again_and_each_message_is_told(
    core: Core, make_chat: type[Chat], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As for a message alone: whether a commit that failed took effect is not known."""
    chats = [make_chat(code) for code in OFFICERS]
    handled = failing_for("nobody", RuntimeError(), monkeypatch)

    def refuse(_connection: object) -> None:
        raise RuntimeError("the connection was lost during COMMIT")

    event.listen(core.engine, "commit", refuse)
    try:
        outcomes = core.answer_together([(said(chat, "/baocao"), None) for chat in chats])
    finally:
        event.remove(core.engine, "commit", refuse)
    assert [texts_of(outcome) for outcome in outcomes] == [texts.INTERNAL_ERROR] * len(chats)
    assert handled == {chat.user_id: 1 for chat in chats}


def test_a_message_does_not_take_what_an_earlier_one_holds_for_current(
    core: Core, make_chat: type[Chat]
) -> None:
    """The first message's work holds the head's row as an object, then demotes the head with
    a statement that bypasses it; the second message, from that head, finds a head no more."""
    head = make_chat("PVHCC01")
    held: list[Officer] = []

    def demote(session: Session) -> None:
        held.extend(session.exec(select(Officer).where(Officer.code == "PVHCC01")))
        officers = table_of(Officer)
        session.connection().execute(
            update(officers).where(officers.c.code == "PVHCC01"), {"role": Role.OFFICER}
        )

    first, second = core.answer_together(
        [(said(head, "/trogiup"), demote), (said(head, "/xacnhan"), None)]
    )
    assert held and "/xacnhan" in texts_of(first)  # still a head here
    assert "Bạn không dùng được lệnh này" in texts_of(second)


def test_an_inbox_event_answered_in_a_group_that_failed_is_marked_only_when_committed(
    core: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later message of the group releases a savepoint (a first contact's claim) before the
    group fails. The event's own message, answered again alone, fails too: the worker must
    still mark its event handled, or it would be taken and answered again after its lease."""
    runner = CoreRunner.for_core(core)
    real, tries_of_a = bot.core.handle, []

    def handle(incoming: Incoming, **kwargs: Any) -> list[Reply]:
        replies = real(incoming, **kwargs)
        if incoming.user_id == "A":
            tries_of_a.append(1)
            if len(tries_of_a) == 2:
                raise RuntimeError("a passing failure, the second time")
        if incoming.user_id == "C":
            raise RuntimeError("the group fails")
        return replies

    monkeypatch.setattr(bot.core, "handle", handle)

    async def on_event(payload: dict[str, Any]) -> None:
        message = said(payload["user"], "/trogiup", sequence=payload["sequence"])
        await runner.answer(message)

    with transaction(core.engine) as session:
        for number, user in enumerate("ABC", start=1):
            store_event(
                session,
                channel=CHANNEL,
                chat_id=user,
                external_id=str(number),
                payload={"user": user, "sequence": number},
                now=core.clock(),
            )

    async def main() -> None:
        worker = InboxWorker(
            engine=core.engine,
            handlers={CHANNEL: on_event},
            clock=core.clock,
            run_blocking=runner.run,
        )
        await worker.step()

    try:
        asyncio.run(main())
    finally:
        runner.close()
    with Session(core.engine) as session:
        events = session.exec(select(InboxEvent.chat_id, InboxEvent.handled_at)).all()
    assert len(tries_of_a) == 2  # in the group, then alone
    assert {chat: at is not None for chat, at in events} == {"A": True, "B": True, "C": True}
