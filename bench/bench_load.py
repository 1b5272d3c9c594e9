"""Load benchmark: simulated officers talk to the real bot process through the fake Bot API.

Run from the repository root:

    python bench/bench_load.py [--officers 20] [--messages 50] [--profile out.txt]

What it does, all on 127.0.0.1 and bounded in time:

1. Starts tests/fakes FakeTelegramAPI in this process.
2. In a fresh temporary DATA_DIR (SQLite), imports a roster made from seed/demo-roster.csv plus
   generated officers (`python -m bot import-roster`), issues one invite per simulated officer
   (the same issue_invite the `python -m bot invite` command calls), starts `python -m bot run`
   and binds every officer with /start <code>.
3. Two measured phases. In each, every officer, in its own thread, runs a realistic dialog loop
   (/baocao, a criterion button, each step of the form, a PDF, a link, «Xong», «✅ Gửi»,
   /cuatoi, /trogiup, again) for --messages messages, each message waiting for the bot's
   answer to the one before; the officers run at the same time.
   - saturation: no pause between an answer and the next message (closed loop). This gives the
     throughput; its latency is mostly queueing (Little's law: officers ÷ throughput).
   - paced: an officer pauses before each message, for a random time (exponential, mean
     --think-ms, seeded): many busy officers, not a machine gun. This gives the latency.
4. The same phases with plain text messages against bench/echo_bot.py (a bare
   python-telegram-bot echo bot) on the same fake server: the baseline.

Latency of a message = from the push into the fake to the moment the fake received the bot's
reply (sendMessage), taken from the fake's rate_log. Throughput = messages answered per second
of wall time in the measured phase. Peak memory = VmHWM of the bot process (/proc) at the end.

The per-user flood guard (FLOOD_MAX_MESSAGES per FLOOD_WINDOW_SECONDS, 30/30 s by default) would
refuse a simulated officer's 31st message within 30 s, so this run lifts it: the benchmark
measures the work of answering, not the refusal.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402

DEMO_ROSTER = REPO_ROOT / "seed" / "demo-roster.csv"
ECHO_BOT = REPO_ROOT / "bench" / "echo_bot.py"
BOT_USER_BASE = 810_000
ECHO_USER_BASE = 910_000
START_TIMEOUT = 60.0
STOP_TIMEOUT = 20.0
# A phase of the run stops sending after this long, whatever is left: the run stays bounded.
PHASE_LIMIT_SECONDS = 75.0

TARGET_THROUGHPUT_RATIO = 0.7
TARGET_P95_MS = 100.0
TARGET_PEAK_MB = 120.0

PDF_TEMPLATE = b"%%PDF-1.4\n%% %s\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n"


# ----- what one simulated officer does -------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One message: text, a button press (by label) or a PDF upload; what the answer must say."""

    expect: str
    text: str | None = None
    press: str | None = None
    upload: bytes | None = None

    def perform(self, fake: FakeTelegramAPI, user_id: int) -> None:
        if self.press is not None:
            fake.click(user_id, self.press)
        elif self.upload is not None:
            fake.push_document(user_id, "minh-chung.pdf", self.upload, "application/pdf")
        else:
            fake.push_text(user_id, self.text or "", "Cán bộ")


def officer_dialog(code: str) -> Iterator[Action]:
    """The report dialog, then /cuatoi and /trogiup, over and over: 14 messages a round."""
    round_number = 0
    while True:
        round_number += 1
        tag = f"{code} lần {round_number}"
        yield Action("thuộc tiêu chí thi đua nào", text="/baocao")
        yield Action("sáng kiến", press="e) Theo dõi hồ sơ TTHC 100%")
        yield Action("tên ngắn gọn", press="Không")
        yield Action("Mô tả việc đã làm", text=f"Theo dõi hồ sơ một cửa ({tag})")
        yield Action("Thời gian thực hiện", text="Cập nhật trạng thái hồ sơ lên hệ thống hằng ngày")
        yield Action("Kết quả đạt được", text="Quý IV/2026")
        yield Action("chỉ tiêu", text="Không còn hồ sơ quá hạn trong quý")
        yield Action("Gửi minh chứng", text="98% hồ sơ đúng hạn")
        yield Action("Đã nhận «minh-chung.pdf»", upload=PDF_TEMPLATE % tag.encode())
        yield Action("Đã nhận đường liên kết", text=f"https://dichvucong.gov.vn/ho-so/{code}")
        yield Action("Xem lại báo cáo trước khi gửi", press="Xong")
        yield Action("Đã gửi báo cáo số", press="✅ Gửi")
        yield Action("Báo cáo của bạn", text="/cuatoi")
        yield Action("/baocao", text="/trogiup")


def echo_dialog(user_id: int) -> Iterator[Action]:
    number = 0
    while True:
        number += 1
        text = f"Tin nhắn thử số {number} của {user_id}"
        yield Action(text, text=text)


# ----- the closed loop -----------------------------------------------------------------------


@dataclass
class Turn:
    user_id: int
    reply_index: int  # the bot's n-th message to this chat answers this turn
    pushed_at: float
    expect: str


@dataclass
class LoadResult:
    turns: list[Turn] = field(default_factory=list)
    timeouts: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    started: float = 0.0
    finished: float = 0.0
    api_calls: Counter[str] = field(default_factory=Counter)
    harness_cpu: float = 0.0  # CPU seconds of this process (fake server and users)

    @property
    def answered(self) -> int:
        return len(self.latencies_ms)

    @property
    def seconds(self) -> float:
        return max(self.finished - self.started, 1e-9)

    @property
    def throughput(self) -> float:
        return self.answered / self.seconds

    def percentile(self, fraction: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
        return ordered[index]


def play(
    fake: FakeTelegramAPI,
    dialogs: dict[int, Iterator[Action]],
    messages: int,
    reply_timeout: float,
    think_ms: float = 0.0,
) -> LoadResult:
    """Every user sends `messages` messages, each after the answer to the previous one and,
    when `think_ms` is set, a pause drawn from an exponential distribution with that mean."""
    result = LoadResult()
    lock = threading.Lock()
    barrier = threading.Barrier(len(dialogs) + 1)
    store = fake.state.messages

    def user(user_id: int, dialog: Iterator[Action], seed: int) -> None:
        pauses = random.Random(seed)  # the same pauses in every run and for both bots
        barrier.wait()
        deadline = time.monotonic() + PHASE_LIMIT_SECONDS
        for _ in range(messages):
            if think_ms:
                time.sleep(pauses.expovariate(1000.0 / think_ms))
            if time.monotonic() > deadline:
                with lock:
                    result.timeouts.append(f"user {user_id}: phase over {PHASE_LIMIT_SECONDS} s")
                return
            action = next(dialog)
            before = store.sent_count(user_id)
            pushed_at = time.monotonic()
            action.perform(fake, user_id)
            answered = fake.state.wait_for(
                lambda uid=user_id, seen=before: store.sent_count(uid) > seen, reply_timeout
            )
            with lock:
                if not answered:
                    result.timeouts.append(f"user {user_id}: no answer to {action}")
                    return
                result.turns.append(Turn(user_id, before, pushed_at, action.expect))

    threads = [
        threading.Thread(target=user, args=(uid, dialog, seed), name=f"user-{uid}", daemon=True)
        for seed, (uid, dialog) in enumerate(dialogs.items())
    ]
    for thread in threads:
        thread.start()
    first_call = len(fake.state.calls())
    cpu_before = time.process_time()
    barrier.wait()
    result.started = time.monotonic()
    for thread in threads:
        thread.join(timeout=PHASE_LIMIT_SECONDS + reply_timeout + 5)
    result.harness_cpu = time.process_time() - cpu_before
    result.api_calls = Counter(name for name, _ in fake.state.calls()[first_call:])
    _score(fake, result)
    return result


def _score(fake: FakeTelegramAPI, result: LoadResult) -> None:
    """Latencies from the fake's own clock; the answers checked against what each turn expects."""
    send_times: dict[str, list[float]] = defaultdict(list)
    for at, method, chat_id in fake.rate_log:
        if method == "sendMessage":
            send_times[str(chat_id)].append(at)
    texts = {
        uid: [r["text"] or "" for r in fake.sent(uid)] for uid in {t.user_id for t in result.turns}
    }
    last = result.started
    for turn in result.turns:
        replied_at = send_times[str(turn.user_id)][turn.reply_index]
        result.latencies_ms.append((replied_at - turn.pushed_at) * 1000)
        last = max(last, replied_at)
        answer = texts[turn.user_id][turn.reply_index]
        if turn.expect not in answer:
            result.wrong.append(
                f"user {turn.user_id}: expected {turn.expect!r}, got {answer[:120]!r}"
            )
    result.finished = last
    for uid, sent in texts.items():
        expected = 1 + max(t.reply_index for t in result.turns if t.user_id == uid)
        if len(sent) != expected:
            result.wrong.append(f"user {uid}: {len(sent)} messages from the bot, {expected} turns")


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
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "FLOOD_"))}
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
            "FLOOD_MAX_MESSAGES": "1000000",
            "FLOOD_WINDOW_SECONDS": "30",
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
    from handlers.identity import issue_invite
    from storage.db import make_engine, transaction

    settings = Settings.from_env(env)
    core_config = settings.core_config()
    engine = make_engine(settings.database_url)
    now = datetime.now(UTC)
    try:
        with transaction(engine) as session:
            return {
                code: issue_invite(session, officer_code=code, now=now, ttl=core_config.invite_ttl)
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


# ----- the two runs --------------------------------------------------------------------------


@dataclass
class Run:
    name: str
    load: LoadResult  # saturation
    paced: LoadResult
    memory_kb: dict[str, int]
    startup_kb: dict[str, int]
    cpu_seconds: float  # in the saturation phase
    exit_code: int | None


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


def bench_bot(fake: FakeTelegramAPI, work: Path, args: argparse.Namespace) -> Run:
    data_dir = work / "data"
    env = bot_env(fake, data_dir)
    roster = work / "roster.csv"
    codes = write_roster(roster, args.officers)
    run_cli(env, "import-roster", str(roster))
    invites = issue_invites(env, codes)
    users = {BOT_USER_BASE + n: code for n, code in enumerate(codes, start=1)}

    calls_before = len(fake.state.calls())
    bot = Process("python -m bot run", [sys.executable, "-m", "bot", "run"], env, work / "bot.log")
    profiler = None
    try:
        wait_for_fresh_poll(fake, bot, calls_before)
        startup = bot.status()
        binding = play(
            fake,
            {
                uid: iter([Action("liên kết tài khoản thành công", text=f"/start {invites[code]}")])
                for uid, code in users.items()
            },
            1,
            args.reply_timeout,
        )
        if binding.timeouts or binding.wrong:
            raise SystemExit(f"binding failed: {binding.timeouts + binding.wrong}\n{bot.tail()}")
        cpu_before = bot.status()["cpu_cs"]
        if args.profile:
            profiler = start_profiler(bot.pid, Path(args.profile))
            time.sleep(1.0)  # py-spy attaches asynchronously; let it begin sampling
        dialogs = {uid: officer_dialog(code) for uid, code in users.items()}
        load = play(fake, dialogs, args.messages, args.reply_timeout)
        stop_profiler(profiler)
        profiler = None
        cpu = (bot.status()["cpu_cs"] - cpu_before) / 100
        paced = play(fake, dialogs, args.messages, args.reply_timeout, args.think_ms)
        status = bot.status()
    finally:
        stop_profiler(profiler)
        exit_code = bot.stop()
    return Run("thidua-bot", load, paced, status, startup, cpu, exit_code)


def bench_echo(fake: FakeTelegramAPI, work: Path, args: argparse.Namespace) -> Run:
    env = bot_env(fake, work / "echo-data")
    calls_before = len(fake.state.calls())
    echo = Process("echo_bot.py", [sys.executable, str(ECHO_BOT)], env, work / "echo.log")
    try:
        wait_for_fresh_poll(fake, echo, calls_before)
        startup = echo.status()
        users = [ECHO_USER_BASE + n for n in range(1, args.officers + 1)]
        warm = play(fake, {uid: echo_dialog(uid + 50_000) for uid in users}, 1, args.reply_timeout)
        if warm.timeouts or warm.wrong:
            raise SystemExit(f"echo warm-up failed: {warm.timeouts + warm.wrong}\n{echo.tail()}")
        cpu_before = echo.status()["cpu_cs"]
        dialogs = {uid: echo_dialog(uid) for uid in users}
        load = play(fake, dialogs, args.messages, args.reply_timeout)
        cpu = (echo.status()["cpu_cs"] - cpu_before) / 100
        paced = play(fake, dialogs, args.messages, args.reply_timeout, args.think_ms)
        status = echo.status()
    finally:
        exit_code = echo.stop()
    return Run("echo_bot", load, paced, status, startup, cpu, exit_code)


# ----- the report ----------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def print_phase(title: str, runs: list[tuple[Run, LoadResult]], with_cpu: bool) -> None:
    print(f"\n{title}")
    header = f"{'':14}{'messages':>9}{'seconds':>9}{'msg/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
    header += f"{'max ms':>9}{'errors':>8}"
    if with_cpu:
        header += f"{'CPU s':>8}{'CPU ms/msg':>11}{'harness CPU s':>15}"
    print(header)
    for run, load in runs:
        errors = len(load.timeouts) + len(load.wrong)
        line = (
            f"{run.name:14}{load.answered:>9}{load.seconds:>9.2f}{load.throughput:>9.1f}"
            f"{load.percentile(0.50):>9.1f}{load.percentile(0.95):>9.1f}"
            f"{max(load.latencies_ms, default=float('nan')):>9.1f}{errors:>8}"
        )
        if with_cpu:
            line += (
                f"{run.cpu_seconds:>8.2f}{1000 * run.cpu_seconds / max(load.answered, 1):>11.2f}"
                f"{load.harness_cpu:>15.2f}"
            )
        print(line)


def report(bot: Run, echo: Run, args: argparse.Namespace) -> int:
    print(
        f"\nLoad: {args.officers} officers x {args.messages} messages per phase, concurrent; "
        f"fake Bot API on 127.0.0.1; SQLite in a fresh DATA_DIR; {os.cpu_count()} CPUs"
    )
    print_phase(
        "Saturation (closed loop: the next message as soon as the answer is in):",
        [(bot, bot.load), (echo, echo.load)],
        with_cpu=True,
    )
    print(
        "(CPU = the bot process's user+system time in this phase; harness = this process: "
        "the fake Bot API and the simulated users)"
    )
    print_phase(
        f"Paced (a pause before each message, exponential, mean {args.think_ms:.0f} ms):",
        [(bot, bot.paced), (echo, echo.paced)],
        with_cpu=False,
    )
    print("\nBot API calls per message answered, saturation phase (downloads not counted):")
    for run in (bot, echo):
        answered = max(run.load.answered, 1)
        calls = run.load.api_calls
        detail = ", ".join(f"{name} {count / answered:.2f}" for name, count in calls.most_common())
        print(f"  {run.name:12} {sum(calls.values()) / answered:.2f}  ({detail})")
    ratio = bot.load.throughput / echo.load.throughput if echo.load.throughput else float("nan")
    p95 = bot.paced.percentile(0.95)
    echo_p95 = echo.paced.percentile(0.95)
    peak = bot.memory_kb["VmHWM"] / 1024
    print("\nMemory (MB): at the first poll VmHWM / VmRSS -> at the end VmHWM / VmRSS")
    for run in (bot, echo):
        first, last = run.startup_kb, run.memory_kb
        print(
            f"  {run.name:12} {first['VmHWM'] / 1024:6.1f} / {first['VmRSS'] / 1024:6.1f} -> "
            f"{last['VmHWM'] / 1024:6.1f} / {last['VmRSS'] / 1024:6.1f}"
        )
    print("\nTargets for thidua-bot:")
    print(
        f"  throughput vs echo (saturation)  {ratio:6.2f}x  (target >= "
        f"{TARGET_THROUGHPUT_RATIO}x)  {verdict(ratio >= TARGET_THROUGHPUT_RATIO)}"
    )
    print(
        f"  p95 latency (paced)              {p95:6.1f} ms (target < {TARGET_P95_MS:.0f} ms)  "
        f"{verdict(p95 < TARGET_P95_MS)}   [echo {echo_p95:.1f} ms; at saturation "
        f"{bot.load.percentile(0.95):.1f} ms, echo {echo.load.percentile(0.95):.1f} ms]"
    )
    print(
        f"  peak memory (VmHWM)              {peak:6.1f} MB (target < {TARGET_PEAK_MB:.0f} MB)  "
        f"{verdict(peak < TARGET_PEAK_MB)}"
    )
    problems = 0
    for run in (bot, echo):
        for load in (run.load, run.paced):
            for line in (load.timeouts + load.wrong)[:10]:
                print(f"  {run.name} error: {line}")
            problems += len(load.timeouts) + len(load.wrong)
        if run.exit_code not in (0, None):
            print(f"  {run.name} exited {run.exit_code} on SIGTERM")
            problems += 1
    if args.profile:
        print(
            f"\npy-spy profile of the saturation phase (figures above include its overhead): "
            f"{args.profile}"
        )
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--officers", type=int, default=20, help="simulated officers (20)")
    parser.add_argument("--messages", type=int, default=50, help="messages per officer (50)")
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
        "--profile", metavar="FILE", help="py-spy record the bot's saturation phase"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder and print it")
    args = parser.parse_args(argv)
    if args.officers < 1 or args.messages < 1:
        parser.error("--officers and --messages must be positive")

    work = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    began = time.monotonic()
    try:
        with FakeTelegramAPI() as fake:
            bot = bench_bot(fake, work, args)
            echo = bench_echo(fake, work, args)
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
