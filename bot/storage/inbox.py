"""The inbox: every Telegram update is stored here before Telegram is told it was received.

Polling confirms a batch (by asking for the next one) and the webhook answers 200 only after
`accept` has committed it, so an update the process had fetched but not handled when it died is
still here, and `undone` hands it back at the next start. Each update id is accepted once: a
redelivered update is recognised and not dispatched again. A handled update keeps only its id
and times (its body, which holds the user's message, is deleted), so /delete leaves nothing here.

One plain `sqlite3` connection to the bot's own database file. Each write is one transaction
(a `getUpdates` batch plus the done marks collected since the last one), run on the event loop
when the database is free and on a worker thread when another connection holds the lock.
"""

from __future__ import annotations

import asyncio
import functools
import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from bot.storage.store import timestamp

R = TypeVar("R")
BUSY_MS = 10_000        # wait this long for the other connection's write to finish
HEALTH_BUSY_MS = 1_000  # the health check answers "not writable" sooner than that
FLUSH_AFTER = 0.05      # seconds a done mark may wait for the next batch's transaction


class Inbox:
    """Updates stored before acknowledgement, marked done once handled, replayed after a crash."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inbox")
        self._queued = 0        # operations handed to the thread and not yet finished
        self._done: list[int] = []
        self._flushing: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, path: str | Path) -> Inbox:
        """Connect to a database that `Store.open` has already created and migrated."""
        def connect() -> sqlite3.Connection:
            db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA busy_timeout=0")       # see `_write`
            db.execute("PRAGMA synchronous=NORMAL")   # WAL: a commit survives a process crash
            db.execute("PRAGMA wal_autocheckpoint=0")  # checkpoints: the store's connection
            return db
        return cls(await asyncio.to_thread(connect))

    async def _in_thread(self, work: Callable[[sqlite3.Connection], R]) -> R:
        self._queued += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._thread, work, self._db)
        finally:
            self._queued -= 1

    async def _write(self, work: Callable[[sqlite3.Connection], R]) -> R:
        """`work` plus the pending done marks, committed together or not at all.

        A short transaction runs right here on the event loop when the database is free (a
        hop to a thread costs more CPU than the transaction); if another connection holds the
        write lock it goes to the worker thread, which waits for the lock without blocking.
        """
        done, self._done = self._done, []
        try:
            if not self._queued:
                try:
                    return _commit(self._db, work, done)
                except sqlite3.OperationalError as exc:
                    if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY:
                        raise
            return await self._in_thread(functools.partial(_patiently, work=work, done=done))
        except BaseException:
            self._done.extend(done)   # not recorded: try again with the next transaction
            raise

    async def accept(self, updates: Sequence[tuple[int, str]]) -> list[int]:
        """Store a batch of (update id, JSON body); return the ids seen for the first time."""
        now = timestamp()

        def insert(db: sqlite3.Connection) -> list[int]:
            fresh = []
            for update_id, body in updates:
                cursor = db.execute("INSERT OR IGNORE INTO inbox (update_id, received_at) "
                                    "VALUES (?, ?)", (update_id, now))
                if cursor.rowcount:
                    db.execute("INSERT INTO inbox_bodies (update_id, body) VALUES (?, ?)",
                               (update_id, body))
                    fresh.append(update_id)
            return fresh
        return await self._write(insert)

    def done(self, update_id: int) -> None:
        """Mark an update handled: written with the next batch, or after `FLUSH_AFTER` at the
        latest (under load the next batch comes first, which saves a transaction per update)."""
        self._done.append(update_id)
        if self._flushing is None:
            self._flushing = asyncio.get_running_loop().create_task(self._flush_soon())

    async def _flush_soon(self) -> None:
        try:
            await asyncio.sleep(FLUSH_AFTER)
            while self._done:
                await self._write(lambda db: None)
        finally:
            self._flushing = None

    async def flush(self) -> None:
        """Write every done mark now (at shutdown)."""
        if self._flushing is not None:
            await self._flushing
        if self._done:
            await self._write(lambda db: None)

    async def undone(self) -> list[str]:
        """The bodies of updates stored but never handled, oldest first (replayed at start-up)."""
        def select(db: sqlite3.Connection) -> list[str]:
            return [row[0] for row in db.execute(
                "SELECT body FROM inbox_bodies ORDER BY update_id")]
        return await self._in_thread(select)

    async def purge(self, older_than: timedelta) -> int:
        """Forget handled updates older than `older_than` (Telegram redelivers for 24 h at most)."""
        cutoff = (datetime.now(UTC) - older_than).isoformat(timespec="seconds")
        return await self._write(lambda db: db.execute(
            "DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < ?", (cutoff,)).rowcount)

    async def writable(self) -> bool:
        """Whether the database file takes a write now (the health check); nothing is kept."""
        def probe(db: sqlite3.Connection) -> bool:
            db.execute(f"PRAGMA busy_timeout={HEALTH_BUSY_MS}")
            try:
                db.execute("BEGIN IMMEDIATE")
                db.execute("INSERT OR REPLACE INTO inbox (update_id, received_at) VALUES (-1, '')")
                db.execute("ROLLBACK")
                return True
            except sqlite3.Error:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                return False
            finally:
                db.execute("PRAGMA busy_timeout=0")
        return await self._in_thread(probe)

    async def close(self) -> None:
        """Write the last done marks and close the connection."""
        await self.flush()
        await self._in_thread(lambda db: db.close())
        self._thread.shutdown(wait=True)


def _commit(db: sqlite3.Connection, work: Callable[[sqlite3.Connection], R],
            done: Sequence[int]) -> R:
    """One transaction: `work`, then the done marks (their bodies deleted)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        result = work(db)
        if done:
            now = timestamp()
            db.executemany("UPDATE inbox SET done_at = ? WHERE update_id = ?",
                           [(now, update_id) for update_id in done])
            db.executemany("DELETE FROM inbox_bodies WHERE update_id = ?",
                           [(update_id,) for update_id in done])
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return result


def _patiently(db: sqlite3.Connection, *, work: Callable[[sqlite3.Connection], R],
               done: Sequence[int]) -> R:
    """`_commit` on the worker thread, waiting up to `BUSY_MS` for the write lock."""
    db.execute(f"PRAGMA busy_timeout={BUSY_MS}")
    try:
        return _commit(db, work, done)
    finally:
        db.execute("PRAGMA busy_timeout=0")
