"""The Zalo channel: Bot Platform events in, the core's replies out as plain text.

An event comes from the webhook (through the durable inbox) or from getUpdates while
developing; either way `handle_update` turns it into an Incoming, has the core answer it
through the CoreRunner and sends the replies. The adapter decides nothing: it drops what
is not a user's message (the bot's own echoes, a repeated message_id), fetches an image at
once (Zalo's URLs expire), and shows the typing action when the core takes a while.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from bot.core import Core
from bot.core_runner import CoreRunner
from bot.outbox.pace import ChannelPace
from bot.settings import Settings
from bot.web.links import FileLinks
from bot.zalo.client import (
    DownloadFailed,
    NetworkTrouble,
    NothingNew,
    QuotaExceeded,
    ServerTrouble,
    TooLarge,
    ZaloClient,
    ZaloError,
)
from bot.zalo.sending import CHANNEL, send_reply
from bot.zalo.updates import IMAGE, PRIVATE, TEXT, ZaloEvent, read_event
from handlers.engine.messages import Attachment, Incoming, Reply

log = logging.getLogger(__name__)

Accept = Callable[[dict[str, Any]], Awaitable[None]]
Sleep = Callable[[float], Awaitable[None]]
# How long the core may take before the user sees "typing…": a chart or an export.
TYPING_AFTER_SECONDS = 0.5
# getUpdates holds this long when nothing comes.
POLL_SECONDS = 30
FIRST_BACKOFF_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 60.0
# Message ids remembered against repeats; the webhook path also dedupes durably in the inbox.
SEEN_MESSAGES = 2000
# The longest caption kept as the photo's name.
CAPTION_IN_NAME = 80
# Zalo's pace where none is given: the settings' defaults (ZALO_RATE_PER_SECOND, …).
DEFAULT_RATE_PER_SECOND = 3
DEFAULT_CHAT_INTERVAL_SECONDS = 2.0


class ZaloChannel:
    """One Zalo bot: its client, the core behind a CoreRunner, and the web door's file links."""

    def __init__(
        self,
        client: ZaloClient,
        runner: CoreRunner,
        links: FileLinks,
        *,
        max_file_bytes: int,
        typing_after: float = TYPING_AFTER_SECONDS,
        sleep: Sleep = asyncio.sleep,
        pace: ChannelPace | None = None,
    ) -> None:
        self.client = client
        self.runner = runner
        self.links = links
        self.max_file_bytes = max_file_bytes
        self.typing_after = typing_after
        self.sleep = sleep
        # The channel's one pace, shared with its outbox (bot/zalo/outbox.py), replies first.
        self.pace = pace or ChannelPace(
            per_second=DEFAULT_RATE_PER_SECOND,
            chat_interval=DEFAULT_CHAT_INTERVAL_SECONDS,
            sleep=sleep,
        )
        self.bot_id = ""
        self._handled: OrderedDict[str, None] = OrderedDict()
        self._chats: dict[str, asyncio.Lock] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        """Open the client and learn the bot's own id, so that its echoes are dropped."""
        await self.client.open()
        me = await self.client.get_me()
        self.bot_id = str(me.get("id") or "")
        log.info("Zalo bot %s (%s) ready", me.get("display_name", ""), self.bot_id)

    async def close(self) -> None:
        """Finish the messages in hand, then close the client."""
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.client.close()

    # ----- in -----------------------------------------------------------------------------

    async def handle_update(self, payload: dict[str, Any]) -> None:
        """Answer one event, wrapped or bare; a chat's events are answered one at a time."""
        event = read_event(payload)
        if event is None or self._own_echo(event):
            return
        if event.chat_type != PRIVATE:
            # Officers' reports and heads' lists are not for a group's eyes.
            log.info("Zalo message in a %s chat ignored: private chats only", event.chat_type)
            return
        # One lock per chat for the life of the process: a ward has a few hundred officers.
        async with self._chats.setdefault(event.chat_id, asyncio.Lock()):
            # Checked under the chat's lock, remembered once answered: a repeat arriving
            # meanwhile waits and is then dropped, one whose handling failed may come again.
            if event.message_id in self._handled:
                log.info("Zalo message %s came again; handled once", event.message_id)
                return
            incoming = await self._incoming(event)
            replies = await self._answer(incoming)
            for reply in replies:
                await self._send(event.chat_id, reply)
            self._remember(event.message_id)

    def _own_echo(self, event: ZaloEvent) -> bool:
        """Zalo echoing the bot's own message back."""
        return event.sender_is_bot or (bool(self.bot_id) and event.sender_id == self.bot_id)

    def _remember(self, message_id: str) -> None:
        if not message_id:
            return
        self._handled[message_id] = None
        if len(self._handled) > SEEN_MESSAGES:
            self._handled.popitem(last=False)

    async def _incoming(self, event: ZaloEvent) -> Incoming:
        attachment = None
        if event.name == IMAGE and event.image_url:
            attachment = await self._image(event)
        return Incoming(
            channel=CHANNEL,
            user_id=event.sender_id,
            chat_id=event.chat_id,
            text=event.text,
            attachment=attachment,
            display_name=event.display_name,
            unsupported=event.name != TEXT and attachment is None,
            documents_by_link=True,
            event_id=event.message_id or None,
        )

    async def _image(self, event: ZaloEvent) -> Attachment:
        """The image, fetched now: its URL expires. A failure is left to the core to explain."""
        assert event.image_url is not None
        # The caption names the photo in the evidence list, as a file's name would.
        caption = " ".join(event.text.split())[:CAPTION_IN_NAME]
        name = f"{caption or 'anh-' + (event.message_id or 'zalo')}.jpg"
        try:
            content = await self.client.download(event.image_url, self.max_file_bytes)
        except TooLarge as error:
            return Attachment(name=name, size=error.size, content=None, is_photo=True)
        except DownloadFailed as error:
            log.warning("could not fetch the image of Zalo message %s: %s", event.message_id, error)
            return Attachment(name=name, size=0, content=None, is_photo=True)
        return Attachment(name=name, size=len(content), content=content, is_photo=True)

    async def _answer(self, incoming: Incoming) -> list[Reply]:
        """The core's replies; "typing…" is shown if they take longer than `typing_after`."""
        answer = asyncio.ensure_future(self.runner.answer(incoming))
        done, _ = await asyncio.wait({answer}, timeout=self.typing_after)
        if not done:
            try:
                await self.client.send_chat_action(incoming.chat_id, "typing")
            except ZaloError as error:
                log.info("could not show typing in Zalo: %s", error)
        return await answer

    # ----- out ----------------------------------------------------------------------------

    async def _send(self, chat_id: str, reply: Reply) -> None:
        try:
            await send_reply(self.client, self.links, chat_id, reply, partial(self._paced, chat_id))
        except ZaloError as error:
            log.warning("could not send a reply in Zalo: %s", error)

    async def _paced(self, chat_id: str, call: Callable[[], Awaitable[object]]) -> object:
        """Make one call ahead of the outbox; Zalo's 429 or a passing server or network error
        is tried again with a jittered back-off, for up to the pace's reply horizon."""
        return await self.pace.reply(chat_id, call, passing_failure)

    # ----- polling (development) -------------------------------------------------------------

    async def poll(self, stop: asyncio.Event, accept: Accept | None = None) -> None:
        """Long-poll getUpdates until `stop` is set, passing each update to `accept`.

        By default each update is answered in a task of its own (chats side by side, each in
        order); the webhook door passes its durable inbox instead.
        """
        accept = accept or self.dispatch
        failures = 0
        while not stop.is_set():
            try:
                update = await _until_stopped(self.client.get_updates(POLL_SECONDS), stop)
            except ZaloError as error:
                failures += 1
                delay = jittered(min(FIRST_BACKOFF_SECONDS * 2**failures, MAX_BACKOFF_SECONDS))
                log.warning("Zalo getUpdates failed (%s); trying again in %.1f s", error, delay)
                await _until_stopped(self.sleep(delay), stop)
                continue
            failures = 0
            if update is not None:
                await accept(update)

    async def dispatch(self, payload: dict[str, Any]) -> None:
        """Answer an update in the background; close() waits for the ones in hand."""
        task = asyncio.create_task(self._handle_logged(payload))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle_logged(self, payload: dict[str, Any]) -> None:
        try:
            await self.handle_update(payload)
        except Exception:
            log.exception("failed to handle a Zalo update")


def passing_failure(error: Exception) -> float | None:
    """How the pace should take a failed Zalo call: Zalo gives no retry_after, so a 429 is
    backed off like a timeout (408) or a server's or the network's failure; anything else (a
    400 above all: the same reply would be refused again) is not tried again."""
    if isinstance(error, QuotaExceeded | NothingNew | ServerTrouble | NetworkTrouble):
        return 0.0
    return None


def build_channel(
    settings: Settings, core: Core, links: FileLinks, runner: CoreRunner | None = None
) -> ZaloChannel:
    """The configured Zalo channel on the core (with a CoreRunner of its own unless given);
    its outbox takes `channel.pace` (bot/zalo/outbox.py)."""
    client = ZaloClient(settings.zalo.token, settings.zalo.api_base_url)
    pace = ChannelPace(
        per_second=settings.zalo.rate_per_second,
        chat_interval=float(settings.zalo.chat_interval_seconds),
    )
    return ZaloChannel(
        client,
        runner or CoreRunner.for_core(core),
        links,
        max_file_bytes=core.config.max_file_bytes,
        pace=pace,
    )


def jittered(seconds: float) -> float:
    """A wait spread between half and one and a half times `seconds`, so retries do not align."""
    return seconds * random.uniform(0.5, 1.5)


async def _until_stopped(job: Awaitable[Any], stop: asyncio.Event) -> Any:
    """The job's result, or None as soon as `stop` is set (the job is then cancelled)."""
    work = asyncio.ensure_future(job)
    stopped = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({work, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
    if work.done():
        return work.result()
    work.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await work
    return None
