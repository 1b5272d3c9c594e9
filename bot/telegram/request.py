"""python-telegram-bot's HTTP requests carried by aiohttp instead of httpx.

PTB lets a bot bring its own networking backend through `telegram.request.BaseRequest`.
Measured against the fake Bot API on 127.0.0.1, httpx spends about 2.2 ms of CPU on one
sendMessage and aiohttp about 0.6 ms; a bot answering every message with at least one call
spends most of its time there (bench/bench_load.py shows it).
"""

from __future__ import annotations

from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from bot.tls import trusted_roots
from handlers.engine.file_names import clean_file_name

# PTB's own defaults for HTTPXRequest, so the bot behaves as documented for PTB.
DEFAULT_TIMEOUT_SECONDS = 5.0
DEFAULT_POOL_TIMEOUT_SECONDS = 1.0
Headers = dict[str, str]
URL_ENCODED: Headers = {"Content-Type": "application/x-www-form-urlencoded"}


class AiohttpRequest(BaseRequest):
    """One aiohttp session with a bounded connection pool, opened by `initialize`."""

    def __init__(
        self,
        *,
        connection_pool_size: int,
        read_timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
        connect_timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
        pool_timeout: float | None = DEFAULT_POOL_TIMEOUT_SECONDS,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[tuple[str, str], str | None] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size, ssl=trusted_roots()),
                headers={"User-Agent": self.USER_AGENT},
                # Telegram answers JSON even for errors; PTB reads the status and the body.
                raise_for_status=False,
            )

    def _proxy_for(self, url: str) -> str | None:
        """The proxy the environment names for this URL (HTTPS_PROXY, NO_PROXY …), as httpx
        honours them: office networks use them. aiohttp's own trust_env would look it up,
        and read ~/.netrc, in a worker thread on every request; here it is read once a host."""
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname or "")
        if key not in self._proxies:
            bypass = proxy_bypass(key[1])
            self._proxies[key] = None if bypass else getproxies().get(parts.scheme)
        return self._proxies[key]

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        del write_timeout  # aiohttp has no write timeout: see _timeout
        timeout = _timeout(
            read=_given(read_timeout, self._read_timeout),
            connect=_given(connect_timeout, self._connect_timeout),
            pool=_given(pool_timeout, self._pool_timeout),
        )
        try:
            body, headers = _body(request_data)
            async with self._session.request(
                method,
                url,
                data=body,
                headers=headers,
                timeout=timeout,
                proxy=self._proxy_for(url),
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:  # aiohttp's timeouts are TimeoutErrors
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error


def _timeout(
    *, read: float | None, connect: float | None, pool: float | None
) -> aiohttp.ClientTimeout:
    """PTB's timeouts in aiohttp's terms, each per operation as httpx applies them: there is no
    deadline on the whole request, so a large download that keeps flowing is not cut off.
    aiohttp has no write timeout (PTB's is ignored; a stalled upload ends at the read
    timeout), and its `connect` includes waiting for a pooled connection."""
    pool_and_connect = None if pool is None or connect is None else pool + connect
    return aiohttp.ClientTimeout(
        total=None, connect=pool_and_connect, sock_connect=connect, sock_read=read
    )


def _given(value: ODVInput[float], default: float | None) -> float | None:
    """The timeout passed for this call, or the default when none was passed."""
    return default if isinstance(value, DefaultValue) else value


def _body(request_data: RequestData | None) -> tuple[aiohttp.FormData | bytes | None, Headers]:
    """Parameters as a form, as PTB sends them; multipart when there are files.

    A form without files is encoded here: given a dict, aiohttp builds a multipart writer
    first (and a random boundary from os.urandom) only to send it URL-encoded, which was a
    tenth of a reply's CPU (bench/bench_load.py --profile).
    """
    if request_data is None:
        return None, {}
    parameters = request_data.json_parameters
    if not request_data.contains_files:
        return request_data.url_encoded_parameters().encode(), URL_ENCODED
    form = aiohttp.FormData(quote_fields=False)
    for name, value in parameters.items():
        form.add_field(name, value)
    for name, (file_name, content, mime_type) in request_data.multipart_data.items():
        # A name stored before names were made safe where files enter may hold a CR or LF,
        # which no header can carry: the upload would fail, and be retried, every time.
        form.add_field(name, content, filename=clean_file_name(file_name), content_type=mime_type)
    return form, {}
