"""The conversation's edges, end to end: answered keyboards removed in Telegram, one /help
message, the terminal's wording, an unlisted university not called a typo, questions that
cannot change a result skipped, an unfinished /report that says so first, and a total of work
inferred from its parts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.chat.messages import Response
from bot.i18n.bidi import strip_controls
from bot.i18n.languages import by_code
from bot.i18n.text import Duration, InstitutionName, t
from bot.i18n.translator import translator_for
from bot.rules.ruleset import ruleset_for
from bot.scoring.answers import parse_answers
from bot.scoring.assess import assess
from bot.scoring.model import Status
from tests.support.bot_harness import RunningBot
from tests.support.chat_client import Conversation, conversation
from tests.support.ptb_client import offline_bot
from tests.support.storing import stored_state
from tests.test_telegram import at_degree_question
from tests.test_terminal import chat as terminal

TODAY = date(2026, 11, 24)


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with offline_bot(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


# --- Telegram: only the current question keeps its buttons ---------------------------------

async def test_a_typed_answer_removes_the_buttons_it_answered(bot: RunningBot) -> None:
    user = await at_degree_question(bot, 3001)
    degree = user.last_message
    assert degree is not None and "Master's" in degree.button_texts
    replies = await user.send_and_wait("Master's", expect=2)     # typed, not pressed
    assert [r.message_id for r in replies if r.edited] == [degree.message_id]
    now = {m.message_id: m for m in user.messages}
    assert now[degree.message_id].buttons == []
    assert "What is the highest degree" in now[degree.message_id].text   # its text stays
    live = [m for m in user.messages if m.buttons]   # only the university question's "Not sure"
    assert [(m.message_id, m.button_texts) for m in live] == [
        (user.messages[-1].message_id, ["Not sure"])]


async def test_an_error_leaves_one_live_keyboard(bot: RunningBot) -> None:
    user = await at_degree_question(bot, 3002)
    for typed in ("xyz", "abc"):     # refused: said so, the old buttons go, the question again
        await user.send_and_wait(typed, expect=3)
    with_buttons = [m.message_id for m in user.messages if m.buttons]
    assert with_buttons == [user.messages[-1].message_id]
    await user.press_and_wait("Bachelor's", expect=2)     # the one left still works
    assert "Which university awarded your bachelor's" in user.messages[-1].text


# --- /help is one message ------------------------------------------------------------------

async def test_help_is_one_message_with_the_question(chat: Conversation) -> None:
    user = chat.user(1)
    await user.send("/start")
    response: Response = await user.send("/help")
    assert len(response.messages) == 1
    text = response.messages[0].text
    assert (text.index("/back: go back") < text.index("/report")
            < text.index("What is your nationality"))


# --- the terminal's wording ----------------------------------------------------------------

@pytest.mark.slow
def test_the_terminal_asks_for_a_number_not_a_button(tmp_path: Path) -> None:
    out = terminal(tmp_path / "t.db", ["India", "34", "not sure", "", "9"])
    assert "Please type the number of your choice." in out
    assert "button" not in out.split("What is the highest degree", 1)[1]


# --- an unlisted university is not called a typo ------------------------------------------

async def test_an_unlisted_university_is_not_a_typo(chat: Conversation) -> None:
    user = chat.user(2)
    for text in ("/start", "India", "34", "Bachelor's", "IIT Bombay"):
        await user.send(text)
    if "Use it anyway" in user.last.labels:      # offered the nearest names: keep it
        await user.press("Use it anyway")
    assert "is not on ImmD's list of eligible universities" in user.text
    assert "typo" not in user.text


@pytest.mark.parametrize(("tag", "typed", "said"), [
    ("en", "Master's", "“Master's” is not the name of a university."),
    ("en", "MSc", "“MSc” is not the name of a university."),
    ("en", "yes", "“yes” is not the name of a university."),
    ("en", "34", "“34” is not the name of a university."),
    ("ko", "석사", "입력하신 내용(“석사”)은 대학 이름이 아닙니다."),
    ("zh-hans", "硕士", "“硕士”不是大学名称。"),
    ("ar", "ماجستير", "«ماجستير» ليس اسم جامعة."),
])
async def test_a_degree_or_a_yes_is_not_taken_for_a_university(chat: Conversation, tag: str,
                                                                typed: str, said: str) -> None:
    user = chat.user(9, tag)
    for text in ("/start", "India", "34", "Master's"):
        await user.send(text)
    asked = user.last.text.split("\n\n", 1)[1]
    await user.send(typed)
    assert said in strip_controls(user.text)
    assert user.last.text.endswith(asked)            # the same question, nothing stored
    state = await stored_state(chat.store, user.user_key)
    assert state is not None and "postgraduate_university" not in state.answers
    await user.send("Imperial College London")
    state = await stored_state(chat.store, user.user_key)
    assert state is not None
    assert state.answers["postgraduate_university"] == "Imperial College London"


@pytest.mark.parametrize(("tag", "degree", "typed", "said"), [
    ("en", "Bachelor's", "English", "Please type the name of the university that awarded your "
     "bachelor's degree, for example MIT or HKU."),
    ("en", "Bachelor's", "India", "awarded your bachelor's degree"),
    ("en", "Bachelor's", "no", "awarded your bachelor's degree"),
    ("en", "Master's", "two", "awarded your master's degree"),
    ("en", "Master's", "English and Hindi", "awarded your master's degree"),
    ("en", "Doctorate (PhD)", "5", "awarded your doctorate"),
    ("en", "Doctorate (PhD)", "Yes", "awarded your doctorate"),
    ("fr", "Master", "Inde", "l'université qui vous a délivré votre master"),
    ("es", "Licenciatura", "inglés y español", "la universidad que le otorgó la licenciatura"),
    ("vi", "Tiến sĩ (PhD)", "hai", "trường đã cấp bằng tiến sĩ của bạn"),
    ("zh-hant", "博士（PhD）", "英文", "請輸入頒授您博士學位的大學名稱"),
    ("zh-hant", "博士（PhD）", "月入8萬", "請輸入頒授您博士學位的大學名稱"),
    ("en", "Master's", "HKD 80k a month", "awarded your master's degree"),
    ("en", "Master's", "I earn 80k a month", "awarded your master's degree"),
    ("en", "Master's", "not applicable", "awarded your master's degree"),
    ("zh-hant", "博士（PhD）", "沒有", "請輸入頒授您博士學位的大學名稱"),
    ("en", "Bachelor's", "Done", "awarded your bachelor's degree"),
    ("ja", "学士", "完了", "学士号を取得した大学の名前を入力してください"),
    ("en", "Bachelor's", "I have 9 years 6 months of experience",
     "awarded your bachelor's degree"),
    ("ko", "학사", "경력 3년 있어요", "학사 학위를 수여한 대학의 이름을 입력해 주십시오"),
])
async def test_a_language_country_or_number_is_not_taken_for_a_university(
        chat: Conversation, tag: str, degree: str, typed: str, said: str) -> None:
    user = chat.user(11, tag)
    for text in ("/start", "India", "34"):
        await user.send(text)
    await user.press(degree)
    asked = user.last.text
    await user.send(typed)
    assert said in strip_controls(user.text), user.text
    assert user.last.text.endswith(asked)            # the same question, nothing stored
    state = await stored_state(chat.store, user.user_key)
    assert state is not None
    assert not {"bachelor_university", "postgraduate_university"} & set(state.answers)


async def test_a_number_word_inside_a_university_name_is_kept(chat: Conversation) -> None:
    user = chat.user(12, "vi")
    for text in ("/start", "India", "34"):
        await user.send(text)
    await user.press("Cử nhân")
    await user.send("Đại học Thượng Hải")
    if "Không, giữ nguyên như tôi đã nhập" in user.last.labels:
        await user.press("Không, giữ nguyên như tôi đã nhập")
    state = await stored_state(chat.store, user.user_key)
    assert state is not None and state.answers["bachelor_university"] == "Đại học Thượng Hải"


async def test_a_pasted_text_is_too_long_for_a_name(chat: Conversation) -> None:
    user = chat.user(7)
    for text in ("/start", "India", "34", "Bachelor's"):
        await user.send(text)
    await user.send("University of Somewhere " * 160)      # about 3,800 characters
    if "Use it anyway" in user.last.labels:
        await user.press("Use it anyway")
    assert "That name is too long: please send at most 300 characters." in user.text
    assert "Which university awarded your bachelor's degree?" in user.text


# --- questions that cannot change a result are not asked ----------------------------------

async def test_no_graduation_year_for_a_non_local_student_of_a_hong_kong_bachelor(
        chat: Conversation) -> None:
    user = chat.user(3)
    for text in ("/start", "Vietnam", "26", "Bachelor's", "HKU", "Yes", "Yes",
                 "English, Vietnamese", "2", "1", "1", "1", "1"):
        await user.send(text)
    assert "In which year was your bachelor's degree awarded?" not in user.text
    assert "What is your income" in user.text
    state = await stored_state(chat.store, user.user_key)
    assert state is not None and "bachelor_year" not in state.answers
    local = chat.user(4)
    for text in ("/start", "Vietnam", "26", "Bachelor's", "HKU", "No", "Yes",
                 "English, Vietnamese", "2", "1", "1", "1", "1"):
        await local.send(text)
    assert "In which year was your bachelor's degree awarded?" in local.text


async def test_no_graduation_year_after_three_years_of_work_in_all(chat: Conversation) -> None:
    """12 years of graduate work already close category C, whatever the last 5 years hold."""
    user = chat.user(7)
    for text in ("/start", "Australia", "No", "40", "Bachelor's", "Australian National "
                 "University", "Yes", "English", "12", "0", "0", "0", "2"):
        await user.send(text)
    assert "In which year was your bachelor's degree awarded?" not in user.text
    assert "What is your income" in user.text
    for text in ("HKD 300000", "0", "0", "No", "No", "Yes", "Yes"):
        await user.send(text)
    await user.press("Other routes")
    assert "Category C is for graduates with less than 3 years of work in all, and you have 12 " \
           "years of graduate- or specialist-level work." in user.result.text
    recent = chat.user(8)
    for text in ("/start", "Australia", "No", "24", "Bachelor's", "Australian National "
                 "University", "Yes", "English", "2", "0", "0", "0", "2"):
        await recent.send(text)
    assert "In which year was your bachelor's degree awarded?" in recent.text


# --- /report before the end ----------------------------------------------------------------

async def test_an_unfinished_report_says_so_first(chat: Conversation) -> None:
    user = chat.user(5)
    for text in ("/start", "India", "34"):
        await user.send(text)
    response = await user.send("/report")
    document = response.documents[0]
    first_line = document.caption.splitlines()[0]
    assert first_line.startswith("Your questionnaire is not finished yet.")
    html = document.data.decode()
    body = html.split("<body>", 1)[1]
    assert body.startswith('<header><p class="unfinished"><strong>Your questionnaire is not '
                           "finished yet.")


async def test_a_finished_report_does_not(chat: Conversation) -> None:
    user = chat.user(6)
    for text in ("/start", "India", "34", "Master's", "Imperial College London", "Yes",
                 "University of Delhi", "No", "English, Hindi", "7", "4", "3", "2",
                 "INR 4,500,000", "0", "0", "No", "No", "Yes", "Yes"):
        await user.send(text)
    response = await user.send("/report")
    assert "not finished" not in response.documents[0].caption
    assert 'class="unfinished"' not in response.documents[0].data.decode()


# --- a total of work inferred from its parts -----------------------------------------------

@pytest.mark.parametrize(("part", "years", "status"), [
    ("years_international", 10, Status.MET), ("years_renowned_employer", 5, Status.MET),
    ("years_target_industry", 4, Status.UNKNOWN),
])
def test_a_part_of_the_work_settles_an_unknown_total(part: str, years: int,
                                                      status: Status) -> None:
    answers = parse_answers({"nationality": "PH", "age": 35, "highest_degree": "bachelor",
                             part: years}, TODAY)
    criterion = assess(answers, TODAY).criteria[5]
    assert criterion.number == 6 and criterion.status is status
    assert ruleset_for(TODAY).criteria.graduate_work_years == 5
    if status is Status.MET:
        assert criterion.finding.explanation.param_dict()["have"] == Duration.of_months(12 * years)


# --- a pressed button keeps what the message said back -------------------------------------

async def test_a_press_keeps_the_answer_said_back_and_the_progress(bot: RunningBot) -> None:
    user = await at_degree_question(bot, 3003)
    degree = user.last_message
    assert degree is not None and degree.text.startswith("30 years old ✓")
    await user.press_and_wait("Bachelor's", expect=2)
    now = {m.message_id: m for m in user.messages}[degree.message_id]
    assert now.text.startswith("30 years old ✓\n\nQuestion 3 of about ")
    assert now.text.endswith("What is the highest degree you hold?\n→ Bachelor's")
    assert now.buttons == []


# --- an earlier result, once answers changed -----------------------------------------------

async def test_an_earlier_result_is_marked_out_of_date_when_pressed(chat: Conversation) -> None:
    user = chat.user(11)
    for text in ("/start", "India", "34", "Master's", "Imperial College London", "Yes",
                 "University of Delhi", "No", "English, Hindi", "7", "4", "3", "2", "5",
                 "INR 4,500,000", "0", "0", "No", "No", "Yes", "Yes"):
        await user.send(text)
    earlier = user.result
    assert earlier.text.startswith("✅ You meet 9 of the 12 criteria")
    for command in ("/help", "/mydata", "/result"):         # nothing changed: still current
        await user.send(command)
    await user.press_data(next(d for label, d in earlier.buttons[0]), earlier)
    assert earlier.buttons and "out of date" not in earlier.text
    await user.send("/review")
    await user.press("Change 3")
    await user.press("Bachelor's")
    assert user.result.text.startswith("✅ You meet 7 of the 12 criteria")
    await user.press_data(earlier.buttons[-1][-1][1], earlier)
    assert earlier.text == ("This result may be out of date: you have answered again since it "
                            "was shown. Send /result to see the current one.")
    assert earlier.buttons == []


# --- the business's profit follows only a share that makes it count ----------------------------

@pytest.mark.parametrize(("share", "asked"), [
    ("Not sure", "Do you own shares in a listed company?"),
    ("30", "Do you own shares in a listed company?"),
    ("50", "What was that business's profit in its last full year"),
])
async def test_profit_is_asked_only_after_a_known_share_of_at_least_half(
        chat: Conversation, share: str, asked: str) -> None:
    user = chat.user(13)
    for text in ("/start", "Nepal", "40", "No degree", "yes", "Nepali, English", "0",
                 "NPR 3,000,000"):
        await user.send(text)
    assert "What percentage?" in user.last.text
    if share in user.last.labels:
        await user.press(share)
    else:
        await user.send(share)
    assert asked in user.last.text


@pytest.mark.parametrize("tag", ["en", "fr", "zh-hant"])
async def test_a_university_removed_from_the_list_is_not_said_to_be_on_it(
        chat: Conversation, tag: str) -> None:
    """Grenoble Alpes was listed until 31 Dec 2025: said back as removed, not "on the list"."""

    tr = translator_for(by_code(tag))
    user = chat.user(21, tag)
    for text in ("/start", "France", "34"):
        await user.send(text)
    await user.press(tr(t("Master's")))
    await user.send("Université Grenoble Alpes")
    removed = tr(t("“{university}” was removed from the eligible list on {removed}; the list in "
                   "force on the day you apply counts.",
                   university=InstitutionName("Université Grenoble Alpes"),
                   removed=date(2026, 1, 1)))
    assert strip_controls(removed) in strip_controls(user.text)
    assert strip_controls(tr(t("{name} ✓ (on the list of eligible universities)",
                               name=InstitutionName("Université Grenoble Alpes")))) \
        not in strip_controls(user.text)
