"""Run the real bot (PTB polling over HTTP) against the fake Bot API with a real SQLite file."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.app import running, telegram_app
from bot.chat.service import ChatService
from bot.common.markup import Html
from bot.config import Config
from bot.engine.engine import Engine
from bot.frontends.telegram import App
from bot.i18n.languages import LANGUAGES
from bot.storage.inbox import DeadLetter, Inbox
from bot.storage.store import Store
from conversations.qmas import QMAS
from tests.support.fake_telegram import DEFAULT_TOKEN, FakeTelegram


@contextlib.asynccontextmanager
async def polling(app: Application[Any, Any, Any, Any, Any, Any]) -> AsyncIterator[None]:
    """Run a plain PTB app with PTB's own long polling (the fake server's own tests)."""
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=10)
        try:
            yield
        finally:
            await app.updater.stop()
            await app.stop()


class ReportingInbox(Inbox):
    """The bot's inbox, telling the fake server which updates it took in and when each is
    finished (or was a repeat or unreadable, never dispatched), so that tests wait for that
    instead of for silence."""

    def __init__(self, store: Store, tg: FakeTelegram) -> None:
        super().__init__(store)
        self.tg = tg
        tg.track_handling = True

    async def accept(self, updates: Sequence[tuple[int, str]],
                     unreadable: Sequence[DeadLetter] = ()) -> list[int]:
        fresh = await super().accept(updates, unreadable)
        for update_id in fresh:
            self.tg.accepted(update_id)
        for update_id in [u for u, _ in updates if u not in fresh] + [
                d.update_id for d in unreadable]:
            self.tg.handled(update_id)
        return fresh

    async def finish(self, update_id: int) -> None:
        await super().finish(update_id)
        self.tg.handled(update_id)


@dataclass
class RunningBot:
    tg: FakeTelegram
    store: Store
    db_path: Path
    app: App


def bot_config(tg: FakeTelegram, db_path: Path, **overrides: Any) -> Config:
    """The production configuration, pointed at the fake server (over HTTP when it serves).

    Test users answer far faster than people, so the flood limit is raised (the flood tests set
    their own) and PTB's rate limiter, which paces sending to Telegram's real limits, is off.
    """
    api_url = tg.api_url if tg.serving else None
    config = Config(token=DEFAULT_TOKEN, api_url=api_url, db_path=db_path,
                    admin_ids=frozenset(), webhook_url=None, webhook_port=8443, rate_limit=False,
                    flood_limit=10_000)
    return dataclasses.replace(config, **overrides)


@contextlib.asynccontextmanager
async def running_bot(db_path: Path, today: date | None = None,
                      **config: Any) -> AsyncIterator[RunningBot]:
    """The fake Telegram server and the real bot polling it, with the store at `db_path`."""
    Engine.warm_up([language.locale for language in LANGUAGES])
    async with FakeTelegram(DEFAULT_TOKEN, seed=11) as tg:
        store = await Store.open(db_path)
        service = ChatService(store, Engine(QMAS), Html(),
                              today=(lambda: today) if today else date.today)
        app = telegram_app(bot_config(tg, db_path, **config), store, service,
                           ReportingInbox(store, tg))
        failures: list[str] = []
        async with running(app, failures.append):   # as in production: polling, the inbox
            yield RunningBot(tg, store, db_path, app)
        assert failures == []
