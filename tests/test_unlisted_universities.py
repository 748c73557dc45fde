"""University names from the user's side, in each language: a well-known institution that is not
on the eligible list is said to be not on it (never "try the full name"), a short name means what
it means in the reader's language ("北大" is Hokkaido University in Japanese), an exact alias in
any script is taken at once, and a year is not taken for a university."""

from __future__ import annotations

import tomllib
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.i18n.bidi import strip_controls
from bot.i18n.text import InstitutionName, t
from bot.i18n.translator import Translator
from bot.report.lookup import country
from bot.rules.name_keys import distinctive, normalise
from bot.rules.universities import match_university
from bot.rules.university_list import all_institutions, institution_named, list_version, read_data
from bot.rules.unlisted import unlisted_institutions, unlisted_named
from bot.scoring.answers import parse_answers
from bot.scoring.assess import assess
from bot.scoring.universities import in_hong_kong
from conversations.qmas import _not_a_bachelor_university, _not_a_postgraduate_university
from tests.support.chat_client import Conversation, answers, conversation, said, user_at
from tests.support.reporting import TODAY as REPORT_DAY
from tests.support.reporting import example_answers

TODAY = date(2026, 11, 24)
TO_UNIVERSITY = ["India", "34", "Master's"]
TO_BACHELOR_UNIVERSITY = ["India", "34", "Bachelor's"]


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


# --- the data: the list is authoritative ------------------------------------------------------

@pytest.mark.parametrize(("name", "alias"), [
    (institution.name, alias) for institution, aliases in unlisted_institutions()
    for alias in (institution.name, *aliases)])
def test_no_unlisted_name_is_on_the_list(name: str, alias: str) -> None:
    listed = {normalise(i.name) for i in all_institutions()}
    assert normalise(alias) not in listed, f"{alias} is on the list: move {name} there"
    match = match_university(alias)
    assert not match.exact and match.school is None, f"{alias} names a listed institution"
    assert unlisted_named(alias) is not None and unlisted_named(alias).name == name


def test_no_distinctive_part_of_an_unlisted_name_names_a_listed_institution() -> None:
    """An unlisted name is also found by its distinctive part ("Northeastern"): that part must
    never be a listed institution's name or alias, which it would hide."""
    for institution, aliases in unlisted_institutions():
        for alias in (institution.name, *aliases):
            core = distinctive(normalise(alias))
            if unlisted_named(core) is not None:
                match = match_university(core)
                assert not match.exact and match.school is None, (alias, core)


def test_every_language_alias_names_a_listed_or_unlisted_institution() -> None:
    data = tomllib.loads(read_data("language-aliases.toml"))
    for names in data.values():
        for alias, official in names.items():
            assert institution_named(official) or unlisted_named(official), alias


def test_an_unlisted_hong_kong_university_is_in_hong_kong() -> None:
    assert in_hong_kong("Lingnan University") and in_hong_kong("嶺南大學")
    assert not in_hong_kong("Waseda University")


# --- /university: an unlisted institution is named and said not to be on the list ------------

UNLISTED_TYPED = [
    ("en", "HKBU", "Hong Kong Baptist University"),
    ("en", "Northeastern University", "Northeastern University"),
    ("en", "Lingnan University", "Lingnan University"),
    ("zh-hant", "浸大", "Hong Kong Baptist University"),
    ("zh-hant", "嶺南大學", "Lingnan University"),
    ("zh-hans", "香港都会大学", "Hong Kong Metropolitan University"),
    ("ja", "早稲田大学", "Waseda University"),
    ("ja", "慶應義塾大学", "Keio University"),
    ("ko", "와세다대학교", "Waseda University"),
    ("vi", "Đại học Waseda", "Waseda University"),
    ("id", "Universitas Keio", "Keio University"),
    ("id", "Universitas Kobe", "Kobe University"),
    ("id", "Universitas Ewha", "Ewha Womans University"),
    ("ja", "一橋", "Hitotsubashi University"),
    ("es", "Universidad de Hokkaido", "Hokkaido University"),
    ("fr", "Université de Kyushu", "Kyushu University"),
    ("ar", "جامعة هوكايدو", "Hokkaido University"),
    ("hi", "EdUHK", "The Education University of Hong Kong"),
    ("ne", "HKMU", "Hong Kong Metropolitan University"),
    ("hi", "IIT Bombay", "Indian Institute of Technology Bombay"),
    ("hi", "दिल्ली विश्वविद्यालय", "University of Delhi"),
    ("en", "JNU", "Jawaharlal Nehru University"),
    ("ne", "त्रिभुवन विश्वविद्यालय", "Tribhuvan University"),
    ("ne", "KU", "Kathmandu University"),
    ("ar", "جامعة القاهرة", "Cairo University"),
    ("ar", "الجامعة الأمريكية في بيروت", "American University of Beirut"),
    ("fr", "Université Mohammed V", "Mohammed V University"),
    ("es", "Universidad de El Cairo", "Cairo University"),
    ("vi", "Đại học Bách khoa Hà Nội", "Hanoi University of Science and Technology"),
    ("vi", "HUST", "Hanoi University of Science and Technology"),
    ("vi", "ĐHQG Hà Nội", "Vietnam National University, Hanoi"),
    ("vi", "ĐHBK Hà Nội", "Hanoi University of Science and Technology"),
    ("vi", "Đại học Quốc gia Hà Nội", "Vietnam National University, Hanoi"),
    ("id", "UI", "Universitas Indonesia"),
    ("id", "UGM", "Gadjah Mada University"),
    ("zh-hans", "深圳大学", "Shenzhen University"),
    ("zh-hant", "深大", "Shenzhen University"),
    ("ko", "선전대학교", "Shenzhen University"),
    # A faculty of an unlisted university is that university's ("…بجامعة القاهرة")
    ("ar", "كلية الهندسة بجامعة القاهرة", "Cairo University"),
    ("en", "Faculty of Engineering, Cairo University", "Cairo University"),
]


@pytest.mark.parametrize(("tag", "typed", "name"), UNLISTED_TYPED)
async def test_university_lookup_says_an_unlisted_institution_is_not_on_the_list(
        chat: Conversation, tag: str, typed: str, name: str) -> None:
    user = chat.user(1, tag)
    await user.send(f"/university {typed}")
    unlisted = unlisted_named(name)
    assert unlisted is not None
    version = list_version(TODAY)
    assert strip_controls(user.text) == said(tag, t(
        "❌ “{name}” ({country}) is not on the list of eligible universities in force (version of "
        "{version}).", name=InstitutionName(name), country=country(unlisted.country),
        version=version))
    assert said(tag, t("I did not find “{query}” on the list in force (version of {version}). Try "
                       "the institution's full official name.", query=typed, version=version)
                ) not in strip_controls(user.text)


@pytest.mark.parametrize(("tag", "typed", "name"), UNLISTED_TYPED)
async def test_an_unlisted_institution_is_kept_under_its_name_without_a_typo_hint(
        chat: Conversation, tag: str, typed: str, name: str) -> None:
    user = await user_at(chat, tag, TO_UNIVERSITY)
    await user.send(typed)
    notice = said(tag, t("“{university}” is not on ImmD's list of eligible universities, so it "
                         "will not count for criteria 2 and 3.",
                         university=InstitutionName(name)))
    assert notice in strip_controls(user.text)
    assert "/back" not in user.text
    assert (await answers(chat, user))["postgraduate_university"] == name


@pytest.mark.parametrize("tag", ["en", "zh-hant", "ar"])
async def test_an_unlisted_bachelor_university_says_top_talent_pass(chat: Conversation,
                                                                   tag: str) -> None:
    user = await user_at(chat, tag, ["India", "34", "Bachelor's"])
    await user.send("Hong Kong Baptist University")
    notice = said(tag, t("“{university}” is not on ImmD's list of eligible universities, so it "
                         "will not count for Top Talent Pass categories B and C.",
                         university=InstitutionName("Hong Kong Baptist University")))
    assert notice in strip_controls(user.text)
    assert (await answers(chat, user))["bachelor_university"] == "Hong Kong Baptist University"


# --- a short name means what it means in the reader's language --------------------------------

@pytest.mark.parametrize(("tag", "typed", "name"), [
    ("ja", "北大", "Hokkaido University"),
    ("ja", "九大", "Kyushu University"),
    ("zh-hans", "北大", "Peking University"),
    ("zh-hant", "北大", "Peking University"),
    ("ko", "北大", "Peking University"),
])
async def test_a_short_name_is_read_in_the_readers_language(chat: Conversation, tag: str,
                                                            typed: str, name: str) -> None:
    user = await user_at(chat, tag, TO_UNIVERSITY)
    await user.send(typed)
    assert (await answers(chat, user))["postgraduate_university"] == name
    await user.send(f"/university {typed}")
    assert said(tag, InstitutionName(name)) in strip_controls(user.messages[-2].text)
    listed = institution_named(name) is not None
    assert strip_controls(user.messages[-2].text).startswith("✅" if listed else "❌")


# --- an exact alias, in any script, is taken at once ------------------------------------------

@pytest.mark.parametrize(("tag", "typed", "name"), [
    ("en", "MIT", "Massachusetts Institute of Technology"),
    ("hi", "एमआईटी", "Massachusetts Institute of Technology"),
    ("ne", "एमआईटी", "Massachusetts Institute of Technology"),
    ("ar", "كاوست", "King Abdullah University of Science and Technology"),
    ("ko", "카이스트", "Korea Advanced Institute of Science and Technology (KAIST)"),
    ("ja", "東大", "The University of Tokyo"),
    ("zh-hant", "港大", "The University of Hong Kong"),
    ("zh-hant", "中大", "The Chinese University of Hong Kong"),
    ("zh-hant", "科大", "The Hong Kong University of Science and Technology"),
    ("zh-hans", "清华", "Tsinghua University"),
    ("vi", "Đại học Bắc Kinh", "Peking University"),
    ("vi", "ĐH Harvard", "Harvard University"),
    ("vi", "ĐH Bắc Kinh", "Peking University"),
    ("id", "Universitas Tokyo", "The University of Tokyo"),
    ("es", "UBA", "Universidad de Buenos Aires (UBA)"),
    ("fr", "Université de Montréal", "University of Montreal"),
])
async def test_an_exact_alias_is_taken_at_once(chat: Conversation, tag: str, typed: str,
                                               name: str) -> None:
    user = await user_at(chat, tag, TO_UNIVERSITY)
    await user.send(typed)
    assert (await answers(chat, user))["postgraduate_university"] == name
    assert strip_controls(user.last.text).startswith(said(tag, t(
        "{name} ✓ (on the list of eligible universities)", name=InstitutionName(name))))
    await user.send(f"/university {typed}")
    assert strip_controls(user.messages[-2].text).startswith("✅")


# --- a name in a sentence: the words around it are dropped -----------------------------------

@pytest.mark.parametrize(("tag", "typed", "name"), [
    ("ja", "東京大学です", "The University of Tokyo"),
    ("ja", "京大です", "Kyoto University"),
    ("ja", "東京大学を卒業しました", "The University of Tokyo"),
    ("ko", "서울대 나왔어요", "Seoul National University"),
    ("ko", "서울대학교 졸업", "Seoul National University"),
    ("es", "me gradué en la UNAM", "Universidad Nacional Autónoma de México (UNAM)"),
    ("en", "I graduated from MIT", "Massachusetts Institute of Technology"),
    ("en", "graduated from HKU", "The University of Hong Kong"),
])
async def test_a_name_with_a_copula_or_a_verb_is_the_name(chat: Conversation, tag: str,
                                                          typed: str, name: str) -> None:
    user = await user_at(chat, tag, TO_UNIVERSITY)
    await user.send(typed)
    assert (await answers(chat, user))["postgraduate_university"] == name
    await user.send(f"/university {typed}")
    assert strip_controls(user.messages[-2].text).startswith("✅")
    assert said(tag, InstitutionName(name, listed=True)) in strip_controls(user.messages[-2].text)


@pytest.mark.parametrize(("tag", "typed", "name"), [
    ("en", "I graduated from Hogwarts University", "Hogwarts University"),
    ("ja", "ホグワーツ大学を卒業しました", "ホグワーツ大学"),
    ("ko", "호그와트대학교 졸업", "호그와트대학교"),
    ("es", "me gradué en la Universidad de Hogwarts", "Universidad de Hogwarts"),
])
async def test_an_unknown_name_in_a_sentence_is_kept_without_the_sentence(
        chat: Conversation, tag: str, typed: str, name: str) -> None:
    user = await user_at(chat, tag, TO_UNIVERSITY)
    await user.send(typed)
    if user.last.labels and "postgraduate_university" not in await answers(chat, user):
        await user.press(user.last.labels[-1])            # not one of the near listed names
    assert (await answers(chat, user))["postgraduate_university"] == name


# --- /university with several names answers each --------------------------------------------

@pytest.mark.parametrize(("tag", "typed"), [
    ("ko", "서울대, 카이스트, 연세대학교"),
    ("ja", "東大、早稲田大学"),
    ("zh-hant", "港大，浸大"),
    ("zh-hans", "清华、北大"),
    ("en", "MIT, HKBU"),
    ("vi", "Đại học Bắc Kinh, Đại học Waseda"),
    ("id", "Universitas Tokyo, Universitas Kobe"),
    ("es", "UBA, Universidad de Hokkaido"),
    ("fr", "Université de Montréal, Université de Kyushu"),
    ("ar", "كاوست، جامعة هوكايدو"),
    ("hi", "एमआईटी, EdUHK"),
    ("ne", "एमआईटी, HKMU"),
])
async def test_several_names_are_answered_each_as_alone(chat: Conversation, tag: str,
                                                        typed: str) -> None:
    """Each name's lines as /university gives them for it alone: its status, and its name in
    the reader's language when the data has one."""
    user = chat.user(1, tag)
    alone = []
    for name in typed.replace("，", ",").replace("、", ",").replace("،", ",").split(","):
        await user.send(f"/university {name.strip()}")
        alone += strip_controls(user.text).split("\n")
    await user.send(f"/university {typed}")
    assert strip_controls(user.text).split("\n") == alone


@pytest.mark.parametrize(("tag", "typed", "parts"), [
    ("en", "Oxford and Cambridge", ["Oxford", "Cambridge"]),
    ("en", "MIT & Stanford", ["MIT", "Stanford"]),
    ("es", "Oxford y Cambridge", ["Oxford", "Cambridge"]),
    ("id", "Harvard dan MIT", ["Harvard", "MIT"]),
    ("zh-hans", "清华和北大", ["清华", "北大"]),
    ("en", "MIT and the London School of Economics and Political Science",
     ["MIT", "London School of Economics and Political Science"]),
    ("en", "Harvard, Waseda and Sciences Po", ["Harvard", "Waseda", "Sciences Po"])])
async def test_names_joined_by_and_are_answered_each(chat: Conversation, tag: str, typed: str,
                                                     parts: list[str]) -> None:
    user = chat.user(1, tag)
    alone = []
    for name in parts:
        await user.send(f"/university {name}")
        alone += strip_controls(user.text).split("\n")
    await user.send(f"/university {typed}")
    assert strip_controls(user.text).split("\n") == alone


@pytest.mark.parametrize("typed", ["Hong Kong University of Science and Technology",
                                   "London School of Economics and Political Science"])
async def test_a_listed_name_with_and_is_one_name(chat: Conversation, typed: str) -> None:
    user = chat.user(1, "en")
    await user.send(f"/university {typed}")
    assert strip_controls(user.text).startswith("✅") and user.text.count("✅") == 1


async def test_a_listed_name_with_a_comma_is_one_name(chat: Conversation) -> None:
    user = chat.user(1, "en")
    await user.send("/university University of California, Davis")
    assert strip_controls(user.text).startswith("✅")
    assert "“University of California, Davis”" in user.text


# --- a year is not a university ---------------------------------------------------------------

@pytest.mark.parametrize(("tag", "typed"), [
    ("en", "2015"), ("en", "in 2015"), ("en", "graduated 2015"), ("ar", "عام 2015"),
    ("ar", "في 2015"), ("zh-hans", "2015年毕业"), ("zh-hant", "2015年"), ("ja", "2015年卒業"),
    ("ko", "2015년"), ("vi", "năm 2015"), ("id", "tahun 2015"), ("es", "en 2015"),
    ("fr", "en 2015"), ("hi", "2015 में"), ("ne", "2015 मा"),
    ("ja", "2023年3月卒業"), ("ja", "去年"), ("ja", "令和元年"), ("ja", "二〇二三年"),
    ("ko", "작년"), ("zh-hant", "去年"), ("zh-hans", "去年6月"), ("en", "last year"),
])
async def test_a_year_is_refused_and_the_question_kept(chat: Conversation, tag: str,
                                                       typed: str) -> None:
    user = await user_at(chat, tag, TO_UNIVERSITY)
    asked = user.last.text.split("\n\n", 1)[1]
    await user.send(typed)
    assert said(tag, _not_a_postgraduate_university(typed, {})) in strip_controls(user.text)
    assert user.last.text.endswith(asked)
    assert "postgraduate_university" not in await answers(chat, user)


@pytest.mark.parametrize("typed", ["2023年3月卒業", "去年", "令和元年", "7年半"])
async def test_a_year_is_no_bachelors_university(chat: Conversation, typed: str) -> None:
    user = await user_at(chat, "ja", TO_BACHELOR_UNIVERSITY)
    await user.send(typed)
    assert said("ja", _not_a_bachelor_university(typed, {})) in strip_controls(user.text)
    assert "bachelor_university" not in await answers(chat, user)


@pytest.mark.parametrize(("tag", "typed"), [("id", "Universitas 17 Agustus 1945 Surabaya"),
                                            ("en", "University of Nowhere 1965")])
async def test_a_name_with_a_year_in_it_is_still_a_name(chat: Conversation, tag: str,
                                                        typed: str) -> None:
    user = await user_at(chat, tag, TO_UNIVERSITY)
    await user.send(typed)
    if "postgraduate_university" not in await answers(chat, user):
        await user.press(user.last.labels[-1])            # near names offered: keep it
    assert (await answers(chat, user))["postgraduate_university"] == typed


@pytest.mark.parametrize(("code", "shown"), [
    ("ja", "「北海道大学」"), ("zh-hant", "「北海道大學」"), ("ar", "جامعة هوكايدو"),
    ("en", "“Hokkaido University”"),
])
def test_the_result_names_an_unlisted_university_in_the_readers_language(code: str,
                                                                        shown: str) -> None:
    """The stored official name is shown as the reader's language names it, as when said back."""
    answers = parse_answers(example_answers(postgraduate_university="Hokkaido University"),
                            REPORT_DAY)
    criterion = next(c for c in assess(answers, REPORT_DAY).criteria if c.number == 2)
    text = strip_controls(Translator.for_code(code)(criterion.finding.explanation))
    assert shown in text and "Hokkaido University" not in text.replace(shown, ""), text


@pytest.mark.parametrize(("code", "shown"), [
    ("ko", "한양대학교"), ("ja", "漢陽大学"), ("zh-hant", "漢陽大學"), ("zh-hans", "汉阳大学"),
    ("vi", "Đại học Hanyang"),
])
def test_other_routes_name_the_bachelor_university_in_the_readers_language(code: str,
                                                                           shown: str) -> None:
    """Top Talent Pass categories B and C say the bachelor's university as the reader names it."""
    answers = parse_answers(example_answers(bachelor_university="Hanyang University"), REPORT_DAY)
    alternatives = assess(answers, REPORT_DAY).alternatives
    texts = [strip_controls(Translator.for_code(code)(alt.finding.explanation))
             for alt in alternatives]
    assert any(shown in text for text in texts), texts
    assert not any("Hanyang University" in text for text in texts), texts


@pytest.mark.parametrize("typed", ["Northeastern University", "Northeastern",
                                   "Universidad Northeastern"])
def test_a_known_unlisted_name_is_no_typo_of_a_listed_one(typed: str) -> None:
    """Northeastern University is not on the list; Northwestern is. One letter apart, the
    unlisted one typed in full, alone or after "Universidad" is never taken for the other."""
    assert match_university(typed).institution is None
    found = unlisted_named(typed)
    assert found is not None and found.name == "Northeastern University"
