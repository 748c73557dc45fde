"""Outcomes nothing can change (an excluded passport, a criminal record), as the user sees
them: no count of criteria, no reminder to offer, and no "yet" in the next steps."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.chat.service import ChatService
from bot.common.markup import Plain
from bot.storage.store import Store
from tests.support.chat_client import ENGINE, ChatClient
from tests.test_conversation import BELOW, MEETS, TODAY, answer

REMIND = "Remind me when my result changes"
CRIMINAL_RECORD = [*MEETS[:-1], "No", "Yes, that's right"]   # a record, confirmed


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[ChatService]:
    store = await Store.open(tmp_path / "bot.sqlite3")
    try:
        yield ChatService(store, ENGINE, Plain(), today=lambda: TODAY, reminders=True)
    finally:
        await store.close()


async def finished(service: ChatService, user_id: int, replies: list[str]) -> ChatClient:
    user = ChatClient(service, user_id)
    await user.send("/start")
    for reply in replies:
        await answer(user, reply)
    return user


@pytest.mark.parametrize("nationality", ["Afghanistan", "North Korea", "Cuba"])
async def test_an_excluded_passport_has_no_count_and_no_reminder(service: ChatService,
                                                                  nationality: str) -> None:
    user = await finished(service, 1, [nationality])
    summary = user.result.text
    assert "are not open to nationals of" in summary
    assert "of 12 criteria met" not in summary
    assert REMIND not in user.result.labels
    await user.press("Next steps")
    assert " yet" not in user.text
    report = await user.send("/report")
    html = report.documents[0].data.decode()
    assert "are not open to nationals of" in html and "of 12 criteria met" not in html


async def test_a_criminal_record_has_no_reminder_and_no_yet(service: ChatService) -> None:
    user = await finished(service, 2, CRIMINAL_RECORD)
    summary = user.result.text
    assert summary.startswith("❌ A prerequisite is not met")
    assert "of 12 criteria met" not in summary
    assert REMIND not in user.result.labels
    await user.press("Next steps")
    steps = user.text
    assert "is not refunded: do not apply." in steps and "do not apply yet" not in steps


async def test_an_outcome_that_can_change_keeps_both(service: ChatService) -> None:
    user = await finished(service, 3, BELOW)
    summary = user.result.text
    assert "of the 12 criteria" in summary
    assert REMIND in user.result.labels
    await user.press("Next steps")
    assert "do not apply yet" in user.text.lower()


async def test_a_no_at_the_record_question_is_confirmed_before_it_refuses(
        service: ChatService) -> None:
    """People with a clean record may answer "no" meaning "I have none": a No is confirmed,
    and "No, change it" asks the question again."""
    user = await finished(service, 4, MEETS[:-1])
    await answer(user, "No")
    assert "Is that right?" in user.text and "criminal record" in user.text
    await user.press("No, change it")
    assert "Is your record clean" in user.text
    await answer(user, "Yes")
    assert user.result.text.startswith("✅")
