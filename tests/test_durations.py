"""Lengths of time are said as people say them, in every language: "about 4 more years", "1 year
and 6 months", "5 months", not "48 months"; the JSON keeps its months as numbers."""

from __future__ import annotations

from typing import Any

import pytest

from bot.i18n.languages import LANGUAGES
from tests.support.assessing import assess_dict, criterion
from tests.support.chat_client import shown

# Years of graduate work, and how the time left to 5 years is said: 48, 18 and 5 months.
WORKED = (1, 3.5, 4.6)
SAID = {
    "en": ("4 years", "1 year and 6 months", "5 months"),
    "zh-hant": ("4年", "1年6個月", "5個月"),
    "zh-hans": ("4年", "1年6个月", "5个月"),
    "hi": ("4 साल", "1 साल और 6 महीने", "5 महीने"),
    "id": ("4 tahun", "1 tahun 6 bulan", "5 bulan"),
    "vi": ("4 năm", "1 năm 6 tháng", "5 tháng"),
    "ne": ("4 वर्ष", "1 वर्ष 6 महिना", "5 महिना"),
    "ja": ("4年", "1年6か月", "5か月"),
    "ko": ("4년", "1년 6개월", "5개월"),
    "es": ("4 años", "1 año y 6 meses", "5 meses"),
    "fr": ("4 ans", "1 an et 6 mois", "5 mois"),
    "ar": ("4 سنوات", "سنة و6 أشهر", "5 أشهر"),
}
ENGLISH = ("About 4 years of further work of this kind would meet it.",
           "About 1 year and 6 months of further work of this kind would meet it.",
           "About 5 months of further work of this kind would meet it.")
APPLICANT: dict[str, Any] = {
    "nationality": "IN", "age": 40, "financial_support": "yes", "good_character": "yes",
    "highest_degree": "master", "postgraduate_university": "Harvard University",
    "postgraduate_stem": "yes", "languages": ["en", "hi"], "years_renowned_employer": 0,
    "years_target_industry": 0, "years_international": 0,
    "annual_income": {"amount": 100000, "currency": "HKD"}, "business_share_pct": 0,
    "listed_company_share_pct": 0,
}


def test_every_language_is_covered() -> None:
    assert set(SAID) == {language.code for language in LANGUAGES}


@pytest.mark.parametrize("lang", SAID)
def test_the_time_left_for_work_experience_is_said_in_years_and_months(lang: str) -> None:
    for years, said in zip(WORKED, SAID[lang], strict=True):
        result = assess_dict({**APPLICANT, "years_graduate_work": years}, lang=lang)
        how = shown(criterion(result, 6)["how_to_meet"])
        assert said in how, how
        assert "48" not in how and "18" not in how


def test_the_english_sentences_read_whole() -> None:
    for years, sentence in zip(WORKED, ENGLISH, strict=True):
        result = assess_dict({**APPLICANT, "years_graduate_work": years})
        assert criterion(result, 6)["how_to_meet"] == sentence


@pytest.mark.parametrize("lang", SAID)
def test_the_plan_says_years_and_the_json_keeps_months(lang: str) -> None:
    result = assess_dict({**APPLICANT, "years_graduate_work": 1}, lang=lang)
    [wait] = [step for step in result["what_if"]["plan"] if step["criteria"] == [6]]
    assert wait["months"] == 48 and type(wait["months"]) is int
    assert SAID[lang][0] in shown(wait["text"])


@pytest.mark.parametrize("lang", SAID)
def test_ttps_b_says_the_months_of_work_left(lang: str) -> None:
    answers = {**APPLICANT, "highest_degree": "bachelor",
               "bachelor_university": "Harvard University", "bachelor_full_time": "yes",
               "bachelor_year": 2020, "years_graduate_work": 1, "years_work_last_5": 1.5}
    for key in ("postgraduate_university", "postgraduate_stem"):
        answers.pop(key)
    [ttps_b] = [a for a in assess_dict(answers, lang=lang)["alternatives"]
                if a["scheme"] == "ttps-b"]
    assert SAID[lang][1] in shown(ttps_b["how_to_meet"])


# 1.25 years (1 year and 3 months typed) as the result says it.
QUARTER = {
    "en": "1 year and 3 months", "zh-hant": "1年3個月", "zh-hans": "1年3个月",
    "hi": "1 साल और 3 महीने", "id": "1 tahun 3 bulan", "vi": "1 năm 3 tháng",
    "ne": "1 वर्ष 3 महिना", "ja": "1年3か月", "ko": "1년 3개월", "es": "1 año y 3 meses",
    "fr": "1 an et 3 mois", "ar": "سنة و3 أشهر",
}


@pytest.mark.parametrize("lang", QUARTER)
def test_the_result_says_the_years_answered_in_years_and_months(lang: str) -> None:
    answers = {**APPLICANT, "highest_degree": "bachelor",
               "bachelor_university": "Harvard University", "bachelor_full_time": "yes",
               "bachelor_year": 2015, "years_graduate_work": 1.25, "years_work_last_5": 1.25}
    for key in ("postgraduate_university", "postgraduate_stem"):
        answers.pop(key)
    result = assess_dict(answers, lang=lang)
    said = [shown(criterion(result, 6)["explanation"]),
            *(shown(a["explanation"]) for a in result["alternatives"] if a["scheme"] == "ttps-b")]
    assert len(said) == 2
    for text in said:
        assert QUARTER[lang] in text and "1.25" not in text and "1,25" not in text, text
