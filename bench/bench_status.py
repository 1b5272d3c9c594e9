"""Status benchmark: /tinhhinh and /tonghop on a city-sized database, chart included.

Run from the repository root:

    python bench/bench_status.py [--runs 30] [--units 100] [--officers 50] [--reports 20]
    python bench/bench_status.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test

What it does:

1. Builds the database: SQLite in a temporary directory by default; with --database-url, a
   PostgreSQL schema of its own (dropped at the end). The schema comes from the migrations.
   Bulk inserts fill it: units × officers per unit × reports per officer (100 × 50 × 20 =
   100,000 reports by default) over the campaign's criteria, in a mix of statuses, plus three
   nominations per unit and a dossier in various states for two units in three.
2. Binds one chat account per unit head and one for the secretariat, then settles the load as
   routine upkeep would (SQLite's WAL checkpointed; PostgreSQL vacuumed and analysed, as
   autovacuum does).
3. Times `Core.answer` — the whole core path a channel calls: conversation row, routing, role
   check, queries, text and PNG chart — for /tinhhinh as the head of a random unit and for
   /tonghop as the secretariat, each --runs times after --warmup untimed runs.

Printed: p50, p95 and max per command, the share spent drawing the chart, and the target
(p95 < 200 ms). The exit status is non-zero only when an answer lacks its chart.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from sqlalchemy import Engine, create_engine, insert, text  # noqa: E402

import handlers.status.chart  # noqa: E402
from bot.core import Core  # noqa: E402
from bot.settings import Settings  # noqa: E402
from handlers.campaign.file import DEFAULT_CAMPAIGN_FILE, Campaign, load_campaign  # noqa: E402
from handlers.engine.messages import Incoming, Reply  # noqa: E402
from storage.db import make_engine, upgrade  # noqa: E402
from storage.files import FileStore  # noqa: E402
from storage.models import (  # noqa: E402
    ChatIdentity,
    Dossier,
    DossierFile,
    Nomination,
    Officer,
    Report,
    StoredFile,
    Unit,
)

TARGET_P95_MS = 200.0
CHANNEL = "bench"
SECRETARIAT_USER = "secretariat"
# A working morning before the deadline, as the tests use.
START = datetime(2026, 10, 6, 2, 0, tzinfo=UTC)
STATUS_WEIGHTS = {"sent": 30, "confirmed": 45, "returned": 10, "withdrawn": 5}
DOSSIER_STATES = ("draft", "submitted", "accepted", "returned")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi")
MIDDLE = ("Văn", "Thị", "Minh", "Thanh", "Quốc", "Ngọc", "Hoàng", "Thu", "Đức", "Kim")
GIVEN = ("An", "Bình", "Châu", "Dũng", "Hà", "Hương", "Khánh", "Lan", "Nam", "Oanh", "Quân")
BATCH = 5_000


def _batches(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def _bulk(engine: Engine, model: Any, rows: list[dict[str, Any]]) -> None:
    with engine.begin() as connection:
        for batch in _batches(rows):
            connection.execute(insert(model), batch)


def build(engine: Engine, campaign: Campaign, args: argparse.Namespace) -> list[int]:
    """Fill the database; returns the ids of the unit heads, one per unit."""
    rng = random.Random(args.seed)
    units = [
        {"id": u, "code": f"DV{u:03d}", "name": f"Phòng chuyên môn số {u:03d}", "active": True}
        for u in range(1, args.units + 1)
    ]
    _bulk(engine, Unit, units)
    officers: list[dict[str, Any]] = []
    heads: list[int] = []
    for unit in units:
        for index in range(args.officers):
            officer_id = len(officers) + 1
            role = "unit_head" if index == 0 else "officer"
            if unit["id"] == 1 and index == 1:
                role = "secretariat"
            if role == "unit_head":
                heads.append(officer_id)
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            officers.append(
                {
                    "id": officer_id,
                    "code": f"{unit['code']}-{index + 1:02d}",
                    "full_name": name,
                    "position": "Trưởng phòng" if index == 0 else "Chuyên viên",
                    "unit_id": unit["id"],
                    "role": role,
                    "phone": "",
                    "email": "",
                    "active": True,
                }
            )
    _bulk(engine, Officer, officers)
    criteria = [c.code for c in campaign.criteria]
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    reports: list[dict[str, Any]] = []
    for officer in officers:
        for number in range(args.reports):
            at = START - timedelta(minutes=rng.randrange(60 * 24 * 60))
            status = rng.choices(statuses, weights)[0]
            reports.append(
                {
                    "officer_id": officer["id"],
                    "unit_id": officer["unit_id"],
                    "criterion_code": rng.choice(criteria),
                    "scope": "individual",
                    "is_initiative": number % 7 == 0,
                    "title": f"Thành tích số {number + 1} của {officer['full_name']}",
                    "description": "Rà soát, cập nhật hồ sơ thủ tục hành chính đúng hạn.",
                    "period": "Năm 2026",
                    "result": "Hoàn thành đúng tiến độ",
                    "figure": "",
                    "status": status,
                    "return_reason": "Bổ sung minh chứng" if status == "returned" else "",
                    "reviewed_by": None,
                    "reviewed_at": None,
                    "created_at": at,
                    "submitted_at": at,
                    "updated_at": at,
                }
            )
    _bulk(engine, Report, reports)
    _awards(engine, campaign, units, officers, rng)
    identities = [
        {
            "channel": CHANNEL,
            "platform_user_id": f"head-{officer_id}",
            "chat_id": f"head-{officer_id}",
            "officer_id": officer_id,
            "bound_at": START,
        }
        for officer_id in heads
    ]
    secretariat = next(o["id"] for o in officers if o["role"] == "secretariat")
    identities.append(
        {
            "channel": CHANNEL,
            "platform_user_id": SECRETARIAT_USER,
            "chat_id": SECRETARIAT_USER,
            "officer_id": secretariat,
            "bound_at": START,
        }
    )
    _bulk(engine, ChatIdentity, identities)
    return heads


def _awards(
    engine: Engine,
    campaign: Campaign,
    units: list[dict[str, Any]],
    officers: list[dict[str, Any]],
    rng: random.Random,
) -> None:
    """Three individual nominations per unit; a dossier with a document for two units in three."""
    standard = next(s for s in campaign.standards if s.subject == "individual")
    nominations: list[dict[str, Any]] = []
    dossiers: list[dict[str, Any]] = []
    files: list[dict[str, Any]] = []
    sha = "0" * 64
    for unit in units:
        members = [o for o in officers if o["unit_id"] == unit["id"]]
        for officer in rng.sample(members, min(3, len(members))):
            nominations.append(
                {
                    "unit_id": unit["id"],
                    "award_code": standard.award,
                    "subject": "individual",
                    "officer_id": officer["id"],
                    "standard_code": standard.code,
                    "option_code": standard.options[0].code if standard.options else "",
                    "created_by": members[0]["id"],
                    "created_at": START,
                    "updated_at": START,
                    "withdrawn": False,
                }
            )
        if unit["id"] % 3 == 0:
            continue
        status = rng.choice(DOSSIER_STATES)
        dossiers.append(
            {
                "id": unit["id"],
                "unit_id": unit["id"],
                "status": status,
                "submitted_at": START if status != "draft" else None,
                "late": False,
                "return_reason": "Thiếu biên bản" if status == "returned" else "",
                "reviewed_by": None,
                "reviewed_at": None,
                "updated_at": START,
            }
        )
        files.append(
            {
                "dossier_id": unit["id"],
                "document_code": campaign.dossier_documents[0].code,
                "nomination_id": None,
                "file_sha256": sha,
                "file_name": "to-trinh.docx",
                "drafted": True,
                "added_by": members[0]["id"],
                "added_at": START,
            }
        )
    _bulk(engine, Nomination, nominations)
    _bulk(
        engine,
        StoredFile,
        [
            {
                "sha256": sha,
                "size": 1,
                "mime_type": "application/pdf",
                "extension": "pdf",
                "first_uploaded_by": 1,
                "stored_at": START,
            }
        ],
    )
    _bulk(engine, Dossier, dossiers)
    _bulk(engine, DossierFile, files)


def settle(engine: Engine) -> None:
    """Leave the fresh bulk load as routine upkeep would: WAL merged, table vacuumed.

    SQLite readers would otherwise search a WAL as big as the database for every page;
    PostgreSQL would plan without statistics, and read the table behind every index entry
    until autovacuum has marked the pages all-visible.
    """
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE"
            )


@contextmanager
def database(url: str | None, folder: Path) -> Iterator[Engine]:
    """A fresh, migrated database: a SQLite file, or a PostgreSQL schema of its own."""
    if url is None:
        engine = make_engine(f"sqlite:///{folder / 'bench.db'}")
        upgrade(engine)
        yield engine
        engine.dispose()
        return
    schema = f"bench_status_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in url else "?"
    engine = make_engine(f"{url}{separator}options=-csearch_path%3D{schema}")
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


class StepClock:
    """Moves five seconds per reading, so a user's 30 quick messages stay under the flood guard."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=5)
        return self.now


class ChartTimer:
    """Wraps the chart drawing the status modules call, to tell its share of the time."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, draw: Callable[..., bytes]) -> Callable[..., bytes]:
        def timed(*args: Any, **kwargs: Any) -> bytes:
            started = time.perf_counter()
            try:
                return draw(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        return timed


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def measure(
    core: Core, user: Callable[[], str], command: str, runs: int, warmup: int, timer: ChartTimer
) -> tuple[list[float], list[float]]:
    """Latencies and chart times in ms of `runs` answers, after `warmup` untimed ones."""
    totals: list[float] = []
    charts: list[float] = []
    for index in range(warmup + runs):
        who = user()
        incoming = Incoming(channel=CHANNEL, user_id=who, chat_id=who, text=command)
        timer.seconds = 0.0
        started = time.perf_counter()
        replies = core.answer(incoming)
        elapsed = time.perf_counter() - started
        if not _has_chart(replies):
            raise SystemExit(f"{command} as {who} answered without a chart: {replies[:1]}")
        if index >= warmup:
            totals.append(elapsed * 1000)
            charts.append(timer.seconds * 1000)
    return totals, charts


def _has_chart(replies: list[Reply]) -> bool:
    return any(r.file is not None and r.file.content.startswith(b"\x89PNG") for r in replies)


def report(name: str, totals: list[float], charts: list[float]) -> bool:
    p95 = percentile(totals, 0.95)
    print(
        f"{name:<11} p50 {statistics.median(totals):7.1f} ms   p95 {p95:7.1f} ms   "
        f"max {max(totals):7.1f} ms   chart p50 {statistics.median(charts):6.1f} ms   "
        f"target p95 < {TARGET_P95_MS:.0f} ms: {'met' if p95 < TARGET_P95_MS else 'MISSED'}"
    )
    return p95 < TARGET_P95_MS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--officers", type=int, default=50, help="officers per unit")
    parser.add_argument("--reports", type=int, default=20, help="reports per officer")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--database-url", help="PostgreSQL URL; SQLite in a temporary folder if absent"
    )
    args = parser.parse_args()
    campaign = load_campaign(DEFAULT_CAMPAIGN_FILE)
    timer = ChartTimer()
    # The views import the chart function when they draw (matplotlib loads on first use), so
    # wrapping it in its own module reaches both.
    handlers.status.chart.stacked_bars_png = timer.wrap(handlers.status.chart.stacked_bars_png)  # type: ignore[assignment]
    with (
        tempfile.TemporaryDirectory(prefix="bench-status-") as folder,
        database(args.database_url, Path(folder)) as engine,
    ):
        started = time.perf_counter()
        heads = build(engine, campaign, args)
        settle(engine)
        backend = engine.dialect.name
        print(
            f"{backend}: {args.units} units × {args.officers} officers × {args.reports} reports "
            f"= {args.units * args.officers * args.reports:,} reports, built in "
            f"{time.perf_counter() - started:.1f} s"
        )
        settings = Settings.from_env({"DATA_DIR": folder})
        core = Core(
            engine=engine,
            campaign=campaign,
            config=settings.core_config(),
            files=FileStore(Path(folder) / "files"),
            clock=StepClock(),
        )
        rng = random.Random(args.seed)
        print(
            f"{args.runs} timed runs each, after {args.warmup} warm-up runs; Core.answer end to "
            f"end; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
        )
        head_ok = report(
            "/tinhhinh",
            *measure(
                core,
                lambda: f"head-{rng.choice(heads)}",
                "/tinhhinh",
                args.runs,
                args.warmup,
                timer,
            ),
        )
        ward_ok = report(
            "/tonghop",
            *measure(core, lambda: SECRETARIAT_USER, "/tonghop", args.runs, args.warmup, timer),
        )
        print("all targets met" if head_ok and ward_ok else "target missed")


if __name__ == "__main__":
    main()
