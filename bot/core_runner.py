"""The core's own worker thread, fed in batches from the event loop.

The core is synchronous (SQL, files, charts), so it runs off the event loop. Handing it one
message at a time makes the loop thread and the worker trade the GIL back and forth while both
are busy, which cost more CPU than the work itself (bench/bench_load.py). Here every message
that arrives while the worker is busy waits for it, and the worker then answers all of them
in one go. Messages waiting next to each other are answered together, up to `GROUP_LIMIT` in
one transaction (Core.answer_together): a commit, with its fsync, was a fifth of the core's
CPU a message, and the transaction's own set-up about as much again. Each group's answers are
passed to the loop as soon as it is committed, so the first replies are on their way while the
worker answers the rest: waiting for the whole batch left the loop idle while the worker
worked and the other way round. The price: a slow message (an export) holds up the replies of
the others of its group (`GROUP_LIMIT` - 1 at most); and on PostgreSQL a group holds the rows
it locked until it commits, so two groups (the relief thread's, another process's) can
deadlock. The database then fails one of them, whose messages are answered one by one.

A batch that runs long (an export of the whole ward takes seconds) would hold up everyone
else's answers; once one has run for `relief_after` seconds, a second thread answers the
messages waiting meanwhile. One person's messages never run side by side: the channel hands
in a person's next message only once the previous one is answered.

Other database work done for the channels takes its turn here too (`run`): the inbox keeping
webhook events. In a thread of its own it waited on the core's SQLite turns and traded the GIL
with it, and Zalo answered a fifth fewer messages a second (bench/bench_zalo.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from bot.core import INBOX_DUTY, Also, Core, Question
from handlers.engine.messages import Incoming, Reply
from storage.queries.inbox import LostClaim

T = TypeVar("T")
log = logging.getLogger(__name__)
Answer = Callable[[Incoming, Also | None], list[Reply]]
AnswerTogether = Callable[[Sequence[Question]], list[list[Reply]]]
# Longer than an ordinary batch takes, short enough that nobody notices the wait.
RELIEF_AFTER_SECONDS = 0.3
# Messages answered in one transaction at most: enough that a commit serves several, few
# enough that the first of them need not wait long for their replies.
GROUP_LIMIT = 8


@dataclass(frozen=True)
class _Asked:
    """A message waiting for its answer (the runner's other jobs are plain callables)."""

    incoming: Incoming
    also: Also | None


Job = Callable[[], Any] | _Asked
Waiting = list[tuple[Job, asyncio.Future[Any]]]


class CoreRunner:
    """Runs `answer`, and other blocking jobs, in a worker thread; what waits together is
    done together, in the order it was handed in."""

    def __init__(
        self,
        answer: Answer,
        *,
        together: AnswerTogether | None = None,
        relief_after: float = RELIEF_AFTER_SECONDS,
    ) -> None:
        self._answer = answer
        self._together = together
        self._relief_after = relief_after
        self._main = ThreadPoolExecutor(max_workers=1, thread_name_prefix="core")
        self._relief = ThreadPoolExecutor(max_workers=1, thread_name_prefix="core-relief")
        self._waiting: Waiting = []
        self._drainer: asyncio.Task[None] | None = None
        self._reliever: asyncio.Task[None] | None = None
        # When the main thread's batch in hand began (the event loop's clock), if it has one.
        self._busy_since: float | None = None
        self._closed = False

    @classmethod
    def for_core(cls, core: Core) -> CoreRunner:
        """The runner of the process's channels: messages waiting together are answered
        together (see Core.answer_together)."""
        return cls(core.answer, together=core.answer_together)

    async def answer(self, incoming: Incoming) -> list[Reply]:
        """The core's replies to this message, in the order messages were handed in."""
        # The worker thread does not see this task's context: the inbox duty goes along.
        replies: list[Reply] = await self._submit(_Asked(incoming, INBOX_DUTY.get()))
        return replies

    async def run(self, job: Callable[[], T]) -> T:
        """The job's result (or its exception), done in the worker thread in its turn."""
        result: T = await self._submit(job)
        return result

    async def _submit(self, job: Job) -> Any:
        if self._closed:
            raise RuntimeError("the core runner is closed")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._waiting.append((job, future))
        if not _running_on(self._drainer, loop):
            # A drainer of an event loop that ended without cleaning up leaves messages of
            # that loop behind: nobody waits for them any more.
            self._waiting = [(m, f) for m, f in self._waiting if f.get_loop() is loop]
            self._busy_since = None
            self._drainer = loop.create_task(self._drain(self._main, main=True))
        else:
            self._relieve_if_held_up(loop)
        return await future

    def _relieve_if_held_up(self, loop: asyncio.AbstractEventLoop) -> None:
        """Start the relief drainer when the main batch has run long and messages wait."""
        held_up = (
            self._busy_since is not None and loop.time() - self._busy_since >= self._relief_after
        )
        if held_up and self._waiting and not _running_on(self._reliever, loop):
            self._reliever = loop.create_task(self._drain(self._relief, main=False))

    async def _drain(self, executor: ThreadPoolExecutor, *, main: bool) -> None:
        loop = asyncio.get_running_loop()
        this = asyncio.current_task()
        batch: Waiting = []
        try:
            while self._waiting:
                # A caller that gave up (cancelled) while waiting is not answered behind its back.
                batch = [(m, f) for m, f in self._waiting if not f.done()]
                self._waiting = []
                work = loop.run_in_executor(executor, self._run_all, batch, loop)
                timer = None
                if main:
                    self._busy_since = loop.time()
                    timer = loop.call_later(self._relief_after, self._relieve_if_held_up, loop)
                try:
                    await work
                finally:
                    if timer is not None:
                        self._busy_since = None
                        timer.cancel()
                batch = []
        finally:
            # This may run long after its loop ended untidily (the task is collected): another
            # loop's drainer and messages may be here by then, and are left alone.
            if self._drainer is this:
                self._drainer = None
            if self._reliever is this:
                self._reliever = None
            # Only when the loop itself is being torn down: nobody is left waiting forever.
            for _, future in batch:
                future.cancel()
            if main:
                for _, future in self._waiting:
                    if future.get_loop() is loop:
                        future.cancel()
                self._waiting = [(m, f) for m, f in self._waiting if f.get_loop() is not loop]

    def _run_all(self, batch: Waiting, loop: asyncio.AbstractEventLoop) -> None:
        """Each job done in turn, messages next to each other answered together; one failing
        does not take the others with it, and each caller is given the outcome at once."""
        group: list[tuple[_Asked, asyncio.Future[Any]]] = []
        for job, future in batch:
            if isinstance(job, _Asked):
                group.append((job, future))
                if len(group) < GROUP_LIMIT:
                    continue
            self._answer_group(group, loop)
            group = []
            if not isinstance(job, _Asked):
                _settle_soon(loop, future, job)
        self._answer_group(group, loop)

    def _answer_group(
        self, group: list[tuple[_Asked, asyncio.Future[Any]]], loop: asyncio.AbstractEventLoop
    ) -> None:
        """Answer the messages in one transaction; if that fails, each on its own."""
        if len(group) > 1 and self._together is not None:
            try:
                answers = self._together([(asked.incoming, asked.also) for asked, _ in group])
            except LostClaim:
                # Another process took one of the events: expected where two serve a channel.
                log.info("%d messages answered one by one: an event was taken over", len(group))
            except Exception:
                log.warning("%d messages answered one by one", len(group), exc_info=True)
            else:
                for (_, future), replies in zip(group, answers, strict=True):
                    loop.call_soon_threadsafe(_settle, future, None, replies)
                return
        for asked, future in group:
            if future.done():
                continue  # its caller gave up meanwhile: not answered behind its back
            _settle_soon(loop, future, partial(self._answer, asked.incoming, asked.also))

    def close(self) -> None:
        """Refuse new messages and stop the workers once the messages in hand are done;
        called when polling has stopped, so nothing is in hand by then."""
        self._closed = True
        self._main.shutdown(wait=True)
        self._relief.shutdown(wait=True)


def _settle_soon(
    loop: asyncio.AbstractEventLoop, future: asyncio.Future[Any], job: Callable[[], Any]
) -> None:
    """Do the job here and now; give its caller the outcome, or the exception it raised."""
    error: Exception | None = None
    result: Any = None
    try:
        result = job()
    except Exception as failure:
        error = failure
    loop.call_soon_threadsafe(_settle, future, error, result)


def _settle(future: asyncio.Future[Any], error: Exception | None, result: Any) -> None:
    """Give a waiting caller its outcome; one who gave up meanwhile is left alone."""
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


def _running_on(task: asyncio.Task[None] | None, loop: asyncio.AbstractEventLoop) -> bool:
    return task is not None and not task.done() and task.get_loop() is loop
