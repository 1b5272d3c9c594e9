"""The Telegram adapter, offline: Bot API updates in through `Application.process_update`.

As in python-telegram-bot's own tests, the Bot talks to a `BaseRequest` subclass that answers
from memory (tests/recording_request.py); the tests then read what the bot asked the Bot API.
The application is the one `bot.telegram_channel.build_application` builds, on the real core.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from PIL import Image
from sqlmodel import Session, select
from telegram import Update
from telegram.ext import Application, CallbackContext

from bot.core import Core
from bot.settings import Settings
from bot.telegram import channel as telegram_channel
from bot.telegram.channel import build_application, send_reply
from bot.telegram.rendering import MAX_TEXT, keyboard, split_text
from handlers.engine.menu import entries_for
from handlers.engine.messages import Button, OutgoingFile, Reply
from handlers.identity.binding import issue_invite
from storage.db import transaction
from storage.models import (
    AuditEntry,
    ChatIdentity,
    Evidence,
    Report,
    ReportStatus,
    Role,
    StoredFile,
)
from tests.factories import add_report
from tests.recording_request import BOT_USER, DOWNLOAD, Call, RecordingRequest

TOKEN = "123:ABC"
API_BASE = "https://bot-api.test/bot"
FILE_BASE = "https://bot-api.test/file/bot"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MB = 1024 * 1024
CALLBACK_DATA_LIMIT = 64  # bytes, the Bot API's limit for callback_data


def png_bytes(colour: str, side: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (side, side), colour).save(out, format="PNG")
    return out.getvalue()


def telegram_settings(tmp_path: Path) -> Settings:
    return Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "DATA_DIR": str(tmp_path / "data"),
            "TELEGRAM_API_BASE_URL": API_BASE,
            "TELEGRAM_FILE_BASE_URL": FILE_BASE,
        }
    )


class Harness:
    """An initialised application on its own event loop; `process` feeds it one update."""

    def __init__(self, application: Application, request: RecordingRequest, core: Core) -> None:  # type: ignore[type-arg]
        self.application = application
        self.request = request
        self.core = core
        self.loop = asyncio.new_event_loop()
        self._update_ids = itertools.count(500_000)
        self._message_ids = itertools.count(1)

    def run(self, awaitable: Any) -> Any:
        return self.loop.run_until_complete(awaitable)

    def process(self, payload: dict[str, Any]) -> list[Call]:
        """Process one update (Bot API JSON without update_id); the calls it caused."""
        before = len(self.request.calls)
        data = {"update_id": next(self._update_ids), **payload}
        update = Update.de_json(data, self.application.bot)
        self.run(self.application.process_update(update))
        return self.request.calls[before:]

    def now(self) -> int:
        return int(self.core.clock().timestamp())

    def next_message_id(self) -> int:
        return next(self._message_ids)

    def close(self) -> None:
        self.run(self.application.shutdown())
        self.run(self.loop.shutdown_default_executor())
        self.loop.close()


@pytest.fixture
def telegram(core: Core, tmp_path: Path) -> Iterator[Harness]:
    request = RecordingRequest(file_base_url=FILE_BASE + TOKEN)
    application = build_application(telegram_settings(tmp_path), core, request=request)
    harness = Harness(application, request, core)
    harness.run(harness.application.initialize())
    yield harness
    harness.close()


def texts(calls: list[Call]) -> str:
    return "\n".join(call.text for call in calls if call.method == "sendMessage")


class TelegramUser:
    """One person in a private chat with the bot, sending what the Telegram app would send."""

    def __init__(self, harness: Harness, user_id: int, first_name: str, last_name: str) -> None:
        self.harness = harness
        self.user = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "last_name": last_name,
            "language_code": "vi",
        }
        self.chat = {
            "id": user_id,
            "type": "private",
            "first_name": first_name,
            "last_name": last_name,
        }
        self.last: list[Call] = []

    def message(self, **content: Any) -> list[Call]:
        self.last = self.harness.process(
            {
                "message": {
                    "message_id": self.harness.next_message_id(),
                    "from": self.user,
                    "chat": self.chat,
                    "date": self.harness.now(),
                    **content,
                }
            }
        )
        return self.last

    def send(self, text: str) -> list[Call]:
        if text.startswith("/"):
            command = text.split(" ", 1)[0]
            entities = [{"type": "bot_command", "offset": 0, "length": len(command)}]
            return self.message(text=text, entities=entities)
        return self.message(text=text)

    def send_document(self, file_id: str, name: str, mime: str, size: int | None) -> list[Call]:
        document: dict[str, Any] = {
            "file_id": file_id,
            "file_unique_id": f"u-{file_id}",
            "file_name": name,
            "mime_type": mime,
        }
        if size is not None:
            document["file_size"] = size
        return self.message(document=document)

    def press(self, label: str) -> list[Call]:
        """Press the inline button with this label (or starting with it) the bot last sent here."""
        for call in reversed(self.harness.request.sent()):
            if call.params["chat_id"] != self.user["id"]:
                continue
            for button in call.buttons():
                if button["text"].startswith(label):
                    return self.press_data(button["callback_data"], call.result)
        raise AssertionError(f"no button {label!r} sent to {self.user['id']}")

    def press_data(self, data: str, message: dict[str, Any]) -> list[Call]:
        self.last = self.harness.process(
            {
                "callback_query": {
                    "id": f"cbq-{self.harness.next_message_id()}",
                    "from": self.user,
                    "chat_instance": f"ci-{self.user['id']}",
                    "message": message,
                    "data": data,
                }
            }
        )
        return self.last

    @property
    def text(self) -> str:
        return texts(self.last)


def officer_user(telegram: Harness, officer_code: str = "PVHCC03") -> TelegramUser:
    """A Telegram user bound to the officer through /start with a fresh invite code."""
    core = telegram.core
    with transaction(core.engine) as session:
        code = issue_invite(
            session,
            officer_code=officer_code,
            now=core.clock(),
            ttl=core.config.invite_ttl,
            key=core.config.invite_key,
        )
    user = TelegramUser(telegram, 5_550_001, "Oanh", "Mai Thị Kim")
    user.send(f"/start {code}")
    assert "liên kết tài khoản thành công" in user.text
    return user


def reach_evidence_step(user: TelegramUser) -> None:
    """Walk the report form through Telegram updates up to the evidence step."""
    assert "tiêu chí thi đua nào" in texts(user.send("/baocao"))
    assert "sáng kiến" in texts(user.press("a)"))
    assert "tên ngắn gọn" in texts(user.press("Không"))
    assert "Mô tả" in texts(user.send("Số hóa hồ sơ một cửa"))
    assert "Thời gian" in texts(user.send("Quét và lưu toàn bộ hồ sơ tiếp nhận"))
    assert "Kết quả" in texts(user.send("Quý III/2026"))
    assert "Gửi minh chứng" in texts(user.send("Xếp loại tốt"))


# --- binding -------------------------------------------------------------------------------


def test_start_with_invite_binds_and_welcomes_by_name(telegram: Harness, core: Core) -> None:
    with transaction(core.engine) as session:
        code = issue_invite(
            session,
            officer_code="PVHCC03",
            now=core.clock(),
            ttl=core.config.invite_ttl,
            key=core.config.invite_key,
        )
    user = TelegramUser(telegram, 5_550_001, "Oanh", "Mai Thị Kim")
    calls = user.send(f"/start {code}")
    # The welcome, then this chat's "/" menu set to the officer's commands.
    assert [c.method for c in calls] == ["sendMessage", "setMyCommands"]
    assert calls[1].params["scope"] == {"type": "chat", "chat_id": 5_550_001}
    assert calls[1].params["commands"] == expected_commands(Role.OFFICER)
    assert calls[0].params["chat_id"] == 5_550_001
    assert "Xin chào Mai Thị Kim Oanh" in calls[0].text
    assert "/baocao" in calls[0].text
    assert calls[0].url == f"{API_BASE}{TOKEN}/sendMessage"
    with Session(core.engine) as session:
        identity = session.exec(select(ChatIdentity)).one()
    assert (identity.channel, identity.platform_user_id) == ("telegram", "5550001")
    assert identity.chat_id == "5550001"


def test_unbound_user_is_told_to_bind(telegram: Harness, core: Core) -> None:
    stranger = TelegramUser(telegram, 9_990_001, "Khách", "Lạ")
    calls = stranger.send("xin chào")
    assert [c.method for c in calls] == ["sendMessage"]
    assert calls[0].params["chat_id"] == 9_990_001
    assert "chưa được liên kết" in calls[0].text
    assert "chưa được liên kết" in texts(stranger.send("/baocao"))
    bot_message = {
        "message_id": 77,
        "date": telegram.now(),
        "chat": stranger.chat,
        "from": {k: BOT_USER[k] for k in ("id", "is_bot", "first_name", "username")},
        "text": "cũ",
    }
    pressed = stranger.press_data("f.000000.criterion.a", bot_message)
    assert [c.method for c in pressed] == ["answerCallbackQuery", "sendMessage"]
    assert "chưa được liên kết" in pressed[1].text
    with Session(core.engine) as session:
        assert session.exec(select(ChatIdentity)).all() == []


# --- buttons -------------------------------------------------------------------------------


def test_report_buttons_are_an_inline_keyboard_and_a_press_is_answered(
    telegram: Harness,
) -> None:
    user = officer_user(telegram)
    calls = user.send("/baocao")
    assert [c.method for c in calls] == ["sendMessage"]
    buttons = calls[0].buttons()
    assert len(buttons) >= 8
    assert any(b["text"].startswith("a)") for b in buttons)
    for button in buttons:
        assert set(button) == {"text", "callback_data"}
        assert 1 <= len(button["callback_data"].encode()) <= CALLBACK_DATA_LIMIT

    pressed = user.press("a)")
    assert [c.method for c in pressed] == ["answerCallbackQuery", "sendMessage"]
    assert pressed[0].params["callback_query_id"].startswith("cbq-")
    assert "sáng kiến" in pressed[1].text
    assert pressed[1].params["chat_id"] == 5_550_001
    assert [b["text"] for b in pressed[1].buttons()] == ["Có", "Không"]


def test_stale_button_press_is_still_answered(telegram: Harness) -> None:
    user = officer_user(telegram)
    user.send("/baocao")
    criteria = user.harness.request.sent()[-1]
    user.press("a)")
    old = criteria.buttons()[1]["callback_data"]
    pressed = user.press_data(old, criteria.result)
    assert [c.method for c in pressed] == ["answerCallbackQuery", "sendMessage"]
    assert "đã qua" in pressed[1].text


# --- files ---------------------------------------------------------------------------------


def test_document_at_evidence_step_is_downloaded_and_stored(telegram: Harness, core: Core) -> None:
    user = officer_user(telegram)
    reach_evidence_step(user)
    telegram.request.register_file("DOC-1", PDF, path="documents/file_7.pdf")
    calls = user.send_document("DOC-1", "bao-cao.pdf", "application/pdf", len(PDF))
    assert [c.method for c in calls] == ["getFile", DOWNLOAD, "sendMessage"]
    assert calls[0].params == {"file_id": "DOC-1"}
    assert unquote(calls[1].url) == f"{FILE_BASE}{TOKEN}/documents/file_7.pdf"
    assert "Đã nhận «bao-cao.pdf»" in calls[2].text
    digest = hashlib.sha256(PDF).hexdigest()
    with Session(core.engine) as session:
        stored = session.exec(select(StoredFile)).one()
    assert (stored.sha256, stored.mime_type) == (digest, "application/pdf")
    assert core.files.read(digest) == PDF
    assert "Xem lại báo cáo" in texts(user.press("Xong"))
    assert "Đã gửi báo cáo số" in texts(user.press("✅ Gửi"))
    with Session(core.engine) as session:
        evidence = session.exec(select(Evidence)).one()
    assert (evidence.kind, evidence.file_sha256) == ("file", digest)


def test_photo_takes_the_largest_size(telegram: Harness, core: Core) -> None:
    user = officer_user(telegram)
    reach_evidence_step(user)
    sizes = [("PH-S", "red", 90), ("PH-M", "green", 320), ("PH-L", "blue", 800)]
    photo = []
    for file_id, colour, side in sizes:
        content = png_bytes(colour, side)
        telegram.request.register_file(file_id, content, path=f"photos/{file_id}.jpg")
        photo.append(
            {
                "file_id": file_id,
                "file_unique_id": f"U{file_id}",
                "width": side,
                "height": side,
                "file_size": len(content),
            }
        )
    calls = user.message(photo=photo, caption="Ảnh hiện trường")
    assert [c.method for c in calls] == ["getFile", DOWNLOAD, "sendMessage"]
    assert calls[0].params == {"file_id": "PH-L"}
    assert calls[1].params == {"path": "photos/PH-L.jpg"}
    assert "Đã nhận «anh-UPH-L.jpg»" in calls[2].text
    largest = png_bytes("blue", 800)
    with Session(core.engine) as session:
        stored = session.exec(select(StoredFile)).one()
    assert core.files.read(stored.sha256) == largest
    assert stored.mime_type == "image/png"
    user.press("Xong")
    assert "Đã gửi báo cáo số" in texts(user.press("✅ Gửi"))
    with Session(core.engine) as session:
        evidence = session.exec(select(Evidence)).one()
    assert evidence.kind == "photo"


def test_document_over_the_limit_is_not_downloaded(telegram: Harness, core: Core) -> None:
    user = officer_user(telegram)
    reach_evidence_step(user)
    telegram.request.register_file("BIG-1", b"never fetched")
    calls = user.send_document("BIG-1", "video-hop.mp4", "video/mp4", 25 * MB)
    assert [c.method for c in calls] == ["sendMessage"]
    assert "vượt giới hạn" in calls[0].text
    assert "video-hop.mp4" in calls[0].text
    with Session(core.engine) as session:
        assert session.exec(select(StoredFile)).all() == []


def test_file_the_bot_api_refuses_as_too_big_is_over_the_limit(telegram: Harness) -> None:
    user = officer_user(telegram)
    reach_evidence_step(user)
    telegram.request.register_file("BIG-2", None)  # getFile answers "file is too big"
    calls = user.send_document("BIG-2", "ban-scan.pdf", "application/pdf", None)
    assert [c.method for c in calls] == ["getFile", "sendMessage"]
    assert "vượt giới hạn" in calls[1].text


def test_failed_download_is_answered(telegram: Harness) -> None:
    user = officer_user(telegram)
    reach_evidence_step(user)
    telegram.request.register_file("DOC-3", PDF, download_status=502)
    calls = user.send_document("DOC-3", "bao-cao.pdf", "application/pdf", len(PDF))
    assert [c.method for c in calls][:2] == ["getFile", DOWNLOAD]
    assert calls[-1].method == "sendMessage"
    assert calls[-1].params["chat_id"] == 5_550_001


def test_file_outside_a_report_is_answered(
    telegram: Harness,
) -> None:
    user = officer_user(telegram)
    telegram.request.register_file("DOC-2", PDF)
    calls = user.send_document("DOC-2", "x.pdf", "application/pdf", len(PDF))
    assert calls[-1].method == "sendMessage"
    assert "chưa biết gắn vào báo cáo nào" in calls[-1].text


# --- messages the core cannot use ------------------------------------------------------------


STICKER = {
    "file_id": "STK-1",
    "file_unique_id": "USTK-1",
    "type": "regular",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
    "emoji": "👍",
}
LOCATION = {"latitude": 21.0285, "longitude": 105.8542}


def test_sticker_and_location_get_a_vietnamese_answer(telegram: Harness) -> None:
    user = officer_user(telegram)
    for content in ({"sticker": STICKER}, {"location": LOCATION}):
        calls = user.message(**content)
        assert [c.method for c in calls] == ["sendMessage"], content
        assert "chưa dùng được loại tin nhắn này" in calls[0].text
    reach_evidence_step(user)
    calls = user.message(location=LOCATION)
    assert [c.method for c in calls] == ["sendMessage"]
    assert "chưa dùng được loại tin nhắn này" in calls[0].text
    assert "Gửi minh chứng" in calls[0].text  # the question in progress, asked again


def test_sticker_from_a_stranger_is_answered(telegram: Harness) -> None:
    stranger = TelegramUser(telegram, 9_990_002, "Khách", "Lạ")
    calls = stranger.message(sticker=STICKER)
    assert "chưa được liên kết" in texts(calls)


# --- sending -------------------------------------------------------------------------------


def context_for(telegram: Harness) -> CallbackContext:  # type: ignore[type-arg]
    return CallbackContext(telegram.application)


def test_long_reply_is_split_and_the_keyboard_goes_on_the_last_piece(telegram: Harness) -> None:
    lines = [f"{n:04d}. Báo cáo thành tích của cán bộ phường, đã xác nhận." for n in range(200)]
    text = "\n".join(lines)
    assert len(text) > 2 * MAX_TEXT
    reply = Reply(text, buttons=((Button("Xong", "f.abc.done.x"),),))
    telegram.run(send_reply(context_for(telegram), 5_550_001, reply))
    sent = telegram.request.sent()
    assert len(sent) == 3
    assert all(0 < len(call.text) <= MAX_TEXT for call in sent)
    assert "\n".join(call.text for call in sent) == text
    assert [bool(call.buttons()) for call in sent] == [False, False, True]


def test_reply_just_over_the_limit_with_a_trailing_newline(telegram: Harness) -> None:
    reply = Reply("x" * MAX_TEXT + "\n", buttons=((Button("Xong", "f.abc.done.x"),),))
    telegram.run(send_reply(context_for(telegram), 5_550_001, reply))
    sent = telegram.request.sent()
    assert [call.result is not None for call in sent] == [True] * len(sent)
    assert sent[-1].buttons() == [{"text": "Xong", "callback_data": "f.abc.done.x"}]


def test_reply_with_a_file_is_sent_as_document_or_photo(telegram: Harness) -> None:
    context = context_for(telegram)
    start = len(telegram.request.calls)
    xlsx = b"PK\x03\x04 danh sach"
    telegram.run(send_reply(context, 42, Reply("Danh sách", file=OutgoingFile("ds.xlsx", xlsx))))
    photo = png_bytes("red", 8)
    telegram.run(send_reply(context, 42, Reply("Ảnh", file=OutgoingFile("a.png", photo, True))))
    sent = [call.method for call in telegram.request.calls[start:]]
    assert sent == ["sendMessage", "sendDocument", "sendMessage", "sendPhoto"]
    [document] = telegram.request.sent("sendDocument")
    [image] = telegram.request.sent("sendPhoto")
    assert document.params["chat_id"] == 42
    assert document.files["document"] == ("ds.xlsx", xlsx)
    assert image.files["photo"] == ("a.png", photo)


def test_split_text_keeps_short_text_whole() -> None:
    assert split_text("Xin chào") == ["Xin chào"]
    assert split_text("á" * MAX_TEXT) == ["á" * MAX_TEXT]


def test_split_text_cuts_at_line_ends() -> None:
    line = "Nguyễn Văn A — hoàn thành xuất sắc nhiệm vụ năm 2026"
    text = "\n".join([line] * 300)
    pieces = split_text(text)
    assert len(pieces) > 1
    assert all(len(piece) <= MAX_TEXT for piece in pieces)
    assert all(set(piece.split("\n")) == {line} for piece in pieces)
    assert "\n".join(pieces) == text


def test_split_text_cuts_a_line_without_breaks_at_the_limit() -> None:
    text = "x" * (2 * MAX_TEXT + 10)
    assert [len(piece) for piece in split_text(text)] == [MAX_TEXT, MAX_TEXT, 10]
    assert "".join(split_text(text)) == text


def test_keyboard_rows_and_payloads() -> None:
    assert keyboard(Reply("không nút")) is None
    reply = Reply(
        "Chọn",
        buttons=(
            (Button("Có", "f.n.initiative.yes"), Button("Không", "f.n.initiative.no")),
            (Button("❌ Hủy", "f.n.cancel.x"),),
        ),
    )
    markup = keyboard(reply)
    assert markup is not None
    rows = [[(b.text, b.callback_data) for b in row] for row in markup.inline_keyboard]
    assert rows == [
        [("Có", "f.n.initiative.yes"), ("Không", "f.n.initiative.no")],
        [("❌ Hủy", "f.n.cancel.x")],
    ]


# --- start-up ------------------------------------------------------------------------------


def expected_commands(role: Role = Role.OFFICER) -> list[dict[str, str]]:
    return [{"command": e.name, "description": e.description} for e in entries_for(role)]


def message_update(update_id: int, user_id: int, text: str, date: int) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "from": {"id": user_id, "is_bot": False, "first_name": "Khách"},
            "chat": {"id": user_id, "type": "private", "first_name": "Khách"},
            "date": date,
            "text": text,
        },
    }


def serve_scripted(
    core: Core, tmp_path: Path, batches: list[list[dict[str, Any]]]
) -> RecordingRequest:
    """Run the real polling loop over scripted getUpdates answers; stop when they run out."""
    request = RecordingRequest(file_base_url=FILE_BASE + TOKEN)
    application = telegram_channel.build_application(
        telegram_settings(tmp_path), core, request=request
    )
    stop = asyncio.Event()
    pending = list(batches)

    def get_updates(_params: dict[str, Any]) -> list[dict[str, Any]]:
        if not pending:
            stop.set()
            return []
        return pending.pop(0)

    request.on_get_updates = get_updates
    asyncio.run(telegram_channel.serve(application, stop))
    return request


def test_serve_registers_commands_then_answers_updates(core: Core, tmp_path: Path) -> None:
    """The real entry point: set up, register the menu, poll, answer one update, stop."""
    now = int(core.clock().timestamp())
    request = serve_scripted(core, tmp_path, [[message_update(1, 9_990_003, "xin chào", now)]])
    methods = request.methods()
    assert methods[0] == "getMe"
    assert methods.index("setMyCommands") < methods.index("getUpdates")
    assert request.sent("setMyCommands")[0].params["commands"] == expected_commands()
    polled = request.sent("getUpdates")[0].params
    assert "callback_query" in polled["allowed_updates"]
    answer = request.sent()
    assert [call.params["chat_id"] for call in answer] == [9_990_003]
    assert "chưa được liên kết" in answer[0].text
    assert all(call.url.startswith(API_BASE + TOKEN + "/") for call in request.calls)


def test_a_batch_is_confirmed_only_after_it_was_handled(core: Core, tmp_path: Path) -> None:
    now = int(core.clock().timestamp())
    batch = [message_update(7, 9_990_004, "một", now), message_update(8, 9_990_004, "hai", now)]
    request = serve_scripted(core, tmp_path, [batch, []])
    offsets = [call.params.get("offset") for call in request.sent("getUpdates")]
    assert offsets[:2] == [None, 9]
    # Both answers went out before the getUpdates that confirmed them.
    order = request.methods()
    second_poll = [i for i, m in enumerate(order) if m == "getUpdates"][1]
    assert order[:second_poll].count("sendMessage") == 2


def test_a_redelivered_update_is_not_handled_twice(core: Core, tmp_path: Path) -> None:
    """After a crash Telegram sends unconfirmed updates again; the database remembers them."""
    now = int(core.clock().timestamp())
    first = serve_scripted(core, tmp_path, [[message_update(20, 9_990_005, "/start", now)]])
    assert len(first.sent()) == 1
    again = serve_scripted(
        core,
        tmp_path,
        [
            [
                message_update(20, 9_990_005, "/start", now),
                message_update(21, 9_990_005, "xin chào", now),
            ]
        ],
    )
    answered = again.sent()
    # Update 20 was the last one handled: its reply is sent again, from what was kept (its
    # sending may have been cut short); update 21 is answered: not shaped like a code.
    assert [call.text for call in answered[:1]] == [first.sent()[0].text]
    assert len(answered) == 2
    assert "gửi mã mời" in answered[1].text


# --- hostile file names ----------------------------------------------------------------------


def test_hostile_file_names_are_made_safe_where_they_enter(telegram: Harness, core: Core) -> None:
    """The path, the right-to-left override and the controls go; the audit keeps the name."""
    user = officer_user(telegram)
    reach_evidence_step(user)
    given = {
        "../../etc/passwd.pdf": "passwd.pdf",
        "hoa-don\u202efdp.exe": "hoa-donfdp.exe",
        "bao\x00cao\r\nthang 9.pdf": "baocaothang 9.pdf",
        "..\\..\\" + "đ" * 300 + ".pdf": "đ" * 116 + ".pdf",
    }
    for number, (name, _clean) in enumerate(given.items()):
        telegram.request.register_file(f"f{number}", PDF[:-1] + bytes([number]))
        said = texts(user.send_document(f"f{number}", name, "application/pdf", None))
        assert name not in said and "\u202e" not in said and "\x00" not in said
    user.press("Xong")
    user.press("✅ Gửi")
    with Session(core.engine) as session:
        stored = [e.name for e in session.exec(select(Evidence))]
        renamed = {
            a.before["name"]: a.after["name"]
            for a in session.exec(select(AuditEntry).where(AuditEntry.action == "file.rename"))
        }
    # Every file here is a PDF by its bytes, so all four are kept, under their safe names.
    assert sorted(stored) == sorted(given.values())
    assert renamed == given


def test_a_file_that_cannot_be_sent_does_not_stop_the_heads_queue(
    telegram: Harness, core: Core
) -> None:
    """A report stored before names were made safe carries a CR; the buttons still arrive."""
    first = add_report(core, "PVHCC03", "Báo cáo có tệp tên xấu", status=ReportStatus.SENT)
    add_report(core, "PVHCC02", "Báo cáo tiếp theo", status=ReportStatus.SENT)
    with transaction(core.engine) as session:
        digest = core.files.put(PDF)
        author = session.get(Report, first)
        assert author is not None
        session.add(
            StoredFile(
                sha256=digest,
                size=len(PDF),
                mime_type="application/pdf",
                extension="pdf",
                first_uploaded_by=author.officer_id,
                stored_at=core.clock(),
            )
        )
        session.flush()
        session.add(
            Evidence(
                report_id=first,
                kind="file",
                file_sha256=digest,
                name="bien-ban\r\nhop.pdf",
                uploaded_by=author.officer_id,
                added_at=core.clock(),
            )
        )
    head = officer_user(telegram, "PVHCC01")
    calls = head.send("/xacnhan")
    assert [call.method for call in calls if call.method.startswith("send")] == [
        "sendMessage",
        "sendDocument",
        "sendMessage",
        "sendMessage",
    ]
    assert "Không gửi được tệp «bien-banhop.pdf»" in head.text
    assert "Báo cáo tiếp theo" in texts(head.press("Bỏ qua"))
