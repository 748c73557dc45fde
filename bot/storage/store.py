"""The aiosqlite store: every answer is committed before the bot replies to it.

A turn reads with `load` (no write) and, when it changed something, writes everything with one
`save`: one explicit transaction (`BEGIN IMMEDIATE`, the named-column statements of
`bot.storage.writes`, `COMMIT`, rolled back on error), which also marks the update as applied.
Every round trip to aiosqlite's worker thread costs more CPU than the SQL, so an operation of
several statements runs as one function on that thread (`write`): one hop. The connection is in
autocommit mode; transactions are opened explicitly. Questionnaire states travel as JSON:
storage knows nothing of the engine.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

import aiosqlite

from bot.storage.schema import MIGRATIONS, SCHEMA_VERSION
from bot.storage.tallies import forget_results
from bot.storage.writes import Write, mark_applied, save_turn

log = logging.getLogger(__name__)
JSON = dict[str, Any]
BUSY_MS = 5_000          # a write waits this long for another connection's (sqlite3's default)
HEALTH_BUSY_MS = 1_000   # the health check answers "not writable" sooner than that


class StoreError(RuntimeError):
    """The database cannot be used (newer schema, not ours, corrupt): refuse, never overwrite."""


@dataclass(frozen=True)
class UserRecord:
    user_key: str
    language: str | None
    campaign: str | None
    asked_birth_month: bool = False   # their next typed message answers the reminders' question
    rated: bool = False             # answered "was it useful?" (bot.storage.feedback)
    awaiting_reason: bool = False   # their next typed message is the reason for that answer


@dataclass(frozen=True)
class StoredAssessment:
    answers: dict[str, Any]
    outcome: str
    met_count: int
    unknown_count: int
    criteria: list[str]
    rules_effective: str
    assessed_on: str
    language: str
    created_at: str


P = ParamSpec("P")
R = TypeVar("R")


def serialised(method: Callable[Concatenate[Store, P], Coroutine[Any, Any, R]]
           ) -> Callable[Concatenate[Store, P], Coroutine[Any, Any, R]]:
    """Run a store operation alone, never interleaved with another. All or nothing comes from
    SQLite: a single statement is atomic, several run in one transaction (`transaction`)."""
    async def wrapper(self: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        async with self._lock:
            return await method(self, *args, **kwargs)
    wrapper.__doc__ = method.__doc__
    return wrapper


def transaction(fn: Callable[[sqlite3.Connection], R], db: sqlite3.Connection) -> R:
    """`fn` in a write transaction, on the connection's thread: IMMEDIATE takes the write lock
    at once, so it never fails half-way; committed at the end, rolled back on error."""
    db.execute("BEGIN IMMEDIATE")
    try:
        result = fn(db)
        db.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise
    return result


def timestamp() -> str:
    """Now, as every table of this database stores times (UTC, ISO 8601, to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """One connection (SQLite serialises writers anyway), WAL mode, foreign keys on."""

    def __init__(self, db: aiosqlite.Connection, path: Path) -> None:
        self._db = db
        self.path = path            # the file, for readers with their own connection (stats)
        self._lock = asyncio.Lock()
        self._batching = False
        found = os.stat(path)
        self._identity = (found.st_dev, found.st_ino)   # the file opened (`same_file`)

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[aiosqlite.Connection]:
        """The connection, held alone, for read-only queries (feedback, reminders, the inbox)."""
        async with self._lock:
            yield self._db

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """The connection, held alone, in a write transaction (`_writing`)."""
        async with self._lock, self._writing() as db:
            yield db

    @asynccontextmanager
    async def batch(self) -> AsyncIterator[None]:
        """Many saves in one transaction, for bulk loads into a store no one else is using
        (the statistics benchmark): one commit instead of one per save."""
        async with self._writing():
            self._batching = True
            try:
                yield
            finally:
                self._batching = False

    async def _run(self, fn: Callable[[sqlite3.Connection], R]) -> R:
        """`fn` with the sqlite3 connection, on aiosqlite's worker thread, in one round trip
        however many statements it runs (aiosqlite's own `_execute`, which its queries use).
        The caller holds the lock."""
        result = await self._db._execute(fn, self._db._conn)  # type: ignore[no-untyped-call]
        return cast(R, result)

    async def _in_transaction(self, fn: Callable[[sqlite3.Connection], R]) -> R:
        """`fn` in a write transaction, in one hop (inside a `batch`, in the batch's)."""
        return await self._run(fn if self._batching else lambda db: transaction(fn, db))

    @serialised
    async def write(self, fn: Callable[[sqlite3.Connection], R]) -> R:
        """`fn` in a write transaction of its own, in one hop to the connection's thread."""
        return await self._in_transaction(fn)

    @asynccontextmanager
    async def _writing(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction for the lock's holder, committed at the end (rolled back on
        error); IMMEDIATE takes the write lock at once, so it never fails half-way. Inside a
        `batch`, the batch's transaction."""
        if self._batching:
            yield self._db
            return
        await self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
            await self._db.commit()
        except BaseException:
            await self._db.rollback()
            raise

    @classmethod
    async def open(cls, path: str | Path) -> Store:
        """Open (creating if needed) and migrate; raise `StoreError` for a foreign, damaged or
        unreachable database."""
        try:   # first without aiosqlite, whose thread would outlive a failed connect
            await asyncio.to_thread(lambda: sqlite3.connect(path).close())
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open ({exc}); does its directory exist and may "
                             "this user write there?") from None
        db = await aiosqlite.connect(str(path), isolation_level=None, timeout=BUSY_MS / 1000)
        try:
            version = await cls._check(db, str(path))   # before anything writes to the file
            await db.execute("PRAGMA journal_mode=WAL")
            await db.execute("PRAGMA foreign_keys=ON")
            await db.execute("PRAGMA synchronous=NORMAL")
            await db.execute("PRAGMA secure_delete=ON")   # deleted data is overwritten
            for step in range(version, SCHEMA_VERSION):
                await db.executescript(f"BEGIN; {MIGRATIONS[step]} "
                                       f"PRAGMA user_version={step + 1}; COMMIT;")
        except aiosqlite.DatabaseError as exc:
            await db.close()
            raise StoreError(f"{path}: not a usable SQLite database ({exc})") from None
        except StoreError:
            await db.close()
            raise
        return cls(db, Path(path))

    @staticmethod
    async def _check(db: aiosqlite.Connection, path: str) -> int:
        """The file's schema version; `StoreError` when it is newer or not our database."""
        async with db.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(f"{path}: written by a newer version (schema {version}, this program "
                             f"knows {SCHEMA_VERSION}); refusing to touch it")
        try:
            async with db.execute("PRAGMA quick_check") as cur:   # every page, not the indexes
                problems = [str(row[0]) for row in await cur.fetchall()]
        except aiosqlite.DatabaseError as exc:
            problems = [str(exc)]
        if problems != ["ok"]:
            raise StoreError(f"{path}: damaged ({problems[0]}); refusing to touch it; restore "
                             "a backup")
        if version == 0:
            async with db.execute("SELECT count(*) FROM sqlite_master") as cur:
                row = await cur.fetchone()
            if row and row[0]:
                raise StoreError(f"{path}: holds tables that are not ours; refusing to touch it")
        return version

    async def close(self) -> None:
        await self._db.close()

    # --- users ---------------------------------------------------------------------------

    async def _one(self, sql: str, params: tuple[object, ...]) -> Any:
        """The first row of a query, in one round trip to aiosqlite's thread (or None)."""
        rows = list(await self._db.execute_fetchall(sql, params))
        return rows[0] if rows else None

    @serialised
    async def load(self, user_key: str) -> tuple[UserRecord, JSON | None]:
        """Who the user is and their questionnaire state (None: never started); writes nothing."""
        row = await self._one(
            "SELECT u.language, u.campaign, q.state, o.birth_month_asked, "
            "f.useful IS NOT NULL, COALESCE(f.awaiting, 0) FROM (SELECT ? AS k) AS me "
            "LEFT JOIN users u ON u.user_key = me.k "
            "LEFT JOIN questionnaires q ON q.user_key = me.k "
            "LEFT JOIN reminder_optins o ON o.user_key = me.k "
            "LEFT JOIN feedback f ON f.user_key = me.k", (user_key,))
        state = json.loads(row[2]) if row[2] is not None else None
        return UserRecord(user_key, row[0], row[1], bool(row[3]), bool(row[4]),
                          bool(row[5])), state

    @serialised
    async def save(self, user_key: str, write: Write, *, update_id: int | None) -> None:
        """Apply one update's changes all together, committed before any reply.

        `update_id` (Telegram's) is marked applied in the inbox in the same transaction, so an
        update replayed after a crash is never applied twice.
        """
        now = timestamp()
        await self._in_transaction(lambda db: save_turn(db, user_key, write, update_id, now))

    def same_file(self) -> bool:
        """Whether the path still names the file opened (not deleted, not replaced)."""
        try:
            now = os.stat(self.path)
        except OSError:
            return False
        return (now.st_dev, now.st_ino) == self._identity

    @serialised
    async def durable_write(self) -> bool:
        """Whether a write reaches the disk within a second (the health check): the heartbeat
        row is rewritten and committed with a sync (`synchronous=FULL` for this commit)."""
        return await self._run(_heartbeat)

    # --- results -------------------------------------------------------------------------

    @serialised
    async def latest_assessment(self, user_key: str) -> StoredAssessment | None:
        row = await self._one(
            "SELECT answers, outcome, met_count, unknown_count, criteria, rules_effective, "
            "assessed_on, language, created_at FROM assessments WHERE user_key = ? "
            "ORDER BY id DESC LIMIT 1", (user_key,))
        if row is None:
            return None
        return StoredAssessment(json.loads(row[0]), row[1], row[2], row[3], json.loads(row[4]),
                                row[5], row[6], row[7], row[8])

    # --- privacy -------------------------------------------------------------------------

    @serialised
    async def delete_user(self, user_key: str, *, update_id: int | None) -> None:
        """Erase the user, their answers and results; their events stay only as anonymous counts.

        Deleting the user row cascades to the questionnaire and sets `events.user_key` to NULL.
        """
        now = timestamp()

        def erase(db: sqlite3.Connection) -> None:
            forget_results(db, user_key)
            db.execute("DELETE FROM assessments WHERE user_key = ?", (user_key,))
            db.execute("DELETE FROM users WHERE user_key = ?", (user_key,))
            mark_applied(db, update_id, now)

        await self._in_transaction(erase)
        # The WAL still holds the pages as they were before: copy the new ones into the file
        # (where secure_delete zeroed what was deleted) and empty it, before "deleted" is said.
        busy = await self._one("PRAGMA wal_checkpoint(TRUNCATE)", ())
        if busy[0]:
            log.warning("/delete: the WAL could not be emptied now; the next checkpoint will")

    @serialised
    async def purge(self, older_than: timedelta) -> int:
        """Retention: forget users idle (by their last activity) for longer than `older_than`.

        A user goes whole: the cascade removes their questionnaire and reminders, so nothing is
        left half (answers gone, result kept). Their results stay for statistics, unlinked and
        stripped of the answers (`_strip_answers`); their events stay as anonymous counts.
        A user with a reminder still to come is kept until it is sent.
        """
        cutoff = (datetime.now(UTC) - older_than).isoformat(timespec="seconds")

        def forget(db: sqlite3.Connection) -> int:
            purged = db.execute(
                "DELETE FROM users WHERE last_seen < ? AND user_key NOT IN "
                "(SELECT user_key FROM reminders WHERE status = 'pending')", (cutoff,)).rowcount
            _strip_answers(db)
            return purged

        return await self._in_transaction(forget)

    @serialised
    async def user_data(self, user_key: str) -> JSON:
        """Everything held about the user, for /mydata: their row, every result, every event."""
        user = await self._one("SELECT language, campaign, first_seen, last_seen, pseudonym "
                               "FROM users WHERE user_key = ?", (user_key,))
        results = await self._db.execute_fetchall(
            "SELECT answers, outcome, met_count, unknown_count, criteria, rules_effective, "
            "assessed_on, language, campaign, created_at FROM assessments WHERE user_key = ? "
            "ORDER BY id", (user_key,))
        events = await self._db.execute_fetchall(
            "SELECT kind, question, language, campaign, at FROM events WHERE user_key = ? "
            "ORDER BY id", (user_key,))
        keys = ("language", "campaign", "first_seen", "last_seen", "pseudonym")
        return {
            "user": dict(zip(keys, user, strict=True)) if user is not None else None,
            "results": [{"answers": json.loads(r[0]), "outcome": r[1], "met_count": r[2],
                         "unknown_count": r[3], "criteria": json.loads(r[4]),
                         "rules_effective": r[5], "assessed_on": r[6], "language": r[7],
                         "campaign": r[8], "recorded_at": r[9]} for r in results],
            "events": [dict(zip(("kind", "question", "language", "campaign", "at"), e,
                                strict=True)) for e in events]}


def answers_digest(pseudonym: str, answers: Any) -> str:
    """A stand-in for an answer set that no longer reveals it: equal for one person's equal
    answers (all statistics compare), salted with the pseudonym so that people's identical
    answers cannot be matched across the table."""
    canonical = json.dumps(answers, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(f"{pseudonym}:{canonical}".encode()).hexdigest()


def _strip_answers(db: sqlite3.Connection) -> None:
    """Replace the answers of unlinked results by a hash of them: statistics need only the
    statuses, and the hash still tells a repeated result from a new one (`stats`)."""
    rows = db.execute("SELECT id, pseudonym, answers FROM assessments WHERE user_key IS NULL "
                      "AND answers NOT LIKE '\"sha256:%'").fetchall()
    db.executemany("UPDATE assessments SET answers = ? WHERE id = ?",
                   [(json.dumps(answers_digest(pseudonym, json.loads(answers))), row_id)
                    for row_id, pseudonym, answers in rows])


def _heartbeat(db: sqlite3.Connection) -> bool:
    """Rewrite the heartbeat row and commit it with a sync (`synchronous=FULL` for this commit),
    waiting at most `HEALTH_BUSY_MS` for another writer."""
    db.execute(f"PRAGMA busy_timeout={HEALTH_BUSY_MS}")
    db.execute("PRAGMA synchronous=FULL")
    try:
        transaction(lambda db: db.execute("UPDATE heartbeat SET at = ? WHERE id = 1",
                                          (timestamp(),)), db)
        return True
    except sqlite3.Error:
        return False
    finally:
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(f"PRAGMA busy_timeout={BUSY_MS}")
