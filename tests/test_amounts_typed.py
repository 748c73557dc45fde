"""Amounts and numbers as people type them: Japanese loss triangles, halves before a multiplier,
a country's own multipliers taken in its currency, a currency refused at a share, an amount
refused at the nationality, /fees with a number word, and a loss said back as a loss."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bot.common.money import Money
from bot.i18n.bidi import strip_controls
from bot.i18n.languages import by_code
from bot.i18n.text import CurrencyName, t
from bot.i18n.translator import translator_for
from bot.replies.currencies import AmbiguousCurrency
from bot.replies.errors import (
    MONEY_ERROR,
    MONEY_NOT_PERCENT,
    MONEY_NOT_YEARS,
    NUMBER_NOT_COUNTRY,
    VAGUE_ERROR,
    ParseError,
)
from bot.replies.money import read_money
from bot.replies.words import without_ending
from bot.report.next_steps import FEES_USAGE
from bot.rules.currency import load_rates
from conversations.qmas import PERCENT_EXPECTED, QUESTIONS
from tests.support.chat_client import Conversation, answers, conversation, user_at

TODAY = date(2026, 11, 24)
READERS = {question.id: question.reader for question in QUESTIONS}
TAGS = ("en", "zh-hant", "zh-hans", "ja", "ko", "vi", "id", "hi", "ne", "es", "fr", "ar")


def said(text: str) -> str:
    """What the user reads, without direction marks and with plain spaces."""
    return strip_controls(text).replace("\xa0", " ").replace("\u202f", " ")


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
    # a loss word after the amount, as these languages put it
    ("300万円の赤字", "ja", Money(Decimal(-3_000_000), "JPY")),
    ("300万円の損失", "ja", Money(Decimal(-3_000_000), "JPY")),
    ("5 लाख रुपये का घाटा", "hi", Money(Decimal(-500_000), "INR")),
    ("२० लाख रुपैयाँ घाटा", "ne", Money(Decimal(-2_000_000), "NPR")),
    ("200,000 USD loss", "en", Money(Decimal(-200_000), "USD")),
    ("lỗ 200 triệu đồng", "vi", Money(Decimal(-200_000_000), "VND")),
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


@pytest.mark.parametrize(("tag", "typed"), [
    ("en", "3 people"), ("en", "three persons"), ("ja", "三人"), ("ja", "3名"),
    ("zh-hant", "三人"), ("zh-hans", "3个人"), ("ko", "세 명"), ("ko", "3명"),
    ("hi", "3 लोग"), ("ne", "3 जना"), ("es", "tres personas"), ("fr", "3 personnes"),
    ("vi", "3 người"), ("id", "tiga orang"), ("ar", "3 أشخاص"),
    ("hi", "हम तीन लोग हैं"), ("ne", "हामी तीन जना छौं"), ("en", "we are three people"),
])
async def test_fees_for_a_number_of_people(chat: Conversation, tag: str, typed: str) -> None:
    user = chat.user(1, tag=tag)
    await user.send("/fees 3")
    digits = user.text
    await user.send(f"/fees {typed}")
    assert user.text == digits


@pytest.mark.parametrize(("tag", "typed"), [
    ("ja", "妻と子供2人"), ("en", "my wife and 2 kids"), ("ko", "아내와 아이 둘"),
    ("es", "mi esposa y 2 hijos")])
async def test_fees_for_family_members_ask_for_everyone(chat: Conversation, tag: str,
                                                       typed: str) -> None:
    """"妻と子供2人" is four people with the applicant, not two: the number of everyone is
    asked for rather than the children's taken."""
    user = chat.user(1, tag=tag)
    await user.send(f"/fees {typed}")
    assert translator_for(by_code(tag))(FEES_USAGE) in user.text


@pytest.mark.parametrize(("tag", "typed"), [
    ("zh-hans", "五口之家"), ("zh-hans", "一家五口"), ("zh-hans", "五口人"),
    ("zh-hant", "五口之家"), ("zh-hant", "一家五口"), ("zh-hant", "五口人"),
])
async def test_fees_for_a_household_said_in_chinese(chat: Conversation, tag: str,
                                                    typed: str) -> None:
    user = chat.user(1, tag=tag)
    await user.send("/fees 5")
    digits = user.text
    await user.send(f"/fees {typed}")
    assert user.text == digits


# --- a country's own multipliers ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "locale", "home", "amount"), [
    ("60 triệu", "vi", "VND", 60_000_000), ("60tr", "vi", "VND", 60_000_000),
    ("1 tỷ 2", "vi", "VND", 1_200_000_000), ("15 juta", "id", "IDR", 15_000_000),
    ("15 jt", "id", "IDR", 15_000_000), ("15 lakh", "en", "INR", 1_500_000),
    ("15 लाख", "hi", "INR", 1_500_000), ("15 लाख", "ne", "NPR", 1_500_000),
    ("연봉 1억", "ko", "KRW", 100_000_000), ("1억 5천", "ko", "KRW", 150_000_000),
])
def test_a_countrys_own_multiplier_is_in_the_passports_currency(text: str, locale: str,
                                                                 home: str,
                                                                 amount: int) -> None:
    read = read_money(text, locale, home=home)
    assert read.yearly == Money(Decimal(amount), home) and read.home


@pytest.mark.parametrize(("text", "locale", "home"), [
    ("1000 دينار", "ar", "JOD"), ("1000 دينار", "ar", "BHD"), ("1000 دينار", "ar", "KWD"),
    ("1000 ريال", "ar", "OMR"), ("1000 ريال", "ar", "SAR"), ("1000 ريال", "ar", "QAR"),
    ("1000 रियाल", "hi", "OMR"),
])
def test_a_family_word_is_the_passports_currency_of_that_family(text: str, locale: str,
                                                                home: str) -> None:
    """"دينار" is a Jordanian's, Bahraini's or Kuwaiti's dinar; "ريال" a riyal or an Omani rial."""
    assert read_money(text, locale, home=home).yearly == Money(Decimal(1000), home)


@pytest.mark.parametrize("home", ["XOF", "XAF"])
def test_fcfa_is_the_cfa_franc_of_the_passport(home: str) -> None:
    """Senegal writes its West African franc "FCFA" as Cameroon its Central African one."""
    assert read_money("2 millions FCFA", "fr", home=home).yearly == Money(Decimal(2_000_000), home)


def test_a_family_word_with_no_passport_to_settle_it_is_asked_about() -> None:
    with pytest.raises(AmbiguousCurrency) as caught:
        read_money("1000 ريال", "ar")
    assert set(caught.value.codes) == {"OMR", "QAR", "SAR"}


@pytest.mark.parametrize(("tag", "typed", "shown"), [
    ("vi", "60 triệu", "60.000.000 ₫ ≈ 18.000 HK$ ✓"),
    ("id", "150 juta", "Rp 150.000.000 ≈ HK$70.500 ✓"),
    ("en", "15 lakh", "₹1,500,000 ≈ HK$133,500 ✓"),
])
async def test_the_passports_currency_is_said_back_with_the_way_to_change_it(
        chat: Conversation, tag: str, typed: str, shown: str) -> None:
    country, currency = {"vi": ("Vietnam", "VND"), "id": ("Indonesia", "IDR"),
                         "en": ("India", "INR")}[tag]
    user = await user_at(chat, tag, to_share(country)[:-1])
    await user.send(typed)
    notice = translator_for(by_code(tag))(t(
        "I took this amount to be in {currency}, the currency of your passport. If you meant "
        "Hong Kong dollars, send /back and type the amount with HKD.",
        currency=CurrencyName(currency)))
    assert notice in user.text and shown in said(user.text)
    assert (await answers(chat, user))["annual_income"]["currency"] == currency


async def test_the_passports_currency_is_named_in_words(chat: Conversation) -> None:
    user = await user_at(chat, "en", to_share()[:-1])
    await user.send("15 lakh")
    assert "I took this amount to be in Indian rupees, the currency of the country whose " \
        "passport you hold." in user.text


@pytest.mark.parametrize("tag", TAGS)
async def test_a_currency_not_converted_is_named_with_its_code(chat: Conversation,
                                                               tag: str) -> None:
    user = await user_at(chat, tag, to_share()[:-1])
    await user.send("5000 ETB")
    tr = translator_for(by_code(tag))
    assert tr(t("Sorry, I cannot convert {currency} ({code}) yet. Please send the amount in HKD "
                "or USD.", currency=CurrencyName("ETB"), code="ETB")) in user.text
    name = said(tr(t("{currency}", currency=CurrencyName("ETB"))))
    assert name in said(user.text) and "ETB" in user.text


@pytest.mark.parametrize(("tag", "country", "typed", "monthly", "code"), [
    ("id", "Indonesia", "15 juta per bulan", 15_000_000, "IDR"),
    ("vi", "Vietnam", "30 triệu một tháng", 30_000_000, "VND"),
    ("hi", "India", "2 लाख प्रति माह", 200_000, "INR"),
])
async def test_a_monthly_amount_in_the_passports_currency_says_both(
        chat: Conversation, tag: str, country: str, typed: str, monthly: int,
        code: str) -> None:
    user = await user_at(chat, tag, to_share(country)[:-1])
    await user.send(typed)
    assert translator_for(by_code(tag))(t(
        "I took this amount to be in {currency}, the currency of your passport: {monthly} a "
        "month is {yearly} a year. If you meant Hong Kong dollars, send /back and type the "
        "amount with HKD.", currency=CurrencyName(code), monthly=Money(Decimal(monthly), code),
        yearly=Money(Decimal(12 * monthly), code))) in user.text
    assert (await answers(chat, user))["annual_income"] == {"amount": 12 * monthly,
                                                            "currency": code}


MONTHLY = {"en": "45000 a month", "zh-hant": "月薪四萬五", "zh-hans": "月薪45000",
           "ja": "月給45000", "ko": "월급 45000", "vi": "45000 mỗi tháng", "id": "45000 per bulan",
           "hi": "45000 प्रति माह", "ne": "45000 प्रति महिना", "es": "45000 al mes",
           "fr": "45000 par mois", "ar": "45000 شهريا"}


@pytest.mark.parametrize("tag", TAGS)
async def test_a_monthly_amount_without_currency_offers_a_years_amounts_as_such(
        chat: Conversation, tag: str) -> None:
    user = await user_at(chat, tag, to_share("Indonesia")[:-1])
    await user.send(MONTHLY[tag])
    tr = translator_for(by_code(tag))
    offered = [tr(t("{yearly} a year ({monthly} × 12)", monthly=Money(Decimal(45000), code),
                    yearly=Money(Decimal(540000), code))) for code in ("IDR", "HKD")]
    assert offered == user.last.labels
    await user.press(offered[1])
    assert (await answers(chat, user))["annual_income"] == {"amount": 540000, "currency": "HKD"}


# --- refusals ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "locale"), [
    ("100円", "ja"), ("$50", "en"), ("50 triệu", "vi"), ("Rp 50 juta", "id"),
    ("50万港元", "zh_Hant_HK"),
    ("50元", "zh_Hans_CN"), ("50만원", "ko"), ("₹50", "hi"), ("रु 50", "ne"), ("50 euros", "es"),
    ("50 €", "fr"), ("50 دولار", "ar"),
])
def test_a_currency_is_no_share(text: str, locale: str) -> None:
    for question in ("business_share_pct", "listed_company_share_pct"):
        with pytest.raises(ParseError) as caught:
            READERS[question].read(text, locale, TODAY, [], {})
        assert caught.value.message == MONEY_NOT_PERCENT


@pytest.mark.parametrize(("text", "locale"), [
    ("1 tỷ 2 đồng", "vi"), ("500 triệu", "vi"), ("HKD 2m", "en"), ("500", "en"),
    ("100万円", "ja"), ("5 juta", "id"), ("₹ 5 lakh", "hi"), ("5 लाख", "ne"), ("3억 원", "ko"),
    ("120万", "zh_Hans_CN"), ("120萬", "zh_Hant_HK"), ("2 millones", "es"), ("2 millions €", "fr"),
    ("٥٠٠٠ دولار", "ar"),
])
def test_an_amount_is_no_nationality(text: str, locale: str) -> None:
    with pytest.raises(ParseError) as caught:
        READERS["nationality"].read(text, locale, TODAY, [], {})
    assert caught.value.message == NUMBER_NOT_COUNTRY


# An amount at a years-of-work question, in each language: refused as an amount, not read as
# its number (50,000 years) nor asked again as an unread number.
AMOUNT_FOR_YEARS = {
    "en": "50k USD", "zh-hant": "5萬美元", "zh-hans": "5万美元", "ja": "500万円", "ko": "5만 달러",
    "vi": "10 triệu", "id": "Rp 50 juta", "hi": "15 लाख", "ne": "५०००० रुपैयाँ", "es": "50.000 €",
    "fr": "50 000 euros", "ar": "5000 دولار",
}


@pytest.mark.parametrize(("text", "locale"), [
    ("5만 달러", "ko"), ("50k USD", "en"), ("USD 50k", "en"), ("500万円", "ja"), ("$3", "en")])
def test_an_amount_is_no_number_of_years(text: str, locale: str) -> None:
    for question in ("years_graduate_work", "years_renowned_employer", "years_work_last_5"):
        with pytest.raises(ParseError) as caught:
            READERS[question].read(text, locale, TODAY, [], {})
        assert caught.value.message == MONEY_NOT_YEARS


@pytest.mark.parametrize(("text", "locale", "nationality"), [
    ("I graduated in 2023", "en", "NG"), ("in 2019", "en", None),
    ("Tốt nghiệp năm 2015", "vi", "VN"),
])
def test_a_year_at_the_income_question_is_no_amount(text: str, locale: str,
                                                    nationality: str | None) -> None:
    """A year among words is no income to guess a currency for ("NGN 2,023?"); the number of
    the same size with a currency or a period still is."""
    reader = READERS["annual_income"]
    answers = {"nationality": nationality} if nationality else {}
    with pytest.raises(ParseError) as caught:
        reader.read(text, locale, TODAY, [], answers)
    assert caught.value.message == MONEY_ERROR
    assert read_money("USD 2023").yearly == Money(Decimal(2023), "USD")
    assert read_money("2023 a month", default_currency="HKD").yearly == Money(Decimal(24276), "HKD")


@pytest.mark.parametrize(("text", "locale"), [
    ("a few thousand dollars", "en"), ("quelques mille euros", "fr"), ("几千美元", "zh_Hans_CN"),
    ("数千万円", "ja"), ("vài triệu đồng", "vi"), ("beberapa juta rupiah", "id"),
    ("कुछ लाख रुपये", "hi"), ("몇천만 원", "ko"), ("수천만 원", "ko")])
def test_a_rough_count_of_a_multiplier_is_no_amount(text: str, locale: str) -> None:
    """"a few thousand" says no figure, so none is assumed (not 1,000)."""
    with pytest.raises(ParseError) as caught:
        read_money(text, locale, default_currency="HKD")
    assert caught.value.message == VAGUE_ERROR
    assert read_money("unos mil euros", "es").yearly == Money(Decimal(1000), "EUR")   # "about"


@pytest.mark.parametrize(("text", "locale"), [("만 3년", "ko"), ("3년", "ko")])
def test_a_full_number_of_years_is_no_amount(text: str, locale: str) -> None:
    """Korean "만 3년" is a full 3 years: 만 there is no multiplier of won."""
    assert READERS["years_graduate_work"].read(text, locale, TODAY, [], {}).value == 3


@pytest.mark.parametrize("tag", TAGS)
async def test_an_amount_at_a_years_question_is_refused_as_one(chat: Conversation,
                                                               tag: str) -> None:
    tr = translator_for(by_code(tag))
    user = await user_at(chat, tag, to_share()[:8])
    await user.send(AMOUNT_FOR_YEARS[tag])
    assert tr(MONEY_NOT_YEARS) in user.text
    assert "years_graduate_work" not in await answers(chat, user)
    await user.send("7")
    assert (await answers(chat, user))["years_graduate_work"] == 7


def test_a_country_whose_name_reads_as_a_number_is_still_a_country() -> None:
    assert READERS["nationality"].read("오만", "ko", TODAY, [], {}).value == "OM"   # Oman


@pytest.mark.parametrize("tag", TAGS)
async def test_refusals_are_translated(chat: Conversation, tag: str) -> None:
    tr = translator_for(by_code(tag))
    user = chat.user(1, tag=tag)
    await user.send(f"/start {tag}")
    await user.send("1 tỷ 2 đồng")
    assert tr(NUMBER_NOT_COUNTRY) in user.text
    user = await user_at(chat, tag, to_share(), user_id=2)
    await user.send("$50")
    assert tr(MONEY_NOT_PERCENT) in user.text


# --- a loss said back -------------------------------------------------------------------------

@pytest.mark.parametrize(("tag", "typed", "echo", "stored"), [
    ("en", "-500000 HKD", "A loss of HK$500,000 ✓", {"amount": -500000, "currency": "HKD"}),
    ("ja", "▲50万香港ドル", "HK$500,000の損失 ✓", {"amount": -500000, "currency": "HKD"}),
    ("ja", "▲500万円", "5,000,000円の損失（約HK$2", {"amount": -5000000, "currency": "JPY"}),
    ("zh-hant", "虧損港幣50萬", "虧損HK$500,000 ✓", {"amount": -500000, "currency": "HKD"}),
    ("ar", "خسارة 500000 HKD", "خسارة قدرها HK$ 500,000 ✓",
     {"amount": -500000, "currency": "HKD"}),
])
async def test_a_loss_is_said_back_as_a_loss(chat: Conversation, tag: str, typed: str,
                                             echo: str, stored: dict[str, object]) -> None:
    user = await user_at(chat, tag, [*to_share(), "60"])
    await user.send(typed)
    assert (await answers(chat, user))["business_profit"] == stored
    assert echo in said(user.text) and "-" not in said(user.text).split("\n")[0]
    await user.send("/review")
    assert echo.split(" ≈")[0].split("（約")[0].removesuffix(" ✓") in said(user.text)


@pytest.mark.parametrize(("tag", "typed", "echo"), [
    ("en", "We broke even", "No profit and no loss ✓"), ("vi", "hòa vốn", "Hòa vốn ✓"),
    ("id", "impas", "Impas ✓"), ("ja", "トントン", "損益ゼロ ✓"), ("ko", "본전", "손익 없음 ✓"),
    ("es", "sin ganancias ni pérdidas", "Sin ganancias ni pérdidas ✓"),
    ("ar", "لا ربح ولا خسارة", "لا ربح ولا خسارة ✓"), ("zh-hans", "盈亏平衡", "收支平衡 ✓")])
async def test_a_break_even_is_a_zero_profit_said_back_as_such(chat: Conversation, tag: str,
                                                               typed: str, echo: str) -> None:
    user = await user_at(chat, tag, [*to_share(), "60"])
    await user.send(typed)
    assert (await answers(chat, user))["business_profit"] == {"amount": 0, "currency": "HKD"}
    assert said(user.text).split("\n")[0] == echo


@pytest.mark.parametrize(("tag", "typed", "currency"), [("ja", "0円", "JPY"),
                                                       ("vi", "0 đồng", "VND")])
async def test_a_zero_with_its_currency_keeps_it(chat: Conversation, tag: str, typed: str,
                                                 currency: str) -> None:
    user = await user_at(chat, tag, [*to_share(), "60"])
    await user.send(typed)
    assert (await answers(chat, user))["business_profit"] == {"amount": 0, "currency": currency}
    assert "HK" not in said(user.text).split("\n")[0]   # no rate to convert nothing at


@pytest.mark.parametrize(("tag", "typed"), [
    *((tag, "0") for tag in TAGS), ("en", "zero"), ("zh-hant", "零"),
    ("fr", "zéro"),
])
async def test_a_zero_profit_needs_no_currency(chat: Conversation, tag: str,
                                               typed: str) -> None:
    user = await user_at(chat, tag, [*to_share(), "60"])
    await user.send(typed)
    assert (await answers(chat, user))["business_profit"] == {"amount": 0, "currency": "HKD"}
    echo = said(user.text).split("\n")[0]   # said back at once as such, no currency asked
    assert echo == said(translator_for(by_code(tag))(t("No profit and no loss ✓")))


@pytest.mark.parametrize("tag", TAGS)
async def test_a_loss_in_another_currency_gives_its_hkd_value_plainly(chat: Conversation,
                                                                      tag: str) -> None:
    user = await user_at(chat, tag, [*to_share(), "60"])
    await user.send("-200000 USD")
    tr = translator_for(by_code(tag))
    hkd = Money(load_rates().to_hkd(Money(Decimal(200000), "USD")).quantize(Decimal(1)), "HKD")
    echo = user.text.split("\n")[0]
    assert tr(t("a loss of {amount}", amount=Money(Decimal(200000), "USD")))[1:] in echo
    assert tr(t("a loss of {amount}", amount=hkd))[1:] not in echo
    assert said(tr(t("{amount}", amount=hkd))) in said(echo) and "-" not in said(echo)


async def test_a_very_large_loss_is_checked_as_a_loss(chat: Conversation) -> None:
    user = await user_at(chat, "en", [*to_share(), "60"])
    await user.send("-2000000000 HKD")
    assert "A loss of HK$2,000,000,000 is a very large amount. Is that right?" in user.text


@pytest.mark.parametrize("tag", TAGS)
async def test_a_loss_is_said_back_as_a_loss_in_every_language(chat: Conversation,
                                                                tag: str) -> None:
    user = await user_at(chat, tag, [*to_share(), "60"])
    await user.send("-500000 HKD")
    loss = translator_for(by_code(tag))(t("a loss of {amount}",
                                          amount=Money(Decimal(500000), "HKD")))
    assert loss[1:] in user.text.split("\n")[0]
    await user.send("/review")
    assert loss[1:] in user.text


@pytest.mark.parametrize(("tag", "code", "name"), [
    ("ar", "MAD", "درهم مغربي"), ("ar", "EGP", "جنيه مصري"), ("ar", "DZD", "دينار جزائري"),
    ("en", "MAD", "Moroccan dirhams"), ("fr", "EGP", "livres égyptiennes"),
    ("ne", "INR", "भारतीय रुपैयाँ"), ("ne", "JOD", "जोर्डानियाली डिनार"), ("vi", "AUD", "đô la Úc"),
    ("vi", "INR", "rupee Ấn Độ"), ("fr", "XOF", "francs CFA d'Afrique de l'Ouest"),
])
def test_a_currency_is_named_as_its_readers_write_it(tag: str, code: str, name: str) -> None:
    """"In Moroccan dirhams" is a plural in English; Arabic names the currency in the singular,
    its count-2 form being a dual ("two dirhams"); Nepali and Vietnamese correct CLDR's
    spelling and capitals."""
    tr = translator_for(by_code(tag))
    assert strip_controls(tr(t("{currency}", currency=CurrencyName(code)))) == name


@pytest.mark.parametrize(("typed", "labels"), [
    ("a loss of 200k", ["A loss of ₹200,000", "A loss of HK$200,000"]),
    ("-50k a month", ["A loss of ₹600,000 a year (₹50,000 × 12)",
                      "A loss of HK$600,000 a year (HK$50,000 × 12)"]),
])
async def test_a_loss_asked_about_is_offered_as_a_loss(chat: Conversation, typed: str,
                                                       labels: list[str]) -> None:
    """The buttons for a loss whose currency is asked say "a loss of", never "-₹200,000"."""
    user = await user_at(chat, "en", [*to_share(), "60"])
    await user.send(typed)
    assert user.last.labels[:2] == labels
    await user.press(labels[0])
    stored = (await answers(chat, user))["business_profit"]
    assert stored["currency"] == "INR" and stored["amount"] < 0


def test_simplified_chinese_writes_yen_after_the_number() -> None:
    tr = translator_for(by_code("zh-hans"))
    assert strip_controls(tr(Money(Decimal(10_000_000), "JPY"))) == "10,000,000日元"


@pytest.mark.parametrize(("tag", "typed"), [("ne", "हो, छ"), ("ne", "छ"), ("en", "yes"),
                                            ("ko", "네")])
async def test_a_yes_at_the_share_question_asks_for_the_percentage(chat: Conversation, tag: str,
                                                                   typed: str) -> None:
    """Nepali "हो, छ" is "yes, there is": its छ is no 6 %, and "네" no 4 %."""
    user = await user_at(chat, tag, to_share())
    await user.send(typed)
    assert "business_share_pct" not in await answers(chat, user)
    tr = translator_for(by_code(tag))
    assert tr(PERCENT_EXPECTED) in user.text
    await user.send("60")
    assert (await answers(chat, user))["business_share_pct"] == 60


def test_a_word_ending_in_the_letter_a_copula_folds_to_is_kept() -> None:
    """है folds to ह, the last letter of माह ("month"): only a word of its own is a copula."""
    assert without_ending("सैलरी 80 हजार प्रति माह", "copulas") == "सैलरी 80 हजार प्रति माह"
    assert without_ending("मैं भारतीय हूँ", "copulas") == "मैं भारतीय"
