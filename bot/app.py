"""Wiring: storage, engine and chat service assembled for the Telegram bot or the terminal."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import cast

from bot.chat.service import ChatService
from bot.common.markup import Html, Markup, Plain
from bot.config import Config
from bot.engine.engine import Engine
from bot.frontends.intake import Intake
from bot.frontends.ordering import PerUserOrder
from bot.frontends.polling import Polling
from bot.frontends.telegram import App, Context, build_application, set_commands
from bot.frontends.terminal import TerminalChat
from bot.frontends.web import Shared, WebChat
from bot.frontends.webhook import Webhook
from bot.i18n.languages import LANGUAGES
from bot.logs import configure_logging
from bot.looplag import watch_loop_lag
from bot.reminders import applied
from bot.reminders.sender import register_job
from bot.report.pdf import PdfPrinter
from bot.storage.inbox import Inbox
from bot.storage.store import Store
from conversations.qmas import QMAS

log = logging.getLogger(__name__)
INBOX_KEEP = timedelta(days=2)   # Telegram redelivers an update for 24 hours at most
WEB_PORT = 8080                  # the web chat's port when QMAS_WEB_PORT is not set
PURGE_EVERY = timedelta(hours=6)
CANCEL_GRACE = 1.0               # seconds for cancelled updates to unwind at shutdown


async def open_service(config: Config, markup: Markup, *, reminders: bool,
                       numbered: bool = False) -> tuple[Store, ChatService]:
    """The store over the SQLite file named by the configuration, and the chat service on it.

    `reminders` only where the front end can reach users later (Telegram, not the terminal);
    `numbered` where choices are typed by number (the terminal).
    """
    store = await Store.open(config.db_path)
    Engine.warm_up([language.locale for language in LANGUAGES])
    return store, chat_service(config, store, markup, reminders=reminders, numbered=numbered)


def chat_service(config: Config, store: Store, markup: Markup, *,
                 reminders: bool, numbered: bool = False) -> ChatService:
    """The conversation for one front end over the shared store."""
    return ChatService(store, Engine(QMAS), markup, retention_days=config.retention_days,
                       reminders=reminders, numbered=numbered, pdf=PdfPrinter.find())


def web_chat(config: Config, service: ChatService,
             healthy: Callable[[], Awaitable[bool]]) -> WebChat:
    """The web chat: same limits and retention as Telegram; its service has no reminders (a
    browser cannot be written to later; the page links to Telegram for them)."""
    shared = Shared(service,
                    flood_limit=config.flood_limit, flood_window=config.flood_window,
                    retention_days=config.retention_days, telegram_link=config.telegram_link,
                    healthy=healthy)
    return WebChat(shared, listen=config.web_listen, port=config.web_port or WEB_PORT,
                   proxied=config.web_proxied)


async def purge_job(context: Context) -> None:
    """Retention: forget users idle for longer than the configured number of days."""
    data = context.bot_data
    data.flood.forget_idle()
    purged = await data.store.purge(timedelta(days=data.config.retention_days))
    await data.inbox.purge(INBOX_KEEP)
    if purged:
        log.info("retention: purged %d idle users", purged)


async def post_init(application: App) -> None:
    """After the bot is known to Telegram: the command menus, the retention, reminder and
    "did you apply?" jobs (the first runs, minutes after start, catch up what fell due while
    down)."""
    await set_commands(application)
    assert application.job_queue is not None
    application.job_queue.run_repeating(purge_job, interval=timedelta(hours=6), first=30)
    store = application.bot_data.store
    register_job(application.job_queue, lambda: store)
    applied.register_job(application.job_queue, lambda: store)


async def post_shutdown(application: App) -> None:
    """Close the database (every write is committed already)."""
    await application.bot_data.store.close()


def telegram_app(config: Config, store: Store, service: ChatService, inbox: Inbox) -> App:
    """The production application around an open store, service and inbox."""
    return build_application(config, store, service, inbox, post_init=post_init,
                             post_shutdown=post_shutdown)


@contextlib.asynccontextmanager
async def running(application: App, fail: Callable[[str], None]
                  ) -> AsyncIterator[Polling | Webhook]:
    """A running bot, in the order of PTB's `run_polling`, with the inbox in front, and the web
    chat beside it when `QMAS_WEB_PORT` is set; `fail` is told when it must stop (another
    instance polling with the same token).

    Start: initialise, `post_init`, replay the inbox, start the application, start fetching
    (and serving the web chat).
    Stop: stop the web chat and fetching, let the application finish the updates in hand for at
    most the configured grace (`stop_within`), shut down, `post_shutdown` (which closes the
    database).
    """
    data = application.bot_data
    config = data.config
    intake = Intake(data.inbox, application.update_queue, application.bot)
    web = web_chat(config, chat_service(config, data.store, Html(), reminders=False),
                   data.inbox.healthy) if config.web_port else None

    async def healthy() -> bool:
        """The database takes durable writes, and the web chat (if any) answers."""
        return await data.inbox.healthy() and (web is None or await web.alive())

    source: Polling | Webhook
    if config.webhook_url and config.webhook_secret:
        source = Webhook(application.bot, intake, url=config.webhook_url,
                         secret=config.webhook_secret, listen=config.webhook_listen,
                         port=config.webhook_port, healthy=healthy)
    else:
        source = Polling(application.bot, intake, data.updates,
                         conflict_grace=config.conflict_grace, fail=fail)
    try:
        await application.initialize()
        if application.post_init is not None:
            await application.post_init(application)
        await intake.replay()
        await application.start()
        try:
            await source.start()
            if web is not None:
                await web.start()
            yield source
        finally:
            if web is not None:
                await web.stop()
            await source.stop()
            await stop_within(application, config.shutdown_grace)
    finally:
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


async def stop_within(application: App, grace: float) -> None:
    """`Application.stop`, which waits for every update in hand, for at most `grace` seconds
    (Docker kills at 10); then the unfinished ones are cancelled and stay in the inbox, to be
    replayed at the next start."""
    stopping = asyncio.ensure_future(application.stop())
    if (await asyncio.wait({stopping}, timeout=grace))[0]:
        return await stopping
    processor = cast(PerUserOrder, application.update_processor)
    unfinished = processor.cancel_all()
    log.warning("stopping: %d update(s) not finished within %g s stay in the inbox for the next "
                "start", unfinished, grace)
    if not (await asyncio.wait({stopping}, timeout=CANCEL_GRACE))[0]:
        log.warning("stopping: a job is still running; closing anyway")


def _stop_on_signals() -> asyncio.Event:
    """An event set by SIGTERM or SIGINT."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def serve(config: Config) -> int:
    """Run until SIGTERM or SIGINT, then stop gracefully (see `running`): 0. If polling or the
    webhook server dies unexpectedly, or the bot must not go on (another instance polls with
    the same token), stop the same way and return 1, so that the supervisor restarts it."""
    store, service = await open_service(config, Html(), reminders=True)
    application = telegram_app(config, store, service, Inbox(store))
    stop = _stop_on_signals()
    failures: list[str] = []

    def fail(reason: str) -> None:
        failures.append(reason)
        stop.set()

    loop = asyncio.get_running_loop()
    lag = loop.create_task(watch_loop_lag(), name="loop lag")
    died: BaseException | None = None
    try:
        async with running(application, fail) as source:
            log.info("bot running (%s)", "webhook" if config.webhook_url else "polling")
            stopped = loop.create_task(stop.wait())
            await asyncio.wait({stopped, *source.tasks}, return_when=asyncio.FIRST_COMPLETED)
            stopped.cancel()
            for task in source.tasks:
                if task.done() and not task.cancelled():
                    died = task.exception() or RuntimeError("it returned")
            if died is not None:
                log.critical("%s stopped unexpectedly (%s); exiting with status 1 so that the "
                             "supervisor restarts the bot", source.name, type(died).__name__)
            else:
                log.info("stopping: no more fetching; finishing the updates already received")
    finally:
        lag.cancel()
    log.info("stopped; database closed")
    return 1 if died is not None or failures else 0


async def serve_web(config: Config) -> None:
    """The web chat alone until SIGTERM or SIGINT, with the retention purge every 6 hours."""
    store, service = await open_service(config, Html(), reminders=False)
    inbox = Inbox(store)     # only for the health check's durable write
    web = web_chat(config, service, inbox.healthy)
    stop = _stop_on_signals()
    await web.start()
    try:
        while not stop.is_set():
            purged = await store.purge(timedelta(days=config.retention_days))
            if purged:
                log.info("retention: purged %d idle users", purged)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), PURGE_EVERY.total_seconds())
    finally:
        await web.stop()
        await store.close()
    log.info("stopped; database closed")


def run_web(config: Config) -> None:
    """Serve the web chat until stopped."""
    configure_logging(config.token, config.log_format)
    asyncio.run(serve_web(config))


def run_telegram(config: Config) -> int:
    """Poll (or serve the webhook) until stopped; the store opens inside the event loop.
    The exit status: 0 after SIGTERM or SIGINT, 1 when fetching died."""
    configure_logging(config.token, config.log_format)
    return asyncio.run(serve(config))


async def run_terminal(config: Config, language: str | None) -> None:
    """The same conversation in the terminal, stored in the same kind of SQLite file."""
    store, service = await open_service(config, Plain(), reminders=False, numbered=True)
    try:
        await TerminalChat(service, sys.stdin, sys.stdout, language).run()
    finally:
        await store.close()
