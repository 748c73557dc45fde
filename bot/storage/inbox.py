"""The inbox: every Telegram update is stored here before Telegram is told it was received.

Polling confirms a batch (by asking for the next one) and the webhook answers 200 only after
`accept` has committed it. An update's row goes through three states:
- received: id and body stored, `applied_at` NULL; replayed in full after a crash;
- applied: its changes committed (`Store.save` sets `applied_at` in the same transaction), the
  reply maybe not sent; after a crash its reply is sent again (`Intake.replay`), never its change;
- finished: handled and answered, the body (the user's message) deleted; the id row stays two
  days so that a redelivery is recognised.
Every statement runs on the `Store`'s aiosqlite connection (its worker thread), never on the loop,
and each operation in one hop to that thread (`Store.write`).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.storage.store import Store, StoreError, timestamp


@dataclass(frozen=True)
class DeadLetter:
    """An update that could not be read: kept as a count with its id, never its content."""

    update_id: int
    kinds: str         # its top-level field names, e.g. "message"
    error: str         # the exception's type


@dataclass(frozen=True)
class Unfinished:
    """An update stored but not finished when the process stopped."""

    body: str
    applied: bool      # its changes are committed: only its reply may be missing


class Inbox:
    """Updates stored before acknowledgement, finished once handled, replayed after a crash."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._failing = False    # the last intake write failed (`healthy`)
        self._finishing = asyncio.Lock()   # one delete of finished bodies at a time
        self._next: tuple[list[int], asyncio.Task[None]] | None = None   # ids waiting for it

    async def accept(self, updates: Sequence[tuple[int, str]],
                     unreadable: Sequence[DeadLetter] = ()) -> list[int]:
        """Store a batch of (update id, JSON body) and its unreadable updates in one
        transaction; return the ids seen for the first time (a redelivered update is stored,
        and dispatched, once)."""
        try:
            fresh = await self._accept(updates, unreadable)
        except BaseException:
            self._failing = True
            raise
        self._failing = False
        return fresh

    async def _accept(self, updates: Sequence[tuple[int, str]],
                      unreadable: Sequence[DeadLetter]) -> list[int]:
        if not self._store.same_file():   # deleted or replaced: acknowledging would lose them
            raise StoreError(f"{self._store.path}: the database file was deleted or replaced")
        now = timestamp()

        def store(db: sqlite3.Connection) -> list[int]:
            db.executemany("INSERT OR IGNORE INTO dead_letters (update_id, received_at, kinds, "
                           "error) VALUES (?, ?, ?, ?)",
                           [(d.update_id, now, d.kinds, d.error) for d in unreadable])
            known = {row[0] for row in db.execute(
                f"SELECT update_id FROM inbox WHERE update_id IN "
                f"({', '.join('?' * len(updates))})", [u for u, _ in updates])}
            fresh = {update_id: body for update_id, body in updates if update_id not in known}
            db.executemany("INSERT INTO inbox (update_id, received_at) VALUES (?, ?)",
                           [(update_id, now) for update_id in fresh])
            db.executemany("INSERT INTO inbox_bodies (update_id, body) VALUES (?, ?)",
                           fresh.items())
            return list(fresh)

        return await self._store.write(store)

    async def healthy(self) -> bool:
        """The health check: the last intake write succeeded, the database file is the one
        opened, and a write reaches the disk now."""
        return (not self._failing and self._store.same_file()
                and await self._store.durable_write())

    async def finish(self, update_id: int) -> None:
        """The update is handled and answered: forget its body. The updates finished while a
        delete runs wait for the next one together (one `executemany`, one hop), so under load
        a delete serves many updates and when idle none waits for another."""
        if self._next is None:
            ids: list[int] = []
            self._next = (ids, asyncio.get_running_loop().create_task(self._forget(ids)))
        ids, deleting = self._next
        ids.append(update_id)
        await asyncio.shield(deleting)

    async def _forget(self, ids: list[int]) -> None:
        async with self._finishing:
            self._next = None    # from now on, finished updates wait for the next delete
            await self._store.write(lambda db: db.executemany(
                "DELETE FROM inbox_bodies WHERE update_id = ?", [(i,) for i in ids]))

    async def unfinished(self) -> list[Unfinished]:
        """The updates stored but never finished, oldest first (replayed at start-up)."""
        async with self._store.reading() as db:
            rows = await db.execute_fetchall(
                "SELECT b.body, i.applied_at IS NOT NULL FROM inbox_bodies b "
                "JOIN inbox i USING (update_id) ORDER BY update_id")
        return [Unfinished(body, bool(applied)) for body, applied in rows]

    async def purge(self, older_than: timedelta) -> int:
        """Forget finished updates older than `older_than` (Telegram redelivers for 24 h)."""
        cutoff = (datetime.now(UTC) - older_than).isoformat(timespec="seconds")
        return await self._store.write(lambda db: db.execute(
            "DELETE FROM inbox WHERE received_at < ? AND update_id NOT IN "
            "(SELECT update_id FROM inbox_bodies)", (cutoff,)).rowcount)
