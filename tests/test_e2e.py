"""End to end: the real `python -m bot run` process against the fake Telegram Bot API.

The test plays one officer over HTTP: binds with an invite from the command line, files a
report with a PDF and a photo, starts a second one, has the bot killed (SIGKILL) halfway, with
its last update handled but not yet confirmed to the Bot API, restarts it, checks that the
redelivered update is not handled twice, finishes the second report from where it stood, then
reads the database and the evidence folder the process wrote.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlmodel import Session, create_engine, select

from handlers.engine.menu import entries_for
from storage.models import (
    AuditEntry,
    ChatIdentity,
    Evidence,
    Officer,
    Report,
    Role,
    StoredFile,
)
from tests.fakes.telegram_api import FakeTelegramAPI

pytestmark = pytest.mark.e2e

REPO_ROOT = Path(__file__).resolve().parent.parent
ROSTER = REPO_ROOT / "seed" / "demo-roster.csv"
OFFICER = "PVHCC03"
USER = 700_003
# Starting the process (imports, migrations, getMe, setMyCommands) takes a couple of seconds;
# a loaded CI machine gets generous bounds, which only matter when something is broken.
START_TIMEOUT = 60.0
REPLY_TIMEOUT = 15.0
STOP_TIMEOUT = 20.0
CLI_TIMEOUT = 60.0

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SECOND_PDF = b"%PDF-1.4\n% ke hoach so 2\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes(colour: str = "green") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 12), colour).save(out, format="PNG")
    return out.getvalue()


class BotProcess:
    """`python -m bot run` as a child process; every run appends its output to one log."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env = env
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert self.process is None or self.process.poll() is not None, "already running"
        with self.log_path.open("ab") as log:
            log.write(b"\n===== python -m bot run =====\n")
            log.flush()
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=REPO_ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> int:
        """SIGKILL: no cleanup, no last getUpdates, no commit of anything in flight."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        return self.process.wait(timeout=STOP_TIMEOUT)

    def terminate(self) -> int:
        """SIGTERM, as a service manager stops the bot; PTB shuts down cleanly."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=STOP_TIMEOUT)

    def ensure_dead(self) -> None:
        if self.alive():
            assert self.process is not None
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT)

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return "(no output)"


class Player:
    """One user of the fake, who waits for the bot's answer before saying the next thing."""

    def __init__(self, fake: FakeTelegramAPI, bot: BotProcess, user_id: int) -> None:
        self.fake, self.bot, self.user_id = fake, bot, user_id

    def _turn(self, act: Callable[[], Any], expect: str, what: str) -> str:
        before = len(self.fake.sent(self.user_id))
        act()
        try:
            records = self.fake.wait_for_messages(self.user_id, before + 1, REPLY_TIMEOUT)
        except AssertionError as error:
            raise AssertionError(f"{what}: {error}\n--- bot output ---\n{self.bot.log()}") from None
        answer = records[before]["text"] or ""
        assert expect in answer, (
            f"{what}: expected {expect!r} in the answer, got:\n{answer}\n"
            f"--- bot output ---\n{self.bot.log()}"
        )
        return answer

    def send(self, text: str, expect: str) -> str:
        return self._turn(lambda: self.fake.push_text(self.user_id, text, "Oanh"), expect, text)

    def press(self, label: str, expect: str) -> str:
        return self._turn(lambda: self.fake.click(self.user_id, label), expect, f"[{label}]")

    def upload(self, name: str, data: bytes, expect: str) -> str:
        return self._turn(
            lambda: self.fake.push_document(self.user_id, name, data, "application/pdf"),
            expect,
            f"<{name}>",
        )

    def photo(self, data: bytes, expect: str) -> str:
        return self._turn(lambda: self.fake.push_photo(self.user_id, data), expect, "<photo>")


def wait_for_fresh_poll(fake: FakeTelegramAPI, bot: BotProcess, calls_before: int) -> None:
    """Wait for a getUpdates made after calls_before, then until it idles with nothing pending.

    A killed process's long poll may still be counted as waiting for a moment, so
    wait_until_polled alone could return before the new process has asked for anything.
    """

    def new_poll() -> bool:
        return any(name == "getUpdates" for name, _ in fake.state.calls()[calls_before:])

    if not fake.state.wait_for(new_poll, START_TIMEOUT) or not bot.alive():
        raise AssertionError(
            f"the bot did not poll within {START_TIMEOUT}s (alive: {bot.alive()})\n"
            f"--- bot output ---\n{bot.log()}"
        )
    try:
        fake.wait_until_polled(timeout=START_TIMEOUT)
    except AssertionError as error:
        raise AssertionError(f"{error}\n--- bot output ---\n{bot.log()}") from None


def count_calls(fake: FakeTelegramAPI, method: str) -> int:
    return sum(1 for name, _ in fake.state.calls() if name == method)


def wait_for_calls(fake: FakeTelegramAPI, bot: BotProcess, method: str, count: int) -> None:
    if not fake.state.wait_for(lambda: count_calls(fake, method) >= count, REPLY_TIMEOUT):
        raise AssertionError(
            f"expected {count} {method} call(s) within {REPLY_TIMEOUT}s, "
            f"got {count_calls(fake, method)}\n--- bot output ---\n{bot.log()}"
        )


def run_cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, (
        f"python -m bot {' '.join(args)} exited {done.returncode}\n"
        f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    )
    return done.stdout


@pytest.fixture
def fake() -> Iterator[FakeTelegramAPI]:
    with FakeTelegramAPI() as api:
        yield api


def bot_environment(fake: FakeTelegramAPI, data_dir: Path, database_url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "DATABASE_", "DATA_DIR", "FLOOD_", "BIND_"))
    }
    env.update(
        {
            "TELEGRAM_BOT_TOKEN": fake.token,
            "TELEGRAM_API_BASE_URL": fake.base_url,
            "TELEGRAM_FILE_BASE_URL": fake.file_base_url,
            "TELEGRAM_BOT_USERNAME": fake.bot_username,
            "DATA_DIR": str(data_dir),
            "DATABASE_URL": database_url,
            # Every setting is given, so a developer's .env (load_dotenv) cannot change the run.
            "CAMPAIGN_FILE": "",
            "TIMEZONE": "Asia/Ho_Chi_Minh",
            "MAX_FILE_MB": "20",
            "INVITE_TTL_DAYS": "7",
            "BIND_MAX_FAILURES": "5",
            "BIND_WINDOW_MINUTES": "15",
            "FLOOD_MAX_MESSAGES": "30",
            "FLOOD_WINDOW_SECONDS": "30",
            "LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def test_bot_process_binds_reports_survives_a_kill_and_stores_everything(
    fake: FakeTelegramAPI, database_url: str, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    env = bot_environment(fake, data_dir, database_url)

    imported = run_cli(env, "import-roster", str(ROSTER))
    assert "1 dòng lỗi" not in imported and "cán bộ mới" in imported, imported
    invited = run_cli(env, "invite", OFFICER)
    link = re.search(rf"https://t\.me/{fake.bot_username}\?start=([A-Z0-9]+)", invited)
    assert link is not None, invited
    code = link.group(1)

    bot = BotProcess(env, tmp_path / "bot.log")
    oanh = Player(fake, bot, USER)
    photo = png_bytes()
    try:
        bot.start()
        wait_for_fresh_poll(fake, bot, 0)
        assert "baocao" in [c["command"] for c in fake.commands], fake.commands

        oanh.send(f"/start {code}", expect="Bạn đã liên kết tài khoản thành công")
        # Her chat's "/" menu now holds her role's commands (set right after the welcome).
        wait_for_calls(fake, bot, "setMyCommands", 2)
        chat_menu = fake.commands_for({"type": "chat", "chat_id": USER})
        assert [c["command"] for c in chat_menu] == [e.name for e in entries_for(Role.OFFICER)]

        # --- the first report: a PDF and a photo, then sent ---------------------------------
        oanh.send("/baocao", expect="thuộc tiêu chí thi đua nào")
        oanh.press("e) Theo dõi hồ sơ TTHC 100%", expect="sáng kiến, giải pháp hoặc cách làm mới")
        oanh.press("Có", expect="tên ngắn gọn")
        oanh.send("Theo dõi trực tuyến hồ sơ một cửa", expect="Mô tả việc đã làm")
        oanh.send("Cập nhật trạng thái hồ sơ lên hệ thống hằng ngày", expect="Thời gian")
        oanh.send("Quý III/2026", expect="Kết quả đạt được")
        oanh.send("Không còn hồ sơ quá hạn", expect="chỉ tiêu 100%")
        oanh.send("98% hồ sơ đúng hạn", expect="Gửi minh chứng")
        oanh.upload("bao-cao.pdf", PDF, expect="Đã nhận «bao-cao.pdf»")
        oanh.photo(photo, expect="Đã nhận «anh-")
        oanh.press("Xong", expect="Xem lại báo cáo trước khi gửi")
        oanh.press("✅ Gửi", expect="Đã gửi báo cáo số")

        # --- the second report: halfway, then the process is killed -------------------------
        oanh.send("/baocao", expect="thuộc tiêu chí thi đua nào")
        oanh.press("a) Chỉ số CCHC", expect="sáng kiến")
        oanh.press("Không", expect="tên ngắn gọn")
        # The getUpdates that would confirm the title's update fails, so the process is
        # killed with that update handled but not confirmed: Telegram hands it out again.
        fake.wait_until_polled(timeout=REPLY_TIMEOUT)
        polls = count_calls(fake, "getUpdates")
        fake.fail_next("getUpdates", status=500)
        oanh.send("Rút ngắn thời gian trả kết quả hộ tịch", expect="Mô tả việc đã làm")
        wait_for_calls(fake, bot, "getUpdates", polls + 1)
        assert bot.kill() == -signal.SIGKILL
        unconfirmed = fake.state.polling_snapshot()[2]
        assert unconfirmed == 1, f"{unconfirmed} unconfirmed update(s) at the kill\n{bot.log()}"
        answers_before_restart = len(fake.sent(USER))

        calls_before_restart = len(fake.state.calls())
        bot.start()
        wait_for_fresh_poll(fake, bot, calls_before_restart)
        # The redelivered title was handled before the kill: it is not taken a second time
        # (it would become the description, and be answered with the next question); the
        # answer kept with it is sent again, in case the kill had cut it off.
        answered_before = [r["text"] for r in fake.sent(USER)[:answers_before_restart]]
        redelivered = [r["text"] for r in fake.sent(USER)[answers_before_restart:]]
        assert redelivered == answered_before[-1:], f"the redelivery got {redelivered}"

        # The next answer continues the dialog: the draft survived the kill.
        oanh.send("Trả kết quả hộ tịch trong ngày qua dịch vụ công", expect="Thời gian")
        oanh.send("Tháng 10/2026", expect="Kết quả đạt được")
        # Criterion a) has no figure, so the evidence step comes next.
        oanh.send("100% hồ sơ trả đúng hẹn", expect="Gửi minh chứng")
        oanh.upload("ket-qua.pdf", SECOND_PDF, expect="Đã nhận «ket-qua.pdf»")
        oanh.send("https://dichvucong.gov.vn/ho-so/123", expect="Đã nhận đường liên kết")
        summary = oanh.press("Xong", expect="Xem lại báo cáo trước khi gửi")
        assert "Rút ngắn thời gian trả kết quả hộ tịch" in summary
        oanh.press("✅ Gửi", expect="Đã gửi báo cáo số")
        oanh.send("/cuatoi", expect="Báo cáo của bạn (2)")

        fake.wait_until_polled(timeout=REPLY_TIMEOUT)
        returncode = bot.terminate()
        assert returncode == 0, f"SIGTERM exit code {returncode}\n{bot.log()}"
    finally:
        bot.ensure_dead()

    log = bot.log()
    assert "Traceback" not in log, log
    texts = [record["text"] or "" for record in fake.sent(USER)]
    assert not any("hệ thống gặp lỗi" in text for text in texts), texts

    # --- what the process left in the database ----------------------------------------------
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            officer = session.exec(select(Officer).where(Officer.code == OFFICER)).one()
            identity = session.exec(select(ChatIdentity)).one()
            reports = session.exec(select(Report).order_by(Report.id)).all()  # type: ignore[arg-type]
            evidence = session.exec(select(Evidence).order_by(Evidence.id)).all()  # type: ignore[arg-type]
            stored = session.exec(select(StoredFile)).all()
            audit = session.exec(select(AuditEntry)).all()
    finally:
        engine.dispose()

    assert (identity.platform_user_id, identity.officer_id) == (str(USER), officer.id)
    assert [(r.status, r.officer_id, r.criterion_code) for r in reports] == [
        ("sent", officer.id, "e"),
        ("sent", officer.id, "a"),
    ]
    first, second = reports
    assert (first.title, first.figure, first.is_initiative) == (
        "Theo dõi trực tuyến hồ sơ một cửa",
        "98% hồ sơ đúng hạn",
        True,
    )
    assert (second.title, second.description, second.figure, second.is_initiative) == (
        "Rút ngắn thời gian trả kết quả hộ tịch",
        "Trả kết quả hộ tịch trong ngày qua dịch vụ công",
        "",
        False,
    )

    sha = {
        name: _sha256(data) for name, data in [("pdf", PDF), ("png", photo), ("pdf2", SECOND_PDF)]
    }
    by_report = {
        report.id: sorted(
            (e.kind, e.file_sha256, e.url) for e in evidence if e.report_id == report.id
        )
        for report in reports
    }
    assert by_report == {
        first.id: sorted([("file", sha["pdf"], ""), ("photo", sha["png"], "")]),
        second.id: sorted(
            [("file", sha["pdf2"], ""), ("link", None, "https://dichvucong.gov.vn/ho-so/123")]
        ),
    }
    assert all(e.uploaded_by == officer.id for e in evidence)
    assert sorted((s.sha256, s.mime_type, s.size) for s in stored) == sorted(
        [
            (sha["pdf"], "application/pdf", len(PDF)),
            (sha["png"], "image/png", len(photo)),
            (sha["pdf2"], "application/pdf", len(SECOND_PDF)),
        ]
    )

    actions = sorted(entry.action for entry in audit)
    assert actions.count("report.submit") == 2, actions
    assert actions.count("identity.bind") == 1, actions
    submits = sorted(
        (int(e.entity_id), e.actor_officer_id, e.channel)
        for e in audit
        if e.action == "report.submit"
    )
    assert submits == [(first.id, officer.id, "telegram"), (second.id, officer.id, "telegram")]

    # --- what the process left on disk: each file once, named by its SHA-256 ---------------
    evidence_dir = data_dir / "evidence"
    on_disk = {
        path.name: path.read_bytes()
        for path in evidence_dir.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    }
    assert on_disk == {sha["pdf"]: PDF, sha["png"]: photo, sha["pdf2"]: SECOND_PDF}
    for digest in on_disk:
        assert (evidence_dir / digest[:2] / digest[2:4] / digest).is_file()
    assert not [p for p in evidence_dir.rglob(".incoming-*")], "a temporary file was left behind"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
