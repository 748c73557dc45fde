"""The one way updates enter the application: stored in the inbox first, then dispatched.

Polling, the webhook and the replay at start-up all go through `Intake`, so "stored before
acknowledged" and "each update dispatched once" hold in one place. The application's update
processor (`PerUserOrder`) tells the inbox when each update is finished.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from telegram import Bot, Update

from bot.botapi import BotApiRequest
from bot.storage.inbox import DeadLetter, Inbox

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Unreplied:
    """An update whose changes were committed before the process stopped, but whose reply may
    not have gone out: the application shows the user where they stand, changing nothing."""

    update: Update


class Intake:
    """Store a batch of updates, then queue the ones never seen before for the application."""

    def __init__(self, inbox: Inbox, queue: asyncio.Queue[object], bot: Bot) -> None:
        self.inbox = inbox
        self.queue = queue
        self.bot = bot

    async def receive(self, updates: Sequence[tuple[Update, str]],
                      unreadable: Sequence[DeadLetter] = ()) -> None:
        """Commit (update, JSON body) pairs and the unreadable updates to the inbox; only then
        may Telegram be told."""
        fresh = set(await self.inbox.accept([(update.update_id, body)
                                             for update, body in updates], unreadable))
        if unreadable:
            log.error("inbox: %d update(s) could not be read and were set aside (ids %s, "
                      "fields %s): see the dead_letters table", len(unreadable),
                      [d.update_id for d in unreadable], sorted({d.kinds for d in unreadable}))
        for update, _ in updates:
            if update.update_id in fresh:
                self.queue.put_nowait(update)
            else:
                log.info("update %s was received before; not dispatched again", update.update_id)

    async def replay(self) -> int:
        """Queue every update stored but never finished (the process stopped mid-way): one not
        yet applied as it came, one applied as `Unreplied` (its reply only)."""
        unfinished = await self.inbox.unfinished()
        for item in unfinished:
            update = Update.de_json(json.loads(item.body), self.bot)
            self.queue.put_nowait(Unreplied(update) if item.applied else update)
        if unfinished:
            log.info("inbox: replaying %d update(s) received before the last stop",
                     len(unfinished))
        return len(unfinished)


class RawUpdates(BotApiRequest):
    """The HTTP client of `getUpdates`, reading a batch update by update.

    PTB parses a whole batch at once: one update it cannot read (a field Telegram added, say)
    fails the batch for good and logs every user's message in it. Here each update is parsed
    alone, with the bot, as it arrives: a readable one is kept with its JSON as Telegram sent
    it (the inbox stores that text), an unreadable one is set aside as a `DeadLetter` (ids and
    field names only), and PTB itself is handed an empty list. PTB documents
    `parse_json_payload` as the place to hook into parsing.
    """

    def __init__(self) -> None:
        super().__init__(connection_pool_size=1)
        self.bot: Bot | None = None    # set once the application (and so its bot) is built
        self._batch: Batch = Batch()

    def parse_json_payload(self, payload: bytes) -> dict[str, Any]:  # type: ignore[override]
        data = super().parse_json_payload(payload)
        result = data.get("result")
        if isinstance(result, list):
            self._batch = read_batch(result, self.bot)
            data["result"] = []
        return data

    def take(self) -> Batch:
        """The batch of the last `getUpdates`, once."""
        batch, self._batch = self._batch, Batch()
        return batch


@dataclass(frozen=True)
class Batch:
    """What one `getUpdates` brought: (update, JSON) pairs, and what could not be read."""

    updates: tuple[tuple[Update, str], ...] = ()
    unreadable: tuple[DeadLetter, ...] = ()

    @property
    def last_id(self) -> int | None:
        """The highest update id in the batch (the next offset confirms up to it)."""
        ids = [u.update_id for u, _ in self.updates] + [d.update_id for d in self.unreadable]
        return max(ids, default=None)


def read_batch(items: list[Any], bot: Bot | None) -> Batch:
    """Parse each update alone; one that fails is a dead letter, never a failed batch."""
    updates: list[tuple[Update, str]] = []
    unreadable: list[DeadLetter] = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("update_id"), int):
            log.error("getUpdates: an item without an update id was ignored")
            continue
        try:
            updates.append((Update.de_json(item, bot), json.dumps(item)))
        except Exception as exc:   # whatever PTB fails on: set aside, the batch goes on
            unreadable.append(dead_letter(item, exc))
    return Batch(tuple(updates), tuple(unreadable))


def dead_letter(item: dict[str, Any], error: Exception) -> DeadLetter:
    """An update that cannot be read, reduced to what says nothing about anyone."""
    kinds = ",".join(sorted(key for key in item if key != "update_id"))
    return DeadLetter(item["update_id"], kinds[:200], type(error).__name__)
