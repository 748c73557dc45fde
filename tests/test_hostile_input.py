"""Input only a hostile or forged update carries: numbers too large for any question, callback
data with huge numbers, and button presses whose message sits in a group."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.chat.callbacks import decode
from bot.reminders import store as db
from tests.support.chat_client import conversation
from tests.support.chatting import answer
from tests.support.ptb_client import offline_bot
from tests.test_conversation import MEETS, TODAY
from tests.test_reminders import opted_in

GROUP = -100555


async def test_numbers_too_large_get_the_range_answer_and_change_nothing(tmp_path: Path) -> None:
    async with conversation(tmp_path / "db", today=TODAY) as chat:
        user = chat.user(5)
        await user.send("/start")
        replies = iter(MEETS)
        while "years of graduate- or specialist-level work" not in user.last.text:
            reply = next(replies)
            await (user.press(reply) if reply in user.last.labels else user.send(reply))
        asked = user.last.text
        await user.send("1" * 28)
        assert user.text.startswith("Please send a number of years from 0 to 80")
        assert asked.split("\n\n")[-1] in user.text        # and the same question again
        while "What is your income" not in user.last.text:
            reply = next(replies)
            await (user.press(reply) if reply in user.last.labels else user.send(reply))
        for typed in ("HKD " + "9" * 310, "HKD " + "9" * 16, "9" * 320 + " USD"):
            await user.send(typed)
            assert user.text.startswith("That amount is too large: please send at most "), typed
        await user.send("HKD 999,999,999,999,999")          # the largest amount allowed
        assert "is a very large amount. Is that right?" in user.text
        await user.press(user.last.labels[0])
        assert "Question 13" in user.text
        answers = (await user.mydata())["answers"]
        assert answers["annual_income"] == {"amount": 999999999999999, "currency": "HKD"}
        assert answers["years_graduate_work"] == 7


@pytest.mark.parametrize("data", ["rem:cancel:" + "9" * 50, "a:" + "1" * 4400 + ":0",
                                  "x:" + "٣" * 5 + ":delete", "r:" + "9" * 19 + ":criteria"])
async def test_callback_data_with_huge_or_foreign_numbers_is_stale(tmp_path: Path,
                                                                   data: str) -> None:
    assert decode(data) is None
    store = await opted_in(tmp_path / "db")     # a user with a reminder to cancel
    await store.close()
    async with conversation(tmp_path / "db", today=TODAY) as chat:
        user = chat.user(1)
        await user.press_data(data)                # treated as stale: the current question
        assert user.text.startswith("Question 1 of about")
        assert len(await db.pending(chat.store, "tg:1")) == 1


async def test_a_button_pressed_on_a_message_in_a_group_shows_nothing_there(
        tmp_path: Path) -> None:
    async with offline_bot(tmp_path / "db", today=TODAY) as bot:
        tg = bot.tg
        user = tg.user(8301)
        await user.send_and_wait("/start", expect=2)
        await answer(user, "India")
        last = user.last_message
        assert last is not None
        shown = {"message_id": last.message_id, "date": 0, "text": last.text,
                 "from": tg.bot_user, "chat": {"id": GROUP, "type": "group", "title": "G"}}
        for data in ("c:nationality", "r:1:criteria", "rem:list", "l:fr"):
            await tg.enqueue_update({"callback_query": {
                "id": f"forged-{data}", "from": user.user, "message": shown, "data": data,
                "chat_instance": "1"}})
        await tg.wait_idle(timeout=10)
        assert [c for c in tg.calls if c.params.get("chat_id") == GROUP] == []
        assert user.last_message == last             # nothing sent to the presser either
        replies = await user.send_and_wait("34", expect=1)   # state unchanged
        assert "How old" not in replies[-1].text and "34 years old ✓" in replies[-1].text
