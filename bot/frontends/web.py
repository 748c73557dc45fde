"""The web chat: the same conversation as on Telegram, in a browser, for people Telegram does
not reach.

tornado (already installed with PTB's webhook extra) serves one page, its stylesheet and script,
and a small JSON API over the same `ChatService`. A visitor is a random id in an HttpOnly,
SameSite=Lax cookie (stored only as a digest); every post needs tornado's XSRF token and a
same-site Origin; each visitor and each address has a rate limit; the service's HTML reaches the
page only as an allow-listed tree (`bot.frontends.allowlist`), never as markup.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import json
import logging
import re
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tornado.httpclient
import tornado.httpserver
import tornado.ioloop
import tornado.web

from bot.chat.commands import COMMANDS, split_command
from bot.chat.messages import Out, Response
from bot.chat.service import ChatService
from bot.chat.turn import Caller
from bot.frontends.allowlist import nodes
from bot.frontends.flood import FloodGuard, Verdict
from bot.i18n.languages import DEFAULT, Language, by_code, resolve
from bot.i18n.text import Text, t
from bot.i18n.translator import Translator, translator_for

log = logging.getLogger(__name__)
PAGE = Path(__file__).parent / "webpage"
VISITOR_COOKIE = "qmas_visitor"
VISITOR_ID = re.compile(r"[A-Za-z0-9_-]{32}")        # secrets.token_urlsafe(24)
MAX_BODY = 16 * 1024          # a post's body: a typed answer is short (refused with a sentence)
CUT_OFF = 4 * MAX_BODY        # the server closes the connection past this, without reading on
MAX_TEXT = 4096               # Telegram's limit for one message, so both channels take the same
ADDRESS_FACTOR = 10           # one address may carry many visitors (a fair's Wi-Fi, a campus)
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
REFUSALS = {403: "expired", 413: "too_long", 429: "busy"}   # status -> what the page says
TYPES = {".html": "text/html", ".json": "application/json"}
# The page's menu: the commands a browser can use (reminders need Telegram).
MENU = ("back", "review", "result", "report", "language", "restart", "help", "privacy",
        "mydata", "delete")

# The page's own words; the conversation's come from the chat service.
UI: dict[str, Text] = {
    "title": t("QMAS pre-screening chat"),
    "answer": t("Your answer"),
    "send": t("Send"),
    "menu": t("Menu"),
    "noscript": t("This chat needs JavaScript. Without it, you can use the bot in Telegram."),
    "reminders": t("Reminders of dates that change your result are sent only in Telegram, "
                   "because they need a chat I can write to later."),
    "telegram": t("Open the bot in Telegram"),
    "offline": t("I could not reach the server. Your answers so far are safe; please try again "
                 "in a moment."),
    "expired": t("This page has expired. Please reload it; your answers are kept."),
    "too_long": t("That message is too long. Please send a shorter answer."),
    "busy": t("You are sending messages very fast, so I am pausing for a few seconds. Your "
              "answers so far are safe."),
    "failed": t("Sorry, something went wrong on my side. Your answers so far are safe; please "
                "try again in a moment."),
}


def visitor_key(visitor: str) -> str:
    """The user key of a visitor: a digest, so the database never holds the cookie itself."""
    return "web:" + hashlib.sha256(visitor.encode()).hexdigest()[:32]


def accepted_language(header: str | None) -> Language | None:
    """The best language we speak from an Accept-Language header (q-values honoured)."""
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if tag and tag != "*" and q > 0:
            ranked.append((-q, i, tag))
    return next((lang for _, _, tag in sorted(ranked) if (lang := resolve(tag))), None)


def ui_texts(tr: Translator) -> dict[str, str]:
    """The page's words in one language, with the menu's labels."""
    return {**{key: tr(text) for key, text in UI.items()},
            **{f"cmd_{c.name}": tr(c.menu) for c in COMMANDS if c.name in MENU and c.menu}}


def _out(out: Out) -> dict[str, Any]:
    return {"nodes": nodes(out.text), "lead": nodes(out.lead) if out.lead else [],
            "typed": out.typed_reply,
            "buttons": [[{"label": b.label, "data": b.data} for b in row] for row in out.buttons]}


def as_json(response: Response, page_language: str) -> dict[str, Any]:
    """A `Response` for the page's script; its words again when the language changed."""
    language = by_code(response.language)
    data: dict[str, Any] = {
        "language": language.code, "dir": "rtl" if language.rtl else "ltr",
        "toast": response.toast, "edit": _out(response.edit) if response.edit else None,
        "messages": [_out(out) for out in response.messages],
        "documents": [{"filename": d.filename, "caption": d.caption,
                       "type": TYPES.get(Path(d.filename).suffix, "application/octet-stream"),
                       "data": base64.b64encode(d.data).decode()} for d in response.documents]}
    if language.code != page_language:
        data["ui"] = ui_texts(translator_for(language))
    return data


class _Locks:
    """One visitor's requests one at a time (as Telegram's per-user order), others in parallel."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def held(self, key: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(key) or (asyncio.Lock(), 0)
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)


class Shared:
    """What every request handler uses: the service, the limits, the settings."""

    def __init__(self, service: ChatService, *, flood_limit: int, flood_window: float,
                 retention_days: int, telegram_link: str | None,
                 healthy: Callable[[], Awaitable[bool]]) -> None:
        self.service = service
        self.visitors = FloodGuard(flood_limit, flood_window)
        self.addresses = FloodGuard(flood_limit * ADDRESS_FACTOR, flood_window)
        self.retention_days = retention_days
        self.telegram_link = telegram_link
        self.healthy = healthy
        self.locks = _Locks()


class _Base(tornado.web.RequestHandler):
    """Security headers on everything, and the visitor of the request."""

    refresh = False       # renew the visitor cookie's lifetime (on each page load)

    def initialize(self, shared: Shared) -> None:
        self.shared = shared
        self.visitor = ""

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("X-Frame-Options", "DENY")
        self.set_header("Cache-Control", "no-store")

    def prepare(self) -> None:
        """A known visitor keeps their id; anyone else gets a new random one. The cookie lasts
        as long as the data it points to (retention counts from the last visit)."""
        given = self.get_cookie(VISITOR_COOKIE) or ""
        self.visitor = given if VISITOR_ID.fullmatch(given) else secrets.token_urlsafe(24)
        if self.visitor != given or self.refresh:
            self.set_cookie(VISITOR_COOKIE, self.visitor, httponly=True, samesite="Lax",
                            secure=self.request.protocol == "https", path="/",
                            expires_days=self.shared.retention_days)

    def tag(self) -> str | None:
        """The page's language, sent by the script, else the browser's."""
        lang = resolve(self.get_argument("lang", None)) or resolve(
            self.request.headers.get("X-Page-Language")) or accepted_language(
            self.request.headers.get("Accept-Language"))
        return lang.code if lang else None

    def caller(self) -> Caller:
        return Caller(visitor_key(self.visitor), self.tag())


class _Page(_Base):
    SUPPORTED_METHODS = ("GET",)
    refresh = True

    async def get(self) -> None:
        """The chat page in the visitor's language (their /language choice wins over the
        browser's, `?lang=` over both)."""
        asked = resolve(self.get_argument("lang", None))
        tr = translator_for(asked) if asked else await self.shared.service.translator(
            self.caller())
        language = tr.language
        self.render("page.html", lang=language.code, dir="rtl" if language.rtl else "ltr",
                    ui=ui_texts(tr), menu=MENU, telegram=self.shared.telegram_link,
                    xsrf=self.xsrf_token.decode())


class _Api(_Base):
    """POST /api/start, /api/say, /api/press: one user action, its `Response` as JSON."""

    SUPPORTED_METHODS = ("POST",)

    def prepare(self) -> None:
        super().prepare()
        origin = self.request.headers.get("Origin")
        if origin is None or urlsplit(origin).netloc != self.request.host:
            log.warning("web: refused a post from another site (%s)", self.request.remote_ip)
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Every refusal as a translated sentence the page shows (never a stack trace)."""
        reason = REFUSALS.get(status_code, "failed")
        tr = translator_for(resolve(self.tag()) or DEFAULT)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"error": tr(UI[reason])}, ensure_ascii=False))

    def _body(self) -> dict[str, Any]:
        if len(self.request.body) > MAX_BODY:
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        try:
            body = json.loads(self.request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        if not isinstance(body, dict):
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST)
        return body

    def _allowed(self) -> bool:
        address = self.shared.addresses.check(self.request.remote_ip or "")
        visitor = self.shared.visitors.check(self.visitor)
        return address is Verdict.ALLOW and visitor is Verdict.ALLOW

    async def post(self, action: str) -> None:
        body = self._body()
        value = body.get("payload" if action == "start" else
                         "text" if action == "say" else "data", "")
        if not isinstance(value, str):
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST)
        if len(value) > MAX_TEXT:
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        if not self._allowed():
            raise tornado.web.HTTPError(HTTPStatus.TOO_MANY_REQUESTS)
        caller = self.caller()
        async with self.shared.locks.held(caller.user_key):
            response = await self._act(caller, action, value.strip())
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(as_json(response, self.tag() or DEFAULT.code),
                               ensure_ascii=False))

    async def _act(self, caller: Caller, action: str, value: str) -> Response:
        service = self.shared.service
        if action == "start":
            return await service.start(caller, value or None)
        if action == "press":
            return await service.button(caller, value)
        if (command := split_command(value)) is not None:   # typed, or picked from the menu
            return await service.command(caller, *command)
        return await service.text(caller, value)


class _Health(_Base):
    SUPPORTED_METHODS = ("GET",)

    def prepare(self) -> None:
        """No visitor cookie for a probe."""

    async def get(self) -> None:
        ok = await self.shared.healthy()
        self.set_status(HTTPStatus.OK if ok else HTTPStatus.SERVICE_UNAVAILABLE)
        self.set_header("Content-Type", "text/plain")
        self.write("ok\n" if ok else "database not writable\n")


class _Static(tornado.web.StaticFileHandler):
    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("X-Content-Type-Options", "nosniff")


class _Quiet(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """No access log: addresses and campaign links are nobody's business in a log."""


def application(shared: Shared, *, cookie_secret: str | None = None) -> tornado.web.Application:
    """The web chat's routes (also used in-process by the tests)."""
    args = {"shared": shared}
    return _Quiet(
        [("/", _Page, args), (r"/api/(start|say|press)", _Api, args),
         ("/healthz", _Health, args)],
        template_path=str(PAGE), static_path=str(PAGE / "static"), static_handler_class=_Static,
        xsrf_cookies=True, cookie_secret=cookie_secret or secrets.token_hex(32),
        xsrf_cookie_kwargs={"httponly": True, "samesite": "Strict", "path": "/"},
        compress_response=True)


class WebChat:
    """The web chat's HTTP server; `start` listens, `stop` closes it."""

    def __init__(self, shared: Shared, *, listen: str, port: int, proxied: bool = False) -> None:
        self.shared = shared
        self.listen, self.port = listen, port
        # Behind the reverse proxy, the visitor's address and scheme come from its headers.
        self._server = tornado.httpserver.HTTPServer(application(shared), xheaders=proxied,
                                                     max_body_size=CUT_OFF)
        self._forget = tornado.ioloop.PeriodicCallback(self._forget_idle, 60_000)

    def _forget_idle(self) -> None:
        self.shared.visitors.forget_idle()
        self.shared.addresses.forget_idle()

    async def start(self) -> None:
        self._server.listen(self.port, address=self.listen)
        self._forget.start()
        log.info("web chat: listening on %s:%d", self.listen, self.port)

    async def stop(self) -> None:
        self._forget.stop()
        self._server.stop()
        await self._server.close_all_connections()

    async def alive(self) -> bool:
        """Whether the web chat answers its own /healthz (for the webhook's health check)."""
        host = "127.0.0.1" if self.listen in ("0.0.0.0", "") else self.listen
        client = tornado.httpclient.AsyncHTTPClient()
        try:
            await client.fetch(f"http://{host}:{self.port}/healthz", request_timeout=3)
        except (OSError, tornado.httpclient.HTTPClientError):
            return False
        return True
