"""A 20 MB evidence upload through the page: how much the bot process's memory grows.

The real `python -m bot run` serves a fake Telegram Bot API and its web door on 127.0.0.1.
An officer's draft is brought to the evidence step beforehand (in this process, on the same
SQLite database, as a channel without documents would), which yields the one-time link; the
file is then streamed to the page, and the bot's VmRSS and VmHWM (/proc) are read before and
after. The page streams the body to disk, so the peak should grow by far less than the file.

    python bench/bench_upload.py [--mb 20]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.core import Core
from bot.settings import Settings
from handlers.identity.roster import import_roster
from storage.db import transaction
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.upload_helpers import PUBLIC, at_evidence_step

BUDGET_MB = 30.0


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (the peak resident size) of a process, in kB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])
    return fields


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def prepare(data_dir: Path) -> str:
    """Migrate, load the demo roster and bring an officer's draft to the evidence step."""
    settings = Settings.from_env({"DATA_DIR": str(data_dir), "PUBLIC_BASE_URL": PUBLIC})
    core = Core.from_settings(settings)
    with transaction(core.engine) as session:
        import_roster(session, path=Path("seed/demo-roster.csv"), now=core.clock())
    _, token = at_evidence_step(core)
    core.engine.dispose()
    return token


def wait_listening(port: int) -> None:
    for _ in range(600):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the bot's web server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="size of the uploaded PDF in MB")
    args = parser.parse_args()
    size = int(args.mb * 1024 * 1024) - 4096  # within MAX_FILE_MB, framing aside
    with tempfile.TemporaryDirectory() as scratch, FakeTelegramAPI() as api:
        data_dir = Path(scratch) / "data"
        token = prepare(data_dir)
        pdf = Path(scratch) / "bao-cao.pdf"
        with pdf.open("wb") as out:
            out.write(b"%PDF-1.4\n")
            out.write(os.urandom(size - 9))
        port = free_port()
        env = {
            **os.environ,
            "DATA_DIR": str(data_dir),
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "TELEGRAM_FILE_BASE_URL": api.file_base_url,
            "PUBLIC_BASE_URL": PUBLIC,
            "WEB_LISTEN": f"127.0.0.1:{port}",
            "LOG_LEVEL": "WARNING",
        }
        bot = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env)
        try:
            wait_listening(port)
            time.sleep(1.0)  # let start-up settle before the baseline is read
            before = memory_kb(bot.pid)
            started = time.perf_counter()
            with pdf.open("rb") as handle:
                response = httpx.post(
                    f"http://127.0.0.1:{port}/upload/{token}",
                    files={"files": (pdf.name, handle, "application/pdf")},
                    timeout=120,
                )
            seconds = time.perf_counter() - started
            after = memory_kb(bot.pid)
        finally:
            bot.terminate()
            bot.wait(timeout=30)
    growth_mb = (after["VmHWM"] - before["VmRSS"]) / 1024
    print(f"upload: {size / 2**20:.1f} MB in {seconds:.2f} s, HTTP {response.status_code}")
    print(f"answer: {response.json()}")
    print(
        f"bot memory: VmRSS before {before['VmRSS'] / 1024:.1f} MB, after "
        f"{after['VmRSS'] / 1024:.1f} MB; VmHWM before {before['VmHWM'] / 1024:.1f} MB, "
        f"after {after['VmHWM'] / 1024:.1f} MB"
    )
    print(f"peak growth during the upload: {growth_mb:.1f} MB (budget {BUDGET_MB:.0f} MB)")
    ok = response.status_code == 200 and response.json().get("accepted") and growth_mb < BUDGET_MB
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
