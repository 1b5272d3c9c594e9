"""The terminal console: pick a demo user, chat with numbered buttons, send a file by path."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from bot.console import terminal as console_module
from bot.console.logs import HeldWarnings
from bot.console.terminal import PROMPT, Console
from bot.core import Core
from handlers import texts
from handlers.reminders.firing import ReminderConfig
from storage.models import Evidence, Report
from tests.conftest import FakeClock
from tests.test_report_flow import PDF

ROOT = Path(__file__).resolve().parent.parent
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def run_console(core: Core, lines: list[str], tmp_path: Path, officer: str | None) -> str:
    stdout = io.StringIO()
    console = Console(core, io.StringIO("\n".join(lines) + "\n"), stdout, tmp_path / "out")
    assert console.run(officer) == 0
    return stdout.getvalue()


def test_console_files_a_report(core: Core, tmp_path: Path) -> None:
    evidence = tmp_path / "minh chung.pdf"
    evidence.write_bytes(PDF)
    lines = [
        "/baocao",
        "6",
        "2",
        "Tiếp nhận hồ sơ qua mạng",
        "Hướng dẫn người dân nộp trực tuyến",
        "Tháng 9/2026",
        "Không hồ sơ trễ hạn",
        "Bỏ qua",
        f'"{evidence}"',
        "Xong",
        "1",
    ]
    output = run_console(core, lines, tmp_path, "PVHCC03")
    assert "Mai Thị Kim Oanh" in output
    assert "\n1. a) Chỉ số CCHC" in output  # buttons as numbered lines
    assert "\n[Xong] (hoặc gõ đúng tên nút)" in output  # shortcuts on a free-text step
    assert "\n[Xong] | [Xóa bớt minh chứng]" in output  # removal offered once a file is in
    assert "Đã nhận «minh chung.pdf»" in output
    assert "Đã gửi báo cáo số 1" in output
    assert output.rstrip().endswith("Tạm biệt!")
    with Session(core.engine) as session:
        report = session.exec(select(Report)).one()
        evidence_row = session.exec(select(Evidence)).one()
    assert (report.criterion_code, report.figure) == ("e", "")
    assert evidence_row.name == "minh chung.pdf"


def test_console_picks_a_user_by_number(core: Core, tmp_path: Path) -> None:
    output = run_console(core, ["abc", "99", "1", "/trogiup"], tmp_path, None)
    assert "Chọn người dùng thử" in output
    assert output.count("Không có lựa chọn này") == 2
    assert "/baocao" in output


def test_console_unknown_officer(core: Core, tmp_path: Path) -> None:
    stdout = io.StringIO()
    console = Console(core, io.StringIO(""), stdout, tmp_path)
    assert console.run("KHONGCO") == 1
    assert "Không có cán bộ mã KHONGCO" in stdout.getvalue()


class TypedHourly(io.StringIO):
    """The console's input, one line an hour: the clock moves on as each line is read."""

    def __init__(self, lines: list[str], clock: FakeClock) -> None:
        super().__init__("\n".join(lines) + "\n")
        self.clock = clock

    def readline(self, size: int | None = -1, /) -> str:
        self.clock.advance(hours=1)
        return super().readline(size)


def test_the_console_shows_a_reminder_once_it_falls_due(
    core: Core, clock: FakeClock, tmp_path: Path
) -> None:
    """14 days before the last day (10/11/2026), at 08:00 Hà Nội time, officers without a
    report are reminded; the console user sees it with their next line, and only once."""
    clock.now = datetime(2026, 11, 10, 5, 30, tzinfo=ZONE).astimezone(UTC)
    stdout = io.StringIO()
    console = Console(
        core,
        TypedHourly(["/trogiup", "/trogiup", "/trogiup", "/trogiup"], clock),
        stdout,
        tmp_path,
        reminders=ReminderConfig(),
    )
    assert console.run("PVHCC02") == 0
    # What was printed after each line read: lines typed at 06:30, 07:30, 08:30 and 09:30.
    after_each_line = stdout.getvalue().split(PROMPT)[1:]
    reminder = "hãy gửi /baocao để báo cáo thành tích"
    assert [reminder in printed for printed in after_each_line[:4]] == [False, False, True, False]
    assert stdout.getvalue().count("Kính gửi") == 1


def test_main_without_token_lands_on_the_console(tmp_path: Path) -> None:
    """The README's run command with no token: the console, the shipped campaign and roster."""
    env = {"DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "bot"],
        input="4\n/baocao\n/huy\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert texts.NO_TOKEN_FALLBACK in done.stdout
    assert "Phạm Thị Lan" in done.stdout and "Đã hủy «báo cáo thành tích»" in done.stdout
    assert (tmp_path / "data" / "thidua.db").exists()
    # The log is in a file under the data directory, named once; the screen is the chat's.
    log_file = tmp_path / "data" / "console.log"
    assert done.stdout.count(str(log_file)) == 1
    assert "INFO" not in done.stdout and "INFO" not in done.stderr
    assert "INFO" in log_file.read_text(encoding="utf-8")


def test_run_without_token_names_the_setting(tmp_path: Path) -> None:
    env = {
        "DATA_DIR": str(tmp_path / "data"),
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "ZALO_BOT_TOKEN" in done.stderr and "TELEGRAM_BOT_TOKEN" in done.stderr
    assert "python -m bot console" in done.stderr


def test_a_failing_reminder_tick_does_not_end_the_chat(
    core: Core, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_core: Core, _config: ReminderConfig) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(console_module, "fire_reminders", broken)
    stdout = io.StringIO()
    console = Console(core, io.StringIO("/trogiup\n"), stdout, tmp_path, reminders=ReminderConfig())
    assert console.run("PVHCC02") == 0
    assert "/baocao" in stdout.getvalue() and stdout.getvalue().rstrip().endswith("Tạm biệt!")
    assert "reminders could not be fired" in caplog.text


def test_an_absolute_path_naming_a_file_is_a_file_not_a_command(core: Core, tmp_path: Path) -> None:
    evidence = tmp_path / "ke-hoach.pdf"
    evidence.write_bytes(PDF)
    output = run_console(core, [str(evidence), "/khongco/tep.pdf"], tmp_path, "PVHCC03")
    assert str(evidence).startswith("/")
    replies = output.split(PROMPT)
    assert "đã nhận tệp" in replies[1] and "không có" not in replies[1]
    # A path to no file stays text: a command the bot does not know.
    assert "Lệnh /khongco/tep.pdf không có" in replies[2]


def test_warnings_are_printed_after_the_chat_line(
    core: Core, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_core: Core, _config: ReminderConfig) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(console_module, "fire_reminders", broken)
    held = HeldWarnings()
    logging.getLogger().addHandler(held)
    try:
        stdout = io.StringIO()
        console = Console(
            core,
            io.StringIO("/trogiup\n"),
            stdout,
            tmp_path,
            reminders=ReminderConfig(),
            warnings=held,
        )
        assert console.run("PVHCC02") == 0
    finally:
        logging.getLogger().removeHandler(held)
    after_line = stdout.getvalue().split(PROMPT)[1]
    help_at, warning_at = after_line.index("/baocao"), after_line.index("reminders could not")
    assert help_at < warning_at and "ERROR" in after_line
