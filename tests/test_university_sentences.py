"""A university named in a sentence, in each language ("I studied at MIT", "tốt nghiệp Đại học
Bắc Kinh", "港大畢業"): the bachelor's-university question and /university read the name alone,
and a name the list does not know is kept as typed, without the words around it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.i18n.bidi import strip_controls
from bot.i18n.text import InstitutionName, t
from tests.support.chat_client import Conversation, answers, conversation, said, user_at

TODAY = date(2026, 11, 24)
TO_BACHELOR_UNIVERSITY = ["India", "34", "Bachelor's"]


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


LISTED = [
    ("en", "I studied at MIT", "Massachusetts Institute of Technology"),
    ("en", "I am an alumnus of MIT", "Massachusetts Institute of Technology"),
    ("en", "I went to HKU", "The University of Hong Kong"),
    ("es", "soy egresada de la UNAM", "Universidad Nacional Autónoma de México (UNAM)"),
    ("fr", "je suis diplômée de l'Université de Montréal", "University of Montreal"),
    ("fr", "j'ai étudié à l’Université de Montréal", "University of Montreal"),
    ("vi", "Tôi tốt nghiệp Đại học Bắc Kinh", "Peking University"),
    ("vi", "tôi học ở Đại học Bắc Kinh", "Peking University"),
    ("id", "saya kuliah di Universitas Tokyo", "The University of Tokyo"),
    ("id", "lulusan Universitas Tokyo", "The University of Tokyo"),
    ("hi", "मैंने एमआईटी से पढ़ाई की", "Massachusetts Institute of Technology"),
    ("hi", "एमआईटी से स्नातक", "Massachusetts Institute of Technology"),
    ("ne", "एमआईटीबाट पढेको", "Massachusetts Institute of Technology"),
    ("ne", "एमआईटी मा पढें", "Massachusetts Institute of Technology"),
    ("ar", "تخرجت من كاوست", "King Abdullah University of Science and Technology"),
    ("ar", "خريج كاوست", "King Abdullah University of Science and Technology"),
    ("zh-hant", "我畢業於港大", "The University of Hong Kong"),
    ("zh-hant", "我是港大畢業的", "The University of Hong Kong"),
    ("zh-hans", "我读的是清华大学", "Tsinghua University"),
    ("zh-hans", "清华大学毕业的", "Tsinghua University"),
    ("ja", "私は東京大学を卒業しました", "The University of Tokyo"),
    ("ja", "京大卒です", "Kyoto University"),
    ("ko", "저는 서울대 나왔어요", "Seoul National University"),
    ("ko", "서울대학교 다녔어요", "Seoul National University"),
    ("ko", "하버드에서 석사 과정 마쳤어요", "Harvard University"),
]


@pytest.mark.parametrize(("tag", "typed", "name"), LISTED)
async def test_a_listed_name_in_a_sentence_is_the_name(chat: Conversation, tag: str,
                                                       typed: str, name: str) -> None:
    user = await user_at(chat, tag, TO_BACHELOR_UNIVERSITY)
    await user.send(typed)
    assert (await answers(chat, user))["bachelor_university"] == name
    await user.send(f"/university {typed}")
    looked_up = strip_controls(user.messages[-2].text)
    assert looked_up.startswith("✅")
    assert said(tag, InstitutionName(name, listed=True)) in looked_up


UNKNOWN = [
    ("en", "I graduated from Hogwarts University", "Hogwarts University"),
    ("es", "soy egresado de la Universidad de Hogwarts", "Universidad de Hogwarts"),
    ("fr", "Je suis diplômé de l'Université de Poudlard", "Université de Poudlard"),
    ("vi", "tốt nghiệp tại Đại học Hogwarts", "Đại học Hogwarts"),
    ("id", "Saya alumni Universitas Hogwarts", "Universitas Hogwarts"),
    ("hi", "मैंने हॉगवर्ट्स विश्वविद्यालय से पढ़ाई की", "हॉगवर्ट्स विश्वविद्यालय"),
    ("ne", "हगवार्ट्स विश्वविद्यालयबाट पढेको", "हगवार्ट्स विश्वविद्यालय"),
    ("ar", "درست في جامعة هوجوورتس", "جامعة هوجوورتس"),
    ("zh-hant", "畢業於霍格華茲大學", "霍格華茲大學"),
    ("zh-hans", "霍格沃茨大学毕业的", "霍格沃茨大学"),
    ("ja", "わたしはホグワーツ大学の出身です", "ホグワーツ大学"),
    ("ko", "저는 호그와트대학교를 다녔어요", "호그와트대학교"),
]


@pytest.mark.parametrize(("tag", "typed", "name"), UNKNOWN)
async def test_an_unknown_name_in_a_sentence_is_kept_as_typed(chat: Conversation, tag: str,
                                                              typed: str, name: str) -> None:
    user = await user_at(chat, tag, TO_BACHELOR_UNIVERSITY)
    await user.send(typed)
    if user.last.labels and "bachelor_university" not in await answers(chat, user):
        await user.press(user.last.labels[-1])            # not one of the near listed names
    assert (await answers(chat, user))["bachelor_university"] == name
    await user.send(f"/university {typed}")
    looked_up = strip_controls(user.messages[-2].text)
    assert name in looked_up and typed not in looked_up


@pytest.mark.parametrize(("tag", "typed", "name"), [
    ("es", "hice la licenciatura en Harvrd", "Harvrd"),
    ("fr", "j'ai fait ma licence à Stanfrd", "Stanfrd"),
    ("en", "I did my bachelor's at Harvrd", "Harvrd")])
async def test_a_misspelt_name_in_a_sentence_is_asked_about_and_kept_bare(
        chat: Conversation, tag: str, typed: str, name: str) -> None:
    """"Did you mean …?" about a name typed in a sentence; kept as typed, it is the name alone."""
    user = await user_at(chat, tag, TO_BACHELOR_UNIVERSITY)
    await user.send(typed)
    assert user.last.labels, user.last.text
    await user.press(user.last.labels[-1])               # "No: keep what I typed"
    assert (await answers(chat, user))["bachelor_university"] == name
    assert typed not in strip_controls(user.text)
    # Declined, the near listed name is not counted: it is said to be off the list, and the
    # questions only a listed university's degree needs are not asked
    assert "ImmD" in strip_controls(user.text) or tag != "en"
    await user.send("/result")
    assert "Harvard University" not in strip_controls(user.text) or tag != "en"


@pytest.mark.parametrize("typed", ["호그와트대에서 석사 수료했어요", "호그와트대 나왔는데요"])
async def test_a_korean_sentence_no_ending_covers_is_quoted_whole(chat: Conversation,
                                                                  typed: str) -> None:
    """Its polite 요 is not cut as a copula after a verb: “…수료했어” is no one's name."""
    user = await user_at(chat, "ko", TO_BACHELOR_UNIVERSITY)
    await user.send(f"/university {typed}")
    looked_up = strip_controls(user.messages[-2].text)
    assert typed in looked_up and f"{typed[:-1]}”" not in looked_up, looked_up


@pytest.mark.parametrize(("tag", "typed", "name"), [
    ("en", "University of Toronto 2015", "University of Toronto"),
    ("en", "Imperial College London, 2018", "Imperial College London"),
    ("en", "MIT (2019)", "Massachusetts Institute of Technology"),
    ("en", "National University of Singapore (NUS)", "National University of Singapore"),
    ("id", "Universitas Indonesia (UI)", "Universitas Indonesia"),
    ("vi", "Đại học Quốc gia Hà Nội 2015", "Vietnam National University, Hanoi"),
    ("vi", "tôi tốt nghiệp Đại học Hồng Kông năm 2019", "The University of Hong Kong"),
    ("id", "saya lulus dari Universitas Melbourne tahun 2015", "University of Melbourne"),
    ("ar", "جامعة الملك سعود عام 2010", "King Saud University"),
    ("en", "I graduated from MIT in 2019", "Massachusetts Institute of Technology"),
    ("zh-hant", "港大，2015年畢業", "The University of Hong Kong"),
    ("zh-hant", "港大2015年畢業", "The University of Hong Kong"),
    ("ja", "東大2015年卒業", "The University of Tokyo"),
    ("en", "University of Toronto (class of 2019)", "University of Toronto"),
    ("vi", "Đại học Quốc gia Singapore (năm 2019)", "National University of Singapore"),
    ("zh-hant", "我2015年喺港大畢業", "The University of Hong Kong"),   # the year before it
    ("zh-hant", "北大，13年畢業", "Peking University"),                  # two digits after it
    ("zh-hans", "我2015年在北大毕业", "Peking University"),
    ("en", "In 2015 I graduated from MIT", "Massachusetts Institute of Technology"),
    ("ko", "2015년 서울대 졸업", "Seoul National University"),
    ("ja", "2015年に京都大学を卒業", "Kyoto University"),
    ("ar", "تخرجت من جامعة بيرزيت عام 2015", "جامعة بيرزيت"),       # unknown, the year said
    ("id", "Universitas 17 Agustus 1945", "Universitas 17 Agustus 1945")])   # a name's year
async def test_a_year_or_an_acronym_after_the_name_is_left_out(chat: Conversation, tag: str,
                                                               typed: str, name: str) -> None:
    user = await user_at(chat, tag, TO_BACHELOR_UNIVERSITY)
    await user.send(typed)
    assert (await answers(chat, user))["bachelor_university"] == name


@pytest.mark.parametrize(("tag", "typed"), [("fr", "Le Moyne College"), ("es", "Le Moyne College"),
                                            ("en", "Le Moyne College"),
                                            ("es", "El Colegio de México")])
async def test_a_capitalised_article_that_begins_a_name_stays(chat: Conversation, tag: str,
                                                              typed: str) -> None:
    """"Le Moyne College" is not "Moyne College"; "la UNAM" still reads as UNAM."""
    user = await user_at(chat, tag, TO_BACHELOR_UNIVERSITY)
    await user.send(typed)
    if user.last.labels and "bachelor_university" not in await answers(chat, user):
        await user.press(user.last.labels[-1])            # not one of the near listed names
    assert (await answers(chat, user))["bachelor_university"] == typed


@pytest.mark.parametrize(("tag", "typed"), [("hi", "मोनाश विश्वविद्यालय"),
                                            ("ne", "मोनास विश्वविद्यालय")])
async def test_a_name_beginning_like_an_opener_keeps_its_vowel_sign(
        chat: Conversation, tag: str, typed: str) -> None:
    """मैं ("I") folds to म, which begins मोनाश: the vowel sign after it continues the word."""
    user = chat.user(1, tag)
    await user.send(f"/university {typed}")
    shown = strip_controls(user.text)
    assert f"“{typed[1:]}" not in shown and ("✅" in shown or f"“{typed}”" in shown), shown


@pytest.mark.parametrize(("tag", "typed", "pick", "name", "unlisted"), [
    ("ko", "서울대, 하버드", 1, "Harvard University", False),
    ("ja", "東京大学と京都大学", 0, "The University of Tokyo", False),
    ("en", "IIT Bombay and Harvard", 0, "Indian Institute of Technology Bombay", True),
    ("vi", "NUS và NTU", 0, "National University of Singapore", False),   # both NTUs offered
    ("es", "Yale y Harvard", 1, "Harvard University", False),   # not Trường Y Harvard
    ("fr", "Polytechnique ou Harvard", 1, "Harvard University", False)])   # "or" too
async def test_several_universities_typed_are_asked_about(chat: Conversation, tag: str,
                                                          typed: str, pick: int, name: str,
                                                          unlisted: bool) -> None:
    """Which one awarded the degree, with no "keep what I typed": the reply is no one name. An
    unlisted one picked is said to be unlisted, as when typed alone."""
    user = await user_at(chat, tag, TO_BACHELOR_UNIVERSITY)
    await user.send(typed)
    assert said(tag, t("You named more than one university: which one awarded this degree?")) \
        in strip_controls(user.last.text)
    assert len(user.last.labels) == (3 if "NTU" in typed else 2)
    await user.press(user.last.labels[pick])
    assert (await answers(chat, user))["bachelor_university"] == name
    assert ("is not on ImmD's list" in user.text) is unlisted or tag != "en"


@pytest.mark.parametrize(("tag", "degree", "stem", "same"), [
    ("en", "Master's", "Yes", "same as above"), ("ja", "修士", "はい", "同じです"),
    ("zh-hant", "碩士", "是", "同上")])
async def test_the_same_at_the_bachelors_question_is_the_masters_university(
        chat: Conversation, tag: str, degree: str, stem: str, same: str) -> None:
    user = await user_at(chat, tag, ["India", "34", degree, "University of Oxford", stem])
    assert "bachelor_university" not in await answers(chat, user)
    await user.send(same)
    assert (await answers(chat, user))["bachelor_university"] == "University of Oxford"
