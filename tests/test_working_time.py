"""Working time and the schedule: weekends, Vietnamese holidays and quiet hours move notices."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from handlers.campaign.file import DEFAULT_CAMPAIGN_FILE, Campaign, load_campaign
from handlers.campaign.reminder_rules import ReminderRule
from handlers.campaign.working_time import WorkingTime, holiday_name
from handlers.reminders.schedule import Schedule, last_day

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
WORKING = WorkingTime(ZONE, quiet_start=time(21), quiet_end=time(7))


def at(day: date, hour: int = 8, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign(DEFAULT_CAMPAIGN_FILE)


def with_rules(campaign: Campaign, starts: date, *rules: ReminderRule) -> Campaign:
    reminders = campaign.reminders.model_copy(update={"starts": starts, "rules": rules})
    return campaign.model_copy(update={"reminders": reminders})


def rule(**fields: object) -> ReminderRule:
    base: dict[str, object] = {
        "code": "probe",
        "at": time(8),
        "audience": "officers_without_report",
        "text": "{missing}",
    }
    return ReminderRule.model_validate({**base, **fields})


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 11, 20), True),  # a Friday
        (date(2026, 11, 21), False),  # Saturday
        (date(2026, 11, 22), False),  # Sunday
        (date(2026, 9, 2), False),  # Quốc khánh
        (date(2026, 9, 1), False),  # the day joined to Quốc khánh
        (date(2026, 2, 17), False),  # Mùng 1 Tết Bính Ngọ
        (date(2026, 4, 30), False),  # Reunification Day
        (date(2026, 9, 3), True),
    ],
)
def test_working_days(day: date, working: bool) -> None:
    assert WORKING.is_working_day(day) is working


def test_holidays_come_from_the_holidays_package() -> None:
    assert holiday_name(date(2026, 9, 2)) is not None
    assert holiday_name(date(2027, 2, 6)) is not None  # Tết 2027, a year never asked before
    assert holiday_name(date(2026, 9, 3)) is None


@pytest.mark.parametrize(
    ("planned", "expected"),
    [
        # Allowed as it is.
        (at(date(2026, 11, 17), 12), at(date(2026, 11, 17), 12)),
        (at(date(2026, 11, 17), 20, 59), at(date(2026, 11, 17), 20, 59)),
        # Quiet hours end at 07:00, the same night or the next morning.
        (at(date(2026, 11, 17), 21), at(date(2026, 11, 18), 7)),
        (at(date(2026, 11, 17), 6, 30), at(date(2026, 11, 17), 7)),
        # Friday night waits for Monday morning.
        (at(date(2026, 11, 20), 22), at(date(2026, 11, 23), 7)),
        # Tết 2026 (16–20/02 off, then the weekend): the next working morning is 23/02.
        (at(date(2026, 2, 16), 9), at(date(2026, 2, 23), 7)),
    ],
)
def test_next_allowed(planned: datetime, expected: datetime) -> None:
    assert WORKING.next_allowed(planned) == expected
    assert WORKING.is_allowed(expected)


@pytest.mark.parametrize(
    ("planned", "expected"),
    [
        # Quốc khánh (Wednesday 2/9/2026, with 31/8 and 1/9 off): the next working morning.
        (at(date(2026, 9, 2)), at(date(2026, 9, 3))),
        # A Sunday: Monday, same time.
        (at(date(2026, 11, 22)), at(date(2026, 11, 23))),
        # In quiet hours on a working day: the end of the quiet hours.
        (at(date(2026, 11, 17), 22), at(date(2026, 11, 18), 7)),
        # A holiday evening in quiet hours: the next working day's time is quiet too.
        (at(date(2026, 9, 2), 23), at(date(2026, 9, 4), 7)),
    ],
)
def test_shifted_keeps_the_time_on_the_next_working_day(
    planned: datetime, expected: datetime
) -> None:
    assert WORKING.shifted(planned) == expected


def test_quiet_hours_within_one_day_and_none() -> None:
    lunch = WorkingTime(ZONE, quiet_start=time(12), quiet_end=time(13, 30))
    assert lunch.next_allowed(at(date(2026, 11, 17), 12, 15)) == at(date(2026, 11, 17), 13, 30)
    assert lunch.is_allowed(at(date(2026, 11, 17), 23))
    never = WorkingTime(ZONE, quiet_start=time(0), quiet_end=time(0))
    assert never.is_allowed(at(date(2026, 11, 17), 3))
    assert not never.is_allowed(at(date(2026, 11, 21), 10))


def test_last_day_of_trước_25_11_is_24_11(campaign: Campaign) -> None:
    assert last_day(campaign.deadline.at, WORKING) == date(2026, 11, 24)
    evening = datetime(2026, 11, 25, 17, tzinfo=ZONE)
    assert last_day(evening, WORKING) == date(2026, 11, 25)


def _local(schedule: Schedule, code: str) -> list[datetime]:
    return [o.at.astimezone(ZONE) for o in schedule.occurrences if o.rule.code == code]


def test_shipped_schedule_around_the_deadline(campaign: Campaign) -> None:
    """14, 7, 3, 1 and 0 days before 24/11/2026, then working days after it.

    21/11 is a Saturday (→ Monday 23/11); 24/11 is a holiday (Ngày Văn hóa Việt Nam), and the
    next working morning, 25/11, is past the deadline, so the last day's notice comes on
    Monday 23/11 too: the three are one notice.
    """
    schedule = Schedule.build(campaign, campaign.deadline.at, WORKING)
    assert holiday_name(date(2026, 11, 24)) is not None
    assert _local(schedule, "report_due") == [
        at(date(2026, 11, 10)),
        at(date(2026, 11, 17)),
        at(date(2026, 11, 23)),
    ]
    assert _local(schedule, "report_overdue") == [
        at(date(2026, 11, 25)),
        at(date(2026, 11, 26)),
        at(date(2026, 11, 27)),
    ]
    assert _local(schedule, "head_overdue") == [at(date(2026, 11, 25)), at(date(2026, 11, 27))]
    assert _local(schedule, "secretariat_after_deadline") == [at(date(2026, 11, 25))]
    fridays = _local(schedule, "secretariat_weekly")
    assert fridays[0] == at(date(2026, 10, 2), 16)
    assert fridays[-1] == at(date(2026, 12, 4), 16)
    assert {d.weekday() for d in fridays} == {4}
    mondays = _local(schedule, "head_weekly")
    assert (mondays[0], mondays[-1]) == (at(date(2026, 10, 5)), at(date(2026, 12, 7)))
    assert all(o.at.tzinfo == UTC for o in schedule.occurrences)
    assert list(schedule.occurrences) == sorted(schedule.occurrences, key=lambda o: o.at)


def test_weekly_rule_on_quoc_khanh_moves_to_the_next_working_morning(campaign: Campaign) -> None:
    wednesday = rule(kind="weekly", weekday="wednesday")
    schedule = Schedule.build(
        with_rules(campaign, date(2026, 8, 31), wednesday), campaign.deadline.at, WORKING
    )
    first, second = _local(schedule, "probe")[:2]
    assert (first, second) == (at(date(2026, 9, 3)), at(date(2026, 9, 9)))


def test_rule_in_quiet_hours_moves_to_their_end(campaign: Campaign) -> None:
    late = rule(kind="after_deadline", days=(1,), at=time(22, 30))
    schedule = Schedule.build(
        with_rules(campaign, date(2026, 10, 1), late), campaign.deadline.at, WORKING
    )
    assert _local(schedule, "probe") == [at(date(2026, 11, 26), 7)]


def test_weekend_deadline_before_rules_come_on_the_friday(campaign: Campaign) -> None:
    """Due "trước 30/11/2026" (a Monday): the last day is Sunday 29/11. Its notice would move to
    Monday 08:00, past the deadline, so it comes on Friday 27/11 instead."""
    deadline = datetime(2026, 11, 30, tzinfo=ZONE)
    before = rule(kind="before_deadline", days=(1, 0))
    schedule = Schedule.build(with_rules(campaign, date(2026, 10, 1), before), deadline, WORKING)
    assert _local(schedule, "probe") == [at(date(2026, 11, 27))]


def test_nothing_before_the_start(campaign: Campaign) -> None:
    weekly = rule(kind="weekly", weekday="monday")
    starts = date(2026, 11, 10)
    schedule = Schedule.build(with_rules(campaign, starts, weekly), campaign.deadline.at, WORKING)
    moments = _local(schedule, "probe")
    assert moments[0] == at(date(2026, 11, 16))
    # The end: 14 days after the last day (24/11) → the last Monday is 07/12.
    assert moments[-1] == at(date(2026, 12, 7))
    assert schedule.start == datetime(2026, 11, 10, tzinfo=ZONE)
    assert not list(schedule.due(schedule.start - timedelta(seconds=1)))
