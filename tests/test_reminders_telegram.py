"""Reminders through the real PTB stack and the fake Bot API: the buttons' data survives the
round trip through Telegram, the HTML is accepted, the command menu lists /reminders, and a
restart between the birth-month question and its answer loses nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import App, running, telegram_app
from bot.chat.service import ChatService
from bot.common.markup import Html
from bot.engine.engine import Engine
from bot.storage.store import Store
from conversations.qmas import QMAS
from tests.support.bot_harness import ReportingInbox, bot_config
from tests.support.chatting import answer
from tests.support.fake_telegram import DEFAULT_TOKEN, FakeTelegram
from tests.test_conversation import BELOW, TODAY, rows

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only


def _app(tg: FakeTelegram, path: Path, store: Store) -> App:
    service = ChatService(store, Engine(QMAS), Html(), today=lambda: TODAY, reminders=True)
    return telegram_app(bot_config(tg, path), store, service, ReportingInbox(store, tg))


async def test_opt_in_birth_month_across_a_restart_and_stop_in_telegram(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with FakeTelegram(DEFAULT_TOKEN, seed=3) as tg:
        failures: list[str] = []
        async with running(_app(tg, path, await Store.open(path)), failures.append):
            # post_init sets the command menus
            assert {"command": "reminders", "description": "My reminders"} in tg.commands()
            assert {"command": "reminders", "description": "我的提醒"} in tg.commands(
                language_code="zh")
            user = tg.user(501)
            # each step waits for its reply: planning reminders takes a while without a request
            await user.send_and_wait("/start", expect=2)
            for reply in BELOW:
                await answer(user, reply)
            result, rating = tg.transcript(501)[-2:]     # the result, then "was it useful?"
            assert "Remind me when my result changes" in result.button_texts
            assert rating.button_texts == ["Useful", "Not sure", "Not useful"]
            replies = await user.press_and_wait("Not useful", expect=1)
            assert replies[-1].edited and replies[-1].button_texts == ["Skip"]
            replies = await user.send_and_wait("Too many questions.", expect=1)
            assert replies[-1].text == "Thank you for your answer."
            answered = len(tg.calls_to("answerCallbackQuery"))
            await user.press("Not sure", rating)                                # a second tap
            toast = await tg.wait_for_call("answerCallbackQuery", answered + 1)
            assert toast["text"] == "You have already answered this question. Thank you."
            assert rows(path, "SELECT useful, reason FROM feedback") == [
                ("not_useful", "Too many questions.")]
            replies = await user.press_and_wait("Remind me when my result changes", result,
                                                expect=1)
            assert any("month and year of birth" in r.text for r in replies)
        # a new application on the same file: the question asked is still awaited
        async with running(_app(tg, path, await Store.open(path)), failures.append):
            replies = await user.send_and_wait("03/1981", expect=1)
            assert replies[-1].text.startswith("Reminders are on.")
            replies = await user.send_and_wait("/reminders", expect=1)
            assert "Stop these" in replies[-1].button_texts
            replies = await user.press_and_wait("Stop these", expect=1)
            assert replies[-1].text.startswith("Reminders stopped")
        assert failures == []
    assert rows(path, "SELECT count(*) FROM reminder_optins") == [(0,)]
