"""A neutral reply as Zalo Bot Platform calls, shared by the chat and the outbox.

Zalo takes plain text of 1 to 2000 characters and photos by URL, nothing else: buttons
become numbered lines (bot/plain_text.py), a chart goes by sendPhoto with a link from the web
door, any other file as a line with its download link. The photo goes first, so that the
choices stay the last thing in the chat.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from functools import partial

from bot import plain_text
from bot.web.links import FileLinks
from bot.zalo.client import ZaloClient
from handlers import texts
from handlers.engine.messages import Reply

CHANNEL = "zalo"
# sendMessage's longest text.
MAX_TEXT = 2000
# Makes one call: directly in a chat, paced by the sender's limits in the outbox.
Caller = Callable[[Callable[[], Awaitable[object]]], Awaitable[object]]


async def call_now(call: Callable[[], Awaitable[object]]) -> object:
    return await call()


async def send_reply(
    client: ZaloClient,
    links: FileLinks,
    chat_id: str,
    reply: Reply,
    caller: Caller = call_now,
) -> None:
    """Send one reply: the photo if it has one, then its texts, the choices last."""
    file = reply.file
    if file is not None:
        make_link = partial(
            links.link_for, channel=CHANNEL, chat_id=chat_id, name=file.name, content=file.content
        )
        url = await asyncio.to_thread(make_link)
        if file.is_photo:
            await caller(partial(client.send_photo, chat_id, url))
            reply = replace(reply, file=None)
        else:
            line = texts.FILE_BY_LINK.format(name=file.name, url=url)
            reply = replace(reply, text=f"{reply.text}\n\n{line}" if reply.text else line)
    for piece in plain_text.render(reply, MAX_TEXT):
        await caller(partial(client.send_message, chat_id, piece))
