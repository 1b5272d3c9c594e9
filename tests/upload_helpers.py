"""Shared by the upload page's tests: a Zalo-like chat at the evidence step, and its link."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.core import Core
from handlers.engine.messages import Incoming, Reply
from tests.chat import CHANNEL, Chat
from tests.flows import play
from tests.test_report_flow import OFFICER_REPORT

PUBLIC = "https://thidua.phuong.example"
LINK = re.compile(re.escape(PUBLIC) + r"/upload/([A-Za-z0-9_-]+)")


class DocumentlessChat(Chat):
    """A chat on a channel that carries no documents (Zalo): the core offers the page."""

    def _incoming(self, **fields: object) -> list[Reply]:
        incoming = Incoming(
            channel=CHANNEL,
            user_id=self.user_id,
            chat_id=self.user_id,
            documents_by_link=True,
            **fields,  # type: ignore[arg-type]  # the same fields Chat passes
        )
        self.last = self.core.answer(incoming)
        return self.last


def with_web_door(core: Core) -> Core:
    core.config = replace(core.config, public_base_url=PUBLIC)
    return core


def at_evidence_step(core: Core, officer: str = "PVHCC03") -> tuple[DocumentlessChat, str]:
    """An officer whose draft is at the evidence step, and the upload token offered there."""
    chat = DocumentlessChat(with_web_door(core), officer_code=officer)
    play(chat, OFFICER_REPORT[:11])
    found = LINK.findall(chat.text)
    assert len(found) == 1, chat.text
    return chat, found[0]
