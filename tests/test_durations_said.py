"""A length of time typed in years and months is kept to the month and said back so, in every
language, on top of the next question and in /review; a tenth of a year stays a decimal."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.i18n.languages import LANGUAGES
from tests.support.chat_client import (
    ChatClient,
    Conversation,
    answers,
    conversation,
    shown,
    user_at,
)
from tests.test_typed_replies_chat import TODAY, to_income

# Typed for the years of graduate work, the value stored, and how it is said back.
TYPED = {
    "en": ("1 year 3 months", 1.25, "1 year and 3 months"),
    "zh-hant": ("1年3個月", 1.25, "1年3個月"),
    "zh-hans": ("1年3个月", 1.25, "1年3个月"),
    "hi": ("1 साल 3 महीने", 1.25, "1 साल और 3 महीने"),
    "id": ("1 tahun 3 bulan", 1.25, "1 tahun 3 bulan"),
    "vi": ("1 năm 3 tháng", 1.25, "1 năm 3 tháng"),
    "ne": ("1 वर्ष 3 महिना", 1.25, "1 वर्ष 3 महिना"),
    "ja": ("10年2ヶ月", 10.17, "10年2か月"),
    "ko": ("7년 반", 7.5, "7년 6개월"),
    "es": ("1 año y 3 meses", 1.25, "1 año y 3 meses"),
    "fr": ("1 an et 3 mois", 1.25, "1 an et 3 mois"),
    "ar": ("8 سنوات ونصف", 8.5, "8 سنوات و6 أشهر"),
}



@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


async def at_work_years(chat: Conversation, tag: str) -> ChatClient:
    return await user_at(chat, tag, to_income("India")[:8])


def test_every_language_is_covered() -> None:
    assert set(TYPED) == {language.code for language in LANGUAGES}


@pytest.mark.parametrize("tag", TYPED)
async def test_years_and_months_are_kept_and_said_back(chat: Conversation, tag: str) -> None:
    typed, stored, said = TYPED[tag]
    user = await at_work_years(chat, tag)
    await user.send(typed)
    assert (await answers(chat, user))["years_graduate_work"] == stored
    assert f"{said} ✓" in shown(user.text)
    await user.send("/review")
    assert f"→ {said}" in shown(user.last.text)


@pytest.mark.parametrize(("typed", "stored", "said"), [
    ("1 year and 1 month", 1.08, "1 year and 1 month ✓"),
    ("2 years 11 months", 2.92, "2 years and 11 months ✓"),
    ("1.25", 1.25, "1 year and 3 months ✓"),
    ("4.6", 4.6, "4.6 years ✓"),
    ("4.56", 4.6, "4.6 years ✓"),
    ("10", 10, "10 years ✓"),
])
async def test_the_months_typed_come_back_whole(chat: Conversation, typed: str, stored: float,
                                                said: str) -> None:
    user = await at_work_years(chat, "en")
    await user.send(typed)
    assert (await answers(chat, user))["years_graduate_work"] == stored
    assert said in user.text


@pytest.mark.parametrize(("tag", "typed", "stored", "said"), [
    ("zh-hant", "一年一個月", 1.08, "1年1個月 ✓"), ("zh-hant", "一年零一個月", 1.08, "1年1個月 ✓"),
    ("zh-hant", "一年半", 1.5, "1年6個月 ✓"), ("zh-hans", "一年一个月", 1.08, "1年1个月 ✓"),
    ("zh-hans", "一年零一个月", 1.08, "1年1个月 ✓"), ("zh-hans", "一年半", 1.5, "1年6个月 ✓"),
])
async def test_chinese_years_and_a_month_in_words(chat: Conversation, tag: str, typed: str,
                                                  stored: float, said: str) -> None:
    user = await at_work_years(chat, tag)
    await user.send(typed)
    assert (await answers(chat, user))["years_graduate_work"] == stored
    assert said in user.text
