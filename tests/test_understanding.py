"""The conversation says what it understood and accepts what people naturally type.

Driven in-process as a user lives it (tests/support/chat_client.py), in English, Traditional
Chinese and Arabic: the echo of typed answers, the "none" and "not sure" exits typed in words,
errors that fit the question, checks of implausible answers, and consistent work years.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.engine.engine import NOT_ANSWERED
from bot.engine.languages_reader import NO_LANGUAGE
from bot.i18n.languages import by_code
from bot.i18n.text import InstitutionName, t
from bot.i18n.translator import translator_for
from bot.replies.errors import BOUND_ERROR
from bot.storage.writes import Write
from tests.support.chat_client import ChatClient, Conversation, answers, conversation, user_at
from tests.support.storing import stored_state

TODAY = date(2026, 11, 24)
LANGS = ("en", "zh-hant", "ar")
# Typed (not pressed) so that users of every language reach the work questions the same way.
TO_WORK = ["India", "34", "Master's", "Imperial College London", "Yes", "University of Delhi",
           "English, Hindi"]

# The first question, as the questionnaire asks it.
QUESTION_ONE = t("What is your nationality (the country whose passport you hold)?")


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running



def plain(text: str) -> str:
    """Text without the invisible marks that keep right-to-left lines in order."""
    return re.sub("[\u200e\u200f\u2066-\u2069]", "", text)


async def press(user: ChatClient, label: str) -> None:
    """Press the last message's button whose label reads `label` (marks aside)."""
    data = next(d for row in user.last.buttons for shown, d in row if plain(shown) == label)
    await user.press_data(data, user.last)



# --- the ways out, typed in words -----------------------------------------------------------

NONE_WORDS = {"en": ["none", "zero", "nothing", "no", "0"],
              "zh-hant": ["沒有", "零", "冇"],
              "ar": ["لا شيء", "صفر", "لا"]}


@pytest.mark.parametrize("tag", LANGS)
async def test_none_words_pick_the_none_option_of_a_years_question(
        chat: Conversation, tag: str) -> None:
    for i, word in enumerate(NONE_WORDS[tag]):
        user = await user_at(chat, tag, [*TO_WORK, "7"], user_id=100 + i)
        await user.send(word)      # of those years, with multinational companies
        assert (await answers(chat, user))["years_renowned_employer"] == 0, word


@pytest.mark.parametrize(("tag", "word"), [("en", "I don't own any"), ("en", "don't own one"),
                                           ("zh-hant", "沒有"), ("ar", "لا أملك")])
async def test_i_dont_own_one_typed(chat: Conversation, tag: str, word: str) -> None:
    user = await user_at(chat, tag, [*TO_WORK, "7", "4", "3", "2", "HKD 900000"])
    await user.send(word)
    assert (await answers(chat, user))["business_share_pct"] == 0


@pytest.mark.parametrize(("tag", "word"), [("en", "no income"), ("en", "0"), ("en", "nothing"),
                                           ("zh-hant", "沒有"), ("ar", "لا شيء")])
async def test_no_income_typed_needs_no_currency(chat: Conversation, tag: str,
                                                 word: str) -> None:
    user = await user_at(chat, tag, [*TO_WORK, "7", "4", "3", "2"])
    await user.send(word)
    assert (await answers(chat, user))["annual_income"] == {"amount": 0, "currency": "HKD"}


@pytest.mark.parametrize(("tag", "word"), [("en", "I don't know"), ("en", "idk"),
                                           ("zh-hant", "唔知"), ("ar", "لا أعرف")])
async def test_unsure_typed_where_offered(chat: Conversation, tag: str, word: str) -> None:
    user = await user_at(chat, tag, [*TO_WORK, "7"])
    await user.send(word)
    state = await stored_state(chat.store, user.user_key)
    assert state is not None and "years_renowned_employer" in state.not_sure


@pytest.mark.parametrize(("tag", "typed"), [("en", "30 years"), ("en", "30 yrs"),
                                            ("zh-hant", "三十"), ("zh-hant", "三十歲"),
                                            ("ar", "٣٠ سنة")])
async def test_numbers_with_units(chat: Conversation, tag: str, typed: str) -> None:
    user = await user_at(chat, tag, ["India"])
    await user.send(typed)
    assert (await answers(chat, user))["age"] == 30


# --- what was understood is said back --------------------------------------------------------

ECHO = {"en": ("India ✓", "English and Hindi ✓", "HK$", "(at the reference rate of",
               "Imperial College London ✓ (on the list of eligible universities)"),
        "zh-hant": ("印度 ✓", "英文及印地文 ✓", "HK$", "（按", "帝國理工學院 ✓"),
        "ar": ("الهند ✓", "✓", "HK$", "بسعر", "إمبريال كوليدج لندن")}


@pytest.mark.parametrize("tag", LANGS)
async def test_typed_answers_are_said_back(chat: Conversation, tag: str) -> None:
    country, languages, hkd, rate, university = ECHO[tag]
    user = chat.user(1, tag)
    await user.send("/start")
    await user.send("indai")
    assert country in plain(user.text)
    await user.send("34")
    await user.send("Master's")
    await user.send("imperial college london")
    assert university in plain(user.text)
    for reply in ("Yes", "University of Delhi"):
        await user.send(reply)
    await user.send("English, Hindi")
    assert languages in plain(user.text)
    for reply in ("7", "4", "3", "2"):
        await user.send(reply)
    await user.send("USD 150k")
    echo = plain(user.last.text.split("\n\n")[0])
    assert "150,000" in echo or "150.000" in echo or "150 000" in echo, echo
    assert hkd in echo and rate in echo, echo
    assert "167" in echo, echo    # ≈ HK$ 1,167,000 at the table's rate


# --- errors that fit the question; odd answers are checked, with buttons --------------------

ERRORS = {"en": ("your age in years, for example 34", "percentage from 0 to 100"),
          "zh-hant": ("34", "0至100"),
          "ar": ("34", "100")}


@pytest.mark.parametrize("tag", LANGS)
async def test_refusals_say_what_the_question_wants(chat: Conversation, tag: str) -> None:
    age, share = ERRORS[tag]
    user = await user_at(chat, tag, ["India"])
    await user.send("old enough")
    refusal = plain(user.messages[-2].text)
    assert age in refusal and "5.5" not in refusal
    user = await user_at(chat, tag, [*TO_WORK, "7", "4", "3", "2", "HKD 900000"], 2)
    await user.send("lots")
    refusal = plain(user.messages[-2].text)
    assert share in refusal and "5.5" not in refusal


# An age past the contract's range (0 to 130) is no one's age when applying: it is to be
# checked, in every language, without the contract's limits.
AGE_RANGE = {"en": "Please check the age", "zh-hant": "請檢查所填的年齡",
             "zh-hans": "请检查所填的年龄",
             "hi": "कृपया उम्र दोबारा जाँचें", "id": "Periksa lagi usia tersebut",
             "vi": "Vui lòng kiểm tra lại số tuổi", "ne": "कृपया उमेर फेरि जाँच गर्नुहोस्",
             "ja": "年齢をご確認ください", "ko": "나이를 확인해 주십시오", "es": "Revise la edad",
             "fr": "Vérifiez l'âge indiqué", "ar": "يُرجى التحقق من العمر"}


@pytest.mark.parametrize("tag", AGE_RANGE)
@pytest.mark.parametrize("age", ["150", "-5", "I'm 150"])
async def test_an_age_out_of_range_is_to_be_checked(chat: Conversation, tag: str,
                                                    age: str) -> None:
    user = await user_at(chat, tag, ["India"])
    await user.send(age)
    refusal = plain(user.messages[-2].text)
    assert AGE_RANGE[tag] in refusal and "130" not in refusal, refusal
    await user.send("old enough")     # a reply that is no number still gets the example
    assert "34" in plain(user.messages[-2].text) and "130" not in plain(user.messages[-2].text)
    assert "age" not in (await answers(chat, user))


# Under 18: the prerequisite and what to do, in every language.
UNDER_18 = {"en": "you can check again once you are 18", "zh-hant": "可待年滿18歲後再查核一次",
            "zh-hans": "可在年满18岁后再核查一次", "hi": "18 साल के होने पर फिर से जाँच करें",
            "id": "Anda dapat memeriksa lagi setelah berusia 18 tahun",
            "vi": "bạn có thể kiểm tra lại khi đủ 18 tuổi",
            "ne": "18 वर्ष पुगेपछि फेरि जाँच गर्नुहोस्", "ja": "18歳になってから改めて確認してください",
            "ko": "만 18세가 된 뒤 다시 확인하십시오",
            "es": "puede volver a comprobarlo cuando cumpla 18",
            "fr": "vous pourrez refaire la vérification une fois vos 18 ans atteints",
            "ar": "فيمكنك التحقق مرة أخرى عندما تبلغ 18 عامًا"}


@pytest.mark.parametrize("tag", UNDER_18)
@pytest.mark.parametrize("age", ["15", "I'm 15", "0"])
async def test_an_age_under_18_says_the_prerequisite_and_what_to_do(chat: Conversation,
                                                                    tag: str, age: str) -> None:
    user = await user_at(chat, tag, ["India"])
    await user.send(age)
    asked = plain(user.last.text)
    assert UNDER_18[tag] in asked and "130" not in asked, asked
    assert "age" not in (await answers(chat, user))


# The odd-age question agrees with the number: "1 año", "1 an", "1 year old".
ONE_YEAR = {"en": ("1 year old", "1 years"), "es": ("tendrá 1 año al", "1 años"),
            "fr": ("vraiment 1 an au", "1 ans")}


@pytest.mark.parametrize("tag", ONE_YEAR)
async def test_the_odd_age_question_agrees_with_the_number(chat: Conversation, tag: str) -> None:
    user = await user_at(chat, tag, ["India"])
    await user.send("1")
    said, wrong = ONE_YEAR[tag]
    assert said in user.last.text and wrong not in user.last.text, user.last.text
    await user.send("17")
    assert said.replace("1", "17").replace("year ", "years ").replace("año ", "años ").replace(
        "an ", "ans ") in user.last.text, user.last.text


CHANGE_TOTAL = {"en": "Change the earlier answer", "zh-hant": "更改之前的答案",
                "ar": "تغيير الإجابة السابقة"}
TYPE_AGAIN = {"en": "Type it again", "zh-hant": "重新輸入", "ar": "اكتبه مرة أخرى"}
YES_RIGHT = {"en": "Yes, that's right", "zh-hant": "是，沒有錯", "ar": "نعم، هذا صحيح"}
CHANGE_IT = {"en": "No, change it", "zh-hant": "不是，我要更改", "ar": "لا، سأغيّره"}


@pytest.mark.parametrize("tag", LANGS)
async def test_an_implausible_age_is_confirmed_with_buttons(chat: Conversation,
                                                            tag: str) -> None:
    user = await user_at(chat, tag, ["India"])
    await user.send("15")
    assert "15" in user.last.text
    assert [plain(label) for label in user.last.labels] == [YES_RIGHT[tag], CHANGE_IT[tag]]
    assert "age" not in await answers(chat, user)
    await press(user, CHANGE_IT[tag])
    await user.send("35")
    assert (await answers(chat, user))["age"] == 35
    other = await user_at(chat, tag, ["India", "104"], 2)
    await press(other, YES_RIGHT[tag])
    assert (await answers(chat, other))["age"] == 104


async def test_odd_answers_checked_typed_yes_keeps_a_new_number_replaces(
        chat: Conversation) -> None:
    user = await user_at(chat, "en", ["India", "20", "Bachelor's", "University of Toronto", "Yes",
                                      "English"])
    await user.send("12")                       # 12 years of work at 20
    assert "12 years of work at the age of 20" in user.last.text
    await user.send("2")                        # a new answer instead of yes/no
    assert (await answers(chat, user))["years_graduate_work"] == 2
    user = await user_at(chat, "en", ["India", "30", "Bachelor's", "University of Toronto",
                                      "Yes", "English", "0", "0"], 2)
    await user.send("2005")                     # a bachelor's at about 9
    assert "In 2005 you were about 9" in user.last.text
    await user.send("yes")
    assert (await answers(chat, user))["bachelor_year"] == 2005


@pytest.mark.parametrize(("typed", "odd"), [("HKD 1,20", "very little"),
                                            ("HKD 1000000000000000", "very large")])
async def test_implausible_amounts_are_confirmed(chat: Conversation, typed: str,
                                                 odd: str) -> None:
    user = await user_at(chat, "en", [*TO_WORK, "7", "4", "3", "2"])
    await user.send(typed)
    assert odd in user.last.text and "annual_income" not in await answers(chat, user)
    await user.press("No, change it")
    await user.send("HKD 1,200,000")
    assert (await answers(chat, user))["annual_income"] == {"amount": 1200000,
                                                            "currency": "HKD"}


async def test_money_replies_of_issue_17(chat: Conversation) -> None:
    user = await user_at(chat, "en", [*TO_WORK, "7", "4", "3", "2"])
    await user.send("-5000 HKD")
    assert "cannot be negative" in user.messages[-2].text
    for i, (tag, typed, amount, currency) in enumerate([
            ("zh-hant", "一百万港币", 1000000, "HKD"), ("zh-hant", "五十万美元", 500000, "USD"),
            ("en", "1M HK dollars", 1000000, "HKD"), ("ar", "0", 0, "HKD")]):
        user = await user_at(chat, tag, [*TO_WORK, "7", "4", "3", "2"], 10 + i)
        await user.send(typed)
        assert (await answers(chat, user))["annual_income"] == {"amount": amount,
                                                                "currency": currency}


async def test_years_refuse_percentages_and_round_tiny_fractions(chat: Conversation) -> None:
    user = await user_at(chat, "en", TO_WORK)
    await user.send("5%")
    assert "number of years" in user.messages[-2].text
    await user.send("0.0000000001")
    state = await stored_state(chat.store, user.user_key)
    assert state is not None and state.answers["years_graduate_work"] == 0
    assert "years_renowned_employer" not in state.answers     # 0 years: no follow-ups
    assert "income" in user.last.text


# --- the parts of the graduate work stay within the total -----------------------------------

@pytest.mark.parametrize("tag", LANGS)
async def test_a_part_larger_than_the_total_is_refused(chat: Conversation, tag: str) -> None:
    user = await user_at(chat, tag, [*TO_WORK, "2"])
    await user.send("4")
    assert "2" in user.last.text and [plain(x) for x in user.last.labels] == [
        CHANGE_TOTAL[tag], TYPE_AGAIN[tag]]
    assert "years_renowned_employer" not in await answers(chat, user)
    await user.send("yes")                       # cannot keep it: still refused
    assert "years_renowned_employer" not in await answers(chat, user)
    await user.send("2")
    assert (await answers(chat, user))["years_renowned_employer"] == 2


@pytest.mark.parametrize("tag", LANGS)
async def test_a_refused_part_offers_to_change_the_total(chat: Conversation, tag: str) -> None:
    user = await user_at(chat, tag, [*TO_WORK, "2", "4"])
    await press(user, CHANGE_TOTAL[tag])
    assert "2" in plain(user.last.text)           # the total asked again, with the answer given
    await user.send("5")
    await user.send("4")                          # the part, asked again: it fits now
    got = await answers(chat, user)
    assert (got["years_graduate_work"], got["years_renowned_employer"]) == (5, 4)


async def test_lowering_the_total_through_review_asks_the_parts_again(
        chat: Conversation) -> None:
    user = await user_at(chat, "en", [*TO_WORK, "6", "4", "4", "3", "HKD 900000", "none",
                                      "none", "No", "No", "Yes", "Yes"])
    assert (await answers(chat, user))["years_renowned_employer"] == 4
    await user.send("/review")
    number = next(i for i, line in enumerate(
        [x for x in user.last.text.splitlines() if x[:1].isdigit()], start=1)
        if "graduate- or specialist-level" in line)
    await user.press(f"Change {number}")
    await user.send("2")
    assert "no longer fit" in user.text and "multinational" in user.last.text
    state = await stored_state(chat.store, user.user_key)
    assert state is not None and state.answers["years_graduate_work"] == 2
    assert not {"years_renowned_employer", "years_target_industry",
                "years_international"} & set(state.answers)
    for reply in ("1", "2", "0"):
        await user.send(reply)
    final = await answers(chat, user)
    assert (final["years_renowned_employer"], final["years_target_industry"],
            final["years_international"]) == (1, 2, 0)
    assert "criteria" in user.text     # complete again: the result, computed consistently


async def test_a_state_saved_before_the_check_is_repaired_not_crashed(
        chat: Conversation) -> None:
    """Answers stored by the old chat (parts above the total) are asked again on load."""
    user = await user_at(chat, "en", [*TO_WORK, "6", "4", "4", "3"])
    state = await stored_state(chat.store, user.user_key)
    assert state is not None
    state.answers["years_graduate_work"] = 2
    await chat.store.save(user.user_key, Write(state=state.to_json()), update_id=None)
    await user.send("/result")
    assert "Sorry" not in user.text and "criteria" in user.text
    assert "multinational" in user.last.text     # the first part that no longer fits


# --- degree names typed ----------------------------------------------------------------------

@pytest.mark.parametrize(("tag", "typed", "degree"), [
    ("en", "master", "master"), ("en", "msc", "master"), ("en", "M.Sc.", "master"),
    ("en", "MBA", "master"), ("en", "PhD", "doctorate"), ("en", "doctorate", "doctorate"),
    ("en", "bachelor", "bachelor"), ("en", "BSc", "bachelor"), ("en", "no degree", "none"),
    ("zh-hant", "碩士", "master"), ("zh-hant", "博士", "doctorate"),
    ("zh-hant", "學士", "bachelor"),
    ("ar", "ماجستير", "master"), ("ar", "دكتوراه", "doctorate"), ("ar", "بكالوريوس", "bachelor")])
async def test_degree_names_typed(chat: Conversation, tag: str, typed: str, degree: str) -> None:
    user = await user_at(chat, tag, ["India", "34"])
    await user.send(typed)
    assert (await answers(chat, user))["highest_degree"] == degree


# --- multi-select, /back after a change, an honest counter -----------------------------------

async def test_multi_select_double_tap_toast_and_done(chat: Conversation) -> None:
    user = await user_at(chat, "en", ["India", "30", "No degree", "Yes"])
    languages = user.last
    data = dict(row for line in languages.buttons for row in line)
    await user.press_data(data["Chinese"], languages)
    assert user.toasts[-1] == "✓ Chinese"
    count = len(user.messages)
    await user.press_data(data["Chinese"], languages)     # the double tap's second press
    assert len(user.messages) == count and "✓ Chinese" in languages.labels
    data = {label.removeprefix("✓ "): d for line in languages.buttons for label, d in line}
    await user.press_data(data["English"], languages)      # two quick taps on two options,
    await user.press_data(data["Hindi"], languages)        # both from the message as it was
    assert "✓ English" in languages.labels and "✓ Hindi" in languages.labels
    await user.press("✓ English")
    assert user.toasts[-1] == "English"                   # now off, and the toast says so
    await user.press("Done")
    assert "→ Chinese" in languages.text and "Done" not in languages.text


async def test_back_after_a_review_change_goes_to_the_previous_question(
        chat: Conversation) -> None:
    user = await user_at(chat, "en", ["India", "34", "Bachelor's", "University of Toronto",
                                      "Yes"])
    assert "languages" in user.last.text
    await user.send("/review")
    await user.press("Change 2")
    assert "Question 2 of about" in user.last.text            # its place, not the last one
    await user.send("35")
    assert "languages" in user.last.text and "Question 6 of about" in user.last.text
    await user.send("/back")
    assert "full-time" in user.last.text
    assert (await answers(chat, user))["age"] == 35


async def test_the_welcome_and_the_counter_agree(chat: Conversation) -> None:
    """The welcome's promise holds the counter's estimate at every step."""
    user = chat.user(1, "en")
    await user.send("/start")
    assert "13 to 25 answers" in user.text
    totals = []
    for reply in ["India", "34", "No degree", "Yes", "English", "0", "none", "none", "none",
                  "No", "No", "Yes"]:
        totals.append(int(re.findall(r"of about (\d+)", user.last.text)[0]))
        await user.send(reply)
    assert all(13 <= total <= 25 for total in totals), totals


# --- skipped follow-ups and "not found": in every language ------------------------------------

@pytest.mark.parametrize("tag", LANGS)
async def test_an_unlisted_bachelor_is_kept_with_no_other_name_and_skips_what_cannot_matter(
        chat: Conversation, tag: str) -> None:
    user = await user_at(chat, tag, ["India", "34", "Bachelor's"])
    await user.send("University of Delhi")
    # No listed university is offered in its place (it used to offer "University of Adelaide").
    assert not any("Adelaide" in plain(label) for label in user.last.labels)
    shown = translator_for(by_code(tag))(InstitutionName("University of Delhi"))
    assert any(plain(shown) in plain(message.text) for message in user.messages[-2:])
    state = await stored_state(chat.store, user.user_key)
    assert state is not None and state.answers["bachelor_university"] == "University of Delhi"
    # Not asked: whether it was full-time (no Top Talent Pass category can use it); next is
    # the languages question, the one after it in order.
    assert len(user.last.labels) == 12               # 11 languages and Done
    listed = await user_at(chat, tag, ["India", "34", "Bachelor's", "University of Toronto"], 2)
    assert listed.last.labels != user.last.labels       # the full-time question, Yes / No
    assert len(listed.last.labels) == 3


async def test_the_question_number_does_not_jump_over_a_skipped_question(
        chat: Conversation) -> None:
    """After an unlisted bachelor's, the TTPS follow-ups are skipped; numbers stay 1, 2, 3…"""
    user = await user_at(chat, "en", ["India", "34", "Master's", "Imperial College London", "Yes",
                                      "University of Delhi"])
    numbers = []
    for reply in ["English, Hindi", "7", "4", "3", "2", "HKD 800,000", "none", "none"]:
        numbers.append(int(re.findall(r"Question (\d+) of", user.last.text)[0]))
        await user.send(reply)
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), numbers


async def test_the_echo_of_a_pressed_list_opens_with_a_capital(chat: Conversation) -> None:
    """Spanish language names are lower case mid-sentence; the echo line opens with one
    ("→ Chino, inglés", res 3)."""
    user = await user_at(chat, "es", ["India", "30", "Sin título", "Sí"])
    languages = user.last
    data = dict(row for line in languages.buttons for row in line)
    await user.press_data(data["Chino"], languages)
    data = {label.removeprefix("✓ "): d for line in languages.buttons for label, d in line}
    await user.press_data(data["Inglés"], languages)
    await user.press_data(languages.buttons[-1][-1][1], languages)      # Done
    assert "→ Chino e inglés" in languages.text, languages.text


@pytest.mark.parametrize("tag", ["en", "zh-hant", "ar"])
async def test_an_age_out_of_range_at_the_age_check_is_to_be_checked(
        chat: Conversation, tag: str) -> None:
    """"Is 15 really your age?" — "150": a new answer, told what is wrong with it; a reply that
    is neither a number nor yes/no is still pointed to the buttons."""
    user = await user_at(chat, tag, ["India"])
    await user.send("15")
    await user.send("150")
    assert AGE_RANGE[tag] in plain(user.messages[-2].text)
    await user.send("old enough")
    assert AGE_RANGE[tag] not in plain(user.messages[-2].text)
    assert "age" not in await answers(chat, user)


@pytest.mark.parametrize(("tag", "word"), [("en", "half"), ("ko", "반"), ("ko", "절반"),
                                           ("zh-hant", "一半"), ("en", "0.5")])
async def test_a_share_said_in_words_is_a_share(chat: Conversation, tag: str, word: str) -> None:
    """"반" (half) at the share question is 50%; a figure typed stays as typed ("0.5")."""
    user = await user_at(chat, tag, [*TO_WORK, "7", "4", "3", "2", "HKD 900000"])
    await user.send(word)
    share = (await answers(chat, user))["business_share_pct"]
    assert share == (0.5 if word == "0.5" else 50)


@pytest.mark.parametrize("tag", LANGS)
async def test_a_limit_at_a_years_question_is_told_why(chat: Conversation, tag: str) -> None:
    """"Almost 6 years" is refused with the reason, not with the range of the question."""
    user = await user_at(chat, tag, TO_WORK)
    await user.send({"en": "almost 6 years", "zh-hant": "將近6年", "ar": "قرابة 6 سنوات"}[tag])
    tr = translator_for(by_code(tag))
    assert plain(tr(BOUND_ERROR)) in plain(user.messages[-2].text)
    assert "years_graduate_work" not in await answers(chat, user)


@pytest.mark.parametrize(("tag", "typed"), [
    ("en", "all of them"), ("zh-hant", "全部"), ("zh-hans", "全部都是"), ("ja", "すべて"),
    ("ko", "전부요"), ("vi", "tất cả"), ("id", "semuanya"), ("hi", "सभी"), ("ne", "सबै"),
    ("es", "todos"), ("fr", "toutes"), ("ar", "كلها")])
async def test_all_of_them_at_a_part_of_the_work_is_the_total(chat: Conversation, tag: str,
                                                               typed: str) -> None:
    user = await user_at(chat, tag, [*TO_WORK, "7"])
    await user.send(typed)
    assert (await answers(chat, user))["years_renowned_employer"] == 7
    await user.send(typed)
    assert (await answers(chat, user))["years_target_industry"] == 7


@pytest.mark.parametrize(("tag", "typed"), [
    ("en", "half of them"), ("zh-hans", "一半"), ("ko", "절반"), ("es", "la mitad"),
    ("fr", "la moitié"), ("ar", "نصفها"), ("vi", "một nửa")])
async def test_half_of_them_at_a_part_of_the_work_is_half_the_total(
        chat: Conversation, tag: str, typed: str) -> None:
    user = await user_at(chat, tag, [*TO_WORK, "7"])
    await user.send(typed)
    assert (await answers(chat, user))["years_renowned_employer"] == 3.5
    await user.send({"en": "half a year", "zh-hans": "半年", "ko": "반년", "es": "medio año",
                     "fr": "six mois", "ar": "نصف سنة", "vi": "nửa năm"}[tag])
    assert (await answers(chat, user))["years_target_industry"] == 0.5


async def test_half_of_an_odd_half_year_keeps_its_months(chat: Conversation) -> None:
    """Half of 12.5 years is 6 years and 3 months, not 6.2 years."""
    user = await user_at(chat, "en", [*TO_WORK, "12.5"])
    await user.send("half of them")
    assert (await answers(chat, user))["years_renowned_employer"] == 6.25
    assert "6 years and 3 months" in user.text


async def test_zero_at_a_yes_no_question_is_no_answer(chat: Conversation) -> None:
    """"0" names no yes or no, even where "none" means No ("Do you hold a professional
    qualification?"): the question is asked again."""
    user = await user_at(chat, "en", ["India", "34", "No degree"])
    assert "professional" in user.last.text, user.last.text
    await user.send("0")
    assert "professional_standing" not in await answers(chat, user)
    await user.send("none")
    assert (await answers(chat, user))["professional_standing"] == "no"


@pytest.mark.parametrize(("tag", "typed"), [("en", "none"), ("en", "no"), ("ar", "لا"),
                                            ("zh-hant", "沒有"), ("es", "ninguno")])
async def test_no_language_is_asked_for_at_least_one(chat: Conversation, tag: str,
                                                     typed: str) -> None:
    """"No" is not a language it failed to recognise: at least one is spoken, the first one."""
    user = await user_at(chat, tag, TO_WORK[:6])
    await user.send(typed)
    assert translator_for(by_code(tag))(NO_LANGUAGE) in user.text, user.text
    assert "languages" not in await answers(chat, user)


@pytest.mark.parametrize("tag", LANGS)
async def test_the_result_before_any_answer_says_so(chat: Conversation, tag: str) -> None:
    user = chat.user(1, tag)
    await user.send("/start")
    await user.send("/result")
    tr = translator_for(by_code(tag))
    assert tr(NOT_ANSWERED) in user.text and tr(QUESTION_ONE) in user.text, user.text


PASSPORTS = {"en": "You named more than one country: which passport will you apply with?",
             "es": "Ha indicado más de un país: ¿con qué pasaporte presentará la solicitud?",
             "ar": "ذكرت أكثر من بلد: بأي جواز سفر ستتقدم بطلبك؟",
             "ko": "두 개 이상의 국가를 입력하셨습니다. 어느 나라 여권으로 신청하시겠습니까?"}


@pytest.mark.parametrize(("tag", "typed", "labels", "pick", "code"), [
    ("es", "soy argentino y español", ["Argentina", "España"], "España", "ES"),
    ("en", "I am Indian and British", ["India", "United Kingdom"], "India", "IN"),
    ("en", "Canada, France", ["Canada", "France"], "France", "FR"),
    ("ar", "مصري وكندي", ["مصر", "كندا"], "كندا", "CA"),
    ("ko", "한국 미국 이중국적", ["대한민국", "미국"], "미국", "US"),     # no comma, no "and"
    ("en", "Indian British", ["India", "United Kingdom"], "India", "IN")])
async def test_two_nationalities_ask_which_passport(chat: Conversation, tag: str, typed: str,
                                                    labels: list[str], pick: str,
                                                    code: str) -> None:
    user = chat.user(1, tag)
    await user.send("/start")
    await user.send(typed)
    assert PASSPORTS[tag] in plain(user.last.text)
    assert [plain(label) for label in user.last.labels[:2]] == labels
    await user.send(pick)                         # typed, not pressed
    assert (await answers(chat, user))["nationality"] == code


@pytest.mark.parametrize(("tag", "typed"), [("vi", "không có"), ("vi", "dạ"), ("en", "yes")])
async def test_a_yes_or_no_at_the_nationality_question_is_no_country(
        chat: Conversation, tag: str, typed: str) -> None:
    """vi "không có" is near Mông Cổ (Mongolia) and "dạ" near Đài Loan by spelling: neither is
    taken; the code NO is still Norway."""
    user = chat.user(1, tag)
    await user.send("/start")
    await user.send(typed)
    assert "nationality" not in await answers(chat, user)
    await user.send("NO")
    assert (await answers(chat, user))["nationality"] == "NO"


async def test_all_and_a_number_at_a_part_of_the_work_is_the_number(chat: Conversation) -> None:
    """"all 5" is five years, not an amount in Albanian lek (ALL)."""
    user = await user_at(chat, "en", [*TO_WORK, "7"])
    await user.send("all 5")
    assert (await answers(chat, user))["years_renowned_employer"] == 5


@pytest.mark.parametrize(("tag", "typed", "said"), [
    ("ko", "네 공학 석사예요", "yes"), ("ar", "نعم تخصصي هندسة", "yes"),
    ("en", "no it was business", "no"), ("vi", "không ạ kinh doanh", "no")])
async def test_a_yes_or_no_then_why_is_the_yes_or_no(chat: Conversation, tag: str, typed: str,
                                                     said: str) -> None:
    """Is that degree in a STEM subject? "네 공학 석사예요": yes, and the words after it say why."""
    user = await user_at(chat, tag, ["India", "34", "Master's", "Imperial College London"])
    await user.send(typed)
    assert (await answers(chat, user))["postgraduate_stem"] == said


async def test_not_sure_said_with_no_is_not_a_no(chat: Conversation) -> None:
    user = await user_at(chat, "en", ["India", "34", "Master's", "Imperial College London"])
    await user.send("no idea")
    assert (await answers(chat, user)).get("postgraduate_stem") != "no"
