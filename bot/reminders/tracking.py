"""Which reminder requests may have reached Telegram: the HTTP client tells the reminder being
sent when a request leaves and when Telegram's answer says nothing was delivered.

PTB's rate limiter waits out a 429 and sends again inside one `send_message`, so only the
HTTP layer sees each attempt. A reminder being sent sets `watching`; the bot's HTTP client
(`TrackedRequest`, used for every request except getUpdates) reports to it. Other requests
(chat replies) run in other tasks, where nothing is watched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from http import HTTPStatus
from typing import Protocol

from telegram._utils.types import ODVInput
from telegram.error import NetworkError
from telegram.request import BaseRequest, RequestData

from bot.botapi import NEVER_LEFT, BotApiRequest


class Watch(Protocol):
    async def leaving(self) -> None:
        """A request is about to leave: from now on the user may get the message."""

    async def not_delivered(self) -> None:
        """Telegram answered without delivering (429, 4xx, 5xx), or nothing left at all."""


_watch: ContextVar[Watch | None] = ContextVar("reminder_watch", default=None)


@contextmanager
def watching(watch: Watch) -> Iterator[None]:
    """Report the requests made by the current task (and its awaits) to `watch`."""
    token = _watch.set(watch)
    try:
        yield
    finally:
        _watch.reset(token)


class TrackedRequest(BotApiRequest):
    """The bot's HTTP client, reporting each request of a watched task before it leaves and when
    its answer (or a connection never made) shows that nothing was delivered."""

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE
                         ) -> tuple[int, bytes]:
        watch = _watch.get()
        if watch is None:
            return await super().do_request(url, method, request_data, read_timeout,
                                            write_timeout, connect_timeout, pool_timeout)
        await watch.leaving()
        try:
            code, payload = await super().do_request(url, method, request_data, read_timeout,
                                                     write_timeout, connect_timeout, pool_timeout)
        except NetworkError as exc:   # TimedOut included: sent unless it never connected
            if isinstance(exc.__cause__, NEVER_LEFT):
                await watch.not_delivered()
            raise
        if code != HTTPStatus.OK:
            await watch.not_delivered()
        return code, payload
