"""What the bot starts reaches people whatever the text's length, and what failed can be sent
again: lengths counted as Telegram counts them, refusals for good, the author's «Gửi lại».

Announcements are composed through chat (tests/chat.py); their rows go to officers bound on
Telegram and are sent by the real sender against the fake Bot API, on a fake clock.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator

import pytest
from sqlmodel import Session, col, select
from telegram import Bot
from telegram.error import BadRequest

from bot.core import Core
from bot.telegram.rendering import MAX_CAPTION, MAX_TEXT, split_text, utf16_units
from storage.db import transaction
from storage.models import AuditEntry, Outbox, OutboxStatus
from storage.queries.outbox import enqueue
from storage.queries.reports import record_stored_file
from storage.queries.roster import officer_by_code
from tests.chat import Chat
from tests.factories import bind_accounts
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.flows import Turn, play
from tests.test_outbox import Harness
from tests.test_report_flow import PDF

EMOJI = "😀"  # outside the Basic Multilingual Plane: one character, two UTF-16 units
# Recipients bound on Telegram, by officer code, with their chat ids.
TELEGRAM_CHATS = {"PVHCC01": 5101, "PVHCC02": 5102, "PVHCC03": 5103, "VP02": 5104}
# The same accounts as the platform's ids are stored: text.
TELEGRAM_ACCOUNTS = {code: str(chat) for code, chat in TELEGRAM_CHATS.items()}


@pytest.fixture
def api() -> Iterator[FakeTelegramAPI]:
    with FakeTelegramAPI() as fake:
        yield fake


@pytest.fixture
def harness(core: Core, api: FakeTelegramAPI) -> Harness:
    return Harness(core, api)


def announce(chat: Chat, text: str) -> None:
    play(
        chat,
        [
            Turn(send="/thongbao", expect="Nhập nội dung thông báo"),
            Turn(send=text, expect="Gửi tệp kèm theo"),
            Turn(press="Bỏ qua", expect="Gửi thông báo tới ai?"),
            Turn(press="Toàn phường", expect="Xem lại thông báo"),
            Turn(press="✅ Gửi", expect="Đã gửi thông báo số"),
        ],
    )


def telegram_rows(core: Core) -> list[Outbox]:
    with Session(core.engine) as session:
        query = select(Outbox).where(Outbox.channel == "telegram").order_by(col(Outbox.id))
        return list(session.exec(query).all())


# ----- lengths ----------------------------------------------------------------------------


def test_split_text_counts_utf16_units_and_never_splits_a_sign() -> None:
    text = "Thông báo:\n" + EMOJI * 2035 + "\n" + "👍🏽" * 1500
    pieces = split_text(text)
    assert all(0 < utf16_units(piece) <= MAX_TEXT for piece in pieces)
    assert pieces[0] == "Thông báo:\n" + EMOJI * 2035  # cut at the line end
    assert "".join(pieces[1:]) == "👍🏽" * 1500  # then between signs
    # A thumb and its skin tone stay together, even where a piece is cut between signs.
    assert all(not piece.startswith("🏽") for piece in pieces)
    assert [utf16_units(piece) for piece in split_text(EMOJI * 2048)] == [MAX_TEXT]
    assert [utf16_units(piece) for piece in split_text(EMOJI * 2049)] == [MAX_TEXT, 2]


def test_split_text_prefers_line_ends_then_spaces() -> None:
    words = " ".join(["thi đua"] * 1000)  # 7999 characters, no line end
    pieces = split_text(words)
    assert all(utf16_units(piece) <= MAX_TEXT for piece in pieces)
    assert " ".join(pieces) == words
    assert all(piece.endswith("đua") for piece in pieces)


def test_the_fake_bot_api_counts_as_telegram_does(api: FakeTelegramAPI) -> None:
    async def main() -> None:
        async with Bot(api.token, base_url=api.base_url) as bot:
            await bot.send_message(5001, EMOJI * 2048)
            with pytest.raises(BadRequest, match="too long"):
                await bot.send_message(5001, EMOJI * 2049)

    asyncio.run(main())
    assert [len(m["text"]) for m in api.sent(5001)] == [2048]


def test_an_announcement_of_2035_emoji_reaches_everyone(
    core: Core, harness: Harness, make_chat: type[Chat]
) -> None:
    """2035 emoji fit Telegram by characters but not by its units: sent in pieces (cut at the
    line ends around them: with the header or the footer they would not fit either)."""
    bind_accounts(core, "telegram", TELEGRAM_ACCOUNTS)
    announce(make_chat("VHXH02"), EMOJI * 2035)
    harness.drain()
    assert {row.status for row in telegram_rows(core)} == {OutboxStatus.SENT}
    for chat in TELEGRAM_CHATS.values():
        pieces = [m["text"] for m in harness.api.sent(chat)]
        assert len(pieces) == 3 and pieces[1] == EMOJI * 2035
        assert "THÔNG BÁO SỐ 1" in pieces[0] and "Đã nhận" in pieces[2]
        assert harness.api.sent(chat)[-1]["reply_markup"] is not None  # «Đã nhận» under it


def test_a_text_too_long_for_a_caption_goes_before_the_file(core: Core, harness: Harness) -> None:
    """600 emoji are 600 characters but 1200 units: more than a caption takes."""
    sha = core.files.put(PDF)
    text = EMOJI * 600
    with transaction(core.engine) as session:
        officer = officer_by_code(session, code="VHXH02")
        assert officer is not None and officer.id is not None
        record_stored_file(
            session,
            sha256=sha,
            size=len(PDF),
            mime_type="application/pdf",
            extension="pdf",
            uploaded_by=officer.id,
            now=core.clock(),
        )
        enqueue(
            session,
            idempotency_key="caption",
            channel="telegram",
            chat_id="5201",
            officer_id=None,
            kind="announcement",
            text=text,
            now=core.clock(),
            file_sha256=sha,
            file_name="ke-hoach.pdf",
        )
    assert len(text) <= MAX_CAPTION < utf16_units(text)
    harness.drain()
    message, document = harness.api.sent(5201)
    assert message["text"] == text and (document["kind"], document["data"]) == ("document", PDF)
    assert [row.status for row in telegram_rows(core)] == [OutboxStatus.SENT]


# ----- «Gửi lại» --------------------------------------------------------------------------


def test_the_author_resends_what_failed_and_only_that(
    core: Core, harness: Harness, make_chat: type[Chat]
) -> None:
    """Blocked: not resent. Refused ("chat not found") and given up after the retry horizon:
    listed as failed, resent once per «Gửi lại» however often it is pressed."""
    bind_accounts(core, "telegram", TELEGRAM_ACCOUNTS)
    secretariat = make_chat("VHXH02")
    announce(secretariat, "Đề nghị các đơn vị hoàn thành hồ sơ khen thưởng trước 25/11/2026.")
    blocked, refused, flaky, fine = TELEGRAM_CHATS.values()
    api = harness.api
    api.fail_next("sendMessage", blocked, status=403)
    api.fail_next("sendMessage", refused, status=400, description="Bad Request: chat not found")
    # Tries at 0, 10, 30 and 70 s fail; the last is past a 36-second horizon: given up.
    api.fail_next("sendMessage", flaky, status=502, times=4)
    harness.drain(retry_hours=0.01)
    statuses = {int(row.chat_id): row.status for row in telegram_rows(core)}
    assert statuses == {
        blocked: OutboxStatus.UNREACHABLE,
        refused: OutboxStatus.FAILED,
        flaky: OutboxStatus.FAILED,
        fine: OutboxStatus.SENT,
    }

    secretariat.send("/thongbao")
    assert "gửi lỗi 2" in secretariat.text
    secretariat.press("Số 1")
    assert "Gửi lỗi (đã thử lại nhiều lần không được" in secretariat.text
    assert "ứng dụng chat từ chối tin nhắn): 2" in secretariat.text
    assert "đã chặn bot): 1" in secretariat.text
    [resend] = [b for r in secretariat.last for b in r.flat_buttons() if "Gửi lại" in b.label]
    assert resend.label == "🔁 Gửi lại (2)"
    secretariat.press_payload(resend.payload)
    assert "Đã xếp lịch gửi lại thông báo số 1 cho 2 người" in secretariat.text
    assert "Đang chờ gửi: 3" in secretariat.text  # the two, and the author's own (not sent here)
    assert "Gửi lại" not in " ".join(secretariat.labels())
    secretariat.press_payload(resend.payload)  # the same button again: nothing more
    assert "đã được xếp lịch gửi lại rồi" in secretariat.text

    harness.drain()
    sent = Counter(chat for _, _, chat in harness.request.stamps)
    assert sent == {blocked: 1, refused: 2, flaky: 5, fine: 1}
    for chat in (refused, flaky, fine):
        assert len(api.sent(chat)) == 1
    rows = telegram_rows(core)
    assert len(rows) == 6 and {r.idempotency_key.partition("#")[2] for r in rows} == {"", "r1"}
    secretariat.press("🔄 Cập nhật")
    assert "Đã gửi tới: 3 người" in secretariat.text
    assert "Gửi lại" not in " ".join(secretariat.labels())
    with Session(core.engine) as session:
        [audit] = session.exec(
            select(AuditEntry).where(AuditEntry.action == "announcement.resend")
        ).all()
    assert audit.after["round"] == 1 and audit.after["rows"] == 2


def test_the_report_says_who_waits_after_a_failed_try(
    core: Core, harness: Harness, make_chat: type[Chat]
) -> None:
    """During an outage the author sees the messages are not lost but being tried again."""
    bind_accounts(core, "telegram", TELEGRAM_ACCOUNTS)
    secretariat = make_chat("VHXH02")
    announce(secretariat, "Mời các đồng chí dự họp sơ kết phong trào thi đua lúc 14:00.")
    harness.api.fail_next("sendMessage", None, status=502, times=2)

    async def one_step() -> None:
        async with harness.bot() as bot:
            await harness.sender(bot).step()

    asyncio.run(one_step())
    secretariat.send("/thongbao")
    secretariat.press("Số 1")
    assert "Đã gửi tới: 2 người" in secretariat.text
    assert "Đang chờ gửi: 3 (trong đó 2 người chưa gửi được vì mạng" in secretariat.text
