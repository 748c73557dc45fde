"""The aiosqlite store: every answer is committed before the bot replies to it."""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import aiosqlite

from bot.engine.state import State
from bot.storage.schema import MIGRATIONS, SCHEMA_VERSION

# The Telegram update being handled: recorded in the same transaction as the answer it carries,
# so that an update redelivered after a crash is recognised and applied only once.
CURRENT_UPDATE: ContextVar[int | None] = ContextVar("current_update", default=None)


class StoreError(RuntimeError):
    """The database cannot be used (newer schema, not ours, corrupt): refuse, never overwrite."""


@dataclass(frozen=True)
class UserRecord:
    user_key: str
    language: str | None
    campaign: str | None


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
    """Run a store operation alone and all or nothing: never interleaved, never half-applied."""
    async def wrapper(self: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        async with self._lock:
            try:
                return await method(self, *args, **kwargs)
            except BaseException:
                # Never leave half an operation pending: the next commit would persist it.
                await self._db.rollback()
                raise
    wrapper.__doc__ = method.__doc__
    return wrapper


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """One connection (SQLite serialises writers anyway), WAL mode, foreign keys on."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db
        self._lock = asyncio.Lock()

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[aiosqlite.Connection]:
        """The connection, held alone, for the read-only queries in `bot.storage.stats`."""
        async with self._lock:
            yield self._db

    @classmethod
    async def open(cls, path: str | Path) -> Store:
        """Open (creating if needed) and migrate; raise `StoreError` for a foreign database."""
        db = await aiosqlite.connect(str(path))
        try:
            version = await cls._check(db, str(path))   # before anything writes to the file
            await db.execute("PRAGMA journal_mode=WAL")
            await db.execute("PRAGMA foreign_keys=ON")
            await db.execute("PRAGMA synchronous=NORMAL")
            for step in range(version, SCHEMA_VERSION):
                await db.executescript(f"BEGIN; {MIGRATIONS[step]} "
                                       f"PRAGMA user_version={step + 1}; COMMIT;")
        except aiosqlite.DatabaseError as exc:
            await db.close()
            raise StoreError(f"{path}: not a usable SQLite database ({exc})") from None
        except StoreError:
            await db.close()
            raise
        return cls(db)

    @staticmethod
    async def _check(db: aiosqlite.Connection, path: str) -> int:
        """The file's schema version; `StoreError` when it is newer or not our database."""
        async with db.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(f"{path}: written by a newer version (schema {version}, this program "
                             f"knows {SCHEMA_VERSION}); refusing to touch it")
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
    async def begin(self, user_key: str, campaign: str | None = None
                    ) -> tuple[UserRecord, State | None]:
        """Start a turn: record that the user is here, return them and their questionnaire.

        Every update starts here, so it takes three round trips to the database thread; a
        campaign is recorded only the first time one is given.
        """
        now = _now()
        user = await self._one(
            "INSERT INTO users (user_key, campaign, first_seen, last_seen, pseudonym) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(user_key) DO UPDATE SET "
            "last_seen = excluded.last_seen, "
            "campaign = COALESCE(users.campaign, excluded.campaign) "
            "RETURNING language, campaign",
            (user_key, campaign, now, now, secrets.token_hex(8)))
        row = await self._one("SELECT state FROM questionnaires WHERE user_key = ?", (user_key,))
        await self._db.commit()
        state = State.from_json(json.loads(row[0])) if row else None
        return UserRecord(user_key, user[0], user[1]), state

    @atomic
    async def user(self, user_key: str) -> UserRecord:
        row = await self._one("SELECT language, campaign FROM users WHERE user_key = ?",
                              (user_key,))
        return UserRecord(user_key, row[0], row[1]) if row else UserRecord(user_key, None, None)

    @atomic
    async def set_language(self, user_key: str, language: str) -> None:
        await self._db.execute("UPDATE users SET language = ? WHERE user_key = ?",
                               (language, user_key))
        await self._db.commit()

    # --- questionnaire state -------------------------------------------------------------

    @atomic
    async def load_state(self, user_key: str) -> State | None:
        row = await self._one("SELECT state FROM questionnaires WHERE user_key = ?", (user_key,))
        return State.from_json(json.loads(row[0])) if row else None

    @atomic
    async def save_state(self, user_key: str, state: State,
                         events: Sequence[tuple[str, str | None]] = ()) -> None:
        """Save the state and its events in one transaction, committed before any reply."""
        now = _now()
        await self._db.execute(
            "INSERT INTO questionnaires (user_key, state, started_at, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(user_key) DO UPDATE SET state = excluded.state, "
            "updated_at = excluded.updated_at",
            (user_key, json.dumps(state.to_json()), now, now))
        if events:
            await self._db.executemany(
                "INSERT INTO events (user_key, kind, question, language, campaign, at) "
                "SELECT user_key, ?, ?, language, campaign, ? FROM users WHERE user_key = ?",
                [(kind, question, now, user_key) for kind, question in events])
        await self._mark_update(now)
        await self._db.commit()

    async def _mark_update(self, now: str) -> None:
        update_id = CURRENT_UPDATE.get()
        if update_id is not None:
            await self._db.execute(
                "INSERT OR IGNORE INTO processed_updates (update_id, at) VALUES (?, ?)",
                (update_id, now))

    @atomic
    async def already_processed(self, update_id: int) -> bool:
        """Whether an update changed something already (a redelivery after a crash)."""
        return await self._one("SELECT 1 FROM processed_updates WHERE update_id = ?",
                               (update_id,)) is not None

    # --- results -------------------------------------------------------------------------

    @atomic
    async def record_assessment(self, user_key: str, answers: dict[str, Any],
                                result: dict[str, Any], language: str) -> None:
        now = _now()
        await self._db.execute(
            "INSERT INTO assessments (user_key, pseudonym, answers, outcome, met_count, "
            "unknown_count, criteria, rules_effective, assessed_on, language, campaign, "
            "created_at) SELECT user_key, pseudonym, ?, ?, ?, ?, ?, ?, ?, ?, campaign, ? "
            "FROM users WHERE user_key = ?",
            (json.dumps(answers), result["outcome"], result["met_count"],
             result["unknown_count"], json.dumps([c["status"] for c in result["criteria"]]),
             result["rules_effective"], result["assessed_on"], language, now, user_key))
        await self._db.execute(
            "INSERT INTO events (user_key, kind, question, language, campaign, at) "
            "SELECT user_key, 'completed', NULL, ?, campaign, ? FROM users WHERE user_key = ?",
            (language, now, user_key))
        await self._mark_update(now)
        await self._db.commit()

    @atomic
    async def record_event(self, user_key: str, kind: str) -> None:
        """One statistics event (such as `opened_report`) with the user's language and campaign.

        It changes no state, so the update is not marked processed: a redelivered command is
        answered again (the statistics count users, not events).
        """
        await self._db.execute(
            "INSERT INTO events (user_key, kind, question, language, campaign, at) "
            "SELECT user_key, ?, NULL, language, campaign, ? FROM users WHERE user_key = ?",
            (kind, _now(), user_key))
        await self._db.commit()

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
    async def delete_user(self, user_key: str) -> None:
        """Erase the user, their answers and results; their events stay only as anonymous counts.

        Deleting the user row cascades to the questionnaire and sets `events.user_key` to NULL.
        """
        await self._db.execute("DELETE FROM assessments WHERE user_key = ?", (user_key,))
        await self._db.execute("DELETE FROM users WHERE user_key = ?", (user_key,))
        await self._db.commit()

    @atomic
    async def purge(self, older_than: timedelta) -> int:
        """Retention: forget users idle for longer than `older_than`; return how many.

        Their questionnaires go; results and events stay for statistics, unlinked from anyone.
        A user with a reminder still to come is kept until it is sent (issue 14).
        """
        cutoff = (datetime.now(UTC) - older_than).isoformat(timespec="seconds")
        async with self._db.execute("DELETE FROM users WHERE last_seen < ? AND user_key NOT IN "
                                    "(SELECT user_key FROM reminders WHERE status = 'pending')",
                                    (cutoff,)) as cur:
            purged = cur.rowcount
        await self._db.execute("DELETE FROM questionnaires WHERE updated_at < ?", (cutoff,))
        week_ago = (datetime.now(UTC) - timedelta(days=7)).isoformat(timespec="seconds")
        await self._db.execute("DELETE FROM processed_updates WHERE at < ?", (week_ago,))
        await self._db.commit()
        return purged
