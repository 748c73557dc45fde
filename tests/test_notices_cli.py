"""`qmas-bot notices` as an operator runs it: a subprocess on a real SQLite file, and, for
--send, the real PTB bot against the fake Bot API server."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.reminders import store as db
from bot.reminders.optins import OptIns
from bot.reminders.plan import add_months
from bot.stats.figures import statistics
from bot.stats.period import Period
from bot.storage.store import Store
from bot.storage.writes import Write
from tests.support.fake_telegram import DEFAULT_TOKEN, FakeTelegram
from tests.test_reminders import ANSWERS

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only


def _opt_in(path: Path, *user_keys: str) -> list[str]:
    """Users at 4.5 years of work who opted in today; their pseudonyms."""
    async def seed() -> list[str]:
        store = await Store.open(path)
        try:
            names = []
            for key in user_keys:
                await store.save(key, Write(), update_id=None)
                await OptIns(store).schedule(key, ANSWERS, date.today(), "en", None)
                optin = await db.get_optin(store, key)
                assert optin is not None
                names.append(optin.pseudonym)
            return names
        finally:
            await store.close()
    return asyncio.run(seed())


def _notices(path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "QMAS_"))}
    return subprocess.run([sys.executable, "-m", "bot", "notices", *args],
                          env={**clean, "QMAS_DB_PATH": str(path), **env},
                          capture_output=True, text=True, timeout=120, check=False)


def test_dry_run_lists_the_user_seven_months_later_not_tomorrow(tmp_path: Path) -> None:
    path = tmp_path / "qmas.sqlite3"
    [name] = _opt_in(path, "tg:41")
    later = add_months(date.today(), 7)
    shown = _notices(path, "--dry-run", "--date", later.isoformat())
    assert shown.returncode == 0, shown.stderr
    assert f"{later.isoformat()}: 1 notice(s) due" in shown.stdout
    assert f"- user {name}: time change of {add_months(date.today(), 6).isoformat()}" \
        in shown.stdout
    assert "Criterion 6 — At least 5 years of graduate- or specialist-level work" in shown.stdout
    assert "tg:41" not in shown.stdout                       # pseudonymous
    tomorrow = _notices(path, "--dry-run", "--date", (date.today() + timedelta(1)).isoformat())
    assert tomorrow.returncode == 0, tomorrow.stderr
    assert name not in tomorrow.stdout
    assert "0 notice(s) due" in tomorrow.stdout
    again = _notices(path, "--dry-run", "--date", later.isoformat())
    assert name in again.stdout                              # a dry run sends nothing


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    path = tmp_path / "qmas.sqlite3"
    for args, message in ((("--dry-run", "--send"), "not allowed with argument"),
                          ((), "one of the arguments --dry-run --send is required"),
                          (("--dry-run", "--date", "soon"), "must be a date as YYYY-MM-DD"),
                          (("--send",), "TELEGRAM_BOT_TOKEN: not set")):
        done = _notices(path, *args)
        assert done.returncode == 2
        assert message in done.stderr and len(done.stderr.splitlines()) == 1


def test_send_delivers_once_through_ptb_and_stops_for_blocked_users(tmp_path: Path) -> None:
    path = tmp_path / "qmas.sqlite3"
    _opt_in(path, "tg:41", "tg:42", "tg:43")     # tg:43 never had a chat with this bot
    later = add_months(date.today(), 7).isoformat()
    with FakeTelegram.in_thread() as tg:
        ann, bob = tg.user(41), tg.user(42)
        tg.run(bob.block())
        env = {"TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN, "TELEGRAM_API_URL": tg.api_url}
        first = _notices(path, "--send", "--date", later, **env)
        assert first.returncode == 0, first.stderr
        assert "1 sent, 2 blocked" in first.stdout
        second = _notices(path, "--send", "--date", later, **env)
        assert "0 sent, 0 blocked" in second.stdout
        [message] = ann.messages
        assert message.text.startswith("Reminder: on ")
        assert "✅ Criterion 6 — At least 5 years" in message.text
        assert message.button_texts == ["My reminders", "Stop these"]
        assert DEFAULT_TOKEN not in first.stdout + first.stderr
        wrong = _notices(path, "--send", **{**env, "TELEGRAM_BOT_TOKEN": "42:wrong"})
        assert wrong.returncode == 2
        assert wrong.stderr.startswith("TELEGRAM_BOT_TOKEN: rejected by the Bot API server")
        assert "42:wrong" not in wrong.stderr


async def test_the_job_queue_sends_each_reminder_once(tmp_path: Path) -> None:
    from telegram.ext import ApplicationBuilder

    from bot.reminders.sender import register_job

    path = tmp_path / "qmas.sqlite3"
    await asyncio.to_thread(_opt_in, path, "tg:41")
    later = add_months(date.today(), 7)
    async with FakeTelegram() as tg:
        ann = tg.user(41)
        store = await Store.open(path)
        app = (ApplicationBuilder().token(DEFAULT_TOKEN).base_url(f"{tg.api_url}/bot")
               .build())
        assert app.job_queue is not None
        runs, three_more = 0, asyncio.Event()

        def clock() -> date:
            """The job's day; each run asks for it once."""
            nonlocal runs
            runs += 1
            if runs == 4:
                three_more.set()
            return later

        register_job(app.job_queue, lambda: store, clock=clock,
                     interval=timedelta(seconds=0.1), first=0)
        try:
            async with app:
                await app.start()
                await tg.wait_for_call("sendMessage")
                await asyncio.wait_for(three_more.wait(), 30)   # runs after the sending one
                await app.stop()                                # lets the run in progress end
        finally:
            await store.close()
        assert len(ann.messages) == 1
        assert ann.messages[0].text.startswith("Reminder: on ")


def _status(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as con:
        [(status,)] = con.execute("SELECT status FROM reminders").fetchall()
    return str(status)


def _killed_when(path: Path, process: subprocess.Popen[str], status: str,
                 tg: FakeTelegram) -> None:
    """SIGKILL `process` once the reminder row reached `status` after the fake saw the send."""
    tg.run(tg.wait_for_call("sendMessage", timeout=60))
    deadline = time.monotonic() + 60
    while _status(path) != status:
        assert process.poll() is None and time.monotonic() < deadline, _status(path)
        time.sleep(0.02)
    process.kill()
    process.wait(timeout=30)


def _sending(path: Path, env: dict[str, str], later: str) -> subprocess.Popen[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "QMAS_"))}
    return subprocess.Popen([sys.executable, "-m", "bot", "notices", "--send", "--date", later],
                            env={**clean, "QMAS_DB_PATH": str(path), **env}, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_killed_while_waiting_out_a_429_is_sent_by_the_next_run(tmp_path: Path) -> None:
    path = tmp_path / "qmas.sqlite3"
    _opt_in(path, "tg:41")
    later = add_months(date.today(), 7).isoformat()
    with FakeTelegram.in_thread() as tg:
        ann = tg.user(41)
        env = {"TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN, "TELEGRAM_API_URL": tg.api_url}
        tg.inject("sendMessage", retry_after=60)
        # Telegram answered 429: nothing delivered, PTB's rate limiter waits a minute
        _killed_when(path, _sending(path, env, later), "sending", tg)
        assert ann.messages == []
        again = _notices(path, "--send", "--date", later, **env)
        assert again.returncode == 0, again.stderr
        assert "1 sent" in again.stdout and "0 uncertain" in again.stdout
        assert len(ann.messages) == 1 and _status(path) == "sent"
        assert "0 sent" in _notices(path, "--send", "--date", later, **env).stdout


def test_killed_while_the_request_is_out_is_uncertain_and_never_resent(tmp_path: Path) -> None:
    path = tmp_path / "qmas.sqlite3"
    [name] = _opt_in(path, "tg:41")
    later = add_months(date.today(), 7).isoformat()
    with FakeTelegram.in_thread() as tg:
        ann = tg.user(41)
        env = {"TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN, "TELEGRAM_API_URL": tg.api_url}
        tg.inject("sendMessage", delay=3)     # delivered after the client is gone
        _killed_when(path, _sending(path, env, later), "inflight", tg)
        listed = _notices(path, "--dry-run", "--date", later)
        assert "0 notice(s) due" in listed.stdout
        assert "1 reminder(s) uncertain" in listed.stdout and f"- user {name}: time" \
            in listed.stdout
        again = _notices(path, "--send", "--date", later, **env)
        assert "0 sent" in again.stdout and "1 uncertain" in again.stdout, again.stdout
        assert "1 uncertain" not in _notices(path, "--send", "--date", later, **env).stdout
        assert _status(path) == "uncertain"
        tg.run(tg.wait_idle(timeout=10))
        assert len(ann.messages) == 1            # the fake delivered the one request


def test_a_second_sender_sends_nothing_while_one_runs(tmp_path: Path) -> None:
    path = tmp_path / "qmas.sqlite3"
    _opt_in(path, "tg:41")
    later = add_months(date.today(), 7).isoformat()

    async def hold_lock_and_send(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        store = await Store.open(path)
        try:
            async with db.sender_lock(store):
                return await asyncio.to_thread(_notices, path, "--send", "--date", later, **env)
        finally:
            await store.close()

    with FakeTelegram.in_thread() as tg:
        ann = tg.user(41)
        env = {"TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN, "TELEGRAM_API_URL": tg.api_url}
        busy = asyncio.run(hold_lock_and_send(env))
        assert busy.returncode == 1
        assert busy.stderr.strip() == "another run is sending reminders; nothing sent"
        assert tg.calls_to("sendMessage") == [] and _status(path) == "pending"
        assert "1 sent" in _notices(path, "--send", "--date", later, **env).stdout
        assert len(ann.messages) == 1


@pytest.mark.parametrize(("fault", "status", "delivered"), [
    ({"delay": 1.5}, "uncertain", 1),              # read time-out, delivered meanwhile
    ({"drop_connection": True}, "uncertain", 0),   # reset after the request left
    ({"response_status": 502}, "pending", 0),      # Telegram's answer: not delivered
    ({"retry_after": 0.2}, "sent", 1),             # waited out, then delivered once
])
async def test_a_send_without_an_answer_is_never_repeated(
        tmp_path: Path, fault: dict[str, Any], status: str, delivered: int) -> None:
    from telegram.ext import AIORateLimiter, ExtBot

    from bot.reminders import sender
    from bot.reminders.tracking import TrackedRequest

    path = tmp_path / "qmas.sqlite3"
    await asyncio.to_thread(_opt_in, path, "tg:41")
    later = add_months(date.today(), 7)
    async with FakeTelegram() as tg:
        ann = tg.user(41)
        bot: ExtBot[Any] = ExtBot(DEFAULT_TOKEN, base_url=f"{tg.api_url}/bot",
                                  request=TrackedRequest(read_timeout=0.5),
                                  rate_limiter=AIORateLimiter(max_retries=3))
        tg.inject("sendMessage", **fault)
        store = await Store.open(path)
        try:
            async with bot:
                await sender.run(store, later, sender.telegram_send(bot))
                async with store.reading() as con:
                    [(row,)] = await con.execute_fetchall("SELECT status FROM reminders")
                assert row == status
                await tg.wait_idle(timeout=10)
                assert len(ann.messages) == delivered
                again = await sender.run(store, later, sender.telegram_send(bot))
                assert again.sent == (status == "pending")
                period = Period(date.today(), date.today() + timedelta(days=1))
                reminders = (await statistics(store, period)).reminders
                assert reminders["uncertain"] == (status == "uncertain")
        finally:
            await store.close()
        assert len(ann.messages) == max(delivered, status == "pending")
