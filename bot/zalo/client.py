"""A thin client of the Zalo Bot Platform API on aiohttp (/work/shared/ZALO.md §1).

Every call is `POST <base>/bot<TOKEN>/<method>` with a JSON body and answers the envelope
`{ok, result}` or `{ok: false, error_code, description}`: HTTP 200 alone is not success. The
token is part of the URL path, so nothing that carries the URL (aiohttp's exceptions, its
messages) leaves this module: errors are rebuilt from the status and Zalo's description, and
any text that might still hold the token is scrubbed.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp

from bot.tls import trusted_roots

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://bot-api.zaloplatforms.com"
# An ordinary call; getUpdates adds its own long-poll time to this.
CALL_TIMEOUT_SECONDS = 15.0
DOWNLOAD_TIMEOUT_SECONDS = 60.0
DOWNLOAD_CHUNK = 64 * 1024


class ZaloError(Exception):
    """Zalo refused a call (`code` is its error_code), or the call did not get through (0)."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(f"Zalo {code}: {description}")
        self.code = code
        self.description = description


class BadRequest(ZaloError):
    """400: Zalo refused the parameters (an empty or too long text, getUpdates under a webhook)."""


class Unauthorized(ZaloError):
    """401: the token is wrong or was reset."""


class NothingNew(ZaloError):
    """408: a long poll ended without an update (or a call timed out on Zalo's side)."""


class QuotaExceeded(ZaloError):
    """429: too many calls; Zalo publishes no retry_after."""


class ServerTrouble(ZaloError):
    """403 (Zalo's text for it is "internal server error") and 5xx: worth trying again later."""


class NetworkTrouble(ZaloError):
    """The call did not get an answer: connection refused, reset, timed out."""


class DownloadFailed(Exception):
    """An image URL did not give its file (expired, gone, or the connection failed)."""


class TooLarge(DownloadFailed):
    """The file is over the limit; `size` is what is known of it (more than the limit)."""

    def __init__(self, size: int) -> None:
        super().__init__(f"file larger than the limit ({size} bytes or more)")
        self.size = size


ERRORS: dict[int, type[ZaloError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: ServerTrouble,
    408: NothingNew,
    429: QuotaExceeded,
}


def error_for(code: int, description: str) -> ZaloError:
    """The typed error for Zalo's error_code."""
    kind = ERRORS.get(code) or (ServerTrouble if code >= 500 else ZaloError)
    return kind(code, description)


class ZaloClient:
    """The Bot Platform methods the bot uses; `open` before the first call, `close` at the end."""

    def __init__(self, token: str, base_url: str = DEFAULT_BASE_URL) -> None:
        self._token = token
        self._base = base_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    async def open(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(ssl=trusted_roots()),
                raise_for_status=False,
            )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    # ----- methods ------------------------------------------------------------------------

    async def get_me(self) -> dict[str, Any]:
        return _mapping(await self.call("getMe"))

    async def get_updates(self, timeout: int) -> dict[str, Any] | None:
        """One update, or None when the long poll ended empty (Zalo's 408)."""
        try:
            result = await self.call("getUpdates", {"timeout": timeout}, wait=timeout)
        except NothingNew:
            return None
        return _mapping(result)

    async def set_webhook(self, url: str, secret_token: str) -> bool:
        """Set the webhook; whether Zalo's probe of the URL succeeded, where it says so."""
        result = await self.call("setWebhook", {"url": url, "secret_token": secret_token})
        verification = result.get("verification") if isinstance(result, dict) else None
        if isinstance(verification, dict) and "ok" in verification:
            return bool(verification["ok"])
        return True

    async def delete_webhook(self) -> None:
        await self.call("deleteWebhook")

    async def get_webhook_info(self) -> dict[str, Any]:
        return _mapping(await self.call("getWebhookInfo"))

    async def send_message(self, chat_id: str, text: str) -> dict[str, Any]:
        return _mapping(await self.call("sendMessage", {"chat_id": chat_id, "text": text}))

    async def send_photo(self, chat_id: str, photo: str, caption: str = "") -> dict[str, Any]:
        params: dict[str, Any] = {"chat_id": chat_id, "photo": photo}
        if caption:
            params["caption"] = caption
        return _mapping(await self.call("sendPhoto", params))

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> None:
        await self.call("sendChatAction", {"chat_id": chat_id, "action": action})

    # ----- the wire -----------------------------------------------------------------------

    async def call(self, method: str, params: dict[str, Any] | None = None, wait: int = 0) -> Any:
        """Make one call and unwrap the envelope; a typed ZaloError when it is not ok."""
        session = self._opened()
        url = f"{self._base}/bot{self._token}/{method}"
        timeout = aiohttp.ClientTimeout(total=CALL_TIMEOUT_SECONDS + wait)
        try:
            async with session.post(url, json=params or {}, timeout=timeout) as response:
                status = response.status
                try:
                    envelope = await response.json(content_type=None)
                except ValueError:
                    envelope = None
        except (aiohttp.ClientError, TimeoutError) as error:
            # The exception's text may hold the URL, and with it the token: only its kind
            # leaves, and `from None` keeps the original out of every traceback.
            raise NetworkTrouble(0, f"{method}: {self._scrub(_kind(error))}") from None
        if not isinstance(envelope, dict) or "ok" not in envelope:
            raise error_for(status if status >= 400 else 502, f"{method}: not a Zalo answer")
        if envelope["ok"] is True:
            log.debug("Zalo %s ok", method)
            return envelope.get("result")
        code = _int(envelope.get("error_code"), status)
        description = self._scrub(str(envelope.get("description") or ""))
        raise error_for(code, f"{method}: {description}")

    async def download(self, url: str, max_bytes: int) -> bytes:
        """The file at an image URL, read at once; TooLarge past max_bytes, DownloadFailed else."""
        session = self._opened()
        timeout = aiohttp.ClientTimeout(total=DOWNLOAD_TIMEOUT_SECONDS)
        try:
            async with session.get(url, timeout=timeout) as response:
                if response.status != 200:
                    raise DownloadFailed(f"HTTP {response.status}")
                declared = response.content_length or 0
                if declared > max_bytes:
                    raise TooLarge(declared)
                content = bytearray()
                async for chunk in response.content.iter_chunked(DOWNLOAD_CHUNK):
                    content += chunk
                    if len(content) > max_bytes:
                        raise TooLarge(len(content))
                return bytes(content)
        except (aiohttp.ClientError, TimeoutError) as error:
            raise DownloadFailed(self._scrub(_kind(error))) from None

    def _opened(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            raise RuntimeError("the Zalo client is not open; call open() first")
        return self._session

    def _scrub(self, text: str) -> str:
        """The text with the token masked, should Zalo or aiohttp ever echo it."""
        return text.replace(self._token, "<token>") if self._token else text


def _kind(error: BaseException) -> str:
    """What went wrong, without the URL: the exception's class and, for OS errors, the reason."""
    if isinstance(error, aiohttp.ClientConnectorError):
        return f"{type(error).__name__} ({error.os_error.strerror or 'connection failed'})"
    if isinstance(error, TimeoutError | asyncio.TimeoutError):
        return "timed out"
    return type(error).__name__


def _mapping(result: Any) -> dict[str, Any]:
    """Zalo's result as a dict (a result that is not one is taken as empty)."""
    return result if isinstance(result, dict) else {}


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
