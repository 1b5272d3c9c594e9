"""The processes bench_load.py measures: starting, watching and stopping them, their data."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from tests.fakes.telegram_api import FakeTelegramAPI

REPO_ROOT = Path(__file__).resolve().parent.parent
DEMO_ROSTER = REPO_ROOT / "seed" / "demo-roster.csv"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 20.0


# ----- processes -----------------------------------------------------------------------------


class Process:
    """A bot process with its output in a log file; stopped by SIGTERM, killed if need be."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log: Path) -> None:
        self.name, self.log = name, log
        with log.open("ab") as out:
            self.popen = subprocess.Popen(
                argv, cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=out
            )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def status(self) -> dict[str, int]:
        """VmHWM and VmRSS in kB, and CPU seconds (utime + stime) ×100, from /proc."""
        figures: dict[str, int] = {}
        with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("VmHWM", "VmRSS"):
                    figures[key] = int(value.split()[0])
        with open(f"/proc/{self.pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        figures["cpu_cs"] = (int(fields[11]) + int(fields[12])) * 100 // ticks
        return figures

    def stop(self) -> int | None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                return self.popen.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=STOP_TIMEOUT)
        return self.popen.returncode

    def tail(self, lines: int = 30) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(text[-lines:])


def wait_for_fresh_poll(fake: FakeTelegramAPI, process: Process, calls_before: int) -> None:
    def polled() -> bool:
        return any(name == "getUpdates" for name, _ in fake.state.calls()[calls_before:])

    if not fake.state.wait_for(polled, START_TIMEOUT) or process.popen.poll() is not None:
        raise SystemExit(f"{process.name} did not start polling:\n{process.tail()}")
    fake.wait_until_polled(timeout=START_TIMEOUT)


def bot_env(fake: FakeTelegramAPI, data_dir: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "FLOOD_", "OUTBOX_"))
    }
    env.update(
        {
            "TELEGRAM_BOT_TOKEN": fake.token,
            "TELEGRAM_API_BASE_URL": fake.base_url,
            "TELEGRAM_FILE_BASE_URL": fake.file_base_url,
            "TELEGRAM_BOT_USERNAME": fake.bot_username,
            "DATA_DIR": str(data_dir),
            "DATABASE_URL": "",
            "CAMPAIGN_FILE": "",
            "LOG_LEVEL": "INFO",
            "FLOOD_MAX_MESSAGES": "1000",
            "FLOOD_WINDOW_SECONDS": "1",
            # Replies share Telegram's pace with the outbox (30 a second, one a second per
            # chat); the fake enforces no limit and the echo bot keeps none, so the pace is
            # lifted here to measure each bot's own work, as before replies were paced.
            "OUTBOX_RATE_PER_SECOND": "100000",
            "OUTBOX_CHAT_INTERVAL_SECONDS": "0",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def write_roster(path: Path, officers: int) -> list[str]:
    """The demo roster plus `officers` generated officers in the demo's columns; their codes."""
    with DEMO_ROSTER.open(encoding="utf-8-sig", newline="") as demo:
        rows = list(csv.reader(demo))
    header, existing = rows[0], rows[1:]
    codes = [f"TAI{n:03d}" for n in range(1, officers + 1)]
    generated = [
        [
            code,
            f"Cán bộ Thử Tải {n:03d}",
            "Chuyên viên",
            "PVHCC",
            "Trung tâm Phục vụ hành chính công",
            "Cán bộ",
            f"0911{n:06d}",
            f"tai{n:03d}@chuvanan.gov.vn",
            "Đang công tác",
        ]
        for n, code in enumerate(codes, start=1)
    ]
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([header, *existing, *generated])
    return codes


def issue_invites(env: dict[str, str], codes: list[str]) -> dict[str, str]:
    """One invite per officer, through the same function `python -m bot invite` calls."""
    from bot.settings import Settings
    from handlers.identity.binding import issue_invite
    from storage.db import make_engine, transaction

    settings = Settings.from_env(env)
    core_config = settings.core_config()
    engine = make_engine(settings.database_url)
    now = datetime.now(UTC)
    try:
        with transaction(engine) as session:
            return {
                code: issue_invite(
                    session,
                    officer_code=code,
                    now=now,
                    ttl=core_config.invite_ttl,
                    key=core_config.invite_key,
                )
                for code in codes
            }
    finally:
        engine.dispose()


def run_cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"python -m bot {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def start_profiler(pid: int, out: Path) -> subprocess.Popen[bytes] | None:
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(py_spy).exists():
        print("py-spy not found; pip install py-spy to profile", file=sys.stderr)
        return None
    return subprocess.Popen(
        [
            py_spy,
            "record",
            "--pid",
            str(pid),
            "--rate",
            "200",
            "--threads",
            "--format",
            "raw",
            "--output",
            str(out),
            "--nonblocking",
            "--gil",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )


def stop_profiler(profiler: subprocess.Popen[bytes] | None) -> None:
    if profiler is None:
        return
    profiler.send_signal(signal.SIGINT)
    try:
        profiler.wait(timeout=30)
    except subprocess.TimeoutExpired:
        profiler.kill()
        profiler.wait(timeout=10)
