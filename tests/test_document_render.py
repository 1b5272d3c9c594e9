"""Every DOCX the bot drafts, rendered to PDF by LibreOffice: a layout break shows as a test.

Skips where LibreOffice (`soffice`) or poppler (`pdftotext`) is absent; .ci/run installs them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.core import Core
from handlers.documents.council_drafts import draft_city_letter, draft_decision, draft_minutes
from handlers.documents.drafts import draft_achievement_report, draft_submission_letter
from handlers.engine.context import Context
from handlers.engine.messages import Incoming
from storage.models import AwardRound, Nomination
from storage.queries.conversations import ConversationState
from storage.queries.roster import unit_by_code
from tests.chat import Chat
from tests.conftest import FakeClock, missing_tool
from tests.test_council import voted_ward

TOOLS = ("soffice", "pdftotext", "pdfinfo")


@pytest.fixture(autouse=True)
def renderer() -> None:
    if any(shutil.which(tool) is None for tool in TOOLS):
        missing_tool(
            "LibreOffice (soffice) and poppler-utils (pdftotext, pdfinfo) are needed to render "
            "the drafts: apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation"
        )


@contextmanager
def context(core: Core) -> Iterator[Context]:
    with Session(core.engine) as session:
        yield Context(
            session=session,
            now=core.clock(),
            campaign=core.campaign,
            config=core.config,
            files=core.files,
            incoming=Incoming(channel="test", user_id="render", chat_id="render"),
            conversation=ConversationState(channel="test", platform_user_id="render"),
        )


def render(folder: Path, documents: dict[str, bytes]) -> dict[str, Path]:
    """Write each DOCX and convert them all to PDF in one LibreOffice run."""
    for name, content in documents.items():
        (folder / f"{name}.docx").write_bytes(content)
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *(str(folder / f"{name}.docx") for name in documents),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return {name: folder / f"{name}.pdf" for name in documents}


def pages(pdf: Path) -> list[str]:
    """The text of each page, laid out as on paper."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return out.split("\f")[:-1]


def test_every_draft_renders_as_a_ward_office_files_it(
    core: Core, make_chat: type[Chat], clock: FakeClock, tmp_path: Path
) -> None:
    voted_ward(core, make_chat, clock)
    with context(core) as ctx:
        award_round = ctx.session.exec(select(AwardRound)).one()
        unit = unit_by_code(ctx.session, code="PVHCC")
        nominations = ctx.session.exec(select(Nomination).order_by(Nomination.id)).all()  # type: ignore[arg-type]
        assert unit is not None and unit.id is not None
        personal = next(n for n in nominations if n.officer_id and n.unit_id == unit.id)
        collective = next(n for n in nominations if n.officer_id is None)
        documents = {
            "to-trinh-don-vi": draft_submission_letter(ctx, unit.id),
            "bao-cao-ca-nhan": draft_achievement_report(ctx, personal.id or 0),
            "bao-cao-tap-the": draft_achievement_report(ctx, collective.id or 0),
            "bien-ban": draft_minutes(ctx, award_round),
            "quyet-dinh": draft_decision(ctx, award_round),
            "to-trinh-thanh-pho": draft_city_letter(ctx, award_round),
        }
    rendered = render(tmp_path, documents)
    for name, pdf in rendered.items():
        assert pdf.exists(), name
        texts = pages(pdf)
        first = texts[0]
        # The header on page 1, both columns on the first lines, and no page number there.
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first, name
        assert first.lstrip().startswith(("UBND", "ỦY BAN")), name
        for number, page in enumerate(texts[1:], start=2):
            # Decree 30/2020: from page 2 on, the number heads the page.
            assert page.strip().splitlines()[0].strip() == str(number), (name, number)
        # The signer's real title, never the generic "THỦ TRƯỞNG ĐƠN VỊ" in its place.
        assert not re.search(r"THỦ TRƯỞNG ĐƠN VỊ(?! XÁC NHẬN)", "".join(texts)), name
    decision = pages(rendered["quyet-dinh"])
    assert len(decision) >= 2 and "DANH SÁCH" in decision[-1]
    assert "Điều 3." in "".join(decision) and "Nơi nhận:" in "".join(decision)
    assert "NGUYỄN VĂN THƯƠNG" not in "".join(decision)  # the name as written, not capitals
    assert "Nguyễn Văn Thương" in "".join(decision)
    personal_report = "".join(pages(rendered["bao-cao-ca-nhan"]))
    assert "TÀI LIỆU, MINH CHỨNG KÈM THEO" in personal_report
    assert "GIÁM ĐỐC" in personal_report and "Mai Thị Kim Oanh" in personal_report
    # The unit's letter counts the collective report the Chủ tịch confirmed: it cannot say
    # every achievement was confirmed by the unit's head.
    unit_letter = " ".join(" ".join(pages(rendered["to-trinh-don-vi"])).split())
    assert "có 2 thành tích đã được xác nhận" in unit_letter
    assert "được thủ trưởng đơn vị xác nhận" not in unit_letter
    # The list's title never ends a page alone: it goes over with the table's header row.
    for page in pages(rendered["to-trinh-don-vi"]):
        if "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG" in page:
            assert "STT" in page.split("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", 1)[1]
