"""Benchmark: one reminder firing for a ward of 10,000 officers.

Run from the repository root:

    python bench/bench_reminders.py [--officers 10000] [--units 100] [--reported 0.1]
                                    [--database-url URL] [--repeat 3]

It builds a fresh database (a temporary SQLite file unless --database-url names another, e.g.
PostgreSQL), migrated as the bot does, with --units units and --officers officers, one unit head
each, one secretariat officer, every officer bound to a chat account, and --reported of them
(10 % by default) with a report sent. Everything before 10/11/2026 07:00 (Hà Nội) is recorded
first, so that the measured firing, at 08:00 that day, is the shipped campaign's "14 days
before the deadline" notice (report_due) to every officer without a report, with the returned-
report rule beside it.

Measured, in one transaction each run on a fresh copy of the runs and outbox:
- audience: computing who gets report_due and what each is told (the reads and the texts);
- firing: the core's whole fire_due (audience, claiming the run, one outbox row per recipient),
  then the commit.
The target is under 2 s for the firing with the commit.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from sqlalchemy import Engine, delete, insert  # noqa: E402
from sqlmodel import col, select  # noqa: E402

from handlers.campaign.file import DEFAULT_CAMPAIGN_FILE, Campaign, load_campaign  # noqa: E402
from handlers.reminders.audiences import audience  # noqa: E402
from handlers.reminders.facts import Facts  # noqa: E402
from handlers.reminders.firing import ReminderConfig, fire_due  # noqa: E402
from storage.db import make_engine, transaction, upgrade  # noqa: E402
from storage.models import ChatIdentity, Officer, Outbox, ReminderRun, Report, Unit  # noqa: E402

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
BEFORE = datetime(2026, 11, 10, 7, 0, tzinfo=ZONE).astimezone(UTC)
FIRING = datetime(2026, 11, 10, 8, 0, tzinfo=ZONE).astimezone(UTC)
CONFIG = ReminderConfig()


def build_ward(engine: Engine, *, officers: int, units: int, reported: float) -> int:
    """Units, officers (bound), and reports for a share of them; returns how many reported."""
    now = BEFORE
    per_unit = officers // units
    with transaction(engine) as session:
        session.execute(
            insert(Unit), [{"code": f"U{u:03d}", "name": f"Đơn vị {u:03d}"} for u in range(units)]
        )
        unit_ids = list(session.exec(select(Unit.id).order_by(col(Unit.id))))
        people = []
        for number in range(officers):
            unit = min(number // per_unit, units - 1)
            role = "unit_head" if number % per_unit == 0 else "officer"
            people.append(
                {
                    "code": f"CB{number:05d}",
                    "full_name": f"Cán bộ số {number:05d}",
                    "unit_id": unit_ids[unit],
                    "role": "secretariat" if number == 1 else role,
                }
            )
        session.execute(insert(Officer), people)
        ids = list(session.exec(select(Officer.id, Officer.unit_id).order_by(col(Officer.id))))
        session.execute(
            insert(ChatIdentity),
            [
                {
                    "channel": "telegram",
                    "platform_user_id": str(700_000 + i),
                    "chat_id": str(700_000 + i),
                    "officer_id": officer_id,
                    "bound_at": now,
                }
                for i, (officer_id, _unit) in enumerate(ids)
            ],
        )
        step = round(1 / reported) if reported > 0 else 0
        reporters = ids[::step] if step else []
        session.execute(
            insert(Report),
            [
                {
                    "officer_id": officer_id,
                    "unit_id": unit_id,
                    "criterion_code": "c",
                    "title": "Rà soát thủ tục hành chính",
                    "description": "Rà soát, đơn giản hóa quy trình một cửa",
                    "period": "Quý III/2026",
                    "result": "100% hồ sơ đúng hạn",
                    "status": "sent",
                    "created_at": now,
                    "submitted_at": now,
                    "updated_at": now,
                }
                for officer_id, unit_id in reporters
            ],
        )
    return len(reporters)


def measure(engine: Engine, campaign: Campaign) -> tuple[float, float, float, int, int]:
    """One run: audience time, firing time, commit time, recipients, outbox rows."""
    with transaction(engine) as session:
        session.execute(delete(Outbox))
        session.execute(delete(ReminderRun).where(ReminderRun.occurrence >= BEFORE))
    with transaction(engine) as session:
        started = time.perf_counter()
        targets = audience(Facts(session, campaign, FIRING), "officers_without_report")
        audience_seconds = time.perf_counter() - started
        session.rollback()
    started = time.perf_counter()
    with transaction(engine) as session:
        fired = fire_due(session, campaign=campaign, config=CONFIG, now=FIRING)
        firing_seconds = time.perf_counter() - started
    total_seconds = time.perf_counter() - started
    (due,) = [f for f in fired if f.rule == "report_due"]
    assert due.recipients == len(targets), (due.recipients, len(targets))
    return audience_seconds, firing_seconds, total_seconds, due.recipients, due.rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--officers", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--reported", type=float, default=0.1)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    campaign = load_campaign(DEFAULT_CAMPAIGN_FILE)
    with tempfile.TemporaryDirectory() as scratch:
        url = args.database_url or f"sqlite:///{Path(scratch) / 'bench.db'}"
        engine = make_engine(url)
        upgrade(engine)
        started = time.perf_counter()
        reporters = build_ward(
            engine, officers=args.officers, units=args.units, reported=args.reported
        )
        print(
            f"ward: {args.officers} officers in {args.units} units, all bound, "
            f"{reporters} with a report sent ({engine.dialect.name}; "
            f"built in {time.perf_counter() - started:.1f} s)"
        )
        with transaction(engine) as session:
            earlier = fire_due(session, campaign=campaign, config=CONFIG, now=BEFORE)
        print(f"recorded beforehand: {len(earlier)} earlier occurrences (skipped or sent)")
        results = [measure(engine, campaign) for _ in range(args.repeat)]
        engine.dispose()
    for number, (aud, fire, total, recipients, rows) in enumerate(results, start=1):
        print(
            f"run {number}: audience {aud * 1000:.0f} ms; firing {fire * 1000:.0f} ms, "
            f"with commit {total * 1000:.0f} ms; {recipients} recipients, {rows} outbox rows"
        )
    best = min(r[2] for r in results)
    median = statistics.median(r[2] for r in results)
    verdict = "PASS" if median < 2.0 else "FAIL"
    print(f"firing with commit: best {best:.2f} s, median {median:.2f} s (target < 2 s): {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
