"""The Telegram front end on python-telegram-bot v22: handlers that only move messages.

Everything the user experiences is decided by `ChatService`; this module translates updates
into service calls and `Response`s into Bot API calls.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar, cast

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Update,
)
from telegram.constants import MessageLimit, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.chat.messages import Out, Response
from bot.chat.service import ChatService
from bot.chat.turn import Caller
from bot.config import Config
from bot.frontends.flood import FloodGuard, Verdict
from bot.i18n.languages import DEFAULT, LANGUAGES, by_code, resolve
from bot.i18n.text import t
from bot.i18n.translator import translator_for
from bot.storage.store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")
RLM = "\u200f"
MAX_RETRY_AFTER = 30.0   # seconds: longer waits are Telegram telling us to back off for real

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
    "report": t("Your full result as a document to keep"), "university": t("Check a university"),
}


class PerUserOrder(BaseUpdateProcessor):
    """One user's updates in order, different users concurrently."""

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        user = update.effective_user if isinstance(update, Update) else None
        if user is None:
            await coroutine
            return
        lock = self._locks[user.id]
        try:
            async with lock:
                await coroutine
        finally:
            if not lock.locked() and not lock._waiters:  # forget idle users
                self._locks.pop(user.id, None)

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


def _service(context: ContextTypes.DEFAULT_TYPE) -> ChatService:
    service: ChatService = context.bot_data["service"]
    return service


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


async def _with_retries(call: Callable[[], Awaitable[T]], what: str, attempts: int = 3) -> T:
    """Retry what is worth retrying (network faults, 5xx, 429) with backoff.

    Bad requests and blocked users are not retried: repeating them cannot succeed. A final
    failure propagates to `on_error`, which logs the incident once.
    """
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except RetryAfter as exc:
            if attempt == attempts:
                raise
            await asyncio.sleep(min(_seconds(exc.retry_after), MAX_RETRY_AFTER))
        except (BadRequest, Forbidden):
            raise
        except NetworkError:
            if attempt == attempts:
                raise
            await asyncio.sleep(0.2 * 2 ** attempt)
    raise AssertionError("unreachable")


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def deliver(update: Update, context: ContextTypes.DEFAULT_TYPE, response: Response) -> None:
    """Answer the callback, edit the pressed message, then send the new messages.

    The answer is already stored when this runs, so a failing call costs at most a message:
    the callback and the edit are best effort, and the new messages go out in order.
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
        try:
            await _with_retries(lambda: query.edit_message_text(
                edit.text, parse_mode=ParseMode.HTML, reply_markup=_markup(edit)), "edit")
        except BadRequest as exc:   # not modified, or the message is gone: nothing to fix
            if "not modified" not in exc.message:
                log.info("edit refused: %s", exc.message)
    if chat is None:
        return
    # Right-to-left languages: a leading RIGHT-TO-LEFT MARK keeps a message that opens with a
    # number, a name in Latin letters or an emoji aligned and ordered as an Arabic paragraph.
    mark = RLM if by_code(response.language).rtl else ""
    for out in response.messages:
        chunks = [mark + chunk for chunk in split_text(out.text, MessageLimit.MAX_TEXT_LENGTH - 1)]
        for i, chunk in enumerate(chunks):
            markup = _markup(out) if i == len(chunks) - 1 else None
            await _with_retries(functools.partial(
                context.bot.send_message, chat.id, chunk, parse_mode=ParseMode.HTML,
                reply_markup=markup), "send")
    for document in response.documents:
        await _with_retries(functools.partial(
            context.bot.send_document, chat.id,
            InputFile(document.data, filename=document.filename),
            caption=document.caption or None), "send document")


async def guard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every handler: drop redelivered updates, hold back floods."""
    store: Store = context.bot_data["store"]
    if await store.already_processed(update.update_id):
        log.info("update %s was already applied; skipped", update.update_id)
        raise ApplicationHandlerStop
    user = update.effective_user
    flood: FloodGuard = context.bot_data["flood"]
    verdict = flood.check(user.id) if user is not None else Verdict.ALLOW
    if verdict is Verdict.ALLOW:
        return
    if verdict is Verdict.NOTIFY and update.effective_chat is not None:
        tr = await _service(context).translator(_caller(update))
        await context.bot.send_message(update.effective_chat.id, tr(t(
            "You are sending messages very fast, so I am pausing for a few seconds. Your answers "
            "so far are safe.")))
    if update.callback_query is not None:
        await update.callback_query.answer()
    raise ApplicationHandlerStop


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    payload = context.args[0] if context.args else None
    await deliver(update, context, await _service(context).start(_caller(update), payload))


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_message.text is not None
    words = update.effective_message.text[1:].split()
    name = words[0].split("@")[0].lower() if words else ""
    service = _service(context)
    user = update.effective_user
    config: Config = context.bot_data["config"]
    if name == "stats" and user is not None and user.id in config.admin_ids:
        days = words[1] if len(words) > 1 else ""
        response = await service.admin_stats(_caller(update), days)
    else:
        response = await service.command(_caller(update), name, " ".join(words[1:]))
    await deliver(update, context, response)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_message.text is not None
    await deliver(update, context, await _service(context).text(
        _caller(update), update.effective_message.text))


async def on_other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await deliver(update, context, await _service(context).not_text(_caller(update)))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await deliver(update, context, await _service(context).button(_caller(update),
                                                                  query.data or ""))


async def on_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a group, say once where the bot works, then stay quiet there."""
    chat = update.effective_chat
    notified: set[int] = context.bot_data.setdefault("groups_notified", set())
    if chat is None or chat.id in notified:
        return
    notified.add(chat.id)
    tr = translator_for(resolve(_tag(update)) or DEFAULT)
    await context.bot.send_message(chat.id, tr(t(
        "I work in private chat only, to keep your answers private. Open a chat with me and "
        "send /start.")))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
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


async def set_commands(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
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


def build_application(config: Config, service: ChatService | None, store: Store | None = None
                      ) -> Application[Any, Any, Any, Any, Any, Any]:
    """The PTB application with every handler; polling or webhook is the caller's choice.

    Without a `service` and its `store`, the caller puts them in `bot_data["service"]` and
    `bot_data["store"]` before updates arrive.
    """
    assert config.token is not None
    builder = ApplicationBuilder().token(config.token).concurrent_updates(PerUserOrder())
    if config.api_url:
        builder = builder.base_url(f"{config.api_url}/bot").base_file_url(
            f"{config.api_url}/file/bot")
    if config.rate_limit:
        builder = builder.rate_limiter(cast(Any, AIORateLimiter(max_retries=3)))
    application = builder.build()
    application.bot_data["config"] = config
    application.bot_data["flood"] = FloodGuard(config.flood_limit, config.flood_window)
    if service is not None and store is not None:
        application.bot_data["service"] = service
        application.bot_data["store"] = store
    application.add_handler(TypeHandler(Update, guard), group=-1)
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE  # edits: ignored
    application.add_handler(CommandHandler("start", on_start, filters=private))
    application.add_handler(MessageHandler(private & filters.COMMAND, on_command))
    application.add_handler(MessageHandler(private & filters.TEXT, on_text))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(MessageHandler(filters.ChatType.GROUPS, on_group))
    application.add_handler(MessageHandler(private & ~filters.TEXT & ~filters.StatusUpdate.ALL,
                                           on_other))
    application.add_error_handler(on_error)
    return application
