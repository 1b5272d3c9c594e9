"""The core's worker thread: answers in order, batches what waits, passes failures on."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bot.core_runner import CoreRunner, Waiting
from handlers.engine.messages import Incoming, Reply


def message(text: str) -> Incoming:
    return Incoming(channel="test", user_id="u1", chat_id="u1", text=text)


class RecordingCore:
    """Answers each message with its own text; notes the thread and the batch it ran in."""

    def __init__(self) -> None:
        self.threads: set[str] = set()
        self.seen: list[str] = []

    def answer(self, incoming: Incoming, _also: object = None) -> list[Reply]:
        self.threads.add(threading.current_thread().name)
        self.seen.append(incoming.text)
        if incoming.text == "hỏng":
            raise RuntimeError("the core failed")
        return [Reply(f"đã nhận: {incoming.text}")]


def test_each_message_gets_its_own_answer_in_the_order_handed_in() -> None:
    core = RecordingCore()
    runner = CoreRunner(core.answer)

    async def main() -> list[list[Reply]]:
        return await asyncio.gather(*(runner.answer(message(str(n))) for n in range(6)))

    answers = asyncio.run(main())
    runner.close()
    assert [replies[0].text for replies in answers] == [f"đã nhận: {n}" for n in range(6)]
    assert core.seen == [str(n) for n in range(6)]
    assert threading.current_thread().name not in core.threads
    assert len(core.threads) == 1


def test_other_jobs_take_their_turn_in_the_same_thread_and_pass_their_failure_on() -> None:
    core = RecordingCore()
    runner = CoreRunner(core.answer)

    def kept() -> str:
        core.threads.add(threading.current_thread().name)
        core.seen.append("việc khác")
        return "đã giữ"

    def refused() -> str:
        raise ValueError("the database refused it")

    async def main() -> list[object]:
        return await asyncio.gather(
            runner.answer(message("một")),
            runner.run(kept),
            runner.run(refused),
            runner.answer(message("hai")),
            return_exceptions=True,
        )

    outcomes = asyncio.run(main())
    runner.close()
    assert outcomes[1] == "đã giữ" and isinstance(outcomes[2], ValueError)
    assert [replies[0].text for replies in (outcomes[0], outcomes[3])] == [  # type: ignore[index]
        "đã nhận: một",
        "đã nhận: hai",
    ]
    assert core.seen == ["một", "việc khác", "hai"]
    assert len(core.threads) == 1 and threading.current_thread().name not in core.threads


def test_messages_arriving_while_the_core_is_busy_wait_and_go_together() -> None:
    release = threading.Event()
    batches: list[list[str]] = []

    def answer(incoming: Incoming, _also: object = None) -> list[Reply]:
        if incoming.text == "đầu":
            release.wait(timeout=10)
        return [Reply(incoming.text)]

    runner = CoreRunner(answer)
    original = runner._run_all

    def noting(batch: Waiting, loop: asyncio.AbstractEventLoop) -> None:
        # Each job is a message waiting for its answer.
        batches.append([job.incoming.text for job, _ in batch])  # type: ignore[union-attr]
        original(batch, loop)

    runner._run_all = noting  # type: ignore[method-assign]  # observe the batches

    async def main() -> None:
        first = asyncio.create_task(runner.answer(message("đầu")))
        while not batches:  # the worker has taken the first message
            await asyncio.sleep(0.001)
        later = [asyncio.create_task(runner.answer(message(t))) for t in ("hai", "ba")]
        await asyncio.sleep(0)
        release.set()
        await asyncio.gather(first, *later)

    asyncio.run(main())
    runner.close()
    assert batches == [["đầu"], ["hai", "ba"]]


def test_an_answer_reaches_its_caller_while_the_rest_of_its_batch_is_answered() -> None:
    """The first replies go out while the worker answers the others handed in with them."""
    first_answered = threading.Event()
    second_saw_first_answered: list[bool] = []

    def answer(incoming: Incoming, _also: object = None) -> list[Reply]:
        if incoming.text == "hai":
            second_saw_first_answered.append(first_answered.wait(timeout=5))
        return [Reply(incoming.text)]

    runner = CoreRunner(answer)

    async def main() -> None:
        first = asyncio.create_task(runner.answer(message("một")))
        second = asyncio.create_task(runner.answer(message("hai")))
        assert (await first)[0].text == "một"
        first_answered.set()
        assert (await second)[0].text == "hai"

    asyncio.run(main())
    runner.close()
    assert second_saw_first_answered == [True]


def test_a_failure_reaches_its_own_caller_only() -> None:
    runner = CoreRunner(RecordingCore().answer)

    async def main() -> list[list[Reply] | BaseException]:
        texts = ("trước", "hỏng", "sau")
        return await asyncio.gather(
            *(runner.answer(message(t)) for t in texts), return_exceptions=True
        )

    before, failed, after = asyncio.run(main())
    runner.close()
    assert isinstance(failed, RuntimeError)
    assert not isinstance(before, BaseException) and before[0].text == "đã nhận: trước"
    assert not isinstance(after, BaseException) and after[0].text == "đã nhận: sau"


def test_a_caller_that_gave_up_while_waiting_is_not_answered_behind_its_back() -> None:
    started, release = threading.Event(), threading.Event()
    core = RecordingCore()

    def answer(incoming: Incoming, _also: object = None) -> list[Reply]:
        if incoming.text == "đầu":
            started.set()
            release.wait(timeout=10)
        return core.answer(incoming)

    runner = CoreRunner(answer)

    async def main() -> None:
        first = asyncio.create_task(runner.answer(message("đầu")))
        while not started.is_set():  # the worker holds the first message
            await asyncio.sleep(0.001)
        abandoned = asyncio.create_task(runner.answer(message("bỏ")))
        kept = asyncio.create_task(runner.answer(message("giữ")))
        await asyncio.sleep(0)
        abandoned.cancel()
        release.set()
        await asyncio.gather(first, kept)

    asyncio.run(main())
    runner.close()
    assert core.seen == ["đầu", "giữ"]


# The drainer left on the closed loop is destroyed with it, as this scenario requires.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_runner_outlives_an_event_loop_that_ended_untidily() -> None:
    runner = CoreRunner(RecordingCore().answer)
    old = asyncio.new_event_loop()
    abandoned = old.create_task(runner.answer(message("cũ")))
    old.run_until_complete(asyncio.sleep(0))  # the call is made; its drainer is scheduled
    old.close()  # without cancelling anything: the drainer stays behind on a closed loop
    assert not abandoned.done()

    async def later() -> list[Reply]:
        return await asyncio.wait_for(runner.answer(message("mới")), timeout=10)

    assert [reply.text for reply in asyncio.run(later())] == ["đã nhận: mới"]
    runner.close()


def test_a_closed_runner_refuses_new_messages() -> None:
    runner = CoreRunner(RecordingCore().answer)
    runner.close()
    with pytest.raises(RuntimeError, match="closed"):
        asyncio.run(runner.answer(message("muộn")))


def blocking_core(started: threading.Event, release: threading.Event) -> RecordingCore:
    """A core whose «xuất» (an export, say) holds its thread until released."""
    core = RecordingCore()
    answer = core.answer

    def slow_export(incoming: Incoming, _also: object = None) -> list[Reply]:
        if incoming.text == "xuất":
            started.set()
            release.wait(timeout=10)
        return answer(incoming)

    core.answer = slow_export  # type: ignore[method-assign]  # the same notes, a slow step
    return core


@pytest.mark.parametrize(("relief_after", "relieved"), [(0.0, True), (60.0, False)])
def test_a_long_batch_holds_up_the_others_only_until_relief(
    relief_after: float, relieved: bool
) -> None:
    started, release = threading.Event(), threading.Event()
    core = blocking_core(started, release)
    runner = CoreRunner(core.answer, relief_after=relief_after)

    async def main() -> bool:
        export = asyncio.create_task(runner.answer(message("xuất")))
        while not started.is_set():
            await asyncio.sleep(0.001)
        quick = asyncio.create_task(runner.answer(message("nhanh")))
        done, _ = await asyncio.wait({quick}, timeout=0.5 if not relieved else 10)
        answered_during_export = quick in done
        release.set()
        await asyncio.gather(export, quick)
        return answered_during_export

    assert asyncio.run(main()) is relieved
    runner.close()
    assert core.seen[-2:] == (["nhanh", "xuất"] if relieved else ["xuất", "nhanh"])
    assert any(name.startswith("core-relief") for name in core.threads) is relieved
