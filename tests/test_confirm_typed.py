""""Is that right?" and "which one?" screens answered by typing: a yes or no in the user's
language does what its button does, a new answer replaces the doubted one, and other text is
pointed to the buttons (never "Please send a number"); in-process chat with the real catalogs,
and the terminal, where a typed yes or no also answers /restart's and /delete's confirmation."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.engine.interpret import BUTTON_OR_NEW, YES_NO_OR_NEW
from bot.engine.state import Doubt, Refused
from bot.frontends.terminal import TerminalChat
from bot.i18n.bidi import strip_controls
from bot.i18n.languages import by_code
from bot.i18n.text import Text, t
from bot.i18n.translator import translator_for
from bot.replies.errors import MONEY_ERROR, NUMBER_ERROR
from conversations.qmas import AGE_EXPECTED
from tests.support.chat_client import ChatClient, Conversation, conversation, user_at
from tests.support.storing import stored_state
from tests.test_typed_replies_chat import to_income

TODAY = date(2026, 11, 24)
# To "In 2015 you were about 11: is 2015 right for your bachelor's degree?"
TO_BACHELOR_YEAR_DOUBT = ["India", "22", "Bachelor's", "University of Oxford", "Yes", "English",
                          "1", "0", "0", "0", "1", "2015"]


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running



async def pending_and_answers(chat: Conversation, user: ChatClient) -> tuple[object, dict]:
    state = await stored_state(chat.store, user.user_key)
    assert state is not None
    return state.pending, dict(state.answers)


@pytest.mark.parametrize(("tag", "yes"), [
    ("ne", "ठीक छ"), ("ne", "हो"), ("zh-hant", "係"), ("ja", "はい"), ("es", "sí"),
    ("en", "yes, that's right"),
])
async def test_a_typed_yes_keeps_the_doubted_age(chat: Conversation, tag: str, yes: str) -> None:
    user = await user_at(chat, tag, ["India", "17"])
    assert (await pending_and_answers(chat, user))[0] == Doubt("age", 17)
    await user.send(yes)
    pending, answers = await pending_and_answers(chat, user)
    assert pending is None and answers["age"] == 17   # "ठीक छ" is not the number छ (6)


@pytest.mark.parametrize(("tag", "no"), [("ne", "होइन"), ("zh-hans", "不是"), ("ko", "아니요")])
async def test_a_typed_no_asks_the_question_again(chat: Conversation, tag: str, no: str) -> None:
    user = await user_at(chat, tag, TO_BACHELOR_YEAR_DOUBT)
    await user.send(no)
    pending, answers = await pending_and_answers(chat, user)
    assert pending is None and "bachelor_year" not in answers
    await user.send("2024")
    assert (await pending_and_answers(chat, user))[1]["bachelor_year"] == 2024


@pytest.mark.parametrize(("tag", "text"), [
    ("ne", "मलाई थाहा भएन के भन्ने"), ("zh-hant", "我唔明"), ("ja", "どういう意味ですか"),
    ("es", "¿qué quiere decir?"), ("en", "what do you mean"),
])
async def test_other_text_points_to_yes_or_no(chat: Conversation, tag: str, text: str) -> None:
    user = await user_at(chat, tag, TO_BACHELOR_YEAR_DOUBT)
    await user.send(text)
    tr = translator_for(by_code(tag))
    assert tr(YES_NO_OR_NEW) in user.text
    assert tr(NUMBER_ERROR) not in user.text and tr(AGE_EXPECTED) not in user.text
    assert (await pending_and_answers(chat, user))[0] == Doubt("bachelor_year", 2015)


async def test_a_new_answer_replaces_the_doubted_one(chat: Conversation) -> None:
    user = await user_at(chat, "ne", TO_BACHELOR_YEAR_DOUBT)
    await user.send("२०२४")
    pending, answers = await pending_and_answers(chat, user)
    assert pending is None and answers["bachelor_year"] == 2024


async def test_a_refused_part_points_to_its_buttons(chat: Conversation) -> None:
    """"More than the total": a yes means nothing there, a number is a new answer."""
    user = await user_at(chat, "ne", ["India", "34", "Master's", "Imperial College London",
                                      "Yes", "University of Delhi", "No", "English", "2", "5"])
    refused = (await pending_and_answers(chat, user))[0]
    assert isinstance(refused, Refused) and refused.value == 5
    await user.send("हो")
    assert translator_for(by_code("ne"))(BUTTON_OR_NEW) in user.text
    await user.send("1")
    pending, answers = await pending_and_answers(chat, user)
    assert pending is None and answers["years_renowned_employer"] == 1


async def test_the_terminal_says_to_type_yes_no_or_a_number(tmp_path: Path) -> None:
    async with conversation(tmp_path / "t.db", today=TODAY, numbered=True) as running:
        out = io.StringIO()
        stdin = io.StringIO("".join(f"{line}\n" for line in ["India", "17", "what?", "1"]))
        await TerminalChat(running.service, stdin, out, "en", folder=tmp_path).run()
    shown = out.getvalue()
    assert "> Please type yes or no, or the number of your choice, or send a new answer." in shown
    assert "17 years old ✓" in shown and "Please send your age" not in shown


async def test_which_dollar_answered_with_other_text_points_to_the_buttons(
        chat: Conversation) -> None:
    """"Which one do you mean by “$150k”?": text that is neither a currency nor a new amount is
    pointed to the buttons, not told to send an amount with its currency."""
    user = await user_at(chat, "ne", [*to_income("India"), "$150k"])
    await user.send("के हो यो?")
    tr = translator_for(by_code("ne"))
    assert tr(BUTTON_OR_NEW) in user.text and tr(MONEY_ERROR) not in user.text
    await user.send("SGD")
    assert (await pending_and_answers(chat, user))[1]["annual_income"] == {
        "amount": 150000, "currency": "SGD"}


async def _terminal(tmp_path: Path, tag: str, lines: list[str]) -> tuple[str, dict]:
    """What the terminal showed for these lines, and the answers stored afterwards."""
    async with conversation(tmp_path / "t.db", today=TODAY, numbered=True) as running:
        out = io.StringIO()
        stdin = io.StringIO("".join(f"{line}\n" for line in lines))
        await TerminalChat(running.service, stdin, out, tag, folder=tmp_path).run()
        state = await stored_state(running.store, "terminal")
    return out.getvalue(), {} if state is None else dict(state.answers)


STARTING_AGAIN = t("Starting again.")
DELETED = t("All your data has been deleted. Send /start to begin again.")


@pytest.mark.parametrize(("tag", "command", "yes", "done"), [
    ("en", "/restart", "yes", STARTING_AGAIN), ("zh-hant", "/restart", "是", STARTING_AGAIN),
    ("ja", "/delete", "はい", DELETED), ("ar", "/delete", "نعم", DELETED),
])
async def test_a_typed_yes_confirms_in_the_terminal(tmp_path: Path, tag: str, command: str,
                                                     yes: str, done: Text) -> None:
    shown, answers = await _terminal(tmp_path, tag, ["India", "34", command, yes])
    assert strip_controls(translator_for(by_code(tag))(done)) in strip_controls(shown)
    assert answers == {}


@pytest.mark.parametrize(("tag", "command", "no"), [
    ("en", "/delete", "no"), ("en", "/restart", "No"), ("ja", "/delete", "いいえ"),
    ("ar", "/restart", "لا"), ("zh-hans", "/delete", "不"),
])
async def test_a_typed_no_cancels_in_the_terminal(tmp_path: Path, tag: str, command: str,
                                                   no: str) -> None:
    tr = translator_for(by_code(tag))
    shown, answers = await _terminal(tmp_path, tag, ["India", "34", command, no])
    assert strip_controls(tr(t("Nothing was changed."))) in strip_controls(shown)
    assert answers == {"nationality": "IN", "age": 34}      # nor was "no" taken for an answer


@pytest.mark.parametrize("tag", ["en", "zh-hant", "ar"])
async def test_a_bachelor_year_before_birth_is_doubted_without_a_negative_age(
        chat: Conversation, tag: str) -> None:
    user = await user_at(chat, tag, [*TO_BACHELOR_YEAR_DOUBT[:-1], "1990"])
    tr = translator_for(by_code(tag))
    said = tr(t("Going by your age, {year} was before you were born: is {year} right for your "
                "bachelor's degree?", year="1990"))
    assert strip_controls(said) in strip_controls(user.text)
    assert (await pending_and_answers(chat, user))[0] == Doubt("bachelor_year", 1990)


@pytest.mark.parametrize(("tag", "cancel"), [("en", "Cancel"), ("ja", "キャンセル"),
                                             ("ne", "रद्द गर्नुहोस्"), ("zh-hans", "取消")])
async def test_a_typed_button_label_presses_it_in_the_terminal(tmp_path: Path, tag: str,
                                                               cancel: str) -> None:
    """The terminal numbers its buttons, but a label typed as shown works too."""
    tr = translator_for(by_code(tag))
    shown, answers = await _terminal(tmp_path, tag, ["India", "34", "/delete", cancel])
    assert strip_controls(tr(t("Nothing was changed."))) in strip_controls(shown)
    assert answers == {"nationality": "IN", "age": 34}
