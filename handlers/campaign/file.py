"""The campaign file: the whole ward plan as validated, immutable data."""

import tomllib
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Final
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field, ValidationError, model_validator

from handlers.campaign.errors import (
    CampaignError,
    FieldProblems,
    Loc,
    format_loc,
    problems_of,
    syntax_problem,
)
from handlers.campaign.office import Council, LegalBasis, Office
from handlers.campaign.reminder_rules import Reminders
from handlers.campaign.sections import (
    Award,
    CampaignInfo,
    CampaignModel,
    Confirmation,
    Criterion,
    Deadline,
    DossierDocument,
    Duty,
    PlanText,
    Standard,
    Subject,
)

__all__ = [
    "DEFAULT_CAMPAIGN_FILE",
    "Campaign",
    "load_campaign",
]

DEFAULT_CAMPAIGN_FILE: Final[Path] = (
    Path(__file__).resolve().parents[2] / "seed" / "campaign-cchc-2026.toml"
)


class Campaign(CampaignModel):
    """The whole campaign file."""

    campaign: CampaignInfo
    deadline: Deadline
    plan: PlanText
    criteria: Annotated[tuple[Criterion, ...], Field(min_length=1)]
    confirmation: Confirmation
    awards: Annotated[tuple[Award, ...], Field(min_length=1)]
    standards: tuple[Standard, ...]
    dossier_documents: Annotated[tuple[DossierDocument, ...], Field(min_length=1)]
    duties: tuple[Duty, ...]
    office: Office
    legal_bases: Annotated[tuple[LegalBasis, ...], Field(min_length=1)]
    council: Council
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
            "legal basis code", _indexed(self.legal_bases, "legal_bases", "code")
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
