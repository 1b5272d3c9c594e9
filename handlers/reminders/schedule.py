"""When reminder rules fall due: every occurrence, from the rules, the deadline in force and
working time. A pure function of its inputs; the deadline is read once by the caller."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from handlers.campaign.file import Campaign
from handlers.campaign.reminder_rules import WEEKDAYS, ReminderRule
from handlers.campaign.working_time import MAX_DAYS_SEARCHED, WorkingTime


@dataclass(frozen=True)
class Occurrence:
    """One firing of a rule, at the moment it is due (UTC); the pair identifies it."""

    rule: ReminderRule
    at: datetime


def last_day(deadline: datetime, working: WorkingTime) -> date:
    """The last local day on which something is still on time ("trước 25/11" → 24/11)."""
    return (deadline - timedelta(microseconds=1)).astimezone(working.zone).date()


@dataclass(frozen=True)
class Schedule:
    """Every occurrence of the campaign's rules for one deadline, in time order."""

    deadline: datetime
    working: WorkingTime
    start: datetime
    occurrences: tuple[Occurrence, ...]

    @classmethod
    def build(cls, campaign: Campaign, deadline: datetime, working: WorkingTime) -> Schedule:
        reminders = campaign.reminders
        start = working.local(reminders.starts, time(0)).astimezone(UTC)
        end_day = last_day(deadline, working) + timedelta(days=reminders.ends_days_after_deadline)
        end = working.local(end_day + timedelta(days=1), time(0))
        found = {
            Occurrence(rule, moment.astimezone(UTC))
            for rule in reminders.rules
            for moment in _moments(rule, deadline, working, start, end)
            if moment >= start
        }
        ordered = sorted(found, key=lambda o: (o.at, o.rule.code))
        return cls(deadline=deadline, working=working, start=start, occurrences=tuple(ordered))

    def due(self, now: datetime) -> Iterator[Occurrence]:
        return (o for o in self.occurrences if o.at <= now)

    def upcoming(self, now: datetime) -> Iterator[Occurrence]:
        return (o for o in self.occurrences if o.at > now)


def _moments(
    rule: ReminderRule, deadline: datetime, working: WorkingTime, start: datetime, end: datetime
) -> Iterator[datetime]:
    if rule.kind == "before_deadline":
        return _before(rule, deadline, working)
    if rule.kind == "after_deadline":
        return _after(rule, deadline, working)
    return _weekly(rule, working, start, end)


def _before(rule: ReminderRule, deadline: datetime, working: WorkingTime) -> Iterator[datetime]:
    """Days before the last day; one moved past the deadline comes before it instead."""
    last = last_day(deadline, working)
    for days in rule.days:
        moment = working.shifted(working.local(last - timedelta(days=days), rule.at))
        if moment < deadline:
            yield moment
            continue
        final = _last_chance(rule.at, deadline, working)
        if final is not None:
            yield final


def _last_chance(at: time, deadline: datetime, working: WorkingTime) -> datetime | None:
    """The rule's time on the last working day whose notice still comes before the deadline."""
    day = last_day(deadline, working) + timedelta(days=1)
    for _ in range(MAX_DAYS_SEARCHED):
        day = working.previous_working_day(day)
        moment = working.next_allowed(working.local(day, at))
        if moment < deadline:
            return moment
    return None


def _after(rule: ReminderRule, deadline: datetime, working: WorkingTime) -> Iterator[datetime]:
    """The n-th working days after the last day, at the rule's time."""
    day = last_day(deadline, working)
    for number in range(1, max(rule.days) + 1):
        day = working.next_working_day(day)
        if number in rule.days:
            yield working.next_allowed(working.local(day, rule.at))


def _weekly(
    rule: ReminderRule, working: WorkingTime, start: datetime, end: datetime
) -> Iterator[datetime]:
    """Each week's weekday from the start to the end, moved off days off."""
    assert rule.weekday is not None
    first = start.astimezone(working.zone).date()
    day = first + timedelta(days=(WEEKDAYS.index(rule.weekday) - first.weekday()) % 7)
    while (planned := working.local(day, rule.at)) < end:
        yield working.shifted(planned)
        day += timedelta(days=7)
