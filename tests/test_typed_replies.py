"""Replies as people type them, in each language where the form exists: the verbs people answer
yes/no questions with, halves, monthly amounts, emoji and flags, Hindi and Nepali number words,
an ambiguous "$", and one number inside a sentence."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from importlib.resources import files

import pytest

from bot.common.money import Money
from bot.i18n.text import TextList
from bot.replies import (
    ParseError,
    parse_countries,
    parse_languages,
    parse_money,
    parse_number,
    parse_tri,
)
from bot.replies.currencies import AmbiguousCurrency
from bot.replies.money import read_money
from bot.scoring.answers import Tri

YES, NO, UNSURE = Tri.YES, Tri.NO, Tri.UNSURE
SECTIONS = tomllib.loads(files("bot.replies").joinpath("data", "words.toml")
                         .read_text(encoding="utf-8"))

# --- yes and no, as answering verbs --------------------------------------------------------

ANSWERING_VERBS = [
    ("en", "I can", YES), ("en", "Yes, I can", YES), ("en", "I can't", NO),
    ("en", "I cannot", NO), ("en", "never", NO),
    ("zh_Hant_HK", "可以", YES), ("zh_Hant_HK", "能", YES), ("zh_Hant_HK", "會", YES),
    ("zh_Hant_HK", "不能", NO), ("zh_Hant_HK", "唔可以", NO), ("zh_Hant_HK", "唔得", NO),
    ("zh_Hans_CN", "可以", YES), ("zh_Hans_CN", "能", YES), ("zh_Hans_CN", "会", YES),
    ("zh_Hans_CN", "不能", NO), ("zh_Hans_CN", "不可以", NO), ("zh_Hans_CN", "不行", NO),
    ("hi", "कर सकता हूँ", YES), ("hi", "कर सकती हूं", YES), ("hi", "नहीं कर सकता", NO),
    ("id", "bisa", YES), ("id", "boleh", YES), ("id", "tidak bisa", NO),
    ("id", "tidak pernah", NO),
    ("vi", "được", YES), ("vi", "có thể", YES), ("vi", "không được", NO),
    ("vi", "không thể", NO),
    ("ne", "सक्छु", YES), ("ne", "हुन्छ", YES), ("ne", "सक्दिन", NO), ("ne", "हुँदैन", NO),
    ("ja", "できます", YES), ("ja", "出来ます", YES), ("ja", "できません", NO),
    ("ja", "無理です", NO),
    ("ko", "됩니다", YES), ("ko", "돼요", YES), ("ko", "할 수 있어요", YES), ("ko", "안 돼요", NO),
    ("ko", "안됩니다", NO), ("ko", "할 수 없습니다", NO),
    ("es", "puedo", YES), ("es", "Sí, puedo", YES), ("es", "no puedo", NO), ("es", "nunca", NO),
    ("fr", "je peux", YES), ("fr", "Oui, je peux", YES), ("fr", "je ne peux pas", NO),
    ("fr", "jamais", NO),
    ("ar", "أستطيع", YES), ("ar", "يمكنني", YES), ("ar", "لا أستطيع", NO),
    ("ar", "لا يمكنني", NO),
]


@pytest.mark.parametrize(("locale", "text", "expected"), ANSWERING_VERBS)
def test_answering_verbs_are_yes_or_no(locale: str, text: str, expected: Tri) -> None:
    assert parse_tri(text, locale) is expected


def test_every_language_has_answering_verbs() -> None:
    for locale in ("en", "zh_Hant_HK", "zh_Hans_CN", "hi", "id", "vi", "ne", "ja", "ko", "es",
                   "fr", "ar"):
        assert {text for lang, text, _ in ANSWERING_VERBS if lang == locale}, locale


def test_maybe_words_stay_not_sure() -> None:
    assert parse_tri("可能") is UNSURE
    assert parse_tri("có lẽ") is UNSURE
    assert parse_tri("maybe") is UNSURE


# --- emoji and flags -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("👍", YES), ("👍🏽", YES), ("✅", YES), ("✔️", YES), ("👎", NO), ("❌", NO),
    ("🤷", UNSURE), ("🤷‍♀️", UNSURE), ("yes 👍", YES), ("はい😊", YES), ("नहीं 🙏", NO),
])
def test_emoji_answer_or_are_ignored(text: str, expected: Tri) -> None:
    assert parse_tri(text) is expected


@pytest.mark.parametrize("text", ["👍👎", "😊", "🇺🇸"])
def test_other_emoji_are_not_an_answer(text: str) -> None:
    assert parse_tri(text) is None


@pytest.mark.parametrize(("text", "locale", "expected"), [
    ("USA 🇺🇸", "en", ["US"]), ("🇸🇬", "en", ["SG"]), ("Korea 🇰🇷", "en", ["KR"]),
    ("India 🇮🇳🙂", "en", ["IN"]), ("🇯🇵 日本", "ja", ["JP"]), ("Việt Nam 🇻🇳", "vi", ["VN"]),
    ("الهند 🇮🇳", "ar", ["IN"]), ("Philippines 🙏", "en", ["PH"]), ("中国 🇨🇳", "zh_Hans_CN", ["CN"]),
    ("台灣🇹🇼", "zh_Hant_HK", ["TW"]), ("한국 🇰🇷", "ko", ["KR"]), ("भारत 🇮🇳", "hi", ["IN"]),
    ("Indonesia 🇮🇩", "id", ["ID"]), ("नेपाल 🇳🇵", "ne", ["NP"]), ("España 🇪🇸", "es", ["ES"]),
    ("🇨🇦 Canada", "fr", ["CA"]), ("🇲🇽", "es", ["MX"]),
])
def test_flags_are_read_and_other_emoji_ignored(text: str, locale: str,
                                                expected: list[str]) -> None:
    assert parse_countries(text, locale) == expected


@pytest.mark.parametrize(("text", "locale", "expected"), [
    ("5 years 😊", "en", "5"), ("35 🎂", "en", "35"), ("5️⃣", "en", "5"),
    ("三十五歲 🙂", "zh_Hant_HK", "35"),
])
def test_emoji_around_numbers_are_ignored(text: str, locale: str, expected: str) -> None:
    assert parse_number(text, locale) == Decimal(expected)


# --- halves and other fractions ------------------------------------------------------------

HALVES = [
    ("en", "three and a half", "3.5"), ("en", "3 and a half years", "3.5"), ("en", "3½", "3.5"),
    ("en", "3 ½ years", "3.5"), ("en", "half a year", "0.5"), ("en", "a year and a half", "1.5"),
    ("zh_Hant_HK", "三年半", "3.5"), ("zh_Hant_HK", "兩年半", "2.5"), ("zh_Hant_HK", "半年", "0.5"),
    ("zh_Hans_CN", "三年半", "3.5"), ("zh_Hans_CN", "3年半", "3.5"),
    ("zh_Hans_CN", "一年半", "1.5"),
    ("hi", "साढ़े तीन साल", "3.5"), ("hi", "साढ़े 3", "3.5"), ("hi", "ढाई साल", "2.5"),
    ("hi", "डेढ़ साल", "1.5"), ("hi", "सवा दो", "2.25"), ("hi", "आधा साल", "0.5"),
    ("id", "tiga setengah tahun", "3.5"), ("id", "3 setengah", "3.5"),
    ("id", "setengah tahun", "0.5"),
    ("vi", "3 năm rưỡi", "3.5"), ("vi", "ba năm rưỡi", "3.5"), ("vi", "nửa năm", "0.5"),
    ("ne", "साढे तीन वर्ष", "3.5"), ("ne", "डेढ वर्ष", "1.5"), ("ne", "अढाई", "2.5"),
    ("ja", "3年半", "3.5"), ("ja", "三年半", "3.5"), ("ja", "半年", "0.5"),
    ("ko", "3년 반", "3.5"), ("ko", "삼 년 반", "3.5"), ("ko", "반년", "0.5"),
    ("es", "tres años y medio", "3.5"), ("es", "3 y medio", "3.5"), ("es", "medio año", "0.5"),
    ("fr", "trois ans et demi", "3.5"), ("fr", "3 ans et demi", "3.5"),
    ("ar", "ثلاث سنوات ونصف", "3.5"), ("ar", "3 سنوات و نصف", "3.5"), ("ar", "سنة ونصف", "1.5"),
    # a year and a half, with the "one" said or left out after the unit
    ("es", "año y medio", "1.5"), ("es", "un año y medio", "1.5"),
    ("fr", "un an et demi", "1.5"), ("fr", "an et demi", "1.5"),
    ("id", "satu setengah tahun", "1.5"), ("vi", "1 năm rưỡi", "1.5"), ("ko", "1년 반", "1.5"),
    ("ja", "一年半", "1.5"), ("zh_Hant_HK", "一年半", "1.5"), ("zh_Hans_CN", "年半", "1.5"),
    ("hi", "डेढ़ साल", "1.5"), ("ne", "डेढ वर्ष", "1.5"), ("vi", "một năm rưỡi", "1.5"),
    ("id", "setahun setengah", "1.5"),
]


@pytest.mark.parametrize(("locale", "text", "expected"), HALVES)
def test_halves_in_every_language(locale: str, text: str, expected: str) -> None:
    assert parse_number(text, locale) == Decimal(expected)


@pytest.mark.parametrize("text", ["3.5 and a half", "half half", "3년 반 반", "五万半"])
def test_a_half_is_added_once_to_a_whole_number(text: str) -> None:
    with pytest.raises(ParseError):
        parse_number(text)


# --- Hindi and Nepali number words ---------------------------------------------------------

@pytest.mark.parametrize(("locale", "text", "expected"), [
    ("hi", "उनतीस", "29"), ("hi", "उनतीस साल", "29"), ("hi", "पैंतीस", "35"),
    ("hi", "पैंतीस वर्ष", "35"), ("hi", "चालीस", "40"), ("hi", "पचास हज़ार", "50000"),
    ("hi", "दो लाख", "200000"), ("hi", "निन्यानबे", "99"),
    ("ne", "उनन्तिस", "29"), ("ne", "पैँतिस वर्ष", "35"), ("ne", "दुई लाख", "200000"),
    ("ne", "पाँच", "5"), ("ne", "उनान्सय", "99"),
])
def test_hindi_and_nepali_number_words(locale: str, text: str, expected: str) -> None:
    assert parse_number(text, locale) == Decimal(expected)


@pytest.mark.parametrize("locale", ["hi", "ne"])
def test_every_hindi_and_nepali_number_word_reads_as_its_value(locale: str) -> None:
    numbers = SECTIONS[locale]["numbers"]
    assert len({value for value in numbers.values() if value == int(value)}) == 99
    for word, value in numbers.items():
        assert parse_number(word, locale) == Decimal(str(value)), word


# --- monthly amounts -----------------------------------------------------------------------

MONTHLY = [
    ("en", "HKD 80k/month", "80000", "HKD"), ("en", "HKD 80,000 a month", "80000", "HKD"),
    ("en", "USD 10k per month", "10000", "USD"), ("en", "2 lakh rupees monthly", "200000", "INR"),
    ("zh_Hant_HK", "月薪港幣5萬", "50000", "HKD"), ("zh_Hant_HK", "每月3萬港幣", "30000", "HKD"),
    ("zh_Hans_CN", "月薪3万人民币", "30000", "CNY"), ("zh_Hans_CN", "每月2万元", "20000", "CNY"),
    ("hi", "₹2 लाख प्रति माह", "200000", "INR"), ("hi", "2 लाख रुपये महीना", "200000", "INR"),
    ("id", "Rp 20 juta per bulan", "20000000", "IDR"),
    ("id", "IDR 15 juta sebulan", "15000000", "IDR"),
    ("vi", "30 triệu đồng một tháng", "30000000", "VND"),
    ("vi", "VND 25 triệu mỗi tháng", "25000000", "VND"),
    ("ne", "रु 1 लाख प्रति महिना", "100000", "NPR"),
    ("ja", "月30万円", "300000", "JPY"), ("ja", "月給40万円", "400000", "JPY"),
    ("ko", "월 500만원", "5000000", "KRW"), ("ko", "월급 400만 원", "4000000", "KRW"),
    ("es", "3.000 euros al mes", "3000", "EUR"), ("es", "EUR 4000 mensuales", "4000", "EUR"),
    ("fr", "4 000 € par mois", "4000", "EUR"), ("fr", "EUR 3500/mois", "3500", "EUR"),
    ("ar", "20 ألف درهم شهريا", "20000", "AED"), ("ar", "SAR 15000 في الشهر", "15000", "SAR"),
]


@pytest.mark.parametrize(("locale", "text", "monthly", "currency"), MONTHLY)
def test_monthly_amounts_count_twelve_times(locale: str, text: str, monthly: str,
                                            currency: str) -> None:
    amount = read_money(text, locale)
    assert amount.monthly == Money(Decimal(monthly), currency)
    assert amount.yearly == Money(Decimal(monthly) * 12, currency)
    assert parse_money(text, locale) == amount.yearly


@pytest.mark.parametrize(("locale", "text", "yearly"), [
    ("en", "HKD 1.2m a year", "1200000"), ("en", "HKD 1.2m per annum", "1200000"),
    ("zh_Hans_CN", "年薪50万人民币", "500000"), ("ko", "연봉 6000만원", "60000000"),
    ("ja", "年収800万円", "8000000"), ("fr", "60 000 € par an", "60000"),
])
def test_yearly_words_are_allowed(locale: str, text: str, yearly: str) -> None:
    amount = read_money(text, locale)
    assert amount.monthly is None and amount.yearly.amount == Decimal(yearly)


@pytest.mark.parametrize("text", ["HKD 80k a month per year", "5 years a month"])
def test_periods_that_do_not_make_sense_are_refused(text: str) -> None:
    with pytest.raises(ParseError):
        read_money(text)


@pytest.mark.parametrize(("locale", "one_year", "text", "amount"), [
    ("vi", "một năm", "30 triệu đồng một năm", "30000000"),
    ("id", "setahun", "Rp 200 juta setahun", "200000000"),
])
def test_one_year_is_a_number_of_years_and_a_period_of_an_amount(
        locale: str, one_year: str, text: str, amount: str) -> None:
    assert parse_number(one_year, locale) == 1
    reading = read_money(text, locale)
    assert reading.monthly is None and reading.yearly.amount == Decimal(amount)


def test_a_period_is_not_a_number_of_years() -> None:
    with pytest.raises(ParseError):
        parse_number("5 a month")


# --- "$": asked about unless the passport or the region settles it -------------------------

DOLLARS = ("USD", "HKD", "SGD", "AUD", "CAD", "NZD")


@pytest.mark.parametrize(("text", "locale"), [
    ("$150k", "en"), ("$150,000", "es"), ("150k dollars", "en"), ("$ 150000", "hi"),
    *(("$150k", locale) for locale in ("zh_Hans_CN", "hi", "id", "vi", "ne", "ja", "ko", "es",
                                       "fr", "ar")),
])
def test_dollar_sign_is_asked_about_unless_settled(text: str, locale: str) -> None:
    with pytest.raises(AmbiguousCurrency) as caught:
        read_money(text, locale)
    assert caught.value.codes == DOLLARS
    assert caught.value.message.param_dict()["currencies"] == TextList(DOLLARS, "or")


@pytest.mark.parametrize(("text", "locale", "home", "currency"), [
    ("$150k", "en", "SGD", "SGD"), ("$150k", "en", "AUD", "AUD"), ("$150k", "en", "USD", "USD"),
    ("$150k", "zh_Hant_HK", None, "HKD"), ("$150k", "en", "INR", None),
    ("US$150k", "en", "SGD", "USD"), ("S$150k", "en", None, "SGD"),
    ("HK$150k", "en", "SGD", "HKD"), ("10 lakh rupees", "en", "NPR", "NPR"),
])
def test_the_passport_or_region_settles_the_dollar(text: str, locale: str, home: str | None,
                                                   currency: str | None) -> None:
    if currency is None:
        with pytest.raises(AmbiguousCurrency):
            read_money(text, locale, home=home)
    else:
        assert read_money(text, locale, home=home).yearly.currency == currency


# --- one number inside a sentence ----------------------------------------------------------

IN_A_SENTENCE = [
    ("en", "4 years at Google", "4"), ("en", "I am 35", "35"),
    ("en", "I have worked for 10 years", "10"),
    ("zh_Hans_CN", "在谷歌工作了4年", "4"), ("zh_Hant_HK", "我今年三十五歲", "35"),
    ("hi", "मैं 35 साल का हूँ", "35"), ("id", "saya bekerja 6 tahun di Jakarta", "6"),
    ("vi", "tôi làm 4 năm ở Google", "4"), ("ne", "मेरो उमेर 35 वर्ष हो", "35"),
    ("ja", "グーグルで4年", "4"), ("ko", "4년 근무했어요", "4"), ("es", "tengo 35 años", "35"),
    ("fr", "j'ai 35 ans", "35"), ("ar", "عمري 35 سنة", "35"),
]


@pytest.mark.parametrize(("locale", "text", "expected"), IN_A_SENTENCE)
def test_the_only_number_of_a_sentence_is_taken(locale: str, text: str, expected: str) -> None:
    assert parse_number(text, locale) == Decimal(expected)


@pytest.mark.parametrize("text", [
    "4 years at Google and 2 at Amazon", "between 3 and 4", "12abc",
    "3 or 4 years",
])
def test_a_sentence_with_no_single_number_is_refused(text: str) -> None:
    with pytest.raises(ParseError):
        parse_number(text)


@pytest.mark.parametrize(("locale", "text"), [
    ("vi", "Đại học Thượng Hải"), ("en", "4 years at Google"), ("vi", "tôi làm 4 năm ở Google"),
    ("es", "Universidad Tres de Febrero"),
])
def test_a_whole_answer_number_is_not_found_among_words(locale: str, text: str) -> None:
    with pytest.raises(ParseError):
        parse_number(text, locale, whole=True)


@pytest.mark.parametrize(("locale", "text", "expected"), [
    ("vi", "hai", "2"), ("en", "two", "2"), ("en", "34", "34"), ("en", "34 years", "34"),
    ("zh_Hans_CN", "三十歲", "30"),
])
def test_a_whole_answer_number_is_read(locale: str, text: str, expected: str) -> None:
    assert parse_number(text, locale, whole=True) == Decimal(expected)


def test_money_inside_a_sentence() -> None:
    assert parse_money("my salary is HKD 900k") == Money(Decimal(900000), "HKD")


# --- numbers inside sentences, in the languages that glue words to them --------------------

@pytest.mark.parametrize(("locale", "text", "expected"), [
    ("ko", "3년 반 일했어요", "3.5"), ("ko", "10년 일했습니다", "10"),
    ("ko", "회사에서 4년 일했어요", "4"), ("ko", "서른다섯 살이에요", "35"),
    ("ko", "저는 서른다섯 살입니다", "35"), ("ko", "3년이 넘었어요", "3"), ("ko", "사년", "4"),
    ("ar", "خمسة وعشرون", "25"), ("ar", "خمسة و عشرون", "25"), ("ar", "خمس وعشرين سنة", "25"),
    ("ar", "اثنان وأربعون", "42"), ("ar", "عمري خمسة وثلاثون عاما", "35"),
    ("ar", "ثلاث سنوات ونصف", "3.5"), ("ar", "خمسة عشر عاما", "15"), ("ar", "مئة", "100"),
    ("hi", "मैंने साढ़े तीन साल काम किया", "3.5"), ("hi", "मेरी उम्र उनतीस साल है", "29"),
    ("hi", "दो हज़ार पच्चीस", "2025"),
    ("ne", "मैले साढे तीन वर्ष काम गरें", "3.5"), ("ne", "मेरो उमेर उनन्तिस वर्ष हो", "29"),
    ("es", "treinta y cinco", "35"), ("fr", "vingt et un", "21"),
    ("en", "one hundred and five", "105"), ("en", "twenty five thousand", "25000"),
])
def test_numbers_glued_to_words_or_joined_by_and(locale: str, text: str, expected: str) -> None:
    assert parse_number(text, locale) == Decimal(expected)


@pytest.mark.parametrize(("locale", "text"), [
    ("en", "3 and 4"), ("en", "3 and a half months"),
    ("ko", "연봉 8천만 원"),   # an amount, not a number of years
])
def test_joined_or_glued_words_do_not_make_numbers_of_other_things(locale: str,
                                                                   text: str) -> None:
    with pytest.raises(ParseError):
        parse_number(text, locale)


@pytest.mark.parametrize(("locale", "text", "amount", "currency"), [
    ("ko", "연봉 8천만 원", "80000000", "KRW"), ("ko", "연봉은 8천만 원입니다", "80000000", "KRW"),
    ("ko", "1억 2천만 원 받아요", "120000000", "KRW"),
    ("ko", "연봉 1억 5천 원", "150000000", "KRW"),
    ("ja", "年収1億5千万円", "150000000", "JPY"), ("ja", "年収1億5千円", "150000000", "JPY"),
    ("zh_Hant_HK", "年薪1億5千港幣", "150000000", "HKD"),
    ("zh_Hans_CN", "年薪1亿5千人民币", "150000000", "CNY"),
    ("ar", "خمسة وعشرون ألف درهم", "25000", "AED"), ("ar", "مئة ألف درهم", "100000", "AED"),
    ("ar", "راتبي خمسة وعشرون ألف درهم شهريا", "300000", "AED"),
    ("hi", "मेरी सालाना आय 25 लाख रुपये है", "2500000", "INR"),
])
def test_amounts_inside_sentences(locale: str, text: str, amount: str, currency: str) -> None:
    assert parse_money(text, locale) == Money(Decimal(amount), currency)


@pytest.mark.parametrize(("text", "locale"), [("0", "zh_Hant_HK"), ("0", "en"), ("zero", "en")])
def test_a_zero_income_needs_no_currency(text: str, locale: str) -> None:
    from datetime import date

    from conversations.qmas import QUESTIONS
    income = next(q for q in QUESTIONS if q.id == "annual_income")
    read = income.reader.read(text, locale, date(2026, 12, 7), [], {})
    assert read.value == {"amount": 0, "currency": "HKD"}


@pytest.mark.parametrize("text", ["%60", "٪60", "60%"])
def test_a_percent_sign_typed_first_is_read(text: str) -> None:
    from datetime import date

    from conversations.qmas import QUESTIONS
    share = next(q for q in QUESTIONS if q.id == "business_share_pct")
    assert share.reader.read(text, "ar", date(2026, 12, 7), [], {}).value == 60


@pytest.mark.parametrize(("text", "locale", "nationality", "offered"), [
    ("15,00,000", "en", "IN", ("1500000 INR", "1500000 HKD")),
    ("연봉 100,000,000", "ko", "KR", ("100000000 KRW", "100000000 HKD")),
])
def test_an_amount_without_currency_offers_the_passports(text: str, locale: str,
                                                          nationality: str,
                                                          offered: tuple[str, ...]) -> None:
    from datetime import date

    from conversations.qmas import QUESTIONS
    income = next(q for q in QUESTIONS if q.id == "annual_income")
    read = income.reader.read(text, locale, date(2026, 12, 7), [], {"nationality": nationality})
    assert read.candidates == offered


# --- a limit is not a figure ----------------------------------------------------------------

BOUNDED = [
    ("en", "nearly 3"), ("en", "less than 3 years"), ("en", "just under 2"), ("en", "almost 5"),
    ("zh_Hant_HK", "不到3年"), ("zh_Hant_HK", "將近3年"), ("zh_Hans_CN", "少于3年"),
    ("ja", "3年弱"), ("ja", "3年近く"), ("ja", "3年未満"), ("ko", "거의 3년"), ("ko", "3년 미만"),
    ("vi", "gần 3 năm"), ("vi", "dưới 3 năm"), ("id", "hampir 3 tahun"),
    ("id", "kurang dari 3 tahun"), ("hi", "3 साल से कम"), ("ne", "3 वर्ष भन्दा कम"),
    ("es", "casi 3 años"), ("es", "menos de 3 años"), ("fr", "presque 3 ans"),
    ("fr", "moins de 3 ans"), ("ar", "أقل من 3 سنوات"), ("ar", "قرابة 3 سنوات"),
]


@pytest.mark.parametrize(("locale", "text"), BOUNDED)
def test_a_limit_is_refused_not_read_as_its_number(locale: str, text: str) -> None:
    """"Nearly 3 years" read as 3 could meet a 3-year criterion that is not met."""
    with pytest.raises(ParseError) as refused:
        parse_number(text, locale)
    assert refused.value.message.msgid.startswith("Please send the figure itself")


@pytest.mark.parametrize(("locale", "text"), [("en", "less than HKD 1m"),
                                              ("zh_Hant_HK", "不到港幣100萬"),
                                              ("es", "casi 1 millón de dólares de Hong Kong")])
def test_an_amount_given_as_a_limit_is_refused(locale: str, text: str) -> None:
    with pytest.raises(ParseError):
        parse_money(text, locale)


@pytest.mark.parametrize(("text", "amount"), [("SGD 200k p.a.", 200000), ("HKD 50k p.m.", 600000)])
def test_per_annum_and_per_month_abbreviations_end_a_reply(text: str, amount: int) -> None:
    assert parse_money(text, "en").amount == amount


@pytest.mark.parametrize(("locale", "text", "number"), [
    ("en", "about 3", 3), ("en", "over 3", 3), ("en", "I understood 3", 3),
    ("fr", "environ 3 ans", 3), ("es", "unos 3 años", 3), ("ja", "約3年", 3),
])
def test_about_and_lower_bounds_still_read(locale: str, text: str, number: int) -> None:
    assert parse_number(text, locale) == number


@pytest.mark.parametrize(("locale", "text", "years"), [
    ("ar", "سنة و6 أشهر", Decimal("1.5")), ("ar", "عام و3 أشهر", Decimal("1.25")),
    ("en", "a year and 6 months", Decimal("1.5")), ("en", "6 months", Decimal("0.5")),
])
def test_a_year_word_without_a_number_before_months_is_one_year(locale: str, text: str,
                                                                 years: Decimal) -> None:
    assert parse_number(text, locale) == years


@pytest.mark.parametrize(("locale", "text", "number"), [
    ("hi", "साढ़े बारह लाख", 1_250_000), ("ne", "साढे बाह्र लाख", 1_250_000),
    ("hi", "साढ़े तीन हज़ार", 3_500), ("hi", "सवा दो लाख", 225_000), ("hi", "साढ़े तीन", 3.5),
])
def test_a_hindi_fraction_prefix_applies_to_the_scaled_number(locale: str, text: str,
                                                              number: float) -> None:
    assert parse_number(text, locale) == Decimal(str(number))


@pytest.mark.parametrize(("locale", "text", "number"), [("ne", "३२ वर्षको", 32),
                                                        ("en", "a year and 6 months", 1.5)])
def test_a_per_year_word_outside_an_amount_is_a_year(locale: str, text: str,
                                                     number: float) -> None:
    assert parse_number(text, locale) == Decimal(str(number))


def test_a_per_year_word_in_an_amount_is_still_per_year() -> None:
    assert parse_money("वर्षको १२ लाख रुपैयाँ", "ne") == Money(Decimal(1_200_000), "NPR")


@pytest.mark.parametrize(("locale", "text", "country"), [
    ("en", "I am Indian", "IN"), ("en", "I'm Indian", "IN"),
    ("en", "My nationality is Indian", "IN"), ("en", "I hold a British passport", "GB"),
    ("ar", "أنا مغربي", "MA"),
    ("es", "soy mexicano", "MX"), ("zh_Hant_HK", "我是中國人", "CN"),
    ("ko", "저는 미국인입니다", "US"), ("vi", "tôi là người Việt Nam", "VN"),
    ("id", "saya orang Indonesia", "ID"), ("hi", "मैं भारतीय हूँ", "IN"),
    ("ne", "म नेपाली हुँ", "NP"),
    ("zh_Hant_HK", "美國國籍", "US"), ("zh_Hant_HK", "我是美國國籍", "US"),
    ("zh_Hans_CN", "美国国籍", "US"), ("zh_Hans_CN", "我是美国国籍", "US"),
    ("hi", "भारत का नागरिक", "IN"), ("hi", "मैं भारत का नागरिक हूँ", "IN"),
    ("hi", "मैं भारत की नागरिक हूँ", "IN"), ("ne", "म नेपालको नागरिक हुँ", "NP"),
    ("ne", "नेपालको नागरिक", "NP"), ("en", "citizen of India", "IN"),
    ("en", "I am a citizen of the United States", "US"), ("en", "a national of India", "IN"),
    ("es", "ciudadano de México", "MX"), ("es", "soy ciudadana de México", "MX"),
    ("es", "ciudadano mexicano", "MX"), ("fr", "citoyen français", "FR"),
    ("fr", "je suis citoyenne française", "FR"), ("fr", "citoyen du Canada", "CA"),
])
def test_a_nationality_in_a_sentence_is_read(locale: str, text: str, country: str) -> None:
    assert parse_countries(text, locale) == [country]


@pytest.mark.parametrize(("locale", "text", "codes"), [
    ("en", "only Nepali", ["ne"]), ("en", "I speak English and Hindi", ["en", "hi"]),
    ("en", "English fluent, Hindi native", ["en", "hi"]), ("ne", "नेपाली मात्र", ["ne"]),
    ("hi", "सिर्फ़ हिंदी", ["hi"]), ("es", "hablo inglés y español", ["en", "es"]),
    ("es", "solo español", ["es"]), ("fr", "je parle français et anglais", ["fr", "en"]),
    ("fr", "français langue maternelle, anglais courant", ["fr", "en"]),
    ("ne", "नेपाली, नेवारी", ["ne", "new"]), ("zh_Hant_HK", "只會廣東話", ["zh"]),
    ("vi", "tôi nói tiếng Việt và tiếng Anh", ["vi", "en"]),
    ("id", "hanya bahasa Indonesia", ["id"]),
])
def test_languages_listed_in_a_sentence(locale: str, text: str, codes: list[str]) -> None:
    assert parse_languages(text, locale) == codes


@pytest.mark.parametrize(("locale", "text"), [("ar", "عام 2015"), ("ar", "سنة 2015"),
                                              ("ar", "عام 2015م"), ("ar", "تخرجت عام 2015م"),
                                              ("en", "year 2015"), ("id", "tahun 2015")])
def test_a_year_named_with_a_word_before_it(locale: str, text: str) -> None:
    assert parse_number(text, locale) == 2015


def test_at_least_is_no_limit_below() -> None:
    """Hindi "कम से कम" ("at least") holds "से कम" ("less than")."""
    assert parse_number("कम से कम 5 साल", "hi") == 5
