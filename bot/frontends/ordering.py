"""Updates processed in order per user, different users concurrently (a PTB update processor)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.frontends.intake import Unreplied

log = logging.getLogger(__name__)


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
