"""The award chain after intake, all in chat: the ward's list, công khai and comments, the
council's vote, the drafted documents, the leadership's approval and the announcement."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument
from sqlmodel import Session, col, select

from bot.core import Core
from storage.models import (
    AuditEntry,
    AwardRound,
    InitiativeRecognition,
    Outbox,
    Report,
    RoundComment,
)
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.flows import Turn, play
from tests.test_dossier import docx_text
from tests.test_export import rows, workbook
from tests.test_leadership import file_collective
from tests.test_nominations import nominate, officer_id
from tests.test_report_flow import OFFICER_REPORT, PDF

PVHCC = "Trung tâm Phục vụ hành chính công"
VP = "Văn phòng HĐND và UBND"
OANH, LAN = "Mai Thị Kim Oanh", "Phạm Thị Lan"
CHAIRMAN = "LD01"  # the demo roster's Chủ tịch UBND phường
MEMBERS = [
    "Nguyễn Văn Thương – Chủ tịch Hội đồng",
    "Hoàng Thị Ngọc Anh – Phó Chủ tịch Hội đồng",
    "Nguyễn Thị Thu Hà – Ủy viên",
    "Lý Thị Thanh Hương – Ủy viên",
    "Đỗ Văn Hùng – Ủy viên",
    "Ngô Thanh Tùng – Thư ký",
]


def reported_and_confirmed(
    make_chat: type[Chat], clock: FakeClock, officer: str, head: Chat
) -> Chat:
    """The officer reports in chat (an initiative, with evidence); their head confirms it."""
    chat = make_chat(officer)
    play(chat, OFFICER_REPORT)
    clock.advance(minutes=5)
    play(
        head,
        [
            Turn(send="/xacnhan", expect="Báo cáo chờ xác nhận 1/1"),
            Turn(press="✅ Xác nhận", expect="Đã xác nhận báo cáo số"),
        ],
    )
    return chat


def confirmed_report(core: Core, officer: str) -> int:
    with Session(core.engine) as session:
        report = session.exec(
            select(Report).where(Report.officer_id == officer_id(core, officer))
        ).one()
        assert report.status == "confirmed" and report.id is not None
        return report.id


def collective_confirmed(head: Chat, leader: Chat) -> int:
    """The head reports for the whole unit in chat; the ward's leadership confirms it."""
    number = file_collective(head, "Một cửa liên thông của Trung tâm")
    play(
        leader,
        [
            Turn(send="/xacnhan", expect="Báo cáo chờ xác nhận 1/1"),
            Turn(press="✅ Xác nhận", expect=f"Đã xác nhận báo cáo số {number}"),
        ],
    )
    return number


def nominate_collective(head: Chat, report: int) -> None:
    head.send("/dexuat")
    if "➕ Đề xuất mới" in head.labels():
        head.press("➕ Đề xuất mới")
    play(
        head,
        [
            Turn(press="Tập thể", expect="Chọn hình thức"),
            Turn(press="Giấy khen", expect="Đối với tập thể"),
            Turn(press="Thành tích xuất sắc, dẫn đầu", expect="Chọn các báo cáo"),
            Turn(press=f"⬜ Số {report}", expect=f"• Số {report}"),
            Turn(press="Xong", expect="Xem lại đề xuất"),
            Turn(press="✅ Lưu đề xuất", expect="Đã lưu đề xuất số"),
        ],
    )


def nominate_city(head: Chat, nominee: str, report: int) -> None:
    head.send("/dexuat")
    if "➕ Đề xuất mới" in head.labels():
        head.press("➕ Đề xuất mới")
    play(
        head,
        [
            Turn(press="Cá nhân", expect="Chọn cán bộ"),
            Turn(press=nominee, expect="Chọn hình thức"),
            Turn(press="Bằng khen", expect="bấm «Xong»"),
            Turn(press=f"⬜ Số {report}:", expect=f"• Số {report}:"),
            Turn(press="Xong", expect="Xem lại đề xuất"),
            Turn(press="✅ Lưu đề xuất", expect="Đã lưu đề xuất số"),
        ],
    )


def file_signed_dossier(head: Chat, clock: FakeClock) -> None:
    """Upload a signed file for every line of the checklist, then send the dossier."""
    head.send("/hoso")
    slots = [label for label in head.labels() if label.startswith("⬆️ Tải lên")]
    for number, label in enumerate(slots, start=1):
        clock.advance(minutes=1)
        play(
            head,
            [
                Turn(send="/hoso", expect="Hồ sơ đề nghị khen thưởng"),
                Turn(press=label, expect="Gửi tệp cho mục"),
                Turn(upload=(f"ky-{number}.pdf", PDF + bytes(number)), expect="Đã lưu"),
            ],
        )
    play(
        head,
        [
            Turn(send="/hoso", expect="Hồ sơ đề nghị khen thưởng"),
            Turn(press="📤 Gửi hồ sơ", expect="cho phòng Văn hóa – Xã hội?"),
            Turn(press="✅ Đồng ý gửi", expect="Đã gửi hồ sơ"),
        ],
    )


def accept(secretary: Chat, unit: str) -> None:
    play(
        secretary,
        [
            Turn(send="/tiepnhan", expect=unit),
            Turn(press=f"📂 {unit}", expect="Tài liệu:"),
            Turn(press="✅ Tiếp nhận", expect=f"Đã tiếp nhận hồ sơ của {unit}"),
        ],
    )


def outbox_to(core: Core, officer: str, kind: str | None = None) -> list[Outbox]:
    with Session(core.engine) as session:
        query = select(Outbox).where(Outbox.officer_id == officer_id(core, officer))
        if kind is not None:
            query = query.where(Outbox.kind == kind)
        return list(session.exec(query.order_by(col(Outbox.id))).all())


def the_round(core: Core) -> AwardRound:
    with Session(core.engine) as session:
        return session.exec(select(AwardRound)).one()


def recognitions(core: Core) -> list[InitiativeRecognition]:
    with Session(core.engine) as session:
        return list(session.exec(select(InitiativeRecognition)).all())


@dataclass
class Ward:
    secretary: Chat
    leader: Chat
    oanh_report: int
    lan_report: int
    unit_report: int


def accepted_ward(core: Core, make_chat: type[Chat], clock: FakeClock) -> Ward:
    """Two units' dossiers accepted: PVHCC (its collective and Oanh for Giấy khen) and VP
    (Lan for Bằng khen); each backed by a report confirmed in chat, the collective one by the
    ward's leadership."""
    leader = make_chat(CHAIRMAN)
    pvhcc_head, vp_head = make_chat("PVHCC01"), make_chat("VP01")
    reported_and_confirmed(make_chat, clock, "PVHCC03", pvhcc_head)
    reported_and_confirmed(make_chat, clock, "VP04", vp_head)
    oanh, lan = confirmed_report(core, "PVHCC03"), confirmed_report(core, "VP04")
    clock.advance(minutes=5)
    unit_report = collective_confirmed(pvhcc_head, leader)
    nominate(pvhcc_head, OANH, [oanh])
    nominate_collective(pvhcc_head, unit_report)
    nominate_city(vp_head, LAN, lan)
    clock.advance(minutes=5)
    file_signed_dossier(pvhcc_head, clock)
    file_signed_dossier(vp_head, clock)
    secretary = make_chat("VHXH02")
    accept(secretary, PVHCC)
    accept(secretary, VP)
    return Ward(secretary, leader, oanh, lan, unit_report)


def voted_ward(core: Core, make_chat: type[Chat], clock: FakeClock) -> Ward:
    """The accepted ward, its list published for its days, and the council's vote recorded."""
    ward = accepted_ward(core, make_chat, clock)
    play(ward.secretary, [Turn(send="/xettang", expect="DANH SÁCH")])
    play(ward.secretary, [Turn(press="📢 Công khai", expect="Đã công khai")])
    clock.advance(days=5)
    today = clock.now.astimezone(core.config.timezone).strftime("%d/%m/%Y")
    turns = [
        Turn(send="/xettang", expect="Đang công khai"),
        Turn(press="🗳 Ghi kết quả họp Hội đồng", expect="Nhập ngày họp"),
        Turn(send=today, expect="bao nhiêu thành viên"),
        Turn(send="7", expect="thành viên có mặt"),
        Turn(send="\n".join(MEMBERS), expect="Nhập số phiếu đồng ý"),
        *[Turn(send="6", expect="") for _ in range(3)],
        Turn(press="✅ Lưu kết quả", expect="Đã lưu kết quả họp Hội đồng: 3/3"),
    ]
    play(ward.secretary, turns)
    return ward


def test_the_chain_from_accepted_dossiers_to_the_announced_decision(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    ward = accepted_ward(core, make_chat, clock)
    secretary, leader = ward.secretary, ward.leader
    clock.advance(minutes=10)

    # 1. The list, per award form, collectives first, each with its confirmed reports.
    play(secretary, [Turn(send="/xettang", expect="DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG TOÀN PHƯỜNG (3")])
    listing = secretary.text
    giay, bang = listing.index("I. Giấy khen"), listing.index("II. Bằng khen")
    assert giay < listing.index(f"1. Tập thể {PVHCC}") < listing.index(f"2. {OANH}") < bang
    assert bang < listing.index(f"3. {LAN} — {VP}")
    assert f"Số {ward.oanh_report} «Theo dõi trực tuyến hồ sơ một cửa»" in listing
    unit_line = f"Số {ward.unit_report} «Một cửa liên thông của Trung tâm»"
    assert listing.index(f"1. Tập thể {PVHCC}") < listing.index(unit_line) < listing.index(OANH)
    assert "chưa gắn báo cáo đã xác nhận" not in listing

    # 2. Công khai: to every officer through the outbox, with a button to comment.
    play(secretary, [Turn(press="📢 Công khai (5 ngày)", expect="Đã công khai danh sách 3")])
    [published] = outbox_to(core, "TTVH01", "announcement") or [None]
    assert published is None  # TTVH01 never bound a chat account: nothing to deliver
    commenter = make_chat("TTVH03")
    [notice] = [o for o in outbox_to(core, "PVHCC04") if "CÔNG KHAI" in o.text] or [None]
    assert notice is None  # PVHCC04 is not bound either
    [to_oanh] = [o for o in outbox_to(core, "PVHCC03", "announcement")]
    assert "CÔNG KHAI DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG" in to_oanh.text and LAN in to_oanh.text
    assert to_oanh.buttons["rows"][0][0]["payload"] == "g.list"
    commenter.press_payload("g.list")
    play(
        commenter,
        [
            Turn(press=f"3. {LAN}", expect=f"Nhập ý kiến của bạn về «{LAN}»"),
            Turn(send="ok", expect="quá ngắn"),
            Turn(send="Đề nghị làm rõ số liệu 98% hồ sơ đúng hạn", expect="Đã ghi nhận ý kiến"),
        ],
    )
    play(
        secretary,
        [
            Turn(send="/xettang", expect="Đang công khai đến"),
            Turn(press="💬 Xem ý kiến", expect=f"3. {LAN} — 1 ý kiến:"),
        ],
    )
    assert "Tạ Quang Huy (Trung tâm Văn hóa, Thể thao và Truyền thông)" in secretary.text
    assert "Đề nghị làm rõ số liệu 98% hồ sơ đúng hạn" in secretary.text
    play(
        secretary,
        [
            Turn(send="/xettang", expect="Đang công khai"),
            Turn(press="🗳 Ghi kết quả họp Hội đồng", expect="còn đang công khai đến"),
        ],
    )

    # 3. After công khai, the meeting: date, members, counts; the bot applies the share.
    clock.advance(days=5)
    commenter.send("/gopy")
    assert "không có danh sách đề nghị khen thưởng nào đang công khai" in commenter.text
    today = clock.now.astimezone(core.config.timezone).strftime("%d/%m/%Y")
    play(
        secretary,
        [
            Turn(send="/xettang", expect="Đang công khai"),
            Turn(press="🗳 Ghi kết quả họp Hội đồng", expect="Nhập ngày họp"),
            Turn(send="31/02/2026", expect="Ngày chưa đúng"),
            Turn(send=today, expect="bao nhiêu thành viên"),
            Turn(send="7", expect="thành viên có mặt"),
            Turn(send="\n".join(MEMBERS), expect=f"Nhập số phiếu đồng ý cho 1. Tập thể {PVHCC}"),
            Turn(send="7", expect="từ 0 đến 6"),
            Turn(send="6", expect=f"cho 2. {OANH}"),
            Turn(send="5", expect=f"cho 3. {LAN}"),
            Turn(send="4", expect="Xem lại kết quả họp"),
        ],
    )
    assert f"3. {LAN} (Bằng khen): 4/7 (57,1%) — CHƯA ĐẠT" in secretary.text
    assert f"2. {OANH} (Giấy khen): 5/7 (71,4%) — ĐẠT" in secretary.text
    assert "từ 70% phiếu đồng ý trở lên, tính trên tổng số thành viên Hội đồng" in secretary.text
    play(
        secretary,
        [
            Turn(press="✏️ Nhập lại", expect=f"cho 1. Tập thể {PVHCC}"),
            Turn(send="6", expect=f"cho 2. {OANH}"),
            Turn(send="5", expect=f"cho 3. {LAN}"),
            Turn(send="6", expect=f"3. {LAN} (Bằng khen): 6/7 (85,7%) — ĐẠT"),
            Turn(press="✅ Lưu kết quả", expect="Đã lưu kết quả họp Hội đồng: 3/3 đề nghị đạt"),
        ],
    )
    [to_leader] = outbox_to(core, CHAIRMAN, "notice")
    assert "3/3 đề nghị đạt" in to_leader.text and "/pheduyet" in to_leader.text
    assert recognitions(core) == []  # "Có" in the report recognises nothing by itself

    # 4. Documents drafted from the record, for the leadership to read before approving.
    play(leader, [Turn(send="/pheduyet", expect="chờ lãnh đạo UBND phường phê duyệt")])
    assert set(leader.labels()) >= {"✅ Phê duyệt", "📄 Biên bản họp", "📄 Dự thảo Quyết định"}
    leader.press("📄 Biên bản họp")
    minutes = open_file(leader)
    text = docx_text_of(minutes)
    assert "BIÊN BẢN" in text and "6/7 thành viên Hội đồng có mặt" in text
    assert all(member in text for member in MEMBERS)
    votes = minutes.tables[1]
    assert [c.text for c in votes.rows[3].cells][1:] == [
        LAN,
        VP,
        "Bằng khen",
        "6/7",
        "85,7%",
        "ĐẠT",
    ]
    assert "Đề nghị làm rõ số liệu 98% hồ sơ đúng hạn" in text
    assert "Nghị định số 152/2025/NĐ-CP" in text
    leader.send("/pheduyet")
    leader.press("📄 Dự thảo Quyết định")
    decision = open_file(leader)
    text = docx_text_of(decision)
    assert "QUYẾT ĐỊNH" in text and "Số: …/QĐ-UBND" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG CHU VĂN AN" in text
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in text
    assert (
        "Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân phường cho 1 tập thể và 1 cá nhân"
        in text
    )
    listed = [row.cells[1].text for row in decision.tables[-1].rows]
    assert PVHCC in listed and OANH in listed and LAN not in listed
    assert "Nguyễn Văn Thương" in text and "THỦ TRƯỞNG ĐƠN VỊ" not in text
    leader.send("/pheduyet")
    leader.press("📄 Tờ trình Bằng khen")
    letter = open_file(leader)
    text = docx_text_of(letter)
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân thành phố (qua Sở Nội vụ thành phố)." in text
    assert "tặng Bằng khen cho 1 cá nhân" in text and "TM. ỦY BAN NHÂN DÂN" in text
    assert [row.cells[1].text for row in letter.tables[-1].rows][-1] == LAN

    # 5. Approval in chat: the decision's number; initiatives recognised; everyone told.
    play(
        leader,
        [
            Turn(send="/pheduyet", expect="chờ lãnh đạo UBND phường phê duyệt"),
            Turn(press="✅ Phê duyệt", expect="Nhập số Quyết định"),
            Turn(send="abc", expect="Số Quyết định chưa đúng"),
            Turn(send="125/QĐ-UBND", expect="Đã phê duyệt theo Quyết định số 125/QĐ-UBND"),
        ],
    )
    assert "Đã ghi nhận 2 sáng kiến được công nhận" in leader.text
    approved = the_round(core)
    assert (approved.status, approved.decision_number) == ("approved", "125/QĐ-UBND")
    assert approved.approved_by == officer_id(core, CHAIRMAN)
    found = {(r.report_id, r.decision, r.recognised_by) for r in recognitions(core)}
    leader_id = officer_id(core, CHAIRMAN)
    assert found == {
        (ward.oanh_report, "125/QĐ-UBND", leader_id),
        (ward.lan_report, "125/QĐ-UBND", leader_id),
    }
    [to_oanh_result] = [o for o in outbox_to(core, "PVHCC03") if "Quyết định số" in o.text]
    assert f"{OANH} được Chủ tịch Ủy ban nhân dân phường tặng Giấy khen" in to_oanh_result.text
    head_news = " ".join(o.text for o in outbox_to(core, "PVHCC01"))
    assert f"Tập thể {PVHCC} được Chủ tịch Ủy ban nhân dân phường tặng Giấy khen" in head_news
    [to_lan] = [
        o for o in outbox_to(core, "VP04") if "Bằng khen" in o.text and "xét tặng" in o.text
    ]
    assert "trình Chủ tịch Ủy ban nhân dân thành phố xét tặng Bằng khen" in to_lan.text
    with Session(core.engine) as session:
        actions = [a.action for a in session.exec(select(AuditEntry).order_by(col(AuditEntry.id)))]
        comments = session.exec(select(RoundComment)).all()
    assert [a for a in actions if a.startswith("round.")] == [
        "round.publish",
        "round.comment",
        "round.vote",
        "round.approve",
    ]
    assert len(comments) == 1

    # 6. /tonghop and /xuat show the result.
    play(secretary, [Turn(send="/tonghop", expect="Xét khen thưởng toàn phường: 3 đề nghị.")])
    assert "Quyết định số 125/QĐ-UBND" in secretary.text
    assert f"• Đạt, Bằng khen của Chủ tịch Ủy ban nhân dân thành phố: {LAN}" in secretary.text
    secretary.send("/xuat")
    secretary.press("📊 Bảng tổng hợp (Excel)")
    table = rows(workbook(secretary).worksheets[0])
    results = {row[1]: row[-1] for row in table if isinstance(row[0], int)}
    assert table[0][-1] == "Kết quả xét khen thưởng"
    assert results == {
        PVHCC: "Đạt (6/7 phiếu đồng ý); tặng theo Quyết định số 125/QĐ-UBND",
        OANH: "Đạt (5/7 phiếu đồng ý); tặng theo Quyết định số 125/QĐ-UBND",
        LAN: "Đạt (6/7 phiếu đồng ý); phê duyệt theo Quyết định số 125/QĐ-UBND, "
        "trình Chủ tịch Ủy ban nhân dân thành phố xét tặng",
    }
    play(
        secretary,
        [
            Turn(send="/xuat", expect="Chọn tài liệu"),
            Turn(press="🗂 Hồ sơ toàn phường (ZIP)", expect="Hồ sơ toàn phường"),
        ],
    )
    archive = secretary.last[0].file
    assert archive is not None
    names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    assert "Xét khen thưởng toàn phường/Du-thao-Quyet-dinh-tang-Giay-khen.docx" in names
    assert "Xét khen thưởng toàn phường/Bien-ban-hop-Hoi-dong-TDKT.docx" in names
    with zipfile.ZipFile(io.BytesIO(archive.content)) as bundle:
        drafted = bundle.read("Xét khen thưởng toàn phường/Du-thao-Quyet-dinh-tang-Giay-khen.docx")
    assert "Số: 125/QĐ-UBND" in docx_text(drafted)


def open_file(chat: Chat) -> DocxDocument:
    [reply] = chat.last
    assert reply.file is not None and "dự thảo, chưa ký" in reply.text
    return Document(io.BytesIO(reply.file.content))


def docx_text_of(document: DocxDocument) -> str:
    cells = [cell for table in document.tables for row in table.rows for cell in row.cells]
    paragraphs = [*document.paragraphs, *(p for cell in cells for p in cell.paragraphs)]
    return "\n".join(p.text for p in paragraphs)


def test_nobody_but_the_roles_may_press_the_rounds_buttons(
    core: Core, make_chat: type[Chat], clock: FakeClock
) -> None:
    ward = accepted_ward(core, make_chat, clock)
    ward.secretary.send("/xettang")
    officer = make_chat("PVHCC04")
    for payload in [b.payload for r in ward.secretary.last for b in r.flat_buttons()]:
        officer.press_payload(payload)
        assert "Lệnh /xettang dành cho" in officer.text
    officer.press_payload(f"p.ok.{the_round(core).id}")
    assert "Lệnh /pheduyet dành cho Lãnh đạo UBND phường" in officer.text
    assert the_round(core).status == "compiled"
    officer.send("/gopy")
    assert "không có danh sách" in officer.text
