"""The Zalo channel on the test's core, against the fake Zalo API over real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.core import Core
from bot.core_runner import Answer, CoreRunner
from bot.zalo.channel import ZaloChannel
from bot.zalo.client import ZaloClient
from handlers.identity.binding import issue_invite
from storage.db import transaction
from tests.fakes.zalo_api import FakeZaloAPI

USER = "6ede9afa66b88fe6d6a9"


class FakeLinks:
    """The web door's file links, served by the fake CDN (which answers repeated GETs)."""

    def __init__(self, fake: FakeZaloAPI) -> None:
        self.fake = fake
        self.made: list[tuple[str, str, str]] = []

    def link_for(self, *, channel: str, chat_id: str, name: str, content: bytes) -> str:
        self.made.append((channel, chat_id, name))
        return self.fake.host(name, content)


async def no_wait(_seconds: float) -> None:
    """The channel's back-off sleep, not slept in tests."""


class ZaloDoor:
    """A ZaloChannel whose updates come from the fake's getUpdates; say() plays one user."""

    def __init__(self, fake: FakeZaloAPI, answer: Answer, *, typing_after: float = 60.0) -> None:
        self.fake = fake
        self.links = FakeLinks(fake)
        self.runner = CoreRunner(answer)
        self.channel = ZaloChannel(
            ZaloClient(fake.token, fake.base_url),
            self.runner,
            self.links,
            max_file_bytes=20 * 1024 * 1024,
            typing_after=typing_after,
            sleep=no_wait,
        )

    async def __aenter__(self) -> ZaloDoor:
        await self.channel.start()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.channel.close()
        self.runner.close()

    async def say(self, event: dict[str, Any]) -> list[str]:
        """Queue the event on the fake, take it by getUpdates, answer it; the texts sent back."""
        before = len(self.fake.texts_to(USER))
        self.fake.push(event)
        update = await self.channel.client.get_updates(timeout=0)
        assert update is not None
        await self.channel.handle_update(update)
        return self.fake.texts_to(USER)[before:]

    async def text(self, words: str) -> str:
        return "\n".join(await self.say(self.fake.text_event(USER, words)))


async def bind(door: ZaloDoor, core: Core, officer_code: str) -> None:
    """Bind the Zalo user to the officer as an officer does: typing the invite code."""
    with transaction(core.engine) as session:
        code = issue_invite(
            session,
            officer_code=officer_code,
            now=core.clock(),
            ttl=core.config.invite_ttl,
            key=core.config.invite_key,
        )
    said = await door.text(f"/start {code}")
    assert said, "the bot did not answer the invite code"


def run(job: Any) -> Any:
    return asyncio.run(job)
