"""Only the current question keeps its buttons, and taking the others off costs one Bot API
call per question that had any: none where there were none, none where an edit did it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support.bot_harness import RunningBot
from tests.support.ptb_client import offline_bot
from tests.test_reliability import started


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with offline_bot(tmp_path / "bot.sqlite3") as running:
        yield running


async def test_buttons_come_off_answered_questions_with_no_call_nobody_sees(
        bot: RunningBot) -> None:
    tg = bot.tg
    user = await started(bot, 402)
    for typed in ("India", "34"):   # questions without buttons: nothing to take off
        await user.send_and_wait(typed)
    assert tg.calls_to("editMessageReplyMarkup") == []

    asked = user.last_message
    assert asked is not None and asked.buttons
    await user.send_and_wait("Master's", expect=2)   # typed over the buttons
    assert [(c["chat_id"], c["message_id"]) for c in tg.calls_to("editMessageReplyMarkup")] \
        == [(user.chat_id, asked.message_id)]

    for typed in ("Imperial College London", "yes", "University of Toronto"):
        await user.send_and_wait(typed)
    removals = len(tg.calls_to("editMessageReplyMarkup"))
    pressed = user.last_message
    assert pressed is not None and pressed.buttons
    await user.press_and_wait(pressed.buttons[0][0][0])   # the press edits that message
    assert len(tg.calls_to("editMessageReplyMarkup")) == removals
    assert [m.message_id for m in user.messages if m.buttons] == [user.messages[-1].message_id]
