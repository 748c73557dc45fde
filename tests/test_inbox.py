"""Nothing acknowledged is lost: the real bot process killed right after bursts of answers.

Also the inbox on its own (each update accepted once, bodies erased once handled, replay) and a
graceful SIGTERM (what was fetched is finished, the database is closed).
"""

from __future__ import annotations

import json
import logging
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.storage.inbox import Inbox
from bot.storage.store import Store, StoreError
from bot.storage.writes import Write
from tests.support.bot_harness import running_bot
from tests.support.chatting import mydata
from tests.support.fake_telegram import DEFAULT_TOKEN, FakeTelegram, FakeUser

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only

# Typed answers to the first six questions; the age differs per user so answers cannot cross.
ROUNDS = ["India", "{age}", "Master's", "Imperial College London", "Yes", "University of Toronto"]
USERS = 10


def start_bot(tg: FakeTelegram, db: Path, **env: str) -> subprocess.Popen[str]:
    calls = len(tg.calls_to("getUpdates"))
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"], text=True, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN, "TELEGRAM_API_URL": tg.api_url,
             "QMAS_DB_PATH": str(db), "QMAS_RATE_LIMIT": "0", "QMAS_FLOOD_LIMIT": "10000",
             **env})
    tg.run(tg.wait_for_call("getUpdates", count=calls + 1, timeout=120),   # polling: ready
           timeout=120)
    tg.watch_inbox(db)
    return process


def started(tg: FakeTelegram, db: Path, first_id: int) -> tuple[subprocess.Popen[str],
                                                                 list[FakeUser]]:
    """The bot running, and USERS users who have each sent /start and seen both replies."""
    users = [tg.user(first_id + i) for i in range(USERS)]
    process = start_bot(tg, db)
    try:
        for user in users:
            tg.run(user.send_and_wait("/start", timeout=30, expect=2))
    except BaseException:
        process.kill()
        process.wait(timeout=10)
        raise
    return process, users


def answered(user: FakeUser) -> bool:
    """The bot has asked this user the age question (its answer to "India")."""
    return any("How old" in m.text for m in user.messages)


def typed(user: FakeUser, step: int, i: int) -> str:
    return ROUNDS[step].format(age=20 + i)


def test_sigkill_after_bursts_loses_and_repeats_no_answer(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    rng = random.Random(15)
    with FakeTelegram.in_thread(DEFAULT_TOKEN, seed=15) as tg:
        process, users = started(tg, db, 7000)
        try:
            for step in range(len(ROUNDS)):
                for i, user in enumerate(users):         # a burst: everyone answers at once
                    tg.run(user.send(typed(user, step, i)))
                time.sleep(rng.uniform(0.020, 0.150))
                process.send_signal(signal.SIGKILL)
                process.wait(timeout=10)
                process = start_bot(tg, db)
            reference = tg.user(7999)                   # the same answers without crashes
            tg.run(reference.send_and_wait("/start", timeout=30, expect=2))
            for step in range(len(ROUNDS)):
                tg.run(reference.send_and_wait(typed(reference, step, 0), timeout=30))
            expected = tg.run(mydata(reference))["answers"]
            polls = tg.calls_to("getUpdates")   # only the update types the bot handles
            assert sorted(polls[-1]["allowed_updates"]) == ["callback_query", "message"]
            assert len(expected) == len(ROUNDS)
            for i, user in enumerate(users):
                answers = tg.run(mydata(user))["answers"]
                assert answers == {**expected, "age": 20 + i}, (user, tg.format_transcript(
                    user.chat_id))
        finally:
            process.terminate()      # a graceful stop writes the last done marks
            process.wait(timeout=30)
    with sqlite3.connect(db) as conn:   # every update was handled; none is left to replay
        assert conn.execute("SELECT count(*) FROM inbox_bodies").fetchone() == (0,)


def test_kill_between_an_answers_commit_and_its_reply_sends_the_reply_after_restart_once(
        tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    with FakeTelegram.in_thread(DEFAULT_TOKEN, seed=17) as tg:
        user = tg.user(7300)
        process = start_bot(tg, db)
        try:
            tg.run(user.send_and_wait("/start", timeout=30, expect=2))
            sends = len(tg.calls_to("sendMessage"))
            tg.inject("sendMessage", response_status=500, delay=2)   # no answer before the kill
            tg.run(user.send("India"))
            tg.run(tg.wait_for_call("sendMessage", count=sends + 1, timeout=30))
            process.send_signal(signal.SIGKILL)      # the answer is committed, its reply not out
            process.wait(timeout=10)
            before = len(user.messages)
            assert not answered(user)
            process = start_bot(tg, db)
            tg.run(user.send_and_wait("34", timeout=30))
            after = [m.text for m in user.messages[before:]]
            assert "How old" in after[0] and not any("How old" in text for text in after[1:]), \
                tg.format_transcript(user.chat_id)
            assert tg.run(mydata(user))["answers"] == {"nationality": "IN", "age": 34}
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_sigterm_finishes_what_was_fetched_and_closes_the_database(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    with FakeTelegram.in_thread(DEFAULT_TOKEN, seed=16) as tg:
        process, users = started(tg, db, 7100)
        try:
            sent = [tg.run(user.send("India")).update_id for user in users]
            deadline = time.monotonic() + 10
            while any(tg.update_state(u) == "pending" for u in sent if u is not None):
                assert time.monotonic() < deadline, "the bot never fetched the answers"
                time.sleep(0.005)
            process.send_signal(signal.SIGTERM)     # fetched, probably not yet all answered
            _, stderr = process.communicate(timeout=30)
        finally:
            process.kill()
        assert process.returncode == 0, stderr
        assert "stopped; database closed" in stderr and "Traceback" not in stderr
        # Every update in hand at SIGTERM was answered. One whose getUpdates answer was still on
        # the wire when the long poll was cut off was handed nothing: it stays unconfirmed, and
        # Telegram sends it again at the next start, where it is answered.
        late = [(user, update) for user, update in zip(users, sent, strict=True)
                if not answered(user)]
        for user, update in late:
            assert update is not None and tg.update_state(update) != "confirmed", \
                tg.format_transcript(user.chat_id)
        if late:
            process = start_bot(tg, db)
            try:
                deadline = time.monotonic() + 30
                while not all(answered(user) for user, _ in late):
                    assert time.monotonic() < deadline, "an update was lost at SIGTERM"
                    time.sleep(0.01)
            finally:
                process.terminate()
                process.wait(timeout=30)
    for suffix in ("-wal", "-shm"):  # the last connection closed: SQLite removed its files
        assert not Path(f"{db}{suffix}").exists()


def test_sigterm_while_telegram_does_not_answer_stops_within_the_grace(tmp_path: Path) -> None:
    """The replies hang; SIGTERM ends the process within QMAS_SHUTDOWN_GRACE, the unfinished
    updates stay in the inbox, and the next start sends each user's reply once."""
    db = tmp_path / "bot.sqlite3"
    grace = 2
    with FakeTelegram.in_thread(DEFAULT_TOKEN, seed=18) as tg:
        users = [tg.user(7400 + i) for i in range(USERS)]
        process = start_bot(tg, db, QMAS_SHUTDOWN_GRACE=str(grace))
        try:
            for user in users:
                tg.run(user.send_and_wait("/start", timeout=30, expect=2))
            sends = len(tg.calls_to("sendMessage"))
            tg.inject("sendMessage", response_status=500, delay=3 * grace, times=USERS)
            for user in users:
                tg.run(user.send("India"))
            tg.run(tg.wait_for_call("sendMessage", count=sends + USERS, timeout=60))
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=30)
        finally:
            process.kill()
        assert process.returncode == 0, stderr
        # By the bot's own clock, from the stop it logs on SIGTERM to its last line: on a loaded
        # machine the signal's delivery and the interpreter's exit add seconds that are not its.
        took = (_logged_at(stderr, "stopped; database closed")
                - _logged_at(stderr, "stopping: no more fetching")).total_seconds()
        assert took < grace + 2, took          # Docker waits 10 s for the default 8
        assert f"{USERS} update(s) not finished within {grace} s" in stderr, stderr
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT count(*) FROM inbox_bodies").fetchone() == (USERS,)
        assert not any(answered(user) for user in users)
        process = start_bot(tg, db)
        try:
            for user in users:
                tg.run(user.send_and_wait("34", timeout=30))
            for user in users:
                asked = [m for m in user.messages if "How old" in m.text]
                assert len(asked) == 1, tg.format_transcript(user.chat_id)
                assert tg.run(mydata(user))["answers"] == {"nationality": "IN", "age": 34}
        finally:
            process.terminate()
            process.wait(timeout=30)


def _logged_at(stderr: str, message: str) -> datetime:
    """When the bot logged `message` (each line opens with the time, to the millisecond)."""
    line = next(line for line in stderr.splitlines() if message in line)
    return datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")


def _update(update_id: int, text: str) -> tuple[int, str]:
    return update_id, json.dumps({"update_id": update_id, "message": {"text": text}})


async def test_inbox_accepts_each_update_once_and_forgets_finished_bodies(
        tmp_path: Path) -> None:
    db = tmp_path / "db"
    store = await Store.open(db)
    inbox = Inbox(store)
    try:
        assert await inbox.accept([_update(1, "a"), _update(2, "b")]) == [1, 2]
        assert await inbox.accept([_update(2, "b"), _update(3, "secret answer"),
                                   _update(3, "secret answer")]) == [3]
        await store.save("tg:1", Write(campaign="x"), update_id=2)   # applied, not finished
        await inbox.finish(1)
        await inbox.finish(3)
        assert [(json.loads(u.body)["update_id"], u.applied)
                for u in await inbox.unfinished()] == [(2, True)]
        assert await inbox.accept([_update(3, "secret answer")]) == []   # redelivered: no
        assert await inbox.purge(timedelta(0)) == 0          # kept for two days (dedup)
        assert await inbox.purge(timedelta(days=-1)) == 2    # finished ones only
    finally:
        await store.close()
    with sqlite3.connect(db) as conn:
        assert "secret answer" not in "\n".join(conn.iterdump())


async def test_health_needs_a_durable_write_to_the_file_opened(tmp_path: Path) -> None:
    db = tmp_path / "db"
    store = await Store.open(db)
    inbox = Inbox(store)
    try:
        assert await inbox.healthy()
        with sqlite3.connect(db, isolation_level=None) as other:
            other.execute("BEGIN EXCLUSIVE")     # another writer holds the database
            assert not await inbox.healthy()
            other.execute("ROLLBACK")
        assert await inbox.healthy()
        assert await inbox.unfinished() == []        # the probe left nothing behind
        db.rename(tmp_path / "moved")                # the file opened is no longer the path
        assert not await inbox.healthy()
        with pytest.raises(StoreError, match="deleted or replaced"):
            await inbox.accept([_update(1, "a")])
    finally:
        await store.close()


def test_a_second_instance_polling_with_the_token_makes_one_stop_with_a_clear_error(
        tmp_path: Path) -> None:
    with FakeTelegram.in_thread(DEFAULT_TOKEN, seed=17) as tg:
        processes = [start_bot(tg, tmp_path / f"{name}.sqlite3", QMAS_CONFLICT_GRACE="1")
                     for name in ("a", "b")]
        try:
            deadline = time.monotonic() + 60
            while all(process.poll() is None for process in processes):
                assert time.monotonic() < deadline, "both kept polling"
                time.sleep(0.05)
            [stopped] = [p for p in processes if p.returncode is not None]
            [survivor] = [p for p in processes if p.returncode is None]
            _, stderr = stopped.communicate(timeout=30)
            assert stopped.returncode == 1, stderr
            assert "another instance is polling with this token" in stderr
            assert "stopped; database closed" in stderr and "Traceback" not in stderr
            user = tg.user(7201)      # the other one, alone now, serves as before
            tg.run(user.send_and_wait("/start", timeout=30, expect=2))
            survivor.terminate()
            _, stderr = survivor.communicate(timeout=30)
            assert survivor.returncode == 0, stderr
        finally:
            for process in processes:
                process.kill()


async def test_a_poisoned_batch_leaves_both_good_updates_answered(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """One update PTB cannot parse, between two good ones in the same getUpdates batch: it is
    set aside and confirmed, both good ones are answered, polling goes on, no log line holds a
    message's text (at the production level, INFO)."""
    caplog.set_level(logging.INFO)
    async with running_bot(tmp_path / "db") as bot:
        first, second = bot.tg.user(7601), bot.tg.user(7602)
        sent = [(await first.send("/start")).update_id]      # the three in one tick: one batch
        sent.append(await bot.tg.enqueue_update({"message": {
            "message_id": 2, "date": "not-a-date", "text": "My secret answer Qwzx",
            "chat": {"id": 7603, "type": "private"}}}))
        sent.append((await second.send("/start")).update_id)
        for user in (first, second):
            assert "Welcome" in (await user.next_replies(expect=2, timeout=30))[0].text
        assert len({bot.tg.delivered_at(u) for u in sent if u is not None}) == 1
        assert "How old" in (await first.send_and_wait("India"))[-1].text   # still polling
        assert sent[1] is not None and bot.tg.update_state(sent[1]) == "confirmed"
        async with bot.store.reading() as db:
            letters = await db.execute_fetchall("SELECT update_id, kinds, error FROM "
                                                "dead_letters")
        assert [(u, kinds) for u, kinds, _ in letters] == [(sent[1], "message")]
        assert letters[0][2]                                   # the error's type
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "set aside" in logged and "Qwzx" not in logged and "India" not in logged


def test_polling_that_dies_ends_the_process_with_status_1_and_one_line(tmp_path: Path) -> None:
    with FakeTelegram.in_thread(DEFAULT_TOKEN, seed=19) as tg:
        process = start_bot(tg, tmp_path / "bot.sqlite3")
        try:   # an answer PTB cannot take: `result` is not a list of updates
            tg.inject("getUpdates", 200, b'{"ok": true, "result": 5}')
            _, stderr = process.communicate(timeout=60)
        finally:
            process.kill()
    assert process.returncode == 1, stderr
    died = [line for line in stderr.splitlines() if "stopped unexpectedly" in line]
    assert len(died) == 1 and "polling stopped unexpectedly (TypeError)" in died[0], stderr
    assert "stopped; database closed" in stderr
