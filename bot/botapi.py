"""The bot's HTTP client for the Bot API: each call one JSON body, through aiohttp's pool.

PTB's `HTTPXRequest` sends a form (every value JSON-encoded, then all of them URL-encoded)
through httpx, whose pure-Python HTTP/1.1 stack (httpcore, h11, anyio) costs more CPU per call
than everything else the bot does for an update; its pool also rescans every connection for
each queued request. aiohttp parses HTTP in C (llhttp) and keeps its idle connections in a
queue: about a tenth of httpx's CPU per call to a local server (`docs/benchmarks.md`). Calls go
as JSON (the Bot API reads `application/json`; uploads go as multipart), via the proxy the
environment names. PTB documents subclassing `BaseRequest` as the way to bring one's own HTTP
client.
"""

from __future__ import annotations

import json
import ssl
import urllib.request
from functools import lru_cache

import aiohttp
import certifi
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from yarl import URL

# aiohttp errors raised before a byte of the request was sent: no connection could be made, or
# none was free (aiohttp's `connect` timeout covers both the wait for the pool and the connect).
NEVER_LEFT = (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError)


# Telegram's certificate checked against certifi's CA bundle, as PTB's httpx does, whatever
# the system's certificate store holds (or lacks, in a slim image).
_VERIFIED = ssl.create_default_context(cafile=certifi.where())


@lru_cache(maxsize=64)
def _endpoint(url: str) -> tuple[URL, str | None]:
    """An endpoint's URL, parsed once (the token is part of it: kept in memory only), and the
    proxy the environment names for it (`HTTPS_PROXY`, `NO_PROXY`), as PTB's httpx would."""
    parsed = URL(url)
    bypass = urllib.request.proxy_bypass(parsed.host or "")
    return parsed, None if bypass else urllib.request.getproxies().get(parsed.scheme)


def _seconds(value: ODVInput[float], default: float | None) -> float | None:
    return default if isinstance(value, DefaultValue) else value


def _sum(*parts: float | None) -> float | None:
    """A bound made of several waits; none if any of them is unbounded."""
    return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)


class BotApiRequest(BaseRequest):
    """Up to `connection_pool_size` calls at once, with PTB's `HTTPXRequest` defaults.

    PTB's timeouts map onto aiohttp's: the pool wait plus the connect bound acquiring a
    connection, the read bounds each wait for the answer; aiohttp has no write timeout, so the
    write bound joins the others in a limit for the whole call.
    """

    def __init__(self, connection_pool_size: int = 1, read_timeout: float | None = 5.0,
                 write_timeout: float | None = 5.0, connect_timeout: float | None = 5.0,
                 pool_timeout: float | None = 1.0, media_write_timeout: float | None = 20.0
                 ) -> None:
        self._pool_size = connection_pool_size
        self._read, self._write = read_timeout, write_timeout
        self._connect, self._pool = connect_timeout, pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        """Accept calls (again, after a shutdown); connections open as calls need them."""
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size, limit_per_host=0,
                                               ssl=_VERIFIED),
                headers={"User-Agent": self.USER_AGENT})

    async def shutdown(self) -> None:
        """Close every connection."""
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    def _timeout(self, read: ODVInput[float], write: ODVInput[float], connect: ODVInput[float],
                 pool: ODVInput[float], files: bool) -> aiohttp.ClientTimeout:
        read_s = _seconds(read, self._read)
        write_s = _seconds(write, self._media_write_timeout if files else self._write)
        connect_s = _seconds(connect, self._connect)
        acquire = _sum(_seconds(pool, self._pool), connect_s)
        return aiohttp.ClientTimeout(total=_sum(acquire, write_s, read_s), connect=acquire,
                                     sock_connect=connect_s, sock_read=read_s)

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE
                         ) -> tuple[int, bytes]:
        """One call; aiohttp's errors become PTB's, as `HTTPXRequest` raises httpx's."""
        if self._session is None:
            raise RuntimeError("BotApiRequest is not initialized")
        endpoint, proxy = _endpoint(url)
        files = request_data is not None and request_data.contains_files
        timeout = self._timeout(read_timeout, write_timeout, connect_timeout, pool_timeout,
                                files)
        body: aiohttp.FormData | bytes
        headers = None
        if request_data is not None and files:
            body = aiohttp.FormData(request_data.json_parameters)
            for name, (filename, content, mimetype) in (
                    request_data.multipart_data or {}).items():
                body.add_field(name, content, filename=filename, content_type=mimetype)
        else:
            body = json.dumps(request_data.parameters if request_data else {},
                              ensure_ascii=False, separators=(",", ":")).encode()
            headers = {"Content-Type": "application/json"}
        try:
            async with self._session.request(method, endpoint, data=body, headers=headers,
                                             proxy=proxy, timeout=timeout) as response:
                return response.status, await response.read()
        except aiohttp.ConnectionTimeoutError as exc:
            raise TimedOut("Timed out before sending: no connection was free or none could be "
                           "made; the request was not sent") from exc
        except TimeoutError as exc:   # aiohttp's read timeout, or the whole call's limit
            raise TimedOut from exc
        except aiohttp.ClientError as exc:   # its text can hold the URL, and so the token
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else ""
            raise NetworkError(f"aiohttp.{type(exc).__name__} {reason}".rstrip()) from exc
