"""The outbox's Zalo transport against the fake Zalo API: an announcement row, a 429, the
failures that pass (403, 408, 502) and a 400 that never will."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

import pytest
from sqlmodel import Session, select

from bot.core import Core
from bot.outbox.sender import OutboxSender
from bot.settings import Settings
from bot.zalo.client import ZaloClient
from bot.zalo.outbox import ZaloTransport, zalo_limits
from storage.db import transaction
from storage.models import Outbox, OutboxStatus
from storage.queries.outbox import enqueue
from storage.queries.reports import record_stored_file
from storage.queries.roster import officer_by_code
from tests.chat import Chat
from tests.factories import bind_accounts
from tests.fakes.zalo_api import FakeZaloAPI
from tests.test_outbox import FakeTime
from tests.test_outbox_delivery import announce
from tests.test_report_flow import PDF
from tests.zalo_door import USER, FakeLinks

T = TypeVar("T")
ANNOUNCEMENT = "Thông báo: hạn nộp hồ sơ thi đua là 25/11/2026."
ACK = {"rows": [[{"label": "Đã nhận", "payload": "a.ack.7"}]]}
# Recipients bound on Zalo, by officer code, with their chat ids.
ZALO_CHATS = {"PVHCC01": "0a1b2c3d4e5f60718293", "PVHCC02": "f0e1d2c3b4a596877869"}


def queue_announcement(core: Core) -> int:
    """An announcement with its attachment, queued for a Zalo chat."""
    sha = core.files.put(PDF)
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
        row = enqueue(
            session,
            idempotency_key="announcement:7:zalo",
            channel="zalo",
            chat_id=USER,
            officer_id=officer.id,
            kind="announcement",
            text=ANNOUNCEMENT,
            now=core.clock(),
            buttons=ACK,
            file_sha256=sha,
            file_name="ke-hoach.pdf",
        )
        assert row is not None and row.id is not None
        return row.id


def zalo_rows(core: Core) -> dict[str, Outbox]:
    """The Zalo rows by their chat (one each here)."""
    with Session(core.engine) as session:
        rows = session.exec(select(Outbox).where(Outbox.channel == "zalo")).all()
        for row in rows:
            session.expunge(row)
    return {row.chat_id: row for row in rows}


def the_row(core: Core, row_id: int) -> Outbox:
    with Session(core.engine) as session:
        row = session.exec(select(Outbox).where(Outbox.id == row_id)).one()
        session.expunge(row)
        return row


def with_sender(
    core: Core, fake: FakeZaloAPI, job: Callable[..., Awaitable[T]], settings: Settings
) -> T:
    """Run `job(sender, time)` with a Zalo outbox sender on fake time against the fake."""

    async def main() -> T:
        client = ZaloClient(fake.token, fake.base_url)
        await client.open()
        try:
            time = FakeTime(core.clock())
            sender = OutboxSender(
                engine=core.engine,
                transport=ZaloTransport(client, FakeLinks(fake)),
                files=core.files,
                limits=zalo_limits(settings),
                clock=time.now,
                monotonic=time.monotonic,
                sleep=time.sleep,
            )
            return await job(sender, time)
        finally:
            await client.close()

    return asyncio.run(main())


def test_an_announcement_row_reaches_zalo_with_its_file_as_a_link(
    core: Core, settings: Settings
) -> None:
    row_id = queue_announcement(core)
    with FakeZaloAPI() as fake:
        with_sender(core, fake, lambda sender, _time: sender.drain(), settings)
        texts = fake.texts_to(USER)
    assert len(texts) == 1
    assert texts[0].startswith(f"{ANNOUNCEMENT}\n\n📄 ke-hoach.pdf: http://127.0.0.1:")
    assert texts[0].endswith("\n\n1. Đã nhận")
    assert the_row(core, row_id).status == OutboxStatus.SENT


def test_a_429_postpones_the_row_then_it_goes(core: Core, settings: Settings) -> None:
    row_id = queue_announcement(core)

    async def job(sender: OutboxSender, time: FakeTime) -> None:
        assert await sender.step()
        row = the_row(core, row_id)
        assert (row.status, row.attempts) == (OutboxStatus.PENDING, 0)
        assert "429" in row.last_error
        assert row.not_before >= time.start + timedelta(seconds=5)
        assert fake.texts_to(USER) == []
        await sender.drain()

    with FakeZaloAPI() as fake:
        fake.fail("sendMessage", 429)
        with_sender(core, fake, job, settings)
        assert len(fake.texts_to(USER)) == 1
    assert the_row(core, row_id).status == OutboxStatus.SENT


@pytest.mark.parametrize("code", [403, 408, 502])
def test_a_passing_failure_is_tried_again(core: Core, settings: Settings, code: int) -> None:
    """Zalo's 403 says "internal server error": tried again, as a timeout or an outage is,
    never taken for a chat that blocked the bot."""
    row_id = queue_announcement(core)

    async def job(sender: OutboxSender, _time: FakeTime) -> None:
        await sender.step()
        row = the_row(core, row_id)
        assert (row.status, row.attempts) == (OutboxStatus.PENDING, 1)
        assert str(code) in row.last_error
        await sender.drain()

    with FakeZaloAPI() as fake:
        fake.fail("sendMessage", code, times=2)
        with_sender(core, fake, job, settings)
        assert len(fake.texts_to(USER)) == 1
    assert the_row(core, row_id).status == OutboxStatus.SENT


def test_a_400_is_given_up_at_once_and_offered_to_the_author_again(
    core: Core, settings: Settings, make_chat: type[Chat]
) -> None:
    """Zalo refused the message itself (its text, or the chat): sent again it would fail
    again, so it is not tried for hours; the author's report lists it as failed at once."""
    bind_accounts(core, "zalo", ZALO_CHATS)
    secretariat = make_chat("VHXH02")
    announce(secretariat, "Đề nghị các đơn vị nộp báo cáo sơ kết trước 20/11/2026.")
    refused, fine = ZALO_CHATS.values()
    with FakeZaloAPI() as fake:
        # Zalo would refuse this chat every time; more refusals than one try takes.
        fake.fail("sendMessage", 400, times=3, chat_id=refused)
        with_sender(core, fake, lambda sender, _time: sender.drain(), settings)
        assert (fake.texts_to(refused), len(fake.texts_to(fine))) == ([], 1)
        assert len(fake.state.failures["sendMessage"]) == 2  # one try, not three
    rows = zalo_rows(core)
    assert (rows[refused].status, rows[refused].attempts) == (OutboxStatus.FAILED, 1)
    assert rows[refused].last_error.startswith("rejected: Zalo 400: sendMessage")
    assert rows[fine].status == OutboxStatus.SENT

    secretariat.send("/thongbao")
    assert "gửi lỗi 1" in secretariat.text
    secretariat.press("Số 1")
    assert "ứng dụng chat từ chối tin nhắn): 1" in secretariat.text
    assert "🔁 Gửi lại (1)" in secretariat.labels()


class NoLinks:
    def link_for(self, *, channel: str, chat_id: str, name: str, content: bytes) -> str:
        raise AssertionError("no file is sent here")


def test_429_waits_double_while_they_keep_coming_and_are_jittered() -> None:
    # Only the waits are asked for: no call is made, the client is never opened.
    transport = ZaloTransport(ZaloClient("t", "http://127.0.0.1:1"), NoLinks())
    transport.rng = random.Random(7)
    waits = []
    for refusals in (1, 2, 3, 10):
        transport._refusals = refusals
        waits.append(transport.wait())
    assert 5 <= waits[0] <= 15 and 10 <= waits[1] <= 30 and 20 <= waits[2] <= 60
    assert 150 <= waits[3] <= 450
