"""The real PTB application and handlers with no socket: updates go to `Application.
process_update` one by one, and the bot's Bot API calls are answered in process by the fake
server's own methods and checks (PTB's `OfflineRequest` idea).

Tests here drive `FakeUser`s exactly as over HTTP (`send_and_wait`, `press_and_wait`): the
feeder reports each update finished, so a wait ends when its update is handled. What needs
HTTP (polling, faults, redelivery, the inbox, SIGKILL) stays on `bot_harness.running_bot`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

from telegram import Update
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from bot.chat.service import ChatService
from bot.common.markup import Html
from bot.engine.engine import Engine
from bot.frontends import telegram as frontend
from bot.frontends.telegram import App, build_application
from bot.i18n.languages import LANGUAGES
from bot.storage.inbox import Inbox
from bot.storage.store import Store
from conversations.qmas import QMAS
from tests.support.bot_harness import RunningBot, bot_config
from tests.support.fake_telegram import DEFAULT_TOKEN, JSON, FakeTelegram, UploadedFile


class OfflineRequest(BaseRequest):
    """PTB's network layer, answered by `FakeTelegram.offline_call` instead of a socket."""

    def __init__(self, tg: FakeTelegram) -> None:
        self.tg = tg

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE
                         ) -> tuple[int, bytes]:
        params: JSON = dict(request_data.parameters) if request_data else {}
        for name, (filename, content, mime) in (
                request_data.multipart_data if request_data else {}).items():
            data = content if isinstance(content, bytes) else content.read()
            params[name] = UploadedFile(filename, mime, data)
        return await self.tg.offline_call(url.rpartition("/")[2], params)


async def _feed(app: App, tg: FakeTelegram) -> None:
    """getUpdates → handlers, in order, each update reported finished to the fake server."""
    offset = 0
    while True:
        for raw in await tg.take_updates(offset):
            offset = int(raw["update_id"]) + 1
            tg.accepted(offset - 1)
            try:
                await app.process_update(Update.de_json(raw, app.bot))
            finally:
                tg.handled(offset - 1)


@contextlib.asynccontextmanager
async def offline_bot(db_path: Path, today: date | None = None,
                      **config: Any) -> AsyncIterator[RunningBot]:
    """The bot's PTB application with every handler and a real store, fed without sockets."""
    Engine.warm_up([language.locale for language in LANGUAGES])
    tg = FakeTelegram(DEFAULT_TOKEN, seed=11)
    await tg.start_offline()
    tg.track_handling = True
    store = await Store.open(db_path)
    service = ChatService(store, Engine(QMAS), Html(),
                          today=(lambda: today) if today else date.today)
    settings = bot_config(tg, db_path, **config)
    with mock.patch.object(frontend, "TrackedRequest", lambda **_: OfflineRequest(tg)):
        app = build_application(settings, store, service, Inbox(store))
    async with app:
        feeder = asyncio.get_running_loop().create_task(_feed(app, tg), name="feeder")
        try:
            yield RunningBot(tg, store, db_path, app)
        finally:
            feeder.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await feeder
            await store.close()
            await tg.stop()
