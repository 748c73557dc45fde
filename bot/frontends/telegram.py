"""The Telegram front end on python-telegram-bot v22: handlers that only move messages.

Everything the user experiences is decided by `ChatService`; this module translates updates
into service calls and `Response`s into Bot API calls. Updates reach the application only
through the inbox (`bot.frontends.intake`), so each is stored before Telegram is told it arrived.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any, cast

from telegram import BotCommand, Update
from telegram.constants import ChatType
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
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

from bot.chat.commands import Command
from bot.chat.service import ChatService
from bot.chat.turn import Caller
from bot.config import Config
from bot.frontends.delivery import deliver
from bot.frontends.flood import FloodGuard, Verdict
from bot.frontends.intake import RawUpdates, Unreplied
from bot.frontends.ordering import PerUserOrder
from bot.i18n.languages import DEFAULT, LANGUAGES, resolve
from bot.i18n.text import t
from bot.i18n.translator import translator_for
from bot.reminders.tracking import TrackedRequest
from bot.storage.inbox import Inbox
from bot.storage.store import Store

log = logging.getLogger(__name__)
# Only what the handlers below use: anything else would cost a stored update for nothing.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
# Parallel Bot API requests. Telegram takes ~30 messages/s from a bot, and 16 requests at
# 100 ms each carry 160/s; PTB's default of 256 would only hold more sockets open.
SEND_CONNECTIONS = 16
SEND_POOL_TIMEOUT = 30.0   # seconds a request waits for one of them (PTB's 1 s fails when busy)


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


def _key(update: Update) -> str:
    assert update.effective_user is not None
    return f"tg:{update.effective_user.id}"


def _tag(update: Update) -> str | None:
    return update.effective_user.language_code if update.effective_user else None


def _caller(update: Update) -> Caller:
    return Caller(_key(update), _tag(update), update.update_id)


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


def on_command(command: Command) -> Callable[[Update, Context], Coroutine[Any, Any, None]]:
    """The handler of one command (`CommandHandler` has matched the name, and for an admin's
    command its filter the caller's id, already)."""
    async def handle(update: Update, context: Context) -> None:
        await deliver(update, context, await context.bot_data.service.command(
            _caller(update), command.name, " ".join(context.args or ()), admin=command.admin))
    return handle


async def on_other_command(update: Update, context: Context) -> None:
    """A command no `CommandHandler` took: unknown (or an admin's, sent by someone else)."""
    await deliver(update, context, await context.bot_data.service.command(_caller(update), ""))


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
        commands = [BotCommand(c.name, tr(c.menu))
                    for c in application.bot_data.service.commands.values() if c.menu is not None]
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
               .request(TrackedRequest(connection_pool_size=SEND_CONNECTIONS,
                                       pool_timeout=SEND_POOL_TIMEOUT))
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
    admins = filters.User(user_id=config.admin_ids)
    for command in service.commands.values():
        application.add_handler(CommandHandler(
            command.name, on_command(command),
            filters=private & admins if command.admin else private))
    application.add_handler(MessageHandler(private & filters.COMMAND, on_other_command))
    application.add_handler(MessageHandler(private & filters.TEXT, on_text))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(MessageHandler(filters.ChatType.GROUPS, on_group))
    application.add_handler(MessageHandler(private & ~filters.TEXT & ~filters.StatusUpdate.ALL,
                                           on_other))
    application.add_error_handler(on_error)
    return application
