"""Nothing lost: crashes, redelivered updates, concurrent users, migrations, retention, stats."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.engine.state import State
from bot.stats.export import spreadsheet_safe, write_csv
from bot.stats.figures import reading, statistics
from bot.stats.period import Period
from bot.storage.schema import MIGRATIONS, SCHEMA_VERSION
from bot.storage.store import Store
from bot.storage.writes import NewAssessment, Write
from tests.support.bot_harness import running_bot
from tests.support.chatting import answer, mydata
from tests.support.fake_telegram import DEFAULT_TOKEN, FakeTelegram, FakeUser
from tests.support.storing import stored_state, stored_user

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only

ANSWERS = ["India", "34", "Master's", "Imperial College London", "Yes", "University of Toronto",
           "Yes", "English, Hindi", "7", "4", "3", "2", "5", "INR 4,500,000",
           "I don't own any", "I don't own any", "No", "No", "Yes", "Yes"]


def start_bot(tg: FakeTelegram, db: Path) -> subprocess.Popen[bytes]:
    """The bot in a subprocess, once it polls (a loaded machine may take long to start it)."""
    tg.watch_inbox(db)
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN, "TELEGRAM_API_URL": tg.api_url,
           "QMAS_DB_PATH": str(db), "QMAS_RATE_LIMIT": "0",
           "QMAS_FLOOD_LIMIT": "10000"}
    polls = len(tg.calls_to("getUpdates"))
    process = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tg.run(tg.wait_for_call("getUpdates", count=polls + 1, timeout=120), timeout=120)
    return process


def test_sigkill_mid_conversation_resumes_exactly(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    with FakeTelegram.in_thread(DEFAULT_TOKEN, seed=3) as tg:
        user = tg.user(4242)
        process = start_bot(tg, db)
        try:
            tg.run(user.send_and_wait("/start", timeout=30))
            for reply in ANSWERS[:5]:
                tg.run(answer(user, reply))
            before = tg.run(mydata(user))["answers"]
            sent = tg.run(user.send("University of Toronto"))   # the 6th answer, then a crash
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
            with sqlite3.connect(db) as conn:   # unfinished, or never stored: handled again
                unfinished = conn.execute("SELECT count(*) FROM inbox_bodies").fetchone()[0]
            assert sent.update_id is not None
            again = unfinished or tg.update_state(sent.update_id) != "confirmed"
            process = start_bot(tg, db)
            if again:    # the reply (or, once applied, the question it leads to) comes once
                tg.run(user.next_replies(expect=1, timeout=30))
            answers = tg.run(mydata(user))["answers"]
            # Every acknowledged answer is intact; the one sent at the crash was applied at most
            # once. If it was lost before being handled, the user (who got no reply) sends it again.
            assert {k: answers[k] for k in before} == before
            if "bachelor_university" not in answers:
                tg.run(user.send_and_wait("University of Toronto", timeout=10))
                answers = tg.run(mydata(user))["answers"]
            assert answers == {**before, "bachelor_university": "University of Toronto"}
            tg.run(answer(user, ANSWERS[6]))               # continues at the same question
            assert tg.run(mydata(user))["answers"]["bachelor_full_time"] == "yes"
            for reply in ANSWERS[7:]:
                tg.run(answer(user, reply))
            assert "of the 12 criteria" in "\n".join(m.text for m in user.messages[-6:])
        finally:
            process.kill()
            process.wait(timeout=10)
            assert b"Traceback" not in (process.stderr.read() if process.stderr else b"")


async def test_redelivered_update_is_applied_once(tmp_path: Path) -> None:
    async with running_bot(tmp_path / "db") as bot:
        user = bot.tg.user(77)
        await user.send_and_wait("/start")
        await user.send_and_wait("India")
        sent = await user.send("34")
        await user.next_replies()
        assert sent.update_id is not None
        await bot.tg.redeliver(sent.update_id)
        again = await user.next_replies()
        assert again == []       # "34" must not become the answer to the next question
        assert (await mydata(user))["answers"] == {"nationality": "IN", "age": 34}


def age(i: int) -> int:
    """The i-th user's age: 25 to 64, none of them asked about again (under 18, 70 or more)."""
    return 25 + i % 40


async def test_fifty_users_at_once_lose_and_cross_nothing(tmp_path: Path) -> None:
    async with running_bot(tmp_path / "db") as bot:
        users = [bot.tg.user(9000 + i) for i in range(50)]

        async def complete(i: int, user: FakeUser) -> None:
            await user.send_and_wait("/start", timeout=30, expect=2)
            for reply in ANSWERS:
                await answer(user, str(age(i)) if reply == "34" else reply, timeout=30)

        await asyncio.gather(*(complete(i, u) for i, u in enumerate(users)))
        for i, user in enumerate(users):
            answers = (await mydata(user))["answers"]
            assert answers["age"] == age(i)
            assert len(answers) == 20
        async with bot.store.reading() as db, db.execute(
                "SELECT count(*) FROM assessments") as cur:
            assert await cur.fetchone() == (50,)


async def test_delete_through_telegram_leaves_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db"
    async with running_bot(db) as bot:
        user = bot.tg.user(31337)
        await user.send_and_wait("/start campaign-x")
        for reply in ANSWERS:
            await answer(user, reply)
        await user.send_and_wait("/delete")
        replies = await user.press_and_wait("Delete everything")
        assert "deleted" in replies[-1].text
    with sqlite3.connect(db) as conn:
        dump = "\n".join(conn.iterdump())
    assert "tg:31337" not in dump and "31337" not in dump
    assert "Imperial College London" not in dump


async def test_no_copy_of_the_database_directory_after_delete_holds_the_answers(
        tmp_path: Path) -> None:
    db = tmp_path / "data" / "qmas.sqlite3"
    db.parent.mkdir()
    marker = "Zqxjv Kwpt University"
    async with running_bot(db) as bot:
        user = bot.tg.user(31338)
        await user.send_and_wait("/start")
        for reply in [*ANSWERS[:5], marker, "Use it anyway", *ANSWERS[6:]]:
            await answer(user, reply)
        assert (await mydata(user))["answers"]["bachelor_university"] == marker
        await user.send_and_wait("/delete", expect=1, timeout=30)
        await user.press_and_wait("Delete everything", expect=1, timeout=30)
        while not any("has been deleted" in m.text for m in user.messages):
            await user.next_replies(expect=1, timeout=30)     # the confirmation, however late
        snapshot = tmp_path / "snapshot"     # a volume snapshot or `docker cp` of /data, now
        shutil.copytree(db.parent, snapshot)
        found = {f.name: f.read_bytes().count(marker.encode()) for f in snapshot.iterdir()}
        assert set(found) >= {"qmas.sqlite3"} and not any(found.values()), found
        async with bot.store.reading() as con:
            assert list(await con.execute_fetchall("PRAGMA secure_delete")) == [(1,)]


def _v1_database(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
        conn.execute("INSERT INTO users VALUES ('tg:1', 'fr', 'fb', '2026-01-01T00:00:00+00:00', "
                     "'2026-01-02T00:00:00+00:00')")
        conn.execute("INSERT INTO questionnaires VALUES ('tg:1', ?, '2026-01-01', '2026-01-02')",
                     (json.dumps(State(answers={"age": 40}).to_json()),))
        conn.execute("INSERT INTO assessments (user_key, answers, outcome, met_count, "
                     "unknown_count, criteria, rules_effective, assessed_on, language, campaign, "
                     "created_at) VALUES ('tg:1', '{}', 'below_threshold', 2, 0, '[]', "
                     "'2024-11-01', '2026-01-02', 'fr', 'fb', '2026-01-02T00:00:00+00:00')")
        conn.execute("INSERT INTO events (user_key, kind, at) VALUES ('tg:1', 'started', "
                     "'2026-01-01T00:00:00+00:00')")


async def test_migration_from_the_first_schema(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    _v1_database(path)
    store = await Store.open(path)
    assert (await stored_user(store, "tg:1")).language == "fr"
    assert await stored_state(store, "tg:1") == State(answers={"age": 40})
    assert (await store.latest_assessment("tg:1")) is not None
    await store.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        pseudonym = conn.execute("SELECT pseudonym FROM assessments").fetchone()[0]
        assert len(pseudonym) == 16 and pseudonym == conn.execute(
            "SELECT pseudonym FROM users").fetchone()[0]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


async def test_retention_purges_idle_users_but_keeps_anonymous_counts(tmp_path: Path) -> None:
    path = tmp_path / "db"
    _v1_database(path)                          # user last seen on 2026-01-02
    store = await Store.open(path)
    await store.save("tg:2", Write(), update_id=None)     # active now
    assert await store.purge(timedelta(days=90)) == 1
    assert await stored_state(store, "tg:1") is None
    assert (await stored_user(store, "tg:2")).user_key == "tg:2"
    async with store.reading() as db, db.execute("SELECT user_key FROM assessments") as cur:
        assert await cur.fetchall() == [(None,)]
    await store.close()


async def _seed(store: Store) -> None:
    """3 users: two complete (one meets the threshold), one stops at the age question."""
    result = {"rules_effective": "2024-11-01", "assessed_on": "2026-11-24", "unknown_count": 0}
    meets = [{"status": "met"}] * 6 + [{"status": "not_met"}] * 6
    below = [{"status": "met"}] * 2 + [{"status": "not_met"}] * 10
    for key, campaign, language, criteria, outcome in (
            ("tg:1", "fb", "en", meets, "meets_threshold"),
            ("tg:2", "=cmd()", "vi", below, "below_threshold")):
        done = NewAssessment({}, {**result, "outcome": outcome, "criteria": criteria,
                                  "met_count": 6 if criteria is meets else 2}, language)
        await store.save(key, Write(State().to_json(), "nationality", [("started", None)],
                                    language=language, campaign=campaign, assessment=done),
                         update_id=None)
    await store.save("tg:3", Write(State(answers={"nationality": "IN"}).to_json(), "age",
                                   [("started", None)], campaign="fb"), update_id=None)


async def test_statistics_on_a_seeded_database(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "db")
    await _seed(store)
    today = date.today()
    stats = await statistics(store, Period(today - timedelta(days=1), today))
    assert (stats.new_users, stats.started, stats.completed) == (3, 3, 2)
    assert (stats.meeting_threshold, stats.finished) == (1, 2)
    assert {k: f.completed for k, f in stats.by_language.items() if f.completed} == {
        "en": 1, "vi": 1}
    assert {k: f.completed for k, f in stats.by_campaign.items() if f.completed} == {
        "fb": 1, "=cmd()": 1}
    assert stats.drop_off == {"age": 1, "nationality": 2}
    assert stats.missed[12] == 2 and 1 not in stats.missed     # zero counts are left out
    empty = await statistics(store, Period(date(2020, 1, 1), date(2020, 1, 2)))
    assert (empty.new_users, empty.completed) == (0, 0)
    await store.close()


async def test_export_is_pseudonymous_and_spreadsheet_safe(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "db")
    await _seed(store)
    await store.close()
    out = io.StringIO()
    with reading(tmp_path / "db") as db:
        write_csv(db, Period(date.today(), date.today()), out)
    text = out.getvalue()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2
    assert "tg:" not in text
    assert {r["campaign"] for r in rows} == {"fb", "'=cmd()"}
    assert all(len(r["respondent"]) == 16 for r in rows)
    assert rows[0]["criterion_1"] == "met"


@pytest.mark.parametrize(("cell", "safe"), [
    ("=1+1", "'=1+1"), ("+44", "'+44"), ("-3", "'-3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("fb2026", "fb2026"), (None, ""), (3, "3"),
])
def test_spreadsheet_safe(cell: object, safe: str) -> None:
    assert spreadsheet_safe(cell) == safe
