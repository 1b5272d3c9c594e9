"""The deadline in force: the campaign file's, unless it was set again in chat."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from handlers.campaign.file import Campaign
from storage.queries.settings import setting

DEADLINE_KEY = "deadline"


def effective_deadline(session: Session, campaign: Campaign) -> datetime:
    """The moment dossiers are due (aware); a later /hannop overrides the file."""
    override = setting(session, key=DEADLINE_KEY)
    if override is not None:
        return datetime.fromisoformat(override["at"])
    return campaign.deadline.at


def days_left(session: Session, campaign: Campaign, now: datetime) -> int:
    """Whole local days from today to the deadline's day; negative once it has passed."""
    deadline = effective_deadline(session, campaign).astimezone(campaign.zone())
    today = now.astimezone(campaign.zone()).date()
    return (deadline.date() - today).days


def deadline_text(session: Session, campaign: Campaign) -> str:
    """The deadline in force as the plan words it (e.g. "trước 25/11/2026")."""
    override = setting(session, key=DEADLINE_KEY)
    return str(override["text"]) if override is not None else campaign.deadline.text
