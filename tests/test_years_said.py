"""Ages and calendar years said back as each language says them ("34 years old ✓", "34歳 ✓",
"2015年 ✓"), and calendar years named otherwise than by their number: "last year", "작년",
"去年", Japanese eras ("令和5年", "H30") and a year with its month ("2023年3月卒業"), counted
from the conversation's day, not the clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.i18n.languages import LANGUAGES, by_code
from bot.i18n.translator import translator_for
from conversations.qmas import QMAS
from tests.support.chat_client import (
    ChatClient,
    Conversation,
    answers,
    conversation,
    shown,
    user_at,
)
from tests.test_typed_replies_chat import TODAY

AGE = {
    "en": "34 years old", "zh-hant": "34歲", "zh-hans": "34岁", "ja": "34歳", "ko": "34세",
    "vi": "34 tuổi", "id": "34 tahun", "hi": "34 साल", "ne": "34 वर्ष", "es": "34 años",
    "fr": "34 ans", "ar": "34 عامًا",
}
YEAR = {"en": "2015", "zh-hant": "2015年", "zh-hans": "2015年", "ja": "2015年", "ko": "2015년",
        "vi": "2015", "id": "2015", "hi": "2015", "ne": "2015", "es": "2015", "fr": "2015",
        "ar": "2015"}
TO_BACHELOR_YEAR = ["India", "30", "Bachelor's", "University of Toronto", "Yes", "English", "0",
                    "0"]


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


async def at_bachelor_year(chat: Conversation, tag: str) -> ChatClient:
    user = await user_at(chat, tag, TO_BACHELOR_YEAR)
    assert "bachelor_year" not in await answers(chat, user)
    return user


def test_every_language_is_covered() -> None:
    assert set(AGE) == set(YEAR) == set(AMOUNT) == {language.code for language in LANGUAGES}


@pytest.mark.parametrize("tag", AGE)
async def test_the_age_is_said_back_as_an_age(chat: Conversation, tag: str) -> None:
    user = await user_at(chat, tag, ["India"])
    await user.send("34")
    assert (await answers(chat, user))["age"] == 34
    assert f"{AGE[tag]} ✓" in shown(user.text)
    await user.send("/review")
    assert f"→ {AGE[tag]}" in shown(user.last.text)


@pytest.mark.parametrize(("tag", "typed", "said"), [
    ("en", "1", "1 year old"), ("fr", "1", "1 an"), ("es", "1", "1 año"),
    ("ar", "3", "3 أعوام"), ("ar", "101", "101 عام")])
async def test_a_doubted_age_is_said_with_its_plural(chat: Conversation, tag: str, typed: str,
                                                     said: str) -> None:
    user = await user_at(chat, tag, ["India", typed])
    await user.send("yes" if tag == "en" else user.last.labels[0])
    assert f"{said} ✓" in shown(user.text)


@pytest.mark.parametrize("tag", YEAR)
async def test_the_year_is_said_back_as_the_locale_writes_a_year(chat: Conversation,
                                                                 tag: str) -> None:
    user = await at_bachelor_year(chat, tag)
    await user.send("2015")
    assert (await answers(chat, user))["bachelor_year"] == 2015
    assert f"{YEAR[tag]} ✓" in shown(user.text)
    assert "2,015" not in user.text and "2.015" not in user.text


# Years named by a word, an era or with their month, and the year they are on TODAY (2026).
NAMED = [
    ("en", "last year", 2025), ("en", "this year", 2026), ("en", "the year before last", 2024),
    ("ko", "작년", 2025), ("ko", "올해", 2026), ("ko", "재작년", 2024), ("ko", "2023년 3월", 2023),
    ("zh-hant", "去年", 2025), ("zh-hant", "今年", 2026), ("zh-hant", "前年", 2024),
    ("zh-hant", "2023年3月", 2023), ("zh-hant", "2015年畢業", 2015),
    ("zh-hans", "去年", 2025), ("zh-hans", "今年", 2026), ("zh-hans", "前年", 2024),
    ("zh-hans", "2023年3月毕业", 2023),
    ("ja", "去年", 2025), ("ja", "今年", 2026), ("ja", "昨年", 2025), ("ja", "一昨年", 2024),
    ("ja", "去年に卒業しました", 2025), ("ja", "令和5年", 2023), ("ja", "平成30年", 2018),
    ("ja", "R5", 2023), ("ja", "H30", 2018), ("ja", "令和元年", 2019), ("ja", "平成三十年", 2018),
    ("ja", "2023年3月卒業", 2023), ("ja", "2023年3月", 2023),
    ("vi", "năm 2023", 2023), ("vi", "tốt nghiệp năm 2023", 2023),
    ("ko", "작년 2월", 2025), ("ja", "令和5年3月", 2023), ("ja", "令和5年3月卒業", 2023),
    ("ja", "平成30年3月", 2018), ("zh-hant", "去年6月", 2025), ("zh-hans", "去年6月", 2025),
    ("en", "June last year", 2025), ("en", "March 2023", 2023), ("en", "in March 2023", 2023),
    ("ja", "二〇二三年", 2023), ("zh-hant", "二〇二三年", 2023),
    ("zh-hans", "二〇一五年毕业", 2015), ("ar", "عام 2015م", 2015), ("ar", "تخرجت عام 2015م", 2015),
    ("ko", "22년 2월", 2022), ("ko", "22년 2월 졸업", 2022), ("ja", "22年3月卒業", 2022),
    ("zh-hant", "19年6月畢業", 2019), ("vi", "tháng 6 năm 2022", 2022), ("vi", "06/2022", 2022),
    ("vi", "tốt nghiệp tháng 6 năm 2022", 2022), ("ja", "2023/3", 2023),
    ("ja", "2023/3卒業", 2023), ("en", "06/2022", 2022), ("en", "2022-06", 2022),
    ("es", "junio de 2022", 2022), ("fr", "juin 2022", 2022), ("id", "Juni 2022", 2022),
]


@pytest.mark.parametrize(("tag", "typed", "year"), NAMED)
async def test_a_year_named_otherwise_is_read(chat: Conversation, tag: str, typed: str,
                                              year: int) -> None:
    user = await at_bachelor_year(chat, tag)
    await user.send(typed)
    assert (await answers(chat, user))["bachelor_year"] == year
    assert f"{YEAR[tag].replace('2015', str(year))} ✓" in shown(user.text)


async def test_last_year_counts_from_the_conversations_day(tmp_path: Path) -> None:
    async with conversation(tmp_path / "later.sqlite3", today=date(2030, 1, 5)) as later:
        user = await at_bachelor_year(later, "ko")
        await user.send("작년")
        assert (await answers(later, user))["bachelor_year"] == 2029


async def test_last_year_said_with_its_verb_is_last_year(chat: Conversation) -> None:
    user = await at_bachelor_year(chat, "en")
    await user.send("I graduated last year")
    assert (await answers(chat, user))["bachelor_year"] == TODAY.year - 1


@pytest.mark.parametrize(("tag", "typed"), [("en", "I graduated"), ("ja", "2023年13月"),
                                            ("ja", "令和")])
async def test_what_names_no_year_is_asked_again(chat: Conversation, tag: str,
                                                 typed: str) -> None:
    user = await at_bachelor_year(chat, tag)
    await user.send(typed)
    assert "bachelor_year" not in await answers(chat, user)


@pytest.mark.parametrize("tag", [language.code for language in LANGUAGES])
async def test_an_unread_year_asks_for_a_year(chat: Conversation, tag: str) -> None:
    """"long ago" at the year question asks for a year such as 2015, not for a number like 5.5."""
    user = await at_bachelor_year(chat, tag)
    await user.send("???")
    assert "2015" in user.text and "5.5" not in user.text and "5,5" not in user.text, user.text
    assert "bachelor_year" not in await answers(chat, user)


AMOUNT = {"en": "USD 5000", "zh-hant": "80萬港元", "zh-hans": "年薪80万元", "ja": "年収800万円",
          "ko": "5만 달러", "vi": "30 triệu đồng", "id": "Rp 5 juta", "hi": "50000 रुपये",
          "ne": "50000 रुपैयाँ", "es": "5000 euros", "fr": "5000 euros",
          "ar": "2000 دينار أردني شهريا"}


@pytest.mark.parametrize("tag", AMOUNT)
async def test_an_amount_asks_for_a_year(chat: Conversation, tag: str) -> None:
    """An amount is no year: its number is not taken, and the year is asked for with an
    example (no message says "that is an amount" of a year)."""
    user = await at_bachelor_year(chat, tag)
    await user.send(AMOUNT[tag])
    assert "bachelor_year" not in await answers(chat, user)
    assert "2015" in user.text and "1940" in user.text, user.text


# --- a birth year at the age question -------------------------------------------------------

# Birth years as typed in each language; on TODAY (24 November 2026) each gives 35 or 36.
BORN = [
    ("en", "I was born in 1990"), ("en", "born 1990"), ("en", "b. 1990"),
    ("ko", "1990년생"), ("ko", "90년생"), ("ko", "90년생입니다"),
    ("ja", "1990年生まれ"), ("ja", "平成2年生まれ"),
    ("zh-hant", "1990年出生"), ("zh-hans", "1990年生"), ("zh-hans", "1990年出生"),
    ("es", "nací en 1990"), ("es", "soy del 90"), ("fr", "je suis né(e) en 1990"),
    ("fr", "je suis née en 1990"), ("vi", "sinh năm 1990"), ("id", "lahir tahun 1990"),
    ("hi", "1990 में पैदा हुआ"), ("hi", "मेरा जन्म 1990 में हुआ था"), ("ne", "१९९० मा जन्मेको"),
    ("ar", "مواليد 1990"), ("ar", "ولدت عام 1990"),
]


def test_every_language_has_a_birth_year() -> None:
    assert {tag for tag, _ in BORN} == {language.code for language in LANGUAGES}


def ages_offered(tag: str, born: int | str, younger: int) -> tuple[str, list[str]]:
    """The question asked about a birth year (or a reckoned age, "r37") and its two buttons, as
    the user reads them."""
    tr = translator_for(by_code(tag))
    reader = QMAS.question("age").reader
    asked = reader.asked_about((f"{younger} {born}", f"{younger + 1} {born}"))
    assert asked is not None
    return shown(tr(asked)), [AGE[tag].replace("34", str(age)) for age in (younger, younger + 1)]


@pytest.mark.parametrize(("tag", "typed"), BORN)
async def test_a_birth_year_offers_the_two_ages_it_gives(chat: Conversation, tag: str,
                                                         typed: str) -> None:
    user = await user_at(chat, tag, ["India"])
    await user.send(typed)
    asked, labels = ages_offered(tag, 1990, 35)
    assert asked in shown(user.last.text)
    assert [shown(label) for label in user.last.labels] == labels
    assert "age" not in await answers(chat, user)
    await user.press(user.last.labels[1])
    assert (await answers(chat, user))["age"] == 36
    assert f"{labels[1]} ✓" in shown(user.text)


@pytest.mark.parametrize("tag", [language.code for language in LANGUAGES])
def test_the_question_about_a_birth_year_is_translated(tag: str) -> None:
    asked, _ = ages_offered(tag, 1990, 35)
    assert "35" in asked and "36" in asked and YEAR[tag].replace("2015", "1990") in asked
    assert (tag == "en") == ("Born in" in asked)


@pytest.mark.parametrize(("tag", "younger", "older"), [
    ("ar", 0, "عام واحد"), ("ar", 1, "عامان"), ("ar", 5, "6 أعوام"), ("ar", 35, "36 عامًا"),
    ("ar", 100, "101 عام"), ("fr", 0, "1 an "), ("fr", 1, "2 ans"), ("es", 0, "1 año,"),
    ("es", 1, "2 años"), ("en", 0, "1 year old"), ("en", 1, "2 years old")])
def test_the_older_age_is_said_with_its_plural(tag: str, younger: int, older: str) -> None:
    asked, _ = ages_offered(tag, 2000, younger)
    assert f"{younger} " in asked and older in asked, asked


@pytest.mark.parametrize("typed", ["만 34", "만 34세", "34"])
async def test_a_korean_international_age_is_the_age(chat: Conversation, typed: str) -> None:
    """"만 34" is 34 years old (the international age), not 10,034, even without its unit."""
    user = await user_at(chat, "ko", ["India"])
    await user.send(typed)
    assert (await answers(chat, user))["age"] == 34


async def test_an_age_typed_after_a_birth_year_is_the_answer(chat: Conversation) -> None:
    user = await user_at(chat, "ko", ["India", "90년생"])
    await user.send("36살")
    assert (await answers(chat, user))["age"] == 36
    user = await user_at(chat, "en", ["India", "born 1990"], user_id=2)
    await user.send("yes")
    assert "age" not in await answers(chat, user)


async def test_the_ages_count_from_the_conversations_day(tmp_path: Path) -> None:
    async with conversation(tmp_path / "later.sqlite3", today=date(2030, 6, 1)) as later:
        user = await user_at(later, "ja", ["India", "1990年生まれ"])
        assert [shown(label) for label in user.last.labels] == ["39歳", "40歳"]
    async with conversation(tmp_path / "new-year.sqlite3", today=date(2030, 12, 31)) as eve:
        user = await user_at(eve, "en", ["India", "born 1990"])
        assert (await answers(eve, user))["age"] == 40


# On TODAY (24 November 2026) a birth month before November gives 36, after it 35.
BORN_IN_A_MONTH = [
    ("en", "I was born in March 1990", 36), ("en", "born Dec 1990", 35),
    ("ja", "1990年3月生まれ", 36), ("ko", "1990년 12월생", 35), ("zh-hant", "1990年3月出生", 36),
    ("zh-hans", "我是1990年3月出生的", 36), ("zh-hant", "我係1990年12月出世", 35),
    ("es", "nací en marzo de 1990", 36), ("fr", "je suis né en décembre 1990", 35),
    ("vi", "tôi sinh tháng 6 năm 1990", 36), ("id", "saya lahir bulan Maret 1990", 36),
    ("hi", "मेरा जन्म मार्च 1990 में हुआ था", 36), ("ar", "مواليد مارس 1990", 36),
    ("ar", "مواليد آذار 1990", 36), ("ar", "مواليد جانفي 1990", 36),
    ("es", "nací en setiembre de 1990", 36), ("vi", "sinh tháng 3/1990", 36),
    ("en", "born 03/1990", 36)]


@pytest.mark.parametrize(("tag", "typed", "age"), BORN_IN_A_MONTH)
async def test_a_birth_month_settles_the_age(chat: Conversation, tag: str, typed: str,
                                             age: int) -> None:
    user = await user_at(chat, tag, ["India"])
    await user.send(typed)
    assert (await answers(chat, user))["age"] == age


@pytest.mark.parametrize(("tag", "typed"), [("en", "born in November 1990"),
                                            ("en", "1990"), ("ko", "1990"), ("ja", "1990年")])
async def test_a_birth_year_alone_or_in_this_month_offers_two_ages(
        chat: Conversation, tag: str, typed: str) -> None:
    """A bare 1990 at the age question can only be a birth year; born this month, the day
    decides."""
    user = await user_at(chat, tag, ["India"])
    await user.send(typed)
    assert [shown(label) for label in user.last.labels] == ages_offered(tag, 1990, 35)[1]
    assert "age" not in await answers(chat, user)


@pytest.mark.parametrize(("tag", "typed"), [("en", "born 2030"), ("ko", "2027년생")])
async def test_a_birth_year_giving_no_age_asks_again(chat: Conversation, tag: str,
                                                     typed: str) -> None:
    user = await user_at(chat, tag, ["India"])
    await user.send(typed)
    assert "age" not in await answers(chat, user) and not user.last.labels


# --- a Japanese school year at the graduation-year question ---------------------------------

@pytest.mark.parametrize(("typed", "year", "echo"), [
    ("2023年度卒業", 2024, "2024年（2023年度） ✓"), ("令和5年度卒業", 2024, "2024年（2023年度） ✓"),
    ("2023年度", 2024, "2024年（2023年度） ✓"), ("令和元年度", 2020, "2020年（2019年度） ✓"),
    ("R5年度に卒業しました", 2024, "2024年（2023年度） ✓")])
async def test_a_school_year_is_read_as_the_year_it_ends(chat: Conversation, typed: str,
                                                         year: int, echo: str) -> None:
    """2023年度 runs from April 2023 to March 2024, when its graduates graduate."""
    user = await at_bachelor_year(chat, "ja")
    await user.send(typed)
    assert (await answers(chat, user))["bachelor_year"] == year
    assert echo in shown(user.text)


@pytest.mark.parametrize("tag", ["zh-hant", "zh-hans"])
async def test_a_year_marked_so_elsewhere_is_that_year(chat: Conversation, tag: str) -> None:
    """Chinese 年度 names the year itself: only Japanese school years end the next year."""
    user = await at_bachelor_year(chat, tag)
    await user.send("2023年度")
    assert (await answers(chat, user))["bachelor_year"] == 2023


@pytest.mark.parametrize(("tag", "typed"), [
    ("ko", "한국 나이로 37"), ("ko", "한국 나이 37살이에요"), ("zh-hant", "虛歲37"),
    ("zh-hans", "虚岁37岁")])
async def test_an_age_reckoned_from_one_at_birth_offers_the_two_ages(
        chat: Conversation, tag: str, typed: str) -> None:
    """Korean age or 虛歲 37 on TODAY (2026) is a birth in 1990: 35 or 36 years old, said as
    what the reckoned age means, not as a birth year the user did not give."""
    user = await user_at(chat, tag, ["India"])
    await user.send(typed)
    asked, labels = ages_offered(tag, "r37", 35)
    assert asked in shown(user.last.text) and "37" in asked
    assert "1990" not in shown(user.last.text)
    assert [shown(label) for label in user.last.labels] == labels


@pytest.mark.parametrize(("typed", "age"), [
    ("साउन २०४७ मा जन्मेको", 36),            # mid-July to mid-August 1990: passed by 24 November
    ("२०४७ साउनमा जन्मेको", 36), ("म २०४७ सालको साउनमा जन्मेको हुँ", 36),
    ("पुस २०४७ मा जन्मेको", 35),             # mid-December 1990 to mid-January 1991
    ("माघ २०४७ मा जन्मेको", 35),             # mid-January to mid-February 1991
    ("मेरो उमेर ३४ वर्ष छ", 34)])                # छ is "is" there, not six
async def test_a_nepali_birth_month_settles_the_age(chat: Conversation, typed: str,
                                                    age: int) -> None:
    user = await user_at(chat, "ne", ["India"])
    await user.send(typed)
    assert (await answers(chat, user))["age"] == age


# --- a Hijri year ---------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["مواليد ١٤١٠ هـ", "1410 هجري", "مواليد ١٤١٠هـ"])
async def test_a_hijri_birth_year_offers_the_ages_it_gives(chat: Conversation,
                                                           typed: str) -> None:
    """1410 AH ran from 4 August 1989 to 24 July 1990: on TODAY (24 November) one is 36 or 37,
    never 35."""
    user = await user_at(chat, "ar", ["India"])
    await user.send(typed)
    assert "age" not in await answers(chat, user)
    assert [shown(label) for label in user.last.labels] == [
        AGE["ar"].replace("34", str(age)) for age in (36, 37)]
    assert "1989" in shown(user.last.text) and "1990" in shown(user.last.text)


async def test_a_hijri_graduation_year_offers_the_two_it_spans(chat: Conversation) -> None:
    user = await at_bachelor_year(chat, "ar")
    await user.send("تخرجت عام 1435 هـ")            # November 2013 to October 2014
    assert [shown(label) for label in user.last.labels][:2] == ["2013", "2014"]
    await user.press(user.last.labels[1])
    assert (await answers(chat, user))["bachelor_year"] == 2014


# --- a Bikram Sambat year (Nepal's calendar, 56 or 57 years ahead) ----------------------------

@pytest.mark.parametrize("typed", ["२०७९ साल", "वि.सं. २०७९", "2079"])
async def test_a_bikram_sambat_graduation_year_offers_the_two_it_spans(
        chat: Conversation, typed: str) -> None:
    user = await at_bachelor_year(chat, "ne")
    await user.send(typed)
    assert [shown(label) for label in user.last.labels][:2] == ["2022", "2023"]
    assert "विक्रम संवत्" in shown(user.last.text)
    await user.press(user.last.labels[0])
    assert (await answers(chat, user))["bachelor_year"] == 2022


@pytest.mark.parametrize("typed", ["२०४७ सालमा जन्मेको", "२०४७ साल"])
async def test_a_bikram_sambat_birth_year_offers_the_ages_it_gives(
        chat: Conversation, typed: str) -> None:
    """२०४७ is 1990 or 1991: on TODAY (24 November 2026) one is 34, 35 or 36."""
    user = await user_at(chat, "ne", ["India"])
    await user.send(typed)
    assert [shown(label) for label in user.last.labels][:3] == [
        AGE["ne"].replace("34", str(age)) for age in (34, 35, 36)]
    await user.press(user.last.labels[1])
    assert (await answers(chat, user))["age"] == 35


async def test_a_bikram_sambat_month_around_the_birthday_offers_two_ages(
        chat: Conversation) -> None:
    """मंसिर २०४७ is mid-November to mid-December 1990: on 24 November the birthday may be
    past or not, so both ages are offered, as for a Gregorian year."""
    user = await user_at(chat, "ne", ["India"])
    await user.send("मंसिर २०४७ मा जन्मेको")
    asked, labels = ages_offered("ne", 1990, 35)
    assert asked in shown(user.last.text)
    assert [shown(label) for label in user.last.labels][:2] == labels
    assert "age" not in await answers(chat, user)


async def test_a_year_after_this_one_is_no_bikram_sambat_year_in_english(
        chat: Conversation) -> None:
    user = await at_bachelor_year(chat, "en")
    await user.send("2079")
    assert "bachelor_year" not in await answers(chat, user)
    assert [shown(label) for label in user.last.labels] == ["Not sure"]   # the question again


@pytest.mark.parametrize(("tag", "typed", "said"), [
    ("ja", "1990年11月生まれ", "1990年11月生まれの場合"), ("en", "born in November 1990",
                                                 "Born in November 1990, you are 35 or 36"),
    ("vi", "sinh tháng 11 năm 1990", "Bạn sinh tháng 11 năm 1990,"),
    ("id", "lahir November 1990", "Anda lahir pada November 1990,")])
async def test_a_birth_month_that_leaves_two_ages_is_said_back(
        chat: Conversation, tag: str, typed: str, said: str) -> None:
    user = await user_at(chat, tag, ["India"])
    await user.send(typed)
    assert said in shown(user.text)


@pytest.mark.parametrize(("tag", "typed", "age"), [
    ("ja", "1990年生まれの36歳です", 36), ("en", "I was born in 1990, I'm 35", 35),
    ("ko", "90년생 36살입니다", 36), ("hi", "मेरा जन्म 1990 में हुआ, उम्र 36 साल", 36),
    ("es", "tengo 36 años, nací en 1990", 36), ("en", "I'll be 36 when I apply", 36),
    ("en", "I'm 36 next year", 36), ("ja", "平成2年生まれの35歳です", 35),
    ("vi", "36 tuổi ạ", 36)])   # a polite «ạ» after the age is no number of its own
async def test_an_age_said_beside_its_birth_year_is_the_answer(chat: Conversation, tag: str,
                                                               typed: str, age: int) -> None:
    user = await user_at(chat, tag, ["India"])
    await user.send(typed)
    assert (await answers(chat, user))["age"] == age


@pytest.mark.parametrize(("tag", "typed", "age"), [
    ("en", "15/03/1990", 36), ("en", "born on 30.11.1990", 35), ("en", "1990-03-15", 36),
    ("en", "born on March 15, 1990", 36), ("ja", "1990年11月30日生まれ", 35),
    ("ko", "1990년 3월 15일생", 36), ("vi", "sinh ngày 15 tháng 3 năm 1990", 36),
    ("es", "nací el 30 de noviembre de 1990", 35), ("ar", "١٥/٠٣/١٩٩٠", 36),
    ("en", "05/11/1990", 36)])   # 5 November or 11 May: passed either way
async def test_a_full_date_of_birth_gives_the_age(chat: Conversation, tag: str, typed: str,
                                                  age: int) -> None:
    user = await user_at(chat, tag, ["India"])
    await user.send(typed)
    assert (await answers(chat, user))["age"] == age


async def test_a_date_read_either_way_with_two_ages_offers_both(chat: Conversation) -> None:
    """"03/12/1990" is 3 December (35 on 24 November) or 12 March (36): asked, not guessed."""
    user = await user_at(chat, "en", ["India"])
    await user.send("03/12/1990")
    assert "age" not in await answers(chat, user)
    assert [shown(label) for label in user.last.labels] == ["35 years old", "36 years old"]


async def test_an_age_that_disagrees_with_its_birth_year_is_not_taken(
        chat: Conversation) -> None:
    user = await user_at(chat, "en", ["India"])
    await user.send("born in 1990, I am 40")
    assert "age" not in await answers(chat, user)


@pytest.mark.parametrize(("tag", "typed", "year"), [
    ("zh-hant", "23年畢業", 2023), ("zh-hans", "18年毕业", 2018), ("ko", "22년에 졸업했어요", 2022),
    ("ko", "22년도 졸업", 2022), ("ne", "२०२२ जुनमा", 2022)])
async def test_a_graduation_year_with_two_digits_and_its_word(chat: Conversation, tag: str,
                                                              typed: str, year: int) -> None:
    user = await at_bachelor_year(chat, tag)
    await user.send(typed)
    assert (await answers(chat, user))["bachelor_year"] == year
