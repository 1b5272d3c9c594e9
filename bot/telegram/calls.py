"""Bot API calls whose answer the bot does not read, made without building objects from it.

python-telegram-bot turns every answer into objects: a sent message comes back as a Message
with its keyboard rebuilt, which took about an eighth of the bot's CPU under load
(bench/bench_load.py --profile) for answers nobody reads. These calls go through the same Bot,
HTTP client and error mapping (RetryAfter, Forbidden, BadRequest …) and return the raw result.
"""

from __future__ import annotations

import warnings
from typing import Any

from telegram import Bot, InlineKeyboardMarkup
from telegram.warnings import PTBUserWarning

# The library suggests its typed method for a known endpoint: the parsing it does is what these
# calls avoid. Set once here rather than around each call: catching warnings per call is not
# thread-safe and costs more than the call's own work.
warnings.filterwarnings(
    "ignore",
    message=r"Please use 'Bot\.\w+' instead of 'Bot\.do_api_request",
    category=PTBUserWarning,
)


async def raw_call(
    bot: Bot, endpoint: str, *, read_timeout: float | None = None, **params: Any
) -> Any:
    """The raw result of one Bot API call; parameters that are None are left out, and so is
    `read_timeout` (the client's own applies), since None would mean no timeout at all."""
    api_kwargs = {name: value for name, value in params.items() if value is not None}
    if read_timeout is None:
        return await bot.do_api_request(endpoint, api_kwargs=api_kwargs)
    return await bot.do_api_request(endpoint, api_kwargs=api_kwargs, read_timeout=read_timeout)


async def send_text(
    bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """sendMessage, its answer (the message as sent) left unread."""
    await raw_call(bot, "sendMessage", chat_id=chat_id, text=text, reply_markup=markup)
