"""'Was it useful?' under a new result and its optional reason, from the user's side (the chat
service, the terminal): a real SQLite file, the answers counted once and gone with /delete."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.chat.callbacks import Applied, Rate, encode
from bot.frontends.terminal import TerminalChat
from tests.support.chat_client import ChatClient, Conversation, conversation
from tests.test_conversation import BELOW, MEETS, TODAY, answer, rows
from tests.test_terminal import FIRST_HALF, SECOND_HALF

QUESTION = "Was this pre-screening useful to you? Answering is optional."


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


async def finished(chat: Conversation, user_id: int, replies: list[str],
                   tag: str = "en", campaign: str | None = None) -> ChatClient:
    user = chat.user(user_id, tag)
    await user.send(f"/start {campaign}" if campaign else "/start")
    for reply in replies:
        await answer(user, reply)
    return user


def tallies(chat: Conversation) -> dict[str, int]:
    return {str(kind): int(str(n)) for kind, n in rows(
        chat.path, "SELECT kind, sum(n) FROM daily_counts WHERE kind IN ('useful', 'not_sure', "
                   "'not_useful', 'gave_reason', 'applied', 'not_yet', 'decided_not') "
                   "GROUP BY kind")}


async def test_rated_once_with_a_reason_and_deleted_with_the_person(chat: Conversation) -> None:
    user = await finished(chat, 1, MEETS)
    question = user.last
    assert question.text == QUESTION
    assert question.labels == ["Useful", "Not sure", "Not useful"]
    assert "Meets" in user.messages[-2].text or user.messages[-2].labels   # the result above
    await user.press("Useful")
    assert question.text.startswith(QUESTION) and "→ Useful" in question.text
    assert "tell me why in a few words" in question.text and question.labels == ["Skip"]
    await user.send("It told me which documents to gather.")
    assert user.last.text == "Thank you for your answer."
    assert rows(chat.path, "SELECT useful, reason, awaiting FROM feedback") == [
        ("useful", "It told me which documents to gather.", 0)]
    await user.press_data(encode(Rate("not_useful")), question)   # a second tap, another answer
    assert user.toasts[-1] == "You have already answered this question. Thank you."
    assert tallies(chat) == {"useful": 1, "gave_reason": 1}
    await user.send("Hello")                      # no longer read as a reason
    assert rows(chat.path, "SELECT reason FROM feedback") == [
        ("It told me which documents to gather.",)]
    data = await user.mydata()
    assert data["feedback"]["reason"] == "It told me which documents to gather."
    await user.send("/delete")
    await user.press("Delete everything")
    assert rows(chat.path, "SELECT count(*) FROM feedback") == [(0,)]
    assert tallies(chat) == {"useful": 1, "gave_reason": 1}   # counts outlive the person
    await user.press_data(encode(Rate("useful")), question)   # a stale tap after /delete
    assert user.toasts[-1] == "This question is no longer open."
    assert rows(chat.path, "SELECT count(*) FROM feedback") == [(0,)]
    assert tallies(chat) == {"useful": 1, "gave_reason": 1}


async def test_skip_and_any_command_end_the_wait_for_a_reason(chat: Conversation) -> None:
    user = await finished(chat, 2, BELOW)
    await user.press("Not sure")
    await user.press("Skip")
    assert user.messages[-1].text == "Thank you for your answer."
    await user.send("whatever")
    assert rows(chat.path, "SELECT useful, reason FROM feedback") == [("not_sure", None)]
    other = await finished(chat, 3, BELOW)
    await other.press("Not useful")
    await other.send("/help")                     # never blocks anything else
    assert "/back: go back one question" in other.text
    await other.send("too late to be a reason")
    assert rows(chat.path, "SELECT useful, reason FROM feedback ORDER BY user_key") == [
        ("not_sure", None), ("not_useful", None)]
    assert tallies(chat) == {"not_sure": 1, "not_useful": 1}


async def test_a_long_reason_is_refused_and_nothing_is_lost(chat: Conversation) -> None:
    user = await finished(chat, 4, MEETS)
    await user.press("Not useful")
    await user.send("x" * 501)
    assert "under 500 characters" in user.last.text and user.last.labels == ["Skip"]
    await user.send("Too long a form.")
    assert rows(chat.path, "SELECT reason FROM feedback") == [("Too long a form.",)]


async def test_asked_only_under_a_new_result_and_only_until_answered(chat: Conversation) -> None:
    user = await finished(chat, 5, MEETS)
    await user.press("Useful")
    await user.send("/review")
    await user.press("Change 2")
    await user.send("35")                         # a new result: the question is not asked again
    assert QUESTION not in user.text
    await user.send("/result")
    assert QUESTION not in user.text


@pytest.mark.parametrize(("tag", "typed", "rating"), [
    ("en", "yes", "useful"), ("en", "no", "not_useful"), ("en", "not sure", "not_sure"),
    ("zh-hant", "是", "useful"), ("ar", "نعم", "useful"),
    ("ja", "役に立った", "useful"), ("en", "Not useful", "not_useful")])   # a button's label
async def test_a_typed_yes_or_no_answers_the_open_question(chat: Conversation, tag: str,
                                                           typed: str, rating: str) -> None:
    """Typed under the result, as the buttons would answer; the reason is asked next."""
    user = await finished(chat, 8, MEETS, tag)
    await user.send(typed)
    assert rows(chat.path, "SELECT useful, awaiting FROM feedback") == [(rating, 1)]
    assert user.last.labels and len(user.last.labels) == 1            # Skip
    await user.send("Clear")
    assert rows(chat.path, "SELECT useful, reason FROM feedback") == [(rating, "Clear")]
    await user.send(typed)                        # answered: the questionnaire's reply again
    assert rows(chat.path, "SELECT useful, reason FROM feedback") == [(rating, "Clear")]
    assert tallies(chat) == {rating: 1, "gave_reason": 1}


async def test_a_typed_yes_after_the_60_day_question_rates_nothing(chat: Conversation) -> None:
    """It may answer "did you apply?", which has only buttons: not taken as a rating."""
    user = await finished(chat, 10, MEETS)
    await chat.store.write(lambda db: db.execute(   # as queue_questions leaves it
        "INSERT INTO feedback (user_key, asked_on) SELECT user_key, ? FROM users",
        (TODAY.isoformat(),)))
    await user.send("yes")
    assert rows(chat.path, "SELECT useful FROM feedback") == [(None,)]


async def test_a_typed_yes_before_any_result_rates_nothing(chat: Conversation) -> None:
    user = chat.user(9)
    await user.send("/start")
    await user.send("yes")
    assert rows(chat.path, "SELECT count(*) FROM feedback") == [(0,)]


async def test_forged_and_unknown_answers_change_nothing(chat: Conversation) -> None:
    user = await finished(chat, 6, MEETS)
    await user.press_data("fb:great")
    await user.press_data(encode(Applied("applied")))   # never asked: not counted
    assert user.toasts[-1] == "This question is no longer open."
    stranger = chat.user(7)
    await stranger.press_data(encode(Rate("useful")))  # no result to rate
    assert stranger.toasts[-1] == "This question is no longer open."
    assert tallies(chat) == {} and rows(chat.path, "SELECT count(*) FROM feedback") == [(0,)]


async def test_the_terminal_numbers_the_answers_on_from_the_results(tmp_path: Path) -> None:
    async with conversation(tmp_path / "t.db", today=TODAY) as chat:
        out = io.StringIO()
        terminal = TerminalChat(chat.service, io.StringIO(), out, "en", tmp_path)
        terminal.show(await chat.service.start(terminal.caller, None))
        for reply in [*FIRST_HALF, *SECOND_HALF]:
            response = await terminal.handle(reply)
            assert response is not None
            terminal.show(response)
        result = out.getvalue().rsplit("You meet 9 of the 12 criteria", 1)[1]
        assert "  4. About this result" in result and QUESTION in result
        found = re.search(r"  (\d+)\. Useful\n  \d+\. Not sure\n  \d+\. Not useful", result)
        assert found is not None and int(found[1]) > 4     # numbered on after the result's
        for typed in (found[1], "Clear questions."):
            response = await terminal.handle(typed)
            assert response is not None
            terminal.show(response)
        assert out.getvalue().endswith("Thank you for your answer.\n\n")
        assert rows(chat.path, "SELECT useful, reason FROM feedback") == [
            ("useful", "Clear questions.")]
