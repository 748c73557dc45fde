"""The conversation as a user lives it, driven in-process: the real service, engine and SQLite file.

Milliseconds per test, no PTB and no sockets (see tests/support/chat_client.py); the Telegram
tests keep the transport (edits, callback answers, faults) through real PTB.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.chat.callbacks import Answer, encode
from bot.chat.messages import Document, Response
from bot.chat.turn import Deps, Turn
from tests.support.assessing import assess_dict
from tests.support.chat_client import ChatClient, Conversation, conversation
from tests.support.storing import stored_state, stored_user

TODAY = date(2026, 11, 24)
MEETS = ["India", "34", "Master's", "Imperial College London", "Yes", "University of Delhi",
         "English, Hindi", "7", "4", "3", "2", "5", "INR 4,500,000", "I don't own any",
         "I don't own any", "No", "No", "Yes", "Yes"]
BELOW = ["Vietnam", "45", "Bachelor's", "Hanoi University", "Vietnamese", "Done", "6",
         "1", "2", "None", "5", "VND 500,000,000", "I don't own any", "I don't own any", "No",
         "No", "Yes", "Yes"]


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


async def answer(user: ChatClient, reply: str) -> Response:
    """Press the button labelled `reply` on the current question if it has one, else type it."""
    if user.messages and reply in user.last.labels:
        return await user.press(reply)
    return await user.send(reply)


async def started(chat: Conversation, user_id: int, *replies: str) -> ChatClient:
    user = chat.user(user_id)
    await user.send("/start")
    for reply in replies:
        await answer(user, reply)
    return user


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


# --- start and deep links --------------------------------------------------------------------

async def test_start_greets_then_welcomes_back(chat: Conversation) -> None:
    user = chat.user(1)
    await user.send("/start")
    assert user.messages[0].text.startswith("Welcome! I will check")
    assert user.last.text.startswith("Question 1 of about")
    assert "passport" in user.last.text and user.last.buttons == []
    await user.send("India")
    await user.send("/start")
    assert "Welcome back" in user.text and "How old" in user.last.text
    assert rows(chat.path, "SELECT kind FROM events ORDER BY id") == [
        ("started",), ("answered",)]


async def test_deep_link_sets_language_and_campaign(chat: Conversation) -> None:
    user = chat.user(2, tag="en")
    await user.send("/start zh-hant_fb2026")
    record = await stored_user(chat.store, "tg:2")
    assert record.language == "zh-hant" and record.campaign == "fb2026"
    assert "護照" in user.last.text
    await user.send("/start fr_other")                  # the first campaign and choice stay
    record = await stored_user(chat.store, "tg:2")
    assert record.language == "zh-hant" and record.campaign == "fb2026"


async def test_answering_without_start_counts_as_started(chat: Conversation) -> None:
    user = chat.user(3)
    await user.send("India")
    assert "How old" in user.last.text
    assert rows(chat.path, "SELECT kind FROM events ORDER BY id") == [
        ("started",), ("answered",)]


# --- answering ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("replies", "outcome"), [(MEETS, "meets_threshold"),
                                                   (BELOW, "below_threshold"),
                                                   (["Afghanistan"], "nationality_excluded")])
async def test_whole_questionnaire_gives_a_result_once(chat: Conversation, replies: list[str],
                                                       outcome: str) -> None:
    user = await started(chat, 4, *replies)
    shown, result = user.text, user.messages[-2]      # the result, then "was it useful?"
    await user.press("About this result")
    assert "not legal advice" in result.text and "no longer adds up points" in result.text
    data = await user.mydata()
    contract = assess_dict(data["answers"])
    assert contract["outcome"] == data["results"][-1]["outcome"] == outcome
    if outcome != "nationality_excluded":
        assert f"You meet {contract['met_count']} of the 12 criteria" in shown
    assert rows(chat.path, "SELECT count(*) FROM assessments") == [(1,)]
    assert rows(chat.path, "SELECT current_question FROM questionnaires") == [(None,)]
    await user.send("anything")
    assert "questionnaire is complete" in user.text and "/result" in user.text
    assert rows(chat.path, "SELECT count(*) FROM assessments") == [(1,)]


async def test_button_press_echoes_the_answer_in_place(chat: Conversation) -> None:
    user = await started(chat, 5, "India", "30")
    degree = user.last
    response = await user.press("Master's")
    assert degree.text.endswith("→ Master's") and degree.buttons == []
    assert response.toast is None
    assert "Which university awarded your master's" in user.last.text


async def test_typed_numbers_show_their_buttons_as_shortcuts(chat: Conversation) -> None:
    user = await started(chat, 6, "India", "30", "No degree", "Yes", "English", "Done")
    assert "work experience" in user.last.text
    assert user.last.typed_reply and user.last.labels == ["None", "Not sure"]


async def test_bad_input_gets_a_clear_answer_and_loses_nothing(chat: Conversation) -> None:
    user = await started(chat, 7, "India")
    await user.send("two hundred and fifty")
    assert "Please check the age" in user.messages[-2].text and "34" in user.messages[-2].text
    await user.send("250")
    assert "Please check the age" in user.messages[-2].text and "How old" in user.last.text
    await user.send("   ")
    assert "type an answer" in user.messages[-2].text
    assert (await user.mydata())["answers"] == {"nationality": "IN"}


async def test_did_you_mean_by_button_and_by_typing(chat: Conversation) -> None:
    user = await started(chat, 8, "India", "30", "Master's")
    await user.send("University of Hongkong")
    assert "Did you mean “The University of Hong Kong”?" in user.last.text
    await user.press("The University of Hong Kong")     # the button names it
    assert "STEM" in user.last.text
    other = await started(chat, 9, "India", "30", "Master's", "Massachusets Inst of Technology")
    await other.send("no")
    assert (await other.mydata())["answers"]["postgraduate_university"] == \
        "Massachusets Inst of Technology"


async def test_unlisted_university_is_kept_with_a_notice(chat: Conversation) -> None:
    user = await started(chat, 10, "India", "30", "Bachelor's")
    await user.send("University of Nowhere")       # no listed name is plausibly the same one
    assert "Top Talent Pass categories B and C" in user.messages[-2].text
    assert "languages" in user.last.text     # full-time cannot matter then


async def test_multi_select_toggles_in_place(chat: Conversation) -> None:
    user = await started(chat, 11, "India", "30", "No degree", "Yes")
    languages = user.last
    await user.press("Chinese")
    assert user.last is languages and "✓ Chinese" in languages.labels
    assert user.toasts[-1] == "✓ Chinese"     # the new state
    await user.press("English")
    await user.press("✓ Chinese")
    assert "✓ English" in languages.labels and "Chinese" in languages.labels
    count = len(user.messages)
    await user.press("Done")
    assert len(user.messages) == count + 1 and "work experience" in user.last.text
    assert (await user.mydata())["answers"]["languages"] == ["en"]


async def test_done_with_nothing_chosen_asks_for_one(chat: Conversation) -> None:
    user = await started(chat, 12, "India", "30", "No degree", "Yes")
    await user.press("Done")
    assert "Choose at least one" in user.text


async def test_not_sure_is_remembered_in_the_review(chat: Conversation) -> None:
    user = await started(chat, 13, "India", "30", "Master's", "MIT", "Yes")
    await user.press("Not sure")
    await user.send("/review")
    assert "→ Not sure" in user.last.text


async def test_non_text_gets_a_hint_and_the_question(chat: Conversation) -> None:
    user = await started(chat, 14)
    await user.sticker()
    assert "only read text" in user.messages[-2].text and "passport" in user.last.text


# --- back, review, change, restart -------------------------------------------------------------

async def test_back_at_the_first_question_and_after_an_answer(chat: Conversation) -> None:
    user = await started(chat, 15)
    await user.send("/back")
    assert "This is the first question." in user.text and "passport" in user.last.text
    await user.send("India")
    await user.send("/back")
    assert "passport" in user.last.text
    assert (await user.mydata())["answers"] == {}


async def test_back_review_and_change(chat: Conversation) -> None:
    user = await started(chat, 16, "India", "30")
    await user.send("/back")
    assert "How old" in user.last.text
    await user.send("31")
    await user.press("Bachelor's")
    await user.send("/review")
    assert "→ 31" in user.last.text and user.last.labels[:3] == ["Change 1", "Change 2",
                                                                "Change 3"]
    await user.press("Change 3")
    assert "highest degree" in user.last.text
    assert "Your previous answer: Bachelor's" in user.last.text
    await user.press("No degree")
    assert "technical qualifications" in user.last.text
    assert (await user.mydata())["answers"] == {"nationality": "IN", "age": 31,
                                                "highest_degree": "none"}


async def test_review_with_nothing_answered(chat: Conversation) -> None:
    user = await started(chat, 17)
    await user.send("/review")
    assert "not answered anything yet" in user.text and "passport" in user.last.text


async def test_restart_needs_confirmation(chat: Conversation) -> None:
    user = await started(chat, 18, "India", "30")
    await user.send("/restart")
    confirm = user.last
    await user.press("Cancel")
    assert confirm.text == "Nothing was changed." and "highest degree" in user.last.text
    assert (await user.mydata())["answers"] == {"nationality": "IN", "age": 30}
    await user.send("/restart")
    confirm = user.last
    await user.press("Start again")
    assert confirm.text == "Starting again." and "passport" in user.last.text
    assert (await user.mydata())["answers"] == {}


# --- stale and forged buttons -------------------------------------------------------------------

async def test_stale_and_double_pressed_buttons_change_nothing(chat: Conversation) -> None:
    user = await started(chat, 19, "India", "30")
    degree = user.last
    doctorate = degree.buttons[1][1][1]
    await user.press("Bachelor's")
    before = await user.mydata()
    response = await user.press_data(doctorate, degree)                  # stale now
    assert response.toast is not None and "earlier message" in response.toast
    assert "Which university awarded your bachelor's" in user.last.text
    assert (await user.mydata())["answers"] == before["answers"]


@pytest.mark.parametrize("data", ["a:999:0", "zz", "c:not_a_question", "c:age", "l:xx",
                                  "x:bogus", "a::", "a:1:99", "a:²:0", ""])
async def test_forged_callback_data_is_harmless(chat: Conversation, data: str) -> None:
    user = await started(chat, 20, "India")
    response = await user.press_data(data)
    assert response.toast is not None and "earlier message" in response.toast
    assert "How old" in user.last.text
    assert (await user.mydata())["answers"] == {"nationality": "IN"}


async def test_a_button_after_completion_only_says_it_is_complete(chat: Conversation) -> None:
    user = await started(chat, 21, "Afghanistan")
    await user.press_data(encode(Answer(0, "0")))
    assert "questionnaire is complete" in (user.toasts[-1] or "") and user.text == ""
    assert rows(chat.path, "SELECT count(*) FROM assessments") == [(1,)]


# --- language, result, privacy and data ------------------------------------------------------

async def test_language_switch_keeps_answers(chat: Conversation) -> None:
    user = await started(chat, 22, "India", "30")
    await user.send("/language")
    menu = user.last
    assert any("中文" in label for label in menu.labels)
    label = next(label for label in menu.labels if label.startswith("Français"))
    response = await user.press(label)
    assert response.toast == menu.text == "Langue modifiée. Vos réponses sont conservées."
    assert "diplôme" in user.last.text
    assert (await stored_user(chat.store, "tg:22")).language == "fr"
    assert (await user.mydata())["answers"] == {"nationality": "IN", "age": 30}


async def test_result_before_the_end_is_partial(chat: Conversation) -> None:
    user = await started(chat, 23, "India", "30")
    await user.send("/result")
    assert "answers so far" in user.last_response.messages[0].text
    assert re.search(r"You meet \d+ of the 12 criteria", user.text)
    assert "highest degree" in user.last.text
    assert rows(chat.path, "SELECT count(*) FROM assessments") == [(0,)]


async def test_privacy_help_and_unknown_commands_write_nothing(chat: Conversation) -> None:
    user = chat.user(24)
    for command, said in (("/privacy", "What I store"), ("/help", "/back: go back"),
                          ("/frobnicate", "don't know that command"), ("/mydata", "two files")):
        await user.send(command)
        assert said in user.text
    assert rows(chat.path, "SELECT count(*) FROM users") == [(0,)]


async def test_mydata_and_delete(chat: Conversation) -> None:
    user = await started(chat, 26, *MEETS)
    data = await user.mydata()
    assert data["answers"]["nationality"] == "IN" and data["results"][-1]["met_count"] >= 6
    await user.send("/delete")
    await user.press("Cancel")
    assert (await user.mydata())["answers"]
    await user.send("/delete")
    confirm = user.last
    response = await user.press("Delete everything")
    assert "deleted" in confirm.text and response.toast == confirm.text
    assert await stored_state(chat.store, "tg:26") is None
    dump = "\n".join(sqlite3.connect(chat.path).iterdump())
    assert "tg:26" not in dump and "Imperial College London" not in dump


async def test_admin_stats_reads_only(tmp_path: Path) -> None:
    async with conversation(tmp_path / "db") as chat:        # stored times are today's
        await started(chat, 27, "India")
        admin = chat.user(28, admin=True)
        await admin.send("/stats 7")
    assert "New users: < 5" in admin.text and "age: < 5" in admin.text     # one rule: "< 5"
    assert rows(chat.path, "SELECT count(*) FROM users") == [(1,)]


async def test_a_new_command_can_answer_with_a_document(chat: Conversation) -> None:
    async def report(deps: Deps, turn: Turn) -> Response:
        return Response(documents=(Document("report.html", b"<p>hi</p>", "Your report"),),
                        language=turn.tr.language.code)

    commands = chat.service.commands
    commands["report"] = replace(commands["report"], use_case=report)
    user = chat.user(29)
    await user.send("/report")
    assert user.documents == [Document("report.html", b"<p>hi</p>", "Your report")]


@pytest.mark.parametrize(("typed", "degree"), [("②", "bachelor"), ("２", "bachelor"),
                                                ("³", "master"), ("⑨", None), ("²²", None)])
async def test_unicode_digits_pick_an_option_or_are_refused(chat: Conversation, typed: str,
                                                            degree: str | None) -> None:
    user = await started(chat, 30, "India", "30")
    await user.send(typed)
    assert ("Please choose one of the buttons." in user.text) is (degree is None)
    assert (await user.mydata())["answers"].get("highest_degree") == degree


async def test_buttons_from_before_a_delete_stay_stale(tmp_path: Path) -> None:
    """Revisions keep rising past /delete, so an old button cannot answer a new question."""
    ticks = itertools.count(1_800_000_000)
    async with conversation(tmp_path / "db", clock=lambda: next(ticks)) as chat:
        user = await started(chat, 31, "India", "34", "Master's", "NUS")
        assert "STEM" in user.last.text
        old_no = user.last.buttons[0][1][1]
        await user.send("/delete")
        await user.press("Delete everything")
        again = await started(chat, 31, "India", "34", "Bachelor's", "Toronto", "Yes")
        assert "full-time" in again.last.text
        response = await again.press_data(old_no)
        assert response.toast is not None and "earlier message" in response.toast
        assert "bachelor_full_time" not in (await again.mydata())["answers"]


async def test_confirmations_expire_and_a_double_tap_acts_once(chat: Conversation) -> None:
    user = await started(chat, 32, "India")
    await user.send("/restart")
    old_restart = user.last.buttons[0][0][1]
    await user.send("/delete")
    old_delete = user.last.buttons[0][0][1]
    await user.send("34")                                   # the confirmations are now old
    for data in (old_restart, old_delete):
        response = await user.press_data(data)
        assert response.toast is not None and "earlier message" in response.toast
    assert (await user.mydata())["answers"] == {"nationality": "IN", "age": 34}
    await user.send("/restart")
    confirm = user.last
    again = confirm.buttons[0][0][1]
    await user.press("Start again")
    response = await user.press_data(again, confirm)        # the second tap of a double tap
    assert response.toast is not None and "earlier message" in response.toast
    assert rows(chat.path, "SELECT count(*) FROM events WHERE kind = 'restarted'") == [(1,)]


async def test_a_result_is_recorded_once_per_set_of_answers(chat: Conversation) -> None:
    user = await started(chat, 33, *MEETS)
    for _ in range(3):
        await user.send("/start")
    await user.send("/back")
    await user.press("Yes")                                 # the same answer again
    await user.send("/review")
    await user.press("Change 2")
    await user.send("34")                                   # unchanged
    assert rows(chat.path, "SELECT count(*) FROM assessments") == [(1,)]
    await user.send("/review")
    await user.press("Change 2")
    await user.send("35")                                   # changed: a new result
    assert "You meet 9 of the 12 criteria" in user.text
    assert rows(chat.path, "SELECT count(*) FROM assessments") == [(2,)]
    assert rows(chat.path, "SELECT count(*) FROM events WHERE kind = 'completed'") == [(2,)]


async def test_which_one_do_you_mean_by_buttons(chat: Conversation) -> None:
    user = await started(chat, 34, "Korea")
    assert "Which one do you mean by “Korea”?" in user.last.text
    await user.press("South Korea")
    assert "How old" in user.last.text
    await user.send("/back")
    await user.send("/back")                                    # back before the nationality
    assert "passport" in user.last.text
    other = await started(chat, 35, "India", "30", "Master's", "NTU")
    assert "None of these: keep what I typed" in other.last.labels
    await other.press("None of these: keep what I typed")
    assert (await other.mydata())["answers"]["postgraduate_university"] == "NTU"


async def test_start_before_any_answer_welcomes_rather_than_welcomes_back(
        chat: Conversation) -> None:
    user = chat.user(77)
    await user.send("/start")
    await user.send("/start")
    assert user.text.startswith("Welcome! I will check") and "Welcome back" not in user.text
