"""End to end: the award chain through the real `python -m bot run` process.

An officer reports an initiative; her head confirms it and reports for the whole unit; the
ward's Chủ tịch confirms the unit's report; the head nominates the unit for the Giấy khen and
the officer for the Bằng khen and sends the signed dossier; the secretariat accepts it,
compiles the ward's list and publishes it; the council's vote is recorded; the Chủ tịch reads
the drafted documents and approves under a Quyết định; the result reaches the officer and the
head through the outbox. The process keeps the real clock, so the end of công khai is the one
thing moved by hand (in the database), as five days passing would move it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from sqlmodel import Session, create_engine, select

from storage.models import AwardRound, InitiativeRecognition, Report
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.test_e2e import (
    PDF,
    REPLY_TIMEOUT,
    ROSTER,
    START_TIMEOUT,
    BotProcess,
    bot_environment,
    fake,  # noqa: F401 -- the fixture, shared with test_e2e
    run_cli,
    wait_for_fresh_poll,
)

pytestmark = pytest.mark.e2e

UNIT = "Trung tâm Phục vụ hành chính công"
OANH = "Mai Thị Kim Oanh"
PEOPLE = {"PVHCC03": 700_103, "PVHCC01": 700_101, "LD01": 700_201, "VHXH02": 700_302}
MEMBERS = [
    "Nguyễn Văn Thương – Chủ tịch Hội đồng",
    "Hoàng Thị Ngọc Anh – Phó Chủ tịch Hội đồng",
    "Nguyễn Thị Thu Hà – Ủy viên",
    "Lý Thị Thanh Hương – Ủy viên",
    "Đỗ Văn Hùng – Ủy viên",
    "Ngô Thanh Tùng – Thư ký",
]
# A message the outbox sends (a notice, an announcement) takes one of its sending rounds.
NOTICE_TIMEOUT = 30.0


class Person:
    """One user of the fake; a turn waits for the bot's answer holding the expected words
    (messages the outbox sends meanwhile do not count as the answer)."""

    def __init__(self, api: FakeTelegramAPI, bot: BotProcess, user_id: int) -> None:
        self.fake, self.bot, self.user_id = api, bot, user_id

    def wait_for(self, expect: str, since: int, timeout: float = REPLY_TIMEOUT) -> dict[str, Any]:
        def found() -> bool:
            return any(expect in (r["text"] or "") for r in self.fake.sent(self.user_id)[since:])

        if not self.fake.state.wait_for(found, timeout):
            said = [r["text"] for r in self.fake.sent(self.user_id)[since:]]
            raise AssertionError(f"expected {expect!r}, got {said!r}\n{self.bot.log()}")
        return next(r for r in self.fake.sent(self.user_id)[since:] if expect in (r["text"] or ""))

    def _turn(self, act: Callable[[], object], expect: str) -> str:
        since = len(self.fake.sent(self.user_id))
        act()
        return str(self.wait_for(expect, since)["text"])

    def send(self, text: str, expect: str) -> str:
        return self._turn(lambda: self.fake.push_text(self.user_id, text), expect)

    def press(self, label: str, expect: str) -> str:
        """Press the button whose label starts with `label` on the newest message having one
        (waiting for it: an answer of several messages may still be arriving)."""
        found: list[tuple[str, int]] = []

        def button() -> bool:
            for record in reversed(self.fake.sent(self.user_id)):
                rows = (record["reply_markup"] or {}).get("inline_keyboard", [])
                for b in (b for row in rows for b in row):
                    if b.get("text", "").startswith(label) and "callback_data" in b:
                        found.append((b["callback_data"], record["message_id"]))
                        return True
            return False

        if not self.fake.state.wait_for(button, REPLY_TIMEOUT):
            raise AssertionError(f"no button starting with {label!r} for {self.user_id}")
        data, message = found[-1]
        return self._turn(lambda: self.fake.push_callback(self.user_id, data, message), expect)

    def upload(self, name: str, data: bytes, expect: str) -> str:
        return self._turn(
            lambda: self.fake.push_document(self.user_id, name, data, "application/pdf"), expect
        )

    def labels(self) -> list[str]:
        last = self.fake.sent(self.user_id)[-1]
        rows = (last["reply_markup"] or {}).get("inline_keyboard", [])
        return [b.get("text", "") for row in rows for b in row]

    def document(self, label: str) -> DocxDocument:
        """Press a document's button; the file the bot sends, read with python-docx."""
        since = len(self.fake.sent(self.user_id))
        self.press(label, expect="")

        def sent_file() -> bool:
            return any(r["filename"] for r in self.fake.sent(self.user_id)[since:])

        assert self.fake.state.wait_for(sent_file, REPLY_TIMEOUT), self.bot.log()
        record = next(r for r in self.fake.sent(self.user_id)[since:] if r["filename"])
        assert record["filename"].endswith(".docx") and record["data"], record
        said = " ".join(r["text"] or "" for r in self.fake.sent(self.user_id)[since:])
        assert "dự thảo, chưa ký" in said, said
        return Document(io.BytesIO(record["data"]))


def report(officer: Person, criterion: str, title: str, initiative: str) -> None:
    officer.send("/baocao", expect="thuộc tiêu chí thi đua nào")
    officer.press(criterion, expect="sáng kiến")
    officer.press(initiative, expect="tên ngắn gọn")
    officer.send(title, expect="Mô tả việc đã làm")
    officer.send("Cập nhật trạng thái hồ sơ lên hệ thống hằng ngày", expect="Thời gian")
    officer.send("Quý III/2026", expect="Kết quả đạt được")
    officer.send("Không còn hồ sơ quá hạn", expect="chỉ tiêu")
    officer.send("98% hồ sơ đúng hạn", expect="Gửi minh chứng")
    officer.upload("minh-chung.pdf", PDF, expect="Đã nhận «minh-chung.pdf»")
    officer.press("Xong", expect="Xem lại báo cáo trước khi gửi")
    officer.press("✅ Gửi", expect="Đã gửi báo cáo số")


def report_id(database_url: str, title: str) -> int:
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            found = session.exec(select(Report).where(Report.title == title)).one()
    finally:
        engine.dispose()
    assert found.id is not None
    return found.id


def end_publication(database_url: str) -> None:
    """Five days of công khai, passed: the round's end moved just before now."""
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            award_round = session.exec(select(AwardRound)).one()
            award_round.public_until = datetime.now(UTC) - timedelta(minutes=1)
            session.add(award_round)
            session.commit()
    finally:
        engine.dispose()


def text_of(document: DocxDocument) -> str:
    cells = [cell for table in document.tables for row in table.rows for cell in row.cells]
    paragraphs = [*document.paragraphs, *(p for cell in cells for p in cell.paragraphs)]
    return "\n".join(p.text for p in paragraphs)


def test_the_award_chain_from_report_to_announced_decision(
    fake: FakeTelegramAPI,  # noqa: F811 -- the fixture imported above
    database_url: str,
    tmp_path: Path,
) -> None:
    env = bot_environment(fake, tmp_path / "data", database_url)
    # A head at work in a test answers faster than any person: no flood limit gets in the way.
    env["FLOOD_MAX_MESSAGES"] = "1000"
    run_cli(env, "import-roster", str(ROSTER))
    codes = {}
    for code in PEOPLE:
        invited = run_cli(env, "invite", code)
        codes[code] = invited.split("start=", 1)[1].split()[0]
    bot = BotProcess(env, tmp_path / "bot.log")
    people = {code: Person(fake, bot, user) for code, user in PEOPLE.items()}
    oanh, head, chair, secretary = people.values()
    try:
        bot.start()
        wait_for_fresh_poll(fake, bot, 0)
        for code, person in people.items():
            person.send(f"/start {codes[code]}", expect="liên kết tài khoản thành công")

        # Officer → head: an initiative, confirmed by the unit's head.
        report(oanh, "e)", "Theo dõi trực tuyến hồ sơ một cửa", "Có")
        head.send("/xacnhan", expect="Báo cáo chờ xác nhận 1/1")
        head.press("✅ Xác nhận", expect="Đã xác nhận báo cáo số")
        # Head → leadership: the unit's own report, which only the ward's leadership confirms.
        head.send("/baocao", expect="thuộc tiêu chí thi đua nào")
        head.press("c)", expect="của cá nhân bạn, hay của tập thể")
        head.press("Tập thể (đơn vị)", expect="sáng kiến")
        head.press("Không", expect="tên ngắn gọn")
        head.send("Một cửa liên thông của Trung tâm", expect="Mô tả việc đã làm")
        head.send("Rà soát và cập nhật toàn bộ hồ sơ", expect="Thời gian")
        head.send("Quý III/2026", expect="Kết quả đạt được")
        head.send("Hoàn thành đúng hạn", expect="chỉ tiêu")
        head.press("Bỏ qua", expect="Gửi minh chứng")
        head.press("Xong", expect="Xem lại")
        head.press("✅ Gửi", expect="chờ Lãnh đạo UBND phường xác nhận")
        chair.send("/xacnhan", expect="Báo cáo chờ xác nhận 1/1")
        chair.press("✅ Xác nhận", expect="Đã xác nhận báo cáo số")
        unit_report = report_id(database_url, "Một cửa liên thông của Trung tâm")
        oanh_report = report_id(database_url, "Theo dõi trực tuyến hồ sơ một cửa")

        # The head nominates the unit (Giấy khen) and the officer (Bằng khen), and files.
        head.send("/dexuat", expect="cá nhân hay cho tập thể")
        head.press("Tập thể", expect="Chọn hình thức")
        head.press("Giấy khen", expect="Đối với tập thể")
        head.press("Thành tích xuất sắc, dẫn đầu", expect="Chọn các báo cáo")
        head.press(f"⬜ Số {unit_report}", expect=f"• Số {unit_report}")
        head.press("Xong", expect="Xem lại đề xuất")
        head.press("✅ Lưu đề xuất", expect="Đã lưu đề xuất số")
        head.send("/dexuat", expect="Các đề xuất khen thưởng của")
        head.press("➕ Đề xuất mới", expect="cá nhân hay cho tập thể")
        head.press("Cá nhân", expect="Chọn cán bộ")
        head.press(OANH, expect="Chọn hình thức")
        head.press("Bằng khen", expect="bấm «Xong»")
        head.press(f"⬜ Số {oanh_report}", expect=f"• Số {oanh_report}")
        head.press("Xong", expect="Xem lại đề xuất")
        head.press("✅ Lưu đề xuất", expect="Đã lưu đề xuất số")
        head.send("/hoso", expect="Hồ sơ đề nghị khen thưởng")
        slots = [label for label in head.labels() if label.startswith("⬆️ Tải lên")]
        assert len(slots) >= 3, head.labels()
        for number, label in enumerate(slots, start=1):
            head.send("/hoso", expect="Hồ sơ đề nghị khen thưởng")
            head.press(label, expect="Gửi tệp cho mục")
            head.upload(f"ky-{number}.pdf", PDF + bytes(number), expect="Đã lưu")
        head.send("/hoso", expect="Hồ sơ đề nghị khen thưởng")
        head.press("📤 Gửi hồ sơ", expect="cho phòng Văn hóa – Xã hội?")
        head.press("✅ Đồng ý gửi", expect="Đã gửi hồ sơ")

        # Secretariat: intake, the ward's list, công khai to every bound officer.
        secretary.send("/tiepnhan", expect=UNIT)
        secretary.press(f"📂 {UNIT}", expect="Tài liệu:")
        secretary.press("✅ Tiếp nhận", expect=f"Đã tiếp nhận hồ sơ của {UNIT}")
        listing = secretary.send("/xettang", expect="DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG TOÀN PHƯỜNG (2")
        assert f"Số {unit_report} «Một cửa liên thông của Trung tâm»" in listing
        since = len(fake.sent(PEOPLE["PVHCC03"]))
        secretary.press("📢 Công khai", expect="Đã công khai danh sách 2")
        oanh.wait_for("CÔNG KHAI DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", since, NOTICE_TIMEOUT)

        # The council meets once công khai is over.
        end_publication(database_url)
        today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%d/%m/%Y")
        secretary.send("/xettang", expect="DANH SÁCH")
        secretary.press("🗳 Ghi kết quả họp Hội đồng", expect="Nhập ngày họp")
        secretary.send(today, expect="bao nhiêu thành viên")
        secretary.send("7", expect="thành viên có mặt")
        secretary.send("\n".join(MEMBERS), expect=f"Nhập số phiếu đồng ý cho 1. Tập thể {UNIT}")
        secretary.send("6", expect=f"cho 2. {OANH}")
        secretary.send("6", expect="Xem lại kết quả họp")
        secretary.press("✅ Lưu kết quả", expect="Đã lưu kết quả họp Hội đồng: 2/2 đề nghị đạt")

        # The Chủ tịch reads the drafts, then approves under the Quyết định's number.
        chair.send("/pheduyet", expect="chờ lãnh đạo UBND phường phê duyệt")
        minutes = chair.document("📄 Biên bản họp")
        decision = chair.document("📄 Dự thảo Quyết định")
        letter = chair.document("📄 Tờ trình Bằng khen")
        since_oanh = len(fake.sent(PEOPLE["PVHCC03"]))
        since_head = len(fake.sent(PEOPLE["PVHCC01"]))
        chair.press("✅ Phê duyệt", expect="Nhập số Quyết định")
        chair.send("125/QĐ-UBND", expect="Đã phê duyệt theo Quyết định số 125/QĐ-UBND")
        told = oanh.wait_for("xét tặng Bằng khen", since_oanh, NOTICE_TIMEOUT)
        assert f"{OANH} được Hội đồng Thi đua – Khen thưởng phường đề nghị" in told["text"]
        granted = f"Tập thể {UNIT} được Chủ tịch Ủy ban nhân dân phường tặng Giấy khen"
        unit_told = head.wait_for(granted, since_head, NOTICE_TIMEOUT)
        assert "Quyết định số 125/QĐ-UBND" in unit_told["text"]

        fake.wait_until_polled(timeout=START_TIMEOUT)
        assert bot.terminate() == 0, bot.log()
    finally:
        bot.ensure_dead()
    log = bot.log()
    assert "Traceback" not in log, log

    # The minutes: the members present, the votes per nominee in their table, the law's share.
    text = text_of(minutes)
    assert "BIÊN BẢN" in text and "6/7 thành viên Hội đồng có mặt" in text
    assert all(member in text for member in MEMBERS)
    votes = [[c.text for c in row.cells] for row in minutes.tables[1].rows]
    assert [row[1:] for row in votes[1:]] == [
        [UNIT, UNIT, "Giấy khen", "6/7", "85,7%", "ĐẠT"],
        [OANH, UNIT, "Bằng khen", "6/7", "85,7%", "ĐẠT"],
    ]
    # The Quyết định: the Chủ tịch's, with Căn cứ lines, Điều 1 and its list of the unit only.
    text = text_of(decision)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG CHU VĂN AN" in text and "Số: …/QĐ-UBND" in text
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in text
    assert "Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân phường cho 1 tập thể" in text
    listed = [row.cells[1].text for row in decision.tables[-1].rows]
    assert UNIT in listed and OANH not in listed
    assert "Nguyễn Văn Thương" in text and decision.sections[0].different_first_page_header_footer
    # The tờ trình to the city: its addressee, the Bằng khen nominee in its danh sách.
    text = text_of(letter)
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân thành phố" in text
    assert "tặng Bằng khen cho 1 cá nhân" in text and "TM. ỦY BAN NHÂN DÂN" in text
    assert [row.cells[1].text for row in letter.tables[-1].rows][-1] == OANH

    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            approved = session.exec(select(AwardRound)).one()
            recognised = session.exec(select(InitiativeRecognition)).all()
    finally:
        engine.dispose()
    assert (approved.status, approved.decision_number) == ("approved", "125/QĐ-UBND")
    assert [(r.report_id, r.decision) for r in recognised] == [(oanh_report, "125/QĐ-UBND")]
