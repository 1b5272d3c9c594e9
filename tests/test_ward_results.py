"""Criteria measured on the ward as a whole: units are not judged on them; /ketqua records them."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.core import Core
from storage.models import AuditEntry, WardResult, column_length
from tests.chat import Chat
from tests.flows import Turn, play
from tests.test_report_flow import PDF


def ward_labels(core: Core) -> list[str]:
    return [f"{c.letter}) {c.label}" for c in core.campaign.criteria if c.measured_on == "ward"]


def test_a_unit_is_judged_only_on_what_applies_to_it(core: Core, make_chat: type[Chat]) -> None:
    head = make_chat("PVHCC01")
    head.send("/tinhhinh")
    status = head.last[0].text
    applies = [c for c in core.campaign.criteria if c.measured_on != "ward"]
    assert f"Tiêu chí đã có báo cáo được xác nhận: 0/{len(applies)}" in status
    assert ward_labels(core) and not any(f"❌ {label}" in status for label in ward_labels(core))
    assert "Các tiêu chí chung của toàn phường (a, b, d, đ)" in status


def test_the_secretariat_records_the_wards_results(core: Core, make_chat: type[Chat]) -> None:
    secretary = make_chat("VHXH02")
    play(
        secretary,
        [
            Turn(send="/ketqua", expect="Chọn tiêu chí cần ghi nhận kết quả"),
            Turn(press="a) Chỉ số CCHC", expect="Nhập kết quả phường đạt được"),
            Turn(send="Xếp loại Tốt, 92,5 điểm", expect="Gửi một minh chứng"),
            Turn(send="không có", expect="hãy gửi một tệp hoặc một đường liên kết"),
            Turn(upload=("ket-qua-chi-so.pdf", PDF), expect="Xem lại trước khi lưu"),
            Turn(press="✅ Lưu", expect="Đã ghi nhận kết quả chung của phường"),
        ],
    )
    assert secretary.labels() == []
    assert [b for b in ward_labels(core) if b.startswith("a)")]
    play(secretary, [Turn(send="/tonghop", expect="Kết quả chung của phường")])
    overview = secretary.last[0].text
    assert "• a) Chỉ số CCHC: Xếp loại Tốt, 92,5 điểm — minh chứng: ket-qua-chi-so.pdf" in overview
    assert "• b) Nhiệm vụ TP giao 100%: chưa ghi nhận kết quả" in overview
    # Recorded again, the new result replaces the old one; the audit keeps both.
    play(
        secretary,
        [
            Turn(send="/ketqua", expect="Chọn tiêu chí"),
            Turn(press="a) Chỉ số CCHC", expect="Nhập kết quả"),
            Turn(send="Xếp loại Xuất sắc", expect="Gửi một minh chứng"),
            Turn(send="https://sonoivu.gov.vn/ket-qua", expect="Xem lại"),
            Turn(press="✅ Lưu", expect="Đã ghi nhận"),
        ],
    )
    with Session(core.engine) as session:
        rows = session.exec(select(WardResult)).all()
        audits = session.exec(
            select(AuditEntry).where(AuditEntry.action == "ward_result.record")
        ).all()
    assert [(r.criterion_code, r.result, r.url) for r in rows] == [
        ("a", "Xếp loại Xuất sắc", "https://sonoivu.gov.vn/ket-qua")
    ]
    assert [a.before.get("result") for a in audits] == [None, "Xếp loại Tốt, 92,5 điểm"]


def test_a_unit_criterion_cannot_be_recorded_as_the_wards(make_chat: type[Chat]) -> None:
    secretary = make_chat("VHXH02")
    play(secretary, [Turn(send="/ketqua", expect="Chọn tiêu chí")])
    assert not any(label.startswith(("c)", "e)", "f)")) for label in secretary.labels())


def test_a_link_longer_than_its_column_is_refused_in_words(
    core: Core, make_chat: type[Chat]
) -> None:
    """On PostgreSQL the column refuses it: checked first, the secretariat is told why."""
    limit = column_length(WardResult, "url")
    base = "https://sonoivu.gov.vn/ket-qua?"
    secretary = make_chat("VHXH02")
    play(
        secretary,
        [
            Turn(send="/ketqua", expect="Chọn tiêu chí"),
            Turn(press="a) Chỉ số CCHC", expect="Nhập kết quả"),
            Turn(send="Xếp loại Xuất sắc", expect="Gửi một minh chứng"),
            Turn(send=base + "x" * (limit + 1 - len(base)), expect=f"tối đa {limit}"),
            Turn(send=base + "x" * (limit - len(base)), expect="Xem lại"),
            Turn(press="✅ Lưu", expect="Đã ghi nhận"),
        ],
    )
    with Session(core.engine) as session:
        assert [len(row.url) for row in session.exec(select(WardResult))] == [limit]
