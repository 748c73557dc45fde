"""Replies as native speakers type them, through the whole conversation: several languages in
one word ("中英文", "한영")."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from tests.support.chat_client import Conversation, answers, conversation, user_at

TODAY = date(2026, 11, 24)
TO_LANGUAGES = ["India", "34", "Master's", "Imperial College London", "Yes",
                "University of Delhi", "No"]


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


@pytest.mark.parametrize(("tag", "typed", "codes"), [
    ("zh-hans", "中英文", ["zh", "en"]), ("zh-hans", "中英", ["zh", "en"]),
    ("zh-hans", "中英日", ["zh", "en", "ja"]), ("zh-hans", "英日文", ["en", "ja"]),
    ("zh-hans", "中文", ["zh"]), ("zh-hans", "英文", ["en"]),
    ("zh-hant", "中英文", ["zh", "en"]), ("zh-hant", "中英", ["zh", "en"]),
    ("zh-hant", "中英日", ["zh", "en", "ja"]), ("zh-hant", "英日文", ["en", "ja"]),
    ("zh-hant", "中英文、法文", ["zh", "en", "fr"]), ("zh-hant", "中文", ["zh"]),
    ("zh-hant", "英文", ["en"]),
    ("ja", "日英", ["ja", "en"]), ("ja", "日英中", ["ja", "en", "zh"]), ("ja", "英語", ["en"]),
    ("ko", "한영", ["ko", "en"]), ("ko", "한중일", ["ko", "zh", "ja"]), ("ko", "영어", ["en"]),
])
async def test_languages_named_by_their_letters_in_one_word(chat: Conversation, tag: str,
                                                            typed: str,
                                                            codes: list[str]) -> None:
    user = await user_at(chat, tag, TO_LANGUAGES)
    await user.send(typed)
    assert (await answers(chat, user))["languages"] == codes


@pytest.mark.parametrize(("tag", "typed"), [("zh-hant", "中"), ("ko", "한"), ("ja", "日")])
async def test_one_letter_alone_names_no_language(chat: Conversation, tag: str,
                                                  typed: str) -> None:
    user = await user_at(chat, tag, TO_LANGUAGES)
    await user.send(typed)
    assert "languages" not in await answers(chat, user)
    assert typed in user.text   # "I did not recognise “中” as a language"
