"""`qmas-bot notices` as an operator runs it: a subprocess on a real SQLite file, and, for
--send, the real PTB bot against the fake Bot API server."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from bot.reminders import usecases
from bot.reminders.plan import add_months
from bot.storage import reminders as db
from bot.storage.store import Store, Write
from tests.support.fake_telegram import DEFAULT_TOKEN, FakeTelegram
from tests.test_reminders import ANSWERS


def _opt_in(path: Path, *user_keys: str) -> list[str]:
    """Users at 4.5 years of work who opted in today; their pseudonyms."""
    async def seed() -> list[str]:
        store = await Store.open(path)
        try:
            names = []
            for key in user_keys:
                await store.save(key, Write(), update_id=None)
                await usecases.opt_in(store, key, ANSWERS, date.today(), "en")
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
    assert "Criterion 6: At least 5 years of graduate- or specialist-level work" in shown.stdout
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
        assert "✅ Criterion 6: At least 5 years" in message.text
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
        register_job(app.job_queue, lambda: store, clock=lambda: later,
                     interval=timedelta(seconds=0.1), first=0)
        try:
            async with app:
                await app.start()
                await tg.wait_for_call("sendMessage")
                await asyncio.sleep(0.5)                   # several more runs of the job
                await app.stop()
        finally:
            await store.close()
        assert len(ann.messages) == 1
        assert ann.messages[0].text.startswith("Reminder: on ")
