"""Every benchmark script still runs, at a tiny size: a refactor must not leave one broken.

Only that they run and report is checked here; their figures are read by people (bench/).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def run_bench(script: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        cwd=BENCH.parent,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


@pytest.mark.parametrize(
    ("script", "args", "expected"),
    [
        (
            "bench_status.py",
            ("--units", "2", "--officers", "3", "--reports", "2", "--runs", "2", "--warmup", "0"),
            ["/tinhhinh", "/tonghop"],
        ),
        (
            "bench_reminders.py",
            ("--officers", "40", "--units", "4", "--repeat", "1"),
            ["36 recipients, 36 outbox rows"],
        ),
        (
            "bench_broadcast.py",
            ("--recipients", "12"),
            ["lost                  0", "repeated              0"],
        ),
        (
            "bench_outage.py",
            ("--recipients", "12", "--outage", "20", "--kill-after", "5"),
            ["delivered             12 = 100.0%", "duplicates            "],
        ),
        (
            "chaos.py",
            ("--recipients", "12", "--officers", "2", "--kills", "2", "--outage", "3"),
            ["filed: lost", "awaited: lost", "delivered", "duplicates", "finished after outage"],
        ),
        (
            "bench_load.py",
            ("--officers", "2", "--messages", "14", "--rounds", "1", "--think-ms", "1"),
            ["Saturation", "Paced", "peak memory"],
        ),
        (
            "bench_zalo.py",
            ("--officers", "2", "--messages", "14", "--rounds", "1", "--think-ms", "1"),
            ["Zalo (webhook)", "Telegram (polling)", "throughput vs Telegram"],
        ),
    ],
)
def test_benchmark_runs_at_a_tiny_size(
    script: str, args: tuple[str, ...], expected: list[str]
) -> None:
    output = run_bench(script, *args)
    for line in expected:
        assert line in output, output[-2000:]
