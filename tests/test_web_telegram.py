"""The web chat beside the Telegram bot in one process (`qmas-bot start` with QMAS_WEB_PORT):
the same answers give the same result on both, in the same database, counted by channel."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.stats.figures import statistics
from bot.stats.period import Period
from tests.support.bot_harness import running_bot
from tests.support.chatting import mydata
from tests.support.fake_telegram import FakeUser
from tests.support.ports import free_port
from tests.support.seeding import MEETS
from tests.support.web_client import WebVisitor

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only


def asks(text: str) -> bool:
    """A message that asks the next question or gives the result."""
    return ("Question " in text and " of about " in text) or "of the 12 criteria" in text


async def asked_again(user: FakeUser, reply: str) -> None:
    """Answer (a button if the question has one labelled `reply`), then wait for the next
    question or the result, whatever comes before it (an edit, a remark)."""
    last = user.last_message
    if last is not None and reply in last.button_texts:
        replies = await user.press_and_wait(reply, last, timeout=30, expect=1)
    else:
        replies = await user.send_and_wait(reply, timeout=30, expect=1)
    while not any(asks(r.text) for r in replies):
        replies = await user.next_replies(timeout=30, expect=1)


async def test_same_answers_same_result_on_web_and_telegram(tmp_path: Path) -> None:
    port = free_port()
    async with running_bot(tmp_path / "db", web_port=port, web_listen="127.0.0.1") as bot:
        user = bot.tg.user(5150)
        await user.send_and_wait("/start")
        for reply in MEETS:
            await asked_again(user, reply)
        on_telegram = (await mydata(user))["results"][-1]
        visitor = WebVisitor(f"http://127.0.0.1:{port}")
        try:
            await visitor.open()
            await visitor.start()
            for reply in MEETS:
                await visitor.answer(reply)
            await visitor.say("/mydata")
        finally:
            await visitor.close()
        on_web = json.loads(visitor.documents["qmas-mydata.json"])["results"][-1]
        for key in ("answers", "outcome", "met_count", "unknown_count", "criteria",
                    "rules_effective"):
            assert on_web[key] == on_telegram[key], key
        assert on_web["outcome"] == "meets_threshold"
        today = date.today()
        stats = await statistics(bot.store, Period(today - timedelta(days=1), today))
        assert stats.by_channel == {"telegram": 1, "web": 1}
