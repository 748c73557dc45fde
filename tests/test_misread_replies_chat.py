"""Typed replies that used to be misread, through the whole conversation in each language: nonsense
at a university question, faculty names in Devanagari and Arabic script, a nationality with a
copula, Arabic letter variants, and Maithili and Bhojpuri in a list of languages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.i18n.bidi import strip_controls
from bot.i18n.text import InstitutionName, LanguageName
from bot.i18n.translator import Translator
from conversations.qmas import _not_a_postgraduate_university
from tests.support.chat_client import Conversation, answers, conversation, user_at

TODAY = date(2026, 11, 24)
TO_UNIVERSITY = ["India", "34", "Master's"]
TO_LANGUAGES = [*TO_UNIVERSITY, "Imperial College London", "Yes", "University of Delhi", "No"]


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running




# --- nonsense is refused at a university question; short real names are kept -----------------

@pytest.mark.parametrize(("tag", "typed"), [
    ("en", "lol"), ("en", "asdfgh"), ("en", "qwerty"), ("en", "..."), ("en", "???"),
    ("en", "hahaha"), ("ar", "ممم"), ("ar", "هههههه"), ("ja", "あいうえお"), ("ja", "www"),
    ("ko", "ㅋㅋㅋ"), ("ko", "ㅠㅠ"), ("zh-hans", "哈哈哈"), ("zh-hant", "哈哈哈"),
    ("zh-hant", "呵呵"), ("es", "jajaja"), ("fr", "mdr"), ("fr", "azerty"), ("id", "wkwkwk"),
    ("vi", "hihi"), ("hi", "हाहाहा"), ("ne", "हाहा"),
])
async def test_nonsense_is_not_kept_as_a_university(chat: Conversation, tag: str,
                                                    typed: str) -> None:
    user = await user_at(chat, tag, TO_UNIVERSITY)
    asked = user.last.text.split("\n\n", 1)[1]
    await user.send(typed)
    refusal = Translator.for_code(tag)(_not_a_postgraduate_university(typed, {}))
    assert strip_controls(refusal) in strip_controls(user.text)
    assert user.last.text.endswith(asked)                 # the same question again
    assert "postgraduate_university" not in await answers(chat, user)
    await user.send("ITB")                                 # a real name is then kept
    assert (await answers(chat, user))["postgraduate_university"] == (
        "Bandung Institute of Technology")


@pytest.mark.parametrize("tag", ["en", "id", "ja", "ar"])
@pytest.mark.parametrize("typed", [
    "UCL", "ITB", "KTH", "IIT", "UiO", "ETH", "MIT", "NUS", "BINUS", "Universitas Gadjah Mada",
    "Hogwarts University",
])
async def test_short_and_unlisted_institutions_are_still_taken(chat: Conversation, tag: str,
                                                               typed: str) -> None:
    user = await user_at(chat, tag, TO_UNIVERSITY)
    await user.send(typed)
    refusal = Translator.for_code(tag)(_not_a_postgraduate_university(typed, {}))
    assert strip_controls(refusal) not in strip_controls(user.text)
    if user.last.labels and "postgraduate_university" not in await answers(chat, user):
        await user.press(user.last.labels[0])             # a close listed name asked about
    assert "postgraduate_university" in await answers(chat, user)


# --- faculty and school names in Devanagari and Arabic script ---------------------------------

@pytest.mark.parametrize(("tag", "typed", "university"), [
    ("hi", "हार्वर्ड यूनिवर्सिटी मेडिकल स्कूल", "Harvard University"),
    ("ne", "हार्वर्ड युनिभर्सिटी मेडिकल स्कुल", "Harvard University"),
    ("ar", "كلية الطب بجامعة ستانفورد", "Stanford University"),
    ("ar", "كليه الطب بجامعه ستانفورد", "Stanford University"),
    ("en", "हार्वर्ड यूनिवर्सिटी मेडिकल स्कूल", "Harvard University"),
])
async def test_a_faculty_in_devanagari_or_arabic_counts_as_its_university(
        chat: Conversation, tag: str, typed: str, university: str) -> None:
    user = await user_at(chat, tag, TO_UNIVERSITY)
    await user.send(typed)
    echo = strip_controls(user.last.text.split("\n\n")[0])
    assert strip_controls(Translator.for_code(tag)(InstitutionName(university))) in echo
    assert (await answers(chat, user))["postgraduate_university"] == typed


@pytest.mark.parametrize(("tag", "typed", "university"), [
    ("ne", "हार्वर्ड युनिभर्सिटी", "Harvard University"),
    ("hi", "हार्वर्ड यूनिवर्सिटी", "Harvard University"),
    ("ja", "南カリフォルニア大学", "University of Southern California"),
    ("ja", "USC", "University of Southern California"),
    ("ar", "جامعه ستانفورد", "Stanford University"),
    ("ar", "جامعـــة ستانفورد", "Stanford University"),
    ("ar", "مستشفي شاريتيه الجامعي", "Charité - Universitätsmedizin Berlin"),
    ("ar", "جامعة الملك عبدالعزيز", "King Abdulaziz University"),
    ("ar", "جامعه الملك عبد العزيز", "King Abdulaziz University"),
])
async def test_a_university_in_another_spelling_is_found(chat: Conversation, tag: str, typed: str,
                                                         university: str) -> None:
    user = await user_at(chat, tag, TO_UNIVERSITY)
    await user.send(typed)
    shown = Translator.for_code(tag)(InstitutionName(university))
    if shown in user.last.labels:                          # a close name asked about
        await user.press(shown)
    assert (await answers(chat, user))["postgraduate_university"] == university


@pytest.mark.parametrize(("tag", "typed"), [("ja", "カリフォルニア大学"), ("zh-hans", "加州大学")])
async def test_the_university_of_california_alone_offers_its_campuses(chat: Conversation,
                                                                     tag: str, typed: str) -> None:
    user = await user_at(chat, tag, TO_UNIVERSITY)
    await user.send(typed)
    shown = Translator.for_code(tag)
    berkeley = shown(InstitutionName("University of California, Berkeley"))
    assert berkeley in user.last.labels
    assert shown(InstitutionName("University of Southern California")) not in user.last.labels
    assert shown(InstitutionName("California Institute of Technology")) not in user.last.labels
    assert "postgraduate_university" not in await answers(chat, user)
    await user.press(berkeley)
    assert (await answers(chat, user))["postgraduate_university"] == \
        "University of California, Berkeley"


# --- nationality with a copula or a nationality word ------------------------------------------

@pytest.mark.parametrize(("tag", "typed", "code"), [
    ("ja", "中国人です", "CN"), ("ja", "日本国籍です", "JP"), ("ja", "アメリカ人でした", "US"),
    ("ja", "インド人", "IN"), ("ja", "アメリカ人", "US"), ("ja", "英国籍", "GB"),
    ("ja", "日本人です", "JP"), ("ko", "한국이요", "KR"), ("ko", "대한민국 국적", "KR"),
    ("ko", "미국 국적", "US"), ("ko", "한국 사람", "KR"), ("ko", "중국인", "CN"),
    ("ko", "미국인입니다", "US"), ("ko", "미국 사람이에요", "US"), ("ko", "스페인입니다", "ES"),
    ("ar", "الامارات العربيه المتحده", "AE"),
    # A yes before the answer: "Dạ" (the polite yes that opens a reply), "ya"
    ("vi", "Dạ, em là người Việt Nam", "VN"), ("vi", "dạ Việt Nam", "VN"),
    ("vi", "em là người Việt Nam ạ", "VN"), ("vi", "Việt Nam nhé", "VN"), ("vi", "Mỹ ạ", "US"),
    ("vi", "VN ạ", "VN"),
    # Not near अमेरिकी नागरिक (US) as a whole: the nationality word is left out first
    ("hi", "मेक्सिकी नागरिक", "MX"), ("hi", "मैं मेक्सिकी नागरिक हूँ", "MX"),
    ("ne", "म मेक्सिकी नागरिक हुँ", "MX"),
    ("id", "ya, saya orang Indonesia", "ID"), ("id", "Yaman", "YE"),
])
async def test_a_nationality_with_a_copula_is_read(chat: Conversation, tag: str, typed: str,
                                                   code: str) -> None:
    user = await user_at(chat, tag, [typed])
    assert (await answers(chat, user))["nationality"] == code


# --- languages: Arabic letter variants, Maithili and Bhojpuri ---------------------------------

@pytest.mark.parametrize(("tag", "typed", "codes"), [
    ("hi", "हिन्दी, मैथिली, भोजपुरी", ["hi", "mai", "bho"]),
    ("ne", "नेपाली, मैथिली र भोजपुरी", ["ne", "mai", "bho"]),
    ("en", "Hindi, Maithili, Bhojpuri", ["hi", "mai", "bho"]),
    ("ar", "العربيه والانجليزيه", ["ar", "en"]),
    ("ar", "العربيـــة والإنجليزيه", ["ar", "en"]),
])
async def test_languages_are_read_and_said_back(chat: Conversation, tag: str, typed: str,
                                                codes: list[str]) -> None:
    user = await user_at(chat, tag, TO_LANGUAGES)
    await user.send(typed)
    assert (await answers(chat, user))["languages"] == codes
    said = strip_controls(user.text)
    shown = Translator.for_code(tag)
    assert all(strip_controls(shown(LanguageName(code))) in said for code in codes)


@pytest.mark.parametrize(("tag", "typed", "degree"), [("vi", "thạc sĩ ạ", "master"),
                                                      ("id", "Magister kak", "master")])
async def test_a_buttons_label_with_a_closing_particle_is_the_button(
        chat: Conversation, tag: str, typed: str, degree: str) -> None:
    user = await user_at(chat, tag, ["India", "34", typed])
    assert (await answers(chat, user))["highest_degree"] == degree
