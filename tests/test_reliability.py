"""Faults and hostile input: the bot retries what is worth it, never crashes, loses nothing."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import string
import subprocess
import sys
import threading
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine.engine import Engine
from bot.engine.interpret import DONE, NONE_OF_THESE, NOT_SURE
from bot.engine.state import State
from bot.engine.turns import Back, Change, Input, Pressed, Show, Typed
from bot.frontends import delivery, polling
from bot.i18n.translator import Translator
from bot.scoring.answers import parse_answers
from conversations.qmas import QMAS
from tests.support.bot_harness import RunningBot, running_bot
from tests.support.fake_telegram import FakeTelegram, FakeUser
from tests.support.storing import stored_state

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """The retry and polling back-offs keep their doubling, at a hundredth of the pause: the
    tests check what is retried, not how long a pause lasts."""
    monkeypatch.setattr(delivery, "RETRY_PAUSE", delivery.RETRY_PAUSE / 100)
    monkeypatch.setattr(polling, "FIRST_BACKOFF", polling.FIRST_BACKOFF / 100)


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with running_bot(tmp_path / "bot.sqlite3") as running:
        yield running


async def answers_of(bot: RunningBot, user: FakeUser) -> dict[str, object]:
    state = await stored_state(bot.store, f"tg:{user.id}")
    return dict(state.answers) if state else {}


async def started(bot: RunningBot, user_id: int) -> FakeUser:
    user = bot.tg.user(user_id)
    await user.send_and_wait("/start")
    return user


# --- Telegram API faults ---------------------------------------------------------------------

@pytest.mark.parametrize("fault", [
    {"response_status": 502, "body_or_description": "Bad Gateway", "times": 2},
    {"response_status": 500, "body_or_description": "Internal Server Error"},
    {"drop_connection": True},
    {"response_status": 502, "body_or_description": b"<html>502 Bad Gateway</html>"},
])
async def test_send_faults_are_retried_and_nothing_is_lost(bot: RunningBot,
                                                           fault: dict[str, object]) -> None:
    user = await started(bot, 301)
    bot.tg.inject("sendMessage", **fault)  # type: ignore[arg-type]
    replies = await user.send_and_wait("India", timeout=15, expect=1)
    assert "How old" in replies[-1].text
    assert await answers_of(bot, user) == {"nationality": "IN"}


async def test_flood_wait_is_sat_out_by_ptbs_rate_limiter(tmp_path: Path) -> None:
    """429s are left to AIORateLimiter (on in production), the one layer that retries them."""
    async with running_bot(tmp_path / "db", rate_limit=True) as bot:
        user = await started(bot, 307)
        bot.tg.inject("sendMessage", retry_after=1)
        replies = await user.send_and_wait("India", timeout=15, expect=1)
        assert "How old" in replies[-1].text
        assert await answers_of(bot, user) == {"nationality": "IN"}


async def test_a_timed_out_but_delivered_reply_is_not_repeated_and_the_rest_follows(
        bot: RunningBot) -> None:
    user = bot.tg.user(309)
    bot.tg.inject("sendMessage", delay=6)   # beyond PTB's 5 s read timeout; then delivered
    await user.send_and_wait("/start", timeout=20, expect=2)
    await bot.tg.wait_idle(timeout=10)
    # each once, no "something went wrong" (the fake stores the delayed one last)
    assert sorted(m.text[:8] for m in user.messages) == ["Question", "Welcome!"]


async def test_persistent_send_failure_keeps_the_answer(bot: RunningBot) -> None:
    user = await started(bot, 302)
    bot.tg.inject("sendMessage", 502, "Bad Gateway", times=6)
    await user.send_and_wait("India", timeout=15)   # finished after its retries back off
    assert await answers_of(bot, user) == {"nationality": "IN"}
    replies = await user.send_and_wait("34", timeout=15)   # 2 faults remain
    assert "highest degree" in replies[-1].text
    assert await answers_of(bot, user) == {"nationality": "IN", "age": 34}


async def test_blocked_user_does_not_crash_the_bot(bot: RunningBot) -> None:
    user = await started(bot, 303)
    bot.tg.inject("sendMessage", 403, "Forbidden: bot was blocked by the user")
    await user.send_and_wait("India")
    assert await answers_of(bot, user) == {"nationality": "IN"}
    other = await started(bot, 304)                       # everyone else is served
    assert "passport" in (other.last_message.text if other.last_message else "")


@pytest.mark.parametrize(("method", "description"), [
    ("answerCallbackQuery", "Bad Request: query is too old and response timeout expired or "
                            "query ID is invalid"),
    ("editMessageText", "Bad Request: message to edit not found"),
    ("editMessageText", "Bad Request: message can't be edited"),
])
async def test_refused_callback_answer_or_edit_still_moves_on(bot: RunningBot, method: str,
                                                              description: str) -> None:
    user = await started(bot, 305)
    await user.send_and_wait("India")
    await user.send_and_wait("30")
    bot.tg.inject(method, 400, description)
    replies = await user.press_and_wait("Master's")
    assert any("Which university" in r.text for r in replies)
    assert (await answers_of(bot, user))["highest_degree"] == "master"


async def test_polling_survives_server_errors(bot: RunningBot) -> None:
    bot.tg.inject("getUpdates", 502, "Bad Gateway", times=2)
    user = bot.tg.user(306)
    replies = await user.send_and_wait("/start", timeout=20, expect=1)
    assert "Welcome" in replies[0].text


# --- storage faults --------------------------------------------------------------------------

async def test_database_locked_by_another_writer_waits(bot: RunningBot) -> None:
    user = await started(bot, 307)
    other = sqlite3.connect(bot.db_path, timeout=10, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")                      # hold the write lock...
    release = threading.Timer(1.0, other.rollback)        # ...for one second
    release.start()
    try:
        replies = await user.send_and_wait("India", timeout=15, expect=1)
    finally:
        release.join()
        other.close()
    assert "How old" in replies[-1].text
    assert await answers_of(bot, user) == {"nationality": "IN"}


async def test_disk_full_refuses_politely_and_keeps_earlier_answers(bot: RunningBot) -> None:
    user = await started(bot, 308)
    await user.send_and_wait("India")
    async with bot.store.reading() as db:                  # cap the file, then fill it up
        pages = (await db.execute_fetchall("PRAGMA page_count", ()))[0][0]  # type: ignore[index]
        await db.execute(f"PRAGMA max_page_count = {pages}")
        with contextlib.suppress(sqlite3.OperationalError):   # every answer adds an event
            for _ in range(10_000):   # row by row: "disk full" rolls back the transaction
                await db.execute("INSERT INTO events (kind, at) VALUES ('filler', '')")
                await db.commit()
    try:
        replies = await user.send_and_wait("34", timeout=10)
    finally:
        async with bot.store.reading() as db:
            await db.execute("DELETE FROM events WHERE kind = 'filler'")
            await db.execute("PRAGMA max_page_count = 1073741823")
            await db.commit()
    assert any("went wrong" in r.text for r in replies), [r.text[:80] for r in replies]
    assert await answers_of(bot, user) == {"nationality": "IN"}
    replies = await user.send_and_wait("34")
    assert "highest degree" in replies[-1].text


# --- start-up --------------------------------------------------------------------------------

def run_bot(env: dict[str, str], timeout: float = 30) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "QMAS_RATE_LIMIT": "0", **env}
    full.pop("TELEGRAM_BOT_TOKEN", None) if "TELEGRAM_BOT_TOKEN" not in env else None
    return subprocess.run([sys.executable, "-m", "bot", "run"], env=full, capture_output=True,
                          text=True, timeout=timeout)


def test_missing_token_is_a_clear_error(tmp_path: Path) -> None:
    done = run_bot({"QMAS_DB_PATH": str(tmp_path / "db")})
    assert done.returncode == 2
    assert done.stderr.strip().startswith("TELEGRAM_BOT_TOKEN: not set")


def test_rejected_token_is_a_clear_error(tmp_path: Path) -> None:
    with FakeTelegram.in_thread("1111:right-token") as tg:
        done = run_bot({"TELEGRAM_BOT_TOKEN": "2222:wrong-token", "TELEGRAM_API_URL": tg.api_url,
                        "QMAS_DB_PATH": str(tmp_path / "db")})
    assert done.returncode == 2
    assert "TELEGRAM_BOT_TOKEN: rejected" in done.stderr
    assert "Traceback" not in done.stderr and "wrong-token" not in done.stderr


def test_foreign_database_is_refused_at_start(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with FakeTelegram.in_thread("1111:right-token") as tg:
        done = run_bot({"TELEGRAM_BOT_TOKEN": "1111:right-token",
                        "TELEGRAM_API_URL": tg.api_url, "QMAS_DB_PATH": str(path)})
    assert done.returncode != 0
    assert "not ours" in done.stderr and "Traceback" not in done.stderr


SECRET = "424242:SeCrEt-token-that-must-never-be-logged_0123"


def test_token_never_reaches_any_output(tmp_path: Path) -> None:
    with FakeTelegram.in_thread(SECRET) as tg:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            env={**os.environ, "TELEGRAM_BOT_TOKEN": SECRET, "TELEGRAM_API_URL": tg.api_url,
                 "QMAS_DB_PATH": str(tmp_path / "db"), "QMAS_RATE_LIMIT": "0"},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        tg.watch_inbox(tmp_path / "db")
        try:
            tg.run(tg.wait_for_call("getUpdates", timeout=120), timeout=120)   # it polls
            user = tg.user(42)
            tg.run(user.send_and_wait("/start", timeout=30))
            tg.inject("sendMessage", 502, "Bad Gateway", times=6)    # errors get logged
            tg.inject("getUpdates", 500, "Internal Server Error", times=2)
            tg.run(user.send_and_wait("India", timeout=15))
            tg.run(user.send_and_wait("34", timeout=15))
        finally:
            process.terminate()
            output, _ = process.communicate(timeout=30)
    assert "Bad Gateway" in output                                  # the incidents are logged
    assert SECRET not in output and SECRET.partition(":")[2] not in output


async def test_flood_gets_one_notice_and_stops_by_itself(tmp_path: Path) -> None:
    async with running_bot(tmp_path / "db", flood_limit=20, flood_window=10.0) as bot:
        user = bot.tg.user(500)
        for i in range(100):
            await user.send(f"message {i}")
        while not any("very fast" in m.text for m in user.messages):   # the 21st update's
            await user.next_replies(timeout=30, expect=1)
        await bot.tg.wait_idle(timeout=30)
        notices = [m for m in user.messages if "very fast" in m.text]
        handled = [m for m in user.messages if "did not recognise" in m.text]
        assert len(notices) == 1
        assert len(handled) == 20                          # the limit, then silence


# --- property-based: the engine never breaks, whatever is typed or pressed --------------------

ENGINE = Engine(QMAS)
EN = Translator.for_code("en")
ACTIONS = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=string.digits + ".,万亿kKmM $€¥-", max_size=12),
    st.sampled_from(["yes", "no", "not sure", "India", "Korea", "MIT", "NTU", "HK$ 1.2m",
                     "English, Chinese", "Master's", "0", "5", "/"]),
    st.sampled_from(["#0", "#1", "#2", "#3", f"#{NOT_SURE}", f"#{DONE}", f"#{NONE_OF_THESE}",
                     "#99", "#", "#back", "#change"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ACTIONS, max_size=40))
def test_engine_never_breaks(actions: list[str]) -> None:
    state = State()
    day = date(2026, 11, 24)
    for action in actions:
        event: Input = Typed(action)
        if action == "#back":
            event = Back()
        elif action == "#change":
            asked = ENGINE.review(state)
            event = Change(asked[0][0].id) if asked else Show()
        elif action.startswith("#"):
            event = Pressed(state.revision, action[1:])
        outcome = ENGINE.apply(state, event, EN, day)
        if not outcome.changed:
            assert outcome.state == state                 # refused or stale: nothing changed
        state = outcome.state
        parse_answers(state.answers, day)                 # every stored answer is valid
        assert State.from_json(json.loads(json.dumps(state.to_json()))) == state
        prompt, expected = outcome.prompt, ENGINE.prompt(state, day)
        if isinstance(event, Back) and prompt is not None and expected is not None:
            assert prompt.previous is None or prompt.question.id not in state.answers
            prompt = replace(prompt, previous=expected.previous)   # /back shows what it undid
        assert prompt == expected
        assert prompt is None or prompt.number <= prompt.total
