"""Firing reminders: which occurrences fell due up to now, and for each one an outbox row per
recipient, keyed so that a second firing or a second process adds nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlmodel import Session

from handlers.campaign.deadline import deadline_text, effective_deadline
from handlers.campaign.file import Campaign
from handlers.campaign.working_time import WorkingTime
from handlers.reminders.audiences import audience
from handlers.reminders.facts import Facts
from handlers.reminders.schedule import Occurrence, Schedule
from handlers.reminders.wording import notice_text, time_left
from storage.queries.outbox import QueuedMessage, enqueue_many
from storage.queries.reminders import claim_run, recorded_runs

KIND = "reminder"
SENT = "sent"
SKIPPED = "skipped"


@dataclass(frozen=True)
class ReminderConfig:
    """Working time and catch-up, from the settings."""

    quiet_start: time = time(21, 0)
    quiet_end: time = time(7, 0)
    grace: timedelta = timedelta(hours=24)

    def working_time(self, campaign: Campaign) -> WorkingTime:
        return WorkingTime(campaign.zone(), self.quiet_start, self.quiet_end)


@dataclass(frozen=True)
class Fired:
    """What one occurrence came to: sent to some recipients, or skipped as too old."""

    rule: str
    occurrence: datetime
    status: str
    recipients: int
    rows: int


def schedule(session: Session, campaign: Campaign, config: ReminderConfig) -> Schedule:
    """Every occurrence for the deadline in force (a /hannop change moves them)."""
    deadline = effective_deadline(session, campaign)
    return Schedule.build(campaign, deadline, config.working_time(campaign))


def run_key(rule: str, occurrence: datetime) -> str:
    """The prefix of every outbox key of one occurrence."""
    return f"rem:{rule}:{occurrence:%Y%m%dT%H%MZ}:"


def fire_due(
    session: Session, *, campaign: Campaign, config: ReminderConfig, now: datetime
) -> list[Fired]:
    """Record each occurrence due up to now not yet recorded; queue its notices if recent."""
    plan = schedule(session, campaign, config)
    recorded = recorded_runs(session, since=plan.start)
    facts = Facts(session, campaign, now)
    fired: list[Fired] = []
    for occurrence in plan.due(now):
        if (occurrence.rule.code, occurrence.at) in recorded:
            continue
        late = now - occurrence.at > config.grace
        run = claim_run(
            session,
            rule=occurrence.rule.code,
            occurrence=occurrence.at,
            status=SKIPPED if late else SENT,
            now=now,
        )
        if run is None:
            continue
        recipients, rows = (0, 0) if late else _queue(session, facts, plan, occurrence, now)
        run.recipients = recipients
        session.add(run)
        fired.append(Fired(run.rule, occurrence.at, run.status, recipients, rows))
    session.flush()
    return fired


def _queue(
    session: Session, facts: Facts, plan: Schedule, occurrence: Occurrence, now: datetime
) -> tuple[int, int]:
    """Queue the occurrence's notices, one row per chat account; returns recipients and rows.

    A catch-up in quiet time waits for working time (not_before).
    """
    send_from = plan.working.next_allowed(now)
    fields = {
        "deadline": deadline_text(session, facts.campaign),
        "time_left": time_left(plan, send_from),
    }
    prefix = run_key(occurrence.rule.code, occurrence.at)
    messages = []
    for target in audience(facts, occurrence.rule.audience):
        text = notice_text(facts.campaign, occurrence, target, fields, plan.working)
        messages += [
            QueuedMessage(
                f"{prefix}{target.officer.id}:{channel}:{user}",
                channel,
                chat,
                target.officer.id,
                text,
            )
            for channel, user, chat in facts.addresses.get(target.officer.id, [])
        ]
    rows = enqueue_many(session, messages=messages, kind=KIND, now=now, not_before=send_from)
    # The run was claimed just now, so its keys are new: every listed recipient is queued.
    return len({m.officer_id for m in messages}), rows
