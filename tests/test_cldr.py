"""The CLDR parts the translator reads (`bot.i18n.cldr`) are the ones Babel's own `format_list`
and `format_unit` write with: a Babel release that changes its data or its fallbacks fails here,
before a duration or a list reads differently."""

from __future__ import annotations

from decimal import Decimal
from typing import get_args

import pytest
from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.units import format_unit

from bot.i18n.cldr import list_patterns, long_unit_patterns
from bot.i18n.languages import LANGUAGES, Language
from bot.i18n.text import CldrListStyle, Duration
from bot.i18n.translator import Translator

UNITS = ("duration-year", "duration-month")
VALUES = (*range(0, 26), 100, 101, 102, Decimal("0.5"), Decimal("1.5"), Decimal("10.5"))


@pytest.mark.parametrize("style", get_args(CldrListStyle))
@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_list_patterns_are_the_ones_format_list_joins_with(language: Language,
                                                            style: CldrListStyle) -> None:
    """Every part the style has, through CLDR's fallback to another style ("unit" lists in ja
    are "unit-short" ones), joins as `format_list` joins."""
    locale = Locale.parse(language.locale)
    patterns = list_patterns(locale, style)
    assert patterns
    if "2" in patterns:
        assert format_list(["A", "B"], style, locale) == patterns["2"].format("A", "B")
    if {"start", "end"} <= patterns.keys():
        start = patterns["start"].format("A", "B")
        assert format_list(["A", "B", "C"], style, locale) == patterns["end"].format(start, "C")
    if {"start", "middle", "end"} <= patterns.keys():
        middle = patterns["middle"].format(patterns["start"].format("A", "B"), "C")
        assert format_list(["A", "B", "C", "D"], style, locale) == patterns["end"].format(middle,
                                                                                          "D")


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_long_unit_patterns_are_the_forms_format_unit_has_in_full(language: Language,
                                                                  unit: str) -> None:
    """A form the locale has in full words is `format_unit`'s long one; for a form it lacks,
    Babel writes the unit's code ("4 duration-year"), which the translator never shows."""
    locale = Locale.parse(language.locale)
    patterns = long_unit_patterns(locale, unit)
    for value in VALUES:
        written = format_unit(value, unit, "long", locale=locale)
        form = locale.plural_form(value)
        if form in patterns:
            assert written == patterns[form].format(format_decimal(value, locale=locale))
        else:
            assert unit in written, (value, written)


def test_long_unit_patterns_are_found_where_cldr_has_them() -> None:
    assert {"one", "other"} <= long_unit_patterns(Locale.parse("en"), "duration-year").keys()
    assert not {"one", "other"} & long_unit_patterns(Locale.parse("ko"), "duration-year").keys()


# 18 months in each language: CLDR's units in full words, or its short ones where the locale
# has no long ones (zh-hans, ko, vi, ne), joined as the locale lists units, through CLDR's
# fallback where it has no "unit" lists (ko's "unit-short", fr's "standard") and with the
# standard pair where its patterns have none (es, ar), under the language's own words and parts.
EIGHTEEN_MONTHS = {
    "en": "1 year and 6 months", "zh-hant": "1年6個月", "zh-hans": "1年6个月",
    "hi": "1 साल और 6 महीने", "id": "1 tahun 6 bulan", "vi": "1 năm 6 tháng",
    "ne": "1 वर्ष 6 महिना", "ja": "1年6か月", "ko": "1년 6개월", "es": "1 año y 6 meses",
    "fr": "1\xa0an et 6\xa0mois", "ar": "سنة و6 أشهر",
}


def test_every_language_has_its_duration_checked() -> None:
    assert set(EIGHTEEN_MONTHS) == {language.code for language in LANGUAGES}


@pytest.mark.parametrize("code", EIGHTEEN_MONTHS)
def test_a_duration_reads_as_the_language_writes_it(code: str) -> None:
    assert Translator.for_code(code)(Duration.of_months(18)) == EIGHTEEN_MONTHS[code]


@pytest.mark.parametrize(("years", "said"), [(0, "0 سنوات"), (1, "سنة"), (2, "سنتان"),
                                             (3, "3 سنوات"), (11, "11 سنة")])
def test_arabic_zero_years_take_the_plural_and_other_numbers_keep_cldrs_forms(
        years: int, said: str) -> None:
    assert Translator.for_code("ar")(Duration.of_years(Decimal(years))) == said
