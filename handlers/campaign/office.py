"""The campaign file's parts for the ward's own documents and the council: office, laws, vote."""

from typing import Annotated, Literal

from pydantic import Field

from handlers.campaign.sections import CampaignModel, Code, Text

__all__ = ["Council", "LegalBasis", "Office"]


class Office(CampaignModel):
    """How the ward office heads, numbers, signs and distributes its documents."""

    issuer_lines: Annotated[tuple[Text, ...], Field(min_length=1)]
    code: Text
    chair_title: Text
    on_behalf: Text
    proposer_title: Text
    city_recipient: Text
    city_via: Text
    decision_recipients: Annotated[tuple[Text, ...], Field(min_length=1)]
    city_letter_recipients: Annotated[tuple[Text, ...], Field(min_length=1)]
    unit_letter_recipients: Annotated[tuple[Text, ...], Field(min_length=1)]


class LegalBasis(CampaignModel):
    """A law or decree a "Căn cứ" line cites, with the day it was passed or signed."""

    code: Code
    text: Text
    dated: Text


class Council(CampaignModel):
    """The ward council: the công khai period and the vote a nominee needs (its name is one of
    the bodies in [campaign.bodies])."""

    publication_days: Annotated[int, Field(ge=1, le=60)]
    publication_source: Text
    pass_percent: Annotated[int, Field(ge=1, le=100)]
    pass_base: Literal["members", "present"]
    pass_source: Text

    def passes(self, votes_for: int, *, members: int, present: int) -> bool:
        """Whether this many votes in favour reach the share the law asks, on its base."""
        base = members if self.pass_base == "members" else present
        return base > 0 and votes_for * 100 >= self.pass_percent * base
