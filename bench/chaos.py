"""Chaos: the real bot killed at random moments while it broadcasts and officers report, through
Telegram's flood limit, 429/502 bursts and one outage.

Run from the repository root:

    python bench/chaos.py [--recipients 300] [--officers 10] [--kills 8] [--outage 180]

What it does, all on 127.0.0.1, with the real `python -m bot run` against tests/fakes'
FakeTelegramAPI (which refuses sends past 30 a second with 429, as Telegram does):
1. A temporary SQLite database gets the demo roster and --recipients generated officers, every
   one bound to a Telegram chat of its own.
2. The secretariat (VHXH02) announces to the whole ward through chat, and --officers of the
   generated officers each file a report through chat, all at once. Each person waits for the
   answer to what they sent before sending the next thing, and never sends anything twice.
3. Meanwhile the bot is killed with SIGKILL --kills times at random moments once it polls (a
   supervisor restarts it a second later, as systemd would, and also when it dies on its own);
   every few seconds a burst of 429 (retry_after 1-3 s) or 502 hits the sendMessage calls of a
   second or two; once a third of the broadcast is out, Telegram answers every call with 502
   for --outage seconds.
4. When everyone has had every answer and every recipient the announcement (or a deadline has
   passed), the bot is stopped and the database read.

Reported: reports lost or doubled (expected 0 / 0), answers lost (0: a message whose answer
never came), the broadcast delivered (100 %) and its duplicates (at most 30), and how long
after the outage ended everything was done (within 60 s).
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from sqlmodel import Session, col, select  # noqa: E402

from bench.load_processes import Process, bot_env, run_cli, write_roster  # noqa: E402
from bot.settings import Settings  # noqa: E402
from storage.db import make_engine, transaction  # noqa: E402
from storage.models import Officer, Outbox, Report  # noqa: E402
from storage.queries.identity import bind_identity  # noqa: E402
from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402

CHAT_BASE = 700_000_000
AUTHOR = "VHXH02"  # Thường trực in the demo roster
TELEGRAM_RATE = 30
RESTART_DELAY = 1.0
# Gaps between kills, seconds: random within these.
KILL_GAP = (1.0, 5.0)
BURST_GAP = (2.0, 6.0)
BURST_LENGTH = (0.5, 2.0)
# Everything must be done this long after the outage ends, or the run stops and counts losses.
SETTLE_SECONDS = 120.0
TOO_MANY_DUPLICATES = 30
FINISH_WITHIN = 60.0


class Supervisor:
    """Keeps one bot process running: restarts it after a kill or a crash, as systemd would."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.lock = threading.Lock()
        self.process = self._start()
        self.kills = self.restarts = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _start(self) -> Process:
        return Process("bot", [sys.executable, "-m", "bot", "run"], self.env, self.log)

    def _watch(self) -> None:
        while not self.stopping.wait(0.2):
            with self.lock:
                if self.process.popen.poll() is None:
                    continue
            time.sleep(RESTART_DELAY)
            with self.lock:
                if not self.stopping.is_set():
                    self.process = self._start()
                    self.restarts += 1

    def kill(self) -> None:
        with self.lock:
            if self.process.popen.poll() is None:
                self.process.popen.send_signal(signal.SIGKILL)
                self.process.popen.wait()
                self.kills += 1

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join()
        with self.lock:
            self.process.stop()


class Person:
    """One user: sends, then waits for an answer saying `expect`; never sends anything twice."""

    def __init__(self, fake: FakeTelegramAPI, chat: int, patience: float, think: float) -> None:
        self.fake, self.chat, self.patience, self.think = fake, chat, patience, think
        self.awaited = self.lost = 0
        self.done_at: float | None = None
        # Whether the last message (the one that stores what was composed) was sent.
        self.sent_last = False

    def turn(self, act: Callable[[], object], expect: str) -> bool:
        """One message and its answer; False when the answer never came."""
        before = len(self.fake.sent(self.chat))
        self.awaited += 1
        try:
            act()
        except AssertionError:  # the button to press never came: the answer before was lost
            self.lost += 1
            self.sent_last = False
            return False
        answered = self.fake.state.wait_for(
            lambda: any(expect in (r["text"] or "") for r in self._since(before)), self.patience
        )
        if not answered:
            self.lost += 1
        return answered

    def _since(self, before: int) -> list[dict[str, Any]]:
        return self.fake.sent(self.chat)[before:]

    def play(self, turns: list[tuple[Callable[[], object], str]]) -> None:
        for index, (act, expect) in enumerate(turns):
            self.sent_last = index == len(turns) - 1
            if not self.turn(act, expect):
                return  # without that answer the person cannot go on
            time.sleep(self.think)
        self.done_at = time.monotonic()


def report_turns(
    fake: FakeTelegramAPI, chat: int, title: str
) -> list[tuple[Callable[[], object], str]]:
    def say(text: str) -> Callable[[], object]:
        return lambda: fake.push_text(chat, text, "Cán bộ")

    def press(label: str) -> Callable[[], object]:
        return lambda: fake.click(chat, label)

    return [
        (say("/baocao"), "thuộc tiêu chí thi đua nào"),
        (press("a) Chỉ số CCHC"), "sáng kiến"),
        (press("Không"), "tên ngắn gọn"),
        (say(title), "Mô tả việc đã làm"),
        (say("Số hóa hồ sơ tiếp nhận tại bộ phận một cửa"), "Thời gian"),
        (say("Quý IV/2026"), "Kết quả đạt được"),
        (say("Toàn bộ hồ sơ được số hóa"), "Gửi minh chứng"),
        (press("Xong"), "Xem lại báo cáo trước khi gửi"),
        (press("✅ Gửi"), "Đã gửi báo cáo số"),
    ]


def announce_turns(
    fake: FakeTelegramAPI, chat: int, text: str
) -> list[tuple[Callable[[], object], str]]:
    return [
        (lambda: fake.push_text(chat, "/thongbao", "Tùng"), "Nhập nội dung thông báo"),
        (lambda: fake.push_text(chat, text, "Tùng"), "Gửi tệp kèm theo"),
        (lambda: fake.click(chat, "Bỏ qua"), "Gửi thông báo tới ai?"),
        (lambda: fake.click(chat, "Toàn phường"), "Xem lại thông báo"),
        (lambda: fake.click(chat, "✅ Gửi"), "Đã gửi thông báo số"),
    ]


def bind_everyone(env: dict[str, str]) -> dict[str, int]:
    """Bind every active officer to a Telegram chat of their own; code -> chat."""
    engine = make_engine(Settings.from_env(env).database_url)
    now = datetime.now(UTC)
    chats: dict[str, int] = {}
    try:
        with transaction(engine) as session:
            officers = session.exec(select(Officer).where(col(Officer.active))).all()
            for n, officer in enumerate(officers):
                assert officer.id is not None
                chat = CHAT_BASE + n
                bind_identity(
                    session,
                    channel="telegram",
                    platform_user_id=str(chat),
                    chat_id=str(chat),
                    officer_id=officer.id,
                    now=now,
                )
                chats[officer.code] = chat
    finally:
        engine.dispose()
    return chats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipients", type=int, default=300)
    parser.add_argument("--officers", type=int, default=10)
    parser.add_argument("--kills", type=int, default=8)
    parser.add_argument("--outage", type=float, default=180.0, help="seconds of 502s")
    parser.add_argument("--think", type=float, default=1.0, help="seconds between messages")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--log", type=Path, help="keep the bot's output in this file")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as temporary, FakeTelegramAPI() as fake:
        work = Path(temporary)
        env = bot_env(fake, work / "data")
        codes = write_roster(work / "roster.csv", args.recipients)
        run_cli(env, "import-roster", str(work / "roster.csv"))
        chats = bind_everyone(env)
        try:
            figures = run(fake, env, work, chats, codes[: args.officers], args, rng)
        finally:
            if args.log is not None:
                shutil.copyfile(work / "bot.log", args.log)
    print_figures(figures, args)


def run(
    fake: FakeTelegramAPI,
    env: dict[str, str],
    work: Path,
    chats: dict[str, int],
    reporters: list[str],
    args: argparse.Namespace,
    rng: random.Random,
) -> dict[str, float]:
    announcement = f"THÔNG BÁO thử sức chịu đựng số {args.seed}: nộp hồ sơ trước 25/11/2026."
    recipients = [chat for code, chat in chats.items() if code != AUTHOR]
    patience = args.outage + SETTLE_SECONDS
    fake.enforce_rate(TELEGRAM_RATE)
    supervisor = Supervisor(env, work / "bot.log")
    fake.wait_for_call("getUpdates", timeout=60)
    author = Person(fake, chats[AUTHOR], patience, args.think)
    officers = {code: Person(fake, chats[code], patience, args.think) for code in reporters}
    plays = [
        threading.Thread(
            target=author.play, args=(announce_turns(fake, author.chat, announcement),)
        )
    ]
    plays += [
        threading.Thread(
            target=person.play, args=(report_turns(fake, person.chat, f"Báo cáo thử {code}"),)
        )
        for code, person in officers.items()
    ]
    started = time.monotonic()
    for play in plays:
        play.start()

    def delivered() -> int:
        return sum(1 for chat in recipients if _copies(fake, chat, announcement))

    stop = threading.Event()
    outage_end = [0.0]
    bursts = [0]

    def weather() -> None:
        """429/502 bursts on sendMessage every few seconds while there is work: up to a few
        failures within a second or two (what is not met by then blows over)."""
        while not stop.wait(rng.uniform(*BURST_GAP)):
            status = rng.choice([429, 502])
            fake.fail_next("sendMessage", None, status, rng.randint(1, 3), times=rng.randint(2, 6))
            bursts[0] += 1
            stop.wait(rng.uniform(*BURST_LENGTH))
            fake.state.clear_failures()

    def outage() -> None:
        """Telegram down once a third of the broadcast is out."""
        fake.state.wait_for(lambda: delivered() >= len(recipients) / 3, patience)
        if not stop.is_set():
            fake.outage(args.outage)
            outage_end[0] = time.monotonic() + args.outage

    def killer() -> None:
        """Kill at a random moment once the bot (re)started polling: a kill while it starts
        would only delay the start."""
        for _ in range(args.kills):
            restarted = partial(_polled_since, fake, len(fake.state.calls()), stop)
            fake.state.wait_for(restarted, patience)
            if stop.wait(rng.uniform(*KILL_GAP)):
                return
            supervisor.kill()

    helpers = [
        threading.Thread(target=weather, daemon=True),
        threading.Thread(target=killer, daemon=True),
        threading.Thread(target=outage, daemon=True),
    ]
    for helper in helpers:
        helper.start()
    deadline = started + args.outage + 3 * SETTLE_SECONDS
    fake.state.wait_for(lambda: delivered() == len(recipients), max(deadline - time.monotonic(), 0))
    broadcast_done = time.monotonic()
    for play in plays:
        play.join()
    stop.set()
    with fake.state.lock:  # wake the helpers waiting on the fake
        fake.state.lock.notify_all()
    for helper in helpers:
        helper.join()
    supervisor.stop()

    people = [author, *officers.values()]
    finished = max([broadcast_done, *(p.done_at or time.monotonic() for p in people)])
    stored = _reports(env, [f"Báo cáo thử {code}" for code in reporters])
    # A report is lost when its «✅ Gửi» was sent and it is not stored; one whose author gave up
    # earlier (an answer lost) was never sent, and counts among the answers lost.
    sent = [officers[code].sent_last for code in reporters]
    copies = [_copies(fake, chat, announcement) for chat in recipients]
    return {
        "officers": len(reporters),
        "reports_lost": sum(1 for n, last in zip(stored, sent, strict=True) if last and n == 0),
        "reports_doubled": sum(1 for n in stored if n > 1),
        "answers_awaited": sum(p.awaited for p in people),
        "answers_lost": sum(p.lost for p in people),
        "recipients": len(recipients),
        "outbox_rows": _announcement_rows(env),
        "delivered": sum(1 for n in copies if n),
        "duplicates": sum(n - 1 for n in copies if n > 1),
        "kills": supervisor.kills,
        "restarts": supervisor.restarts,
        "bursts": bursts[0],
        "outage_happened": 1.0 if outage_end[0] else 0.0,
        "after_outage": max(finished - outage_end[0], 0.0) if outage_end[0] else float("nan"),
        "elapsed": finished - started,
    }


def _polled_since(fake: FakeTelegramAPI, since: int, stop: threading.Event) -> bool:
    """The bot asked for updates after the `since`-th call (or the run is over)."""
    return stop.is_set() or any(name == "getUpdates" for name, _ in fake.state.calls()[since:])


def _copies(fake: FakeTelegramAPI, chat: int, text: str) -> int:
    return sum(1 for record in fake.sent(chat) if text in (record["text"] or ""))


def _reports(env: dict[str, str], titles: list[str]) -> list[int]:
    """How many reports each title was stored as."""
    engine = make_engine(Settings.from_env(env).database_url)
    try:
        with Session(engine) as session:
            counted = Counter(r.title for r in session.exec(select(Report)))
    finally:
        engine.dispose()
    return [counted[title] for title in titles]


def _announcement_rows(env: dict[str, str]) -> int:
    engine = make_engine(Settings.from_env(env).database_url)
    try:
        with Session(engine) as session:
            return len(session.exec(select(Outbox.id).where(Outbox.kind == "announcement")).all())
    finally:
        engine.dispose()


def print_figures(f: dict[str, float], args: argparse.Namespace) -> None:
    share = 100.0 * f["delivered"] / f["recipients"] if f["recipients"] else 0.0
    checks = {
        "reports lost or doubled": f["reports_lost"] == 0 and f["reports_doubled"] == 0,
        "answers lost": f["answers_lost"] == 0,
        "broadcast delivered": f["delivered"] == f["recipients"],
        "duplicates": f["duplicates"] <= TOO_MANY_DUPLICATES,
        "finished after the outage": f["outage_happened"] == 1.0
        and f["after_outage"] <= FINISH_WITHIN,
    }
    print(
        f"Chaos run: {args.recipients} recipients, {args.officers} officers reporting, "
        f"seed {args.seed}"
    )
    print(f"kills (SIGKILL)         {f['kills']:.0f}, restarts {f['restarts']:.0f}")
    print(f"429/502 bursts          {f['bursts']:.0f}, flood limit {TELEGRAM_RATE}/s")
    print(f"outage                  {args.outage:.0f} s of 502 on every call")
    print(
        f"reports                 {f['officers']:.0f} filed: lost {f['reports_lost']:.0f}, "
        f"doubled {f['reports_doubled']:.0f}"
    )
    print(
        f"answers                 {f['answers_awaited']:.0f} awaited: lost {f['answers_lost']:.0f}"
    )
    print(
        f"broadcast               {f['delivered']:.0f}/{f['recipients']:.0f} delivered "
        f"({share:.1f} %), {f['outbox_rows']:.0f} outbox rows"
    )
    print(f"duplicates              {f['duplicates']:.0f} (at most {TOO_MANY_DUPLICATES})")
    print(f"finished after outage   {f['after_outage']:.1f} s (within {FINISH_WITHIN:.0f} s)")
    print(f"elapsed                 {f['elapsed']:.1f} s")
    failed = [name for name, ok in checks.items() if not ok]
    print("verdict                 " + ("PASS" if not failed else "FAIL: " + ", ".join(failed)))


if __name__ == "__main__":
    main()
