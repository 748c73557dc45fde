"""What the user reads back: /back shows the answer it undid, a tiny share is not shown as 0,
the STEM question says why it is asked, and the IANG line fits graduates of any year."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support.chat_client import Conversation, conversation
from tests.test_conversation import MEETS, TODAY, answer


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


async def test_back_shows_the_answer_it_undid(chat: Conversation) -> None:
    user = chat.user(1)
    for text in ("/start", "India", "34"):
        await user.send(text)
    await user.send("/back")
    assert "Your previous answer: 34" in user.text
    await user.send("35")
    await user.press("Master's")
    await user.send("/back")
    assert "What is the highest degree" in user.text
    assert "Your previous answer: Master's" in user.text


async def test_back_from_the_first_question_shows_no_previous_answer(chat: Conversation) -> None:
    user = chat.user(2)
    await user.send("/start")
    await user.send("/back")
    assert "This is the first question." in user.text
    assert "Your previous answer" not in user.text


async def test_a_tiny_share_is_shown_as_typed(chat: Conversation) -> None:
    user = chat.user(3)
    await user.send("/start")
    listed = MEETS.index("I don't own any") + 1      # the second one: the listed company
    for reply in [*MEETS[:listed], "0.00001"]:
        await answer(user, reply)
    assert "0.00001% ✓" in user.text
    for reply in MEETS[listed + 1:]:
        await answer(user, reply)
    await user.press("The 12 criteria (9 of 12 met)")
    assert "You own 0.00001% of a listed company" in user.text


async def test_the_stem_question_says_why_it_is_asked(chat: Conversation) -> None:
    user = chat.user(4)
    for text in ("/start", "Egypt", "40", "Doctorate", "Cairo University"):
        await user.send(text)
    if "Use it anyway" in user.last.labels:
        await user.press("Use it anyway")
    assert "Is that degree in a STEM subject" in user.text
    assert "criterion 3" in user.text and "TechTAS" in user.text


async def test_the_iang_line_says_what_a_graduate_of_years_ago_needs(chat: Conversation) -> None:
    user = chat.user(5)
    for text in ("/start", "Vietnam", "26", "Bachelor's", "HKU", "Yes", "Yes", "Yes",
                 "English, Vietnamese", "2", "1", "1", "1", "1", "HKD 300000"):
        await user.send(text)
    for reply in ("I don't own any", "I don't own any", "No", "No", "Yes", "Yes"):
        await answer(user, reply)
    await user.press("Other routes")
    iang = next(line for line in user.text.splitlines() if line.startswith("➡️ IANG:"))
    assert "If you apply within six months of graduating, no job offer is needed" in iang
    assert ("after that, a job offer is needed at a level commonly taken up by degree holders"
            in iang)
