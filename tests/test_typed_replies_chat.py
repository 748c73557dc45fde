"""Replies as typed, through the whole conversation (tests/support/chat_client.py): a "$" asked
about with buttons unless the passport settles it, a monthly income said back as a year's, the
verbs people answer with, halves and a number inside a sentence."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bot.i18n.bidi import strip_controls
from bot.i18n.languages import by_code
from bot.i18n.text import t
from bot.i18n.translator import translator_for
from tests.support.chat_client import Conversation, answers, conversation, user_at

TODAY = date(2026, 11, 24)


def to_income(country: str) -> list[str]:
    """Replies from the first question to the income question, for a passport of `country`
    (asked about permanent residence where many Hong Kong people hold that passport)."""
    resident = ["No"] if country in ("Australia", "Canada", "USA") else []
    return [country, *resident, "34", "Master's", "Imperial College London", "Yes",
            "University of Delhi", "No", "English, Hindi", "7", "4", "3", "2"]


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running




async def test_a_dollar_sign_is_asked_about_with_buttons(chat: Conversation) -> None:
    user = await user_at(chat, "en", to_income("India"))
    await user.send("$150k")
    assert "$150k" in user.last.text
    assert user.last.labels == ["US$150,000", "HK$150,000", "SGD\u00a0150,000", "A$150,000",
                                "CA$150,000", "NZ$150,000"]
    await user.press("SGD\u00a0150,000")
    assert (await answers(chat, user))["annual_income"] == {"amount": 150000, "currency": "SGD"}


async def test_the_dollar_asked_about_may_be_typed(chat: Conversation) -> None:
    user = await user_at(chat, "en", to_income("India"))
    await user.send("$150k")
    await user.send("Singapore dollars")
    assert (await answers(chat, user))["annual_income"] == {"amount": 150000, "currency": "SGD"}
    user = await user_at(chat, "en", to_income("India"), user_id=2)
    await user.send("$150k")
    await user.send("AUD 200k")     # a new answer instead
    assert (await answers(chat, user))["annual_income"] == {"amount": 200000, "currency": "AUD"}


@pytest.mark.parametrize(("country", "currency"), [("Singapore", "SGD"), ("Australia", "AUD"),
                                                   ("Canada", "CAD"), ("USA", "USD")])
async def test_the_passport_settles_the_dollar(chat: Conversation, country: str,
                                               currency: str) -> None:
    user = await user_at(chat, "en", to_income(country))
    await user.send("$150k")
    assert (await answers(chat, user))["annual_income"] == {"amount": 150000,
                                                            "currency": currency}


@pytest.mark.parametrize(("tag", "typed", "said"), [
    ("en", "HKD 80k/month", "HK$80,000 a month is HK$960,000 a year."),
    ("zh-hans", "月薪8万港币", "HK$80,000"),
    ("ko", "월 800만원", "₩8,000,000"),
])
async def test_a_monthly_income_is_said_back_as_a_year(chat: Conversation, tag: str, typed: str,
                                                      said: str) -> None:
    user = await user_at(chat, tag, to_income("India"))
    await user.send(typed)
    assert said in user.text
    stored = (await answers(chat, user))["annual_income"]
    assert stored["amount"] == 12 * int("".join(filter(str.isdigit, said.split()[0])))


@pytest.mark.parametrize(("tag", "typed", "said", "yearly", "currency"), [
    ("zh-hant", "月薪港幣5萬", "每月HK$50,000，即每年HK$600,000。", 600000, "HKD"),
    ("hi", "₹2 लाख प्रति माह", "₹2,00,000 प्रति माह, यानी ₹24,00,000 प्रति वर्ष।", 2400000, "INR"),
    ("id", "Rp 20 juta per bulan", ("Rp 20.000.000 per bulan setara dengan "
                                     "Rp 240.000.000 per tahun."),
     240000000, "IDR"),
    ("vi", "30 triệu đồng một tháng", "30.000.000 ₫ mỗi tháng, tức là 360.000.000 ₫ mỗi năm.",
     360000000, "VND"),
    ("ne", "रु 1 लाख प्रति महिना", "मासिक ₹ 1,00,000 भनेको वार्षिक ₹ 12,00,000 हो।", 1200000,
     "INR"),     # an Indian passport: the rupee is India's
    ("ja", "月30万円", "300,000円（月額）は、年額にすると3,600,000円です。", 3600000, "JPY"),
    ("es", "3.000 euros al mes", "3000 € al mes son 36.000 € al año.", 36000, "EUR"),
    ("fr", "4 000 € par mois", "4 000 € par mois, soit 48 000 € par an.",
     48000, "EUR"),
    ("ar", "20 ألف درهم شهريا",
     "20,000 درهم إماراتي شهريًا يعادل 240,000 درهم إماراتي سنويًا.", 240000, "AED"),
])
async def test_a_monthly_income_is_said_back_as_a_year_in_every_language(
        chat: Conversation, tag: str, typed: str, said: str, yearly: int, currency: str) -> None:
    user = await user_at(chat, tag, to_income("India"))
    await user.send(typed)
    shown = strip_controls(user.text).replace("\xa0", " ").replace("\u202f", " ")
    assert shown.startswith(said)     # the month's amount and the year's, in the user's format
    assert (await answers(chat, user))["annual_income"] == {"amount": yearly,
                                                            "currency": currency}


@pytest.mark.parametrize(("tag", "typed", "answer"), [
    ("zh-hans", "可以", "yes"), ("zh-hans", "不能", "no"), ("zh-hant", "能", "yes"),
    ("ko", "됩니다", "yes"), ("ja", "できます", "yes"), ("id", "bisa", "yes"),
    ("vi", "được", "yes"), ("es", "no puedo", "no"), ("fr", "je peux", "yes"),
    ("ar", "أستطيع", "yes"), ("hi", "नहीं कर सकता", "no"), ("ne", "सक्छु", "yes"),
    ("en", "👍", "yes"),
])
async def test_can_you_answered_with_a_verb(chat: Conversation, tag: str, typed: str,
                                            answer: str) -> None:
    replies = [*to_income("India"), "HKD 900000", "0", "0", "No", "No"]
    user = await user_at(chat, tag, replies)
    await user.send(typed)     # "Can you support and accommodate yourself…?"
    assert (await answers(chat, user))["financial_support"] == answer


@pytest.mark.parametrize(("tag", "typed"), [("ko", "7년 반"), ("zh-hans", "七年半"),
                                            ("en", "seven and a half years"),
                                            ("hi", "साढ़े सात साल")])
async def test_half_years_of_work(chat: Conversation, tag: str, typed: str) -> None:
    user = await user_at(chat, tag, to_income("India")[:8])
    await user.send(typed)
    assert (await answers(chat, user))["years_graduate_work"] == 7.5


async def test_a_number_in_a_sentence_is_taken_and_said_back(chat: Conversation) -> None:
    user = await user_at(chat, "en", to_income("India")[:9])
    await user.send("4 years at Google")
    assert (await answers(chat, user))["years_renowned_employer"] == 4
    assert "4 years ✓" in user.text


# A number of years typed as the locale writes a fraction, and said back in years and months.
YEARS_SAID_BACK = {
    "en": ("10.5", "10 years and 6 months ✓"), "zh-hant": ("10.5", "10年6個月 ✓"),
    "zh-hans": ("10.5", "10年6个月 ✓"), "hi": ("10.5", "10 साल और 6 महीने ✓"),
    "id": ("10,5", "10 tahun 6 bulan ✓"), "vi": ("10,5", "10 năm 6 tháng ✓"),
    "ne": ("10.5", "10 वर्ष 6 महिना ✓"), "ja": ("10.5", "10年6か月 ✓"),
    "ko": ("10.5", "10년 6개월 ✓"), "es": ("10,5", "10 años y 6 meses ✓"),
    "fr": ("10,5", "10 ans et 6 mois ✓"), "ar": ("10.5", "10 سنوات و6 أشهر ✓"),
}


@pytest.mark.parametrize("tag", YEARS_SAID_BACK)
async def test_years_typed_are_said_back_in_years_and_months(chat: Conversation,
                                                             tag: str) -> None:
    typed, said = YEARS_SAID_BACK[tag]
    user = await user_at(chat, tag, to_income("India")[:8])
    await user.send(typed)
    assert (await answers(chat, user))["years_graduate_work"] == 10.5
    assert said in strip_controls(user.text).replace("\u00a0", " ")


async def test_hindi_number_words_for_the_age(chat: Conversation) -> None:
    user = await user_at(chat, "hi", ["India"])
    await user.send("उनतीस")
    assert (await answers(chat, user))["age"] == 29


async def test_a_flag_with_the_country(chat: Conversation) -> None:
    user = await user_at(chat, "en", [])
    await user.send("USA 🇺🇸")
    assert (await answers(chat, user))["nationality"] == "US"


@pytest.mark.parametrize("typed", ["Rs.25 lakh", "रु.25 लाख"])
async def test_a_rupee_abbreviations_dot_is_not_a_decimal_point(chat: Conversation,
                                                                typed: str) -> None:
    user = await user_at(chat, "en", to_income("India"))
    await user.send(typed)
    assert (await answers(chat, user))["annual_income"] == {"amount": 2500000,
                                                            "currency": "INR"}


@pytest.mark.parametrize(("tag", "monthly", "close"), [
    ("ar", "AED 40,000 شهريًا", "بمقدار HK$\u00a017,600"),
    ("en", "AED 40,000 a month", "the amount is HK$17,600 above the HK$1,000,000 threshold"),
    ("es", "AED 40.000 al mes", "supera el umbral de 1.000.000\u00a0HKD en 17.600\u00a0HKD"),
])
async def test_an_income_too_close_to_call_says_its_margin(chat: Conversation, tag: str,
                                                           monthly: str, close: str) -> None:
    """AED 480,000 a year is about HK$1,017,600: within the band around HK$1,000,000, so
    criterion 10 is not settled, and "what would change the result" says by how much the rate
    decides it (a fall of more than 1.8%), not only the generic hint."""
    from bot.i18n.text import t
    from bot.i18n.translator import Translator
    tr = Translator.for_code(tag)
    user = await user_at(chat, tag, [*to_income("India"), monthly, "0", "0", "No", "No", "Yes",
                                     "Yes"])
    await user.press(tr(t("What would change the result")))
    change = strip_controls(user.result.text)
    line = next(line for line in change.splitlines() if close in line)
    assert "1.8" in line or "1,8" in line, line
    assert (await answers(chat, user))["annual_income"] == {"amount": 480000, "currency": "AED"}


async def test_review_lines_open_with_a_capital_where_language_names_are_lower_case(
        chat: Conversation) -> None:
    user = await user_at(chat, "es", ["India", "34", "Sin título", "No", "inglés, español"])
    await user.send("/review")
    assert "\n   → Inglés y español" in user.text


@pytest.mark.parametrize("tag", ["en", "zh-hant", "zh-hans", "ja", "ko", "vi", "id", "hi", "ne",
                                 "es", "fr", "ar"])
async def test_a_typed_name_is_said_back_as_typed_in_the_review(chat: Conversation,
                                                                tag: str) -> None:
    """An unlisted university typed "xyz" reads "xyz" in /review, not "Xyz"."""
    user = await user_at(chat, tag, ["India", "34", "Master's", "xyz"])
    await user.send("/review")
    assert "\n   → xyz" in strip_controls(user.text)


@pytest.mark.parametrize("tag", ["en", "zh-hant", "zh-hans", "ja", "ko", "vi", "id", "hi", "ne",
                                 "es", "fr", "ar"])
async def test_no_income_is_said_in_words_in_the_result(chat: Conversation, tag: str) -> None:
    """"0" at the income question: criterion 10 and TTPS category A say "you had no income",
    not "your annual income is HK$0"."""
    from bot.common.money import Money
    from bot.i18n.text import t
    from bot.i18n.translator import Translator
    tr = Translator.for_code(tag)
    user = await user_at(chat, tag, [*to_income("India"), "0", "0", "0", "No", "No", "Yes",
                                     "Yes"])
    await user.press(user.result.labels[0])      # the 12 criteria
    criteria = strip_controls(user.result.text)
    await user.press(tr(t("Other routes")))
    routes = strip_controls(user.result.text)
    for shown, limit in ((criteria, 1_000_000), (routes, 2_500_000)):
        said = tr(t("You had no income in the year before applying; the threshold is {limit}.",
                    limit=Money(Decimal(limit), "HKD")))
        assert strip_controls(said)[:-1] in shown, shown   # criterion 10 adds "(provisional)"
        assert tr(t("Your annual income")) not in shown


@pytest.mark.parametrize(("tag", "typed", "amount", "currency"), [
    ("ar", "مليون دولار أمريكي", 1_000_000, "USD"),
    ("ar", "مائة وخمسون ألف دولار أمريكي", 150_000, "USD"),
    ("vi", "2 tỷ rưỡi đồng", 2_500_000_000, "VND"), ("vi", "1 tỷ 2 đồng", 1_200_000_000, "VND"),
    ("ja", "年間800万円", 8_000_000, "JPY"), ("ja", "800万円くらいです", 8_000_000, "JPY"),
])
async def test_an_income_as_people_say_it(chat: Conversation, tag: str, typed: str,
                                          amount: int, currency: str) -> None:
    user = await user_at(chat, tag, to_income("India"))
    await user.send(typed)
    assert (await answers(chat, user))["annual_income"] == {"amount": amount,
                                                            "currency": currency}


async def test_a_monthly_income_with_desu_is_said_back_as_a_year(chat: Conversation) -> None:
    user = await user_at(chat, "ja", to_income("India"))
    await user.send("月30万円です")
    shown = strip_controls(user.text)
    assert "300,000円（月額）は、年額にすると3,600,000円です。" in shown
    assert (await answers(chat, user))["annual_income"] == {"amount": 3_600_000,
                                                            "currency": "JPY"}


@pytest.mark.parametrize(("tag", "typed", "years"), [
    ("ar", "سنتان", 2), ("ar", "سنة واحدة", 1), ("ar", "ثلاث سنوات ونصف", 3.5),
    ("vi", "mười năm", 10), ("vi", "mười lăm năm", 15), ("vi", "tám năm", 8),
])
async def test_years_of_work_as_people_say_them(chat: Conversation, tag: str, typed: str,
                                                years: float) -> None:
    user = await user_at(chat, tag, to_income("India")[:8])
    await user.send(typed)
    assert (await answers(chat, user))["years_graduate_work"] == years


async def test_a_korean_full_age(chat: Conversation) -> None:
    user = await user_at(chat, "ko", ["India"])
    await user.send("만 35세")
    assert (await answers(chat, user))["age"] == 35


@pytest.mark.parametrize(("tag", "again"), [("zh-hans", "100万港币"), ("zh-hant", "100萬港幣"),
                                            ("en", "HKD 1,000,000")])
async def test_a_new_amount_at_the_currency_question_replaces_the_old_one(
        chat: Conversation, tag: str, again: str) -> None:
    """"2015" asks which currency; "100万港币" then is a new answer, not HK$2,015."""
    user = await user_at(chat, tag, [*to_income("India"), "2015"])
    assert "annual_income" not in await answers(chat, user)
    await user.send(again)
    assert (await answers(chat, user))["annual_income"] == {"amount": 1000000, "currency": "HKD"}


@pytest.mark.parametrize(("tag", "typed"), [("en", "-5000"), ("hi", "-5 लाख"), ("fr", "-5000")])
async def test_a_negative_income_is_refused_before_any_currency_is_asked(
        chat: Conversation, tag: str, typed: str) -> None:
    user = await user_at(chat, tag, to_income("India"))
    await user.send(typed)
    tr = translator_for(by_code(tag))
    assert strip_controls(tr(t("Income cannot be negative. Please send an amount with its "
                               "currency, for example HKD 1,200,000, or 0 for no income."))) \
        in strip_controls(user.text)
    assert "annual_income" not in await answers(chat, user)
