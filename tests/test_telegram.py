"""The Telegram bot as a user experiences it: the real PTB handlers fed without sockets
(`tests/support/ptb_client.py`), and the whole questionnaire and the command menu over HTTP."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.chat.messages import Document, Response
from bot.chat.turn import Deps, Turn
from tests.support.bot_harness import RunningBot, running_bot
from tests.support.chatting import answer, mydata
from tests.support.fake_telegram import BotMessage, FakeUser, UploadedFile
from tests.support.ptb_client import offline_bot

TODAY = date(2026, 11, 24)


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with offline_bot(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


@pytest.fixture
async def polled(tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with running_bot(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


async def at_degree_question(bot: RunningBot, user_id: int) -> FakeUser:
    """A user who started and answered nationality (India) and age (30)."""
    user = bot.tg.user(user_id)
    for text in ("/start", "India", "30"):
        await user.send_and_wait(text)
    return user


def question(replies: list[BotMessage]) -> BotMessage:
    """The last message that asks something (starts with the progress line)."""
    asking = [r for r in replies if r.text.startswith("Question ")]
    assert asking, [r.text for r in replies]
    return asking[-1]


PROFILES = {
    "meets": (["India", "34", "Master's", "Imperial College London", "Yes",
               "University of Delhi", "English, Hindi", "7", "4", "3", "2", "5",
               "INR 4,500,000", "I don't own any", "I don't own any", "No", "No", "Yes", "Yes"],
              "meets_threshold"),
}


def assess_cli(answers: object, tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    out = subprocess.run([sys.executable, "-m", "bot", "assess", "--date", TODAY.isoformat(),
                          str(path)], capture_output=True, text=True, check=True).stdout
    result: dict[str, object] = json.loads(out)
    return result


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["meets"])   # the others: test_conversation.py
async def test_whole_questionnaire_agrees_with_assess(polled: RunningBot, profile: str,
                                                      tmp_path: Path) -> None:
    replies_in, outcome = PROFILES[profile]
    user = polled.tg.user(1000 + len(profile))
    replies = await user.send_and_wait("/start")
    assert "Welcome" in replies[0].text
    for reply in replies_in:
        replies = await answer(user, reply)
    result_text = "\n".join(r.text for r in replies)
    about = await user.press_and_wait("About this result", replies[-2])   # then "useful?"
    result_text += "\n".join(r.text for r in about)
    data = await mydata(user)
    cli = assess_cli(data["answers"], tmp_path)
    assert cli["outcome"] == outcome
    assert f"You meet {cli['met_count']} of the 12 criteria" in result_text
    assert "not legal advice" in result_text
    assert "no longer adds up points" in result_text
    assert data["results"][-1]["outcome"] == outcome   # type: ignore[index]
    for message in user.messages:
        assert len(message.text) <= 4096


async def test_button_press_edits_question_and_is_answered(bot: RunningBot) -> None:
    user = bot.tg.user(2001)
    await user.send_and_wait("/start")
    await user.send_and_wait("India")
    await user.send_and_wait("30")
    replies = await user.press_and_wait("Master's")
    edited = [r for r in replies if r.edited]
    assert edited and "→ Master's" in edited[0].text and not edited[0].buttons
    assert "Which university awarded your master's" in question(replies).text
    assert len(user.answered_callbacks) == 1


async def test_stale_and_double_pressed_buttons_change_nothing(bot: RunningBot) -> None:
    user = await at_degree_question(bot, 2003)
    degree_question = user.last_message
    assert degree_question is not None
    await user.press_and_wait("Bachelor's")
    before = await mydata(user)
    replies = await user.press_and_wait("Doctorate (PhD)", degree_question)   # stale
    assert "earlier message" in user.answered_callbacks[-1].get("text", "")
    assert "Which university awarded your bachelor's" in question(replies).text
    assert (await mydata(user))["answers"] == before["answers"]


async def test_forged_callback_data_is_harmless(bot: RunningBot) -> None:
    user = bot.tg.user(2004)
    await user.send_and_wait("/start")
    await user.send_and_wait("India")
    message = user.last_message
    assert message is not None
    for data in ("a:999:0", "zz", "c:not_a_question", "l:xx", "x:bogus", "a::"):
        await bot.tg.enqueue_update({"callback_query": {
            "id": f"forged-{data}", "from": {"id": 2004, "is_bot": False, "first_name": "Ann"},
            "chat_instance": "1", "data": data,
            "message": message.raw}})
        await user.next_replies()
    assert (await mydata(user))["answers"] == {"nationality": "IN"}


async def test_group_gets_one_short_reply(bot: RunningBot) -> None:
    user = bot.tg.user(2009)
    group = bot.tg.group(-500, user)
    first = await group.send_and_wait("/start")
    second = await group.send_and_wait("/help")
    assert len(first) == 1 and "private chat" in first[0].text
    assert second == []


@pytest.mark.parametrize("send", ["send_sticker", "send_photo", "send_voice", "send_location"])
async def test_non_text_gets_a_hint_and_the_question(bot: RunningBot, send: str) -> None:
    user = bot.tg.user(2010)
    await user.send_and_wait("/start")
    await getattr(user, send)()
    replies = await user.next_replies()
    assert "only read text" in replies[0].text
    assert "passport" in question(replies).text


@pytest.mark.slow
async def test_commands_are_set_per_language(polled: RunningBot) -> None:
    assert [c["command"] for c in polled.tg.commands()][:2] == ["start", "back"]
    assert polled.tg.commands(language_code="fr")


async def test_stats_only_for_admins(tmp_path: Path) -> None:
    async with offline_bot(tmp_path / "db", admin_ids=frozenset({8001})) as bot:
        admin, other = bot.tg.user(8001), bot.tg.user(8002)
        await other.send_and_wait("/start fb2026")
        replies = await other.send_and_wait("/stats")
        assert "don't know that command" in replies[0].text
        replies = await admin.send_and_wait("/stats 7")
        assert "Statistics from" in replies[0].text
        assert "New users: < 5" in replies[0].text         # small counts are never shown


async def test_documents_are_sent_as_files(bot: RunningBot) -> None:
    async def report(deps: Deps, turn: Turn) -> Response:
        return Response(documents=(Document("report.html", b"<p>hi</p>", "Your report"),),
                        language=turn.tr.language.code)

    commands = bot.app.bot_data.service.commands
    commands["report"] = replace(commands["report"], use_case=report)
    user = bot.tg.user(2013)
    replies = await user.send_and_wait("/report")
    assert len(replies) == 1 and replies[0].text == "Your report"
    document = replies[0].document
    assert isinstance(document, UploadedFile)
    assert (document.filename, document.data) == ("report.html", b"<p>hi</p>")
