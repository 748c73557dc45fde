"""The webhook: Telegram POSTs each update; it is answered 200 only once it is in the inbox.

A custom tornado server, as PTB's `customwebhookbot.py` example suggests (tornado already
comes with PTB's webhook extra), because PTB's own server answers 200 before the update is
handled. A request without the secret Telegram was given (`X-Telegram-Bot-Api-Secret-Token`)
gets 403 and changes nothing, and the path is derived from that secret, so it cannot be
guessed either; it sits under the path of `QMAS_WEBHOOK_URL`, if that has one. `GET /healthz`
says whether the database takes writes. Connections that send a body too slowly or stay idle
are closed, and neither the path nor a flood of refused requests reaches the log.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import math
import time
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import tornado.httpserver
import tornado.web
from telegram import Bot

from bot.frontends.intake import Intake, read_batch
from bot.frontends.telegram import ALLOWED_UPDATES

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024   # Telegram's updates are far smaller; refuse anything bigger
BODY_TIMEOUT = 10.0      # seconds to send a whole body: Telegram's take milliseconds
IDLE_TIMEOUT = 60.0      # seconds a connection may wait for its (next) request's headers
MAX_UPDATE_ID = 2**63 - 1   # what SQLite's INTEGER holds; Telegram's ids are far smaller
REFUSALS_EVERY = 60.0    # seconds between two log lines about refused requests


def webhook_path(secret: str) -> str:
    """The local path Telegram posts to: unguessable without the secret, stable across restarts."""
    digest = hashlib.sha256(f"qmas-webhook-path:{secret}".encode()).hexdigest()
    return f"/telegram/{digest[:32]}"


class _Refusals:
    """Requests refused for a wrong secret, logged at most once a minute with their count, so
    that a flood of forged requests cannot flood the log."""

    def __init__(self) -> None:
        self.count, self.logged_at = 0, -math.inf

    def note(self, remote_ip: str | None) -> None:
        self.count += 1
        now = time.monotonic()
        if now - self.logged_at >= REFUSALS_EVERY:
            log.warning("webhook: refused %d request(s) without the right secret (the last "
                        "from %s)", self.count, remote_ip)
            self.count, self.logged_at = 0, now


class _UpdateHandler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("POST",)

    def initialize(self, intake: Intake, bot: Bot, secret: str, refusals: _Refusals) -> None:
        self.intake, self.bot, self.secret, self.refusals = intake, bot, secret, refusals

    def log_exception(self, typ: type[BaseException] | None, value: BaseException | None,
                      tb: TracebackType | None) -> None:
        """An unexpected failure (answered 500, so Telegram retries), logged without the
        request line: the path is derived from the secret."""
        if isinstance(value, tornado.web.HTTPError):
            return
        log.error("webhook: an update could not be taken (%s); answered 500, Telegram will "
                  "send it again", typ.__name__ if typ else "error", exc_info=value)

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            self.refusals.note(self.request.remote_ip)
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        try:
            body = self.request.body.decode()
            data = json.loads(body)
            assert isinstance(data, dict) and isinstance(data.get("update_id"), int)
            assert 0 <= data["update_id"] <= MAX_UPDATE_ID
        except Exception:   # anything that is not an update: nothing to store, never a crash
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        batch = read_batch([data], self.bot)   # unreadable: set aside, and confirmed
        await self.intake.receive(batch.updates, batch.unreadable)   # failure: 500, retried
        self.set_status(HTTPStatus.OK)


class _HealthHandler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("GET",)

    def initialize(self, healthy: Callable[[], Awaitable[bool]]) -> None:
        self.healthy = healthy

    async def get(self) -> None:
        ok = await self.healthy()
        self.set_status(HTTPStatus.OK if ok else HTTPStatus.SERVICE_UNAVAILABLE)
        self.write("ok\n" if ok else "database not writable\n")


class _Quiet(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """No access log: refused requests are logged by the handler, the rest is noise."""


class Webhook:
    """Serve the webhook and /healthz, register the webhook with Telegram; `stop` ends both."""

    name = "webhook"
    tasks: tuple[asyncio.Task[None], ...] = ()   # tornado serves from the loop's callbacks

    def __init__(self, bot: Bot, intake: Intake, *, url: str, secret: str, listen: str,
                 port: int, healthy: Callable[[], Awaitable[bool]]) -> None:
        self.bot = bot
        self.url = url.rstrip("/") + webhook_path(secret)
        self.secret = secret
        self.listen, self.port = listen, port
        path = urlsplit(url).path.rstrip("/") + webhook_path(secret)   # as Telegram posts it
        routes: list[Any] = [
            (path, _UpdateHandler, {"intake": intake, "bot": bot, "secret": secret,
                                    "refusals": _Refusals()}),
            ("/healthz", _HealthHandler, {"healthy": healthy}),
        ]
        self._server = tornado.httpserver.HTTPServer(
            _Quiet(routes), max_body_size=MAX_BODY, body_timeout=BODY_TIMEOUT,
            idle_connection_timeout=IDLE_TIMEOUT)

    async def start(self) -> None:
        """Listen first, then tell Telegram where to post (with the secret and update types)."""
        self._server.listen(self.port, address=self.listen)
        await self.bot.set_webhook(self.url, secret_token=self.secret,
                                   allowed_updates=ALLOWED_UPDATES)
        log.info("webhook: listening on %s:%d", self.listen, self.port)

    async def stop(self) -> None:
        """Stop accepting requests; Telegram keeps new updates until the bot is back."""
        self._server.stop()
        await self._server.close_all_connections()
