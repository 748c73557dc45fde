"""Tests for reading free-text replies: numbers, money, countries, languages and yes/no."""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from importlib.resources import files

import pytest

from bot.common.money import Money
from bot.i18n.languages import LANGUAGES
from bot.i18n.text import CurrencyName, Text, TextList
from bot.i18n.translator import Translator
from bot.replies import (
    ParseError,
    parse_countries,
    parse_languages,
    parse_money,
    parse_number,
    parse_tri,
)
from bot.replies.words import word_list
from bot.replies.yesno import parse_none, reply_key
from bot.scoring.answers import Tri, parse_answer

LOCALES = [language.locale for language in LANGUAGES]
DAY = date(2026, 11, 24)

# --- parse_number ------------------------------------------------------------------------

NUMBERS = [
    # plain forms, units and hedges
    ("5", "en", "5"),
    ("5.5", "en", "5.5"),
    ("0.5", "en", "0.5"),
    (".5", "en", "0.5"),
    ("5 years", "en", "5"),
    ("5 yrs", "en", "5"),
    ("5yrs", "en", "5"),
    ("1 year", "en", "1"),
    ("5y", "en", "5"),
    ("about 5", "en", "5"),
    ("around 5 years", "en", "5"),
    ("~5", "en", "5"),
    ("5 years.", "en", "5"),
    ("approx. 5", "en", "5"),
    ("35 years old", "en", "35"),
    ("35岁", "zh_Hans_CN", "35"),
    ("35歲", "zh_Hant_HK", "35"),
    ("35歳", "ja", "35"),
    ("35살", "ko", "35"),
    ("35 tuổi", "vi", "35"),
    ("35 ans", "fr", "35"),
    ("  5  ", "en", "5"),
    ("50%", "en", "50"),
    ("five", "en", "5"),
    ("Twenty years", "en", "20"),
    ("-5", "en", "-5"),
    ("−5", "en", "-5"),
    ("+5", "en", "5"),
    # thousands separators and decimal marks
    ("1,200", "en", "1200"),
    ("1,200,000", "en", "1200000"),
    ("1,200,000.50", "en", "1200000.5"),
    ("1 200 000", "en", "1200000"),
    ("1'200'000", "en", "1200000"),
    ("1.200", "en", "1.2"),
    ("1,5", "en", "1.5"),
    ("0,500", "en", "0.5"),
    ("1,5", "fr", "1.5"),
    ("5,5", "fr", "5.5"),
    ("1 200 000", "fr", "1200000"),
    ("1\u202f200\u202f000,5", "fr", "1200000.5"),
    ("1,200", "fr", "1.2"),
    ("1.200", "fr", "1.2"),
    ("1.5", "fr", "1.5"),
    ("1.200", "es", "1200"),
    ("1.200", "id", "1200"),
    ("1.200", "vi", "1200"),
    ("1,200", "vi", "1.2"),
    ("1.200.000", "es", "1200000"),
    ("1.200.000,50", "es", "1200000.5"),
    ("1,200,000", "es", "1200000"),
    ("1,200,000", "id", "1200000"),
    ("1.5", "es", "1.5"),
    ("1.25", "id", "1.25"),
    ("5,5", "es", "5.5"),
    ("1,200", "zh_Hans_CN", "1200"),
    ("1,200", "ar", "1200"),
    # multipliers
    ("1.2m", "en", "1200000"),
    ("1.2M", "en", "1200000"),
    ("1.2 million", "en", "1200000"),
    ("2 millions", "en", "2000000"),
    ("1.2 mn", "en", "1200000"),
    ("2 mio", "en", "2000000"),
    ("2 mil", "en", "2000000"),
    ("1.5k", "en", "1500"),
    ("150K", "en", "150000"),
    ("3 thousand", "en", "3000"),
    ("1 billion", "en", "1000000000"),
    ("1.5bn", "en", "1500000000"),
    ("HK$ 1.2 million", "en", "1200000"),
    ("USD 150,000", "en", "150000"),
    ("1,2 millones", "es", "1200000"),
    ("1 millón", "es", "1000000"),
    ("5 mil", "es", "5000"),
    ("1,5M", "id", "1500000000"),
    ("1,5 tr", "vi", "1500000"),
    ("2 T", "vi", "2000000000"),
    ("2 mil millones", "es", "2000000000"),
    ("1,2 million", "fr", "1200000"),
    ("2 millions", "fr", "2000000"),
    ("5 mille", "fr", "5000"),
    ("2 milliards", "fr", "2000000000"),
    ("1,5 juta", "id", "1500000"),
    ("500 ribu", "id", "500000"),
    ("2 miliar", "id", "2000000000"),
    ("500 rb", "id", "500000"),
    ("2 triệu", "vi", "2000000"),
    ("2 trieu", "vi", "2000000"),
    ("5 nghìn", "vi", "5000"),
    ("5 ngàn", "vi", "5000"),
    ("1 tỷ", "vi", "1000000000"),
    # CJK and Korean units, including additive forms
    ("120万", "zh_Hans_CN", "1200000"),
    ("120萬", "zh_Hant_HK", "1200000"),
    ("120万", "en", "1200000"),
    ("1.2亿", "zh_Hans_CN", "120000000"),
    ("1.2億", "zh_Hant_HK", "120000000"),
    ("1.2億", "ja", "120000000"),
    ("3千", "zh_Hans_CN", "3000"),
    ("1.5百万", "zh_Hans_CN", "1500000"),
    ("2千万", "zh_Hans_CN", "20000000"),
    ("2千萬", "zh_Hant_HK", "20000000"),
    ("3万5千", "zh_Hans_CN", "35000"),
    ("3万5000", "ja", "35000"),
    ("500만", "ko", "5000000"),
    ("3천", "ko", "3000"),
    ("2억", "ko", "200000000"),
    ("5천만", "ko", "50000000"),
    ("5백만", "ko", "5000000"),
    ("1억 2천만", "ko", "120000000"),
    # a last smaller multiplier after 억/億 leaves 만/万 unsaid
    ("1억 5천", "ko", "150000000"), ("1억 5천만", "ko", "150000000"),
    ("1億5千", "ja", "150000000"), ("1億5千万", "ja", "150000000"),
    ("1億5千", "zh_Hant_HK", "150000000"), ("1亿5千", "zh_Hans_CN", "150000000"),
    ("1億2千3百万", "ja", "123000000"), ("2억 3백", "ko", "203000000"),
    # Indian lakh and crore
    ("12 lakh", "en", "1200000"),
    ("12 lakhs", "en", "1200000"),
    ("12 lacs", "en", "1200000"),
    ("12L", "en", "1200000"),
    ("1.5 crore", "en", "15000000"),
    ("2 cr", "en", "20000000"),
    ("12,00,000", "en", "1200000"),
    ("1,00,00,000", "hi", "10000000"),
    ("12 लाख", "hi", "1200000"),
    ("1 करोड़", "hi", "10000000"),
    ("1 करोड", "ne", "10000000"),
    ("5 हज़ार", "hi", "5000"),
    ("2 लाख 50 हजार", "ne", "250000"),
    # years in our languages
    ("5年", "zh_Hans_CN", "5"),
    ("5年", "zh_Hant_HK", "5"),
    ("5年", "ja", "5"),
    ("5年間", "ja", "5"),
    ("约5年", "zh_Hans_CN", "5"),
    ("5年左右", "zh_Hant_HK", "5"),
    ("5 años", "es", "5"),
    ("unos 5 años", "es", "5"),
    ("5 ans", "fr", "5"),
    ("environ 5 ans", "fr", "5"),
    ("5 tahun", "id", "5"),
    ("sekitar 5 tahun", "id", "5"),
    ("5 năm", "vi", "5"),
    ("khoảng 5 năm", "vi", "5"),
    ("5 वर्ष", "hi", "5"),
    ("5 साल", "hi", "5"),
    ("लगभग 5 साल", "hi", "5"),
    ("5 वर्ष", "ne", "5"),
    ("5년", "ko", "5"),
    ("약 5년", "ko", "5"),
    ("한 4년", "ko", "4"),       # 한 before a number is "about"…
    ("한 4년 반", "ko", "4.5"),
    ("한 살", "ko", "1"),        # …before a counter, one
    ("zorglub-deux", "fr", "2"),  # a hyphen after a word is no minus
    ("1 an 1/2", "fr", "1.5"),    # a slashed half or quarter after a unit
    ("3 years 3/4", "en", "3.75"),
    ("abc-5", "en", "5"),
    ("5 سنوات", "ar", "5"),
    ("حوالي 5 سنوات", "ar", "5"),
    # digits of other scripts and full-width forms
    ("٥ سنوات", "ar", "5"),
    ("١٢٫٥", "ar", "12.5"),
    ("١٬٢٠٠٬٠٠٠", "ar", "1200000"),
    ("۱۲", "ar", "12"),
    ("१२", "hi", "12"),
    ("५ वर्ष", "ne", "5"),
    ("１２０万", "zh_Hans_CN", "1200000"),
    ("５年", "ja", "5"),
    ("１，２００", "ja", "1200"),
    ("５．５", "ja", "5.5"),
]


@pytest.mark.parametrize(("text", "locale", "expected"),
                         NUMBERS)
def test_parse_number(text: str, locale: str, expected: str) -> None:
    assert parse_number(text, locale) == Decimal(expected)


def test_whole_results_have_no_fraction_digits() -> None:
    assert str(parse_number("1.2m")) == "1200000"
    assert str(parse_number("5.0")) == "5"
    assert str(parse_number("1.50")) == "1.5"


GARBAGE = [
    "", "   ", "abc", "five-ish", "1.2.3", "12abc", "5 6", "5-6", "--5",
    "1,2,3", "1,200.000,5", "1,20,0", "million thousand", "5 million thousand", "1억 2억", "5 6千",
    "1e6", "(5)", "5 . 6", ".", "yes", "1,200 000", "0,000,5",
]


@pytest.mark.parametrize("text", GARBAGE)
def test_parse_number_rejects_garbage(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_number(text)
    assert isinstance(caught.value.message, Text)
    assert caught.value.message.msgid == "Please send a number, for example 5 or 5.5."


def test_parse_error_is_a_value_error_carrying_text() -> None:
    with pytest.raises(ValueError, match="Please send a number"):
        parse_number("abc")


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_reads_plain_and_grouped_numbers(locale: str) -> None:
    assert parse_number("7", locale) == 7
    assert parse_number("1,200,000", locale) == 1_200_000
    assert parse_number("2.5", locale) == Decimal("2.5")


# --- parse_money ------------------------------------------------------------------------

MONEY = [
    # ISO codes, either side, any case
    ("USD 150,000", "en", None, "150000", "USD"),
    ("150000 usd", "en", None, "150000", "USD"),
    ("150k USD", "en", None, "150000", "USD"),
    ("HKD 1,200,000", "en", None, "1200000", "HKD"),
    ("-50,000 HKD", "en", None, "-50000", "HKD"),
    ("HKD -50,000", "en", None, "-50000", "HKD"),
    ("1,200,000", "en", "HKD", "1200000", "HKD"),
    ("120万", "zh_Hans_CN", "cny", "1200000", "CNY"),
    # symbols
    ("HK$ 1.2 million", "en", None, "1200000", "HKD"),
    ("HK$1.2M", "en", None, "1200000", "HKD"),
    ("US$ 150k", "en", None, "150000", "USD"),
    ("€ 90.000", "es", None, "90000", "EUR"),
    ("€ 90.000", "en", None, "90000", "EUR"),
    ("150 000 €", "fr", None, "150000", "EUR"),
    ("150.000 €", "fr", None, "150000", "EUR"),
    ("100,000 CHF", "fr", None, "100000", "CHF"),
    ("1,50 €", "fr", None, "1.5", "EUR"),
    ("£50,000", "en", None, "50000", "GBP"),
    ("₹ 12 lakh", "en", None, "1200000", "INR"),
    ("₩50,000,000", "ko", None, "50000000", "KRW"),
    ("S$ 100,000", "en", None, "100000", "SGD"),
    ("A$ 100,000", "en", None, "100000", "AUD"),
    ("C$ 100,000", "en", None, "100000", "CAD"),
    ("NT$ 1,000,000", "zh_Hant_HK", None, "1000000", "TWD"),
    ("RM 200k", "en", None, "200000", "MYR"),
    ("Rp 500 juta", "id", None, "500000000", "IDR"),
    ("500 triệu ₫", "vi", None, "500000000", "VND"),
    ("100.000đ", "vi", None, "100000", "VND"),
    ("Rp. 500.000", "id", None, "500000", "IDR"),
    ("Rp500.000,-", "id", None, "500000", "IDR"),
    ("Rs. 5,00,000/-", "en", None, "500000", "INR"),
    ("US$2 mil", "en", None, "2000000", "USD"),
    ("2 mil dólares", "es", None, "2000", "USD"),
    ("฿1,000,000", "en", None, "1000000", "THB"),
    ("MOP$ 500,000", "en", None, "500000", "MOP"),
    ("AED 300,000", "en", None, "300000", "AED"),
    ("د.إ 300,000", "ar", None, "300000", "AED"),
    ("100k zł", "en", None, "100000", "PLN"),
    # names in English and in the user's language
    ("100,000 US dollars", "en", None, "100000", "USD"),
    ("100,000 Hong Kong dollars", "en", None, "100000", "HKD"),
    ("50,000 euros", "en", None, "50000", "EUR"),
    ("50000 pounds", "en", None, "50000", "GBP"),
    ("100k Swiss francs", "en", None, "100000", "CHF"),
    ("100000 yuan", "en", None, "100000", "CNY"),
    ("100000 RMB", "en", None, "100000", "CNY"),
    ("500 yen", "en", None, "500", "JPY"),
    ("50 million won", "en", None, "50000000", "KRW"),
    ("500 million rupiah", "en", None, "500000000", "IDR"),
    ("1 million baht", "en", None, "1000000", "THB"),
    ("200000 ringgit", "en", None, "200000", "MYR"),
    ("300000 dirham", "en", None, "300000", "AED"),
    ("1.5 crore rupees", "en", None, "15000000", "INR"),
    ("500 triệu đồng", "vi", None, "500000000", "VND"),
    ("500 trieu dong", "vi", None, "500000000", "VND"),
    ("100 ngàn đô", "vi", None, "100000", "USD"),
    ("120万人民币", "zh_Hans_CN", None, "1200000", "CNY"),
    ("120萬人民幣", "zh_Hant_HK", None, "1200000", "CNY"),
    ("120万元", "zh_Hans_CN", None, "1200000", "CNY"),
    ("120万港元", "zh_Hans_CN", None, "1200000", "HKD"),
    ("120万港币", "zh_Hans_CN", None, "1200000", "HKD"),
    ("120萬港幣", "zh_Hant_HK", None, "1200000", "HKD"),
    ("100万美元", "zh_Hans_CN", None, "1000000", "USD"),
    ("500万円", "ja", None, "5000000", "JPY"),
    ("10万ドル", "ja", None, "100000", "USD"),
    ("5000만원", "ko", None, "50000000", "KRW"),
    ("1억 2천만원", "ko", None, "120000000", "KRW"),
    ("1억 달러", "ko", None, "100000000", "USD"),
    ("150000 dólares", "es", None, "150000", "USD"),
    ("1,2 millones de euros", "es", None, "1200000", "EUR"),
    ("2 millions d'euros", "fr", None, "2000000", "EUR"),
    ("300000 دولار", "ar", None, "300000", "USD"),
    ("10 लाख रुपये", "hi", None, "1000000", "INR"),
    # rupees: Indian unless the user writes Nepali
    ("Rs 10 lakh", "en", None, "1000000", "INR"),
    ("10 lakh rupees", "en", None, "1000000", "INR"),
    ("Rs 10 lakh", "ne", None, "1000000", "NPR"),
    ("रु 10 लाख", "ne", None, "1000000", "NPR"),
    ("10 lakh rupees", "ne", None, "1000000", "NPR"),
    # an abbreviation's own dot is not a decimal point; a symbol's following dot is one
    ("रु.25 लाख", "ne", None, "2500000", "NPR"),
    ("रु.1 करोड", "ne", None, "10000000", "NPR"),
    ("रु.2,50,000", "ne", None, "250000", "NPR"),
    ("Rs.25 lakh", "hi", None, "2500000", "INR"),
    ("रु.1 करोड", "hi", None, "10000000", "INR"),
    ("Rs.2,00,000", "en", None, "200000", "INR"),
    ("Rs.2.5 lakh", "en", None, "250000", "INR"),
    ("HK$.5m", "en", None, "500000", "HKD"),
    ("₹.5 लाख", "hi", None, "50000", "INR"),
    # "$": the default currency when it is a dollar, else the dollar of the locale's region
    # (else it is asked about: test_dollar_sign_is_asked_about_unless_settled)
    ("$150,000", "en", "HKD", "150000", "HKD"),
    ("$150,000", "en", "SGD", "150000", "SGD"),
    ("100,000 dollars", "en", "AUD", "100000", "AUD"),
    ("$150,000", "zh_Hant_HK", None, "150000", "HKD"),
    # "¥": yen for Japanese readers, yuan for Simplified Chinese ones, or the default
    ("¥5,000,000", "ja", None, "5000000", "JPY"),
    ("￥500万", "ja", None, "5000000", "JPY"),
    ("¥500万", "zh_Hans_CN", None, "5000000", "CNY"),
    ("¥500万", "en", "CNY", "5000000", "CNY"),
    ("¥500万", "zh_Hant_HK", "JPY", "5000000", "JPY"),
]


@pytest.mark.parametrize(("text", "locale", "default", "amount", "currency"), MONEY)
def test_parse_money(text: str, locale: str, default: str | None, amount: str,
                     currency: str) -> None:
    assert parse_money(text, locale, default) == Money(Decimal(amount), currency)


@pytest.mark.parametrize(("text", "locale"), [
    ("¥500万", "en"), ("¥ 5,000,000", "zh_Hant_HK"), ("¥5000", "ko"),
])
def test_bare_yen_sign_is_ambiguous_outside_ja_and_zh_hans(text: str, locale: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_money(text, locale)
    message = caught.value.message
    assert message.msgid.startswith("Which currency do you mean")
    assert message.param_dict()["currencies"] == TextList(("CNY", "JPY"), "or")


@pytest.mark.parametrize(("text", "locale", "currency"), [
    ("5만 파운드", "ko", "GBP"), ("5만 유로", "ko", "EUR"), ("5万ポンド", "ja", "GBP"),
    ("5万人民元", "ja", "CNY"), ("50000 bảng", "vi", "GBP"), ("50000 पाउंड", "hi", "GBP"),
    ("50000 युआन", "hi", "CNY"), ("50000 येन", "hi", "JPY"), ("50000 पाउन्ड", "ne", "GBP"),
    ("50000 युआन", "ne", "CNY"), ("50000 येन", "ne", "JPY"), ("50000 libras", "es", "GBP"),
    ("50000 yuanes", "es", "CNY"), ("50000 yenes", "es", "JPY"), ("50000 livres", "fr", "GBP"),
    ("50000 yuans", "fr", "CNY"), ("50000 yens", "fr", "JPY"), ("50000 يوان", "ar", "CNY"),
    ("50000 ين", "ar", "JPY"), ("50000 quid", "en", "GBP"), ("50000 poundsterling", "id", "GBP"),
])
def test_everyday_currency_words_of_every_language(text: str, locale: str,
                                                   currency: str) -> None:
    """The words people type for pounds, euros, yuan and yen, where CLDR has only the full name
    ("영국 파운드", "libra esterlina")."""
    assert parse_money(text, locale) == Money(Decimal(50_000), currency)


@pytest.mark.parametrize(("text", "codes"), [
    ("5000 pesos", ("CLP", "COP", "MXN", "PHP")),
    ("5000 kr", ("DKK", "NOK", "SEK")),
    ("5000 riyals", ("QAR", "SAR")),
])
def test_shared_currency_words_ask_which_one(text: str, codes: tuple[str, ...]) -> None:
    with pytest.raises(ParseError) as caught:
        parse_money(text, "es")
    assert caught.value.message.param_dict()["currencies"] == TextList(codes, "or")


def test_a_default_settles_a_shared_currency_word() -> None:
    assert parse_money("5000 pesos", "es", "MXN") == Money(Decimal(5000), "MXN")


@pytest.mark.parametrize(("text", "default", "code"), [
    ("5000 ARS", None, "ARS"), ("5000 etb", None, "ETB"), ("1,000", "ARS", "ARS"),
])
def test_real_but_unsupported_currency(text: str, default: str | None, code: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_money(text, "en", default)
    message = caught.value.message
    assert message.msgid.startswith("Sorry, I cannot convert {currency} ({code}) yet.")
    assert message.param_dict() == {"currency": CurrencyName(code), "code": code}


@pytest.mark.parametrize(("text", "msgid"), [
    ("1,200,000", "Which currency? For example: HKD 1,200,000 or USD 150,000."),
    ("120万", "Which currency? For example: HKD 1,200,000 or USD 150,000."),
    ("USD 100 HKD", "Please send one amount in one currency, for example HKD 1,200,000."),
    ("USD", "Please send an amount with its currency, for example HKD 1,200,000 or "
            "USD 150,000."),
    ("100 USD 200 HKD", "Please send an amount with its currency, for example HKD 1,200,000 "
                        "or USD 150,000."),
    ("5 years", "Please send an amount with its currency, for example HKD 1,200,000 or "
                "USD 150,000."),
    ("lots of money", "Please send an amount with its currency, for example HKD 1,200,000 or "
                      "USD 150,000."),
    ("5000 XYZ", "Please send an amount with its currency, for example HKD 1,200,000 or "
                 "USD 150,000."),
])
def test_parse_money_rejects(text: str, msgid: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_money(text, "en")
    assert isinstance(caught.value.message, Text)
    assert caught.value.message.msgid == msgid


def test_parsed_money_passes_the_answers_contract() -> None:
    money = parse_money("HK$ 1.2m")
    value = {"amount": int(money.amount), "currency": money.currency}
    assert parse_answer("annual_income", value, DAY) == money


# --- parse_countries --------------------------------------------------------------------

COUNTRIES = [
    # codes and English names
    ("IN", "en", ["IN"]),
    ("in", "en", ["IN"]),
    ("India", "en", ["IN"]),
    ("  india. ", "en", ["IN"]),
    ("United States", "en", ["US"]),
    ("Bosnia and Herzegovina", "en", ["BA"]),
    ("Türkiye", "en", ["TR"]),
    ("Czechia", "en", ["CZ"]),
    ("Myanmar", "en", ["MM"]),
    # informal names and demonyms
    ("USA", "en", ["US"]),
    ("U.S.", "en", ["US"]),
    ("the US", "en", ["US"]),
    ("America", "en", ["US"]),
    ("UK", "en", ["GB"]),
    ("Britain", "en", ["GB"]),
    ("England", "en", ["GB"]),
    ("Korea", "en", ["KR", "KP"]),
    ("South Korea", "en", ["KR"]),
    ("North Korea", "en", ["KP"]),
    ("DPRK", "en", ["KP"]),
    ("Indian", "en", ["IN"]),
    ("Chinese", "en", ["CN"]),
    ("China", "en", ["CN"]),
    ("Hong Kong", "en", ["HK"]),
    ("Taiwan", "en", ["TW"]),
    ("Macau", "en", ["MO"]),
    ("Macao", "en", ["MO"]),
    ("Vietnam", "en", ["VN"]),
    ("Viet Nam", "en", ["VN"]),
    ("Russia", "en", ["RU"]),
    ("Czech Republic", "en", ["CZ"]),
    ("Laos", "en", ["LA"]),
    ("Iran", "en", ["IR"]),
    ("Syria", "en", ["SY"]),
    ("Turkey", "en", ["TR"]),
    ("Ivory Coast", "en", ["CI"]),
    ("UAE", "en", ["AE"]),
    ("Holland", "en", ["NL"]),
    ("Burma", "en", ["MM"]),
    ("Filipino", "en", ["PH"]),
    # the user's language, any case and accents
    ("Inde", "fr", ["IN"]),
    ("Côte d’Ivoire", "fr", ["CI"]),
    ("États-Unis", "fr", ["US"]),
    ("etats-unis", "fr", ["US"]),
    ("Estados Unidos", "es", ["US"]),
    ("印度", "zh_Hans_CN", ["IN"]),
    ("中国", "zh_Hans_CN", ["CN"]),
    ("中國", "zh_Hant_HK", ["CN"]),
    ("大陆", "zh_Hans_CN", ["CN"]),
    ("香港", "zh_Hant_HK", ["HK"]),
    ("台灣", "zh_Hant_HK", ["TW"]),
    ("台湾", "zh_Hans_CN", ["TW"]),
    ("澳門", "zh_Hant_HK", ["MO"]),
    ("インド", "ja", ["IN"]),
    ("日本", "ja", ["JP"]),
    ("인도", "ko", ["IN"]),
    ("한국", "ko", ["KR"]),
    ("भारत", "hi", ["IN"]),
    ("नेपाल", "ne", ["NP"]),
    ("الهند", "ar", ["IN"]),
    ("Ấn Độ", "vi", ["IN"]),
    ("an do", "vi", ["IN"]),
    ("Việt Nam", "vi", ["VN"]),
    ("Indonesia", "id", ["ID"]),
    # names in another of our languages, whatever the user's language
    ("印度", "en", ["IN"]),
    ("Inde", "en", ["IN"]),
    # prefixes and typos
    ("Congo", "en", ["CG", "CD"]),
    ("Inida", "en", ["IN"]),
    ("Phillipines", "en", ["PH"]),
    # nothing plausible
    ("", "en", []),
    ("xyz", "en", []),
    ("European Union", "en", []),
    ("EU", "en", []),
]


@pytest.mark.parametrize(("text", "locale", "expected"), COUNTRIES)
def test_parse_countries(text: str, locale: str, expected: list[str]) -> None:
    assert parse_countries(text, locale) == expected


def test_several_candidates_for_a_shared_prefix() -> None:
    assert set(parse_countries("United")) == {"AE", "GB", "US"}
    assert set(parse_countries("Corée", "fr")) == {"KR", "KP"}


def test_candidates_are_capped_at_five() -> None:
    assert len(parse_countries("Saint")) <= 5


@pytest.mark.parametrize("text", ["India", "Korea", "香港", "Inida", "UK", "Congo"])
def test_country_candidates_pass_the_answers_contract(text: str) -> None:
    for code in parse_countries(text):
        assert parse_answer("nationality", code, DAY) == code


# --- parse_languages ----------------------------------------------------------------------

LANGUAGE_LISTS = [
    ("English", "en", ["en"]),
    ("Chinese and English", "en", ["zh", "en"]),
    ("english, hindi", "en", ["en", "hi"]),
    ("hindi & nepali", "en", ["hi", "ne"]),
    ("Hindi/Urdu; Punjabi", "en", ["hi", "ur", "pa"]),
    ("Tamil + Malay", "en", ["ta", "ms"]),
    ("English, English", "en", ["en"]),
    ("British English", "en", ["en"]),
    ("Tagalog", "en", ["tl"]),
    ("Filipino", "en", ["tl"]),
    ("English language", "en", ["en"]),
    ("Englsh, Hindi", "en", ["en", "hi"]),
    # Chinese varieties are all Chinese
    ("Cantonese", "en", ["zh"]),
    ("Mandarin", "en", ["zh"]),
    ("Putonghua", "en", ["zh"]),
    ("Cantonese, Mandarin and English", "en", ["zh", "en"]),
    ("Hokkien, Teochew, Hakka, Shanghainese", "en", ["zh"]),
    ("Chinese (Cantonese)", "en", ["zh"]),
    ("中文、英文", "zh_Hans_CN", ["zh", "en"]),
    ("粤语, 普通话", "zh_Hans_CN", ["zh"]),
    ("英语和中文", "zh_Hans_CN", ["en", "zh"]),
    ("汉语及法语", "zh_Hans_CN", ["zh", "fr"]),
    ("廣東話、普通話、英文", "zh_Hant_HK", ["zh", "en"]),
    ("粵語，國語", "zh_Hant_HK", ["zh"]),
    ("華語與英語", "zh_Hant_HK", ["zh", "en"]),
    # the user's language, and another of ours
    ("日本語", "ja", ["ja"]),
    ("英語と日本語", "ja", ["en", "ja"]),
    ("日本語", "en", ["ja"]),
    ("영어와 한국어", "ko", ["en", "ko"]),
    ("영어, 중국어", "ko", ["en", "zh"]),
    ("français", "fr", ["fr"]),
    ("anglais et français", "fr", ["en", "fr"]),
    ("inglés y español", "es", ["en", "es"]),
    ("español e inglés", "es", ["es", "en"]),
    ("Inggris dan Indonesia", "id", ["en", "id"]),
    ("bahasa Inggris, bahasa Indonesia", "id", ["en", "id"]),
    ("tiếng Anh và tiếng Việt", "vi", ["en", "vi"]),
    ("tieng anh, tieng viet", "vi", ["en", "vi"]),
    ("हिन्दी, अंग्रेज़ी", "hi", ["hi", "en"]),
    ("हिंदी और अंग्रेज़ी", "hi", ["hi", "en"]),
    ("नेपाली र अंग्रेजी", "ne", ["ne", "en"]),
    ("العربية والإنجليزية", "ar", ["ar", "en"]),
    ("العربية و الإنجليزية", "ar", ["ar", "en"]),
    ("اللغة العربية", "ar", ["ar"]),
    # Words of degree around a language carry nothing.
    ("English, a bit of French", "en", ["en", "fr"]),
    ("English, some Spanish, basic Hindi", "en", ["en", "es", "hi"]),
    ("中文、一點法文", "zh_Hant_HK", ["zh", "fr"]),
    ("中文、一点法语", "zh_Hans_CN", ["zh", "fr"]),
    ("日本語と少しフランス語", "ja", ["ja", "fr"]),
    ("한국어, 조금 프랑스어", "ko", ["ko", "fr"]),
    ("tiếng Việt, một chút tiếng Pháp", "vi", ["vi", "fr"]),
    ("bahasa Indonesia, sedikit bahasa Prancis", "id", ["id", "fr"]),
    ("हिंदी और थोड़ी फ़्रेंच", "hi", ["hi", "fr"]),
    ("नेपाली र अलिकति अंग्रेजी", "ne", ["ne", "en"]),
    ("español, algo de francés", "es", ["es", "fr"]),
    ("français, un peu d'anglais", "fr", ["fr", "en"]),
    ("العربية وقليل من الفرنسية", "ar", ["ar", "fr"]),
]


@pytest.mark.parametrize(("text", "locale", "expected"), LANGUAGE_LISTS)
def test_parse_languages(text: str, locale: str, expected: list[str]) -> None:
    assert parse_languages(text, locale) == expected


@pytest.mark.parametrize(("text", "word"), [
    ("Klingon", "Klingon"),
    ("English and Klingon", "Klingon"),
    ("English, Dothraki, Hindi", "Dothraki"),
    ("Élvish", "Élvish"),
    ("English, 123", "123"),
    ("English, bits of French", "bits of"),
    ("English, Klingon Elvish", "Klingon Elvish"),
])
def test_unknown_language_is_named(text: str, word: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_languages(text)
    message = caught.value.message
    assert message.msgid.startswith("I did not recognise “{word}” as a language.")
    assert message.param_dict() == {"word": word}


@pytest.mark.parametrize(("text", "expected"), [
    ("tiếng Anh, tiếng Quan Thoại", ["en", "zh"]), ("Anh, Pháp", ["en", "fr"]),
    ("Tiếng Anh và tiếng Hoa", ["en", "zh"]), ("tiếng Việt, tiếng Quảng Đông", ["vi", "zh"]),
])
def test_vietnamese_language_names_with_or_without_tieng(text: str,
                                                          expected: list[str]) -> None:
    assert parse_languages(text, "vi") == expected


def test_an_unknown_vietnamese_language_is_named_without_tieng() -> None:
    with pytest.raises(ParseError) as caught:
        parse_languages("tiếng Anh và tiếng Klingon", "vi")
    assert caught.value.message.param_dict() == {"word": "Klingon"}


@pytest.mark.parametrize(("text", "locale", "years"), [
    ("3 years and 6 months", "en", "3.5"), ("18 months", "en", "1.5"), ("6 months", "en", "0.5"),
    ("2년 6개월", "ko", "2.5"), ("2年6か月", "ja", "2.5"), ("3 años y 6 meses", "es", "3.5"),
    ("deux ans et six mois", "fr", "2.5"), ("3 साल 6 महीने", "hi", "3.5"),
    ("3 năm 6 tháng", "vi", "3.5"), ("3 tahun 6 bulan", "id", "3.5"),
    ("三年六個月", "zh_Hant_HK", "3.5"),
])
def test_years_and_months(text: str, locale: str, years: str) -> None:
    assert parse_number(text, locale) == Decimal(years)


@pytest.mark.parametrize(("text", "locale", "years"), [
    ("3 years, 6 months", "en", "3.5"), ("2년, 6개월", "ko", "2.5"), ("2年、6か月", "ja", "2.5"),
    ("3 años, 6 meses", "es", "3.5"), ("deux ans, six mois", "fr", "2.5"),
    ("3 साल, 6 महीने", "hi", "3.5"), ("3 वर्ष, 6 महिना", "ne", "3.5"),
    ("3 năm, 6 tháng", "vi", "3.5"), ("3 tahun, 6 bulan", "id", "3.5"),
    ("三年，六個月", "zh_Hant_HK", "3.5"), ("三年，六个月", "zh_Hans_CN", "3.5"),
    ("3 سنوات، 6 أشهر", "ar", "3.5"),
])
def test_a_comma_between_years_and_months(text: str, locale: str, years: str) -> None:
    assert parse_number(text, locale) == Decimal(years)


@pytest.mark.parametrize(("text", "months"), [("3y 2m", 2), ("3y2m", 2), ("3yrs 6m", 6),
                                             ("3 years 6m", 6)])
def test_years_and_months_by_their_letters(text: str, months: int) -> None:
    """"3y 2m" is years and months; "2m" alone stays two million."""
    assert parse_number(text) == 3 + Decimal(months) / 12
    assert parse_number("2m") == 2_000_000


@pytest.mark.parametrize(("text", "locale"), [
    ("5+ years", "en"), ("5+", "en"), ("5+ ans", "fr"), ("5+ años", "es"), ("5+年", "ja"),
    ("5+年", "zh_Hant_HK"), ("5+年", "zh_Hans_CN"), ("5+년", "ko"), ("5+ năm", "vi"),
    ("5+ tahun", "id"), ("5+ साल", "hi"), ("5+ वर्ष", "ne"), ("5+ سنوات", "ar"),
])
def test_a_plus_after_a_number_is_that_number_like_more_than(text: str, locale: str) -> None:
    assert parse_number(text, locale) == parse_number("more than 5") == 5


@pytest.mark.parametrize(("text", "value"),
                         [("만 35세", 35), ("만 오천", 15000), ("만 5천 원", 15000)])
def test_korean_man_before_an_age_is_full_age_not_ten_thousand(text: str, value: int) -> None:
    assert parse_number(text, "ko") == value


def test_a_vietnamese_name_is_not_taken_for_a_code() -> None:
    """"Mỹ" (the United States) folds to "my", Malaysia's code."""
    assert parse_countries("Mỹ", "vi") == ["US"]
    assert parse_countries("Ý", "vi") == ["IT"]


def test_an_arabic_comma_ends_the_yes() -> None:
    assert parse_tri("نعم، سجلي نظيف", "ar") is Tri.YES


@pytest.mark.parametrize(("text", "locale", "value"), [
    ("三萬五", "zh_Hant_HK", "35000"), ("一萬二", "zh_Hant_HK", "12000"),
    ("三千五", "zh_Hans_CN", "3500"), ("两万五", "zh_Hans_CN", "25000"),
    ("三万五千", "zh_Hans_CN", "35000"), ("一百二十万", "zh_Hans_CN", "1200000"),
    ("十二年半", "zh_Hant_HK", "12.5"), ("十年半", "zh_Hans_CN", "10.5"),
    ("一半", "zh_Hans_CN", "0.5"),
])
def test_chinese_numbers_as_people_say_them(text: str, locale: str, value: str) -> None:
    """A digit after a multiplier counts in the unit below it (三萬五 = 35,000, not 30,005)."""
    assert parse_number(text, locale) == Decimal(value)


@pytest.mark.parametrize(("text", "locale", "amount", "currency"), [
    ("赤字300万円", "ja", -3_000_000, "JPY"), ("マイナス500万円", "ja", -5_000_000, "JPY"),
    ("lỗ 500 triệu đồng", "vi", -500_000_000, "VND"),
    ("rugi 500 juta rupiah", "id", -500_000_000, "IDR"),
    ("a loss of HKD 2m", "en", -2_000_000, "HKD"), ("虧損50萬港元", "zh_Hant_HK", -500_000, "HKD"),
    ("perte de 200 000 euros", "fr", -200_000, "EUR"),
])
def test_a_loss_in_words_is_negative(text: str, locale: str, amount: int, currency: str) -> None:
    assert parse_money(text, locale) == Money(Decimal(amount), currency)


@pytest.mark.parametrize(("text", "locale"), [
    ("70 percent", "en"), ("70 per cent", "en"), ("70 pour cent", "fr"), ("70 por ciento", "es"),
    ("70 phần trăm", "vi"), ("70 persen", "id"), ("70 प्रतिशत", "hi"), ("70 प्रतिशत", "ne"),
])
def test_percent_words_are_read_as_the_sign_is(text: str, locale: str) -> None:
    assert parse_number(text, locale) == 70


@pytest.mark.parametrize("text", ["", "  ", ", ,", "and"])
def test_no_languages(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_languages(text)
    assert caught.value.message.msgid == \
        "Please write the languages you speak, separated by commas."


def test_language_codes_pass_the_answers_contract() -> None:
    codes = parse_languages("Cantonese, English, Hindi, français, 日本語")
    assert parse_answer("languages", codes, DAY) == frozenset({"zh", "en", "hi", "fr", "ja"})


# --- parse_tri ------------------------------------------------------------------------------

YES, NO, UNSURE = Tri.YES, Tri.NO, Tri.UNSURE
TRI = [
    # English
    ("yes", YES), ("Yes!", YES), ("y", YES), ("Y", YES), ("yeah", YES), ("yep", YES),
    ("sure", YES), ("true", YES), ("no", NO), ("No.", NO), ("n", NO), ("nope", NO),
    ("not sure", UNSURE), ("Not sure.", UNSURE), ("unsure", UNSURE), ("don't know", UNSURE),
    ("don’t know", UNSURE), ("maybe", UNSURE), ("idk", UNSURE),
    ("yes, I do", YES), ("no, never", NO),
    # Chinese
    ("是", YES), ("是的", YES), ("有", YES), ("对", YES), ("對", YES), ("好", YES),
    ("否", NO), ("不是", NO), ("没有", NO), ("沒有", NO), ("不", NO),
    ("不确定", UNSURE), ("不確定", UNSURE), ("不知道", UNSURE), ("是的。", YES),
    # Hindi
    ("हाँ", YES), ("हां", YES), ("नहीं", NO), ("पता नहीं", UNSURE),
    # Indonesian
    ("ya", YES), ("Iya", YES), ("tidak", NO), ("nggak", NO), ("tidak tahu", UNSURE),
    # Vietnamese
    ("có", YES), ("không", NO), ("khong", NO), ("không chắc", UNSURE),
    # Nepali
    ("हो", YES), ("होइन", NO), ("थाहा छैन", UNSURE),
    # Japanese
    ("はい", YES), ("いいえ", NO), ("わからない", UNSURE), ("分からない", UNSURE),
    # Korean
    ("네", YES), ("예", YES), ("아니요", NO), ("아니오", NO), ("잘 모르겠어요", UNSURE),
    ("모름", UNSURE),
    # Spanish
    ("sí", YES), ("Si", YES), ("no", NO), ("no sé", UNSURE), ("No lo sé", UNSURE),
    # French
    ("oui", YES), ("Non", NO), ("je ne sais pas", UNSURE), ("pas sûr", UNSURE),
    ("peut-être", UNSURE),
    # Arabic
    ("نعم", YES), ("لا", NO), ("لست متأكدا", UNSURE), ("لست متأكدًا", UNSURE),
    ("لا أعرف", UNSURE),
]


@pytest.mark.parametrize(("text", "expected"), TRI)
def test_parse_tri(text: str, expected: Tri) -> None:
    assert parse_tri(text) is expected


@pytest.mark.parametrize("locale", LOCALES)
def test_parse_tri_reads_every_language_in_every_locale(locale: str) -> None:
    assert parse_tri("はい", locale) is YES
    assert parse_tri("no", locale) is NO
    assert parse_tri("不知道", locale) is UNSURE


@pytest.mark.parametrize("text", ["", "5", "hello", "yes no", "maybe yes", "India", "👍👎"])
def test_parse_tri_returns_none_for_other_replies(text: str) -> None:
    assert parse_tri(text) is None


# --- what people naturally type: numbers in words, "none", more yes/no/not sure ------------

NUMBERS_IN_WORDS = [
    ("en", "30 years", "30"), ("en", "30 yrs", "30"), ("en", "thirty", "30"),
    ("en", "Thirty years old", "30"), ("en", "twenty five", "25"),
    ("zh_Hant_HK", "三十", "30"), ("zh_Hant_HK", "三十歲", "30"), ("zh_Hant_HK", "三十五歲", "35"),
    ("zh_Hant_HK", "十五年", "15"), ("zh_Hant_HK", "兩年", "2"),
    ("zh_Hant_HK", "五十萬港幣", "500000"),
    ("zh_Hans_CN", "三十岁", "30"), ("zh_Hans_CN", "一百二十万", "1200000"),
    ("zh_Hans_CN", "十二万", "120000"), ("zh_Hans_CN", "一亿二千三百万", "123000000"),
    ("zh_Hans_CN", "一百零五万", "1050000"),
    ("hi", "30 साल", "30"), ("hi", "३० वर्ष", "30"),
    ("id", "30 tahun", "30"), ("id", "tiga puluh lima", "35"), ("id", "lima ratus ribu", "500000"),
    ("vi", "30 năm", "30"), ("vi", "ba mươi tuổi", "30"),
    ("ne", "30 वर्ष", "30"), ("ne", "३० बर्ष", "30"),
    ("ja", "三十歳", "30"), ("ja", "30年", "30"), ("ja", "30才", "30"),
    ("ko", "30살", "30"), ("ko", "30세", "30"), ("ko", "삼십 년", "30"), ("ko", "서른", "30"),
    ("ko", "서른다섯 살", "35"), ("ko", "오십만 원", "500000"),
    ("es", "30 años", "30"), ("es", "treinta años", "30"),
    ("fr", "30 ans", "30"), ("fr", "trente ans", "30"),
    ("ar", "30 سنة", "30"), ("ar", "٣٠ سنة", "30"), ("ar", "30 عامًا", "30"), ("ar", "5 سنين", "5"),
]


@pytest.mark.parametrize(("locale", "text", "expected"), NUMBERS_IN_WORDS)
def test_numbers_in_words_and_with_units(locale: str, text: str, expected: str) -> None:
    assert parse_number(text, locale) == Decimal(expected)


@pytest.mark.parametrize("text", ["twenty five six", "thirty million thousand", "5 6千",
                                  "1억 2억", "thirty thirty"])
def test_numbers_in_words_that_are_not_one_number(text: str) -> None:
    with pytest.raises(ParseError):
        parse_number(text)


NONE_REPLIES = [
    ("en", "none"), ("en", "None."), ("en", "zero"), ("en", "0"), ("en", "nothing"),
    ("en", "I don't own any"), ("en", "I don’t own one"), ("en", "no"), ("en", "n/a"),
    ("zh_Hant_HK", "冇"), ("zh_Hant_HK", "沒有"), ("zh_Hant_HK", "零"),
    ("zh_Hant_HK", "一個都沒有"), ("zh_Hans_CN", "没有"), ("zh_Hans_CN", "无"),
    ("zh_Hans_CN", "什么都没有"), ("zh_Hans_CN", "不适用"),
    ("hi", "कोई नहीं"), ("hi", "कुछ नहीं"), ("hi", "नहीं"), ("hi", "kuch nahi"),
    ("id", "tidak ada"), ("id", "nggak punya"), ("id", "nol"),
    ("vi", "không có"), ("vi", "không"), ("vi", "không có gì"),
    ("ne", "छैन"), ("ne", "केही छैन"), ("ne", "शून्य"),
    ("ja", "なし"), ("ja", "ありません"), ("ja", "ゼロ"), ("ja", "いいえ"),
    ("ko", "없음"), ("ko", "없어요"), ("ko", "아니요"), ("ko", "영"),
    ("es", "ninguno"), ("es", "nada"), ("es", "cero"), ("es", "no tengo"),
    ("fr", "aucun"), ("fr", "rien"), ("fr", "zéro"), ("fr", "je n'en ai pas"), ("fr", "non"),
    ("ar", "لا شيء"), ("ar", "لا يوجد"), ("ar", "صفر"), ("ar", "لا"), ("ar", "٠"),
]


@pytest.mark.parametrize(("locale", "text"), NONE_REPLIES)
def test_parse_none(locale: str, text: str) -> None:
    assert parse_none(text, locale)


@pytest.mark.parametrize("text", ["", "5", "0.5", "yes", "not sure", "idk", "I don't know",
                                  "不知道", "わからない", "hello", "India"])
def test_parse_none_is_false_for_other_replies(text: str) -> None:
    assert not parse_none(text)


MORE_TRI = [
    ("I don't know", UNSURE), ("i'm not sure", UNSURE), ("no clue", UNSURE),
    ("係", YES), ("唔係", NO), ("冇", NO), ("唔知", UNSURE), ("说不定", UNSURE),
    ("haan", YES), ("nahi", NO), ("मुझे नहीं पता", UNSURE), ("pata nahi", UNSURE),
    ("belum", NO), ("gak tau", UNSURE), ("ừ", YES), ("chưa chắc", UNSURE),
    ("अहँ", NO), ("पक्का छैन", UNSURE), ("そうです", YES), ("知りません", UNSURE),
    ("たぶん", UNSURE), ("아뇨", NO), ("글쎄요", UNSURE), ("claro", YES), ("ni idea", UNSURE),
    ("bien sûr", YES), ("aucune idée", UNSURE), ("أيوه", YES), ("كلا", NO),
    ("مش عارف", UNSURE),
]


@pytest.mark.parametrize(("text", "expected"), MORE_TRI)
def test_parse_tri_reads_everyday_words(text: str, expected: Tri) -> None:
    assert parse_tri(text) is expected


def test_word_lists_cover_every_language_and_give_each_word_one_meaning() -> None:
    text = files("bot.replies").joinpath("data", "words.toml").read_text(encoding="utf-8")
    sections = tomllib.loads(text)
    for locale in LOCALES:
        assert {"yes", "no", "unsure", "none"} <= set(sections[locale]), locale
    meanings: dict[str, set[str]] = {}
    for field in ("yes", "no", "unsure"):
        for word in word_list(field):
            meanings.setdefault(reply_key(word), set()).add(field)
    for word in word_list("none"):
        meanings.setdefault(reply_key(word), set()).add("no")   # "none" may repeat a "no" word
    assert {word: found for word, found in meanings.items() if len(found) > 1} == {}


def test_an_unknown_language_is_quoted_as_typed_with_its_last_mark() -> None:
    with pytest.raises(ParseError) as refused:
        parse_languages("अंग्रेज़ी, नहीं", "hi")
    assert "“नहीं”" in Translator.for_code("hi")(refused.value.message)
