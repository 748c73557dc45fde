"""Hostile and odd updates through the real PTB handlers, fed without sockets: every message
gets an answer, what the bot does not handle changes nothing, state stays valid."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.scoring.answers import parse_answers
from tests.support.bot_harness import RunningBot
from tests.support.ptb_client import offline_bot
from tests.test_reliability import answers_of, started


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with offline_bot(tmp_path / "bot.sqlite3") as running:
        yield running


@pytest.mark.parametrize("text", [
    "x" * 4096, "\x00\x01\x02\x7f", "\u202e\u200b\ufeff", "🙂" * 1000, "<b>bold</b> & <i>",
    "/start " + "y" * 300, "/review please", "/STATS", "/delete@fake_test_bot extra",
    "%s %d {0} {age}", "'; DROP TABLE users; --",
])
async def test_odd_messages_get_an_answer_and_state_stays_valid(bot: RunningBot,
                                                                text: str) -> None:
    user = await started(bot, 400)
    await user.send_and_wait("India")
    replies = await user.send_and_wait(text, timeout=10)
    assert replies, "every message gets a reply"
    answers = await answers_of(bot, user)
    parse_answers(answers, date.today())                  # still valid contract answers
    assert answers.get("nationality") == "IN"


async def test_edits_channel_posts_and_inline_queries_are_ignored(bot: RunningBot) -> None:
    user = await started(bot, 401)
    sent = await user.send("India")
    await user.next_replies()
    await user.edit(sent, "Nepal")
    assert await user.next_replies() == []
    await bot.tg.enqueue_update({"channel_post": {
        "message_id": 1, "date": 0, "chat": {"id": -1001, "type": "channel"}, "text": "hi"}})
    await bot.tg.enqueue_update({"inline_query": {
        "id": "1", "from": {"id": 401, "is_bot": False, "first_name": "A"}, "query": "x",
        "offset": ""}})
    await bot.tg.wait_idle()
    assert await answers_of(bot, user) == {"nationality": "IN"}


async def test_a_button_of_another_users_message_changes_nothing(bot: RunningBot) -> None:
    alice, bob = await started(bot, 402), await started(bot, 403)
    for user in (alice, bob):
        await user.send_and_wait("India")
        await user.send_and_wait("30")
    message = alice.last_message
    assert message is not None
    await bot.tg.enqueue_update({"callback_query": {
        "id": "cross-1", "from": {"id": 403, "is_bot": False, "first_name": "Bob"},
        "chat_instance": "1", "data": message.buttons[0][0][1], "message": message.raw}})
    await bot.tg.wait_idle()
    assert "highest_degree" not in await answers_of(bot, alice)
    assert (await answers_of(bot, bob)).get("highest_degree") in (None, "none")
