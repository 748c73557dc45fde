"""Wiring: storage, engine and chat service assembled for the Telegram bot or the terminal."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import AsyncIterator
from datetime import timedelta

from bot.chat.service import ChatService
from bot.config import Config
from bot.engine.engine import Engine
from bot.frontends.intake import Intake
from bot.frontends.polling import Polling
from bot.frontends.telegram import App, Context, build_application, set_commands
from bot.frontends.terminal import TerminalChat
from bot.frontends.webhook import Webhook
from bot.i18n.languages import LANGUAGES
from bot.logs import configure_logging
from bot.reminders.sender import register_job
from bot.report.markup import Html, Markup, Plain
from bot.storage.inbox import Inbox
from bot.storage.store import Store
from conversations.qmas import QMAS

log = logging.getLogger(__name__)
INBOX_KEEP = timedelta(days=2)   # Telegram redelivers an update for 24 hours at most


async def open_service(config: Config, markup: Markup, *, reminders: bool,
                       numbered: bool = False) -> tuple[Store, ChatService]:
    """The store over the SQLite file named by the configuration, and the chat service on it.

    `reminders` only where the front end can reach users later (Telegram, not the terminal);
    `numbered` where choices are typed by number (the terminal).
    """
    store = await Store.open(config.db_path)
    Engine.warm_up([language.locale for language in LANGUAGES])
    return store, ChatService(store, Engine(QMAS), markup, retention_days=config.retention_days,
                              reminders=reminders, numbered=numbered)


async def purge_job(context: Context) -> None:
    """Retention: forget users idle for longer than the configured number of days."""
    data = context.bot_data
    data.flood.forget_idle()
    purged = await data.store.purge(timedelta(days=data.config.retention_days))
    await data.inbox.purge(INBOX_KEEP)
    if purged:
        log.info("retention: purged %d idle users", purged)


async def post_init(application: App) -> None:
    """After the bot is known to Telegram: the command menus, the retention and reminder jobs
    (the first reminder run, a minute after start, catches up what fell due while down)."""
    await set_commands(application)
    assert application.job_queue is not None
    application.job_queue.run_repeating(purge_job, interval=timedelta(hours=6), first=30)
    store = application.bot_data.store
    register_job(application.job_queue, lambda: store)


async def post_shutdown(application: App) -> None:
    """Write the last done marks of the inbox, then close the database."""
    await application.bot_data.inbox.close()
    await application.bot_data.store.close()


def telegram_app(config: Config, store: Store, service: ChatService, inbox: Inbox) -> App:
    """The production application around an open store, service and inbox."""
    return build_application(config, store, service, inbox, post_init=post_init,
                             post_shutdown=post_shutdown)


@contextlib.asynccontextmanager
async def running(application: App) -> AsyncIterator[None]:
    """A running bot, in the order of PTB's `run_polling`, with the inbox in front.

    Start: initialise, `post_init`, replay the inbox, start the application, start fetching.
    Stop: stop fetching, let the application finish every update already fetched, shut down,
    `post_shutdown` (which closes the database).
    """
    data = application.bot_data
    config = data.config
    intake = Intake(data.inbox, application.update_queue, application.bot, data.replayed)
    source: Polling | Webhook
    if config.webhook_url and config.webhook_secret:
        source = Webhook(application.bot, intake, url=config.webhook_url,
                         secret=config.webhook_secret, listen=config.webhook_listen,
                         port=config.webhook_port, healthy=data.inbox.writable)
    else:
        source = Polling(application.bot, intake, data.updates)
    try:
        await application.initialize()
        if application.post_init is not None:
            await application.post_init(application)
        await intake.replay()
        await application.start()
        try:
            await source.start()
            yield
        finally:
            await source.stop()
            await application.stop()
    finally:
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


async def serve(config: Config) -> None:
    """Run until SIGTERM or SIGINT, then stop gracefully (see `running`)."""
    store, service = await open_service(config, Html(), reminders=True)
    application = telegram_app(config, store, service, await Inbox.open(config.db_path))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with running(application):
        log.info("bot running (%s)", "webhook" if config.webhook_url else "polling")
        await stop.wait()
        log.info("stopping: no more fetching; finishing the updates already received")
    log.info("stopped; database closed")


def run_telegram(config: Config) -> None:
    """Poll (or serve the webhook) until stopped; the store opens inside the event loop."""
    configure_logging(config.token, config.log_format)
    asyncio.run(serve(config))


async def run_terminal(config: Config, language: str | None) -> None:
    """The same conversation in the terminal, stored in the same kind of SQLite file."""
    store, service = await open_service(config, Plain(), reminders=False, numbered=True)
    try:
        await TerminalChat(service, sys.stdin, sys.stdout, language).run()
    finally:
        await store.close()
