"""A fake Telegram Bot API server plus a user-side driver, for tests that run the real PTB stack.

Only Telegram's servers are faked: the bot under test keeps its real ``Application``, polling
(``getUpdates``) and ``HTTPXRequest`` and simply points ``base_url`` at :class:`FakeTelegram`.
It serves the methods this bot calls (getMe, getUpdates, deleteWebhook, setWebhook,
setMyCommands, sendMessage, sendDocument, editMessageText, editMessageReplyMarkup,
answerCallbackQuery) with Telegram's checks where the bot could get them wrong (parse_mode
HTML, text and button limits, "message is not modified", answered or unknown callback
queries), plus fault injection and redelivery.
Any other method answers 404 and is logged in ``tg.errors``, so a new call fails visibly.

Typical use::

    async with FakeTelegram() as tg:
        app = Application.builder().token(tg.token).base_url(tg.base_url).build()
        ...  # start the app and polling
        ann = tg.user(1001, first_name="Ann")
        replies = await ann.send_and_wait("/start")
        assert replies[0].buttons == [[("Yes", "yes")]]

How "wait for replies" is decided (``FakeUser.next_replies`` / ``send_and_wait``)
------------------------------------------------------------------------------
A bot run in the same process reports each update it accepted and finished (``track_handling``,
``accepted``, ``handled``: the test harness's inbox does this). A chat's replies are then
complete, with no quiet period, once all of the following hold:

1. every update queued for that chat is *confirmed*: the bot called ``getUpdates`` with an
   ``offset`` beyond its ``update_id``;
2. no bot request concerning that chat (``chat_id`` or a callback query from it) is in flight;
3. every update of that chat the bot received is finished (handled, or a repeat or unreadable);
4. if ``expect=n`` was given, at least ``n`` bot messages were sent/edited in the chat since the
   cursor (for what no update causes: a reminder job's message);
5. if ``expect`` was not given, nothing is in flight or unfinished anywhere in the bot.

A finished update has sent all its replies, so a wait that returns ``[]`` proves that none came.

A bot in another process reports nothing itself: ``watch_inbox`` reads the same signal from its
database. Without either (a plain PTB app in the fake's own tests), the driver infers the end
from HTTP: after 1, 2 and 4, the chat (and, without ``expect``, the whole bot) must stay quiet
for ``quiet`` seconds (default 50 ms), measured event-driven, not by polling. Timeouts raise
``TimeoutError`` carrying the reason and the chat transcript.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import dataclasses
import itertools
import json
import random
import re
import sqlite3
import threading
import time
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http import HTTPStatus
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from aiohttp import web

__all__ = [
    "DEFAULT_TOKEN", "ApiError", "BotMessage", "Call", "ErrorRecord", "FakeTelegram", "FakeUser",
    "Fault", "Press", "UploadedFile", "UserMessage", "parse_html",
]

JSON = dict[str, Any]
T = TypeVar("T")

DEFAULT_TOKEN = "123456789:AAFake-token-for-tests-only_0123456789"
MAX_TEXT_LENGTH, MAX_CAPTION_LENGTH, MAX_CALLBACK_DATA_BYTES = 4096, 1024, 64

ERR_TEXT_EMPTY = "Bad Request: message text is empty"
ERR_TOO_LONG = "Bad Request: message is too long"
ERR_CHAT_NOT_FOUND = "Bad Request: chat not found"
ERR_BLOCKED = "Forbidden: bot was blocked by the user"
ERR_EDIT_NOT_FOUND = "Bad Request: message to edit not found"
ERR_CANT_EDIT = "Bad Request: message can't be edited"
ERR_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
ERR_QUERY_INVALID = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)
ERR_BUTTON_DATA = "Bad Request: BUTTON_DATA_INVALID"
ERR_BAD_KEYBOARD = "Bad Request: can't parse inline keyboard button"
ERR_CONFLICT_POLL = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)

# Form and multipart values are strings; these fields carry JSON (numbers, bools, objects).
_JSON_FIELDS = frozenset({
    "offset", "limit", "timeout", "allowed_updates", "message_id", "reply_markup", "entities",
    "show_alert", "cache_time", "disable_notification", "protect_content", "reply_parameters",
    "link_preview_options", "commands", "scope", "drop_pending_updates", "max_connections",
})
# The request being handled, so a long poll can tell whether its client is still there.
_REQUEST: contextvars.ContextVar[web.Request | None] = contextvars.ContextVar(
    "fake_telegram_request", default=None
)
_BOT_COMMAND_RE = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
_COMMAND_NAME_RE = re.compile(r"[a-z0-9_]{1,32}")


def _utf16_len(text: str) -> int:
    """Telegram counts entity offsets and lengths in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


class ApiError(Exception):
    """A Bot API error response (``ok: false``); also raised by :func:`parse_html`."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


# --------------------------------------------------------------------------- public records


@dataclass(frozen=True)
class UploadedFile:
    """A file the bot uploaded (multipart part with a file name); ``data`` holds its bytes."""

    filename: str | None
    content_type: str | None
    data: bytes


class Call(NamedTuple):
    """One recorded Bot API request."""

    method: str
    params: JSON


class ErrorRecord(NamedTuple):
    """A non-2xx response the fake sent (real validation error or injected fault)."""

    method: str
    status: int
    description: str
    injected: bool


@dataclass
class Fault:
    """An injected failure for the next ``times`` calls of ``method`` (``"*"`` = any method)."""

    method: str
    status: int | None
    body: str | bytes | None   # a description, or a raw body such as a proxy's HTML page
    times: int
    retry_after: float | None
    delay: float | None
    drop_connection: bool
    fired: int = 0


@dataclass(frozen=True)
class BotMessage:
    """A bot message as the user sees it: a snapshot at send/edit time, or the current state.

    ``text`` is the plain text (HTML stripped, entities unescaped; the caption for documents),
    ``html`` the raw text the bot sent, ``buttons`` the inline keyboard as rows of
    ``(text, callback_data)``, ``document`` the uploaded file (bytes in ``.data``) or file_id.
    """

    chat_id: int
    message_id: int
    text: str
    html: str
    parse_mode: str | None
    buttons: list[list[tuple[str, str | None]]]
    reply_markup: JSON | None
    edited: bool
    raw: JSON
    document: UploadedFile | str | None = None

    @property
    def button_texts(self) -> list[str]:
        return [text for row in self.buttons for text, _ in row]

    @property
    def entities(self) -> list[JSON]:
        return list(self.raw.get("caption_entities" if self.document else "entities", []))


class UserMessage(NamedTuple):
    """A message a fake user sent, with the update that carries it to the bot."""

    chat_id: int
    message_id: int
    update_id: int | None
    text: str | None
    raw: JSON


class Press(NamedTuple):
    """A button press: the callback query id, its update and what was pressed."""

    query_id: str
    update_id: int
    data: str
    message_id: int


# --------------------------------------------------------------------------- internal state


class _Pulse:
    """Wakes every current waiter; cheaper than asyncio.Condition and needs no lock."""

    __slots__ = ("_waiters",)

    def __init__(self) -> None:
        self._waiters: list[asyncio.Future[None]] = []

    def fire(self) -> None:
        waiters, self._waiters = self._waiters, []
        for fut in waiters:
            if not fut.done():
                fut.set_result(None)

    async def wait(self, timeout: float) -> None:
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[None] = loop.create_future()
        self._waiters.append(fut)
        handle = loop.call_later(max(timeout, 0.0), _resolve_future, fut)
        try:
            await fut
        finally:
            handle.cancel()


def _resolve_future(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_result(None)


@dataclass
class _Ticket:
    """Delivery state of one update."""

    update: JSON
    update_id: int
    kind: str
    chat_id: int | None
    state: str = "pending"  # pending | delivered | confirmed | dropped
    deliveries: int = 0
    forced: bool = False  # re-queued by redeliver(): survives offsets until delivered again
    delivered_at: float | None = None  # perf_counter() when getUpdates first handed it out


@dataclass
class _Stored:
    """One message in a chat; bot messages keep what is needed to edit and compare them."""

    message_id: int
    from_bot: bool
    raw: JSON
    date: int
    html: str = ""
    parse_mode: str | None = None
    plain: str = ""
    entities: list[JSON] = field(default_factory=list)
    markup: JSON | None = None
    edited: bool = False
    document: UploadedFile | str | None = None
    document_meta: JSON | None = None


@dataclass
class _Chat:
    info: JSON
    next_message_id: int = 1
    messages: dict[int, _Stored] = field(default_factory=dict)
    events: list[BotMessage] = field(default_factory=list)
    unconfirmed: set[int] = field(default_factory=set)
    unhandled: set[int] = field(default_factory=set)   # with `track_handling`: see `handled`
    inflight: int = 0
    last_activity: float = 0.0
    pulse: _Pulse = field(default_factory=_Pulse)
    blocked: bool = False     # the user blocked the bot: sending to them is refused (403)

    @property
    def id(self) -> int:
        return int(self.info["id"])

    def new_message_id(self) -> int:
        self.next_message_id += 1
        return self.next_message_id - 1


@dataclass
class _CallbackQuery:
    user_id: int
    chat_id: int
    answer: JSON | None = None


# --------------------------------------------------------------------------- HTML parse mode


_HTML_ENTITY_TYPES = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "code": "code", "pre": "pre", "tg-spoiler": "spoiler", "span": "spoiler",
    "a": "text_link", "blockquote": "blockquote",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class _TelegramHTML(HTMLParser):
    """Telegram's HTML subset: supported tags only, balanced, ``<`` and ``&`` escaped."""

    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self._raw = raw
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(raw) if ch == "\n"]
        self.parts: list[str] = []
        self.entities: list[JSON] = []
        self._utf16 = 0
        self._stack: list[tuple[str, int, JSON | None]] = []

    def parse(self) -> tuple[str, list[JSON]]:
        self.feed(self._raw)
        self.close()
        if self._stack:
            self._fail(f'Can\'t find end tag corresponding to start tag "{self._stack[-1][0]}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.parts), self.entities

    def _at(self) -> str:
        line, col = self.getpos()
        return f"at byte offset {len(self._raw[: self._line_starts[line - 1] + col].encode())}"

    @staticmethod
    def _fail(reason: str) -> None:
        raise ApiError(400, f"Bad Request: can't parse entities: {reason}")

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self._utf16 += _utf16_len(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_ENTITY_TYPES:
            self._fail(f'Unsupported start tag "{tag}" {self._at()}')
        attributes = dict(attrs)
        entity: JSON | None = {"type": _HTML_ENTITY_TYPES[tag]}
        if tag == "a":
            href = attributes.get("href")
            entity = {"type": "text_link", "url": href} if href else None
        elif tag == "span" and attributes.get("class") != "tg-spoiler":
            self._fail(f'Tag "span" must have class "tg-spoiler" {self._at()}')
        self._stack.append((tag, self._utf16, entity))

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            self._fail(f"Unexpected end tag {self._at()}")
        open_tag, start, entity = self._stack.pop()
        if open_tag != tag:
            self._fail(f'Unmatched end tag {self._at()}, expected "</{open_tag}>", '
                       f'found "</{tag}>"')
        if entity is not None and self._utf16 > start:
            self.entities.append({**entity, "offset": start, "length": self._utf16 - start})

    def handle_data(self, data: str) -> None:
        if "<" in data:
            self._fail(f"Unexpected end of name token {self._at()}")
        self._append(data)

    def handle_entityref(self, name: str) -> None:
        self._append(_NAMED_ENTITIES.get(name, f"&{name};"))

    def handle_charref(self, name: str) -> None:
        try:
            self._append(chr(int(name[1:], 16) if name[:1] in "xX" else int(name)))
        except (ValueError, OverflowError):
            self._append(f"&#{name};")

    def unknown_decl(self, data: str) -> None:
        self._fail(f"Unsupported declaration {self._at()}")

    handle_comment = handle_decl = handle_pi = unknown_decl


def parse_html(raw: str) -> tuple[str, list[JSON]]:
    """Plain text and entities of ``raw`` in parse_mode HTML; raises like Telegram on bad HTML."""
    return _TelegramHTML(raw).parse()


def _buttons_of(markup: JSON | None) -> list[list[tuple[str, str | None]]]:
    if not markup or "inline_keyboard" not in markup:
        return []
    return [
        [(str(button.get("text", "")), button.get("callback_data")) for button in row]
        for row in markup["inline_keyboard"]
    ]


def _text_fields(text: str) -> JSON:
    """A user text message's fields; commands get bot_command entities like on Telegram."""
    fields: JSON = {"text": text}
    commands = [
        {"type": "bot_command", "offset": _utf16_len(text[: match.start()]),
         "length": _utf16_len(match.group())}
        for match in _BOT_COMMAND_RE.finditer(text)
    ]
    if commands:
        fields["entities"] = commands
    return fields


def _client_gone() -> bool:
    request = _REQUEST.get()
    if request is None:
        return False
    transport = request.transport
    return transport is None or transport.is_closing()


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _update_chat(update: JSON) -> tuple[str, JSON | None]:
    """The update's type and the chat it belongs to, if any."""
    kind = next((key for key in update if key != "update_id"), "unknown")
    body = update.get(kind)
    for holder in (body, body.get("message")) if isinstance(body, dict) else ():
        if isinstance(holder, dict) and isinstance(holder.get("chat"), dict):
            return kind, holder["chat"] if isinstance(holder["chat"].get("id"), int) else None
    return kind, None


# --------------------------------------------------------------------------- the server


class FakeTelegram:
    """Fake Telegram Bot API on 127.0.0.1 (aiohttp); everything runs on one event loop.

    Start it in the current loop (``async with FakeTelegram() as tg``) or in a thread with its
    own loop (``with FakeTelegram.in_thread() as tg``, for a bot in a subprocess).  User-side
    coroutines (``FakeUser`` methods, :meth:`enqueue_update`, :meth:`redeliver`,
    :meth:`wait_idle`) may be awaited from any loop: they run on the server's loop.  From plain
    synchronous code use :meth:`run`.
    """

    def __init__(self, token: str = DEFAULT_TOKEN, *, bot_username: str = "fake_test_bot",
                 bot_first_name: str = "Test Bot", quiet: float = 0.05,
                 first_update_id: int | None = None, record_calls: bool = True,
                 seed: int | None = None) -> None:
        self.token = token
        prefix = token.split(":", 1)[0]
        self.bot_user: JSON = {"id": int(prefix) if prefix.isdigit() else 1_000_001,
                               "is_bot": True, "first_name": bot_first_name,
                               "username": bot_username}
        self.quiet = quiet
        self.track_handling = False   # the bot reports each handled update (`handled`)
        self._unhandled: set[int] = set()
        self.record_calls = record_calls
        rng = random.Random(seed)
        self._next_update_id = first_update_id or rng.randint(10**8, 9 * 10**8)
        self._query_ids = itertools.count(rng.randint(10**17, 9 * 10**17))
        self._file_ids = itertools.count(1)
        self._calls: list[Call] = []
        self._errors: list[ErrorRecord] = []
        self._faults: list[Fault] = []
        self._chats: dict[int, _Chat] = {}
        self._users: dict[tuple[int, int], FakeUser] = {}
        self._queue: list[_Ticket] = []
        self._tickets: dict[int, _Ticket] = {}
        self._callbacks: dict[str, _CallbackQuery] = {}
        self._allowed: frozenset[str] | None = None
        self._webhook_url = ""
        self._commands: dict[tuple[str, str], list[JSON]] = {}
        self._poll_generation = self._inflight = 0
        self._last_activity = 0.0
        self._updates_pulse, self._global_pulse, self._calls_pulse = _Pulse(), _Pulse(), _Pulse()
        self._stopping: asyncio.Event | None = None
        self._watcher: asyncio.Task[None] | None = None
        self._watched: list[Path] = []    # databases of bots in other processes
        self._waits = 0                    # user-side waits in progress
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._methods = {
            "getme": self._m_get_me, "getupdates": self._m_get_updates,
            "setwebhook": self._m_set_webhook, "deletewebhook": self._m_delete_webhook,
            "setmycommands": self._m_set_my_commands, "sendmessage": self._m_send_message,
            "senddocument": self._m_send_document, "editmessagetext": self._m_edit_message_text,
            "editmessagereplymarkup": self._m_edit_message_reply_markup,
            "answercallbackquery": self._m_answer_callback_query,
        }

    # ----------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        """Serve on 127.0.0.1 with an OS-chosen port in the running loop."""
        self._loop, self._stopping = asyncio.get_running_loop(), asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False,
                                     shutdown_timeout=2.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self._port = int(self._runner.addresses[0][1])

    async def start_offline(self) -> None:
        """Serve in the running loop without HTTP: the bot calls `offline_call` and takes its
        updates with `take_updates` (the socket-free tier, `tests/support/ptb_client.py`)."""
        self._loop, self._stopping = asyncio.get_running_loop(), asyncio.Event()

    async def offline_call(self, method: str, params: JSON) -> tuple[int, bytes]:
        """One Bot API call made in process: the same checks and records as over HTTP."""
        response = await self._serve(method, params, None)
        assert isinstance(response, web.Response) and isinstance(response.body, bytes)
        return response.status, response.body

    async def take_updates(self, offset: int, limit: int = 100) -> list[JSON]:
        """What a long `getUpdates` call gives, in process: confirm the updates before
        `offset`, then wait until any are queued and hand them out."""
        while not (batch := self._take(offset, limit)):
            await self._updates_pulse.wait(3600.0)
        return batch

    def watch_inbox(self, db_path: Path) -> None:
        """For a bot in another process: learn from its database when each delivered update is
        finished (its inbox row without a body, or a dead letter), read every 10 ms while a
        wait is in progress (so that a bot stopping meanwhile is its database's last
        connection), so that waits end on that and not on a quiet period. Call from synchronous
        code, once per database (a restarted bot keeps being watched)."""

        async def start() -> None:
            self.track_handling = True
            if db_path not in self._watched:
                self._watched.append(db_path)
            if self._watcher is None:
                self._watcher = self._require_loop().create_task(self._watch())

        self.run(start())

    @contextlib.contextmanager
    def _waiting(self) -> Iterator[None]:
        self._waits += 1
        try:
            yield
        finally:
            self._waits -= 1

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(0.01)
            for db_path in self._watched if self._waits else ():
                for update_id in _finished(db_path, sorted(self._unhandled)):
                    self.handled(update_id)

    async def stop(self) -> None:
        """Release pending long polls and injected delays, then close the server."""
        if self._watcher is not None:
            self._watcher.cancel()
        if self._runner is not None and self._stopping is not None:
            self._stopping.set()
            self._updates_pulse.fire()
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @classmethod
    @contextlib.contextmanager
    def in_thread(cls, *args: Any, **kwargs: Any) -> Iterator[FakeTelegram]:
        """Run a FakeTelegram on its own loop in a daemon thread (sync code, subprocess bots)."""
        tg = cls(*args, **kwargs)
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="FakeTelegram", daemon=True)
        thread.start()
        try:
            asyncio.run_coroutine_threadsafe(tg.start(), loop).result(timeout=10)
            try:
                yield tg
            finally:
                asyncio.run_coroutine_threadsafe(tg.stop(), loop).result(timeout=10)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=10)
            loop.close()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        """Run a user-side coroutine on the server loop from synchronous code (other thread)."""
        loop = self._require_loop()
        if loop is _running_loop():
            coro.close()
            raise RuntimeError("FakeTelegram.run() would deadlock on the server's own loop")
        return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=timeout)

    async def _call(self, coro: Coroutine[Any, Any, T]) -> T:
        """Await ``coro`` on the server loop, whichever loop the caller is on."""
        loop = self._require_loop()
        if asyncio.get_running_loop() is loop:
            return await coro
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, loop))

    def _require_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            raise RuntimeError("FakeTelegram is not started")
        return self._loop

    def _now(self) -> float:
        return self._require_loop().time()

    @property
    def serving(self) -> bool:
        """Whether the bot reaches this server over HTTP (not `start_offline`)."""
        return self._port is not None

    @property
    def api_url(self) -> str:
        """Root URL, e.g. ``http://127.0.0.1:PORT`` (the bot appends ``/bot``)."""
        if self._port is None:
            raise RuntimeError("FakeTelegram is not serving HTTP")
        return f"http://127.0.0.1:{self._port}"

    @property
    def base_url(self) -> str:
        """What ``ApplicationBuilder().base_url()`` takes: ``{api_url}/bot``."""
        return f"{self.api_url}/bot"

    # ----------------------------------------------------------------- inspection

    @property
    def calls(self) -> list[Call]:
        """Every authorised request to a known method, in arrival order, failed ones included."""
        return list(self._calls)

    def calls_to(self, method: str) -> list[JSON]:
        """Params of the recorded calls of one method (case-insensitive)."""
        return [call.params for call in list(self._calls) if call.method.lower() == method.lower()]

    async def wait_for_call(self, method: str, count: int = 1, timeout: float = 5.0) -> JSON:
        """Wait until ``method`` has been called ``count`` times; returns that call's params."""

        async def run() -> JSON:
            deadline = self._now() + timeout
            while len(seen := self.calls_to(method)) < count:
                if (remaining := deadline - self._now()) <= 0:
                    raise TimeoutError(f"{method} called {len(seen)} of {count} times")
                await self._calls_pulse.wait(remaining)
            return seen[count - 1]

        return await self._call(run())

    @property
    def errors(self) -> list[ErrorRecord]:
        """Every error response sent, real or injected (a copy)."""
        return list(self._errors)

    def transcript(self, chat_id: int) -> list[BotMessage]:
        """Current state of the chat's bot messages (after edits)."""
        chat = self._chats.get(chat_id)
        return [self._snapshot(chat, s) for s in list(chat.messages.values())
                if s.from_bot] if chat else []

    def format_transcript(self, chat_id: int) -> str:
        """Human-readable chat history (user and bot messages), for assertion messages."""
        chat = self._chats.get(chat_id)
        if chat is None:
            return f"<no chat {chat_id}>"
        lines = [f"chat {chat_id} ({chat.info.get('type')}):"]
        for stored in list(chat.messages.values()):
            if stored.from_bot:
                text = stored.plain or f"[document {stored.document_meta}]"
                flags = " (edited)" if stored.edited else ""
                keyboard = " ".join(f"[{t}]" for row in _buttons_of(stored.markup) for t, _ in row)
                lines.append(f"  < bot #{stored.message_id}{flags}: {text!r} {keyboard}".rstrip())
            else:
                raw = stored.raw
                kind = next((k for k in ("sticker", "photo", "voice", "location") if k in raw), "?")
                body = raw.get("text") or raw.get("caption") or f"[{kind}]"
                lines.append(f"  > {raw['from'].get('first_name')} #{stored.message_id}: {body!r}")
        return "\n".join(lines)

    def commands(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        """Commands set with setMyCommands for that scope and language."""
        return list(self._commands.get((_scope_key(scope), language_code), []))

    def update_state(self, update_id: int) -> str:
        """``pending``, ``delivered``, ``confirmed`` or ``dropped``."""
        return self._tickets[update_id].state

    def delivered_at(self, update_id: int) -> float | None:
        """``time.perf_counter()`` when getUpdates first handed the update out (benchmarks)."""
        return self._tickets[update_id].delivered_at

    def deliveries(self, update_id: int) -> int:
        """How many getUpdates responses carried this update."""
        return self._tickets[update_id].deliveries

    @property
    def pending_update_ids(self) -> list[int]:
        """Updates not yet confirmed by the bot."""
        return [ticket.update_id for ticket in list(self._queue)]

    # ----------------------------------------------------------------- fault injection

    def inject(self, method: str, response_status: int | None = None,
               body_or_description: str | bytes | None = None, times: int = 1,
               retry_after: float | None = None, delay: float | None = None,
               drop_connection: bool = False) -> Fault:
        """Make the next ``times`` calls of ``method`` ("*" = any) fail.

        ``response_status`` with a description (str) or a raw body (bytes, e.g. a proxy's HTML
        502 page); ``retry_after`` adds ``parameters.retry_after`` (status defaults to 429);
        ``delay`` waits first (with no status the call then succeeds: Telegram processes
        requests whose client gave up); ``drop_connection`` closes the socket unanswered.
        """
        if retry_after is not None and response_status is None:
            response_status = 429
        if response_status is None and delay is None and not drop_connection:
            raise ValueError("inject() needs a response_status, retry_after, delay or drop")
        fault = Fault(method.lower(), response_status, body_or_description, times, retry_after,
                      delay, drop_connection)
        self._faults.append(fault)
        return fault

    async def _apply_fault(self, request: web.Request | None,
                           method: str) -> web.StreamResponse | None:
        """The injected response for this call, if a fault is due (None: handle normally)."""
        fault = next((f for f in self._faults if f.method in ("*", method.lower())), None)
        if fault is None:
            return None
        fault.fired += 1
        if fault.fired >= fault.times:
            self._faults.remove(fault)
        if fault.delay:
            assert self._stopping is not None
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(fault.delay):
                    await self._stopping.wait()
        if fault.drop_connection:
            self._errors.append(ErrorRecord(method, 0, "connection dropped", True))
            if request is not None and request.transport is not None:
                request.transport.abort()
            return web.Response(status=500)
        if fault.status is None:
            return None
        if isinstance(fault.body, bytes):
            self._errors.append(ErrorRecord(method, fault.status, "<raw body>", True))
            return web.Response(status=fault.status, body=fault.body, content_type="text/html")
        if fault.body:
            description = fault.body
        elif fault.status == 429:
            description = f"Too Many Requests: retry after {fault.retry_after or 1}"
        else:
            description = {400: "Bad Request", 403: ERR_BLOCKED}.get(
                fault.status) or HTTPStatus(fault.status).phrase
        extra = {"retry_after": fault.retry_after} if fault.retry_after is not None else None
        return self._error(method, ApiError(fault.status, description), injected=True,
                           parameters=extra)

    # ----------------------------------------------------------------- HTTP plumbing

    def _error(self, method: str, error: ApiError, *, injected: bool = False,
               parameters: JSON | None = None) -> web.Response:
        """Record an error response and send it as Telegram does."""
        self._errors.append(ErrorRecord(method, error.status, error.description, injected))
        body: JSON = {"ok": False, "error_code": error.status, "description": error.description}
        if parameters:
            body["parameters"] = parameters
        return web.json_response(body, status=error.status)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return self._error(method, ApiError(401, "Unauthorized"))
        try:
            params = await _read_params(request)
        except ApiError as exc:
            return self._error(method, exc)
        return await self._serve(method, params, request)

    async def _serve(self, method: str, params: JSON,
                     request: web.Request | None) -> web.StreamResponse:
        """One Bot API call, over HTTP (`request`) or in process (`offline_call`)."""
        impl = self._methods.get(method.lower())
        if impl is None:   # recorded, so that a bot calling a method we lack fails visibly
            return self._error(method, ApiError(404, "Not Found"))
        polling = method.lower() == "getupdates"
        _REQUEST.set(request)
        chat = None if polling else self._chat_of_request(params)
        if not polling:
            self._activity(chat, +1)
        try:
            if self.record_calls:
                self._calls.append(Call(method, params))
                self._calls_pulse.fire()
            if self._faults and (response := await self._apply_fault(request, method)) is not None:
                return response
            return web.json_response({"ok": True, "result": await impl(params)})
        except ApiError as exc:
            return self._error(method, exc)
        finally:
            if not polling:
                self._activity(chat, -1)

    def _chat_of_request(self, params: JSON) -> _Chat | None:
        """The chat a bot request concerns: its chat_id, or the chat of a callback query."""
        chat_id = params.get("chat_id")
        query = self._callbacks.get(str(params.get("callback_query_id")))
        return self._chats.get(chat_id if isinstance(chat_id, int) else
                               query.chat_id if query else 0)

    def _activity(self, chat: _Chat | None, change: int) -> None:
        """A bot request for ``chat`` (or none) started (+1) or ended (-1)."""
        self._inflight += change
        self._last_activity = now = self._now()
        if chat is not None:
            chat.inflight += change
            chat.last_activity = now
            if change < 0:
                chat.pulse.fire()
        if self._inflight == 0:
            self._global_pulse.fire()

    # ----------------------------------------------------------------- update queue

    def _enqueue(self, body: JSON) -> _Ticket:
        update_id = self._next_update_id
        self._next_update_id += 1
        update = {"update_id": update_id, **body}
        kind, chat_info = _update_chat(update)
        chat_id = None if chat_info is None else int(chat_info["id"])
        if chat_id is not None:
            self._chats.setdefault(chat_id, _Chat(info=dict(chat_info))).unconfirmed.add(update_id)
        ticket = self._tickets[update_id] = _Ticket(update, update_id, kind, chat_id)
        self._queue.append(ticket)
        self._updates_pulse.fire()
        return ticket

    def _resolve(self, ticket: _Ticket, state: str) -> None:
        self._queue.remove(ticket)
        ticket.state = state
        self._last_activity = now = self._now()
        chat = self._chats.get(ticket.chat_id) if ticket.chat_id is not None else None
        if chat is not None:
            chat.unconfirmed.discard(ticket.update_id)
            chat.last_activity = now
            chat.pulse.fire()
        self._global_pulse.fire()

    def _take(self, offset: int, limit: int) -> list[JSON]:
        """Confirm updates before ``offset``, then hand out up to ``limit`` allowed ones."""
        if offset < 0:
            confirmed = self._queue[: max(len(self._queue) + offset, 0)]
        else:
            confirmed = [t for t in self._queue if t.update_id < offset and not t.forced]
        for ticket in confirmed:
            self._resolve(ticket, "confirmed")
        for ticket in [t for t in self._queue if self._allowed and t.kind not in self._allowed]:
            self._resolve(ticket, "dropped")
        batch, now = self._queue[:limit], time.perf_counter()
        for ticket in batch:
            if self.track_handling:
                self._unhandled.add(ticket.update_id)
                if ticket.chat_id is not None:
                    self._chats[ticket.chat_id].unhandled.add(ticket.update_id)
            ticket.deliveries += 1
            ticket.state, ticket.forced = "delivered", False
            ticket.delivered_at = ticket.delivered_at or now
        return [ticket.update for ticket in batch]

    def accepted(self, update_id: int) -> None:
        """The bot (`track_handling` on) took an update in, by polling or by its webhook: waits
        now include it until `handled`."""
        self._unhandled.add(update_id)
        ticket = self._tickets.get(update_id)
        if ticket is not None and ticket.chat_id is not None:
            self._chats[ticket.chat_id].unhandled.add(update_id)

    def handled(self, update_id: int) -> None:
        """The bot (run in this process, `track_handling` on) finished a delivered update: its
        replies are all sent, so waits need not guess from HTTP silence."""
        self._unhandled.discard(update_id)
        ticket = self._tickets.get(update_id)
        if ticket is not None and ticket.chat_id is not None:
            chat = self._chats[ticket.chat_id]
            chat.unhandled.discard(update_id)
            chat.last_activity = self._now()
            chat.pulse.fire()
        self._last_activity = self._now()
        self._global_pulse.fire()

    async def enqueue_update(self, update: JSON) -> int:
        """Queue a raw update (``update_id`` is assigned); returns its update_id."""
        body = {key: value for key, value in update.items() if key != "update_id"}

        async def run() -> int:
            return self._enqueue(body).update_id

        return await self._call(run())

    async def redeliver(self, update_id: int) -> None:
        """Queue an already delivered update again, as Telegram does when it was not confirmed:
        it keeps its ``update_id`` and is delivered even if the bot's offset has moved past it
        (as after a crash between fetching and confirming)."""

        async def requeue() -> None:
            ticket = self._tickets[update_id]
            ticket.forced = True
            if ticket not in self._queue:
                ticket.state = "pending"
                self._queue = sorted([*self._queue, ticket], key=lambda t: t.update_id)
                if ticket.chat_id is not None:
                    self._chats[ticket.chat_id].unconfirmed.add(update_id)
            self._updates_pulse.fire()

        await self._call(requeue())

    async def wait_idle(self, timeout: float = 5.0, quiet: float | None = None) -> None:
        """Wait until every update is confirmed and finished (`track_handling`), or, for a bot
        that reports nothing, until it made no request for ``quiet`` s."""
        quiet = 0.0 if self.track_handling else self.quiet if quiet is None else quiet

        async def run() -> None:
            with self._waiting():
                await idle()

        async def idle() -> None:
            deadline = self._now() + timeout
            while True:
                now = self._now()
                busy = bool(self._queue) or self._inflight > 0 or bool(self._unhandled)
                wake = deadline if busy else self._last_activity + quiet
                if not busy and now >= wake:
                    return
                if now >= deadline:
                    raise TimeoutError(f"bot not idle after {timeout}s: pending updates "
                                       f"{self.pending_update_ids}, {self._inflight} in flight")
                await self._global_pulse.wait(min(wake, deadline) - now)

        await self._call(run())

    # ----------------------------------------------------------------- users and chats

    def user(self, user_id: int, first_name: str = "Ann", language_code: str | None = "en", *,
             last_name: str | None = None, username: str | None = None) -> FakeUser:
        """The fake user ``user_id`` in their private chat with the bot (chat id == user id)."""
        if (user_id, user_id) not in self._users:
            user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
            extra = {k: v for k, v in (("last_name", last_name), ("username", username)) if v}
            user |= extra | ({"language_code": language_code} if language_code else {})
            info = {"id": user_id, "type": "private", "first_name": first_name} | extra
            chat = self._chats.setdefault(user_id, _Chat(info=info))
            self._users[(user_id, user_id)] = FakeUser(self, user, chat)
        return self._users[(user_id, user_id)]

    def group(self, chat_id: int, user: FakeUser | int, *, title: str = "Test group",
              chat_type: str = "group") -> FakeUser:
        """``user`` acting in group chat ``chat_id`` (same driver API as a private chat); the
        bot sees every message there (privacy mode is not modelled)."""
        member = user if isinstance(user, FakeUser) else self.user(user)
        if (member.id, chat_id) not in self._users:
            info = {"id": chat_id, "type": chat_type, "title": title}
            chat = self._chats.setdefault(chat_id, _Chat(info=info))
            self._users[(member.id, chat_id)] = FakeUser(self, dict(member.user), chat)
        return self._users[(member.id, chat_id)]

    # ----------------------------------------------------------------- bot messages

    def _target_chat(self, params: JSON) -> _Chat:
        chat_id = params.get("chat_id")
        chat = self._chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise ApiError(400, ERR_CHAT_NOT_FOUND)
        if chat.blocked:
            raise ApiError(403, ERR_BLOCKED)
        return chat

    def _render(self, chat: _Chat, stored: _Stored) -> JSON:
        """The Message object Telegram returns for a bot message."""
        raw: JSON = {"message_id": stored.message_id, "from": self.bot_user, "chat": chat.info,
                     "date": stored.date} | ({"edit_date": int(time.time())} if stored.edited
                                             else {})
        text_key, entities_key = "text", "entities"
        if stored.document_meta is not None:
            raw["document"] = stored.document_meta
            text_key, entities_key = "caption", "caption_entities"
        if stored.plain or text_key == "text":
            raw[text_key] = stored.plain
        if stored.entities:
            raw[entities_key] = stored.entities
        if stored.markup is not None:
            raw["reply_markup"] = stored.markup
        return raw

    def _snapshot(self, chat: _Chat, stored: _Stored) -> BotMessage:
        return BotMessage(chat.id, stored.message_id, stored.plain, stored.html,
                          stored.parse_mode, _buttons_of(stored.markup), stored.markup,
                          stored.edited, stored.raw, stored.document)

    def _show(self, chat: _Chat, stored: _Stored, params: JSON, text: Any, limit: int) -> JSON:
        """Check and apply the new text and keyboard of a bot message; the user sees it."""
        raw_text, parse_mode = "" if text is None else str(text), params.get("parse_mode")
        plain, entities = parse_html(raw_text) if str(parse_mode).lower() == "html" else (
            raw_text, [])
        if not plain.strip() and stored.document_meta is None:
            raise ApiError(400, ERR_TEXT_EMPTY)
        if len(plain) > limit:
            raise ApiError(400, ERR_TOO_LONG if limit == MAX_TEXT_LENGTH
                           else "Bad Request: message caption is too long")
        # Like Telegram, an edit without reply_markup removes the inline keyboard.
        markup = _check_markup(params.get("reply_markup"))
        if stored.edited and (plain, entities, markup) == (stored.plain, stored.entities,
                                                           stored.markup):
            raise ApiError(400, ERR_NOT_MODIFIED)
        stored.html, stored.plain, stored.entities = raw_text, plain, entities
        stored.markup = markup
        stored.parse_mode = str(parse_mode) if parse_mode else None
        stored.raw = self._render(chat, stored)
        chat.messages[stored.message_id] = stored
        chat.events.append(self._snapshot(chat, stored))
        chat.last_activity = self._now()
        chat.pulse.fire()
        return stored.raw

    # ----------------------------------------------------------------- Bot API methods

    async def _m_get_me(self, params: JSON) -> JSON:
        return {**self.bot_user, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}

    async def _m_get_updates(self, params: JSON) -> list[JSON]:
        if self._webhook_url:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active;"
                                " use deleteWebhook to delete the webhook first")
        try:
            offset = int(params.get("offset") or 0)
            limit = min(max(int(params.get("limit") or 100), 1), 100)
            timeout = max(float(params.get("timeout") or 0), 0.0)
        except (TypeError, ValueError) as exc:
            raise ApiError(400, "Bad Request: wrong parameter in getUpdates") from exc
        if isinstance(allowed := params.get("allowed_updates"), list):
            self._allowed = frozenset(map(str, allowed)) or None
        # A newer getUpdates terminates the one still waiting, as on Telegram.
        self._poll_generation += 1
        generation = self._poll_generation
        self._updates_pulse.fire()
        deadline = self._now() + timeout
        while True:
            if _client_gone():   # a poll whose client hung up (killed bot) takes nothing
                return []
            if generation != self._poll_generation:
                raise ApiError(409, ERR_CONFLICT_POLL)
            batch = self._take(offset, limit)
            remaining = deadline - self._now()
            if batch or remaining <= 0 or (self._stopping and self._stopping.is_set()):
                return batch
            await self._updates_pulse.wait(remaining)

    async def _m_set_webhook(self, params: JSON) -> bool:
        self._webhook_url = str(params.get("url") or "")
        if params.get("drop_pending_updates"):
            for ticket in list(self._queue):
                self._resolve(ticket, "dropped")
        return True

    async def _m_delete_webhook(self, params: JSON) -> bool:
        return await self._m_set_webhook({**params, "url": ""})

    async def _m_set_my_commands(self, params: JSON) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        for command in commands:
            if not (isinstance(command, dict)
                    and _COMMAND_NAME_RE.fullmatch(str(command.get("command", "")))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: command description is empty")
        key = (_scope_key(params.get("scope")), str(params.get("language_code") or ""))
        self._commands[key] = [dict(command) for command in commands]
        return True

    async def _m_send_message(self, params: JSON) -> JSON:
        chat = self._target_chat(params)
        stored = _Stored(chat.new_message_id(), True, {}, int(time.time()))
        return self._show(chat, stored, params, params.get("text"), MAX_TEXT_LENGTH)

    async def _m_send_document(self, params: JSON) -> JSON:
        """A document: an upload (its bytes kept in ``BotMessage.document.data``) or a file_id."""
        chat = self._target_chat(params)
        document = params.get("document")
        meta: JSON = {"file_unique_id": f"AgADFake{next(self._file_ids):06d}"}
        if isinstance(document, UploadedFile):
            meta |= {"file_id": f"BQACAgFake{next(self._file_ids):08d}",
                     "file_size": len(document.data), "file_name": document.filename,
                     "mime_type": document.content_type}
        elif isinstance(document, str) and document:
            meta["file_id"] = document
        else:
            raise ApiError(400, "Bad Request: there is no document in the request")
        stored = _Stored(chat.new_message_id(), True, {}, int(time.time()), document=document,
                         document_meta={k: v for k, v in meta.items() if v is not None})
        return self._show(chat, stored, params, params.get("caption"), MAX_CAPTION_LENGTH)

    def _editable(self, params: JSON) -> tuple[_Chat, _Stored]:
        """The bot's text message an edit names, as Telegram checks it."""
        chat = self._target_chat(params)
        stored = chat.messages.get(int(params.get("message_id") or 0))
        if stored is None:
            raise ApiError(400, ERR_EDIT_NOT_FOUND)
        if not stored.from_bot or stored.document_meta is not None:
            raise ApiError(400, ERR_CANT_EDIT)
        return chat, stored

    async def _m_edit_message_text(self, params: JSON) -> JSON:
        chat, stored = self._editable(params)
        edited = dataclasses.replace(stored, edited=True)
        self._show(chat, edited, params, params.get("text"), MAX_TEXT_LENGTH)
        return edited.raw

    async def _m_edit_message_reply_markup(self, params: JSON) -> JSON:
        chat, stored = self._editable(params)
        if _check_markup(params.get("reply_markup")) == stored.markup:
            raise ApiError(400, ERR_NOT_MODIFIED)
        edited = dataclasses.replace(stored, edited=True)
        kept = {"parse_mode": stored.parse_mode, "reply_markup": params.get("reply_markup")}
        return self._show(chat, edited, kept, stored.html, MAX_TEXT_LENGTH)

    async def _m_answer_callback_query(self, params: JSON) -> bool:
        query = self._callbacks.get(str(params.get("callback_query_id")))
        if query is None or query.answer is not None:
            raise ApiError(400, ERR_QUERY_INVALID)
        if len(str(params.get("text") or "")) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        query.answer = dict(params)
        return True


async def _read_params(request: web.Request) -> JSON:
    """Query, JSON, form or multipart parameters, typed as Telegram reads them."""
    params: JSON = dict(request.query)
    if request.content_type == "application/json" and request.can_read_body:
        try:
            body = await request.json()
        except ValueError as exc:
            raise ApiError(400, "Bad Request: can't parse JSON request body") from exc
        params |= body if isinstance(body, dict) else {}
    elif request.can_read_body:
        for key, value in (await request.post()).items():
            params[key] = (UploadedFile(value.filename, value.content_type, value.file.read())
                           if isinstance(value, web.FileField) else str(value))
    for key, value in params.items():
        if isinstance(value, str) and key in ("chat_id", "user_id") and value.lstrip("-").isdigit():
            params[key] = int(value)
        elif isinstance(value, str) and key in _JSON_FIELDS:
            with contextlib.suppress(ValueError):
                params[key] = json.loads(value)
    return params


def _finished(db_path: Path, update_ids: list[int]) -> list[int]:
    """Which of `update_ids` the bot's inbox at `db_path` has finished or set aside."""
    if not update_ids or not db_path.exists():
        return []
    marks = ",".join("?" * len(update_ids))
    try:
        with contextlib.closing(sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro",
                                                uri=True, timeout=1)) as db:
            return [row[0] for row in db.execute(
                f"SELECT update_id FROM inbox WHERE update_id IN ({marks}) AND update_id NOT IN "
                f"(SELECT update_id FROM inbox_bodies) UNION "
                f"SELECT update_id FROM dead_letters WHERE update_id IN ({marks})",
                [*update_ids, *update_ids])]
    except sqlite3.Error:    # not created yet, or between two processes
        return []


def _scope_key(scope: Any) -> str:
    return json.dumps(scope or {"type": "default"}, sort_keys=True)


def _check_markup(markup: Any) -> JSON | None:
    """An inline keyboard as Telegram accepts it: rows of buttons with a text and callback data
    of 1-64 bytes (or another action such as a URL)."""
    if markup is None:
        return None
    rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ApiError(400, ERR_BAD_KEYBOARD)
    for button in (button for row in rows for button in row):
        if not isinstance(button, dict) or not button.get("text") or len(button) == 1:
            raise ApiError(400, ERR_BAD_KEYBOARD)
        data = button.get("callback_data", "x")
        if not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES:
            raise ApiError(400, ERR_BUTTON_DATA)
    return markup


# --------------------------------------------------------------------------- the user side


class FakeUser:
    """A Telegram user acting in one chat (private, or a group via ``tg.group``).

    Coroutines may be awaited from any event loop; they execute on the server's loop.  Reply
    collection uses a per-actor cursor into the chat's log of bot sends/edits:
    :meth:`next_replies` returns the entries after the cursor and advances it, and the
    ``*_and_wait`` helpers first move the cursor to "now" so they only return fresh replies.
    """

    def __init__(self, tg: FakeTelegram, user: JSON, chat: _Chat) -> None:
        self._tg, self.user, self._chat, self._cursor = tg, user, chat, 0

    def __repr__(self) -> str:
        return f"FakeUser(id={self.id}, chat_id={self.chat_id})"

    @property
    def id(self) -> int:
        return int(self.user["id"])

    @property
    def first_name(self) -> str:
        return str(self.user["first_name"])

    @property
    def language_code(self) -> str | None:
        return self.user.get("language_code")

    @property
    def chat_id(self) -> int:
        return self._chat.id

    @property
    def last_message(self) -> BotMessage | None:
        """Newest bot message in the chat, in its current state."""
        messages = self.messages
        return messages[-1] if messages else None

    @property
    def messages(self) -> list[BotMessage]:
        """Every bot message in the chat, in its current state."""
        return self._tg.transcript(self.chat_id)

    @property
    def answered_callbacks(self) -> list[JSON]:
        """answerCallbackQuery params (``text``, ``show_alert``…) for this user's presses here."""
        return [dict(query.answer) for query in list(self._tg._callbacks.values())
                if query.answer is not None and query.user_id == self.id
                and query.chat_id == self.chat_id]

    # ----------------------------------------------------------------- actions

    async def block(self) -> None:
        """The user blocks the bot, as reminders must notice (Telegram then answers 403)."""
        self._chat.blocked = True

    async def send(self, text: str) -> UserMessage:
        """Send a text message; ``/commands`` get ``bot_command`` entities like on Telegram."""
        return await self._tg._call(self._send_message(_text_fields(text)))

    async def send_sticker(self, emoji: str = "👍") -> UserMessage:
        sticker = {**self._file("sticker"), "type": "regular", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False, "emoji": emoji}
        return await self._tg._call(self._send_message({"sticker": sticker}))

    async def send_photo(self, caption: str | None = None) -> UserMessage:
        photo = [{**self._file("photo"), "width": 800, "height": 800, "file_size": 60_000}]
        fields: JSON = {"photo": photo} | ({"caption": caption} if caption is not None else {})
        return await self._tg._call(self._send_message(fields))

    async def send_voice(self, duration: int = 2) -> UserMessage:
        voice = {**self._file("voice"), "duration": duration, "mime_type": "audio/ogg"}
        return await self._tg._call(self._send_message({"voice": voice}))

    async def send_location(self, latitude: float = 22.2783,
                            longitude: float = 114.1747) -> UserMessage:
        location = {"latitude": latitude, "longitude": longitude}
        return await self._tg._call(self._send_message({"location": location}))

    async def edit(self, message: UserMessage | int, new_text: str) -> UserMessage:
        """Edit one of the user's text messages: an ``edited_message`` update."""
        return await self._tg._call(self._edit(message, new_text))

    async def press(self, button: str, message: BotMessage | int | None = None) -> Press:
        """Press an inline button, matched by text first, then by callback_data.

        Without ``message`` the newest bot message with an inline keyboard is used.  ``message``
        may be an old message (stale buttons).  If it is a ``BotMessage`` snapshot whose button
        has since been edited away, the snapshot's button is pressed anyway: the race where the
        user tapped before the edit reached their screen.
        """
        return await self._tg._call(self._press(button, message))

    async def next_replies(self, *, timeout: float = 5.0, expect: int | None = None,
                           quiet: float | None = None) -> list[BotMessage]:
        """Bot sends/edits in this chat since the cursor, once the bot is done (module doc)."""
        return await self._tg._call(self._wait(timeout, expect, quiet))

    async def send_and_wait(self, text: str, *, timeout: float = 5.0, expect: int | None = None,
                            quiet: float | None = None) -> list[BotMessage]:
        """Send ``text`` and return the bot's sends/edits in this chat that followed."""
        return await self._tg._call(
            self._act_and_wait(self._send_message(_text_fields(text)), timeout, expect, quiet))

    async def press_and_wait(self, button: str, message: BotMessage | int | None = None, *,
                             timeout: float = 5.0, expect: int | None = None,
                             quiet: float | None = None) -> list[BotMessage]:
        """Press a button and return the bot's sends/edits in this chat that followed."""
        return await self._tg._call(
            self._act_and_wait(self._press(button, message), timeout, expect, quiet))

    # ----------------------------------------------------------------- server-loop internals

    async def _act_and_wait(self, action: Coroutine[Any, Any, object], timeout: float,
                            expect: int | None, quiet: float | None) -> list[BotMessage]:
        self._cursor = len(self._chat.events)
        await action
        return await self._wait(timeout, expect, quiet)

    def _file(self, kind: str) -> JSON:
        n = next(self._tg._file_ids)
        return {"file_id": f"Fake{kind}{n:08d}", "file_unique_id": f"U{kind}{n:06d}"}

    def _stored(self, message: UserMessage | BotMessage | int) -> _Stored:
        message_id = message if isinstance(message, int) else message.message_id
        if (stored := self._chat.messages.get(message_id)) is None:
            raise LookupError(f"no message {message_id} in chat {self.chat_id}")
        return stored

    async def _send_message(self, fields: JSON) -> UserMessage:
        message_id, date = self._chat.new_message_id(), int(time.time())
        raw: JSON = {"message_id": message_id, "from": self.user, "chat": self._chat.info,
                     "date": date, **fields}
        self._chat.messages[message_id] = _Stored(message_id, False, raw, date)
        update_id = self._tg._enqueue({"message": raw}).update_id
        return UserMessage(self.chat_id, message_id, update_id, fields.get("text"), raw)

    async def _edit(self, message: UserMessage | int, new_text: str) -> UserMessage:
        stored = self._stored(message)
        if stored.from_bot or stored.raw.get("from", {}).get("id") != self.id:
            raise ValueError("a user can only edit their own messages")
        raw = {key: value for key, value in stored.raw.items() if key not in ("entities", "text")}
        raw.update(_text_fields(new_text), edit_date=int(time.time()))
        stored.raw, stored.edited = raw, True
        update_id = self._tg._enqueue({"edited_message": raw}).update_id
        return UserMessage(self.chat_id, stored.message_id, update_id, new_text, raw)

    async def _press(self, button: str, message: BotMessage | int | None) -> Press:
        if message is None:
            keyboards = [s for s in self._chat.messages.values() if s.from_bot and s.markup]
            if not keyboards:
                raise LookupError(f"no bot message with an inline keyboard in chat "
                                  f"{self.chat_id}\n{self._tg.format_transcript(self.chat_id)}")
            stored = keyboards[-1]
        else:
            stored = self._stored(message)
        rows = _buttons_of(stored.markup)
        if isinstance(message, BotMessage) and not _find_button(rows, button):
            rows = message.buttons
        if (found := _find_button(rows, button)) is None:
            raise LookupError(f"no button {button!r} on message {stored.message_id}; "
                              f"buttons: {rows}")
        text, data = found
        if data is None:
            raise ValueError(f"button {text!r} has no callback_data (URL or other kind)")
        query_id = str(next(self._tg._query_ids))
        self._tg._callbacks[query_id] = _CallbackQuery(self.id, self.chat_id)
        query: JSON = {"id": query_id, "from": self.user, "message": stored.raw, "data": data,
                       "chat_instance": str(abs(self.chat_id) * 7919 + 104729)}
        ticket = self._tg._enqueue({"callback_query": query})
        return Press(query_id, ticket.update_id, data, stored.message_id)

    async def _wait(self, timeout: float, expect: int | None,
                    quiet: float | None) -> list[BotMessage]:
        with self._tg._waiting():
            return await self._replies(timeout, expect, quiet)

    async def _replies(self, timeout: float, expect: int | None,
                       quiet: float | None) -> list[BotMessage]:
        tg, chat = self._tg, self._chat
        quiet = 0.0 if tg.track_handling else tg.quiet if quiet is None else quiet
        deadline = tg._now() + timeout
        while True:
            now = tg._now()
            got = len(chat.events) - self._cursor
            wake, pulse = deadline, chat.pulse
            if chat.unconfirmed:
                reason = f"bot has not confirmed update(s) {sorted(chat.unconfirmed)}"
            elif chat.inflight:
                reason = f"{chat.inflight} bot request(s) for this chat in flight"
            elif chat.unhandled:
                reason = f"bot has not finished update(s) {sorted(chat.unhandled)}"
            elif expect is not None and got < expect:
                reason = f"got {got} of {expect} expected replies"
            elif expect is None and (tg._inflight or tg._unhandled):
                reason = "bot busy elsewhere"
                pulse = tg._global_pulse
            else:
                wake = chat.last_activity + quiet
                if expect is None:
                    wake = max(wake, tg._last_activity + quiet)
                if now >= wake:
                    replies = chat.events[self._cursor:]
                    self._cursor = len(chat.events)
                    return replies
                reason = "bot not quiet yet"
            if now >= deadline:
                raise TimeoutError(f"{self!r}: no complete reply within {timeout}s: {reason}\n"
                                   f"{tg.format_transcript(self.chat_id)}")
            await pulse.wait(min(wake, deadline) - now)


def _find_button(rows: list[list[tuple[str, str | None]]],
                 wanted: str) -> tuple[str, str | None] | None:
    buttons = [button for row in rows for button in row]
    return (next((b for b in buttons if b[0] == wanted), None)
            or next((b for b in buttons if b[1] == wanted), None))
