"""The campaign file: the whole ward plan as validated, immutable data."""

import string
import tomllib
import unicodedata
from collections.abc import Iterable
from datetime import date, time
from pathlib import Path
from typing import Annotated, Any, Final, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from handlers.campaign_errors import (
    CampaignError,
    FieldProblems,
    Loc,
    format_loc,
    problems_of,
    syntax_problem,
)

__all__ = [
    "DEFAULT_CAMPAIGN_FILE",
    "LABEL_MAX_CHARS",
    "Award",
    "Campaign",
    "CampaignError",
    "CampaignInfo",
    "Criterion",
    "Deadline",
    "DossierDocument",
    "Duty",
    "PlanSection",
    "PlanText",
    "ReminderRule",
    "Reminders",
    "Signer",
    "Standard",
    "StandardOption",
    "load_campaign",
]

DEFAULT_CAMPAIGN_FILE: Final[Path] = (
    Path(__file__).resolve().parent.parent / "seed" / "campaign-cchc-2026.toml"
)

LABEL_MAX_CHARS: Final = 32
CODE_PATTERN: Final = r"^[a-z][a-z0-9_]*$"


def _check_text(value: str) -> str:
    """Require a non-blank string without surrounding whitespace."""
    if not value.strip():
        raise ValueError("expected a non-empty text")
    if value != value.strip():
        raise ValueError("expected no leading or trailing whitespace")
    return value


def _check_optional_text(value: str) -> str:
    """Allow an empty string; otherwise apply the text rules."""
    return value if value == "" else _check_text(value)


def _check_letter(value: str) -> str:
    """Require an empty string or one lowercase letter (e.g. "a", "đ")."""
    if value and not (len(value) == 1 and value.isalpha() and value.islower()):
        raise ValueError(f"expected one lowercase letter such as 'a' or 'đ', or '', got {value!r}")
    return value


Text = Annotated[str, AfterValidator(_check_text)]
OptionalText = Annotated[str, AfterValidator(_check_optional_text)]
Label = Annotated[str, StringConstraints(max_length=LABEL_MAX_CHARS), AfterValidator(_check_text)]
Code = Annotated[str, StringConstraints(max_length=32, pattern=CODE_PATTERN)]
CriterionCode = Annotated[str, StringConstraints(max_length=16, pattern=CODE_PATTERN)]
Letter = Annotated[str, AfterValidator(_check_letter)]
Subject = Literal["collective", "individual"]
Role = Literal["secretariat", "culture_center", "unit_head"]
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


class _Model(BaseModel):
    """Base of every campaign model: immutable, strict, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class Signer(_Model):
    """Who signs the plan."""

    capacity: Text
    position: Text
    name: Text


class CampaignInfo(_Model):
    """The plan's header: number, issuer, title, basis, signer, time zone."""

    number: Text
    issued: Text
    issuer: Text
    place: Text
    title: Text
    short_title: Label
    year: Annotated[int, Field(ge=2000, le=2100)]
    basis: Text
    timezone: str
    signer: Signer

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        """Require a time zone name the system knows."""
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"expected an IANA time zone name such as 'Asia/Ho_Chi_Minh', got {value!r}"
            ) from None
        return value


class Deadline(_Model):
    """The dossier deadline: the plan's wording and the exact instant it means."""

    text: Text
    at: AwareDatetime
    recipient: Text
    statement: Text
    source: Text


class PlanSection(_Model):
    """A free-text section of the plan, paragraph by paragraph."""

    heading: Text
    source: Text
    paragraphs: Annotated[tuple[Text, ...], Field(min_length=1)]


class PlanText(_Model):
    """Sections I–II and the plan's other free texts, for display."""

    preamble: Text
    closing: Text
    distribution: tuple[Text, ...]
    purpose: PlanSection
    requirements: PlanSection
    subjects: PlanSection
    contents: PlanSection
    funding: PlanSection
    progress: PlanSection


class Criterion(_Model):
    """One emulation criterion (tiêu chí thi đua)."""

    code: CriterionCode
    letter: Letter
    label: Label
    text: Text
    target: OptionalText
    has_figure: bool
    source: Text


class Award(_Model):
    """An award form (hình thức khen thưởng) and who grants and proposes it."""

    code: Code
    name: Label
    level: Literal["ward", "city"]
    granted_by: Text
    proposed_by: Text
    text: Text
    source: Text


class StandardOption(_Model):
    """One alternative of a "one_of" award standard."""

    code: Code
    label: Label
    text: Text
    requires_initiative: bool


class Standard(_Model):
    """An award standard (tiêu chuẩn khen thưởng) for one award and one kind of subject."""

    code: Code
    award: Code
    subject: Subject
    rule: Literal["one_of", "by_law"]
    text: Text
    common_condition: OptionalText = ""
    legal_basis: OptionalText = ""
    options: tuple[StandardOption, ...] = ()
    source: Text

    @model_validator(mode="after")
    def _rule_fits(self) -> "Standard":
        """Check that the fields match the rule."""
        problems: list[tuple[Loc, str]] = []
        if self.rule == "one_of":
            if not self.options:
                problems.append((("options",), "rule 'one_of' needs at least one option"))
            if not self.common_condition:
                problems.append((("common_condition",), "rule 'one_of' needs a common condition"))
        else:
            if self.options:
                problems.append((("options",), "rule 'by_law' takes no options"))
            if not self.legal_basis:
                problems.append((("legal_basis",), "rule 'by_law' needs the law it defers to"))
        if problems:
            raise FieldProblems(problems)
        return self


class DossierDocument(_Model):
    """One document of the nomination dossier (hồ sơ đề nghị khen thưởng)."""

    code: Code
    name: Label
    text: Text
    per_nominee: bool
    confirmed_by_unit_head: bool
    source: Text


class Duty(_Model):
    """One duty from the plan's section V, with the roles it falls to."""

    who: Annotated[tuple[Role, ...], Field(min_length=1)]
    heading: Text
    text: Text
    source: Text


class ReminderRule(_Model):
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


class Reminders(_Model):
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


class Campaign(_Model):
    """The whole campaign file."""

    campaign: CampaignInfo
    deadline: Deadline
    plan: PlanText
    criteria: Annotated[tuple[Criterion, ...], Field(min_length=1)]
    awards: Annotated[tuple[Award, ...], Field(min_length=1)]
    standards: tuple[Standard, ...]
    dossier_documents: Annotated[tuple[DossierDocument, ...], Field(min_length=1)]
    duties: tuple[Duty, ...]
    reminders: Reminders

    @model_validator(mode="after")
    def _cross_checks(self) -> "Campaign":
        """Check unique codes and references between tables."""
        problems: list[tuple[Loc, str]] = []
        problems += _duplicates("criterion code", _indexed(self.criteria, "criteria", "code"))
        letters = _indexed(self.criteria, "criteria", "letter")
        problems += _duplicates("criterion letter", [(loc, v) for loc, v in letters if v])
        problems += _duplicates("award code", _indexed(self.awards, "awards", "code"))
        problems += _duplicates("standard code", _indexed(self.standards, "standards", "code"))
        option_codes = [
            (("standards", i, "options", j, "code"), option.code)
            for i, standard in enumerate(self.standards)
            for j, option in enumerate(standard.options)
        ]
        problems += _duplicates("standard option code", option_codes)
        problems += _duplicates(
            "dossier document code",
            _indexed(self.dossier_documents, "dossier_documents", "code"),
        )
        problems += _duplicates(
            "reminder rule code",
            [
                (("reminders", "rules", i, "code"), r.code)
                for i, r in enumerate(self.reminders.rules)
            ],
        )
        award_codes = [award.code for award in self.awards]
        for i, standard in enumerate(self.standards):
            if standard.award not in award_codes:
                known = ", ".join(repr(code) for code in award_codes)
                problems.append(
                    (
                        ("standards", i, "award"),
                        f"unknown award code {standard.award!r}; expected one of {known}",
                    )
                )
        if problems:
            raise FieldProblems(problems)
        return self

    def criterion(self, code: str) -> Criterion:
        """Return the criterion with this code; KeyError if there is none."""
        for criterion in self.criteria:
            if criterion.code == code:
                return criterion
        raise KeyError(code)

    def award(self, code: str) -> Award:
        """Return the award with this code; KeyError if there is none."""
        for award in self.awards:
            if award.code == code:
                return award
        raise KeyError(code)

    def standards_for(self, award_code: str, subject: Subject) -> tuple[Standard, ...]:
        """Return the standards of an award for collectives or individuals; KeyError if unknown."""
        self.award(award_code)
        return tuple(s for s in self.standards if s.award == award_code and s.subject == subject)

    def zone(self) -> ZoneInfo:
        """Return the campaign's time zone."""
        return ZoneInfo(self.campaign.timezone)


def _indexed(items: Iterable[BaseModel], table: str, field: str) -> list[tuple[Loc, str]]:
    """Pair each item's field value with its field path."""
    return [((table, i, field), str(getattr(item, field))) for i, item in enumerate(items)]


def _duplicates(what: str, values: Iterable[tuple[Loc, str]]) -> list[tuple[Loc, str]]:
    """Report every value already seen earlier, naming where it was first used."""
    first: dict[str, Loc] = {}
    problems: list[tuple[Loc, str]] = []
    for loc, value in values:
        if value in first:
            where = format_loc(first[value])
            problems.append((loc, f"duplicate {what} {value!r} (first used at {where})"))
        else:
            first[value] = loc
    return problems


def load_campaign(path: Path) -> Campaign:
    """Read, NFC-normalise and validate a campaign TOML file; CampaignError if it is malformed."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CampaignError(path, [("", f"cannot read the file: {exc.strerror or exc}")]) from exc
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = f"expected UTF-8 text, found an invalid byte at offset {exc.start}"
        raise CampaignError(path, [("", problem)]) from exc
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise CampaignError(path, [("", syntax_problem(exc))]) from exc
    try:
        return Campaign.model_validate(_normalise(data))
    except ValidationError as exc:
        raise CampaignError(path, problems_of(exc)) from exc


def _normalise(value: Any) -> Any:
    """NFC-normalise every string (keys too) and turn arrays into tuples."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_normalise(key): _normalise(item) for key, item in value.items()}
    if isinstance(value, list):
        return tuple(_normalise(item) for item in value)
    return value
