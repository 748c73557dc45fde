"""The aiosqlite store: every answer is committed before the bot replies to it.

A turn reads with `load` (no write) and, when it changed something, writes everything with one
`save`: one explicit transaction (`BEGIN IMMEDIATE`, named-column statements, `COMMIT`, rolled
back on error), which also marks the update as applied. The connection is in autocommit mode;
operations of several statements open their transaction explicitly (`_writing`).
Questionnaire states travel as JSON: storage knows nothing of the engine.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import aiosqlite

from bot.storage.schema import MIGRATIONS, SCHEMA_VERSION
from bot.storage.tallies import channel_of, forget_results, tally_events, tally_result, tally_user

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
    rated: bool = False             # answered "was it useful?" (bot.storage.feedback)
    awaiting_reason: bool = False   # their next typed message is the reason for that answer


@dataclass(frozen=True)
class NewAssessment:
    """A result to keep: the answers, the contract's assessment JSON (at least the keys of
    `bot.report.contract.record`), the language shown in."""

    answers: JSON
    result: JSON
    language: str


@dataclass(frozen=True)
class Write:
    """Everything one update changes, saved together or not at all."""

    state: JSON | None = None              # the questionnaire state (engine `State.to_json`)
    current_question: str | None = None    # where that state stands (None: complete), for stats
    events: Sequence[tuple[str, str | None]] = ()   # (kind, question id)
    language: str | None = None            # a newly chosen language
    campaign: str | None = None            # kept only if the user has none yet
    assessment: NewAssessment | None = None


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


def atomic(method: Callable[Concatenate[Store, P], Coroutine[Any, Any, R]]
           ) -> Callable[Concatenate[Store, P], Coroutine[Any, Any, R]]:
    """Run a store operation alone, never interleaved with another. All or nothing comes from
    SQLite: a single statement is atomic, several run inside `Store._writing`."""
    async def wrapper(self: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        async with self._lock:
            return await method(self, *args, **kwargs)
    wrapper.__doc__ = method.__doc__
    return wrapper


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
        """The connection, held alone, for the read-only queries in `bot.storage.stats`."""
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

    @atomic
    async def load(self, user_key: str) -> tuple[UserRecord, JSON | None]:
        """Who the user is and their questionnaire state (None: never started); writes nothing."""
        row = await self._one(
            "SELECT u.language, u.campaign, q.state, f.useful IS NOT NULL, "
            "COALESCE(f.awaiting, 0) FROM (SELECT ? AS k) AS me "
            "LEFT JOIN users u ON u.user_key = me.k "
            "LEFT JOIN questionnaires q ON q.user_key = me.k "
            "LEFT JOIN feedback f ON f.user_key = me.k", (user_key,))
        state = json.loads(row[2]) if row[2] is not None else None
        return UserRecord(user_key, row[0], row[1], bool(row[3]), bool(row[4])), state

    @atomic
    async def save(self, user_key: str, write: Write, *, update_id: int | None) -> None:
        """Apply one update's changes all together, committed before any reply.

        `update_id` (Telegram's) is marked applied in the inbox in the same transaction, so an
        update replayed after a crash is never applied twice.
        """
        now = timestamp()
        async with self._writing() as db:
            created = await db.execute(
                "INSERT INTO users (user_key, language, campaign, first_seen, last_seen, "
                "pseudonym) VALUES (?, ?, ?, ?, ?, lower(hex(randomblob(8)))) "
                "ON CONFLICT (user_key) DO NOTHING",
                (user_key, write.language, write.campaign, now, now))
            campaign, language = write.campaign, write.language
            if created.rowcount == 1:
                await tally_user(db, now, campaign, language)
            else:
                async with db.execute(
                        "UPDATE users SET last_seen = ?, language = COALESCE(?, language), "
                        "campaign = COALESCE(campaign, ?) WHERE user_key = ? "
                        "RETURNING campaign, language",
                        (now, write.language, write.campaign, user_key)) as cursor:
                    campaign, language = await cursor.fetchone() or (campaign, language)
            if write.state is not None:
                await db.execute(
                    "INSERT INTO questionnaires (user_key, state, current_question, "
                    "started_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (user_key) DO UPDATE SET state = excluded.state, "
                    "current_question = excluded.current_question, "
                    "updated_at = excluded.updated_at",
                    (user_key, json.dumps(write.state), write.current_question, now, now))
            if write.events:
                await db.executemany(
                    "INSERT INTO events (user_key, kind, question, language, campaign, at, "
                    "channel) SELECT user_key, ?, ?, language, campaign, ?, ? FROM users "
                    "WHERE user_key = ?",
                    [(kind, question, now, channel_of(user_key), user_key)
                     for kind, question in write.events])
                await tally_events(db, user_key, (kind for kind, _ in write.events), now,
                                   campaign, language)
            if write.assessment is not None:
                await self._record_assessment(user_key, write.assessment, now)
            await self._mark_update(update_id, now)

    async def _mark_update(self, update_id: int | None, now: str) -> None:
        """The inbox's applied mark, in the caller's transaction: the changes and the mark commit
        together, so a replayed update is never applied twice (`bot.storage.inbox`)."""
        if update_id is not None:
            await self._db.execute("UPDATE inbox SET applied_at = ? WHERE update_id = ?",
                                   (now, update_id))

    @atomic
    async def statement(self, sql: str, params: tuple[object, ...]) -> int:
        """One write statement, atomic by itself (autocommit); the number of rows it changed."""
        async with self._db.execute(sql, params) as cursor:
            return cursor.rowcount

    def same_file(self) -> bool:
        """Whether the path still names the file opened (not deleted, not replaced)."""
        try:
            now = os.stat(self.path)
        except OSError:
            return False
        return (now.st_dev, now.st_ino) == self._identity

    @atomic
    async def durable_write(self) -> bool:
        """Whether a write reaches the disk within a second (the health check): the heartbeat
        row is rewritten and committed with a sync (`synchronous=FULL` for this commit)."""
        await self._db.execute(f"PRAGMA busy_timeout={HEALTH_BUSY_MS}")
        await self._db.execute("PRAGMA synchronous=FULL")
        try:
            async with self._writing() as db:
                await db.execute("UPDATE heartbeat SET at = ? WHERE id = 1", (timestamp(),))
            return True
        except aiosqlite.Error:
            return False
        finally:
            await self._db.execute("PRAGMA synchronous=NORMAL")
            await self._db.execute(f"PRAGMA busy_timeout={BUSY_MS}")

    # --- results -------------------------------------------------------------------------

    async def _record_assessment(self, user_key: str, new: NewAssessment, now: str) -> None:
        result = new.result
        inserted = await self._db.execute(
            "INSERT INTO assessments (user_key, pseudonym, answers, outcome, met_count, "
            "unknown_count, criteria, rules_effective, assessed_on, language, campaign, "
            "created_at) SELECT user_key, pseudonym, ?, ?, ?, ?, ?, ?, ?, ?, campaign, ? "
            "FROM users WHERE user_key = ?",
            (json.dumps(new.answers), result["outcome"], result["met_count"],
             result["unknown_count"], json.dumps([c["status"] for c in result["criteria"]]),
             result["rules_effective"], result["assessed_on"], new.language, now, user_key))
        if inserted.rowcount == 1 and inserted.lastrowid is not None:
            await tally_result(self._db, inserted.lastrowid)
        await self._db.execute(
            "INSERT INTO events (user_key, kind, question, language, campaign, at, channel) "
            "SELECT user_key, 'completed', NULL, ?, campaign, ?, ? FROM users "
            "WHERE user_key = ?", (new.language, now, channel_of(user_key), user_key))

    @atomic
    async def latest_assessment(self, user_key: str) -> StoredAssessment | None:
        async with self._db.execute(
                "SELECT answers, outcome, met_count, unknown_count, criteria, rules_effective, "
                "assessed_on, language, created_at FROM assessments WHERE user_key = ? "
                "ORDER BY id DESC LIMIT 1", (user_key,)) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        return StoredAssessment(json.loads(row[0]), row[1], row[2], row[3], json.loads(row[4]),
                                row[5], row[6], row[7], row[8])

    # --- privacy -------------------------------------------------------------------------

    @atomic
    async def delete_user(self, user_key: str, *, update_id: int | None) -> None:
        """Erase the user, their answers and results; their events stay only as anonymous counts.

        Deleting the user row cascades to the questionnaire and sets `events.user_key` to NULL.
        """
        async with self._writing():
            await forget_results(self._db, user_key)
            await self._db.execute("DELETE FROM assessments WHERE user_key = ?", (user_key,))
            await self._db.execute("DELETE FROM users WHERE user_key = ?", (user_key,))
            await self._mark_update(update_id, timestamp())
        # The WAL still holds the pages as they were before: copy the new ones into the file
        # (where secure_delete zeroed what was deleted) and empty it, before "deleted" is said.
        busy = await self._one("PRAGMA wal_checkpoint(TRUNCATE)", ())
        if busy[0]:
            log.warning("/delete: the WAL could not be emptied now; the next checkpoint will")

    @atomic
    async def purge(self, older_than: timedelta) -> int:
        """Retention: forget users idle (by their last activity) for longer than `older_than`.

        A user goes whole: the cascade removes their questionnaire and reminders, so nothing is
        left half (answers gone, result kept). Their results stay for statistics, unlinked and
        stripped of the answers (`_strip_answers`); their events stay as anonymous counts.
        A user with a reminder still to come is kept until it is sent (issue 14).
        """
        cutoff = (datetime.now(UTC) - older_than).isoformat(timespec="seconds")
        async with self._writing():
            async with self._db.execute(
                    "DELETE FROM users WHERE last_seen < ? AND user_key NOT IN "
                    "(SELECT user_key FROM reminders WHERE status = 'pending')",
                    (cutoff,)) as cur:
                purged = cur.rowcount
            await self._strip_answers()
        return purged

    async def _strip_answers(self) -> None:
        """Replace the answers of unlinked results by a hash of them: statistics need only the
        statuses, and the hash still tells a repeated result from a new one (`stats`)."""
        rows = await self._db.execute_fetchall(
            "SELECT id, pseudonym, answers FROM assessments WHERE user_key IS NULL "
            "AND answers NOT LIKE '\"sha256:%'")
        await self._db.executemany(
            "UPDATE assessments SET answers = ? WHERE id = ?",
            [(json.dumps(answers_digest(pseudonym, json.loads(answers))), row_id)
             for row_id, pseudonym, answers in rows])

    @atomic
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
