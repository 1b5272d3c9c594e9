"""What the simulated users of bench_load.py and bench_zalo.py do, and how their answers are
scored. Users talk to a bot through a Surface: a fake messenger's server (Telegram's here,
Zalo's in load_zalo.py)."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from tests.fakes.telegram_api import FakeTelegramAPI

# A phase of the run stops sending after this long, whatever is left: the run stays bounded.
PHASE_LIMIT_SECONDS = 75.0
PDF_TEMPLATE = b"%%PDF-1.4\n%% %s\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n"


# ----- what one simulated officer does -------------------------------------------------------


# A Telegram user's id, or a Zalo user's.
UserId = int | str
# The evidence a simulated officer sends, named "minh-chung" whatever its kind.
EVIDENCE_NAME = "minh-chung"


@dataclass(frozen=True)
class Action:
    """One message: text, a button press (by label) or an evidence file (its content,
    unique per report); what the answer must say."""

    expect: str
    text: str | None = None
    press: str | None = None
    upload: bytes | None = None


class Surface(Protocol):
    """A fake messenger's server the simulated users talk to the bot through."""

    def perform(self, user_id: UserId, action: Action) -> None:
        """Send the action as the user."""

    def sent_count(self, user_id: UserId) -> int:
        """How many messages the bot sent the user so far."""

    def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Block until the predicate holds (checked whenever the bot sends), or timeout."""

    def calls(self) -> list[str]:
        """The method of every API call the bot made so far, oldest first."""

    def replies(self, user_id: UserId) -> list[tuple[float, str]]:
        """(time.monotonic() when the server got it, text) of each message sent to the user."""


class TelegramSurface:
    """The fake Telegram Bot API: presses are taps on inline buttons, evidence a PDF."""

    def __init__(self, fake: FakeTelegramAPI) -> None:
        self.fake = fake

    def perform(self, user_id: UserId, action: Action) -> None:
        assert isinstance(user_id, int)
        if action.press is not None:
            self.fake.click(user_id, action.press)
        elif action.upload is not None:
            self.fake.push_document(
                user_id, f"{EVIDENCE_NAME}.pdf", action.upload, "application/pdf"
            )
        else:
            self.fake.push_text(user_id, action.text or "", "Cán bộ")

    def sent_count(self, user_id: UserId) -> int:
        return self.fake.state.messages.sent_count(user_id)

    def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:
        return self.fake.state.wait_for(predicate, timeout)

    def calls(self) -> list[str]:
        return [name for name, _ in self.fake.state.calls()]

    def replies(self, user_id: UserId) -> list[tuple[float, str]]:
        times = [
            at
            for at, method, chat_id in self.fake.rate_log
            if method == "sendMessage" and str(chat_id) == str(user_id)
        ]
        assert isinstance(user_id, int)
        texts = [record["text"] or "" for record in self.fake.sent(user_id)]
        return list(zip(times, texts, strict=False))


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
        yield Action(f"Đã nhận «{EVIDENCE_NAME}.", upload=PDF_TEMPLATE % tag.encode())
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
    user_id: UserId
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
    surface: Surface,
    dialogs: dict[UserId, Iterator[Action]],
    messages: int,
    reply_timeout: float,
    think_ms: float = 0.0,
) -> LoadResult:
    """Every user sends `messages` messages, each after the answer to the previous one and,
    when `think_ms` is set, a pause drawn from an exponential distribution with that mean."""
    result = LoadResult()
    lock = threading.Lock()
    barrier = threading.Barrier(len(dialogs) + 1)

    def user(user_id: UserId, dialog: Iterator[Action], seed: int) -> None:
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
            before = surface.sent_count(user_id)
            pushed_at = time.monotonic()
            surface.perform(user_id, action)

            def replied(uid: UserId = user_id, seen: int = before) -> bool:
                return surface.sent_count(uid) > seen

            answered = surface.wait_for(replied, reply_timeout)
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
    first_call = len(surface.calls())
    cpu_before = time.process_time()
    barrier.wait()
    result.started = time.monotonic()
    for thread in threads:
        thread.join(timeout=PHASE_LIMIT_SECONDS + reply_timeout + 5)
    result.harness_cpu = time.process_time() - cpu_before
    result.api_calls = Counter(surface.calls()[first_call:])
    _score(surface, result)
    return result


def _score(surface: Surface, result: LoadResult) -> None:
    """Latencies from the server's own clock; the answers checked against what each turn
    expects."""
    replies = {uid: surface.replies(uid) for uid in {t.user_id for t in result.turns}}
    last = result.started
    for turn in result.turns:
        replied_at, answer = replies[turn.user_id][turn.reply_index]
        result.latencies_ms.append((replied_at - turn.pushed_at) * 1000)
        last = max(last, replied_at)
        if turn.expect not in answer:
            result.wrong.append(
                f"user {turn.user_id}: expected {turn.expect!r}, got {answer[:120]!r}"
            )
    result.finished = last
    for uid, sent in replies.items():
        expected = 1 + max(t.reply_index for t in result.turns if t.user_id == uid)
        if len(sent) != expected:
            result.wrong.append(f"user {uid}: {len(sent)} messages from the bot, {expected} turns")
