"""The admin's view of reminders (python -m bot notices): what comes next, and to how many
people; what went out lately, and how far its messages got."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from itertools import islice

from sqlmodel import Session

from handlers import texts
from handlers.campaign.deadline import deadline_text
from handlers.campaign.file import Campaign
from handlers.campaign.reminder_rules import Audience
from handlers.campaign.working_time import WorkingTime
from handlers.reminders.audiences import audience
from handlers.reminders.facts import Facts
from handlers.reminders.firing import ReminderConfig, run_key, schedule
from handlers.reminders.schedule import Occurrence
from storage.queries.reminders import outbox_status_counts, recent_runs

LIMIT = 10


def notices_overview(
    session: Session, *, campaign: Campaign, config: ReminderConfig, now: datetime
) -> str:
    """The next occurrences with their audience sizes, then the latest runs with delivery."""
    plan = schedule(session, campaign, config)
    lines = [
        texts.NOTICES_HEADER.format(
            deadline=deadline_text(session, campaign),
            now=_when(now, plan.working),
            zone=campaign.campaign.timezone,
        ),
        "",
        texts.NOTICES_UPCOMING,
        *_upcoming(session, campaign, plan.upcoming(now), plan.working, now),
        "",
        texts.NOTICES_RECENT,
        *_recent(session, campaign, plan.working),
    ]
    return "\n".join(lines)


def _upcoming(
    session: Session,
    campaign: Campaign,
    occurrences: Iterable[Occurrence],
    working: WorkingTime,
    now: datetime,
) -> list[str]:
    bound = Facts(session, campaign, now)
    everyone = Facts(session, campaign, now, bound_only=False)
    sizes: dict[Audience, tuple[int, int]] = {}
    lines = []
    for occurrence in islice(occurrences, LIMIT):
        name = occurrence.rule.audience
        if name not in sizes:
            reached = len(audience(bound, name))
            sizes[name] = (reached, len(audience(everyone, name)) - reached)
        reached, unbound = sizes[name]
        lines.append(
            texts.NOTICES_UPCOMING_LINE.format(
                time=_when(occurrence.at, working),
                rule=texts.NOTICES_RULE_KINDS[occurrence.rule.kind],
                audience=texts.NOTICES_AUDIENCES[name],
                count=reached,
                unbound=texts.NOTICES_UNBOUND.format(count=unbound) if unbound else "",
            )
        )
    return lines or [texts.NOTICES_NONE_UPCOMING]


def _rule_name(campaign: Campaign, code: str) -> str:
    """What a rule does, in words: its kind and its audience (a rule since removed: generic)."""
    for rule in campaign.reminders.rules:
        if rule.code == code:
            kind = texts.NOTICES_RULE_KINDS[rule.kind]
            return f"{kind} — {texts.NOTICES_AUDIENCES[rule.audience]}"
    return texts.NOTICES_RULE_GONE


def _recent(session: Session, campaign: Campaign, working: WorkingTime) -> list[str]:
    lines = []
    for run in recent_runs(session, limit=LIMIT):
        counts = outbox_status_counts(session, key_prefix=run_key(run.rule, run.occurrence))
        delivery = ", ".join(
            f"{texts.NOTICES_OUTBOX_STATUSES.get(status, status)} {count}"
            for status, count in sorted(counts.items())
        )
        lines.append(
            texts.NOTICES_RECENT_LINE.format(
                time=_when(run.occurrence, working),
                rule=_rule_name(campaign, run.rule),
                status=texts.NOTICES_RUN_STATUSES.get(run.status, run.status),
                count=run.recipients,
                delivery=delivery or texts.NOTICES_DELIVERY_NONE,
            )
        )
    return lines or [texts.NOTICES_NONE_RECENT]


def _when(moment: datetime, working: WorkingTime) -> str:
    local = moment.astimezone(working.zone)
    return f"{texts.WEEKDAY_NAMES[local.weekday()]} {local:%d/%m/%Y %H:%M}"
