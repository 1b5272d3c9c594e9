"""Messages waiting together are answered in one transaction: one commit for all of them,
each still all or nothing, and one that fails takes none of the others with it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import event, update
from sqlmodel import Session, select

import bot.core
from bot.core import Core
from bot.core_runner import GROUP_LIMIT, CoreRunner
from handlers import texts
from handlers.engine.messages import Incoming, Reply
from storage.models import Conversation, Officer, Report, Role, table_of
from storage.queries.inbox import LostClaim
from tests.chat import CHANNEL, Chat
from tests.flows import play
from tests.test_confirmations import payload_of
from tests.test_report_flow import OFFICER_REPORT

OFFICERS = ("PVHCC02", "PVHCC03", "PVHCC04")


@pytest.fixture
def commits(core: Core) -> Iterator[list[int]]:
    """One entry for each transaction committed on the core's database from now on."""
    seen: list[int] = []

    def note(_connection: object) -> None:
        seen.append(1)

    event.listen(core.engine, "commit", note)
    yield seen
    event.remove(core.engine, "commit", note)


def said(chat: Chat, text: str = "", button: str | None = None) -> Incoming:
    return Incoming(
        channel=CHANNEL, user_id=chat.user_id, chat_id=chat.user_id, text=text, button=button
    )


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


@pytest.mark.parametrize(("count", "expected_commits"), [(3, 1), (GROUP_LIMIT + 2, 2)])
def test_messages_waiting_together_are_committed_together(
    core: Core, make_chat: type[Chat], commits: list[int], count: int, expected_commits: int
) -> None:
    chats = [make_chat(OFFICERS[0], user_id=f"user-{n}") for n in range(count)]
    commits.clear()
    outcomes = answered_together(CoreRunner.for_core(core), [said(c, "/baocao") for c in chats])
    assert all("thuộc tiêu chí thi đua nào" in texts_of(outcome) for outcome in outcomes)
    assert len(commits) == expected_commits
    assert all(forms(core)[chat.user_id] == "report" for chat in chats)


def failing_on(
    text: str, failure: Exception, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., list[Reply]]:
    """The core's dispatch, which raises for `text` after doing that message's work."""
    real = bot.core.handle

    def handle(incoming: Incoming, **kwargs: Any) -> list[Reply]:
        replies = real(incoming, **kwargs)
        if incoming.text == text:
            raise failure
        return replies

    monkeypatch.setattr(bot.core, "handle", handle)
    return handle


def test_a_message_failing_in_a_group_fails_alone_and_nothing_is_stored_twice(
    core: Core, make_chat: type[Chat], commits: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    officer = make_chat("PVHCC03")
    play(officer, OFFICER_REPORT[:-1])  # at the review, «✅ Gửi» to press
    send = said(officer, button=payload_of(officer, "✅ Gửi"))
    other, failing = make_chat("PVHCC02"), make_chat("PVHCC04")
    failing_on("/baocao", RuntimeError("the core failed"), monkeypatch)
    commits.clear()
    sent, opened, failed = answered_together(
        CoreRunner.for_core(core), [send, said(other, "/cuatoi"), said(failing, "/baocao")]
    )
    assert "Đã gửi báo cáo số" in texts_of(sent)
    assert "Báo cáo của bạn" in texts_of(opened) or "chưa có báo cáo" in texts_of(opened)
    assert texts_of(failed) == texts.INTERNAL_ERROR
    with Session(core.engine) as session:
        assert len(session.exec(select(Report)).all()) == 1
    assert forms(core)[failing.user_id] is None  # its work was rolled back
    # The group was rolled back whole; then each message had a transaction of its own, and
    # only the two that went through committed.
    assert len(commits) == 2


def test_a_lost_claim_in_a_group_reaches_its_own_caller_only(
    core: Core, make_chat: type[Chat], monkeypatch: pytest.MonkeyPatch
) -> None:
    chats = [make_chat(code) for code in OFFICERS]
    failing_on("/trogiup", LostClaim(), monkeypatch)
    first, lost, last = answered_together(
        CoreRunner.for_core(core),
        [said(chats[0], "/baocao"), said(chats[1], "/trogiup"), said(chats[2], "/baocao")],
    )
    assert isinstance(lost, LostClaim)
    assert "thuộc tiêu chí thi đua nào" in texts_of(first)
    assert "thuộc tiêu chí thi đua nào" in texts_of(last)


def test_a_message_in_a_group_sees_what_the_ones_before_it_wrote(
    core: Core, make_chat: type[Chat], commits: list[int]
) -> None:
    officer, head = make_chat("PVHCC03"), make_chat("PVHCC01")
    play(officer, OFFICER_REPORT[:-1])
    send = said(officer, button=payload_of(officer, "✅ Gửi"))
    commits.clear()
    sent, queue = core.answer_together([(send, None), (said(head, "/xacnhan"), None)])
    assert len(commits) == 1
    assert "Đã gửi báo cáo số" in "\n".join(reply.text for reply in sent)
    assert "Báo cáo chờ xác nhận 1/1" in "\n".join(reply.text for reply in queue)


def test_each_message_in_a_group_reads_the_database_afresh(
    core: Core, make_chat: type[Chat]
) -> None:
    """A write that bypasses the session's objects (a prebuilt statement) is seen by the
    messages after it: the head demoted by the first message's transaction work is a head no
    longer for the second."""
    head = make_chat("PVHCC01")

    def demote(session: Session) -> None:
        session.connection().execute(
            update(table_of(Officer)).where(table_of(Officer).c.code == "PVHCC01"),
            {"role": Role.OFFICER},
        )

    first, second = core.answer_together(
        [(said(head, "/trogiup"), demote), (said(head, "/xacnhan"), None)]
    )
    assert "/xacnhan" in "\n".join(reply.text for reply in first)  # still a head here
    assert "Bạn không dùng được lệnh này" in "\n".join(reply.text for reply in second)
