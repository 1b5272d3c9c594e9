"""The upload page in a real headless Chromium, on a phone-sized screen, as Zalo opens it.

Playwright drives Debian's chromium (never its own download: `playwright install` is not
used), so the test runs wherever `apt-get install chromium` has run; it skips elsewhere.
"""

from __future__ import annotations

import asyncio
import importlib.util
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web
from sqlmodel import select

from bot.core import Core
from bot.web.inbox import InboxWorker
from bot.web.server import build_web_app
from handlers import texts
from storage.db import transaction
from storage.models import Outbox
from tests.conftest import missing_tool
from tests.flows import Turn, play
from tests.test_report_flow import PDF, png_bytes
from tests.upload_helpers import at_evidence_step

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ZALO_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 13; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Mobile Safari/537.36 Zalo android/12080818 ZaloTheme/light ZaloLanguage/vi"
)
SCREENSHOTS = Path(__file__).parent / "artifacts"


@pytest.fixture
def web_door(core: Core) -> Iterator[str]:
    """The web app on 127.0.0.1 in a thread of its own, as the bot process serves it."""
    if importlib.util.find_spec("playwright") is None:
        missing_tool("pip install playwright (see pyproject's dev extra)")
    if not Path(CHROMIUM).exists():
        missing_tool("no Chromium here: apt-get install chromium (as .ci/run does)")
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    address: list[str] = []
    runner: list[web.AppRunner] = []

    async def start() -> None:
        worker = InboxWorker(engine=core.engine, handlers={}, clock=core.clock)
        app_runner = web.AppRunner(build_web_app(core, worker, []))
        await app_runner.setup()
        site = web.TCPSite(app_runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]  # bound
        address.append(f"http://127.0.0.1:{port}")
        runner.append(app_runner)
        ready.set()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(start(), loop)
    assert ready.wait(10)
    yield address[0]
    asyncio.run_coroutine_threadsafe(runner[0].cleanup(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def test_an_officer_sends_two_files_from_a_phone(core: Core, web_door: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    chat, token = at_evidence_step(core)
    pdf, photo = tmp_path / "Kế hoạch.pdf", tmp_path / "ảnh hiện trường.png"
    pdf.write_bytes(PDF)
    photo.write_bytes(png_bytes())
    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(
            viewport={"width": 390, "height": 844},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            user_agent=ZALO_USER_AGENT,
        )
        page.goto(f"{web_door}/upload/{token}")
        assert page.title() == texts.PAGE_TITLE
        page.screenshot(path=str(SCREENSHOTS / "upload-empty.png"), full_page=True)
        page.set_input_files("#files", [str(pdf), str(photo)])
        page.click("#send")
        page.wait_for_selector("text=" + texts.PAGE_DONE, timeout=15_000)
        assert page.locator("#bar").get_attribute("value") == "100"
        shown = page.inner_text("#out")
        page.screenshot(path=str(SCREENSHOTS / "upload-done.png"), full_page=True)
        # The same link, opened again, says it is used up.
        page.goto(f"{web_door}/upload/{token}")
        assert texts.UPLOAD_LINK_DEAD in page.inner_text("main")
        browser.close()
    assert "Kế hoạch.pdf" in shown and "ảnh hiện trường.png" in shown
    with transaction(core.engine) as session:
        told = session.exec(select(Outbox.text)).one()
    assert "Kế hoạch.pdf" in told and "ảnh hiện trường.png" in told
    play(chat, [Turn(press="Xong", expect="Kế hoạch.pdf")])
