"""Vietnamese working time: weekends, public holidays (Tết included) and quiet hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    import holidays

SATURDAY = 5
# A bound on the search for a working day; Tết, the longest break, lasts under two weeks.
MAX_DAYS_SEARCHED = 60


@lru_cache(maxsize=1)
def _vietnam_holidays() -> holidays.HolidayBase:
    """Vietnam's public holidays; further years are filled in when first asked about."""
    # Imported here: a few MB the bot needs only once reminders are computed.
    import holidays

    return holidays.country_holidays("VN")


def holiday_name(day: date) -> str | None:
    """The public holiday on this day, or None."""
    name = _vietnam_holidays().get(day)
    return None if name is None else str(name)


@dataclass(frozen=True)
class WorkingTime:
    """When the ward's people may be sent a notice: working days, outside quiet hours."""

    zone: ZoneInfo
    quiet_start: time
    quiet_end: time

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < SATURDAY and holiday_name(day) is None

    def is_quiet(self, moment: time) -> bool:
        """Whether a local time of day falls in the quiet hours (which may span midnight)."""
        start, end = self.quiet_start, self.quiet_end
        if start == end:
            return False
        if start < end:
            return start <= moment < end
        return moment >= start or moment < end

    def is_allowed(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone)
        return self.is_working_day(local.date()) and not self.is_quiet(local.time())

    def local(self, day: date, at: time) -> datetime:
        return datetime.combine(day, at, tzinfo=self.zone)

    def next_allowed(self, moment: datetime) -> datetime:
        """The moment itself if a notice may go then, otherwise the first moment after it."""
        local = moment.astimezone(self.zone)
        for _ in range(MAX_DAYS_SEARCHED * 2):
            if not self.is_working_day(local.date()):
                local = self.local(self.next_working_day(local.date()), time(0))
            elif self.is_quiet(local.time()):
                end = self.local(local.date(), self.quiet_end)
                local = end if end > local else self.local(local.date() + timedelta(1), time(0))
            else:
                return local
        raise ValueError(f"no working time within {MAX_DAYS_SEARCHED} days of {moment}")

    def shifted(self, moment: datetime) -> datetime:
        """A planned notice moved off a day off to the same time of the next working day,
        then out of the quiet hours."""
        local = moment.astimezone(self.zone)
        day = local.date()
        if not self.is_working_day(day):
            day = self.next_working_day(day)
        return self.next_allowed(self.local(day, local.time().replace(tzinfo=None)))

    def next_working_day(self, day: date) -> date:
        """The first working day after this one."""
        return self._step(day, 1)

    def previous_working_day(self, day: date) -> date:
        """The last working day before this one."""
        return self._step(day, -1)

    def _step(self, day: date, direction: int) -> date:
        for offset in range(1, MAX_DAYS_SEARCHED + 1):
            candidate = day + timedelta(days=offset * direction)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"no working day within {MAX_DAYS_SEARCHED} days of {day}")
