"""Numbers whose words depend on their neighbours, as people type them: a multiplier with no
number before it ("مليون دولار"), a half of a multiplier ("2 tỷ rưỡi"), a digit after one
("1 tỷ 2"), Arabic duals and hundreds, Vietnamese "năm" (five, and year) and its number words
through the accent folding, Japanese "年間" and "です" around an amount, Korean 만 before an age."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.common.money import Money
from bot.replies import ParseError, is_zero, parse_money, parse_number
from bot.replies.errors import read_or_none
from bot.replies.money import read_money
from bot.replies.names import not_a_name

# --- a multiplier with no number before it counts once ---------------------------------------


@pytest.mark.parametrize(("locale", "text", "amount", "currency"), [
    ("ar", "مليون دولار أمريكي", 1_000_000, "USD"), ("ar", "ألف دولار أمريكي", 1_000, "USD"),
    ("vi", "triệu đồng", 1_000_000, "VND"), ("vi", "tỷ đồng", 1_000_000_000, "VND"),
    ("en", "million dollars US", 1_000_000, "USD"),
])
def test_a_multiplier_alone_is_one_of_it(locale: str, text: str, amount: int,
                                         currency: str) -> None:
    assert parse_money(text, locale) == Money(Decimal(amount), currency)


@pytest.mark.parametrize(("locale", "text", "value"), [
    ("ar", "مليون", 1_000_000), ("ar", "نصف مليون", 500_000), ("vi", "mười", 10),
    ("vi", "nghìn", 1000),
])
def test_a_multiplier_alone_is_a_number(locale: str, text: str, value: int) -> None:
    assert parse_number(text, locale, whole=True) == value


@pytest.mark.parametrize("text", ["million thousand", "1 tỷ triệu"])
def test_a_multiplier_alone_starts_a_number_only(text: str) -> None:
    with pytest.raises(ParseError):
        parse_number(text, "vi")


# --- a half after a multiplier, a digit after a Vietnamese one --------------------------------


@pytest.mark.parametrize(("locale", "text", "amount", "currency"), [
    ("vi", "2 tỷ rưỡi đồng", 2_500_000_000, "VND"), ("vi", "3 triệu rưỡi đồng", 3_500_000, "VND"),
    ("vi", "1 tỷ 2 đồng", 1_200_000_000, "VND"), ("vi", "1 triệu 2 đồng", 1_200_000, "VND"),
    ("vi", "năm trăm triệu đồng", 500_000_000, "VND"),
    ("en", "HKD 2 million and a half", 2_500_000, "HKD"),
])
def test_halves_and_tenths_of_a_multiplier(locale: str, text: str, amount: int,
                                           currency: str) -> None:
    assert parse_money(text, locale) == Money(Decimal(amount), currency)


@pytest.mark.parametrize(("locale", "text"), [("vi", "1 tỷ 2 rưỡi"), ("vi", "1,5 tỷ rưỡi"),
                                              ("zh_Hans_CN", "一百半")])
def test_a_half_of_a_part_or_of_a_fraction_is_refused(locale: str, text: str) -> None:
    with pytest.raises(ParseError):
        parse_number(text, locale, whole=True)


# --- Arabic: hundreds with a scale, duals, "one year" ---------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("مائة وخمسون ألف", "150000"), ("مائة وخمسة وعشرون ألف", "125000"), ("مائة وخمسون", "150"),
    ("ألف وخمسمائة", "1500"), ("سنتان", "2"), ("سنتين", "2"), ("عامين", "2"),
    ("سنة واحدة", "1"), ("عام واحد", "1"), ("ثلاث سنوات ونصف", "3.5"),
    ("سنتان وستة أشهر", "2.5"), ("عام واحد وستة أشهر", "1.5"),
])
def test_arabic_numbers_as_people_say_them(text: str, value: str) -> None:
    assert parse_number(text, "ar", whole=True) == Decimal(value)


@pytest.mark.parametrize(("text", "months"), [("شهرين", 2), ("شهران", 2), ("شهر واحد", 1)])
def test_arabic_months_that_say_how_many(text: str, months: int) -> None:
    assert parse_number(text, "ar") == Decimal(months) / 12


# --- Vietnamese: "năm", five and year, and every number word through the folding --------------

VIETNAMESE_NUMBERS = [
    ("một", 1), ("hai", 2), ("ba", 3), ("bốn", 4), ("năm", 5), ("sáu", 6), ("bảy", 7),
    ("tám", 8), ("chín", 9), ("mười", 10), ("mười một", 11), ("mười lăm", 15), ("hai mươi", 20),
    ("hai mươi mốt", 21), ("hai mươi tư", 24), ("hai mươi lăm", 25), ("năm mươi", 50),
    ("một trăm", 100), ("một nghìn", 1000), ("một ngàn", 1000), ("một triệu", 1_000_000),
    ("một tỷ", 1_000_000_000), ("một tỉ", 1_000_000_000),
]


@pytest.mark.parametrize(("words", "value"), VIETNAMESE_NUMBERS)
def test_every_vietnamese_number_word_survives_the_folding(words: str, value: int) -> None:
    assert parse_number(words, "vi", whole=True) == value
    assert parse_number(f"{words} năm", "vi", whole=True) == value    # years
    assert parse_number(f"{words} tuổi", "vi", whole=True) == value   # years of age
    if value < 100:   # a half after a multiplier is half of it: "hai trăm rưỡi" is 250
        assert parse_number(f"{words} năm rưỡi", "vi", whole=True) == value + Decimal("0.5")


@pytest.mark.parametrize(("text", "value"), [
    ("nửa năm", "0.5"), ("một năm", "1"), ("một năm 6 tháng", "1.5"), ("5 năm", "5"),
    ("tôi làm việc năm năm", "5"), ("làm việc 5 năm", "5"), ("từ 5 năm", "5"),
    ("tầm 5 năm", "5"), ("tám năm", "8"), ("mười một năm", "11"), ("hai trăm rưỡi", "250"),
    ("ba mươi lăm tuổi", "35"),
])
def test_vietnamese_nam_is_five_before_a_unit_and_a_year_after_a_number(text: str,
                                                                         value: str) -> None:
    assert parse_number(text, "vi") == Decimal(value)


def test_vietnamese_units_after_tens_are_no_number_alone() -> None:
    """"lăm" and "tư" fold to "làm" (to work) and "từ" (since)."""
    for word in ("lăm", "tư"):
        with pytest.raises(ParseError):
            parse_number(word, "vi")


# --- Japanese: "年間" before an amount, "です" after it ---------------------------------------


@pytest.mark.parametrize(("text", "yearly", "monthly"), [
    ("年間800万円", 8_000_000, None), ("800万円です", 8_000_000, None),
    ("800万円くらいです", 8_000_000, None), ("800万円でした", 8_000_000, None),
    ("年収800万円です", 8_000_000, None), ("月30万円です", 3_600_000, 300_000),
])
def test_japanese_amounts_as_people_say_them(text: str, yearly: int,
                                             monthly: int | None) -> None:
    amount = read_money(text, "ja")
    assert amount.yearly == Money(Decimal(yearly), "JPY")
    assert amount.monthly == (Money(Decimal(monthly), "JPY") if monthly else None)
    assert not_a_name(text, "ja", date(2026, 12, 7))   # a whole reply that is an amount


def test_japanese_nenkan_after_a_number_counts_years() -> None:
    assert parse_number("5年間", "ja", whole=True) == 5
    assert parse_number("5年間です", "ja", whole=True) == 5


# --- Korean: 만 before an age ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("만 35세", 35), ("만 35살", 35), ("제 나이는 만 35세입니다", 35), ("만 오천", 15000),
    ("만 5천 원", 15000),
])
def test_korean_man_before_an_age_is_no_number(text: str, value: int) -> None:
    assert parse_number(text, "ko") == value


def test_korean_full_age_is_a_whole_reply() -> None:
    assert parse_number("만 35세", "ko", whole=True) == 35


@pytest.mark.parametrize(("text", "value"), [
    ("năm nay tôi 35 tuổi", 35), ("năm nay 35 tuổi", 35), ("năm năm", 5), ("năm 2023", 2023),
])
def test_vietnamese_this_year_before_an_age_is_no_number(text: str, value: int) -> None:
    """"năm nay" ("this year") says when, and "năm" in it is no five."""
    assert parse_number(text, "vi") == value


# --- one helper for "does it read as" ------------------------------------------------------


@pytest.mark.parametrize(("locale", "text", "zero"), [
    ("en", "0", True), ("en", "zero", True), ("zh_Hant_HK", "零", True), ("en", "5", False),
    ("en", "Imperial College", False), ("vi", "không có gì", False),
])
def test_is_zero_reads_a_whole_reply(locale: str, text: str, zero: bool) -> None:
    assert is_zero(text, locale) is zero


@pytest.mark.parametrize(("text", "locale"), [("成5年", "zh_Hant_HK"), ("成五年", "zh_Hans_CN")])
def test_a_multiplier_that_only_follows_a_number_is_none_alone(text: str, locale: str) -> None:
    """成 ("a full") before 5 years is no multiplier, so 成5年 is not 15; 三成 is still 30."""
    assert read_or_none(parse_number, text, locale) != 15
    assert parse_number("三成", locale) == 30
