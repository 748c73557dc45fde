"""Contract v3: schools of listed universities count as them, ImmD's excluded arms do not, no
name is replaced by another institution's, and "you may apply" needs every prerequisite."""

from __future__ import annotations

import tomllib
from collections.abc import AsyncIterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from bot.common.markup import Plain
from bot.i18n.bidi import strip_controls
from bot.i18n.languages import LANGUAGES, Language
from bot.i18n.native_names import chosen_names
from bot.i18n.translator import Translator
from bot.replies.countries import is_stateless, parse_countries
from bot.report.lookup import lookup_text
from bot.rules.business_schools import match_business_school
from bot.rules.name_keys import normalise
from bot.rules.schools import SchoolKind, school_table
from bot.rules.universities import match_university, plausibly_same
from bot.rules.university_list import all_institutions
from bot.scoring.universities import in_hong_kong
from tests.support.assessing import assess_dict, criterion
from tests.support.chat_client import ChatClient, Conversation, conversation
from tests.support.storing import stored_state
from tests.test_conversation import TODAY, answer

LISTED = {institution.name for institution in all_institutions()}
SCHOOLS = school_table().schools
# Faculties in the table whose university is not listed: said so, never another institution.
UNLISTED_PARENTS = {"University of Virginia", "Keio University", "Waseda University"}


def test_every_school_names_a_listed_university_or_is_known_unlisted() -> None:
    for school in SCHOOLS:
        assert school.university in LISTED or school.university in UNLISTED_PARENTS, school.name
        assert school.kind is not SchoolKind.ARM        # ARM is only for names recognised by words
    data = tomllib.loads(files("bot.rules").joinpath("data", "university-schools.toml")
                         .read_text(encoding="utf-8"))
    keys = [normalise(name) for s in data["school"] for name in (s["name"], *s.get("aliases", ()))]
    assert len(keys) == len(set(keys)), "an alias repeats a name or names two schools"
    # With the names of names/<language>.toml, which may repeat a school's alias (the name shown
    # in that language), no name may belong to two schools either.
    keys = [key for s in SCHOOLS for key in {normalise(name) for name in (s.name, *s.aliases)}]
    assert len(keys) == len(set(keys)), "a name names two schools"


@pytest.mark.parametrize(("school", "name"),
                         [(s, n) for s in SCHOOLS for n in (s.name, *s.aliases)],
                         ids=lambda v: getattr(v, "name", v))
def test_every_school_name_and_alias_matches_its_school(school: Any, name: str) -> None:
    match = match_university(name)
    assert match.school == school
    if school.counts and school.university in LISTED:
        assert match.institution is not None and match.institution.name == school.university
    else:
        assert match.institution is None and not match.candidates


@pytest.mark.parametrize(("typed", "university"), [
    ("Harvard Business School", "Harvard University"),
    ("harvard business school", "Harvard University"),
    ("HBS", "Harvard University"),
    ("Wharton", "University of Pennsylvania"),
    ("The Wharton School of the University of Pennsylvania", "University of Pennsylvania"),
    ("Wharten School", "University of Pennsylvania"),                 # a typo
    ("MIT Sloan", "Massachusetts Institute of Technology"),
    ("Kellogg School of Management", "Northwestern University"),
    ("Chicago Booth", "The University of Chicago"),
    ("Said Business School", "University of Oxford"),
    ("Saïd Business School", "University of Oxford"),
    ("Judge Business School", "University of Cambridge"),
    ("HKUST Business School", "The Hong Kong University of Science and Technology"),
    ("CUHK Business School", "The Chinese University of Hong Kong"),
    ("Columbia Business School", "Columbia University"),
    ("Stanford GSB", "Stanford University"),
    ("Berkeley Haas", "University of California, Berkeley"),
    ("Tuck School of Business", "Dartmouth College"),
    ("Yale SOM", "Yale University"),
    ("NYU Stern", "New York University"),
    ("Michigan Ross", "University of Michigan-Ann Arbor"),
    ("Fuqua School of Business", "Duke University"),
    ("Cornell Johnson", "Cornell University"),
    ("UCLA Anderson", "University of California, Los Angeles"),
    ("北京大学光华管理学院", "Peking University"),
    ("哈佛商學院", "Harvard University"),
    # A listed university's full name and a word for a faculty: one of its schools.
    ("Duke University School of Medicine", "Duke University"),
    ("Stanford University School of Engineering", "Stanford University"),
    ("University of Toronto Faculty of Law", "University of Toronto"),
])
def test_a_school_or_faculty_counts_as_its_university(typed: str, university: str) -> None:
    match = match_university(typed)
    assert match.institution is not None and match.institution.name == university
    assert match.school is not None and match.school.counts


@pytest.mark.parametrize(("typed", "kind", "parent"), [
    ("HKU SPACE", SchoolKind.CONTINUING, "The University of Hong Kong"),
    ("香港大學專業進修學院", SchoolKind.CONTINUING, "The University of Hong Kong"),
    ("Harvard Extension School", SchoolKind.EXTENSION, "Harvard University"),
    ("CUSCS", SchoolKind.CONTINUING, "The Chinese University of Hong Kong"),
    ("PolyU SPEED", SchoolKind.CONTINUING, "The Hong Kong Polytechnic University"),
    ("NYU Abu Dhabi", SchoolKind.BRANCH, "New York University"),
    ("University of Nottingham Ningbo China", SchoolKind.BRANCH, "University of Nottingham"),
    ("HKU SPACE Community College", SchoolKind.SUBSIDIARY, "The University of Hong Kong"),
    ("Monash University Malaysia School of Business", SchoolKind.BRANCH, "Monash University"),
    # Names the table does not hold, recognised by their words; the parent is named in them.
    ("Columbia University School of Continuing Education", SchoolKind.ARM, "Columbia University"),
    ("Harvard Business School Executive Education", SchoolKind.ARM, "Harvard University"),
    ("Stanford University Continuing Studies", SchoolKind.ARM, "Stanford University"),
    ("Some Institute of Continuing Education", SchoolKind.ARM, None),
])
def test_excluded_arms_do_not_count_and_offer_no_other_name(
        typed: str, kind: SchoolKind, parent: str | None) -> None:
    match = match_university(typed)
    assert match.institution is None and not match.candidates
    assert match.school is not None and match.school.kind is kind and not match.school.counts
    assert match.school.university == parent


@pytest.mark.parametrize(("typed", "never"), [
    ("ESSEC Business School", "EHL Hospitality Business School"),
    ("IE Business School", "EHL Hospitality Business School"),
    ("Copenhagen Business School", "University of Copenhagen"),
    ("Indian School of Business", "Rhode Island School of Design"),
    ("Sciences Po", "Tokyo Institute of Technology (Tokyo Tech)"),
    ("Boston College", "Dartmouth College"),
    ("Boston College", "Boston University"),
    ("Oxford Brookes University", "University of Oxford"),
    ("Arizona State University", "Michigan State University"),
    ("Portland State University", "Pennsylvania State University"),
    ("Ohio University", "Ohio State University--Columbus"),
    ("University of London", "University College London"),
    ("Tokyo University of Science", "The University of Tokyo"),
    ("Institute of Technology", "Massachusetts Institute of Technology"),
])
def test_no_other_institution_is_offered_for_a_name(typed: str, never: str) -> None:
    """Every one of these was once offered (or stored) in place of what was typed."""
    match = match_university(typed)
    named = {c.name for c in match.candidates} | (
        {match.institution.name} if match.institution else set())
    assert never not in named and not named


@pytest.mark.parametrize(("typed", "listed", "same"), [
    ("havard university", "harvard university", True),
    ("university of tokio", "university of tokyo", True),
    ("monahs university", "monash university", True),
    ("poly u", "polyu", True),                                # words run together
    ("university college dublin", "trinity college dublin university dublin", False),
    ("boston college", "dartmouth college", False),
    ("boston college", "boston university", False),          # another kind of institution
    ("oxford brookes university", "university of oxford", False),   # a word too many
    ("michigan university", "michigan state university", False),    # a word too few
    ("indian school of business", "rhode island school of design", False),
    ("essec business school", "ehl hospitality business school", False),
    ("北京师范大学", "北京大学", False),
    ("清华大学", "清华大学", True),
])
def test_plausibly_the_same_institution(typed: str, listed: str, same: bool) -> None:
    assert plausibly_same(typed, listed) is same


MBA = {"nationality": "US", "age": 38, "financial_support": "yes", "good_character": "yes",
       "highest_degree": "master", "postgraduate_stem": "no",
       "bachelor_university": "University of Toronto", "languages": ["en", "fr"],
       "years_graduate_work": 12, "years_renowned_employer": 8, "years_target_industry": 8,
       "years_international": 4, "annual_income": {"amount": 1_500_000, "currency": "HKD"}}


@pytest.mark.parametrize(("school", "university"), [
    ("Harvard Business School", "Harvard University"), ("Wharton", "University of Pennsylvania"),
    ("MIT Sloan", "Massachusetts Institute of Technology"), ("Kellogg", "Northwestern University"),
    ("Saïd Business School", "University of Oxford"),
    ("HKUST Business School", "The Hong Kong University of Science and Technology")])
def test_assess_counts_a_school_and_names_the_university(school: str, university: str) -> None:
    result = assess_dict({**MBA, "postgraduate_university": school})
    second = criterion(result, 2)
    assert second["status"] == "met" and university in second["explanation"]
    counted = result["institutions"][0]
    assert counted["answer"] == "postgraduate_university" and counted["typed"] == school
    assert counted["counted_as"] == university and counted["school"] is not None


@pytest.mark.parametrize(("typed", "said"), [
    ("HKU SPACE", "continuing and professional education arm of “The University of Hong Kong”"),
    ("Harvard Extension School", "extension school of “Harvard University”"),
    ("NYU Shanghai", "branch campus of “New York University”"),
    ("Darden School of Business", "“University of Virginia”, to which “Darden School of Business” "
                                  "belongs, is not on"),
    ("ESSEC Business School", "is not on the eligible list"),
])
def test_assess_does_not_count_arms_or_unlisted_schools(typed: str, said: str) -> None:
    result = assess_dict({**MBA, "postgraduate_university": typed})
    second = criterion(result, 2)
    assert second["status"] == "not_met" and said in second["explanation"]
    assert result["institutions"][0]["counted_as"] is None


@pytest.mark.parametrize(("changes", "outcome", "unsettled"), [
    ({}, "meets_threshold", None),
    ({"financial_support": "unsure"}, "undetermined", "Financial requirement"),
    ({"good_character": "unsure"}, "undetermined", "Good character"),
    ({"good_character": None}, "undetermined", "Good character"),
    ({"highest_degree": "none", "professional_standing": "yes",
      "postgraduate_stem": None, "bachelor_university": None}, "undetermined",
      "Basic academic qualifications"),
    ({"financial_support": "no"}, "prerequisite_not_met", None),
])
def test_meets_threshold_needs_every_prerequisite(changes: dict[str, Any], outcome: str,
                                                  unsettled: str | None) -> None:
    answers = {**MBA, "postgraduate_university": "Harvard Business School",
               "years_work_last_5": 5, "bachelor_year": 2010, "bachelor_full_time": "yes",
               "business_share_pct": 0, "listed_company_share_pct": 0,
               "exceptional_award": "no", "peer_recognition": "no", **changes}
    answers = {key: value for key, value in answers.items() if value is not None}
    result = assess_dict(answers)
    assert result["met_count"] >= result["threshold"] or changes.get("highest_degree")
    assert result["outcome"] == outcome
    if unsettled is not None:
        assert "you may apply" not in result["headline"].lower()
        if result["met_count"] >= result["threshold"]:
            assert unsettled.lower() in result["headline"].lower()


@pytest.mark.parametrize(("record", "status"), [("yes", "met"), ("unsure", "met"),
                                                 ("no", "unknown")])
def test_ttps_is_at_best_unknown_with_a_criminal_record(record: str, status: str) -> None:
    result = assess_dict({**MBA, "postgraduate_university": "Harvard Business School",
                          "bachelor_full_time": "yes", "bachelor_year": 2010,
                          "years_work_last_5": 5, "good_character": record})
    ttps_b = next(a for a in result["alternatives"] if a["scheme"] == "ttps-b")
    assert ttps_b["status"] == status
    assert ("serious crime" in ttps_b["explanation"]) is (record == "no")


# --- end to end in the chat -------------------------------------------------------------------

@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


async def _at_postgraduate(chat: Conversation, user_id: int) -> ChatClient:
    user = chat.user(user_id)
    await user.send("/start")
    for reply in ("India", "38", "Master's"):
        await answer(user, reply)
    return user


async def test_harvard_business_school_echoes_harvard_university_and_counts(
        chat: Conversation) -> None:
    user = await _at_postgraduate(chat, 1)
    await user.send("Harvard Business School")
    echo = user.last.text.split("\n\n")[0]
    assert "Harvard Business School" in echo and "Harvard University" in echo
    assert "STEM" in user.last.text                      # accepted: the next question
    state = await stored_state(chat.store, user.user_key)
    assert state is not None
    assert state.answers["postgraduate_university"] == "Harvard Business School"
    assert criterion(assess_dict(dict(state.answers)), 2)["status"] == "met"


async def test_essec_business_school_never_becomes_another_institution(
        chat: Conversation) -> None:
    user = await _at_postgraduate(chat, 2)
    await user.send("ESSEC Business School")
    assert not any("EHL" in str(label) for label in user.last.labels)
    assert "ESSEC Business School" in user.messages[-2].text + user.last.text
    state = await stored_state(chat.store, user.user_key)
    assert state is not None
    assert state.answers["postgraduate_university"] == "ESSEC Business School"


async def test_a_suggestion_button_names_the_institution(chat: Conversation) -> None:
    user = await _at_postgraduate(chat, 3)
    await user.send("Univ of Tokio")
    assert "The University of Tokyo" in user.last.labels and "Yes" not in user.last.labels


async def test_an_arm_is_said_not_to_count_with_the_reason(chat: Conversation) -> None:
    user = await _at_postgraduate(chat, 4)
    await user.send("HKU SPACE")
    notice = user.messages[-2].text + user.last.text
    assert "continuing and professional education arm of “The University of Hong Kong”" in notice
    assert "criteria 2 and 3" in notice and "The University of Hong Kong" not in user.last.labels


NOT_SURE_OF_MONEY = ["India", "34", "Master's", "Imperial College London", "Yes",
                     "University of Delhi", "English, Hindi", "7", "4", "3", "2", "5",
                     "INR 4,500,000", "I don't own any", "I don't own any", "No", "No",
                     "Not sure", "Yes"]


async def test_not_sure_of_a_prerequisite_never_shows_you_may_apply(chat: Conversation) -> None:
    user = chat.user(5)
    await user.send("/start")
    for reply in NOT_SURE_OF_MONEY:
        await answer(user, reply)
    result = user.messages[-2].text                # above "was it useful?"
    assert "6 of the 12 criteria" in result or "of the 12 criteria" in result
    assert "may apply" not in result and "not settled" in result
    shown = len(user.messages)
    await user.press("Next steps")
    steps = "\n".join([result, *(message.text for message in user.messages[shown:])])
    assert "may apply" not in steps and "refuses" in steps


# --- names in our users' scripts, and countries -----------------------------------------------

@pytest.mark.parametrize(("typed", "university"), [
    ("서울대학교", "Seoul National University"), ("서울대", "Seoul National University"),
    ("연세대학교", "Yonsei University"), ("고려대학교", "Korea University"),
    ("카이스트", "Korea Advanced Institute of Science and Technology (KAIST)"),
    ("성균관대", "Sungkyunkwan University (SKKU)"),
    ("포스텍", "Pohang University of Science And Technology (POSTECH)"),
    ("하버드 대학교", "Harvard University"), ("하버드대학교", "Harvard University"),
    ("جامعة الملك عبد العزيز", "King Abdulaziz University"),
    ("جامعة الملك عبدالعزيز", "King Abdulaziz University"),
    ("كاوست", "King Abdullah University of Science and Technology"),
    ("جامعة الملك سعود", "King Saud University"),
    ("جامعة هارفارد", "Harvard University"),
    ("ハーバード大学", "Harvard University"), ("東大", "The University of Tokyo"),
    ("हार्वर्ड विश्वविद्यालय", "Harvard University"),
    ("ऑक्सफोर्ड विश्वविद्यालय", "University of Oxford"),       # without the nukta
    ("มหาวิทยาลัยฮาร์วาร์ด", "Harvard University"),
    ("Đại học Hồng Kông", "The University of Hong Kong"),
    ("Dai hoc Hong Kong", "The University of Hong Kong"),
    ("Đại học Quốc gia Singapore", "National University of Singapore"),
    ("Universitas Harvard", "Harvard University"),
])
def test_listed_universities_in_our_users_scripts(typed: str, university: str) -> None:
    match = match_university(typed)
    assert match.institution is not None and match.institution.name == university


def test_native_names_do_not_take_another_institutions_name() -> None:
    assert match_university("东北大学").institution is None    # Northeastern (China), not Tohoku
    assert match_university("東北大学").institution is not None


@pytest.mark.parametrize(("typed", "locale", "code"), [
    ("Palestine", "en", "PS"), ("State of Palestine", "en", "PS"), ("فلسطين", "ar", "PS"),
    ("السعودية", "ar", "SA"), ("KSA", "en", "SA"), ("Uzbek", "en", "UZ"),
    ("BNO", "en", "GB"), ("BN(O)", "en", "GB"), ("British National (Overseas)", "en", "GB"),
])
def test_country_names_people_type(typed: str, locale: str, code: str) -> None:
    assert parse_countries(typed, locale) == [code]


@pytest.mark.parametrize("typed", ["stateless", "Stateless", "无国籍", "無國籍", "무국적",
                                   "عديم الجنسية", "không quốc tịch", "apátrida", "apatride"])
def test_stateless_is_recognised(typed: str) -> None:
    assert is_stateless(typed)


async def test_stateless_gets_a_clear_answer_and_a_way_on(chat: Conversation) -> None:
    user = chat.user(6)
    await user.send("/start")
    await user.send("stateless")
    assert "stateless" in user.messages[-2].text and "travel document" in user.messages[-2].text
    await user.send("BN(O)")                           # the country that issued the document
    state = await stored_state(chat.store, user.user_key)
    assert state is not None and state.answers["nationality"] == "GB"


@pytest.mark.parametrize(("typed", "in_hk"), [
    ("HKU SPACE", True), ("HKUST Business School", True), ("CUHK-Shenzhen", False),
    ("Harvard Business School", False)])
def test_a_school_is_where_its_university_is_but_a_branch_is_not(typed: str, in_hk: bool) -> None:
    """Non-local graduates of Hong Kong institutions use IANG, not TTPS category C."""
    assert in_hong_kong(typed) is in_hk


@pytest.mark.parametrize(("query", "said"), [
    ("Wharton", "“University of Pennsylvania” confers the degrees of “The Wharton School”"),
    ("HKU SPACE", "continuing and professional education arm of “The University of Hong Kong”"),
    ("Darden", "“University of Virginia”, to which “Darden School of Business” belongs, is "
                "not on"),
])
def test_university_lookup_says_what_a_school_counts_as(query: str, said: str) -> None:
    assert said in lookup_text(query, TODAY, Translator.for_code("en"), Plain())


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
@pytest.mark.parametrize(("query", "university"), [
    ("Darden School of Business", "University of Virginia"),
    ("Keio Business School", "Keio University"), ("Waseda Business School", "Waseda University")])
def test_an_unlisted_school_s_university_is_named_in_the_reader_s_language(
        language: Language, query: str, university: str) -> None:
    """The university a school belongs to is named as the reader's language names it (its
    names file), in English only where the language has no usual name for it."""
    said = strip_controls(lookup_text(query, TODAY, Translator.for_code(language.code), Plain()))
    shown = chosen_names().get(language.code, {}).get(university, (university,))[0]
    assert shown in said, said
    assert language.code == "en" or shown != university or language.code in ("hi", "ne"), said


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
async def test_a_school_typed_at_the_question_names_its_university_as_the_reader_does(
        chat: Conversation, language: Language) -> None:
    """Darden and Keio's business school typed at the university question: the notice names the
    University of Virginia and Keio University in the reader's language where it has a name."""
    user = chat.user(8, tag=language.code)
    await user.send(f"/start {language.code}")
    for reply in ("IN", "38"):
        await user.send(reply)
    await user.press(user.last.labels[2])                # Master's
    for typed, university in (("Darden School of Business", "University of Virginia"),
                              ("Keio Business School", "Keio University")):
        await user.send(typed)
        notice = strip_controls(user.messages[-2].text)
        shown = chosen_names().get(language.code, {}).get(university, (university,))[0]
        assert shown in notice, notice
        await user.send("/back")


@pytest.mark.parametrize("typed", ["Indian Institute of Space Science and Technology",
                                   "Santa Monica Community College", "Speed University"])
def test_an_unlisted_institution_is_not_called_an_arm_for_a_word_in_its_name(typed: str) -> None:
    match = match_university(typed)
    assert match.school is None and match.institution is None


@pytest.mark.parametrize("typed", ["London Business School", "LBS", "INSEAD", "CEIBS"])
def test_business_schools_of_no_listed_university_stay_provisional(typed: str) -> None:
    """LBS confers its own degrees (the University of London is not listed): not a faculty."""
    assert match_university(typed).school is None
    second = criterion(assess_dict({**MBA, "postgraduate_university": typed}), 2)
    assert second["status"] == "unknown" and second["provisional"]


# --- the native names people type for schools and faculties ----------------------------------

NATIVE_SCHOOLS = [
    ("香港科技大學商學院", "The Hong Kong University of Science and Technology"),
    ("清华大学经济管理学院", "Tsinghua University"),
    ("清华大学五道口金融学院", "Tsinghua University"),
    ("北京大学光华管理学院", "Peking University"),
    ("上海交通大学上海高级金融学院", "Shanghai Jiao Tong University"),
    ("臺大管理學院", "National Taiwan University (NTU)"),
    ("서울대학교 경영대학", "Seoul National University"),
    ("서울대학교 공과대학", "Seoul National University"),       # any college, by its word
    ("고려대학교 경영대학", "Korea University"),
    ("연세대학교 경영대학", "Yonsei University"),
    ("성균관대학교 경영전문대학원", "Sungkyunkwan University (SKKU)"),
    ("카이스트 경영대학", "Korea Advanced Institute of Science and Technology (KAIST)"),
    ("東京大学大学院経済学研究科", "The University of Tokyo"),
    ("東京大学工学部", "The University of Tokyo"),
    ("京都大学経営管理大学院", "Kyoto University"),
    ("スタンフォード大学経営大学院", "Stanford University"),
]


@pytest.mark.parametrize(("typed", "university"), NATIVE_SCHOOLS)
def test_a_native_school_name_counts_its_university_and_names_it(typed: str,
                                                                 university: str) -> None:
    result = assess_dict({**MBA, "postgraduate_university": typed})
    second = criterion(result, 2)
    assert second["status"] == "met" and university in second["explanation"]
    assert result["institutions"][0]["counted_as"] == university


@pytest.mark.parametrize(("typed", "said"), [
    ("慶應義塾大学ビジネス・スクール",
     "“Keio University”, to which “Keio Business School” belongs, is not on"),
    ("早稲田大学ビジネススクール",
     "“Waseda University”, to which “Waseda Business School” belongs, is not on"),
    ("清华大学继续教育学院", "Tsinghua University"),
    ("서울대학교 평생교육원", "Seoul National University"),
    ("浙江大学城市学院", "Zhejiang University"),
])
def test_a_native_name_of_an_unlisted_school_or_an_arm_does_not_count(typed: str,
                                                                       said: str) -> None:
    result = assess_dict({**MBA, "postgraduate_university": typed})
    second = criterion(result, 2)
    assert second["status"] == "not_met" and said in second["explanation"]
    assert result["institutions"][0]["counted_as"] is None
    assert not match_university(typed).candidates


@pytest.mark.parametrize(("query", "said"), [
    ("고려대학교 경영대학",
     "“Korea University” confers the degrees of “Korea University Business School”"),
    ("臺大管理學院",
     "“National Taiwan University (NTU)” confers the degrees of “College of Management"),
    ("清华大学继续教育学院",
     "continuing-education, extension or branch school of “Tsinghua University”"),
    ("浙江大学城市学院",
     "college affiliated with “Zhejiang University” that awards its own degrees"),
    ("서울대 경영대", "“Seoul National University” confers the degrees"),
])
def test_university_lookup_says_what_a_native_school_name_counts_as(query: str, said: str) -> None:
    assert said in lookup_text(query, TODAY, Translator.for_code("en"), Plain())


@pytest.mark.parametrize("typed", ["中歐國際工商學院", "인시아드", "ロンドン・ビジネス・スクール"])
def test_native_names_of_the_qmas_business_schools_stay_provisional(typed: str) -> None:
    second = criterion(assess_dict({**MBA, "postgraduate_university": typed}), 2)
    assert second["status"] == "unknown" and second["provisional"]


@pytest.mark.parametrize(("typed", "school", "university"), [
    ("고려대학교 경영대학", "Korea University Business School", "Korea University"),
    ("臺大管理學院", "College of Management, National Taiwan University",
     "National Taiwan University (NTU)")])
async def test_a_native_school_name_is_echoed_with_its_university(
        chat: Conversation, typed: str, school: str, university: str) -> None:
    user = await _at_postgraduate(chat, 7)
    await user.send(typed)
    echo = user.last.text.split("\n\n")[0]
    assert f"{school} ✓: counted as “{university}”" in echo
    assert "STEM" in user.last.text                      # accepted: the next question
    state = await stored_state(chat.store, user.user_key)
    assert state is not None and state.answers["postgraduate_university"] == school


@pytest.mark.parametrize(("typed", "school"), [
    ("London Busness School", "London Business School"),
    ("Londn Business School", "London Business School"),
    ("IESE Busines School", "IESE Business School"),
    ("ESSEC Business School", None), ("Ivey Business School", None),   # other schools
    ("Lagos Business School", None), ("Leeds Business School", None),
])
def test_a_misspelt_business_school_is_found_and_a_different_one_is_not(
        typed: str, school: str | None) -> None:
    found = match_business_school(typed)
    assert (found.name if found else None) == school


@pytest.mark.parametrize(("lang", "shown"), [
    ("zh-hant", "「倫敦商學院」"), ("zh-hans", "伦敦商学院"),
    ("ja", "ロンドン・ビジネス・スクール"),
])
def test_a_business_school_is_named_in_the_reader_s_language(lang: str, shown: str) -> None:
    text = lookup_text("London Business School", TODAY, Translator.for_code(lang), Plain())
    assert shown in text and "London Business School" not in text


@pytest.mark.parametrize(("typed", "university"), [
    ("서울대 공과대학", "Seoul National University"), ("연세대 경영학과", "Yonsei University"),
    ("카이스트 전산학부", "Korea Advanced Institute of Science and Technology (KAIST)"),
    ("東大工学部", "The University of Tokyo"),
    ("HKU Faculty of Law", "The University of Hong Kong")])
def test_a_faculty_after_a_short_name_is_of_that_university(typed: str, university: str) -> None:
    match = match_university(typed)
    assert match.institution is not None and match.institution.name == university
    assert match.school is not None and match.school.kind is SchoolKind.FACULTY


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_every_university_answer_opens_with_its_mark(language: Language) -> None:
    """Listed, unlisted, not settled (INSEAD), a school of a listed or unlisted university, an
    excluded arm and a name not found: each first line says its status at a glance."""
    tr = Translator.for_code(language.code)
    for query in ["Harvard", "INSEAD", "Wharton", "Darden", "HKU SPACE", "Zorglub Institute",
                  "University of Mumbai"]:
        said = strip_controls(lookup_text(query, TODAY, tr, Plain()))
        assert said[0] in "✅❌❔⏳", (query, said)
