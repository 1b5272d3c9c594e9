"""The evidence file store across a kill: unfinished writes are swept at the next start."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from bot.core import Core
from bot.settings import Settings
from storage.files import FileStore
from tests.conftest import FakeClock
from tests.test_report_flow import PDF


def _touched(path: Path, clock: FakeClock, ago: timedelta) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PDF[:10])
    moment = (clock() - ago).timestamp()
    os.utime(path, (moment, moment))
    return path


def test_leftover_temporary_files_are_removed_at_start(tmp_path: Path, clock: FakeClock) -> None:
    settings = Settings.from_env({"DATA_DIR": str(tmp_path / "data")})
    store = FileStore(settings.evidence_dir)
    kept = store.put(PDF)
    folder = store.path_for(kept).parent
    killed = _touched(folder / ".incoming-k1ll3d", clock, timedelta(hours=3))
    elsewhere = _touched(store.root / "ab" / "cd" / ".incoming-0ld", clock, timedelta(days=2))
    # Another process sharing the store is writing this one right now.
    writing = _touched(folder / ".incoming-n0w", clock, timedelta(seconds=5))
    # Files the upload page was receiving when the process was killed, and one it is now.
    received = _touched(store.incoming_dir() / "upload-k1ll3d", clock, timedelta(hours=2))
    receiving = _touched(store.incoming_dir() / "upload-n0w", clock, timedelta(seconds=5))

    core = Core.from_settings(settings, clock=clock)
    core.engine.dispose()

    assert not killed.exists() and not elsewhere.exists() and not received.exists()
    assert writing.exists() and receiving.exists()
    assert store.read(kept) == PDF
