"""The aiosqlite store: every answer is committed before the bot replies to it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite

from bot.engine.state import State
from bot.storage.schema import MIGRATIONS, SCHEMA_VERSION


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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """One connection (SQLite serialises writers anyway), WAL mode, foreign keys on."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

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

    async def touch_user(self, user_key: str, campaign: str | None = None) -> UserRecord:
        """Create or refresh a user; a campaign is recorded the first time one is given."""
        now = _now()
        await self._db.execute(
            "INSERT INTO users (user_key, campaign, first_seen, last_seen) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(user_key) DO UPDATE SET last_seen = excluded.last_seen, "
            "campaign = COALESCE(users.campaign, excluded.campaign)",
            (user_key, campaign, now, now))
        await self._db.commit()
        return await self.user(user_key)

    async def user(self, user_key: str) -> UserRecord:
        async with self._db.execute(
                "SELECT language, campaign FROM users WHERE user_key = ?", (user_key,)) as cur:
            row = await cur.fetchone()
        return UserRecord(user_key, row[0], row[1]) if row else UserRecord(user_key, None, None)

    async def set_language(self, user_key: str, language: str) -> None:
        await self._db.execute("UPDATE users SET language = ? WHERE user_key = ?",
                               (language, user_key))
        await self._db.commit()

    # --- questionnaire state -------------------------------------------------------------

    async def load_state(self, user_key: str) -> State | None:
        async with self._db.execute(
                "SELECT state FROM questionnaires WHERE user_key = ?", (user_key,)) as cur:
            row = await cur.fetchone()
        return State.from_json(json.loads(row[0])) if row else None

    async def save_state(self, user_key: str, state: State,
                         events: Sequence[tuple[str, str | None]] = ()) -> None:
        """Save the state and its events in one transaction, committed before any reply."""
        now = _now()
        user = await self.user(user_key)
        await self._db.execute(
            "INSERT INTO questionnaires (user_key, state, started_at, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(user_key) DO UPDATE SET state = excluded.state, "
            "updated_at = excluded.updated_at",
            (user_key, json.dumps(state.to_json()), now, now))
        await self._db.executemany(
            "INSERT INTO events (user_key, kind, question, language, campaign, at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(user_key, kind, question, user.language, user.campaign, now)
             for kind, question in events])
        await self._db.commit()

    # --- results -------------------------------------------------------------------------

    async def record_assessment(self, user_key: str, answers: dict[str, Any],
                                result: dict[str, Any], language: str) -> None:
        user = await self.user(user_key)
        now = _now()
        await self._db.execute(
            "INSERT INTO assessments (user_key, answers, outcome, met_count, unknown_count, "
            "criteria, rules_effective, assessed_on, language, campaign, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (user_key, json.dumps(answers), result["outcome"], result["met_count"],
             result["unknown_count"], json.dumps([c["status"] for c in result["criteria"]]),
             result["rules_effective"], result["assessed_on"], language, user.campaign, now))
        await self._db.execute(
            "INSERT INTO events (user_key, kind, question, language, campaign, at) "
            "VALUES (?, 'completed', NULL, ?, ?, ?)", (user_key, language, user.campaign, now))
        await self._db.commit()

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

    async def delete_user(self, user_key: str) -> None:
        """Erase everything about the user: rows cascade from `users`."""
        await self._db.execute("DELETE FROM users WHERE user_key = ?", (user_key,))
        await self._db.commit()
