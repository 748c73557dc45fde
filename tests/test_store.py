"""The aiosqlite store on a real SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.engine.state import State
from bot.storage.schema import SCHEMA_VERSION
from bot.storage.store import Store, StoreError


async def test_state_round_trip_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    store = await Store.open(path)
    await store.begin("tg:1", campaign="fb2026")
    state = State(answers={"age": 30, "nationality": "IN"}, history=["nationality", "age"],
                  revision=2)
    await store.save_state("tg:1", state, [("answered", "age")])
    await store.close()
    reopened = await Store.open(path)
    assert await reopened.load_state("tg:1") == state
    assert (await reopened.user("tg:1")).campaign == "fb2026"
    await reopened.close()


async def test_campaign_is_kept_from_first_contact(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "db")
    await store.begin("tg:1", campaign="first")
    await store.begin("tg:1", campaign="second")
    assert (await store.user("tg:1")).campaign == "first"
    await store.close()


async def test_delete_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "db"
    store = await Store.open(path)
    await store.begin("tg:7")
    await store.save_state("tg:7", State(answers={"age": 40}), [("answered", "age")])
    result = {"outcome": "below_threshold", "met_count": 1, "unknown_count": 0,
              "criteria": [{"status": "met"}] * 12, "rules_effective": "2024-11-01",
              "assessed_on": "2026-11-24"}
    await store.record_assessment("tg:7", {"age": 40}, result, "en")
    await store.begin("tg:8")
    await store.delete_user("tg:7")
    await store.close()
    with sqlite3.connect(path) as db:
        for table in ("users", "questionnaires", "assessments", "events"):
            rows = db.execute(f"SELECT count(*) FROM {table} WHERE user_key = 'tg:7'").fetchone()
            assert rows == (0,), table
        assert db.execute("SELECT count(*) FROM users").fetchone() == (1,)


async def test_foreign_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE invoices (id INTEGER)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not ours"):
        await Store.open(path)
    assert path.read_bytes() == before


async def test_corrupt_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"this is not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        await Store.open(path)
    assert path.read_bytes() == before


async def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer version"):
        await Store.open(path)


async def test_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "db"
    store = await Store.open(path)
    await store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
