"""Long polling that confirms a batch to Telegram only after it is stored in the inbox.

PTB's own `Updater` asks for the next batch (which confirms the previous one) before the
application has handled it; this loop asks only once `Intake.receive` has committed the batch.
Telegram answers 409 Conflict when another process polls with the same token; if that goes on
for longer than a grace period (a deploy's overlap is shorter), the bot must stop (`fail`):
two instances would split every conversation between them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from telegram import Bot
from telegram.error import Conflict, RetryAfter, TelegramError, TimedOut

from bot.frontends.intake import Intake, RawUpdates
from bot.frontends.telegram import ALLOWED_UPDATES

log = logging.getLogger(__name__)
POLL_SECONDS = 10        # Telegram holds a getUpdates open this long when there is nothing
FIRST_BACKOFF = 1.0     # seconds after a failed getUpdates, doubled while it fails
MAX_BACKOFF = 30.0
CONFLICT_PAUSE = 1.0     # seconds between two polls while another instance polls too
ANOTHER_INSTANCE = "another instance is polling with this token"


class Polling:
    """getUpdates → inbox → application queue, until `stop`."""

    name = "polling"

    def __init__(self, bot: Bot, intake: Intake, raw: RawUpdates, *, conflict_grace: float,
                 fail: Callable[[str], None], poll_seconds: int = POLL_SECONDS) -> None:
        self.bot = bot
        self.intake = intake
        self.raw = raw
        self.poll_seconds = poll_seconds
        self.conflict_grace = conflict_grace
        self.fail = fail
        self._conflicts: tuple[float, float] | None = None   # first and last 409 of a spell
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._fetch: asyncio.Task[Any] | None = None

    async def start(self) -> None:
        """Leave webhook mode (if the bot was in it) and start fetching."""
        await self.bot.delete_webhook(drop_pending_updates=False)
        self._task = asyncio.get_running_loop().create_task(self._poll(), name="polling")

    @property
    def tasks(self) -> tuple[asyncio.Task[None], ...]:
        """The polling task: if it ends before `stop`, the bot no longer fetches anything."""
        return (self._task,) if self._task is not None else ()

    async def _poll(self) -> None:
        offset = 0
        backoff = FIRST_BACKOFF
        while not self._stopping.is_set():
            self._fetch = asyncio.get_running_loop().create_task(self.bot.get_updates(
                offset=offset, timeout=self.poll_seconds, allowed_updates=ALLOWED_UPDATES))
            try:
                await self._fetch           # PTB gets no update: `self.raw` has them
            except asyncio.CancelledError:
                if self._stopping.is_set():
                    return        # `stop` ended the long poll: nothing was handed over
                raise
            except TimedOut:
                continue          # a long poll that outlived its read timeout: ask again
            except RetryAfter as exc:
                await self._pause(_seconds(exc.retry_after))
                continue
            except Conflict:
                if self._another_instance():
                    return
                await self._pause(CONFLICT_PAUSE)
                continue
            except TelegramError as exc:
                log.warning("getUpdates failed (%s); retrying in %.0f s", exc, backoff)
                await self._pause(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)
                continue
            backoff = FIRST_BACKOFF
            batch = self.raw.take()   # parsed update by update (`RawUpdates`)
            if batch.last_id is None:
                continue
            try:   # never interrupted by `stop`: what was fetched is stored and dispatched
                await self.intake.receive(batch.updates, batch.unreadable)
            except Exception as exc:   # e.g. disk full: not confirmed, so Telegram keeps them
                log.error("inbox: cannot store %d update(s) (%s); asking again",
                          len(batch.updates) + len(batch.unreadable), type(exc).__name__)
                await self._pause(MAX_BACKOFF / 10)
                continue
            offset = batch.last_id + 1   # the next call confirms this batch

    def _another_instance(self) -> bool:
        """A 409: True (after telling `fail`) once 409s have kept coming for the grace period.
        While the other process polls, it cuts each of our long polls short, so a gap longer
        than one long poll (and the pause after a 409) means it is gone: a new spell."""
        now = asyncio.get_running_loop().time()
        gone = self.poll_seconds + 2 * CONFLICT_PAUSE
        first = now if self._conflicts is None or now - self._conflicts[1] > gone \
            else self._conflicts[0]
        self._conflicts = (first, now)
        if now - first < self.conflict_grace:
            log.warning("getUpdates: 409 Conflict, %s; stopping if it goes on for %.0f s",
                        ANOTHER_INSTANCE, self.conflict_grace)
            return False
        log.error("getUpdates: %s (409 Conflict for %.0f s); stopping: run one process per "
                  "token", ANOTHER_INSTANCE, now - first)
        self.fail(ANOTHER_INSTANCE)
        return True

    async def _pause(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    async def stop(self) -> None:
        """Stop fetching once the batch in hand (if any) is dispatched.

        A long poll cut off here handed nothing over; a batch stored but not yet confirmed is
        sent again by Telegram at the next start, and the inbox recognises it.
        """
        self._stopping.set()
        if self._fetch is not None:
            self._fetch.cancel()
        if self._task is not None and not self._task.done():   # a dead one: see `serve`
            await self._task


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
