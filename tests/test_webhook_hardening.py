"""The webhook under hostile or odd requests: a URL with a path, ids SQLite cannot hold, slow
connections, a failing intake and a flood of forged requests (none of it may leak the path)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.frontends import webhook
from bot.frontends.intake import Intake
from bot.frontends.webhook import webhook_path
from tests.support.bot_harness import running_bot
from tests.test_webhook import SECRET, SECRET_HEADER, free_port, inbox_ids, message, post

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only

PREFIXED = "https://host.example.org/qmas/"


async def test_a_webhook_url_with_a_path_is_served_under_that_path(tmp_path: Path) -> None:
    port = free_port()
    async with running_bot(tmp_path / "db", webhook_url=PREFIXED, webhook_secret=SECRET,
                           webhook_listen="127.0.0.1", webhook_port=port) as bot:
        base = f"http://127.0.0.1:{port}"
        path = "/qmas" + webhook_path(SECRET)
        assert bot.tg.calls_to("setWebhook")[-1]["url"] == "https://host.example.org" + path
        user = bot.tg.user(8201)
        assert await post(base, message(user, 30, "/start"), path=path) == 200
        assert "Welcome" in (await user.next_replies(expect=2, timeout=10))[0].text
        assert await post(base, message(user, 31, "India")) == 404   # not without the path
        assert inbox_ids(bot) == [30]


@pytest.mark.parametrize("update_id", [2**70, 2**63, -1])
async def test_an_update_id_sqlite_cannot_hold_gets_400(tmp_path: Path, update_id: int) -> None:
    port = free_port()
    async with running_bot(tmp_path / "db", webhook_url="https://bot.example.org",
                           webhook_secret=SECRET, webhook_listen="127.0.0.1",
                           webhook_port=port) as bot:
        base = f"http://127.0.0.1:{port}"
        assert await post(base, message(bot.tg.user(8202), update_id, "/start")) == 400
        assert await post(base, message(bot.tg.user(8202), 2**63 - 1, "/start")) == 200
        assert inbox_ids(bot) == [2**63 - 1]


async def test_slow_bodies_and_idle_connections_are_closed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webhook, "BODY_TIMEOUT", 0.5)
    monkeypatch.setattr(webhook, "IDLE_TIMEOUT", 1.0)
    port = free_port()
    async with running_bot(tmp_path / "db", webhook_url="https://bot.example.org",
                           webhook_secret=SECRET, webhook_listen="127.0.0.1", webhook_port=port):
        slow_reader, slow = await asyncio.open_connection("127.0.0.1", port)
        slow.write(f"POST {webhook_path(SECRET)} HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: "
                   f"{SECRET}\r\nContent-Length: 1000\r\n\r\n{{".encode())
        idle_reader, idle = await asyncio.open_connection("127.0.0.1", port)
        started = asyncio.get_running_loop().time()
        # the server closes both: the body never completes, the idle one never sends headers
        assert await asyncio.wait_for(slow_reader.read(), 30) == b""
        assert await asyncio.wait_for(idle_reader.read(), 30) == b""
        assert asyncio.get_running_loop().time() - started >= 0.5
        slow.close()
        idle.close()


async def test_a_failing_intake_answers_500_and_the_log_keeps_neither_path_nor_flood(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
        ) -> None:
    async def broken(self: Intake, updates: object, unreadable: object) -> None:
        raise OSError("disk I/O error")     # what a full or failing disk raises

    caplog.set_level(logging.INFO)
    port = free_port()
    async with running_bot(tmp_path / "db", webhook_url="https://bot.example.org",
                           webhook_secret=SECRET, webhook_listen="127.0.0.1",
                           webhook_port=port) as bot:
        base = f"http://127.0.0.1:{port}"
        user = bot.tg.user(8203)
        for n in range(20):
            assert await post(base, message(user, 40 + n, "/start"), secret="forged" * 6) == 403
        monkeypatch.setattr(Intake, "receive", broken)
        assert await post(base, message(user, 60, "/start")) == 500
    logged = [record.getMessage() for record in caplog.records]
    assert not [line for line in caplog.text.splitlines() if webhook_path(SECRET) in line]
    assert [line for line in logged if "without the right secret" in line] == [
        "webhook: refused 1 request(s) without the right secret (the last from 127.0.0.1)"]
    assert [line for line in logged if "could not be taken" in line] == [
        "webhook: an update could not be taken (OSError); answered 500, Telegram will send it "
        "again"]
