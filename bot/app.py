"""Wiring: storage, engine and chat service assembled for the Telegram bot or the terminal."""

from __future__ import annotations

import logging
import sys
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.error import InvalidToken
from telegram.ext import Application, ContextTypes

from bot.chat.service import ChatService
from bot.config import Config
from bot.engine.engine import Engine
from bot.frontends.flood import FloodGuard
from bot.frontends.telegram import build_application, set_commands
from bot.frontends.terminal import TerminalChat
from bot.i18n.languages import LANGUAGES
from bot.report.markup import Html, Markup, Plain
from bot.storage.store import Store
from conversations.qmas import QMAS

log = logging.getLogger(__name__)


class RedactSecret(logging.Filter):
    """Belt and braces: whatever a library logs, the token never reaches the output."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secrets = [secret, secret.partition(":")[2]] if ":" in secret else [secret]

    def _redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[token]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self._redact(record.getMessage()), None
        if record.exc_info and isinstance(record.exc_info[1], InvalidToken):
            record.exc_info = None   # the command line reports it in one clear line
        if record.exc_info:
            record.exc_text = self._redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def configure_logging(secret: str | None = None) -> None:
    """INFO for us, WARNING for httpx: its INFO lines contain request URLs, i.e. the token."""
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        level=logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    if secret:
        for handler in logging.getLogger().handlers:
            handler.addFilter(RedactSecret(secret))


async def open_service(config: Config, markup: Markup) -> tuple[Store, ChatService]:
    """The store over the SQLite file named by the configuration, and the chat service on it."""
    store = await Store.open(config.db_path)
    Engine.warm_up([language.locale for language in LANGUAGES])
    return store, ChatService(store, Engine(QMAS), markup)


async def purge_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Retention: forget users idle for longer than the configured number of days."""
    store: Store = context.bot_data["store"]
    flood: FloodGuard = context.bot_data["flood"]
    flood.forget_idle()
    days = context.job.data if context.job is not None else None
    assert isinstance(days, int)
    purged = await store.purge(timedelta(days=days))
    if purged:
        log.info("retention: purged %d idle users", purged)


def run_telegram(config: Config) -> None:
    """Poll (or serve the webhook) until interrupted; the store opens inside PTB's loop."""
    configure_logging(config.token)

    async def post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        store, service = await open_service(config, Html())
        application.bot_data["store"] = store
        application.bot_data["service"] = service
        await set_commands(application)
        assert application.job_queue is not None
        application.job_queue.run_repeating(purge_job, interval=timedelta(hours=6), first=30,
                                            data=config.retention_days)

    async def post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        store = application.bot_data.get("store")
        if isinstance(store, Store):
            await store.close()

    application = build_application(config, None)
    application.post_init = post_init
    application.post_shutdown = post_shutdown
    if config.webhook_url:
        application.run_webhook(listen="0.0.0.0", port=config.webhook_port,
                                webhook_url=config.webhook_url,
                                allowed_updates=Update.ALL_TYPES)
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)


async def run_terminal(config: Config, language: str | None) -> None:
    """The same conversation in the terminal, stored in the same kind of SQLite file."""
    store, service = await open_service(config, Plain())
    try:
        await TerminalChat(service, sys.stdin, sys.stdout, language).run()
    finally:
        await store.close()
