"""The bot's HTTP client for the Bot API: each call one JSON body, straight into httpx's pool.

PTB's `HTTPXRequest` sends a form (every value JSON-encoded, then all of them URL-encoded)
through an `httpx.AsyncClient`, whose URL parsing, cookie jar, auth and redirect layers the
Bot API never uses: together about an eighth of the bot's CPU per update in a profile of
`bench/run.py`. This client sends the same calls as JSON (the Bot API reads
`application/json`; uploads go as multipart) through httpx's transport, the connection pool
itself, via the proxy the environment names, as httpx's client would. PTB documents
subclassing `BaseRequest` as the way to bring one's own HTTP client.
"""

from __future__ import annotations

import json
import urllib.request
from functools import lru_cache

import httpx
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


@lru_cache(maxsize=64)
def _endpoint(url: str) -> tuple[httpx.URL, str | None]:
    """An endpoint's URL, parsed once (the token is part of it: kept in memory only), and the
    proxy the environment names for it (`HTTPS_PROXY`, `NO_PROXY`), as httpx's client reads
    them."""
    parsed = httpx.URL(url)
    bypass = urllib.request.proxy_bypass(parsed.host)
    return parsed, None if bypass else urllib.request.getproxies().get(parsed.scheme)


def _seconds(value: ODVInput[float], default: float | None) -> float | None:
    return default if isinstance(value, DefaultValue) else value


class BotApiRequest(BaseRequest):
    """Up to `connection_pool_size` calls at once, with PTB's `HTTPXRequest` defaults."""

    def __init__(self, connection_pool_size: int = 1, read_timeout: float | None = 5.0,
                 write_timeout: float | None = 5.0, connect_timeout: float | None = 5.0,
                 pool_timeout: float | None = 1.0, media_write_timeout: float | None = 20.0
                 ) -> None:
        self._limits = httpx.Limits(max_connections=connection_pool_size,
                                    max_keepalive_connections=connection_pool_size)
        self._timeout = httpx.Timeout(connect=connect_timeout, read=read_timeout,
                                      write=write_timeout, pool=pool_timeout)
        self._media_write_timeout = media_write_timeout
        self._open = False
        self._transports: dict[str | None, httpx.AsyncHTTPTransport] = {}   # by proxy

    @property
    def read_timeout(self) -> float | None:
        return self._timeout.read

    async def initialize(self) -> None:
        """Accept calls (again, after a shutdown); connections open as calls need them."""
        self._open = True

    async def shutdown(self) -> None:
        """Close every connection."""
        self._open = False
        transports, self._transports = list(self._transports.values()), {}
        for transport in transports:
            await transport.aclose()

    def _transport(self, proxy: str | None) -> httpx.AsyncHTTPTransport:
        transport = self._transports.get(proxy)
        if transport is None:
            transport = self._transports[proxy] = httpx.AsyncHTTPTransport(
                limits=self._limits, proxy=proxy)
        return transport

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE
                         ) -> tuple[int, bytes]:
        """One call; httpx's errors become PTB's, as `HTTPXRequest` raises them."""
        if not self._open:
            raise RuntimeError("BotApiRequest is not initialized")
        endpoint, proxy = _endpoint(url)
        files = request_data is not None and request_data.contains_files
        timeout = httpx.Timeout(
            connect=_seconds(connect_timeout, self._timeout.connect),
            read=_seconds(read_timeout, self._timeout.read),
            write=_seconds(write_timeout,
                           self._media_write_timeout if files else self._timeout.write),
            pool=_seconds(pool_timeout, self._timeout.pool))
        extensions = {"timeout": timeout.as_dict()}
        headers = {"User-Agent": self.USER_AGENT}
        if request_data is not None and files:
            request = httpx.Request(method, endpoint, headers=headers, extensions=extensions,
                                    data=request_data.json_parameters,
                                    files=request_data.multipart_data)
        else:
            body = json.dumps(request_data.parameters if request_data else {},
                              ensure_ascii=False, separators=(",", ":")).encode()
            request = httpx.Request(method, endpoint, extensions=extensions, content=body,
                                    headers={**headers, "Content-Type": "application/json"})
        try:
            response = await self._transport(proxy).handle_async_request(request)
            try:
                return response.status_code, await response.aread()
            finally:
                await response.aclose()
        except httpx.PoolTimeout as exc:
            raise TimedOut("Pool timeout: all connections are busy; the request was not "
                           "sent") from exc
        except httpx.TimeoutException as exc:
            raise TimedOut from exc
        except httpx.HTTPError as exc:
            raise NetworkError(f"httpx.{type(exc).__name__}: {exc}") from exc
