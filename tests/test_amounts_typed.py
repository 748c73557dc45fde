"""Amounts and numbers as people type them: Japanese loss triangles, halves before a multiplier
and /fees with a number word."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bot.common.money import Money
from bot.i18n.languages import by_code
from bot.i18n.text import t
from bot.i18n.translator import translator_for
from bot.replies.money import read_money
from tests.support.chat_client import Conversation, conversation, user_at

TODAY = date(2026, 11, 24)


def to_share(country: str = "India") -> list[str]:
    """Replies from the first question to the business share question."""
    return [country, "34", "Master's", "Imperial College London", "Yes", "University of Delhi",
            "No", "English, Hindi", "7", "4", "3", "2", "HKD 900000"]


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


# --- reading ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "locale", "expected"), [
    ("▲500万円", "ja", Money(Decimal(-5_000_000), "JPY")),
    ("△500万円", "ja", Money(Decimal(-5_000_000), "JPY")),
    ("▲ 1,200,000円", "ja", Money(Decimal(-1_200_000), "JPY")),
    ("▲HKD 2m", "en", Money(Decimal(-2_000_000), "HKD")),
    ("one and a half million HKD", "en", Money(Decimal(1_500_000), "HKD")),
    ("1.5 million HKD", "en", Money(Decimal(1_500_000), "HKD")),
    ("un millón y medio de dólares hongkoneses", "es", Money(Decimal(1_500_000), "HKD")),
    ("一百五十万元", "zh_Hans_CN", Money(Decimal(1_500_000), "CNY")),
    ("一百五十萬港元", "zh_Hant_HK", Money(Decimal(1_500_000), "HKD")),
    ("một triệu rưỡi đồng", "vi", Money(Decimal(1_500_000), "VND")),
    ("satu setengah juta rupiah", "id", Money(Decimal(1_500_000), "IDR")),
    ("dua setengah juta HKD", "id", Money(Decimal(2_500_000), "HKD")),
    ("डेढ़ लाख रुपये", "hi", Money(Decimal(150_000), "INR")),
    ("ढाई लाख रुपये", "hi", Money(Decimal(250_000), "INR")),
])
def test_amounts_as_people_type_them(text: str, locale: str, expected: Money) -> None:
    assert read_money(text, locale).yearly == expected


@pytest.mark.parametrize(("tag", "refused"), [
    ("ja", "▲500万円"), ("en", "▲HKD 500,000"), ("zh-hant", "△50萬港元"),
])
async def test_a_loss_triangle_is_refused_as_income(chat: Conversation, tag: str,
                                                    refused: str) -> None:
    user = await user_at(chat, tag, to_share()[:-1])
    await user.send(refused)
    assert translator_for(by_code(tag))(t(
        "Income cannot be negative. Please send an amount with its currency, for example "
        "HKD 1,200,000, or 0 for no income.")) in user.text


@pytest.mark.parametrize(("tag", "word"), [
    ("en", "two"), ("ja", "二"), ("zh-hant", "二"), ("zh-hans", "两"), ("ko", "두"),
    ("hi", "दो"), ("ne", "दुई"), ("es", "dos"), ("fr", "deux"), ("vi", "hai"), ("id", "dua"),
    ("ar", "اثنان"),
])
async def test_fees_for_a_number_word(chat: Conversation, tag: str, word: str) -> None:
    user = chat.user(1, tag=tag)
    await user.send("/fees 2")
    digits = user.text
    await user.send(f"/fees {word}")
    assert user.text == digits
