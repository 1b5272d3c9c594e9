"""Two processes on one database: the same update handled at once, migrations started at once."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, inspect
from sqlmodel import Session, select

from bot.core import Core
from bot.settings import REPOSITORY_ROOT
from handlers.engine.messages import Incoming, Reply
from storage.db import make_engine
from storage.models import AuditEntry
from tests.chat import Chat

TRIALS = 6
PROCESSES = 3


def _side_by_side(*calls: Callable[[], list[Reply]]) -> list[list[Reply]]:
    """Run the calls in threads released together, as two processes polling at once would."""
    start = threading.Barrier(len(calls))

    def released(call: Callable[[], list[Reply]]) -> list[Reply]:
        start.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(released, calls))


def test_one_update_handled_by_two_processes_is_done_once(
    core: Core, make_chat: type[Chat], database_url: str
) -> None:
    """Each process has its own engine; the same numbered update reaches both together."""
    twin = Core(
        engine=make_engine(database_url),
        campaign=core.campaign,
        config=core.config,
        files=core.files,
        clock=core.clock,
    )
    chat = make_chat("PVHCC03")
    try:
        for trial in range(TRIALS):
            incoming = Incoming(
                channel="test",
                user_id=chat.user_id,
                chat_id=chat.user_id,
                text=f"/tamdung {trial + 1}",
                sequence=1000 + trial,
            )
            answers = _side_by_side(
                lambda one=incoming: core.answer(one),  # type: ignore[misc]  # bound per trial
                lambda one=incoming: twin.answer(one),  # type: ignore[misc]  # bound per trial
            )
            # Handled once; the other process finds it handled and sends the replies kept
            # with it (it cannot tell a twin from a restart after a crash), or none when it
            # read before the first committed.
            assert [] in answers or answers[0] == answers[1], answers
            assert "lỗi" not in answers[0] + answers[1]
    finally:
        twin.engine.dispose()
    with Session(core.engine) as session:
        counted = select(func.count()).select_from(AuditEntry)
        pauses = session.exec(counted.where(AuditEntry.action == "reminder.pause")).one()
    assert pauses == TRIALS


MIGRATE = (
    "import sys; from storage.db import make_engine, upgrade; upgrade(make_engine(sys.argv[1]))"
)


def test_processes_started_together_on_an_empty_database_all_start(
    fresh_database_url: str,
) -> None:
    """Each process migrates on start; those after the first wait for the lock, none crashes."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", MIGRATE, fresh_database_url],
            cwd=REPOSITORY_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert [process.returncode for process in processes] == [0] * PROCESSES, outputs
    engine = make_engine(fresh_database_url)
    try:
        assert {"report", "outbox", "alembic_version"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
