"""Reminders through the core's firing, with the clock moved by hand: who got which notice, when.

Every check reads the outbox rows the firing wrote (and the record of runs), never a mock.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, select

from bot.core import Core
from handlers.campaign.deadline import DEADLINE_KEY
from handlers.reminders.firing import Fired, ReminderConfig, fire_due
from storage.db import make_engine, transaction
from storage.models import (
    Dossier,
    DossierFile,
    Nomination,
    Officer,
    Outbox,
    ReminderRun,
    Report,
)
from storage.queries.reports import record_stored_file
from storage.queries.roster import all_officers, officer_by_code
from storage.queries.settings import put_setting
from tests.chat import CHANNEL, Chat
from tests.conftest import FakeClock
from tests.factories import add_report, bind_accounts
from tests.flows import play
from tests.test_report_flow import OFFICER_REPORT

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
CONFIG = ReminderConfig()
ACTIVE = [
    "VP01", "VP02", "VP03", "VP04", "KTHTDT01", "KTHTDT02", "KTHTDT03", "VHXH01", "VHXH02",
    "VHXH03", "PVHCC01", "PVHCC02", "PVHCC03", "PVHCC04", "TTVH01", "TTVH02", "TTVH03",
]  # fmt: skip
HEADS = ["VP01", "KTHTDT01", "VHXH01", "PVHCC01", "TTVH01"]


def local(month: int, day: int, hour: int = 8, minute: int = 0) -> datetime:
    """A moment of 2026 in Hà Nội time, as UTC."""
    return datetime(2026, month, day, hour, minute, tzinfo=ZONE).astimezone(UTC)


def fire(core: Core, config: ReminderConfig = CONFIG) -> list[Fired]:
    with transaction(core.engine) as session:
        return fire_due(session, campaign=core.campaign, config=config, now=core.clock())


def bind(core: Core, *codes: str) -> None:
    """Bind officers' chat accounts as the test chats do (user id "user-CODE")."""
    bind_accounts(core, CHANNEL, {code: f"user-{code}" for code in codes})


def set_report_status(core: Core, report_id: int, status: str) -> None:
    with transaction(core.engine) as session:
        report = session.get(Report, report_id)
        assert report is not None
        report.status = status
        session.add(report)


def set_dossier(core: Core, unit_code: str, status: str) -> None:
    with transaction(core.engine) as session:
        head = officer_by_code(session, code=f"{unit_code}01")
        assert head is not None
        dossier = session.exec(select(Dossier).where(Dossier.unit_id == head.unit_id)).first()
        dossier = dossier or Dossier(unit_id=head.unit_id, updated_at=core.clock())
        dossier.status = status
        session.add(dossier)


def extend_deadline(core: Core, day: int, month: int = 12) -> None:
    """What /hannop stores: the new first moment that is too late, and its wording."""
    at = datetime(2026, month, day, tzinfo=ZONE)
    with transaction(core.engine) as session:
        put_setting(
            session,
            key=DEADLINE_KEY,
            value={"at": at.isoformat(), "text": f"trước {at:%d/%m/%Y}"},
            officer_id=None,
            now=core.clock(),
        )


def rows(core: Core) -> list[Outbox]:
    with Session(core.engine) as session:
        return list(session.exec(select(Outbox).order_by(col(Outbox.id))).all())


def runs(core: Core) -> list[ReminderRun]:
    with Session(core.engine) as session:
        return list(session.exec(select(ReminderRun).order_by(col(ReminderRun.id))).all())


def codes_by_id(core: Core) -> dict[int | None, str]:
    with Session(core.engine) as session:
        return {o.id: o.code for o in all_officers(session, active_only=False)}


def rule_of(row: Outbox) -> str:
    return row.idempotency_key.split(":")[1]


def received(core: Core, rule: str) -> dict[datetime, list[str]]:
    """Officer codes that got the rule's notice, by the moment it was queued (local)."""
    codes = codes_by_id(core)
    out: dict[datetime, list[str]] = {}
    for row in rows(core):
        if rule_of(row) == rule:
            out.setdefault(row.created_at.astimezone(ZONE), []).append(codes[row.officer_id])
    return {moment: sorted(who) for moment, who in out.items()}


def text_for(core: Core, rule: str, code: str, when: datetime | None = None) -> str:
    codes = codes_by_id(core)
    found = [
        row.text
        for row in rows(core)
        if rule_of(row) == rule
        and codes[row.officer_id] == code
        and (when is None or row.created_at == when)
    ]
    assert len(found) == 1, f"{len(found)} notices of {rule} to {code}"
    return found[0]


def run_ticks(
    clock: FakeClock,
    core: Core,
    until: datetime,
    events: dict[datetime, Callable[[], object]],
    *,
    hours: int = 1,
) -> None:
    """Tick every few hours up to `until`, doing each event at its time, after that tick."""
    while clock.now <= until:
        fire(core)
        if clock.now in events:
            events.pop(clock.now)()
        clock.now += timedelta(hours=hours)
    assert events == {}, f"events never reached: {sorted(events)}"


def who(*codes: str, besides: tuple[str, ...] = ()) -> list[str]:
    return sorted(set(codes) - set(besides))


# --- a whole month ------------------------------------------------------------------------------


def test_a_campaign_month(core: Core, clock: FakeClock, make_chat: type[Chat]) -> None:
    """1/11 to 1/12/2026, ticking hourly, with people reporting, pausing and going on leave."""
    clock.now = local(11, 1, 0)
    bind(core, *ACTIVE)
    oanh_report = add_report(core, "PVHCC03", status="sent")
    mai_report = add_report(core, "KTHTDT02", status="returned", reason="Thiếu minh chứng")
    quan, huy = make_chat("VP02"), make_chat("TTVH03")
    lan: dict[str, int] = {}
    events = {
        local(11, 12, 9): lambda: lan.setdefault("report", add_report(core, "VP04", status="sent")),
        local(11, 16, 9): lambda: quan.send("/tamdung 10"),
        local(11, 18, 9): lambda: (huy.send("/tamdung"), huy.press("🌴 Nghỉ phép"), huy.send("14")),
        local(11, 19, 9): lambda: set_report_status(core, oanh_report, "confirmed"),
        local(11, 20, 9): lambda: set_report_status(core, mai_report, "sent"),
        local(11, 24, 15): lambda: set_dossier(core, "VP", "submitted"),
        local(11, 27, 10): lambda: set_report_status(core, lan["report"], "confirmed"),
    }
    run_ticks(clock, core, local(12, 1, 0), events)

    everyone = who(*ACTIVE, besides=("PVHCC03", "KTHTDT02"))
    assert received(core, "report_due") == {
        local(11, 10).astimezone(ZONE): everyone,
        # VP04 reported; VP02 paused for 10 days on 16/11 at 09:00.
        local(11, 17).astimezone(ZONE): who(*everyone, besides=("VP04", "VP02")),
        # 3 days before (Saturday 21/11) and the last day (24/11, a holiday) come on Monday 23/11,
        # once; TTVH03 is on leave; KTHTDT02 sent the returned report again.
        local(11, 23).astimezone(ZONE): who(*everyone, besides=("VP04", "VP02", "TTVH03")),
    }
    assert received(core, "returned_due") == {
        local(11, 10).astimezone(ZONE): ["KTHTDT02"],
        local(11, 17).astimezone(ZONE): ["KTHTDT02"],
    }
    late = who(*everyone, besides=("VP04", "VP02", "TTVH03"))
    assert received(core, "report_overdue") == {
        local(11, 25).astimezone(ZONE): late,
        local(11, 26).astimezone(ZONE): late,
        # VP02's pause ended on 26/11 at 09:00.
        local(11, 27).astimezone(ZONE): sorted([*late, "VP02"]),
    }
    assert "returned_overdue" not in {rule_of(r) for r in rows(core)}
    # Heads every Monday while a report waits for them or their dossier is not sent: VP sent
    # its dossier on 24/11 and its head confirmed VP04's report on 27/11.
    mondays = [local(11, d).astimezone(ZONE) for d in (2, 9, 16, 23)]
    assert received(core, "head_weekly") == {
        **{monday: sorted(HEADS) for monday in mondays},
        local(11, 30).astimezone(ZONE): sorted(set(HEADS) - {"VP01"}),
    }
    assert received(core, "secretariat_weekly") == {
        local(11, d, 16).astimezone(ZONE): ["VHXH02"] for d in (6, 13, 20, 27)
    }
    assert received(core, "secretariat_after_deadline") == {
        local(11, 25).astimezone(ZONE): ["VHXH02"]
    }
    assert received(core, "units_overdue") == {
        local(11, d).astimezone(ZONE): ["VHXH02"] for d in (26, 27)
    }
    assert sorted(received(core, "head_overdue")) == [
        local(11, 25).astimezone(ZONE),
        local(11, 27).astimezone(ZONE),
    ]

    # What the notices say.
    digest = text_for(core, "head_weekly", "TTVH01", local(11, 23))
    assert (
        "Chưa gửi báo cáo (2): Hồ Thị Bích Ngọc, Tạ Quang Huy (nghỉ phép đến hết ngày 01/12/2026)."
        in digest
    )
    vp_digest = text_for(core, "head_weekly", "VP01", local(11, 23))
    assert (
        f"Chờ bạn xác nhận (1), xác nhận bằng /xacnhan: số {lan['report']} của Phạm Thị Lan."
        in vp_digest
    )
    assert (
        "Chưa gửi báo cáo (2): Trần Minh Quân (tạm dừng nhắc việc đến 09:00 26/11/2026), "
        "Lê Hoàng Nam." in vp_digest
    )
    waiting = text_for(core, "head_weekly", "PVHCC01", local(11, 16))
    assert (
        f"Chờ bạn xác nhận (1), xác nhận bằng /xacnhan: số {oanh_report} của Mai Thị Kim Oanh"
        in waiting
    )
    assert "/xacnhan" not in text_for(core, "head_weekly", "PVHCC01", local(11, 23))
    first = text_for(core, "report_due", "VP04", local(11, 10))
    assert "Kính gửi Phạm Thị Lan" in first and "trước 25/11/2026 (còn 14 ngày)" in first
    assert "/baocao" in first and "/tamdung" in first
    last = text_for(core, "report_due", "VP01", local(11, 23))
    assert "hôm nay là ngày làm việc cuối cùng trước hạn" in last
    overdue = text_for(core, "report_overdue", "VP01", local(11, 26))
    assert "đã quá hạn 2 ngày" in overdue
    returned = text_for(core, "returned_due", "KTHTDT02", local(11, 10))
    assert f"Số {mai_report} «Thành tích của KTHTDT02» — lý do: Thiếu minh chứng" in returned
    assert "/cuatoi" in returned
    units = text_for(core, "units_overdue", "VHXH02", local(11, 26))
    assert "Đơn vị chưa gửi hồ sơ (4):" in units and "Văn phòng" not in units
    summary = text_for(core, "secretariat_after_deadline", "VHXH02")
    assert "• Văn phòng HĐND và UBND: 1/4 cán bộ đã gửi báo cáo" in summary
    assert "hồ sơ đã gửi" in summary
    escalation = text_for(core, "head_overdue", "PVHCC01", local(11, 25))
    assert "Cán bộ chưa gửi báo cáo (2):\n• Trịnh Văn Đức\n• Phan Minh Trí" in escalation

    # Every notice went out in working time, at the moment of its occurrence, once.
    working = CONFIG.working_time(core.campaign)
    assert all(working.is_allowed(row.created_at) for row in rows(core))
    keys = Counter((rule_of(r), r.created_at, r.officer_id) for r in rows(core))
    assert max(keys.values()) == 1
    # October's occurrences were long past at the first tick: recorded as skipped, not sent.
    october = [r for r in runs(core) if r.occurrence < local(11, 1, 0)]
    assert {r.status for r in october} == {"skipped"} and len(october) == 9
    assert all(r.status == "sent" for r in runs(core) if r.occurrence >= local(11, 1, 0))


# --- never miss, never repeat --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("down_until", "sent"),
    [(local(11, 11, 7, 59), True), (local(11, 11, 8, 1), False)],
    ids=["within-grace", "beyond-grace"],
)
def test_downtime(core: Core, clock: FakeClock, down_until: datetime, sent: bool) -> None:
    """The bot is down from 10/11 07:00 (before the 08:00 notice) until the next morning."""
    bind(core, "VP04", "VP02")
    clock.now = local(11, 10, 7)
    fire(core)
    assert rows(core) == []
    clock.now = down_until
    fired = {f.rule: f for f in fire(core)}
    assert fired["report_due"].status == ("sent" if sent else "skipped")
    got = received(core, "report_due")
    assert got == ({down_until.astimezone(ZONE): ["VP02", "VP04"]} if sent else {})
    assert fire(core) == []
    clock.advance(hours=1)
    fire(core)
    assert received(core, "report_due") == got
    (run,) = [r for r in runs(core) if r.rule == "report_due"]
    assert (run.occurrence, run.recipients) == (local(11, 10), 2 if sent else 0)


def test_catch_up_in_quiet_hours_waits_for_working_time(core: Core, clock: FakeClock) -> None:
    bind(core, "VHXH02")
    clock.now = local(11, 13, 15)
    fire(core)
    clock.now = local(11, 13, 22)  # back at 22:00 Friday: the 16:00 summary is 6 hours old
    fire(core)
    (row,) = [r for r in rows(core) if rule_of(r) == "secretariat_weekly"]
    assert row.created_at == local(11, 13, 22)
    assert row.not_before == local(11, 16, 7)


def test_two_schedulers_on_one_database(core: Core, clock: FakeClock, database_url: str) -> None:
    """A second process on the same database, firing at the same time, adds nothing."""
    bind(core, *ACTIVE)
    other = Core(
        engine=make_engine(database_url),
        campaign=core.campaign,
        config=core.config,
        files=core.files,
        clock=clock,
    )
    try:
        clock.now = local(11, 25, 8)
        results: list[list[Fired]] = []
        barrier = threading.Barrier(2)

        def tick(c: Core) -> None:
            barrier.wait()
            results.append(fire(c))

        threads = [threading.Thread(target=tick, args=(c,)) for c in (core, other)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        first_rows = rows(core)
        for _ in range(2):
            fire(core)
            fire(other)
    finally:
        other.engine.dispose()
    assert len(results) == 2
    claimed = Counter(f.rule for result in results for f in result if f.status == "sent")
    assert claimed and max(claimed.values()) == 1
    assert rows(core) == first_rows
    per_recipient = Counter((rule_of(r), r.officer_id) for r in first_rows)
    assert max(per_recipient.values()) == 1
    overdue = len(ACTIVE) - 0  # nobody has reported
    assert len(received(core, "report_overdue")[local(11, 25).astimezone(ZONE)]) == overdue
    recorded = Counter((r.rule, r.occurrence) for r in runs(core))
    assert max(recorded.values()) == 1


def test_deadline_extension_moves_the_pending_rules(core: Core, clock: FakeClock) -> None:
    """Extended on 16/11 to "trước 05/12/2026": what was sent stays, the rest follows."""
    bind(core, "VP04")
    clock.now = local(11, 1, 0)
    change = {local(11, 16, 12): lambda: extend_deadline(core, 5)}
    run_ticks(clock, core, local(12, 9, 8), change, hours=4)
    assert sorted(received(core, "report_due")) == [
        local(11, 10).astimezone(ZONE),  # sent before the change
        local(11, 20).astimezone(ZONE),  # 14 days before the new last day, 04/12
        local(11, 27).astimezone(ZONE),
        local(12, 1).astimezone(ZONE),
        local(12, 3).astimezone(ZONE),
        local(12, 4).astimezone(ZONE),
    ]
    assert "trước 05/12/2026 (còn 14 ngày)" in text_for(core, "report_due", "VP04", local(11, 20))
    assert "trước 25/11/2026" in text_for(core, "report_due", "VP04", local(11, 10))
    assert "hôm nay là ngày cuối cùng" in text_for(core, "report_due", "VP04", local(12, 4))
    assert sorted(received(core, "report_overdue")) == [
        local(12, d).astimezone(ZONE) for d in (7, 8, 9)
    ]
    recorded = [r.occurrence for r in runs(core) if r.rule == "report_due"]
    assert recorded == [
        local(11, 10),
        local(11, 20),
        local(11, 27),
        *(local(12, d) for d in (1, 3, 4)),
    ]


# --- audiences: computed, exact, and quiet once done -------------------------------------------


def test_reporting_stops_the_reminders(core: Core, clock: FakeClock, make_chat: type[Chat]) -> None:
    oanh = make_chat("PVHCC03")
    bind(core, "PVHCC04")
    clock.now = local(11, 10, 8)
    fire(core)
    assert received(core, "report_due") == {clock.now.astimezone(ZONE): ["PVHCC03", "PVHCC04"]}
    clock.now = local(11, 12, 10)
    play(oanh, OFFICER_REPORT)
    clock.now = local(11, 17, 8)
    fire(core)
    assert received(core, "report_due")[clock.now.astimezone(ZONE)] == ["PVHCC04"]


def test_head_digest_says_what_the_dossier_lacks(core: Core, clock: FakeClock) -> None:
    bind(core, "PVHCC01")
    clock.now = local(11, 9, 7)
    with transaction(core.engine) as session:
        head, oanh = (officer_by_code(session, code=c) for c in ("PVHCC01", "PVHCC03"))
        assert head and oanh and head.id and oanh.id
        now = clock()
        for officer_id in (oanh.id, None):
            subject = "individual" if officer_id else "collective"
            session.add(
                Nomination(
                    unit_id=head.unit_id,
                    award_code="ward_certificate",
                    subject=subject,
                    officer_id=officer_id,
                    standard_code=f"ward_{subject}",
                    created_by=head.id,
                    created_at=now,
                    updated_at=now,
                )
            )
        dossier = Dossier(unit_id=head.unit_id, updated_at=now)
        session.add(dossier)
        session.flush()
        assert dossier.id is not None
        sha = "a" * 64
        record_stored_file(
            session,
            sha256=sha,
            size=4,
            mime_type="application/pdf",
            extension="pdf",
            uploaded_by=head.id,
            now=now,
        )
        session.add(
            DossierFile(
                dossier_id=dossier.id,
                document_code="submission_letter",
                file_sha256=sha,
                file_name="to-trinh.pdf",
                added_by=head.id,
                added_at=now,
            )
        )
    clock.now = local(11, 9, 8)
    fire(core)
    digest = text_for(core, "head_weekly", "PVHCC01")
    assert (
        "Hồ sơ đề nghị khen thưởng còn thiếu, bổ sung bằng /hoso: "
        "Báo cáo thành tích của Mai Thị Kim Oanh; "
        "Báo cáo thành tích của Trung tâm Phục vụ hành chính công; "
        "Biên bản họp Hội đồng TĐKT."
    ) in digest
    assert "Tờ trình" not in digest
    assert "Chưa gửi báo cáo (3): Trịnh Văn Đức, Mai Thị Kim Oanh, Phan Minh Trí." in digest


def test_without_nominations_the_digest_points_to_dexuat(core: Core, clock: FakeClock) -> None:
    bind(core, "TTVH01")
    clock.now = local(11, 9, 8)
    fire(core)
    assert "chưa có đề xuất nào — đề xuất bằng /dexuat" in text_for(core, "head_weekly", "TTVH01")


def test_done_units_drop_out_and_nothing_is_sent_when_all_are_done(
    core: Core, clock: FakeClock
) -> None:
    bind(core, "VHXH02", *HEADS)
    for unit in ("VP", "KTHTDT", "VHXH", "PVHCC"):
        set_dossier(core, unit, "submitted" if unit != "VHXH" else "accepted")
    clock.now = local(11, 26, 8)
    fire(core)
    units = text_for(core, "units_overdue", "VHXH02")
    assert "Đơn vị chưa gửi hồ sơ (1):\n• Trung tâm Văn hóa, Thể thao và Truyền thông" in units
    set_dossier(core, "TTVH", "submitted")
    clock.now = local(11, 27, 8)
    fired = {f.rule: f for f in fire(core)}
    assert (fired["units_overdue"].status, fired["units_overdue"].recipients) == ("sent", 0)
    assert list(received(core, "units_overdue")) == [local(11, 26).astimezone(ZONE)]
    clock.now = local(11, 30, 8)
    fire(core)
    assert "head_weekly" not in {rule_of(r) for r in rows(core)}


def test_unbound_inactive_and_paused_get_nothing(core: Core, clock: FakeClock) -> None:
    bind(core, "VHXH03", "VHXH04")  # VHXH04 has left (inactive)
    clock.now = local(11, 10, 8)
    fire(core)
    assert received(core, "report_due") == {clock.now.astimezone(ZONE): ["VHXH03"]}
    with Session(core.engine) as session:
        inactive = session.exec(select(Officer).where(Officer.code == "VHXH04")).one()
    assert inactive.active is False
