"""The APScheduler wiring only ticks; the reminder settings; `python -m bot notices`."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest
from apscheduler.triggers.interval import IntervalTrigger  # type: ignore[import-untyped]
from sqlmodel import Session, col, select, update

from bot import __main__ as cli
from bot.core import Core
from bot.scheduler import JOB_ID, TICK, build_scheduler, fire_reminders, start_reminders
from bot.settings import Settings, SettingsError
from handlers.campaign.file import DEFAULT_CAMPAIGN_FILE, load_campaign
from handlers.reminders.firing import ReminderConfig
from storage.models import Outbox
from tests.conftest import FakeClock
from tests.test_reminders import CONFIG, ZONE, bind, local, received, rows


def test_the_job_ticks_every_minute_and_fires_the_core(core: Core, clock: FakeClock) -> None:
    scheduler = build_scheduler(core, CONFIG)
    (job,) = scheduler.get_jobs()
    assert job.id == JOB_ID
    assert isinstance(job.trigger, IntervalTrigger)
    assert job.trigger.interval == TICK == timedelta(minutes=1)
    assert (job.max_instances, job.coalesce) == (1, True)
    assert job.func is fire_reminders and job.args == (core, CONFIG)

    bind(core, "VP04")
    clock.now = local(11, 10, 8, 1)
    fired = job.func(*job.args)
    assert "report_due" in {f.rule for f in fired}
    assert received(core, "report_due") == {local(11, 10, 8, 1).astimezone(ZONE): ["VP04"]}
    # The same tick again (a double firing) adds nothing.
    assert job.func(*job.args) == []
    assert len(rows(core)) == 1


def test_start_and_stop(core: Core, settings: Settings) -> None:
    scheduler = start_reminders(core, settings)
    try:
        assert scheduler.running
        assert scheduler.get_job(JOB_ID) is not None
    finally:
        scheduler.shutdown()
    assert not scheduler.running


def test_reminder_settings(tmp_path: Path) -> None:
    default = Settings.from_env({"DATA_DIR": str(tmp_path)}).reminder_config()
    assert default == ReminderConfig(time(21), time(7), timedelta(hours=24))
    custom = Settings.from_env(
        {"QUIET_HOURS_START": "22:30", "QUIET_HOURS_END": "6:00", "REMINDER_GRACE_HOURS": "6"}
    ).reminder_config()
    assert custom == ReminderConfig(time(22, 30), time(6), timedelta(hours=6))


@pytest.mark.parametrize(
    ("name", "value"), [("QUIET_HOURS_START", "25:00"), ("QUIET_HOURS_END", "7h")]
)
def test_bad_quiet_hours_name_the_setting(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=f"{name} must be a time of day as HH:MM"):
        Settings.from_env({name: value})


def test_notices_command(
    core: Core,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Coming notices with their audience sizes; recent ones with their delivery state."""
    bind(core, "VP04", "VP02", "PVHCC01")
    clock.now = local(11, 10, 8, 5)  # Monday's 08:00 digest is now just over a day old
    fire_reminders(core, CONFIG)
    with Session(core.engine) as session:
        first = session.exec(select(Outbox.id).order_by(col(Outbox.id))).first()
        session.exec(update(Outbox).where(col(Outbox.id) == first).values(status="sent"))
        session.commit()
    clock.now = local(11, 12, 9)
    monkeypatch.setattr(cli.Core, "from_settings", classmethod(lambda _cls, _settings: core))
    monkeypatch.setattr(cli, "load_dotenv", lambda: None)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    assert cli.main(["notices"]) == 0
    out = capsys.readouterr().out
    upcoming, recent = out.split("Gần đây:")
    assert "Nhắc việc theo hạn nộp trước 25/11/2026 (bây giờ là Thứ Năm 12/11/2026 09:00" in out
    assert (
        "• Thứ Sáu 13/11/2026 16:00 — Tổng hợp hằng tuần: thường trực thi đua (tổng hợp); "
        "0 người nhận (và 1 người chưa liên kết tài khoản chat nên không nhận được)" in upcoming
    )
    # 17 active officers, 3 of them bound: 3 receive, 14 cannot be reached.
    assert (
        "• Thứ Ba 17/11/2026 08:00 — Nhắc trước hạn: cán bộ chưa gửi báo cáo; "
        "3 người nhận (và 14 người" in upcoming
    )
    assert upcoming.count("\n• ") == 10
    assert (
        "• Thứ Ba 10/11/2026 08:00 — Nhắc trước hạn — cán bộ chưa gửi báo cáo: "
        "đã gửi, 3 người nhận; "
        "tin nhắn: chờ gửi 2, đã gửi 1" in recent
    )
    assert (
        "• Thứ Hai 09/11/2026 08:00 — Tổng hợp hằng tuần — thủ trưởng còn báo cáo chờ xác nhận "
        "hoặc hồ sơ chưa gửi: bỏ qua vì đã quá thời gian gửi bù, "
        "0 người nhận; tin nhắn: không có" in recent
    )
    # The bot's own rule names are for the campaign file, not for the people reading this.
    codes = {rule.code for rule in load_campaign(DEFAULT_CAMPAIGN_FILE).reminders.rules}
    assert not [code for code in codes if code in out]
