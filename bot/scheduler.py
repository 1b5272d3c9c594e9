"""The reminder clock: APScheduler only ticks; what fell due, and for whom, the core decides.

Each tick asks the core for every occurrence due up to now that is not yet recorded, so a
tick missed (a restart, a slow database) is made up by the next, and a tick repeated, or
run by a second process on the same database, finds the occurrences recorded and adds nothing.
The job store is in memory: nothing about the schedule lives in the scheduler.
"""

from __future__ import annotations

import logging
from datetime import UTC, timedelta

from apscheduler.schedulers.background import (  # type: ignore[import-untyped]
    BackgroundScheduler,
)
from apscheduler.triggers.interval import IntervalTrigger  # type: ignore[import-untyped]

from bot.core import Core
from bot.settings import Settings
from handlers.reminders.firing import Fired, ReminderConfig, fire_due
from storage.db import transaction

log = logging.getLogger(__name__)

JOB_ID = "reminders"
# Rules are set to the minute; a tick a minute queues a notice within a minute of its time.
TICK = timedelta(minutes=1)


def fire_reminders(core: Core, config: ReminderConfig) -> list[Fired]:
    """One tick: record and queue every occurrence that fell due, in one transaction."""
    with transaction(core.engine) as session:
        fired = fire_due(session, campaign=core.campaign, config=config, now=core.clock())
    for run in fired:
        log.info(
            "reminder %s due %s: %s, %d recipient(s), %d message(s) queued",
            run.rule,
            run.occurrence.isoformat(),
            run.status,
            run.recipients,
            run.rows,
        )
    return fired


def build_scheduler(
    core: Core, config: ReminderConfig, *, tick: timedelta = TICK
) -> BackgroundScheduler:
    """A scheduler (not started) with the one tick job; the first tick comes after one interval."""
    scheduler = BackgroundScheduler(timezone=UTC)
    scheduler.add_job(
        fire_reminders,
        IntervalTrigger(seconds=int(tick.total_seconds()), timezone=UTC),
        args=(core, config),
        id=JOB_ID,
        # A tick still running when the next is due: the next is dropped, not stacked.
        max_instances=1,
        coalesce=True,
    )
    return scheduler


def start_reminders(core: Core, settings: Settings) -> BackgroundScheduler:
    """Start ticking in a background thread; call .shutdown() on the result to stop."""
    scheduler = build_scheduler(core, settings.reminder_config())
    scheduler.start()
    log.info("reminders: checking every %s", TICK)
    return scheduler
