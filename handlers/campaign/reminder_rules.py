"""The campaign file's reminder schedule: the rules, whom they reach and the texts they send."""

import string
from datetime import date, time
from typing import Annotated, Final, Literal

from pydantic import Field, model_validator

from handlers.campaign.errors import FieldProblems, Loc
from handlers.campaign.sections import CampaignModel, Code, Text

__all__ = [
    "REMINDER_PLACEHOLDERS",
    "WEEKDAYS",
    "Audience",
    "ReminderRule",
    "Reminders",
    "Weekday",
]

Audience = Literal[
    "officers_without_report",
    "officers_with_returned_report",
    "heads_with_pending_work",
    "heads_of_missing_officers",
    "secretariat_summary",
    "secretariat_missing_units",
]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: Final[tuple[Weekday, ...]] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
# What a reminder text may fill in; {missing} (what exactly is still to do) is required.
REMINDER_PLACEHOLDERS: Final = frozenset({"name", "unit", "deadline", "time_left", "missing"})


class ReminderRule(CampaignModel):
    """One reminder rule: when it fires, whom it reaches and what it says.

    before_deadline: `days` are calendar days before the last day to submit (0 = that day);
    after_deadline: `days` are working days after it (1 = the first); weekly: on `weekday`.
    """

    code: Code
    kind: Literal["before_deadline", "after_deadline", "weekly"]
    days: tuple[Annotated[int, Field(ge=0, le=90)], ...] = ()
    weekday: Weekday | None = None
    at: time
    audience: Audience
    text: Text

    @model_validator(mode="after")
    def _fits_kind(self) -> "ReminderRule":
        """Check the fields the kind needs, and the text's placeholders."""
        problems: list[tuple[Loc, str]] = []
        if self.kind == "weekly":
            if self.weekday is None:
                problems.append((("weekday",), "a weekly rule needs a weekday"))
            if self.days:
                problems.append((("days",), "a weekly rule takes no days"))
        else:
            if self.weekday is not None:
                problems.append((("weekday",), f"a {self.kind} rule takes no weekday"))
            if not self.days:
                problems.append((("days",), f"a {self.kind} rule needs at least one day"))
            if len(set(self.days)) != len(self.days):
                problems.append((("days",), "expected each day once"))
            if self.kind == "after_deadline" and 0 in self.days:
                problems.append((("days",), "working days after the deadline start at 1"))
        if self.at.tzinfo is not None:
            problems.append((("at",), "expected a local time such as 08:00:00, without offset"))
        problems += [(("text",), problem) for problem in _placeholder_problems(self.text)]
        if problems:
            raise FieldProblems(problems)
        return self


class Reminders(CampaignModel):
    """The reminder schedule: when reminders begin and end, and the rules."""

    starts: date
    ends_days_after_deadline: Annotated[int, Field(ge=0, le=90)]
    rules: Annotated[tuple[ReminderRule, ...], Field(min_length=1)]


def _placeholder_problems(text: str) -> list[str]:
    """Unknown or malformed placeholders in a reminder text, and a missing {missing}."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as error:
        return [f"malformed placeholder: {error}"]
    problems = [
        f"unknown placeholder {{{name}}}; expected some of "
        + ", ".join(f"{{{known}}}" for known in sorted(REMINDER_PLACEHOLDERS))
        for name in sorted(names - REMINDER_PLACEHOLDERS)
    ]
    if "missing" not in names:
        problems.append("expected the placeholder {missing} (what exactly is still to do)")
    return problems
