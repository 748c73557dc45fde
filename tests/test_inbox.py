"""Nothing acknowledged is lost: the real bot process killed right after bursts of answers.

Also the inbox on its own (each update accepted once, bodies erased once handled, replay) and a
graceful SIGTERM (what was fetched is finished, the database is closed).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bot.storage.inbox import Inbox
from bot.storage.store import Store
from tests.support.chatting import mydata
from tests.support.fake_telegram import DEFAULT_TOKEN, FakeTelegram, FakeUser

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
    tg.run(tg.wait_for_call("getUpdates", count=calls + 1, timeout=60))   # polling: ready
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
        assert conn.execute("SELECT count(*) FROM inbox WHERE done_at IS NULL").fetchone() == (0,)


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


def _update(update_id: int, text: str) -> tuple[int, str]:
    return update_id, json.dumps({"update_id": update_id, "message": {"text": text}})


async def test_inbox_accepts_each_update_once_and_forgets_handled_bodies(tmp_path: Path) -> None:
    db = tmp_path / "db"
    store = await Store.open(db)
    inbox = await Inbox.open(db)
    try:
        assert await inbox.accept([_update(1, "a"), _update(2, "b")]) == [1, 2]
        assert await inbox.accept([_update(2, "b"), _update(3, "secret answer")]) == [3]
        inbox.done(1)
        inbox.done(3)
        await inbox.flush()
        assert [json.loads(b)["update_id"] for b in await inbox.undone()] == [2]
        assert await inbox.accept([_update(3, "secret answer")]) == []   # redelivered: no
    finally:
        await inbox.close()
        await store.close()
    with sqlite3.connect(db) as conn:
        assert "secret answer" not in "\n".join(conn.iterdump())


async def test_inbox_is_unhealthy_while_another_writer_holds_the_database(tmp_path: Path) -> None:
    db = tmp_path / "db"
    store = await Store.open(db)
    inbox = await Inbox.open(db)
    try:
        assert await inbox.writable()
        with sqlite3.connect(db, isolation_level=None) as other:
            other.execute("BEGIN EXCLUSIVE")
            assert not await inbox.writable()
            other.execute("ROLLBACK")
        assert await inbox.writable()
        assert await inbox.undone() == []        # the probe left nothing behind
    finally:
        await inbox.close()
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
