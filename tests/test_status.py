"""/tinhhinh and /tonghop: figures from reports made through the real dialogs, and the charts."""

from __future__ import annotations

import io
import math
from collections import Counter
from datetime import timedelta

from PIL import Image
from sqlmodel import Session, col, select

from bot.core import Core
from handlers.engine.messages import Reply
from handlers.status.chart import BarPanel, photo_sized, stacked_bars_png
from storage.db import transaction
from storage.models import Dossier, Nomination, Officer, Report, Role, Unit
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.flows import Turn, play
from tests.test_confirmations import file_report, officer_id
from tests.test_report_flow import OFFICER_REPORT

STATUS_WORDS = {"confirmed": "đã xác nhận", "sent": "chờ xác nhận", "returned": "bị trả lại"}


def units(core: Core) -> list[Unit]:
    with Session(core.engine) as session:
        return list(session.exec(select(Unit).order_by(col(Unit.code))).all())


def unit_id(core: Core, code: str) -> int:
    return next(u.id for u in units(core) if u.code == code and u.id is not None)


def members(core: Core, unit_code: str) -> list[Officer]:
    """The unit's active officers, as the roster has them (the ward's leadership sits in a
    unit of the roster but is not counted among its officers)."""
    with Session(core.engine) as session:
        query = select(Officer).where(
            Officer.unit_id == unit_id(core, unit_code),
            col(Officer.active).is_(True),
            col(Officer.role) != Role.LEADERSHIP,
        )
        return list(session.exec(query.order_by(col(Officer.code))).all())


def chart_of(replies: list[Reply]) -> bytes:
    """The PNG the answer ends with, checked to decode as an image."""
    last = replies[-1].file
    assert last is not None and last.is_photo
    assert last.content.startswith(b"\x89PNG") and len(last.content) > 0
    with Image.open(io.BytesIO(last.content)) as image:
        image.load()
        assert image.size[0] > 0 and image.size[1] > 0
    return last.content


def latest_report(core: Core) -> int:
    with Session(core.engine) as session:
        return max(session.exec(select(Report.id)).all(), key=lambda n: n or 0) or 0


def line_of(text: str, start: str) -> str:
    found = [line for line in text.splitlines() if line.startswith(start)]
    assert len(found) == 1, f"no single line starting with {start!r} in:\n{text}"
    return found[0]


def counts_words(counts: Counter[str]) -> list[str]:
    return [f"{n} {STATUS_WORDS[status]}" for status, n in counts.items() if n]


def days_to_deadline(core: Core, clock: FakeClock) -> int:
    zone = core.campaign.zone()
    return (
        core.campaign.deadline.at.astimezone(zone).date() - clock.now.astimezone(zone).date()
    ).days


def add_nomination(core: Core, unit_code: str, officer_code: str) -> str:
    """A ward certificate proposed for a member (the /dexuat dialog is another use case's).

    Returns the award's name.
    """
    campaign = core.campaign
    standard = next(
        s
        for s in campaign.standards
        if s.subject == "individual" and campaign.award(s.award).level == "ward"
    )
    with transaction(core.engine) as session:
        session.add(
            Nomination(
                unit_id=unit_id(core, unit_code),
                award_code=standard.award,
                subject="individual",
                officer_id=officer_id(core, officer_code),
                standard_code=standard.code,
                option_code=standard.options[0].code if standard.options else "",
                created_by=officer_id(core, officer_code),
                created_at=core.clock(),
                updated_at=core.clock(),
            )
        )
    return campaign.award(standard.award).name


def set_dossier(
    core: Core, unit_code: str, status: str, *, late: bool = False, reason: str = ""
) -> None:
    with transaction(core.engine) as session:
        session.add(
            Dossier(
                unit_id=unit_id(core, unit_code),
                status=status,
                submitted_at=core.clock() if status != "draft" else None,
                late=late,
                return_reason=reason,
                updated_at=core.clock(),
            )
        )


def test_head_sees_members_criteria_waiting_and_deadline(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    # What is created, and what became of it: (number, officer, criterion, status).
    play(make_chat("PVHCC03"), OFFICER_REPORT)
    created = [[latest_report(core), "PVHCC03", "e", "sent"]]
    number = file_report(make_chat("PVHCC03"), "a)", "Rà soát quy trình một cửa")
    created.append([number, "PVHCC03", "a", "sent"])
    number = file_report(make_chat("PVHCC02"), "c)", "Hoàn thành kế hoạch cải cách")
    created.append([number, "PVHCC02", "c", "sent"])
    head = make_chat("PVHCC01")
    play(
        head,
        [
            Turn(send="/xacnhan", expect=f"1/{len(created)}"),
            Turn(press="✅ Xác nhận", expect="Đã xác nhận"),
            Turn(press="Bỏ qua", expect="Hoàn thành kế hoạch cải cách"),
            Turn(press="↩️ Trả lại", expect="lý do"),
            Turn(send="Thiếu văn bản giao nhiệm vụ", expect="Đã trả lại"),
        ],
    )
    created[0][3], created[2][3] = "confirmed", "returned"

    play(
        head,
        [Turn(send="/tinhhinh", expect="TÌNH HÌNH THI ĐUA — Trung tâm Phục vụ hành chính công")],
    )
    text = head.text
    roster = members(core, "PVHCC")
    for number, officer in enumerate(roster, start=1):
        mine = Counter(status for _, code, _, status in created if code == officer.code)
        line = line_of(text, f"{number}. {officer.full_name}")
        words = counts_words(mine)
        assert all(word in line for word in words) if words else "chưa báo cáo" in line, line
    silent = sum(1 for o in roster if not any(code == o.code for _, code, _, _ in created))
    assert f"Cộng: {len(created)} báo cáo" in text
    assert f"Chưa báo cáo: {silent}/{len(roster)} cán bộ" in text
    # The unit is judged on the criteria measured on units and officers, not on the ward's own.
    applies = [c for c in core.campaign.criteria if c.measured_on != "ward"]
    covered = {c for _, _, c, status in created if status == "confirmed"} & {
        c.code for c in applies
    }
    reported = {criterion for _, _, criterion, _ in created}
    assert f"được xác nhận: {len(covered)}/{len(applies)}" in text
    for criterion in applies:
        mark = "✅" if criterion.code in covered else "⏳" if criterion.code in reported else "❌"
        line_of(
            text, f"{mark} {criterion.letter + ') ' if criterion.letter else ''}{criterion.label}"
        )
    waiting = [number for number, _, _, status in created if status == "sent"]
    assert f"Báo cáo chờ xác nhận ({len(waiting)})" in text
    assert all(f"• Số {number} — " in text for number in waiting)
    assert f"còn {days_to_deadline(core, clock)} ngày" in text
    assert "Hồ sơ đề nghị khen thưởng: chưa lập" in text
    assert all(f"• {d.name}" in text for d in core.campaign.dossier_documents)
    assert head.last[-1].file is not None and head.last[-1].file.name == "tinh-hinh-PVHCC.png"
    chart_of(head.last)


def test_nominations_dossier_and_overdue(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    award = add_nomination(core, "PVHCC", "PVHCC03")
    set_dossier(core, "PVHCC", "returned", reason="Thiếu biên bản họp")
    clock.now = core.campaign.deadline.at + timedelta(hours=36)
    head = make_chat("PVHCC01")
    play(head, [Turn(send="/tinhhinh", expect="Đề xuất khen thưởng (1)")])
    overdue = math.ceil((clock.now - core.campaign.deadline.at) / timedelta(days=1))
    assert f"đã quá hạn {overdue} ngày" in head.text
    assert f"• Mai Thị Kim Oanh — {award}" in head.text
    assert "Bị trả lại — lý do: Thiếu biên bản họp" in head.text
    per_nominee = next(d for d in core.campaign.dossier_documents if d.per_nominee)
    assert f"• {per_nominee.name}: Mai Thị Kim Oanh — {award}" in head.text
    chart_of(head.last)


def test_head_sees_only_own_unit(core: Core, make_chat: type[Chat]) -> None:
    head = make_chat("PVHCC01")
    head.press_payload(f"s.u.{unit_id(core, 'KTHTDT')}")
    assert "chỉ xem được tình hình đơn vị mình" in head.text
    assert "Kinh tế" not in head.text and all(r.file is None for r in head.last)
    play(head, [Turn(send="/tinhhinh KTHTDT", expect="chỉ xem được tình hình đơn vị mình")])
    assert "Trung tâm Phục vụ hành chính công (PVHCC)" in head.text
    assert "Kinh tế" not in head.text
    officer = make_chat("PVHCC03")
    play(officer, [Turn(send="/tinhhinh", expect="Lệnh /tinhhinh dành cho")])
    officer.press_payload(f"s.u.{unit_id(core, 'PVHCC')}")
    assert "Lệnh /tinhhinh dành cho" in officer.text and officer.last[-1].file is None
    play(officer, [Turn(send="/tonghop", expect="Lệnh /tonghop dành cho")])
    play(head, [Turn(send="/tonghop", expect="Lệnh /tonghop dành cho")])


def test_secretariat_picks_any_unit(core: Core, make_chat: type[Chat]) -> None:
    secretariat = make_chat("VHXH02")
    play(secretariat, [Turn(send="/tinhhinh", expect="Chọn đơn vị cần xem tình hình")])
    assert secretariat.labels() == [f"{u.code} — {u.name}" for u in units(core)]
    play(
        secretariat,
        [Turn(press="PVHCC — ", expect="TÌNH HÌNH THI ĐUA — Trung tâm Phục vụ hành chính công")],
    )
    chart_of(secretariat.last)
    play(secretariat, [Turn(send="/tinhhinh phuc vu", expect="Trung tâm Phục vụ hành chính công")])
    play(secretariat, [Turn(send="/tinhhinh không có", expect="Không tìm thấy đơn vị «không có»")])
    assert len(secretariat.labels()) == len(units(core))
    play(secretariat, [Turn(send="/tinhhinh phòng", expect="đơn vị khớp với «phòng»")])
    assert secretariat.labels() == [
        f"{u.code} — {u.name}" for u in units(core) if "phòng" in u.name.lower()
    ]
    admin = make_chat("VP03")
    play(admin, [Turn(send="/tinhhinh VP", expect="Văn phòng HĐND và UBND (VP)")])
    admin.press_payload("s.u.999999")
    assert "Không tìm thấy đơn vị này" in admin.text
    admin.press_payload("s.u.x")
    assert "không còn dùng được" in admin.text


def test_overview_rows_per_unit_and_lateness(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    created: list[list[str]] = []  # (unit, officer, status)
    play(make_chat("PVHCC03"), OFFICER_REPORT)
    created.append(["PVHCC", "PVHCC03", "sent"])
    file_report(make_chat("KTHTDT02"), "a)", "Chỉnh trang đô thị văn minh")
    created.append(["KTHTDT", "KTHTDT02", "sent"])
    file_report(make_chat("VP04"), "b)", "Hoàn thành nhiệm vụ thành phố giao")
    created.append(["VP", "VP04", "sent"])
    play(
        make_chat("KTHTDT01"),
        [Turn(send="/xacnhan", expect="1/1"), Turn(press="✅ Xác nhận", expect="Đã xác nhận")],
    )
    created[1][2] = "confirmed"
    add_nomination(core, "PVHCC", "PVHCC03")
    set_dossier(core, "KTHTDT", "submitted", late=True)

    secretariat = make_chat("VHXH02")
    play(secretariat, [Turn(send="/tonghop", expect="TỔNG HỢP THI ĐUA TOÀN PHƯỜNG")])
    text = secretariat.text
    silent_units = []
    for unit in units(core):
        roster = members(core, unit.code)
        mine = Counter(status for code, _, status in created if code == unit.code)
        reporters = {officer for code, officer, _ in created if code == unit.code}
        block = text.split(f"\n{unit.code} — {unit.name}\n", 1)[1].split("\n\n", 1)[0]
        words = counts_words(mine)
        assert all(w in block for w in words) if words else "Báo cáo: chưa có" in block, block
        assert f"Chưa báo cáo: {len(roster) - len(reporters)}/{len(roster)} cán bộ" in block
        nominations = 1 if unit.code == "PVHCC" else 0
        assert f"Đề xuất: {nominations}." in block
        dossier = "đã gửi, chờ tiếp nhận (nộp muộn)" if unit.code == "KTHTDT" else "chưa lập"
        assert f"Hồ sơ: {dossier}." in block
        if len(roster) > len(reporters):
            silent_units.append(f"{unit.code} ({len(roster) - len(reporters)})")
    assert f"Còn cán bộ chưa báo cáo: {', '.join(silent_units)}" in text
    assert "dù đã quá hạn" not in text
    chart_of(secretariat.last)

    clock.now = core.campaign.deadline.at + timedelta(days=3)
    play(secretariat, [Turn(send="/tonghop", expect="đã quá hạn 3 ngày")])
    not_sent = [u.code for u in units(core) if u.code != "KTHTDT"]
    assert f"Chưa gửi hồ sơ dù đã quá hạn: {', '.join(not_sent)}" in secretariat.text
    assert "Gửi hồ sơ muộn: KTHTDT" in secretariat.text
    chart_of(secretariat.last)


def test_chart_is_a_valid_png_sized_to_its_rows_and_labels() -> None:
    def size(labels: list[str]) -> tuple[int, int]:
        panel = BarPanel("Báo cáo", tuple(labels), tuple((i, 1, 0) for i in range(len(labels))))
        png = stacked_bars_png("Tình hình", ("Đã xác nhận", "Chờ xác nhận"), (panel,))
        assert png.startswith(b"\x89PNG")
        with Image.open(io.BytesIO(png)) as image:
            image.load()
            assert photo_sized(png) == (sum(image.size) <= 10_000)
            return image.size

    codes = [f"DV{i:03d}" for i in range(30)]
    names = [f"Nguyễn Thị Thu Hà {i:03d}" for i in range(30)]
    assert size([])[1] < size(codes[:3])[1] < size(codes)[1]
    assert size(codes)[0] < size(names)[0] and size(codes)[1] == size(names)[1]
    many = [f"DV{i:03d}" for i in range(600)]
    panel = BarPanel("Báo cáo", tuple(many), tuple((1,) for _ in many))
    assert not photo_sized(stacked_bars_png("Tình hình", ("Đã xác nhận",), (panel,)))
