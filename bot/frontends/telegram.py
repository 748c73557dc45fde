"""The Telegram front end on python-telegram-bot v22: handlers that only move messages.

Everything the user experiences is decided by `ChatService`; this module translates updates
into service calls and `Response`s into Bot API calls. Updates reach the application only
through the inbox (`bot.frontends.intake`), so each is stored before Telegram is told it arrived.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar, cast

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, MessageLimit, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    BaseUpdateProcessor,
    CallbackContext,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ExtBot,
    JobQueue,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.chat.messages import Out, Response
from bot.chat.service import ChatService
from bot.chat.turn import Caller
from bot.config import Config
from bot.frontends.flood import FloodGuard, Verdict
from bot.frontends.intake import RawUpdates, Unreplied
from bot.i18n.bidi import rtl_lines
from bot.i18n.languages import DEFAULT, LANGUAGES, by_code, resolve
from bot.i18n.text import t
from bot.i18n.translator import translator_for
from bot.reminders.tracking import TrackedRequest
from bot.storage.inbox import Inbox
from bot.storage.store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")
# Only what the handlers below use: anything else would cost a stored update for nothing.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
ATTEMPTS = 3       # of one Bot API call, network faults included
RETRY_PAUSE = 0.2  # seconds, doubled per attempt: 0.4 s, then 0.8 s
# Parallel Bot API requests. Telegram takes ~30 messages/s from a bot, and 16 requests at
# 100 ms each carry 160/s; PTB's default of 256 only makes httpx scan more idle connections.
SEND_CONNECTIONS = 16

COMMANDS = {
    "start": t("Start or continue the questionnaire"),
    "back": t("Go back one question"),
    "review": t("See and change your answers"),
    "result": t("See your result"),
    "language": t("Change language"),
    "restart": t("Start again"),
    "help": t("How this works"),
    "privacy": t("What is stored and why"),
    "mydata": t("Show your stored data"),
    "delete": t("Erase your data"),
    "reminders": t("My reminders"),
    "report": t("Your full result as a document to keep"), "university": t("Check a university"),
    "fees": t("ImmD's fees for your household"),
}



class BotData:
    """What every handler shares, typed through PTB's `ContextTypes` (`context.bot_data`);
    PTB creates it empty, `build_application` fills it in before any update arrives."""

    config: Config
    store: Store
    service: ChatService
    inbox: Inbox
    flood: FloodGuard
    updates: RawUpdates       # getUpdates' HTTP client (polling reads the raw JSON from it)

    def __init__(self) -> None:
        self.groups_notified: set[int] = set()


Context = CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]
App = Application[ExtBot[Any], Context, dict[Any, Any], dict[Any, Any], BotData,
                  JobQueue[Context]]


def _telegram_update(update: object) -> Update | None:
    """The Telegram update behind what the application processes (a replayed one included)."""
    if isinstance(update, Unreplied):
        return update.update
    return update if isinstance(update, Update) else None


class PerUserOrder(BaseUpdateProcessor):
    """One user's updates in order, different users concurrently; the inbox learns when each
    update is finished (handled or reported by `on_error`). One cancelled at shutdown is not
    finished: it stays in the inbox and is replayed at the next start."""

    def __init__(self, finished: Callable[[int], Awaitable[None]],
                 max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._finished = finished
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}   # lock, updates holding it
        self._running: set[asyncio.Task[Any]] = set()
        self._closing = False

    def cancel_all(self) -> int:
        """Shutdown's end: cancel the updates in progress, start no other; how many there were."""
        self._closing = True
        for task in self._running:
            task.cancel()
        return len(self._running)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if self._closing:    # left in the inbox for the next start
            if isinstance(coroutine, Coroutine):
                coroutine.close()
            return
        telegram_update = _telegram_update(update)
        task = asyncio.current_task()
        assert task is not None
        self._running.add(task)
        try:
            await self._in_order(telegram_update, coroutine)
        finally:
            self._running.discard(task)
        if telegram_update is not None:
            try:
                await self._finished(telegram_update.update_id)
            except Exception as exc:   # e.g. disk full: replayed (its reply again) at restart
                log.error("inbox: update %s not marked finished: %s", telegram_update.update_id,
                          type(exc).__name__)

    async def _in_order(self, update: Update | None, coroutine: Awaitable[Any]) -> None:
        """Run `coroutine` after the same user's earlier updates."""
        user = update.effective_user if update is not None else None
        if user is None:
            await coroutine
            return
        lock, users = self._locks.get(user.id) or (asyncio.Lock(), 0)
        self._locks[user.id] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._locks[user.id]
            if users == 1:
                del self._locks[user.id]     # forget idle users
            else:
                self._locks[user.id] = (lock, users - 1)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


def _key(update: Update) -> str:
    assert update.effective_user is not None
    return f"tg:{update.effective_user.id}"


def _tag(update: Update) -> str | None:
    return update.effective_user.language_code if update.effective_user else None


def _caller(update: Update) -> Caller:
    return Caller(_key(update), _tag(update), update.update_id)


def _markup(out: Out) -> InlineKeyboardMarkup | None:
    if not out.buttons:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.data)
                                  for b in row] for row in out.buttons])


def split_text(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Split at paragraph, then line boundaries so each part fits in one message."""
    parts: list[str] = []
    current = ""
    for paragraph in text.split("\n"):
        candidate = f"{current}\n{paragraph}" if current else paragraph
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        while len(paragraph) > limit:
            parts.append(paragraph[:limit])
            paragraph = paragraph[limit:]
        current = paragraph
    return [*parts, current] if current else parts


async def _with_retries(call: Callable[[], Awaitable[T]], *, idempotent: bool) -> T:
    """Retry network faults and 5xx with backoff: our only retry layer (429s are left to
    `AIORateLimiter`). A timed-out request may have been delivered, so only an idempotent one
    (an edit) is repeated after a timeout. A final failure goes to `on_error`, logged once.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await call()
        except (BadRequest, Forbidden):
            raise
        except TimedOut:
            if not idempotent or attempt == ATTEMPTS:
                raise
        except NetworkError:
            if attempt == ATTEMPTS:
                raise
        await asyncio.sleep(RETRY_PAUSE * 2 ** attempt)
    raise AssertionError("unreachable")


# chat_data key: the message id of the last question or result sent with buttons, whose
# buttons go when a newer one is sent (kept in memory: after a restart old ones stay, harmless).
KEYBOARD = "keyboard"


async def _retire_keyboard(context: Context, chat_id: int, message_id: int) -> None:
    """Remove the buttons of an earlier question or result (answered by typing, or asked again
    after an error): best effort and tried once, as the answer itself is already delivered."""
    try:
        await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
    except TelegramError as exc:   # gone, already without buttons, or Telegram unreachable
        log.info("keyboard not removed: %s", exc.message)


async def deliver(update: Update, context: Context, response: Response) -> None:
    """Answer the callback, edit the pressed message, then send the new messages.

    The answer is already stored when this runs, so a failing call costs at most a message:
    the callback and the edit are best effort, and the new messages go out in order. A new
    question or result first takes the buttons off the one before, so only the current one has
    any.
    """
    query = update.callback_query
    chat = update.effective_chat
    if query is not None:
        try:
            await query.answer(response.toast[:200] if response.toast else None)
        except BadRequest as exc:   # "query is too old": the press was still handled
            log.info("callback answer refused: %s", exc.message)
    if response.edit is not None and query is not None and query.message is not None:
        edit = response.edit
        text = rtl_lines(edit.text) if by_code(response.language).rtl else edit.text
        try:
            await _with_retries(lambda: query.edit_message_text(
                text, parse_mode=ParseMode.HTML, reply_markup=_markup(edit)),
                idempotent=True)
        except BadRequest as exc:   # not modified, or the message is gone: nothing to fix
            if "not modified" not in exc.message:
                log.info("edit refused: %s", exc.message)
    if chat is None:
        return
    # Right to left, Telegram lays out each line as its own paragraph: a RIGHT-TO-LEFT MARK on
    # every line keeps one that opens with a number, Latin or an emoji (ℹ️ is left to right) Arabic.
    layout = rtl_lines if by_code(response.language).rtl else str
    data = context.chat_data
    retired = data.pop(KEYBOARD, None) if data is not None and any(
        out.current for out in response.messages) else None
    pressed = query.message.message_id if query is not None and query.message else None
    if retired is not None and retired != pressed:   # the pressed one was edited above
        await _retire_keyboard(context, chat.id, retired)
    for out in response.messages:
        chunks = split_text(layout(out.text))
        for i, chunk in enumerate(chunks):
            markup = _markup(out) if i == len(chunks) - 1 else None
            try:
                sent = await _with_retries(functools.partial(
                    context.bot.send_message, chat.id, chunk, parse_mode=ParseMode.HTML,
                    reply_markup=markup), idempotent=False)
            except TimedOut:   # most likely delivered: not repeated, and the rest still goes
                log.info("a reply timed out; not repeated, as it may have been delivered")
                continue
            if out.current and markup is not None and data is not None:
                data[KEYBOARD] = sent.message_id
    for document in response.documents:
        await _with_retries(functools.partial(
            context.bot.send_document, chat.id,
            InputFile(document.data, filename=document.filename),
            caption=document.caption or None), idempotent=False)


async def guard(update: Update, context: Context) -> None:
    """Runs before every handler: hold back floods."""
    data = context.bot_data
    user = update.effective_user
    verdict = data.flood.check(user.id) if user is not None else Verdict.ALLOW
    if verdict is Verdict.ALLOW:
        return
    if verdict is Verdict.NOTIFY and update.effective_chat is not None:
        tr = await data.service.translator(_caller(update))
        await context.bot.send_message(update.effective_chat.id, tr(t(
            "You are sending messages very fast, so I am pausing for a few seconds. Your answers "
            "so far are safe.")))
    if update.callback_query is not None:
        await update.callback_query.answer()
    raise ApplicationHandlerStop


async def on_start(update: Update, context: Context) -> None:
    payload = context.args[0] if context.args else None
    await deliver(update, context, await context.bot_data.service.start(_caller(update), payload))


def on_command(name: str) -> Callable[[Update, Context], Coroutine[Any, Any, None]]:
    """The handler of one command (`CommandHandler` has matched the name already)."""
    async def handle(update: Update, context: Context) -> None:
        await deliver(update, context, await context.bot_data.service.command(
            _caller(update), name, " ".join(context.args or ())))
    return handle


async def on_other_command(update: Update, context: Context) -> None:
    """A command no `CommandHandler` took: one routed to the service later, or unknown."""
    message = update.effective_message
    assert message is not None
    commands = message.parse_entities([MessageEntity.BOT_COMMAND])
    first = min(commands, key=lambda entity: entity.offset, default=None)
    name = commands[first][1:].partition("@")[0].lower() if first is not None else ""
    await on_command(name)(update, context)


async def on_stats(update: Update, context: Context) -> None:
    """/stats [days], for admins only (the handler's filter checks the id)."""
    days = context.args[0] if context.args else ""
    await deliver(update, context, await context.bot_data.service.admin_stats(
        _caller(update), days))


async def on_text(update: Update, context: Context) -> None:
    assert update.effective_message is not None and update.effective_message.text is not None
    await deliver(update, context, await context.bot_data.service.text(
        _caller(update), update.effective_message.text))


async def on_other(update: Update, context: Context) -> None:
    await deliver(update, context, await context.bot_data.service.not_text(_caller(update)))


async def on_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE or chat.id != query.from_user.id:
        # The bot puts buttons only in private chats, so this press is forged: answering it
        # would show the presser's answers where others read.
        with contextlib.suppress(TelegramError):
            await query.answer()
        return
    await deliver(update, context, await context.bot_data.service.button(
        _caller(update), query.data or ""))


async def on_unreplied(unreplied: Unreplied, context: Context) -> None:
    """An update applied before the last stop, its reply maybe not sent: show where the user
    stands now (its change is never applied again)."""
    update = unreplied.update
    if update.effective_user is None or update.effective_chat is None:
        return
    if update.effective_chat.type != update.effective_chat.PRIVATE:
        return
    await deliver(update, context, await context.bot_data.service.resume(_caller(update)))


async def on_group(update: Update, context: Context) -> None:
    """In a group, say once where the bot works, then stay quiet there."""
    chat = update.effective_chat
    notified = context.bot_data.groups_notified
    if chat is None or chat.id in notified:
        return
    notified.add(chat.id)
    tr = translator_for(resolve(_tag(update)) or DEFAULT)
    await context.bot.send_message(chat.id, tr(t(
        "I work in private chat only, to keep your answers private. Open a chat with me and "
        "send /start.")))


async def on_error(update: object, context: Context) -> None:
    """Log each failure once, without the token (PTB errors never carry the request URL)."""
    error = context.error
    if isinstance(error, Forbidden):
        log.info("user blocked the bot: %s", error)
        return
    log.error("update %s failed: %s: %s", getattr(update, "update_id", "?"),
              type(error).__name__, error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    tr = translator_for(resolve(_tag(update)) or DEFAULT)
    with contextlib.suppress(TelegramError):
        await context.bot.send_message(update.effective_chat.id, tr(t(
            "Sorry, something went wrong on my side. Your answers so far are safe; please try "
            "again in a moment.")))


async def set_commands(application: App) -> None:
    """The command menu in every language.

    Telegram keys menus by two-letter code, so "zh" gets Simplified Chinese; Traditional Chinese
    readers still get every reply in Traditional.
    """
    for language in LANGUAGES:
        if language.code == "zh-hant":
            continue
        tr = translator_for(language)
        commands = [BotCommand(name, tr(text)) for name, text in COMMANDS.items()]
        code = None if language is DEFAULT else language.code.split("-")[0]
        await application.bot.set_my_commands(commands, language_code=code)


def build_application(config: Config, store: Store, service: ChatService, inbox: Inbox,
                      post_init: Callable[[App], Coroutine[Any, Any, None]] | None = None,
                      post_shutdown: Callable[[App], Coroutine[Any, Any, None]] | None = None
                      ) -> App:
    """The PTB application with every handler, fed by the inbox (polling or webhook)."""
    assert config.token is not None
    updates = RawUpdates()
    builder = (ApplicationBuilder().token(config.token).updater(None)
               .get_updates_request(updates)
               .request(TrackedRequest(connection_pool_size=SEND_CONNECTIONS, pool_timeout=30.0))
               .context_types(ContextTypes(bot_data=BotData))
               .concurrent_updates(PerUserOrder(inbox.finish)))
    if config.api_url:
        builder = builder.base_url(f"{config.api_url}/bot").base_file_url(
            f"{config.api_url}/file/bot")
    if config.rate_limit:
        builder = builder.rate_limiter(cast(Any, AIORateLimiter(max_retries=3)))
    if post_init is not None:
        builder = builder.post_init(cast(Any, post_init))
    if post_shutdown is not None:
        builder = builder.post_shutdown(cast(Any, post_shutdown))
    application = cast(App, builder.build())
    data = application.bot_data
    data.config, data.store, data.service = config, store, service
    data.inbox, data.updates = inbox, updates
    updates.bot = application.bot
    data.flood = FloodGuard(config.flood_limit, config.flood_window)
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE  # edits: ignored
    application.add_handler(TypeHandler(Update, guard), group=-1)
    application.add_handler(TypeHandler(Unreplied, on_unreplied))
    application.add_handler(CommandHandler("start", on_start, filters=private))
    for name in sorted(service.commands.keys() - {"start"}):   # every command it routes
        application.add_handler(CommandHandler(name, on_command(name), filters=private))
    application.add_handler(CommandHandler(
        "stats", on_stats, filters=private & filters.User(user_id=config.admin_ids)))
    application.add_handler(MessageHandler(private & filters.COMMAND, on_other_command))
    application.add_handler(MessageHandler(private & filters.TEXT, on_text))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(MessageHandler(filters.ChatType.GROUPS, on_group))
    application.add_handler(MessageHandler(private & ~filters.TEXT & ~filters.StatusUpdate.ALL,
                                           on_other))
    application.add_error_handler(on_error)
    return application
