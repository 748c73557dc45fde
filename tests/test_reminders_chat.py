"""Reminders in the chat: opt in under a result, the month of birth, /reminders, cancel, stop,
/delete, /help, /privacy and /mydata, driven in-process with the real service and SQLite."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.chat.callbacks import decode, encode
from bot.chat.service import ChatService
from bot.common.markup import Plain
from bot.reminders.buttons import CancelReminder, Reminders
from bot.storage.store import Store
from tests.support.chat_client import ENGINE, ChatClient
from tests.test_conversation import BELOW, MEETS, TODAY, answer, rows

REMIND = "Remind me when my result changes"
SOON = [*MEETS[:7], "4.5", *MEETS[8:]]   # 4.5 years of graduate work: 5 within the horizon


class Chat:
    def __init__(self, service: ChatService, path: Path) -> None:
        self.service, self.path = service, path

    async def finished(self, user_id: int, replies: list[str], tag: str = "en") -> ChatClient:
        user = ChatClient(self.service, user_id, tag)
        await user.send("/start")
        for reply in replies:
            await answer(user, reply)
        return user


async def _chat(path: Path, reminders: bool) -> AsyncIterator[Chat]:
    store = await Store.open(path)
    try:
        yield Chat(ChatService(store, ENGINE, Plain(), today=lambda: TODAY, retention_days=60,
                               reminders=reminders), path)
    finally:
        await store.close()


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Chat]:
    async for running in _chat(tmp_path / "bot.sqlite3", True):
        yield running


@pytest.fixture
async def terminal(tmp_path: Path) -> AsyncIterator[Chat]:
    async for running in _chat(tmp_path / "bot.sqlite3", False):
        yield running


async def test_opt_in_list_cancel_and_stop(chat: Chat) -> None:
    user = await chat.finished(1, SOON)
    assert REMIND in user.messages[-2].labels         # under the result, never on by default
    assert rows(chat.path, "SELECT count(*) FROM reminder_optins") == [(0,)]
    await user.press(REMIND)
    assert user.last.text.startswith("Reminders are on.")
    assert "month and year of birth" not in user.text  # age 34: getting older changes nothing
    assert user.last.labels == ["My reminders", "Stop these"]
    await user.send("Hello")                            # not taken as a month of birth
    assert "month and year of birth" not in user.text
    await user.press("My reminders")
    listing = user.last
    assert listing.text.startswith("Your reminders")
    cancels = [label for label in listing.labels if label.startswith("Cancel the reminder")]
    assert cancels and listing.labels[-1] == "Stop these"
    before = rows(chat.path, "SELECT count(*) FROM reminders WHERE status = 'pending'")[0][0]
    await user.press(cancels[0])
    assert "has been cancelled" in user.last.text
    assert rows(chat.path, "SELECT count(*) FROM reminders WHERE status = 'pending'") == [
        (before - 1,)]
    await user.send("/reminders")
    assert cancels[0] not in user.last.labels
    await user.press("Stop these")
    assert user.last.text.startswith("Reminders stopped")
    assert rows(chat.path, "SELECT count(*) FROM reminder_optins") == [(0,)]
    await user.send("/reminders")
    assert "You have not asked for reminders" in user.last.text


async def test_birth_month_asked_only_when_age_matters(chat: Chat) -> None:
    user = await chat.finished(2, BELOW)              # 45: over 50 within the horizon
    await user.press(REMIND)
    assert "month and year of birth" in user.text
    await user.send("soon")                             # refused, asked again, nothing lost
    assert "as MM/YYYY" in user.last.text
    await user.send("03/1970")                          # does not match the age given
    assert "does not match the age you gave (45)" in user.last.text
    await user.send("03/1981")
    assert user.last.text.startswith("Reminders are on.")
    assert rows(chat.path, "SELECT birth_month FROM reminder_optins") == [("1981-03",)]
    await user.send("03/1981")                          # no longer waiting: the questionnaire
    assert "Reminders are on." not in user.text
    data = await user.mydata()
    assert data["reminders"]["birth_month"] == "1981-03" and data["reminders"]["scheduled"]


async def test_a_command_ends_the_wait_for_the_birth_month(chat: Chat) -> None:
    user = await chat.finished(3, BELOW)
    await user.press(REMIND)
    await user.send("/help")
    assert "/reminders: see or cancel your reminders" in user.text
    await user.send("03/1981")
    assert rows(chat.path, "SELECT birth_month, birth_month_asked FROM reminder_optins") == [
        (None, 0)]


async def test_a_button_ends_the_wait_for_the_birth_month(chat: Chat) -> None:
    user = await chat.finished(9, BELOW)
    await user.press(REMIND)
    assert rows(chat.path, "SELECT birth_month_asked FROM reminder_optins") == [(1,)]
    await user.press("My reminders")
    assert user.last.text.startswith("Your reminders")
    await user.send("03/1981")
    assert rows(chat.path, "SELECT birth_month, birth_month_asked FROM reminder_optins") == [
        (None, 0)]


async def test_a_restart_between_the_question_and_the_answer_keeps_the_question(
        tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async for before in _chat(path, True):
        user = await before.finished(8, BELOW)
        await user.press(REMIND)
        assert "month and year of birth" in user.last.text
    assert rows(path, "SELECT birth_month_asked FROM reminder_optins") == [(1,)]
    async for after in _chat(path, True):       # a new store and service on the same file
        user = ChatClient(after.service, 8, "en")
        await user.send("03/1981")
        assert user.last.text.startswith("Reminders are on.")
    assert rows(path, "SELECT birth_month, birth_month_asked FROM reminder_optins") == [
        ("1981-03", 0)]


async def test_a_new_result_replans_and_delete_removes_everything(chat: Chat) -> None:
    user = await chat.finished(4, MEETS)
    await user.press(REMIND)
    await user.send("/review")
    await user.press("Change 2")
    await user.send("35")
    [(stored,)] = rows(chat.path, "SELECT answers FROM reminder_optins")
    assert json.loads(str(stored))["age"] == 35
    await user.send("/delete")
    await user.press("Delete everything")
    for table in ("reminder_optins", "reminders", "users", "assessments"):
        assert rows(chat.path, f"SELECT count(*) FROM {table}") == [(0,)]


async def test_privacy_explains_reminders_and_retention(chat: Chat) -> None:
    user = ChatClient(chat.service, 5, "en")
    await user.send("/privacy")
    assert "deleted 60 days after" in user.text and "Reminders (only if you ask" in user.text


async def test_traditional_chinese(chat: Chat) -> None:
    user = await chat.finished(6, MEETS, tag="zh-hant")
    label = user.messages[-2].labels[-1]              # the result's, above "was it useful?"
    assert label != REMIND and "提醒" in label
    await user.press(label)
    assert "提醒" in user.last.text and len(user.last.labels) == 2
    await user.send("/reminders")
    assert user.last.labels[-1] != "Stop these"
    await user.press(user.last.labels[-1])
    assert rows(chat.path, "SELECT count(*) FROM reminder_optins") == [(0,)]
    await user.send("/privacy")
    assert "60" in user.text and "提醒" in user.text


async def test_terminal_offers_no_reminders(terminal: Chat) -> None:
    user = await terminal.finished(7, MEETS)
    assert REMIND not in [label for shown in user.messages for label in shown.labels]
    await user.press_data(encode(Reminders("optin")))   # forged: nothing is stored
    assert rows(terminal.path, "SELECT count(*) FROM reminder_optins") == [(0,)]
    await user.send("/reminders")
    assert "only available in Telegram" in user.last.text
    await user.send("/help")
    assert "/reminders" not in user.text


@pytest.mark.parametrize("pressed", [Reminders("optin"), Reminders("list"), Reminders("stop"),
                                     CancelReminder(7), CancelReminder(10 ** 12)])
def test_reminder_buttons_round_trip(pressed: Reminders | CancelReminder) -> None:
    assert decode(encode(pressed)) == pressed


@pytest.mark.parametrize("forged", ["rem:", "rem:go", "rem:cancel:", "rem:cancel:-1",
                                    "rem:cancel:１", "rem:list:1", "rem:stop:x"])
def test_forged_reminder_buttons_mean_nothing(forged: str) -> None:
    assert decode(forged) is None
