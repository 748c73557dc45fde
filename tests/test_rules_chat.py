"""Rules that end or shape the questionnaire, as a Telegram user experiences them (the real
PTB handlers, fed without sockets)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from tests.support.bot_harness import RunningBot
from tests.support.chatting import answer, mydata
from tests.support.fake_telegram import FakeUser
from tests.support.ptb_client import offline_bot

TODAY = date(2026, 11, 29)


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with offline_bot(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


async def start(user: FakeUser) -> None:
    """/start, waiting for both its messages (welcome and first question) even under load."""
    replies = await user.send_and_wait("/start", timeout=30, expect=2)
    assert replies[-1].text.startswith("Question 1 ")


@pytest.mark.parametrize("typed", ["Hong Kong", "HK", "香港"])
async def test_hong_kong_nationality_ends_politely_in_one_reply(bot: RunningBot,
                                                                 typed: str) -> None:
    user = bot.tg.user(3000 + len(typed))
    await start(user)
    replies = await user.send_and_wait(typed, timeout=30)
    text = "\n".join(r.text for r in replies)
    assert "you do not need QMAS" in text and "/restart" in text
    assert not any(r.text.startswith("Question ") for r in replies)
    assert "12 criteria" not in text
    assert (await mydata(user))["results"][-1]["outcome"] == "already_resident"


async def test_permanent_resident_answering_yes_stops_at_once(bot: RunningBot) -> None:
    user = bot.tg.user(3010)
    await start(user)
    replies = await user.send_and_wait("United Kingdom", timeout=30)
    assert "Hong Kong permanent resident" in replies[-1].text
    replies = await answer(user, "Yes")
    text = "\n".join(r.text for r in replies)
    assert "you do not need QMAS" in text and "/restart" in text
    assert not any(r.text.startswith("Question ") for r in replies)


async def test_permanent_resident_question_only_where_plausible(bot: RunningBot) -> None:
    user = bot.tg.user(3011)
    await start(user)
    replies = await user.send_and_wait("India", timeout=30)
    assert "How old" in replies[-1].text


HKU_GRADUATE = ["Malaysia", "24", "Bachelor's", "The University of Hong Kong", "Yes", "Yes",
                "English, Chinese", "1", "1", "1", "1", "1", "HKD 280,000",   # no year: C is closed
                "I don't own any", "I don't own any", "No", "No", "Yes", "Yes"]


async def test_non_local_hku_graduate_is_asked_and_sees_category_c_explained(
        bot: RunningBot) -> None:
    user = bot.tg.user(3020)
    await start(user)
    asked = []
    replies = []
    for reply in HKU_GRADUATE:
        replies = await answer(user, reply, timeout=30)
        asked += [r.text for r in replies if "Question " in r.text]
    assert any("as a non-local student" in q and "student visa" in q for q in asked)
    result = replies[-2]                          # above "was it useful?"
    text = result.text
    for section in ("Other routes", "What would change the result", "About this result"):
        replies = await user.press_and_wait(section, result, timeout=30)
        text += "\n".join(r.text for r in replies)
    assert "category C (recent graduate)" in text
    assert "non-local students (on a student visa): the Immigration Arrangements for " \
           "Non-local Graduates (IANG) are meant for them" in text
    assert "➡️ IANG:" in text and "fresh entrants" in text
    data = await mydata(user)
    assert data["answers"]["bachelor_nonlocal_student_hk"] == "yes"


LBS_MBA = ["India", "36", "Master's", "LBS", "No", "University of Delhi", "English, Hindi",
           "9", "6", "2", "1", "5", "GBP 95,000", "I don't own any", "I don't own any", "No",
           "No", "Yes", "Yes"]


async def test_lbs_mba_sees_criterion_2_not_settled_with_the_reason(bot: RunningBot) -> None:
    user = bot.tg.user(3030)
    await start(user)
    replies = []
    for reply in LBS_MBA:
        replies = await answer(user, reply, timeout=30)
    result = replies[-2]                          # above "was it useful?"
    assert "❔ 2. Master's or doctoral degree from an eligible university" in result.text
    replies = await user.press_and_wait("The 12 criteria (5 of 12 met)", result, timeout=30)
    text = "\n".join(r.text for r in replies)
    assert "London Business School is not on the Consolidated List" in text
    assert "six business schools" in text and "not settled" in text
    data = await mydata(user)
    assert data["answers"]["postgraduate_university"] == "London Business School"
    assert data["results"][-1]["outcome"] == "undetermined"
