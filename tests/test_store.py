"""The aiosqlite store on a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from bot.engine.state import State
from bot.i18n.translator import Translator
from bot.report.contract import record, to_json
from bot.scoring.answers import parse_answers
from bot.scoring.assess import assess
from bot.storage.inbox import Inbox, Unfinished
from bot.storage.schema import MIGRATIONS, SCHEMA_VERSION
from bot.storage.store import Store, StoreError
from bot.storage.writes import NewAssessment, Write
from tests.support.storing import stored_state, stored_user


async def test_state_round_trip_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    store = await Store.open(path)
    await store.save("tg:1", Write(campaign="fb2026"), update_id=None)
    state = State(answers={"age": 30, "nationality": "IN"}, history=["nationality", "age"],
                  revision=2)
    await store.save("tg:1", Write(state.to_json(), "bachelor", [("answered", "age")]),
                     update_id=None)
    await store.close()
    reopened = await Store.open(path)
    assert await stored_state(reopened, "tg:1") == state
    assert (await stored_user(reopened, "tg:1")).campaign == "fb2026"
    await reopened.close()


async def test_campaign_is_kept_from_first_contact(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "db")
    await store.save("tg:1", Write(campaign="first"), update_id=None)
    await store.save("tg:1", Write(campaign="second"), update_id=None)
    assert (await stored_user(store, "tg:1")).campaign == "first"
    await store.close()


async def test_delete_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "db"
    store = await Store.open(path)
    await store.save("tg:7", Write(State(answers={"age": 40}).to_json(), "nationality",
                                   [("answered", "age")]), update_id=None)
    result = {"outcome": "below_threshold", "met_count": 1, "unknown_count": 0,
              "criteria": [{"status": "met"}] * 12, "rules_effective": "2024-11-01",
              "assessed_on": "2026-11-24"}
    await store.save("tg:7", Write(assessment=NewAssessment({"age": 40}, result, "en")),
                     update_id=None)
    await store.save("tg:8", Write(), update_id=None)
    await store.delete_user("tg:7", update_id=None)
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


@pytest.mark.parametrize("changes", [{}, {"age": 52, "years_graduate_work": 20},
                                     {"nationality": "AF"}])
def test_recorded_result_is_the_contract_json(changes: dict[str, object]) -> None:
    """What a completed questionnaire stores (`record`, no text rendered) is exactly the part
    of the contract's JSON that storage reads."""
    answers = {**json.loads((Path(__file__).parents[1] / "examples" / "answers.json")
                            .read_text()), **changes}
    day = date(2026, 11, 24)
    assessment = assess(parse_answers(answers, day), day)
    full = to_json(assessment, Translator.for_code("en"))
    kept = record(assessment)
    assert kept == {key: full[key] for key in kept if key != "criteria"} | {
        "criteria": [{"status": c["status"]} for c in full["criteria"]]}  # type: ignore[union-attr]


async def test_a_save_that_fails_half_way_leaves_nothing(tmp_path: Path) -> None:
    """A result that cannot be recorded undoes the rest of that update's writes (state, events,
    the inbox's applied mark), and the store stays usable."""
    store = await Store.open(tmp_path / "db")
    inbox = Inbox(store)
    await inbox.accept([(7, "{}"), (8, "{}")])
    broken = NewAssessment({"age": 40}, {"outcome": "meets_threshold"}, "en")   # keys missing
    with pytest.raises(KeyError):
        await store.save("tg:1", Write(State(answers={"age": 40}).to_json(), None,
                                       [("answered", "age")], assessment=broken), update_id=7)
    assert await stored_state(store, "tg:1") is None
    await store.save("tg:1", Write(campaign="fb"), update_id=8)
    assert (await stored_user(store, "tg:1")).campaign == "fb"
    assert await inbox.unfinished() == [Unfinished("{}", applied=False),
                                        Unfinished("{}", applied=True)]
    await store.close()
    with sqlite3.connect(tmp_path / "db") as db:
        assert db.execute("SELECT count(*) FROM events").fetchone() == (0,)


async def test_no_write_logic_is_left_in_views_or_triggers(tmp_path: Path) -> None:
    """A turn's writes are the statements of `Store.save`, visible to grep and the type checker."""
    store = await Store.open(tmp_path / "db")
    await store.close()
    with sqlite3.connect(tmp_path / "db") as db:
        assert db.execute("SELECT name FROM sqlite_master WHERE type IN ('view', 'trigger')"
                          ).fetchall() == []


async def test_updates_known_as_applied_keep_that_knowledge_when_processed_updates_goes(
        tmp_path: Path) -> None:
    """A database from before the inbox's applied mark: an unfinished update that
    `processed_updates` had recorded is replayed as applied (its reply only), the other in full."""
    path = tmp_path / "db"
    with sqlite3.connect(path, isolation_level=None) as db:
        last = next(i for i, sql in enumerate(MIGRATIONS) if "DROP TABLE processed_updates" in sql)
        for step, migration in enumerate(MIGRATIONS[:last]):
            db.executescript(f"BEGIN; {migration} PRAGMA user_version={step + 1}; COMMIT;")
        db.executemany("INSERT INTO inbox (update_id, received_at) VALUES (?, 't')", [(1,), (2,)])
        db.executemany("INSERT INTO inbox_bodies (update_id, body) VALUES (?, ?)",
                       [(1, "one"), (2, "two")])
        db.execute("INSERT INTO processed_updates (update_id, at) VALUES (1, 't')")
    store = await Store.open(path)
    try:
        assert await Inbox(store).unfinished() == [Unfinished("one", applied=True),
                                                   Unfinished("two", applied=False)]
        async with store.reading() as db:
            tables = {row[0] for row in await db.execute_fetchall(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "processed_updates" not in tables
    finally:
        await store.close()
