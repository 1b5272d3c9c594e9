"""The Zalo channel through its real door: the fake Zalo API over HTTP, the core, the database."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from bot.core import Core
from bot.settings import Settings
from bot.zalo.channel import build_channel
from handlers import texts
from handlers.engine.messages import Button, Incoming, OutgoingFile, Reply
from storage.models import AuditEntry, Evidence, Report
from tests.fakes.zalo_api import FakeZaloAPI
from tests.test_report_flow import png_bytes
from tests.zalo_door import USER, FakeLinks, ZaloDoor, bind, run

FakeLinksMade = list[tuple[str, str, str]]
REPORT_UP_TO_EVIDENCE = [
    ("baocao", "tiêu chí"),  # a command without its slash
    ("6", "sáng kiến"),  # a button by its number
    ("khong", "tên ngắn gọn"),  # a label without its accents
    ("Tiếp nhận hồ sơ qua mạng", "Mô tả"),
    ("Hướng dẫn người dân nộp trực tuyến", "Thời gian"),
    ("Tháng 9/2026", "Kết quả"),
    ("Không hồ sơ trễ hạn", "Bỏ qua"),
    ("bo qua", "Gửi minh chứng"),
]


def test_an_officer_reports_with_a_photo_in_chat(core: Core) -> None:
    photo = png_bytes()

    async def main(fake: FakeZaloAPI) -> None:
        async with ZaloDoor(fake, core.answer) as door:
            await bind(door, core, "PVHCC03")
            for words, expected in REPORT_UP_TO_EVIDENCE:
                said = await door.text(words)
                assert expected in said, f"{words!r}: expected {expected!r} in:\n{said}"
                if words == "baocao":
                    assert re.search(r"^1\. .+\n2\. ", said, re.M), "choices as numbered lines"
            expired = fake.host("cu.jpg", photo)
            fake.expire(expired)
            said = "\n".join(await door.say(fake.image_event(USER, expired)))
            assert texts.EVIDENCE_NOT_FETCHED.split("«")[0] in said
            url = fake.host("anh.jpg", photo)
            caption = "Buổi hướng dẫn người dân"
            said = "\n".join(await door.say(fake.image_event(USER, url, caption=caption)))
            assert f"Đã nhận «{caption}.jpg»" in said
            assert "Xem lại báo cáo" in await door.text("xong")
            assert "Đã gửi báo cáo số" in await door.text("gui")  # «✅ Gửi»

    with FakeZaloAPI() as fake:
        run(main(fake))
    with Session(core.engine) as session:
        report = session.exec(select(Report)).one()
        evidence = session.exec(select(Evidence)).one()
    assert (report.status, report.title) == ("sent", "Tiếp nhận hồ sơ qua mạng")
    assert evidence.kind == "photo" and evidence.report_id == report.id
    assert evidence.file_sha256 == hashlib.sha256(photo).hexdigest()
    assert core.files.read(evidence.file_sha256) == photo


def test_the_documented_photo_field_and_a_wrapped_update_are_read(core: Core) -> None:
    async def main(fake: FakeZaloAPI) -> str:
        async with ZaloDoor(fake, core.answer) as door:
            await bind(door, core, "PVHCC03")
            for words, _ in REPORT_UP_TO_EVIDENCE:
                await door.text(words)
            event = fake.image_event(USER, fake.host("a.png", png_bytes()), field="photo")
            before = len(fake.texts_to(USER))
            await door.channel.handle_update({"ok": True, "result": event})
            return "\n".join(fake.texts_to(USER)[before:])

    with FakeZaloAPI() as fake:
        assert "Đã nhận «anh-" in run(main(fake))


def test_stickers_voice_and_unsupported_messages_are_answered(core: Core) -> None:
    async def main(fake: FakeZaloAPI) -> list[list[str]]:
        async with ZaloDoor(fake, core.answer) as door:
            await bind(door, core, "PVHCC03")
            return [await door.say(fake.other_event(USER, kind)) for kind in
                    ("sticker", "voice", "unsupported")]  # fmt: skip

    with FakeZaloAPI() as fake:
        answers = run(main(fake))
    assert answers == [[texts.UNSUPPORTED_DOCUMENTS_BY_LINK]] * 3


def test_own_echoes_are_dropped_and_a_repeated_message_is_handled_once(core: Core) -> None:
    async def main(fake: FakeZaloAPI) -> None:
        async with ZaloDoor(fake, core.answer) as door:
            await bind(door, core, "PVHCC03")
            fake.state.echo_sends = True
            help_event = fake.text_event(USER, "trogiup")
            assert "/baocao" in "\n".join(await door.say(help_event))
            fake.state.echo_sends = False
            sent = len(fake.sent)
            # Zalo's echo of each reply is waiting in getUpdates: it is taken and dropped.
            while (echo := await door.channel.client.get_updates(timeout=0)) is not None:
                assert echo["message"]["from"]["id"] == fake.bot_id
                await door.channel.handle_update(echo)
            assert await door.say(help_event) == []  # the same message_id again
            assert len(fake.sent) == sent

    with FakeZaloAPI() as fake:
        run(main(fake))


def test_long_text_is_split_at_2000_with_the_choices_last() -> None:
    lines = [f"{n}. Báo cáo «Số hóa hồ sơ hộ tịch» của cán bộ số {n}" for n in range(1, 120)]
    buttons = ((Button("Xác nhận", "r.ok"), Button("Trả lại", "r.back")),)

    def answer(_incoming: Incoming, _also: object = None) -> list[Reply]:
        return [Reply("\n".join(lines), buttons=buttons)]

    async def main(fake: FakeZaloAPI) -> list[str]:
        async with ZaloDoor(fake, answer) as door:
            return await door.say(fake.text_event(USER, "xac nhan"))

    with FakeZaloAPI() as fake:
        pieces = run(main(fake))
    assert len(pieces) >= 3 and all(len(piece) <= 2000 for piece in pieces)
    assert pieces[-1].endswith("\n\n1. Xác nhận\n2. Trả lại")
    assert "\n".join(pieces).removesuffix("\n\n1. Xác nhận\n2. Trả lại").split("\n") == lines


def test_a_chart_goes_by_photo_url_and_a_file_as_a_link() -> None:
    chart = OutgoingFile("tinh-hinh.png", png_bytes(), is_photo=True)
    workbook = OutgoingFile("tong-hop.xlsx", b"PK\x03\x04xlsx")

    def answer(_incoming: Incoming, _also: object = None) -> list[Reply]:
        return [Reply("Tình hình đơn vị", file=chart), Reply("Bảng tổng hợp", file=workbook)]

    async def main(fake: FakeZaloAPI) -> FakeLinksMade:
        async with ZaloDoor(fake, answer) as door:
            await door.say(fake.text_event(USER, "xuat"))
            return door.links.made

    with FakeZaloAPI() as fake:
        made = run(main(fake))
        calls = [(s.method, s.params.get("text") or s.params.get("photo")) for s in fake.sent]
        photo_fetches = [s.fetches for s in fake.sent if s.method == "sendPhoto"]
    assert made == [("zalo", USER, "tinh-hinh.png"), ("zalo", USER, "tong-hop.xlsx")]
    assert [method for method, _ in calls] == ["sendPhoto", "sendMessage", "sendMessage"]
    assert photo_fetches == [[200, 200]]
    assert calls[1][1] == "Tình hình đơn vị"
    assert calls[2][1].startswith("Bảng tổng hợp\n\n📄 tong-hop.xlsx: http://127.0.0.1:")


def test_typing_is_shown_only_when_the_core_takes_a_while(core: Core) -> None:
    async def main(fake: FakeZaloAPI, typing_after: float) -> list[str]:
        async with ZaloDoor(fake, core.answer, typing_after=typing_after) as door:
            await door.say(fake.text_event(USER, "trogiup"))
            return fake.actions_to(USER)

    with FakeZaloAPI() as fake:
        # An answer can never come within 0 s; one always comes within an hour.
        assert run(main(fake, 0.0)) == ["typing"]
    with FakeZaloAPI() as fake:
        assert run(main(fake, 3600.0)) == []


def test_polling_passes_each_update_on_and_rides_out_errors(core: Core) -> None:
    async def main(fake: FakeZaloAPI) -> list[dict[str, Any]]:
        taken: list[dict[str, Any]] = []
        stop = asyncio.Event()

        async def accept(update: dict[str, Any]) -> None:
            taken.append(update)
            if len(taken) == 2:
                stop.set()

        fake.fail("getUpdates", 429)
        fake.fail("getUpdates", 403)
        fake.push(fake.text_event(USER, "một"))
        fake.push(fake.text_event(USER, "hai"))
        async with ZaloDoor(fake, core.answer) as door:
            await asyncio.wait_for(door.channel.poll(stop, accept), timeout=30)
        return taken

    with FakeZaloAPI() as fake:
        taken = run(main(fake))
    assert [update["message"]["text"] for update in taken] == ["một", "hai"]


def test_polling_stops_while_a_long_poll_waits(core: Core) -> None:
    async def main(fake: FakeZaloAPI) -> None:
        stop = asyncio.Event()
        async with ZaloDoor(fake, core.answer) as door:
            poll = asyncio.create_task(door.channel.poll(stop))
            await fake.poll_waiting()
            stop.set()
            # The fake holds a poll 5 s: stopping must not wait for it to end.
            await asyncio.wait_for(poll, timeout=2)

    with FakeZaloAPI() as fake:
        run(main(fake))


def test_a_head_sees_the_unit_status_with_its_chart_as_a_photo(core: Core) -> None:
    async def main(fake: FakeZaloAPI) -> list[tuple[str, str, str]]:
        async with ZaloDoor(fake, core.answer) as door:
            await bind(door, core, "PVHCC01")
            said = await door.text("tình hình")
            assert "Trung tâm Phục vụ hành chính công" in said
            return door.links.made

    with FakeZaloAPI() as fake:
        made = run(main(fake))
        photos = [s for s in fake.sent if s.method == "sendPhoto"]
    assert len(made) == 1 and made[0][:2] == ("zalo", USER) and made[0][2].endswith(".png")
    assert [p.fetches for p in photos] == [[200, 200]]


def test_a_repeat_arriving_meanwhile_waits_and_a_failed_message_may_come_again() -> None:
    calls: list[str] = []

    def answer(incoming: Incoming, _also: object = None) -> list[Reply]:
        calls.append(incoming.text)
        if len(calls) == 1:
            raise RuntimeError("the database went away")
        return [Reply("Đã nhận")]

    async def main(fake: FakeZaloAPI) -> None:
        async with ZaloDoor(fake, answer) as door:
            event = fake.text_event(USER, "trogiup")
            with pytest.raises(RuntimeError):  # the first handling failed: nothing remembered
                await door.channel.handle_update(event)
            await asyncio.gather(*(door.channel.handle_update(event) for _ in range(3)))

    with FakeZaloAPI() as fake:
        run(main(fake))
        assert fake.texts_to(USER) == ["Đã nhận"]
    assert calls == ["trogiup", "trogiup"]


def test_the_channel_is_built_from_the_settings(core: Core, tmp_path: Path) -> None:
    with FakeZaloAPI() as fake:
        env = {"ZALO_BOT_TOKEN": fake.token, "ZALO_API_BASE_URL": fake.base_url}
        channel = build_channel(
            Settings.from_env({**env, "DATA_DIR": str(tmp_path)}), core, FakeLinks(fake)
        )

        async def main() -> str:
            await channel.start()
            await channel.close()
            channel.runner.close()
            return channel.bot_id

        assert run(main()) == fake.bot_id


def test_a_group_chat_is_not_answered(core: Core) -> None:
    async def main(fake: FakeZaloAPI) -> list[str]:
        async with ZaloDoor(fake, core.answer) as door:
            await bind(door, core, "PVHCC03")
            event = fake.text_event(USER, "cuatoi")
            event["message"]["chat"] = {"id": "a1b2c3d4e5f6a7b8c9d0", "chat_type": "GROUP"}
            return await door.say(event)

    with FakeZaloAPI() as fake:
        assert run(main(fake)) == []
        assert fake.texts_to("a1b2c3d4e5f6a7b8c9d0") == []


def test_a_reply_refused_by_a_run_of_passing_failures_still_arrives() -> None:
    def answer(incoming: Incoming, _also: object = None) -> list[Reply]:
        return [Reply("Đã gửi báo cáo số 7")]

    async def main(fake: FakeZaloAPI) -> list[str]:
        async with ZaloDoor(fake, answer) as door:
            # More refusals in a row than a fixed count of retries would outlast.
            fake.fail("sendMessage", 429, times=2)
            fake.fail("sendMessage", 403, times=2)  # Zalo's "internal server error"
            fake.fail("sendMessage", 408)
            fake.fail("sendMessage", 502)
            return await door.say(fake.text_event(USER, "Gửi"))

    with FakeZaloAPI() as fake:
        assert run(main(fake)) == ["Đã gửi báo cáo số 7"]
        assert not fake.state.failures["sendMessage"]  # all six refusals were met


def test_a_reply_refused_for_good_is_logged_not_retried_and_the_next_goes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    refused = "Báo cáo số 7 của đồng chí đã được ghi nhận"

    def answer(incoming: Incoming, _also: object = None) -> list[Reply]:
        return [Reply(refused), Reply("Gõ 0 để về menu")]

    async def main(fake: FakeZaloAPI) -> list[str]:
        async with ZaloDoor(fake, answer) as door:
            fake.fail("sendMessage", 400, chat_id=USER)
            return await door.say(fake.text_event(USER, "Gửi"))

    caplog.set_level(logging.DEBUG)
    with FakeZaloAPI() as fake:
        # Tried again, the refused reply would have gone: the refusal came once.
        assert run(main(fake)) == ["Gõ 0 để về menu"]
        token = fake.token
    [warning] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert "Zalo 400: sendMessage" in warning.getMessage()
    assert token not in caplog.text and refused not in caplog.text


def test_a_message_delivered_again_after_a_restart_gets_its_answer_again(core: Core) -> None:
    """The process died after the commit: the message comes again, its answer comes from what
    the conversation kept, and nothing is done twice."""

    async def main(fake: FakeZaloAPI) -> tuple[list[str], list[str]]:
        event = fake.text_event(USER, "/tamdung 3", message_id="a1b2c3d4e5")
        async with ZaloDoor(fake, core.answer) as door:
            await bind(door, core, "PVHCC03")
            first = await door.say(event)
        async with ZaloDoor(fake, core.answer) as restarted:  # nothing kept in memory
            again = await restarted.say(event)
        return first, again

    with FakeZaloAPI() as fake:
        first, again = run(main(fake))
    assert first and again == first
    with Session(core.engine) as session:
        pauses = session.exec(select(AuditEntry).where(AuditEntry.action == "reminder.pause"))
        assert len(pauses.all()) == 1
