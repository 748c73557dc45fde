"""Ages and calendar years said back as each language says them ("34 years old ✓", "34歳 ✓",
"2015年 ✓"), and calendar years named otherwise than by their number: "last year", "작년",
"去年", Japanese eras ("令和5年", "H30") and a year with its month ("2023年3月卒業"), counted
from the conversation's day, not the clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.i18n.bidi import strip_controls
from bot.i18n.languages import LANGUAGES
from tests.support.chat_client import ChatClient, Conversation, answers, conversation, user_at
from tests.test_typed_replies_chat import TODAY

AGE = {
    "en": "34 years old", "zh-hant": "34歲", "zh-hans": "34岁", "ja": "34歳", "ko": "34세",
    "vi": "34 tuổi", "id": "34 tahun", "hi": "34 साल", "ne": "34 वर्ष", "es": "34 años",
    "fr": "34 ans", "ar": "34 عامًا",
}
YEAR = {"en": "2015", "zh-hant": "2015年", "zh-hans": "2015年", "ja": "2015年", "ko": "2015년",
        "vi": "2015", "id": "2015", "hi": "2015", "ne": "2015", "es": "2015", "fr": "2015",
        "ar": "2015"}
TO_BACHELOR_YEAR = ["India", "30", "Bachelor's", "University of Toronto", "Yes", "English", "0",
                    "0"]


def shown(text: str) -> str:
    return strip_controls(text).replace("\u00a0", " ")


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


async def at_bachelor_year(chat: Conversation, tag: str) -> ChatClient:
    user = await user_at(chat, tag, TO_BACHELOR_YEAR)
    assert "bachelor_year" not in await answers(chat, user)
    return user


def test_every_language_is_covered() -> None:
    assert set(AGE) == set(YEAR) == {language.code for language in LANGUAGES}


@pytest.mark.parametrize("tag", AGE)
async def test_the_age_is_said_back_as_an_age(chat: Conversation, tag: str) -> None:
    user = await user_at(chat, tag, ["India"])
    await user.send("34")
    assert (await answers(chat, user))["age"] == 34
    assert f"{AGE[tag]} ✓" in shown(user.text)
    await user.send("/review")
    assert f"→ {AGE[tag]}" in shown(user.last.text)


@pytest.mark.parametrize(("tag", "typed", "said"), [
    ("en", "1", "1 year old"), ("fr", "1", "1 an"), ("es", "1", "1 año"),
    ("ar", "3", "3 أعوام"), ("ar", "101", "101 عام")])
async def test_a_doubted_age_is_said_with_its_plural(chat: Conversation, tag: str, typed: str,
                                                     said: str) -> None:
    user = await user_at(chat, tag, ["India", typed])
    await user.send("yes" if tag == "en" else user.last.labels[0])
    assert f"{said} ✓" in shown(user.text)


@pytest.mark.parametrize("tag", YEAR)
async def test_the_year_is_said_back_as_the_locale_writes_a_year(chat: Conversation,
                                                                 tag: str) -> None:
    user = await at_bachelor_year(chat, tag)
    await user.send("2015")
    assert (await answers(chat, user))["bachelor_year"] == 2015
    assert f"{YEAR[tag]} ✓" in shown(user.text)
    assert "2,015" not in user.text and "2.015" not in user.text
