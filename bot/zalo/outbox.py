"""The outbox's Zalo transport: a row as Bot Platform calls, Zalo's refusals in neutral terms.

Zalo publishes no rate limit and no retry_after: a 429 postpones the row (and, through the
sender, every send) for a jittered wait that doubles while 429s keep coming. A 400 ("bad
request") refuses this message's parameters (a text out of 1–2000 characters, a chat id Zalo
does not take): sent again as it is it would be refused again, so the row is given up at
once (Rejected), as Telegram's 400 is, and its author may send it again from the report.

Zalo's 403 says "internal server error", so it is taken for what it says, a passing failure
the sender tries again, not a recipient that blocked the bot: marking a row unreachable on a
server's hiccup would drop an announcement for good. No Zalo answer is known to mean
"blocked", so this transport never raises Unreachable. Everything else (a 408, a 5xx, the
network, a 401 until the token is fixed) is retried on the sender's horizon.
"""

from __future__ import annotations

import random
from datetime import timedelta

from bot.outbox.limits import SenderLimits
from bot.outbox.transport import Paced, RateLimited, Rejected
from bot.settings import Settings
from bot.web.links import FileLinks
from bot.zalo.client import BadRequest, QuotaExceeded, ZaloClient
from bot.zalo.sending import CHANNEL, send_reply
from handlers.engine.messages import OutgoingFile, Reply
from handlers.engine.notify import buttons_from_json
from storage.models import Outbox

FIRST_WAIT_SECONDS = 10.0
LONGEST_WAIT_SECONDS = 300.0


class ZaloTransport:
    """Sends a row as plain text with numbered choices; a file goes as a download link."""

    channel = CHANNEL

    def __init__(
        self, client: ZaloClient, links: FileLinks, rng: random.Random | None = None
    ) -> None:
        self.client = client
        self.links = links
        self.rng = rng or random.Random()
        # 429s in a row: each one doubles the wait.
        self._refusals = 0

    async def send(self, row: Outbox, file: bytes | None, paced: Paced) -> None:
        outgoing = None
        if file is not None:
            outgoing = OutgoingFile(
                name=row.file_name or (row.file_sha256 or "")[:16], content=file
            )
        reply = Reply(row.text, buttons=buttons_from_json(row.buttons), file=outgoing)
        try:
            await send_reply(self.client, self.links, row.chat_id, reply, paced)
        except QuotaExceeded as error:
            self._refusals += 1
            raise RateLimited(self.wait(), str(error)) from error
        except BadRequest as error:
            raise Rejected(str(error)) from error
        self._refusals = 0

    def wait(self) -> float:
        """Seconds to hold every send after the latest 429: doubling, capped, jittered."""
        base = min(FIRST_WAIT_SECONDS * 2.0 ** (self._refusals - 1), LONGEST_WAIT_SECONDS)
        return base * self.rng.uniform(0.5, 1.5)


def zalo_limits(settings: Settings) -> SenderLimits:
    """Zalo's own (configured) pace for the outbox sender of the Zalo rows."""
    return SenderLimits(
        rate_per_second=settings.zalo.rate_per_second,
        chat_interval=float(settings.zalo.chat_interval_seconds),
        retry_horizon=timedelta(hours=settings.outbox_retry_hours),
    )
