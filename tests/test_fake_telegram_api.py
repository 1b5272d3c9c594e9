"""Tests of the fake Telegram Bot API, driven through python-telegram-bot's real Bot."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import TypeVar

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, RetryAfter
from telegram.ext import CommandHandler, filters

from tests.fakes.telegram_api import FakeTelegramAPI

T = TypeVar("T")
USER = 42
KEYBOARD = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Đồng ý", callback_data="vote:yes")],
        [InlineKeyboardButton("Không", callback_data="vote:no")],
    ]
)


@pytest.fixture
def fake() -> Iterator[FakeTelegramAPI]:
    """A running fake server, stopped after the test."""
    with FakeTelegramAPI() as api:
        yield api


def make_bot(fake: FakeTelegramAPI, token: str | None = None) -> Bot:
    """A real python-telegram-bot Bot pointed at the fake."""
    return Bot(token or fake.token, base_url=fake.base_url, base_file_url=fake.file_base_url)


def run(fake: FakeTelegramAPI, scenario: Callable[[Bot], Awaitable[T]]) -> T:
    """Run an async scenario against an initialized Bot."""

    async def main() -> T:
        async with make_bot(fake) as bot:
            return await scenario(bot)

    return asyncio.run(main())


def test_get_me_returns_the_bot_user(fake: FakeTelegramAPI) -> None:
    me = run(fake, lambda bot: bot.get_me())

    assert (me.id, me.is_bot, me.username) == (123456, True, "thidua_test_bot")


def test_pushed_command_parses_as_a_command(fake: FakeTelegramAPI) -> None:
    update_id = fake.push_text(USER, "/start ma_phuong", first_name="Lan")

    updates = run(fake, lambda bot: bot.get_updates())

    assert [u.update_id for u in updates] == [update_id]
    message = updates[0].message
    assert message.text == "/start ma_phuong"
    assert message.chat.id == USER and message.chat.type == "private"
    assert message.from_user.first_name == "Lan"
    assert message.entities == (MessageEntity(MessageEntity.BOT_COMMAND, 0, 6),)
    assert filters.COMMAND.check_update(updates[0])
    args, _ = CommandHandler("start", print).check_update(updates[0])
    assert args == ["ma_phuong"]


def test_command_entity_offsets_count_utf16_code_units(fake: FakeTelegramAPI) -> None:
    fake.push_text(USER, "😀 Chào /help@thidua_test_bot nhé")

    update = run(fake, lambda bot: bot.get_updates())[0]

    assert update.message.entities[0].offset == 8  # the emoji counts as two code units
    assert list(update.message.parse_entities([MessageEntity.BOT_COMMAND]).values()) == [
        "/help@thidua_test_bot"
    ]
    assert not filters.COMMAND.check_update(update)  # a command only when it leads the text


def test_offset_confirms_and_drops_earlier_updates(fake: FakeTelegramAPI) -> None:
    first = fake.push_text(USER, "một")
    second = fake.push_text(USER, "hai")

    async def scenario(bot: Bot) -> tuple[list[int], list[int], list[int]]:
        unconfirmed = [u.update_id for u in await bot.get_updates()]
        after_first = [u.update_id for u in await bot.get_updates(offset=first + 1)]
        after_all = [u.update_id for u in await bot.get_updates(offset=second + 1)]
        return unconfirmed, after_first, after_all

    assert run(fake, scenario) == ([first, second], [second], [])
    assert run(fake, lambda bot: bot.get_updates()) == ()


def test_long_poll_returns_when_an_update_is_pushed(fake: FakeTelegramAPI) -> None:
    async def scenario(bot: Bot) -> tuple[list[str], float]:
        started = time.monotonic()
        poll = asyncio.create_task(bot.get_updates(timeout=30))
        await asyncio.to_thread(fake.wait_until_polled, 5.0)
        fake.push_text(USER, "đang chờ")
        updates = await poll
        return [u.message.text for u in updates], time.monotonic() - started

    texts, elapsed = run(fake, scenario)

    assert texts == ["đang chờ"]
    assert elapsed < 10


def test_newer_get_updates_terminates_the_waiting_one(fake: FakeTelegramAPI) -> None:
    async def scenario(bot: Bot) -> None:
        waiting = asyncio.create_task(bot.get_updates(timeout=30))
        await asyncio.to_thread(fake.wait_until_polled, 5.0)
        async with make_bot(fake) as second_instance:
            await second_instance.get_updates(timeout=0)
        with pytest.raises(Conflict, match=r"(?i)terminated by other getUpdates"):
            await waiting

    run(fake, scenario)


def test_send_message_records_the_inline_keyboard(fake: FakeTelegramAPI) -> None:
    message = run(fake, lambda bot: bot.send_message(USER, "Bạn đồng ý?", reply_markup=KEYBOARD))

    assert message.reply_markup == KEYBOARD
    assert message.from_user.username == "thidua_test_bot"
    [sent] = fake.sent(USER)
    assert (sent["kind"], sent["text"], sent["message_id"]) == ("text", "Bạn đồng ý?", message.id)
    assert sent["reply_markup"] == {
        "inline_keyboard": [
            [{"text": "Đồng ý", "callback_data": "vote:yes"}],
            [{"text": "Không", "callback_data": "vote:no"}],
        ]
    }


def test_html_is_parsed_into_entities_and_malformed_html_rejected(fake: FakeTelegramAPI) -> None:
    message = run(fake, lambda bot: bot.send_message(USER, "<b>Điểm</b> &lt; 5", parse_mode="HTML"))

    assert message.text == "Điểm < 5"
    assert message.entities == (MessageEntity(MessageEntity.BOLD, 0, 4),)
    with pytest.raises(BadRequest, match=r"(?i)parse entities"):
        run(fake, lambda bot: bot.send_message(USER, "<b>Điểm</i>", parse_mode="HTML"))
    assert len(fake.sent(USER)) == 1


def test_send_document_records_filename_and_bytes(fake: FakeTelegramAPI) -> None:
    data = bytes(range(256)) + b"\r\n--boundary\r\n"

    message = run(fake, lambda bot: bot.send_document(USER, data, filename="Báo cáo tháng 5.xlsx"))

    assert message.document.file_name == "Báo cáo tháng 5.xlsx"
    assert message.document.file_size == len(data)
    [sent] = fake.sent(USER)
    assert (sent["kind"], sent["filename"], sent["data"]) == (
        "document",
        "Báo cáo tháng 5.xlsx",
        data,
    )


def test_get_file_downloads_a_pushed_document(fake: FakeTelegramAPI) -> None:
    data = b"%PDF-1.7\n" + bytes(range(256)) * 40
    fake.push_document(USER, "minh-chung.pdf", data, "application/pdf")

    async def scenario(bot: Bot) -> tuple[str, bytes]:
        document = (await bot.get_updates())[0].message.document
        assert (document.file_name, document.mime_type) == ("minh-chung.pdf", "application/pdf")
        assert document.file_size == len(data)
        file = await bot.get_file(document.file_id)
        return file.file_path, bytes(await file.download_as_bytearray())

    file_path, downloaded = run(fake, scenario)

    assert downloaded == data
    assert file_path.startswith(fake.file_base_url)
    assert fake.downloads == [file_path.split(f"{fake.token}/", 1)[1]]


def test_largest_photo_size_downloads_the_photo(fake: FakeTelegramAPI) -> None:
    data = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 20

    async def scenario(bot: Bot) -> tuple[list[tuple[int, int]], bytes, bytes]:
        photo = (await bot.get_updates())[0].message.photo
        largest = await (await bot.get_file(photo[-1].file_id)).download_as_bytearray()
        smallest = await (await bot.get_file(photo[0].file_id)).download_as_bytearray()
        return [(p.width, p.file_size or 0) for p in photo], bytes(largest), bytes(smallest)

    fake.push_photo(USER, data, width=1600, height=1200)
    sizes, largest, smallest = run(fake, scenario)

    assert len(sizes) >= 2
    assert sizes == sorted(sizes)
    assert sizes[-1] == (1600, len(data))
    assert largest == data
    assert smallest != data


def test_callback_query_round_trip(fake: FakeTelegramAPI) -> None:
    async def scenario(bot: Bot) -> None:
        question = await bot.send_message(USER, "Bạn đồng ý?", reply_markup=KEYBOARD)
        fake.click(USER, "Không")
        query = (await bot.get_updates())[0].callback_query
        assert (query.data, query.from_user.id) == ("vote:no", USER)
        assert query.message.message_id == question.message_id
        assert query.message.reply_markup == KEYBOARD
        assert await query.answer("Đã ghi nhận")
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await query.answer("lần hai")

    run(fake, scenario)

    answer = fake.wait_for_call("answerCallbackQuery", timeout=1.0)
    assert answer["text"] == "Đã ghi nhận"


def test_edit_message_text_updates_the_record(fake: FakeTelegramAPI) -> None:
    async def scenario(bot: Bot) -> None:
        question = await bot.send_message(USER, "Bạn đồng ý?", reply_markup=KEYBOARD)
        edited = await bot.edit_message_text("Cảm ơn!", chat_id=USER, message_id=question.id)
        assert edited.text == "Cảm ơn!" and edited.reply_markup is None
        with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
            await bot.edit_message_text("Cảm ơn!", chat_id=USER, message_id=question.id)

    run(fake, scenario)

    [sent] = fake.sent(USER)
    assert (sent["text"], sent["reply_markup"], sent["edits"]) == ("Cảm ơn!", None, 1)


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
def test_injected_429_raises_retry_after(fake: FakeTelegramAPI) -> None:
    fake.fail_next("sendMessage", chat_id=USER, status=429, retry_after=7)

    async def scenario(bot: Bot) -> None:
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(USER, "một")
        retry_after = caught.value.retry_after  # an int, or a timedelta with PTB_TIMEDELTA
        if isinstance(retry_after, dtm.timedelta):
            retry_after = retry_after.total_seconds()
        assert retry_after == 7
        await bot.send_message(USER, "hai")

    run(fake, scenario)

    assert [record["text"] for record in fake.sent(USER)] == ["hai"]
    assert [(method, chat) for _, method, chat in fake.rate_log] == [("sendMessage", USER)] * 2


def test_injected_403_raises_forbidden_for_that_chat_only(fake: FakeTelegramAPI) -> None:
    fake.fail_next("sendMessage", chat_id=USER, status=403)

    async def scenario(bot: Bot) -> None:
        await bot.send_message(USER + 1, "người khác")
        with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
            await bot.send_message(USER, "bị chặn")
        await bot.send_message(USER, "lại được")

    run(fake, scenario)

    assert [record["text"] for record in fake.sent(USER)] == ["lại được"]
    assert len(fake.sent(USER + 1)) == 1


def test_get_file_on_an_oversized_document_raises_bad_request(fake: FakeTelegramAPI) -> None:
    fake.push_document(USER, "video.mp4", b"", "video/mp4", declared_size=25 * 1024 * 1024)

    async def scenario(bot: Bot) -> None:
        document = (await bot.get_updates())[0].message.document
        assert document.file_size == 25 * 1024 * 1024
        with pytest.raises(BadRequest, match=r"(?i)file is too big"):
            await bot.get_file(document.file_id)

    run(fake, scenario)


def test_commands_are_stored_per_scope_and_language(fake: FakeTelegramAPI) -> None:
    async def scenario(bot: Bot) -> tuple[list[str], list[str]]:
        await bot.set_my_commands([("start", "Bắt đầu"), ("diem", "Xem điểm")])
        await bot.set_my_commands([("start", "Start")], language_code="en")
        default = [c.command for c in await bot.get_my_commands()]
        english = [c.command for c in await bot.get_my_commands(language_code="en")]
        with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
            await bot.set_my_commands([("XemDiem", "Sai")])
        return default, english

    assert run(fake, scenario) == (["start", "diem"], ["start"])
    assert fake.commands == [
        {"command": "start", "description": "Bắt đầu"},
        {"command": "diem", "description": "Xem điểm"},
    ]


def test_raw_http_json_form_token_and_unknown_method(fake: FakeTelegramAPI) -> None:
    url = f"{fake.base_url}{fake.token}"
    markup = {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}
    with httpx.Client() as client:
        by_json = client.post(
            f"{url}/sendMessage", json={"chat_id": USER, "text": "json", "reply_markup": markup}
        )
        by_form = client.post(
            f"{url}/SENDMESSAGE",
            data={"chat_id": str(USER), "text": "form", "reply_markup": json.dumps(markup)},
        )
        unknown = client.post(f"{url}/sendTelepathy", data={"chat_id": str(USER)})
        wrong_token = client.post(f"{fake.base_url}123456:WRONG/getMe")

    assert by_json.json()["result"]["reply_markup"] == markup
    assert by_form.json()["result"]["text"] == "form"
    assert [r["reply_markup"] for r in fake.sent(USER)] == [markup, markup]
    assert (unknown.status_code, unknown.json()) == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found: method not found"},
    )
    assert (wrong_token.status_code, wrong_token.json()["description"]) == (401, "Unauthorized")

    async def with_wrong_token() -> None:
        async with make_bot(fake, token="123456:WRONG"):
            pass

    with pytest.raises(InvalidToken):
        asyncio.run(with_wrong_token())


def test_wait_for_messages_names_what_was_received(fake: FakeTelegramAPI) -> None:
    run(fake, lambda bot: bot.send_message(USER, "chỉ một tin"))

    assert [r["text"] for r in fake.wait_for_messages(USER, 1, timeout=1.0)] == ["chỉ một tin"]
    with pytest.raises(AssertionError, match="got 1: \\['chỉ một tin'\\]"):
        fake.wait_for_messages(USER, 2, timeout=0.2)
