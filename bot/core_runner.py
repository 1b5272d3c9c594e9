"""The core's own worker thread, fed in batches from the event loop.

The core is synchronous (SQL, files, charts), so it runs off the event loop. Handing it one
message at a time makes the loop thread and the worker trade the GIL back and forth while both
are busy, which cost more CPU than the work itself (bench/bench_load.py). Here every message
that arrives while the worker is busy waits for it, and the worker then answers all of them
in one go, each in its own transaction: the loop sends replies while the worker rests, and the
other way round.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from handlers.messages import Incoming, Reply

Answer = Callable[[Incoming], list[Reply]]


class CoreRunner:
    """Runs `answer` in one worker thread; messages waiting together are answered together."""

    def __init__(self, answer: Answer) -> None:
        self._answer = answer
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="core")
        self._waiting: list[tuple[Incoming, asyncio.Future[list[Reply]]]] = []
        self._drainer: asyncio.Task[None] | None = None
        self._closed = False

    async def answer(self, incoming: Incoming) -> list[Reply]:
        """The core's replies to this message, in the order messages were handed in."""
        if self._closed:
            raise RuntimeError("the core runner is closed")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[list[Reply]] = loop.create_future()
        self._waiting.append((incoming, future))
        drainer = self._drainer
        if drainer is None or drainer.done() or drainer.get_loop() is not loop:
            # A drainer of an event loop that ended without cleaning up leaves messages of
            # that loop behind: nobody waits for them any more.
            self._waiting = [(m, f) for m, f in self._waiting if f.get_loop() is loop]
            self._drainer = loop.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        batch: list[tuple[Incoming, asyncio.Future[list[Reply]]]] = []
        try:
            while self._waiting:
                # A caller that gave up (cancelled) while waiting is not answered behind its back.
                batch = [(m, f) for m, f in self._waiting if not f.done()]
                self._waiting = []
                messages = [incoming for incoming, _ in batch]
                outcomes = await loop.run_in_executor(self._executor, self._answer_all, messages)
                for (_, future), outcome in zip(batch, outcomes, strict=True):
                    if future.done():
                        continue
                    if isinstance(outcome, Exception):
                        future.set_exception(outcome)
                    else:
                        future.set_result(outcome)
                batch = []
        finally:
            self._drainer = None
            # Only when the loop itself is being torn down: nobody is left waiting forever.
            for _, future in [*batch, *self._waiting]:
                future.cancel()
            self._waiting = []

    def _answer_all(self, messages: list[Incoming]) -> list[list[Reply] | Exception]:
        """Each message answered on its own: one failing does not take the others with it."""
        outcomes: list[list[Reply] | Exception] = []
        for incoming in messages:
            try:
                outcomes.append(self._answer(incoming))
            except Exception as error:
                outcomes.append(error)
        return outcomes

    def close(self) -> None:
        """Refuse new messages and stop the worker once the message in hand is done; called
        when polling has stopped, so nothing is in hand by then."""
        self._closed = True
        self._executor.shutdown(wait=True)
