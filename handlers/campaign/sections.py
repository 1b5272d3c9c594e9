"""The campaign file's plan sections, and the field types every part of the file is built from."""

from typing import Annotated, Final, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from handlers.campaign.errors import FieldProblems, Loc
from storage.queries.status import SENIOR_ROLES

__all__ = [
    "LABEL_MAX_CHARS",
    "Award",
    "Bodies",
    "CampaignInfo",
    "CampaignModel",
    "Code",
    "Confirmation",
    "Confirmer",
    "Criterion",
    "Deadline",
    "DossierDocument",
    "Duty",
    "PlanSection",
    "PlanText",
    "Signer",
    "Standard",
    "StandardOption",
    "Subject",
    "Text",
]

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
# Who may confirm a report: roles of the roster (storage.models.Role values).
Confirmer = Literal["unit_head", "leadership", "secretariat"]
SeniorConfirmer = Literal["leadership", "secretariat"]
# Whom a criterion is measured on: the ward as a whole, each unit, or each officer.
MeasuredOn = Literal["ward", "unit", "officer"]


class CampaignModel(BaseModel):
    """Base of every campaign model: immutable, strict, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class Signer(CampaignModel):
    """Who signs the plan."""

    capacity: Text
    position: Text
    name: Text


class Bodies(CampaignModel):
    """The bodies the plan names, as the bot writes them in its texts and documents."""

    # The standing office of the campaign (thường trực), which receives the dossiers.
    secretariat: Text
    # The council that weighs the nominations and proposes them to the Chủ tịch.
    council: Text


class CampaignInfo(CampaignModel):
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
    bodies: Bodies

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


class Deadline(CampaignModel):
    """The dossier deadline: the plan's wording and the exact instant it means."""

    text: Text
    at: AwareDatetime
    recipient: Text
    statement: Text
    source: Text


class PlanSection(CampaignModel):
    """A free-text section of the plan, paragraph by paragraph."""

    heading: Text
    source: Text
    paragraphs: Annotated[tuple[Text, ...], Field(min_length=1)]


class PlanText(CampaignModel):
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


class Criterion(CampaignModel):
    """One emulation criterion (tiêu chí thi đua)."""

    code: CriterionCode
    letter: Letter
    label: Label
    text: Text
    target: OptionalText
    has_figure: bool
    measured_on: MeasuredOn
    source: Text


class Confirmation(CampaignModel):
    """Who confirms whose reports; nobody ever confirms their own."""

    # An officer's individual report: the head of the officer's own unit, or a ward role.
    officer_reports: Confirmer
    # A unit head's (or a leader's) own individual report, and every collective report:
    # never a unit head, who would be confirming their own unit's work.
    head_reports: SeniorConfirmer
    collective_reports: SeniorConfirmer
    source: Text

    def confirmer(self, *, collective: bool, author_role: str) -> str:
        """The role that confirms a report: collective, a senior's own, or an officer's."""
        if collective:
            return self.collective_reports
        return self.head_reports if author_role in SENIOR_ROLES else self.officer_reports

    def roles(self) -> frozenset[str]:
        """Every role that confirms some reports."""
        return frozenset({self.officer_reports, self.head_reports, self.collective_reports})


class Award(CampaignModel):
    """An award form (hình thức khen thưởng) and who grants and proposes it."""

    code: Code
    name: Label
    level: Literal["ward", "city"]
    granted_by: Text
    proposed_by: Text
    text: Text
    source: Text


class StandardOption(CampaignModel):
    """One alternative of a "one_of" award standard."""

    code: Code
    label: Label
    text: Text
    requires_initiative: bool


class Standard(CampaignModel):
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


class DossierDocument(CampaignModel):
    """One document of the nomination dossier (hồ sơ đề nghị khen thưởng)."""

    code: Code
    name: Label
    text: Text
    per_nominee: bool
    confirmed_by_unit_head: bool
    source: Text


class Duty(CampaignModel):
    """One duty from the plan's section V, with the roles it falls to."""

    who: Annotated[tuple[Role, ...], Field(min_length=1)]
    heading: Text
    text: Text
    source: Text
