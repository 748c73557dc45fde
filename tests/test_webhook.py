"""Webhook mode end to end: forged requests refused, genuine ones answered, /healthz.

The real bot serves its webhook on 127.0.0.1; this test posts updates to it as Telegram would
(with and without the secret), and the fake Bot API server takes the bot's replies.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.config import Config, ConfigError
from bot.frontends.webhook import SECRET_HEADER, webhook_path
from tests.support.bot_harness import RunningBot, running_bot
from tests.support.fake_telegram import FakeUser
from tests.support.ports import free_port

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only

SECRET = "s3cret-" + "x" * 40
PUBLIC = "https://bot.example.org"


@pytest.fixture
async def hooked(tmp_path: Path) -> AsyncIterator[tuple[RunningBot, str]]:
    port = free_port()
    async with running_bot(tmp_path / "db", webhook_url=PUBLIC, webhook_secret=SECRET,
                           webhook_listen="127.0.0.1", webhook_port=port) as bot:
        yield bot, f"http://127.0.0.1:{port}"


def message(user: FakeUser, update_id: int, text: str) -> dict[str, Any]:
    """A private message as Telegram would post it."""
    entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] \
        if text.startswith("/") else []
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()), "text": text, "entities": entities,
        "chat": {"id": user.id, "type": "private", "first_name": user.first_name},
        "from": {"id": user.id, "is_bot": False, "first_name": user.first_name,
                 "language_code": "en"}}}


async def post(base: str, update: dict[str, Any], secret: str | None = SECRET,
               path: str | None = None) -> int:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    async with aiohttp.ClientSession() as http, http.post(
            base + (path or webhook_path(SECRET)), json=update, headers=headers) as response:
        return response.status


def inbox_ids(bot: RunningBot) -> list[int]:
    with sqlite3.connect(bot.db_path) as conn:
        return [row[0] for row in conn.execute("SELECT update_id FROM inbox")]


async def test_webhook_is_registered_with_secret_and_only_the_handled_update_types(
        hooked: tuple[RunningBot, str]) -> None:
    bot, _ = hooked
    params = bot.tg.calls_to("setWebhook")[-1]
    assert params["url"] == PUBLIC + webhook_path(SECRET)
    assert params["secret_token"] == SECRET
    assert sorted(params["allowed_updates"]) == ["callback_query", "message"]
    assert SECRET not in webhook_path(SECRET) and len(webhook_path(SECRET)) > 32


async def test_forged_requests_get_403_and_change_nothing(
        hooked: tuple[RunningBot, str]) -> None:
    bot, base = hooked
    victim = bot.tg.user(8101)
    assert await post(base, message(victim, 10, "/start")) == 200
    await victim.next_replies(expect=2, timeout=10)
    sends = len(bot.tg.calls_to("sendMessage"))
    assert await post(base, message(victim, 11, "/delete"), secret=None) == 403
    assert await post(base, message(victim, 12, "India"), secret="wrong" + SECRET[5:]) == 403
    assert await post(base, message(victim, 13, "India"), path="/") == 404   # unguessed path
    assert await post(base, message(victim, 14, "India"), path="/telegram") == 404
    await bot.tg.wait_idle()
    assert inbox_ids(bot) == [10]
    assert len(bot.tg.calls_to("sendMessage")) == sends
    async with bot.store.reading() as db, db.execute(
            "SELECT count(*) FROM users WHERE user_key = 'tg:8101'") as cur:
        assert await cur.fetchone() == (1,)


async def test_genuine_update_is_stored_before_200_answered_once_and_retries_are_harmless(
        hooked: tuple[RunningBot, str]) -> None:
    bot, base = hooked
    user = bot.tg.user(8102)
    assert await post(base, message(user, 20, "/start")) == 200
    assert 20 in inbox_ids(bot)                        # stored by the time Telegram hears 200
    replies = await user.next_replies(expect=2, timeout=10)
    assert "Welcome" in replies[0].text
    assert await post(base, message(user, 21, "India")) == 200
    assert "How old" in (await user.next_replies(expect=1, timeout=10))[-1].text
    assert await post(base, message(user, 21, "India")) == 200   # Telegram retried: no effect
    assert await user.next_replies(timeout=3) == []
    assert await post(base, {"no": "update"}) == 400
    assert await post(base, [1, 2]) == 400                          # type: ignore[arg-type]


async def test_health_reports_whether_the_database_takes_writes(
        hooked: tuple[RunningBot, str]) -> None:
    bot, base = hooked
    assert await health(base) == 200
    with sqlite3.connect(bot.db_path, isolation_level=None) as other:
        other.execute("BEGIN EXCLUSIVE")
        assert await health(base) == 503
        other.execute("ROLLBACK")
    assert await health(base) == 200


async def health(base: str) -> int:
    async with aiohttp.ClientSession() as http, http.get(base + "/healthz") as response:
        return response.status


async def test_a_failed_intake_write_turns_health_to_503_until_one_succeeds(
        hooked: tuple[RunningBot, str]) -> None:
    """The disk is full (simulated with SQLite's `max_page_count`): the update is refused with
    500, so Telegram keeps it, and /healthz says so; once there is room it is stored."""
    bot, base = hooked
    user = bot.tg.user(8103)
    async with bot.store.reading() as db:
        pages = (await db.execute_fetchall("PRAGMA page_count"))[0][0]
        await db.execute(f"PRAGMA max_page_count = {pages}")
    update = message(user, 30, "/start " + "x" * 200_000)
    assert await post(base, update) == 500
    assert await health(base) == 503
    assert 30 not in inbox_ids(bot)
    async with bot.store.reading() as db:
        await db.execute("PRAGMA max_page_count = 1073741823")
    assert await post(base, update) == 200          # Telegram's retry
    assert await health(base) == 200
    assert 30 in inbox_ids(bot)


async def test_a_deleted_database_file_turns_health_to_503_and_refuses_updates(
        hooked: tuple[RunningBot, str]) -> None:
    bot, base = hooked
    user = bot.tg.user(8104)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{bot.db_path}{suffix}").unlink(missing_ok=True)
    assert await health(base) == 503
    assert await post(base, message(user, 40, "/start")) == 500   # not acknowledged: not lost
    assert not bot.db_path.exists()


async def test_an_unreadable_update_is_set_aside_and_confirmed(
        hooked: tuple[RunningBot, str]) -> None:
    bot, base = hooked
    poisoned = {"update_id": 50, "message": {"message_id": 2, "date": "not-a-date",
                                             "chat": {"id": 7603, "type": "private"}}}
    assert await post(base, poisoned) == 200
    with sqlite3.connect(bot.db_path) as conn:
        assert conn.execute("SELECT update_id, kinds FROM dead_letters").fetchall() == [
            (50, "message")]
    assert 50 not in inbox_ids(bot)


@pytest.mark.parametrize(("env", "error"), [
    ({"QMAS_WEBHOOK_URL": PUBLIC}, "QMAS_WEBHOOK_SECRET: required"),
    ({"QMAS_WEBHOOK_URL": PUBLIC, "QMAS_WEBHOOK_SECRET": "short"}, "32 to 256"),
    ({"QMAS_WEBHOOK_URL": PUBLIC, "QMAS_WEBHOOK_SECRET": "é" * 40}, "32 to 256"),
    ({"QMAS_LOG_FORMAT": "xml"}, "text or json"),
])
def test_webhook_without_a_usable_secret_is_refused(env: dict[str, str], error: str) -> None:
    with pytest.raises(ConfigError, match=error):
        Config.from_env(env)


def test_bot_refuses_to_start_a_webhook_without_secret(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "bot", "run"], capture_output=True, text=True,
                          timeout=60, env={"TELEGRAM_BOT_TOKEN": "1:x", "QMAS_WEBHOOK_URL": PUBLIC,
                                           "QMAS_DB_PATH": str(tmp_path / "db"),
                                           "PATH": "/usr/bin:/bin"})
    assert done.returncode == 2
    assert "QMAS_WEBHOOK_SECRET" in done.stderr and "Traceback" not in done.stderr
