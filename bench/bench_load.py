"""Load benchmark: simulated officers talk to the real bot process through the fake Bot API.

Run from the repository root:

    python bench/bench_load.py [--officers 20] [--messages 50] [--profile out.txt]

What it does, all on 127.0.0.1 and bounded in time:

1. Starts tests/fakes FakeTelegramAPI in this process.
2. In a fresh temporary DATA_DIR (SQLite), imports a roster made from seed/demo-roster.csv plus
   generated officers (`python -m bot import-roster`), issues one invite per simulated officer
   (the same issue_invite the `python -m bot invite` command calls), starts `python -m bot run`
   and binds every officer with /start <code>.
3. Two measured phases, with the bot and the echo bot (step 4) both up, each on its own fake
   server, so that the two are measured turn about. In each phase, every officer, in its own
   thread, runs a realistic dialog loop (/baocao, a criterion button, each step of the form,
   a PDF, a link, «Xong», «✅ Gửi», /cuatoi, /trogiup, again) for --messages messages, each
   message waiting for the bot's answer to the one before; the officers run at once.
   - saturation: no pause between an answer and the next message (closed loop). This gives the
     throughput; its latency is mostly queueing (Little's law: officers ÷ throughput). It runs
     --rounds times (3), bot then echo bot each round, and the median of the rounds counts:
     a shared 2-core machine has bursts of noise that one round can catch and the next not.
   - paced: an officer pauses before each message, for a random time (exponential, mean
     --think-ms, seeded): many busy officers, not a machine gun. This gives the latency.
4. The same phases with plain text messages against bench/echo_bot.py (a bare
   python-telegram-bot echo bot) on a fake server of its own: the baseline.

Latency of a message = from the push into the fake to the moment the fake received the bot's
reply (sendMessage), taken from the fake's rate_log. Throughput = messages answered per second
of wall time in the measured phase. Peak memory = VmHWM of the bot process (/proc) at the end.

The per-user flood guard (FLOOD_MAX_MESSAGES per FLOOD_WINDOW_SECONDS, 30/30 s by default)
would refuse a simulated officer's 31st message within 30 s, so this run sets 1000 per 1 s:
the benchmark measures the work of answering, with the guard's bookkeeping at the size the
default keeps it, not the refusal.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from load_dialogs import (  # noqa: E402
    Action,
    LoadResult,
    Surface,
    TelegramSurface,
    UserId,
    echo_dialog,
    officer_dialog,
    play,
)
from load_processes import (  # noqa: E402
    Process,
    bot_env,
    issue_invites,
    run_cli,
    start_profiler,
    stop_profiler,
    wait_for_fresh_poll,
    write_roster,
)

from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402

ECHO_BOT = REPO_ROOT / "bench" / "echo_bot.py"
BOT_USER_BASE = 810_000
ECHO_USER_BASE = 910_000

# Issue 10: the ratio stays at or above the 0.8 it had before replies were paced and retried.
TARGET_THROUGHPUT_RATIO = 0.8
TARGET_P95_MS = 100.0
TARGET_PEAK_MB = 80.0


@dataclass
class Contender:
    """A bot process under load: its fake server, its users and what each phase measured."""

    name: str
    surface: Surface
    process: Process
    dialogs: dict[UserId, Iterator[Action]]
    startup_kb: dict[str, int]
    rounds: list[LoadResult] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    paced: LoadResult = field(default_factory=LoadResult)
    end_kb: dict[str, int] = field(default_factory=dict)
    exit_code: int | None = None

    def saturate(self, args: argparse.Namespace) -> None:
        before = self.process.status()["cpu_cs"]
        self.rounds.append(play(self.surface, self.dialogs, args.messages, args.reply_timeout))
        self.cpu_seconds.append((self.process.status()["cpu_cs"] - before) / 100)

    def pace(self, args: argparse.Namespace) -> None:
        self.paced = play(
            self.surface, self.dialogs, args.messages, args.reply_timeout, args.think_ms
        )

    def stop(self) -> None:
        if not self.end_kb and self.process.popen.poll() is None:
            self.end_kb = self.process.status()
        self.exit_code = self.process.stop()

    @property
    def median_throughput(self) -> float:
        return statistics.median(r.throughput for r in self.rounds)

    @property
    def loads(self) -> list[LoadResult]:
        return [*self.rounds, self.paced]


def start_bot(fake: FakeTelegramAPI, work: Path, args: argparse.Namespace) -> Contender:
    """`python -m bot run` on a fresh roster, every simulated officer bound with an invite."""
    data_dir = work / "data"
    env = bot_env(fake, data_dir)
    roster = work / "roster.csv"
    codes = write_roster(roster, args.officers)
    run_cli(env, "import-roster", str(roster))
    invites = issue_invites(env, codes)
    users: dict[UserId, str] = {BOT_USER_BASE + n: code for n, code in enumerate(codes, start=1)}
    calls_before = len(fake.state.calls())
    bot = Process("python -m bot run", [sys.executable, "-m", "bot", "run"], env, work / "bot.log")
    contender = Contender(
        "thidua-bot",
        TelegramSurface(fake),
        bot,
        {uid: officer_dialog(code) for uid, code in users.items()},
        {},
    )
    try:
        wait_for_fresh_poll(fake, bot, calls_before)
        contender.startup_kb = bot.status()
        binding = play(
            contender.surface,
            {
                uid: iter([Action("liên kết tài khoản thành công", text=f"/start {invites[code]}")])
                for uid, code in users.items()
            },
            1,
            args.reply_timeout,
        )
        if binding.timeouts or binding.wrong:
            raise SystemExit(f"binding failed: {binding.timeouts + binding.wrong}\n{bot.tail()}")
    except BaseException:
        contender.stop()
        raise
    return contender


def start_echo(fake: FakeTelegramAPI, work: Path, args: argparse.Namespace) -> Contender:
    """bench/echo_bot.py, warmed up with one message from each user."""
    env = bot_env(fake, work / "echo-data")
    calls_before = len(fake.state.calls())
    echo = Process("echo_bot.py", [sys.executable, str(ECHO_BOT)], env, work / "echo.log")
    users = [ECHO_USER_BASE + n for n in range(1, args.officers + 1)]
    surface = TelegramSurface(fake)
    dialogs: dict[UserId, Iterator[Action]] = {uid: echo_dialog(uid) for uid in users}
    contender = Contender("echo_bot", surface, echo, dialogs, {})
    try:
        wait_for_fresh_poll(fake, echo, calls_before)
        contender.startup_kb = echo.status()
        warm = play(
            surface, {uid: echo_dialog(uid + 50_000) for uid in users}, 1, args.reply_timeout
        )
        if warm.timeouts or warm.wrong:
            raise SystemExit(f"echo warm-up failed: {warm.timeouts + warm.wrong}\n{echo.tail()}")
    except BaseException:
        contender.stop()
        raise
    return contender


def measure(bot: Contender, echo: Contender, args: argparse.Namespace) -> None:
    """The saturation rounds, bot and echo bot turn about, then the paced phase of each."""
    profiler = start_profiler(bot.process.pid, Path(args.profile)) if args.profile else None
    if profiler is not None:
        time.sleep(1.0)  # py-spy attaches asynchronously; let it begin sampling
    try:
        for _ in range(args.rounds):
            bot.saturate(args)
            echo.saturate(args)
    finally:
        stop_profiler(profiler)
    bot.pace(args)
    echo.pace(args)


# ----- the report ----------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def load_line(name: str, load: LoadResult) -> str:
    return (
        f"{name:22}{load.answered:>9}{load.seconds:>9.2f}{load.throughput:>9.1f}"
        f"{load.percentile(0.50):>9.1f}{load.percentile(0.95):>9.1f}"
        f"{max(load.latencies_ms, default=float('nan')):>9.1f}"
        f"{len(load.timeouts) + len(load.wrong):>8}"
    )


HEADER = (
    f"{'':22}{'messages':>9}{'seconds':>9}{'msg/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
    f"{'max ms':>9}{'errors':>8}"
)


def report(bot: Contender, echo: Contender, args: argparse.Namespace) -> int:
    print(
        f"\nLoad: {args.officers} officers x {args.messages} messages per phase, concurrent; "
        f"fake Bot API on 127.0.0.1; SQLite in a fresh DATA_DIR; {os.cpu_count()} CPUs"
    )
    print("\nSaturation (closed loop: the next message as soon as the answer is in):")
    print(f"{HEADER}{'CPU ms/msg':>11}{'harness':>9}{'ratio':>7}")
    ratios = []
    for number, (ours, theirs) in enumerate(zip(bot.rounds, echo.rounds, strict=True), start=1):
        ratio = ours.throughput / theirs.throughput if theirs.throughput else float("nan")
        ratios.append(ratio)
        for run, load in ((bot, ours), (echo, theirs)):
            cpu = run.cpu_seconds[number - 1] * 1000 / max(load.answered, 1)
            harness = load.harness_cpu * 1000 / max(load.answered, 1)
            tail = f"{ratio:>7.2f}" if run is bot else ""
            line = load_line(f"{run.name} round {number}", load)
            print(f"{line}{cpu:>11.2f}{harness:>9.2f}{tail}")
    print("(CPU = the bot process's user+system time in the round, harness = this process's")
    print(" (the fake's and the users'), both per message; ratio = thidua-bot's msg/s over the")
    print(" echo bot's in the same round)")
    print(f"\nPaced (a pause before each message, exponential, mean {args.think_ms:.0f} ms):")
    print(HEADER)
    for run in (bot, echo):
        print(load_line(run.name, run.paced))
    print("\nBot API calls per message answered, first saturation round (downloads not counted):")
    print_api_calls([bot, echo])
    print("\nMemory (MB): at the first poll VmHWM / VmRSS -> at the end VmHWM / VmRSS")
    for run in (bot, echo):
        first_kb, last_kb = run.startup_kb, run.end_kb
        print(
            f"  {run.name:12} {first_kb['VmHWM'] / 1024:6.1f} / {first_kb['VmRSS'] / 1024:6.1f} "
            f"-> {last_kb['VmHWM'] / 1024:6.1f} / {last_kb['VmRSS'] / 1024:6.1f}"
        )
    peak = bot.end_kb["VmHWM"] / 1024
    print("\nTargets for thidua-bot:")
    print_targets(bot, echo, ratios, TARGET_THROUGHPUT_RATIO)
    print(
        f"  peak memory (VmHWM)                  {peak:6.1f} MB (target <= {TARGET_PEAK_MB:.0f} MB)"
        f"  {verdict(peak <= TARGET_PEAK_MB)}"
    )
    problems = count_problems([bot, echo])
    if args.profile:
        print(
            f"\npy-spy profile of the saturation rounds (figures include its cost): {args.profile}"
        )
    return 1 if problems else 0


def print_api_calls(runs: list[Contender]) -> None:
    """Each run's API calls per message answered in its first saturation round, by method."""
    width = max(len(run.name) for run in runs)
    for run in runs:
        first = run.rounds[0]
        answered = max(first.answered, 1)
        detail = ", ".join(f"{n} {c / answered:.2f}" for n, c in first.api_calls.most_common())
        print(f"  {run.name:{width}} {sum(first.api_calls.values()) / answered:.2f}  ({detail})")


def print_targets(ours: Contender, theirs: Contender, ratios: list[float], target: float) -> None:
    """The throughput target (the median of the rounds' ratios) and the paced p95 target."""
    ratio = statistics.median(ratios)
    p95, their_p95 = ours.paced.percentile(0.95), theirs.paced.percentile(0.95)
    print(
        f"  throughput vs {theirs.name} (median of {len(ratios)} rounds)  {ratio:6.2f}x  "
        f"(target >= {target}x)  {verdict(ratio >= target)}"
        f"   [rounds {', '.join(f'{r:.2f}' for r in ratios)}]"
    )
    print(
        f"  p95 latency (paced)                  {p95:6.1f} ms (target < {TARGET_P95_MS:.0f} ms)"
        f"  {verdict(p95 < TARGET_P95_MS)}   [{theirs.name} {their_p95:.1f} ms]"
    )


def count_problems(runs: list[Contender]) -> int:
    """Print the runs' wrong or missing answers (the first ten of a load) and failed exits;
    how many there were."""
    problems = 0
    for run in runs:
        for load in run.loads:
            for line in (load.timeouts + load.wrong)[:10]:
                print(f"  {run.name} error: {line}")
            problems += len(load.timeouts) + len(load.wrong)
        if run.exit_code not in (0, None):
            print(f"  {run.name} exited {run.exit_code} on SIGTERM")
            problems += 1
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--officers", type=int, default=20, help="simulated officers (20)")
    parser.add_argument("--messages", type=int, default=50, help="messages per officer (50)")
    parser.add_argument("--rounds", type=int, default=3, help="saturation rounds (3)")
    parser.add_argument(
        "--reply-timeout", type=float, default=30.0, help="seconds to wait for one answer (30)"
    )
    parser.add_argument(
        "--think-ms",
        type=float,
        default=250.0,
        help="mean pause of an officer before each message in the paced phase (250)",
    )
    parser.add_argument(
        "--profile", metavar="FILE", help="py-spy record the bot's saturation rounds"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder and print it")
    args = parser.parse_args(argv)
    if args.officers < 1 or args.messages < 1 or args.rounds < 1:
        parser.error("--officers, --messages and --rounds must be positive")

    work = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    began = time.monotonic()
    try:
        with FakeTelegramAPI() as bot_fake, FakeTelegramAPI() as echo_fake:
            bot = start_bot(bot_fake, work, args)
            try:
                echo = start_echo(echo_fake, work, args)
                try:
                    measure(bot, echo, args)
                finally:
                    echo.stop()
            finally:
                bot.stop()
        code = report(bot, echo, args)
        print(f"\n(benchmark wall time {time.monotonic() - began:.1f} s)")
        return code
    finally:
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
