"""The conversation says what it understood and accepts what people naturally type (issue 12).

Driven in-process as a user lives it (tests/support/chat_client.py), in English, Traditional
Chinese and Arabic: the echo of typed answers, the "none" and "not sure" exits typed in words,
errors that fit the question, checks of implausible answers, and consistent work years.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.support.chat_client import ChatClient, Conversation, conversation
from tests.support.storing import stored_state

TODAY = date(2026, 11, 24)
LANGS = ("en", "zh-hant", "ar")
# Typed (not pressed) so that users of every language reach the work questions the same way.
TO_WORK = ["India", "34", "Master's", "Imperial College London", "Yes", "University of Delhi",
           "Yes", "English, Hindi"]


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


async def user_at(chat: Conversation, tag: str, replies: list[str], user_id: int = 1
                  ) -> ChatClient:
    user = chat.user(user_id, tag)
    await user.send("/start")
    for reply in replies:
        if reply == "Done":
            await user.press_data(user.last.buttons[-1][-1][1], user.last)
        else:
            await user.send(reply)
    return user


def plain(text: str) -> str:
    """Text without the invisible marks that keep right-to-left lines in order."""
    return re.sub("[\u200e\u200f\u2066-\u2069]", "", text)


async def answers(chat: Conversation, user: ChatClient) -> dict[str, Any]:
    state = await stored_state(chat.store, user.user_key)
    assert state is not None
    return state.answers


# --- item 2: the ways out, typed in words --------------------------------------------------

NONE_WORDS = {"en": ["none", "zero", "nothing", "no", "0"],
              "zh-hant": ["沒有", "零", "冇"],
              "ar": ["لا شيء", "صفر", "لا"]}


@pytest.mark.parametrize("tag", LANGS)
async def test_none_words_pick_the_none_option_of_a_years_question(
        chat: Conversation, tag: str) -> None:
    for i, word in enumerate(NONE_WORDS[tag]):
        user = await user_at(chat, tag, [*TO_WORK, "7"], user_id=100 + i)
        await user.send(word)      # of those years, with multinational companies
        assert (await answers(chat, user))["years_renowned_employer"] == 0, word


@pytest.mark.parametrize(("tag", "word"), [("en", "I don't own one"), ("en", "don't own one"),
                                           ("zh-hant", "沒有"), ("ar", "لا أملك")])
async def test_i_dont_own_one_typed(chat: Conversation, tag: str, word: str) -> None:
    user = await user_at(chat, tag, [*TO_WORK, "7", "4", "3", "2", "5", "HKD 900000"])
    await user.send(word)
    assert (await answers(chat, user))["business_share_pct"] == 0


@pytest.mark.parametrize(("tag", "word"), [("en", "no income"), ("en", "0"), ("en", "nothing"),
                                           ("zh-hant", "沒有"), ("ar", "لا شيء")])
async def test_no_income_typed_needs_no_currency(chat: Conversation, tag: str,
                                                 word: str) -> None:
    user = await user_at(chat, tag, [*TO_WORK, "7", "4", "3", "2", "5"])
    await user.send(word)
    assert (await answers(chat, user))["annual_income"] == {"amount": 0, "currency": "HKD"}


@pytest.mark.parametrize(("tag", "word"), [("en", "I don't know"), ("en", "idk"),
                                           ("zh-hant", "唔知"), ("ar", "لا أعرف")])
async def test_unsure_typed_where_offered(chat: Conversation, tag: str, word: str) -> None:
    user = await user_at(chat, tag, [*TO_WORK, "7"])
    await user.send(word)
    state = await stored_state(chat.store, user.user_key)
    assert state is not None and "years_renowned_employer" in state.not_sure


@pytest.mark.parametrize(("tag", "typed"), [("en", "30 years"), ("en", "30 yrs"),
                                            ("zh-hant", "三十"), ("zh-hant", "三十歲"),
                                            ("ar", "٣٠ سنة")])
async def test_numbers_with_units(chat: Conversation, tag: str, typed: str) -> None:
    user = await user_at(chat, tag, ["India"])
    await user.send(typed)
    assert (await answers(chat, user))["age"] == 30


# --- item 1: what was understood is said back -----------------------------------------------

ECHO = {"en": ("India ✓", "English and Hindi ✓", "HK$", "(at the approximate rate of",
               "Imperial College London ✓ (on the list of eligible universities)"),
        "zh-hant": ("印度 ✓", "英文及印地文 ✓", "HK$", "（按", "Imperial College London ✓"),
        "ar": ("الهند ✓", "✓", "HK$", "بسعر", "Imperial College London")}


@pytest.mark.parametrize("tag", LANGS)
async def test_typed_answers_are_said_back(chat: Conversation, tag: str) -> None:
    country, languages, hkd, rate, university = ECHO[tag]
    user = chat.user(1, tag)
    await user.send("/start")
    await user.send("indai")
    assert country in plain(user.text)
    await user.send("34")
    await user.send("Master's")
    await user.send("imperial college london")
    assert university in plain(user.text)
    for reply in ("Yes", "University of Delhi", "Yes"):
        await user.send(reply)
    await user.send("English, Hindi")
    assert languages in plain(user.text)
    for reply in ("7", "4", "3", "2", "5"):
        await user.send(reply)
    await user.send("USD 150k")
    echo = plain(user.messages[-2].text)
    assert "150,000" in echo or "150.000" in echo or "150 000" in echo, echo
    assert hkd in echo and rate in echo, echo
    assert "167" in echo, echo    # ≈ HK$ 1,167,000 at the table's rate
