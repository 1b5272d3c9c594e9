"""End to end on both channels: the real `python -m bot run` serving Telegram (polling the fake
Bot API) and Zalo (webhook from the fake Zalo API) at once, on one database.

An officer on Zalo binds by typing her invite code, reports with a photo in chat and a PDF
through the upload page; the bot is SIGKILLed right after the webhook's 200 for a second photo,
before its reply, and restarted: that photo is taken once and answered once. Her head confirms
on Telegram, the secretariat's announcement reaches her on Zalo and the head on Telegram. Then
the test reads what the process left in the database and on disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import http.server
import re
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import update
from sqlmodel import Session, col, create_engine, select

from storage.models import (
    Announcement,
    ChatIdentity,
    Evidence,
    InboxEvent,
    Officer,
    Outbox,
    Report,
    StoredFile,
)
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.zalo_api import FakeZaloAPI
from tests.test_e2e import (
    REPLY_TIMEOUT,
    ROSTER,
    START_TIMEOUT,
    BotProcess,
    Player,
    bot_environment,
    run_cli,
    wait_for_fresh_poll,
)
from tests.test_report_flow import PDF, png_bytes
from tests.test_zalo_channel import REPORT_UP_TO_EVIDENCE

pytestmark = pytest.mark.e2e

PUBLIC = "https://thidua.phuong.example"
SECRET = "e2e-zalo-webhook-secret"
ZALO_USER = "6ede9afa66b88fe6d6a9"
HEAD, SECRETARIAT = 700_101, 700_102
OFFICER, HEAD_CODE, SECRETARIAT_CODE = "PVHCC03", "PVHCC01", "VHXH02"
LINK = re.compile(re.escape(PUBLIC) + r"(/upload/[A-Za-z0-9_-]+)")
ANNOUNCEMENT = "Kính gửi Trung tâm: họp giao ban thi đua lúc 14:00 thứ Sáu."


class HeldImage:
    """An image server whose first GET waits until released: the bot is then inside the
    handling of a stored event, before the core and before any reply."""

    def __init__(self, content: bytes) -> None:
        self.content = content
        self.asked = threading.Event()
        self.release = threading.Event()
        held = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # http.server names the method
                if not held.asked.is_set():
                    held.asked.set()
                    held.release.wait(START_TIMEOUT)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(held.content)))
                self.end_headers()
                # The first asker was killed while it waited: nobody reads this answer.
                with contextlib.suppress(OSError):
                    self.wfile.write(held.content)

            def log_message(self, *_args: object) -> None:
                """Quiet."""

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/anh-sau.png"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


class ZaloPlayer:
    """The officer on Zalo: each message is posted to the bot's webhook as Zalo posts it."""

    def __init__(self, fake: FakeZaloAPI, bot: BotProcess, webhook: str) -> None:
        self.fake, self.bot, self.webhook = fake, bot, webhook

    def deliver(self, event: dict[str, object]) -> int:
        return asyncio.run(self.fake.deliver(self.webhook, event))

    def wait_for_texts(self, count: int, what: str) -> list[str]:
        """The texts sent to the officer once there are `count` of them."""
        deadline = time.monotonic() + REPLY_TIMEOUT
        while len(texts := self.fake.texts_to(ZALO_USER)) < count:
            if time.monotonic() > deadline or not self.bot.alive():
                raise AssertionError(
                    f"{what}: {len(texts)} of {count} Zalo messages arrived: {texts}\n"
                    f"--- bot output ---\n{self.bot.log()}"
                )
            time.sleep(0.02)
        return texts

    def event(self, event: dict[str, object], expect: str, what: str) -> str:
        before = len(self.fake.texts_to(ZALO_USER))
        assert self.deliver(event) == 200, what
        answer = self.wait_for_texts(before + 1, what)[before]
        assert expect in answer, f"{what}: expected {expect!r} in:\n{answer}\n{self.bot.log()}"
        return answer

    def send(self, text: str, expect: str) -> str:
        return self.event(self.fake.text_event(ZALO_USER, text, name="Oanh"), expect, text)


def wait_until(check: Callable[[], bool], bot: BotProcess, what: str) -> None:
    """Poll a fact the running process makes true (in the database, on a fake)."""
    deadline = time.monotonic() + REPLY_TIMEOUT
    while not check():
        if time.monotonic() > deadline or not bot.alive():
            raise AssertionError(f"{what} did not happen\n--- bot output ---\n{bot.log()}")
        time.sleep(0.05)


def buttons_to(fake: FakeTelegramAPI, user: int) -> list[str]:
    """The labels of every inline button the bot sent the user."""
    return [
        button.get("text", "")
        for record in fake.sent(user)
        for row in (record["reply_markup"] or {}).get("inline_keyboard", [])
        for button in row
    ]


def wait_listening(player: ZaloPlayer) -> None:
    """Zalo's empty probe, until the web door answers it (a moment after the process starts)."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            if asyncio.run(player.fake.deliver(player.webhook, None)) == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline or not player.bot.alive():
            raise AssertionError(f"the web door never listened\n{player.bot.log()}")
        time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def telegram() -> Iterator[FakeTelegramAPI]:
    with FakeTelegramAPI() as api:
        yield api


@pytest.fixture
def zalo() -> Iterator[FakeZaloAPI]:
    with FakeZaloAPI() as api:
        yield api


def invite_code(env: dict[str, str], officer: str) -> str:
    printed = run_cli(env, "invite", officer)
    found = re.search(r"\?start=([A-Z0-9]+)", printed)
    assert found is not None, printed
    return found.group(1)


def test_one_process_serves_zalo_and_telegram_and_survives_a_kill_after_the_200(
    telegram: FakeTelegramAPI, zalo: FakeZaloAPI, database_url: str, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    port = free_port()
    env = bot_environment(telegram, data_dir, database_url)
    env = {k: v for k, v in env.items() if not k.startswith(("ZALO_", "PUBLIC_", "WEB_"))}
    env.update(
        {
            "ZALO_BOT_TOKEN": zalo.token,
            "ZALO_API_BASE_URL": zalo.base_url,
            "ZALO_UPDATE_MODE": "webhook",
            "ZALO_WEBHOOK_SECRET": SECRET,
            "ZALO_RATE_PER_SECOND": "20",
            "ZALO_CHAT_INTERVAL_SECONDS": "1",
            "PUBLIC_BASE_URL": PUBLIC,
            "WEB_LISTEN": f"127.0.0.1:{port}",
            # Telegram keeps polling: no TELEGRAM_WEBHOOK_SECRET.
        }
    )
    run_cli(env, "import-roster", str(ROSTER))
    codes = {code: invite_code(env, code) for code in (OFFICER, HEAD_CODE, SECRETARIAT_CODE)}

    bot = BotProcess(env, tmp_path / "bot.log")
    oanh = ZaloPlayer(zalo, bot, f"http://127.0.0.1:{port}/zalo/webhook")
    head, secretariat = Player(telegram, bot, HEAD), Player(telegram, bot, SECRETARIAT)
    photo, late_photo = png_bytes("green"), png_bytes("navy")
    held = HeldImage(late_photo)
    try:
        bot.start()
        wait_for_fresh_poll(telegram, bot, 0)
        wait_listening(oanh)
        assert zalo.state.webhook_url == f"{PUBLIC}/zalo/webhook"
        assert zalo.state.webhook_secret == SECRET

        # --- binding: the code alone on Zalo, /start CODE on Telegram ---------------------
        oanh.send(codes[OFFICER], expect="liên kết tài khoản thành công")
        head.send(f"/start {codes[HEAD_CODE]}", expect="liên kết tài khoản thành công")
        secretariat.send(f"/start {codes[SECRETARIAT_CODE]}", expect="liên kết tài khoản")

        # --- the report: a photo in chat (the fake CDN), a PDF through the upload page -----
        for words, expected in REPORT_UP_TO_EVIDENCE:
            said = oanh.send(words, expect=expected)
        assert LINK.search(said), f"no upload link at the evidence step:\n{said}"
        caption = "Buổi hướng dẫn người dân"
        said = oanh.event(
            zalo.image_event(ZALO_USER, zalo.host("anh.jpg", photo), caption=caption),
            expect=f"Đã nhận «{caption}.jpg»",
            what="<photo>",
        )
        # Each prompt carries a fresh link (a newer one revokes the older): the latest is used.
        link = LINK.search(said)
        assert link is not None, said
        # The browser opens the link (the proxy strips PUBLIC_BASE_URL) and posts the file.
        page = httpx.get(f"http://127.0.0.1:{port}{link.group(1)}")
        assert page.status_code == 200 and 'type="file"' in page.text
        before = len(zalo.texts_to(ZALO_USER))
        posted = httpx.post(
            f"http://127.0.0.1:{port}{link.group(1)}",
            files=[("files", ("ke-hoach.pdf", PDF, "application/pdf"))],
        )
        assert posted.status_code == 200, posted.text
        assert [a.split(" (")[0] for a in posted.json()["accepted"]] == ["ke-hoach.pdf"]
        arrived = oanh.wait_for_texts(before + 1, "the upload's notice")[before]
        assert "ke-hoach.pdf" in arrived, arrived

        # --- a photo whose webhook got its 200, then the process is killed ----------------
        late = zalo.image_event(ZALO_USER, held.url, caption="Ảnh bổ sung")
        before = len(zalo.texts_to(ZALO_USER))
        assert oanh.deliver(late) == 200
        assert held.asked.wait(REPLY_TIMEOUT), f"the bot never fetched the image\n{bot.log()}"
        assert bot.kill() == -signal.SIGKILL
        held.release.set()
        engine = create_engine(database_url)
        late_id = str(late["message"]["message_id"])  # type: ignore[index]  # built above
        with Session(engine) as session:
            stored = session.exec(select(InboxEvent).where(InboxEvent.external_id == late_id)).one()
            at_kill = (stored.handled_at, stored.attempts)
            # The lease the killed process held runs out (2 minutes); here it is made to.
            session.exec(
                update(InboxEvent)
                .where(col(InboxEvent.id) == stored.id)
                .values(lease_until=datetime.now(UTC) - timedelta(seconds=1))
            )
            session.commit()
        assert at_kill == (None, 1), "stored and claimed once, not handled"
        assert len(zalo.texts_to(ZALO_USER)) == before, "answered before the kill"

        calls_before_restart = len(telegram.state.calls())
        bot.start()
        wait_for_fresh_poll(telegram, bot, calls_before_restart)
        wait_listening(oanh)
        answer = oanh.wait_for_texts(before + 1, "the stored photo after the restart")[before]
        assert "Đã nhận «Ảnh bổ sung.jpg»" in answer, answer
        # Zalo delivers the same message again: kept once, not answered again.
        assert oanh.deliver(late) == 200
        oanh.send("xong", expect="Xem lại báo cáo")
        oanh.send("gui", expect="Đã gửi báo cáo số")
        assert sum("Ảnh bổ sung" in t and "Đã nhận" in t for t in zalo.texts_to(ZALO_USER)) == 1

        # --- the head confirms on Telegram; the officer hears it on Zalo -------------------
        head.send("/xacnhan", expect="Báo cáo chờ xác nhận 1/1")
        # The report comes first, then its evidence (sent as documents and photos on
        # Telegram), then the choices.
        wait_until(lambda: "✅ Xác nhận" in buttons_to(telegram, HEAD), bot, "the choices")
        # The PDF that came through Zalo's upload page reaches the head as a Telegram document.
        shown = [(m["filename"], m["data"]) for m in telegram.sent(HEAD) if m["filename"]]
        assert shown == [("ke-hoach.pdf", PDF)], shown
        head.press("✅ Xác nhận", expect="Đã xác nhận báo cáo số")
        before = len(zalo.texts_to(ZALO_USER))
        confirmed = oanh.wait_for_texts(before + 1, "the confirmation notice")[before]
        assert "xác nhận" in confirmed, confirmed

        # --- the secretariat's announcement reaches Zalo and Telegram ----------------------
        secretariat.send("/thongbao", expect="Nhập nội dung thông báo")
        secretariat.send(ANNOUNCEMENT, expect="tệp")
        secretariat.press("Bỏ qua", expect="Gửi thông báo tới ai?")
        secretariat.press("Một số đơn vị", expect="Chọn các đơn vị")
        secretariat.press(
            "☐ Trung tâm Phục vụ hành chính công", expect="Trung tâm Phục vụ hành chính công"
        )
        secretariat.press("Xong", expect="Số người nhận")
        secretariat.press("✅ Gửi", expect="Đã gửi thông báo số")
        wait_until(
            lambda: (
                any(ANNOUNCEMENT in t for t in zalo.texts_to(ZALO_USER))
                and any(ANNOUNCEMENT in (m["text"] or "") for m in telegram.sent(HEAD))
            ),
            bot,
            "the announcement on both channels",
        )
        assert bot.terminate() == 0, bot.log()
    finally:
        bot.ensure_dead()
        held.close()

    log = bot.log()
    assert "Traceback" not in log, log
    zalo_texts = zalo.texts_to(ZALO_USER)
    assert not any("hệ thống gặp lỗi" in t for t in zalo_texts), zalo_texts
    assert sum(ANNOUNCEMENT in t for t in zalo_texts) == 1, zalo_texts

    # --- what the processes left in the database -------------------------------------------
    with Session(engine) as session:
        officers = {o.code: o for o in session.exec(select(Officer)).all()}
        identities = session.exec(select(ChatIdentity)).all()
        report = session.exec(select(Report)).one()
        evidence = session.exec(select(Evidence)).all()
        files = session.exec(select(StoredFile)).all()
        events = session.exec(select(InboxEvent).order_by(col(InboxEvent.id))).all()
        announcement = session.exec(select(Announcement)).one()
        announced = session.exec(select(Outbox).where(Outbox.kind == "announcement")).all()
    engine.dispose()
    assert sorted((i.channel, i.platform_user_id, i.officer_id) for i in identities) == sorted(
        [
            ("zalo", ZALO_USER, officers[OFFICER].id),
            ("telegram", str(HEAD), officers[HEAD_CODE].id),
            ("telegram", str(SECRETARIAT), officers[SECRETARIAT_CODE].id),
        ]
    )
    assert (report.officer_id, report.status, report.title) == (
        officers[OFFICER].id,
        "confirmed",
        "Tiếp nhận hồ sơ qua mạng",
    )
    sha = {
        name: hashlib.sha256(data).hexdigest()
        for name, data in [("photo", photo), ("pdf", PDF), ("late", late_photo)]
    }
    assert sorted((e.kind, e.file_sha256, e.report_id) for e in evidence) == sorted(
        [
            ("photo", sha["photo"], report.id),
            ("file", sha["pdf"], report.id),
            ("photo", sha["late"], report.id),
        ]
    )
    assert sorted(f.sha256 for f in files) == sorted(sha.values())
    # Every Zalo event handled once; the killed one took a second claim, the redelivery none.
    assert all(e.handled_at is not None and e.channel == "zalo" for e in events)
    assert len({e.external_id for e in events}) == len(events)
    assert [e.attempts for e in events if e.external_id == late_id] == [2]
    assert announcement.text == ANNOUNCEMENT
    assert sorted((o.channel, o.chat_id, o.status) for o in announced) == sorted(
        [("zalo", ZALO_USER, "sent"), ("telegram", str(HEAD), "sent")]
    )

    # --- on disk: each file once, named by its SHA-256 --------------------------------------
    on_disk = {
        path.name: path.read_bytes()
        for path in (data_dir / "evidence").rglob("*")
        if path.is_file() and not path.name.startswith(".")
    }
    assert on_disk == {sha["photo"]: photo, sha["pdf"]: PDF, sha["late"]: late_photo}
