"""The core's own worker thread, fed in batches from the event loop.

The core is synchronous (SQL, files, charts), so it runs off the event loop. Handing it one
message at a time makes the loop thread and the worker trade the GIL back and forth while both
are busy, which cost more CPU than the work itself (bench/bench_load.py). Here every message
that arrives while the worker is busy waits for it, and the worker then answers all of them
in one go, each in its own transaction. Each answer is passed to the loop as soon as it is
committed, so the first replies are on their way while the worker answers the rest: waiting
for the whole batch left the loop idle while the worker worked and the other way round.

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
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from bot.core import INBOX_DUTY, Also
from handlers.engine.messages import Incoming, Reply

T = TypeVar("T")
Answer = Callable[[Incoming, Also | None], list[Reply]]
Waiting = list[tuple[Callable[[], Any], asyncio.Future[Any]]]
# Longer than an ordinary batch takes, short enough that nobody notices the wait.
RELIEF_AFTER_SECONDS = 0.3


class CoreRunner:
    """Runs `answer`, and other blocking jobs, in a worker thread; what waits together is
    done together, in the order it was handed in."""

    def __init__(self, answer: Answer, *, relief_after: float = RELIEF_AFTER_SECONDS) -> None:
        self._answer = answer
        self._relief_after = relief_after
        self._main = ThreadPoolExecutor(max_workers=1, thread_name_prefix="core")
        self._relief = ThreadPoolExecutor(max_workers=1, thread_name_prefix="core-relief")
        self._waiting: Waiting = []
        self._drainer: asyncio.Task[None] | None = None
        self._reliever: asyncio.Task[None] | None = None
        # When the main thread's batch in hand began (the event loop's clock), if it has one.
        self._busy_since: float | None = None
        self._closed = False

    async def answer(self, incoming: Incoming) -> list[Reply]:
        """The core's replies to this message, in the order messages were handed in."""
        # The worker thread does not see this task's context: the inbox duty goes along.
        return await self.run(partial(self._answer, incoming, INBOX_DUTY.get()))

    async def run(self, job: Callable[[], T]) -> T:
        """The job's result (or its exception), done in the worker thread in its turn."""
        if self._closed:
            raise RuntimeError("the core runner is closed")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
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
        """Each job done on its own (one failing does not take the others with it), and its
        caller given the outcome at once."""
        for job, future in batch:
            error: Exception | None = None
            result: Any = None
            try:
                result = job()
            except Exception as failure:
                error = failure
            loop.call_soon_threadsafe(_settle, future, error, result)

    def close(self) -> None:
        """Refuse new messages and stop the workers once the messages in hand are done;
        called when polling has stopped, so nothing is in hand by then."""
        self._closed = True
        self._main.shutdown(wait=True)
        self._relief.shutdown(wait=True)


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
