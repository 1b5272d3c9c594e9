"""Zalo's webhook path against Telegram's polling path: one bot process, the same dialog.

Run from the repository root:

    python bench/bench_zalo.py [--officers 20] [--messages 50] [--profile out.txt]

What it does, all on 127.0.0.1 and bounded in time:

1. Starts the fake Telegram Bot API and the fake Zalo API in this process.
2. In a fresh temporary DATA_DIR (SQLite), imports the demo roster plus 2 × --officers
   generated officers, issues one invite each, and starts ONE `python -m bot run` serving both
   channels: Telegram by long polling (the default), Zalo by webhook (ZALO_UPDATE_MODE=webhook,
   each event stored in the inbox before the 200, then handled by the inbox worker). Half the
   officers bind on Telegram (/start CODE), half on Zalo (the code typed alone).
3. Every officer runs bench/load_dialogs.py's report dialog (14 messages a round: /baocao, the
   criterion, «Không», title, description, period, result, figure, evidence, a link, «Xong»,
   «✅ Gửi», /cuatoi, /trogiup). On Telegram a press is a tap and the evidence a PDF; on Zalo
   a press is the label typed and the evidence a photo in chat on the fake CDN, downloaded
   by the bot at once (Zalo carries no documents).
   - saturation, --rounds times (3): the Telegram officers, then the Zalo officers, each
     sending the next message as soon as the answer is in; the median of the rounds' ratios
     (Zalo's msg/s over Telegram's) counts.
   - paced: each officer pauses before each message (exponential, mean --think-ms, seeded,
     the same pauses on both channels); this gives the latency.

Latency = from the push (Telegram: into the fake's queue; Zalo: just before the webhook POST)
to the moment the fake received the bot's sendMessage. Throughput = answers per second of
wall time. Targets: Zalo's throughput >= 0.9 × Telegram's, Zalo's p95 in the paced phase
< 100 ms. The exit status is non-zero only when answers were wrong or missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bench_load import (  # noqa: E402
    HEADER,
    Contender,
    count_problems,
    load_line,
    print_api_calls,
    print_targets,
)
from load_dialogs import Action, Surface, TelegramSurface, UserId, officer_dialog, play  # noqa: E402
from load_processes import (  # noqa: E402
    START_TIMEOUT,
    Process,
    bot_env,
    issue_invites,
    run_cli,
    start_profiler,
    stop_profiler,
    wait_for_fresh_poll,
    write_roster,
)
from load_zalo import ZaloSurface  # noqa: E402

from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402
from tests.fakes.zalo_api import FakeZaloAPI  # noqa: E402

TELEGRAM_USER_BASE = 810_000
SECRET = "bench-zalo-webhook-secret"
PUBLIC = "https://thidua.phuong.example"

TARGET_THROUGHPUT_RATIO = 0.9


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def zalo_user(number: int) -> str:
    """A 20-hex-digit id, as Zalo's user ids are."""
    return f"{0xB0 << 72 | number:020x}"


def wait_for_webhook(zalo: ZaloSurface, process: Process) -> None:
    """Zalo's empty probe, until the web door answers it."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            if zalo.post(None) == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline or process.popen.poll() is not None:
            raise SystemExit(f"the web door never listened:\n{process.tail()}")
        time.sleep(0.1)


def bind(
    surface: Surface, users: dict[UserId, str], invites: dict[str, str], typed: str, timeout: float
) -> None:
    binding = play(
        surface,
        {
            uid: iter([Action("liên kết tài khoản thành công", text=typed + invites[code])])
            for uid, code in users.items()
        },
        1,
        timeout,
    )
    if binding.timeouts or binding.wrong:
        raise SystemExit(f"binding failed: {binding.timeouts + binding.wrong}")


def start(
    telegram: FakeTelegramAPI, zalo_fake: FakeZaloAPI, work: Path, args: argparse.Namespace
) -> tuple[Contender, Contender]:
    """The bot on both fakes; a Contender for each channel, sharing the one process."""
    port = free_port()
    env = bot_env(telegram, work / "data")
    env = {k: v for k, v in env.items() if not k.startswith(("ZALO_", "PUBLIC_", "WEB_"))}
    env.update(
        {
            "ZALO_BOT_TOKEN": zalo_fake.token,
            "ZALO_API_BASE_URL": zalo_fake.base_url,
            "ZALO_UPDATE_MODE": "webhook",
            "ZALO_WEBHOOK_SECRET": SECRET,
            "PUBLIC_BASE_URL": PUBLIC,
            "WEB_LISTEN": f"127.0.0.1:{port}",
            # Replies share Zalo's pace (3 a second by default, 2 s apart per chat), which the
            # fake does not enforce: lifted, as bot_env lifts Telegram's, so that both
            # channels' own work is measured, not the pace each is given.
            "ZALO_RATE_PER_SECOND": "100000",
            "ZALO_CHAT_INTERVAL_SECONDS": "0",
        }
    )
    roster = work / "roster.csv"
    codes = write_roster(roster, 2 * args.officers)
    run_cli(env, "import-roster", str(roster))
    invites = issue_invites(env, codes)
    on_telegram: dict[UserId, str] = {
        TELEGRAM_USER_BASE + n: code for n, code in enumerate(codes[: args.officers], start=1)
    }
    on_zalo: dict[UserId, str] = {
        zalo_user(n): code for n, code in enumerate(codes[args.officers :], start=1)
    }
    zalo = ZaloSurface(zalo_fake, f"http://127.0.0.1:{port}/zalo/webhook", SECRET)
    calls_before = len(telegram.state.calls())
    bot = Process("python -m bot run", [sys.executable, "-m", "bot", "run"], env, work / "bot.log")
    try:
        wait_for_fresh_poll(telegram, bot, calls_before)
        wait_for_webhook(zalo, bot)
        startup = bot.status()
        by_telegram = TelegramSurface(telegram)
        bind(by_telegram, on_telegram, invites, "/start ", args.reply_timeout)
        bind(zalo, on_zalo, invites, "", args.reply_timeout)
    except BaseException:
        bot.stop()
        raise

    def contender(name: str, surface: Surface, users: dict[UserId, str]) -> Contender:
        dialogs: dict[UserId, Iterator[Action]] = {
            uid: officer_dialog(code) for uid, code in users.items()
        }
        return Contender(name, surface, bot, dialogs, startup)

    return (
        contender("Telegram (polling)", by_telegram, on_telegram),
        contender("Zalo (webhook)", zalo, on_zalo),
    )


def measure(telegram: Contender, zalo: Contender, args: argparse.Namespace) -> None:
    """The saturation rounds, Telegram and Zalo turn about, then the paced phase of each."""
    profiler = start_profiler(zalo.process.pid, Path(args.profile)) if args.profile else None
    if profiler is not None:
        time.sleep(1.0)  # py-spy attaches asynchronously; let it begin sampling
    try:
        for _ in range(args.rounds):
            telegram.saturate(args)
            zalo.saturate(args)
    finally:
        stop_profiler(profiler)
    telegram.pace(args)
    zalo.pace(args)


def report(telegram: Contender, zalo: Contender, args: argparse.Namespace) -> int:
    print(
        f"\nLoad: {args.officers} officers per channel x {args.messages} messages per phase, "
        f"one bot process serving both; fakes on 127.0.0.1; SQLite; {os.cpu_count()} CPUs"
    )
    print("\nSaturation (closed loop: the next message as soon as the answer is in):")
    print(f"{HEADER}{'CPU ms/msg':>11}{'harness':>9}{'ratio':>7}")
    ratios = []
    for number, (ours, theirs) in enumerate(zip(zalo.rounds, telegram.rounds, strict=True), 1):
        ratio = ours.throughput / theirs.throughput if theirs.throughput else float("nan")
        ratios.append(ratio)
        for run, load in ((telegram, theirs), (zalo, ours)):
            cpu = run.cpu_seconds[number - 1] * 1000 / max(load.answered, 1)
            harness = load.harness_cpu * 1000 / max(load.answered, 1)
            tail = f"{ratio:>7.2f}" if run is zalo else ""
            line = load_line(f"{run.name[:13]} round {number}", load)
            print(f"{line}{cpu:>11.2f}{harness:>9.2f}{tail}")
    print("(CPU = the bot process's user+system time in the round, harness = this process's")
    print(" (the fakes' and the users'), both per message; ratio = Zalo's msg/s over Telegram's")
    print(" in the same round)")
    print(f"\nPaced (a pause before each message, exponential, mean {args.think_ms:.0f} ms):")
    print(HEADER)
    for run in (telegram, zalo):
        print(load_line(run.name, run.paced))
    print("\nAPI calls per message answered, first saturation round (downloads not counted):")
    print_api_calls([telegram, zalo])
    print("\nTargets for Zalo:")
    print_targets(zalo, telegram, ratios, TARGET_THROUGHPUT_RATIO)
    problems = count_problems([telegram, zalo])
    if args.profile:
        print(f"\npy-spy profile of the saturation rounds: {args.profile}")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--officers", type=int, default=20, help="officers per channel (20)")
    parser.add_argument("--messages", type=int, default=50, help="messages per officer (50)")
    parser.add_argument("--rounds", type=int, default=3, help="saturation rounds (3)")
    parser.add_argument(
        "--reply-timeout", type=float, default=30.0, help="seconds to wait for one answer (30)"
    )
    parser.add_argument(
        "--think-ms", type=float, default=250.0, help="mean pause before each paced message"
    )
    parser.add_argument("--profile", metavar="FILE", help="py-spy record the saturation rounds")
    parser.add_argument("--keep", action="store_true", help="keep the work folder and print it")
    args = parser.parse_args(argv)
    if args.officers < 1 or args.messages < 1 or args.rounds < 1:
        parser.error("--officers, --messages and --rounds must be positive")

    work = Path(tempfile.mkdtemp(prefix="thidua-bench-zalo-"))
    began = time.monotonic()
    try:
        with FakeTelegramAPI() as telegram_fake, FakeZaloAPI() as zalo_fake:
            telegram, zalo = start(telegram_fake, zalo_fake, work, args)
            try:
                measure(telegram, zalo, args)
            finally:
                zalo.stop()
        code = report(telegram, zalo, args)
        print(f"\n(benchmark wall time {time.monotonic() - began:.1f} s)")
        return code
    finally:
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
