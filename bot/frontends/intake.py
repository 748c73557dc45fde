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
from typing import Any

from telegram import Bot, Update
from telegram.request import HTTPXRequest

from bot.storage.inbox import Inbox

log = logging.getLogger(__name__)


class Intake:
    """Store a batch of updates, then queue the ones never seen before for the application."""

    def __init__(self, inbox: Inbox, queue: asyncio.Queue[object], bot: Bot,
                 replayed: set[int]) -> None:
        self.inbox = inbox
        self.queue = queue
        self.bot = bot
        self.replayed = replayed

    async def receive(self, updates: Sequence[tuple[Update, str]]) -> None:
        """Commit (update, JSON body) pairs to the inbox; only then may Telegram be told."""
        fresh = set(await self.inbox.accept([(update.update_id, body)
                                             for update, body in updates]))
        for update, _ in updates:
            if update.update_id in fresh:
                self.queue.put_nowait(update)
            else:
                log.info("update %s was received before; not dispatched again", update.update_id)

    async def replay(self) -> int:
        """Queue every update stored but never finished (the process stopped mid-way)."""
        bodies = await self.inbox.undone()
        for body in bodies:
            update = Update.de_json(json.loads(body), self.bot)
            self.replayed.add(update.update_id)
            self.queue.put_nowait(update)
        if bodies:
            log.info("inbox: replaying %d update(s) received before the last stop", len(bodies))
        return len(bodies)


class RawUpdates(HTTPXRequest):
    """The HTTP client of `getUpdates`, keeping each update's JSON as Telegram sent it.

    The inbox stores that text; serialising PTB's `Update` objects back to JSON instead
    (`Update.to_json`) cost more CPU than the whole inbox transaction. PTB documents
    `parse_json_payload` as the place to hook into parsing.
    """

    def __init__(self) -> None:
        super().__init__(connection_pool_size=1)
        self.bodies: dict[int, str] = {}

    def parse_json_payload(self, payload: bytes) -> dict[str, Any]:  # type: ignore[override]
        data = super().parse_json_payload(payload)
        result = data.get("result")
        if isinstance(result, list):
            self.bodies = {item["update_id"]: json.dumps(item) for item in result
                           if isinstance(item, dict) and isinstance(item.get("update_id"), int)}
        return data

    def body(self, update: Update) -> str:
        """The JSON of an update just fetched (re-serialised only if it is somehow missing)."""
        return self.bodies.pop(update.update_id, None) or update.to_json()
