"""The 60-day "did you apply?" from the user's side: asked once, 60 days after the result a
person asked reminders for, answered with one tap, never after /delete or "Stop these", and
never twice, even across a restart between the send and its mark."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.chat.service import ChatService
from bot.common.markup import Plain
from bot.i18n.translator import Translator
from bot.reminders import applied
from bot.reminders.sender import Report
from bot.stats.cells import publish
from bot.stats.figures import statistics
from bot.stats.page import stats_report_html
from bot.stats.period import Period
from bot.stats.text import render_stats
from bot.storage.store import Store
from conversations.qmas import QMAS
from tests.support.chat_client import ENGINE, ChatClient
from tests.test_conversation import MEETS, TODAY, answer, rows
from tests.test_reminders import Outbox
from tests.test_reminders_chat import REMIND
from tests.test_stats_report import Tables

DUE = TODAY + timedelta(days=60)
ASKED = "Did you apply for QMAS?"


class Bot:
    """The chat service with reminders (as on Telegram) over a store that can be reopened."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store: Store | None = None
        self.service: ChatService | None = None

    async def open(self) -> None:
        self.store = await Store.open(self.path)
        self.service = ChatService(self.store, ENGINE, Plain(), today=lambda: TODAY,
                                   reminders=True)

    async def close(self) -> None:
        if self.store is not None:
            await self.store.close()
            self.store = None

    async def opted_in(self, user_id: int, campaign: str = "") -> ChatClient:
        assert self.service is not None
        user = ChatClient(self.service, user_id, "en")
        await user.send(f"/start {campaign}".strip())
        for reply in MEETS:
            await answer(user, reply)
        await user.press(REMIND)
        return user

    async def run(self, day: date, outbox: Outbox) -> Report:
        assert self.store is not None
        return await applied.run(self.store, day, outbox, pause=0)


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Bot]:
    running = Bot(tmp_path / "bot.sqlite3")
    await running.open()
    try:
        yield running
    finally:
        await running.close()


def tallies(path: Path) -> dict[str, int]:
    return {str(k): int(str(n)) for k, n in rows(
        path, "SELECT kind, sum(n) FROM daily_counts WHERE kind IN ('applied', 'not_yet', "
              "'decided_not') GROUP BY kind")}


async def test_asked_once_sixty_days_on_and_answered_with_one_tap(bot: Bot) -> None:
    user = await bot.opted_in(1)
    outbox = Outbox()
    assert (await bot.run(DUE - timedelta(days=1), outbox)).sent == 0
    assert (await bot.run(DUE, outbox)).sent == 1
    assert (await bot.run(DUE, outbox)).sent == 0
    assert (await bot.run(DUE + timedelta(days=30), outbox)).sent == 0
    [(key, text, buttons)] = outbox.sent
    assert key == "tg:1" and text.startswith(f"<b>{ASKED}</b>")
    assert [label for label, _ in buttons] == ["I applied", "Not yet", "I decided not to"]
    await user.press_data(buttons[2][1])
    assert user.toasts[-1] == "I decided not to"
    assert "→ I decided not to" in user.text and "Thank you for your answer." in user.text
    await user.press_data(buttons[0][1])                  # a second tap changes nothing
    assert user.toasts[-1] == "You have already answered this question. Thank you."
    assert tallies(bot.path) == {"decided_not": 1}
    assert rows(bot.path, "SELECT applied FROM feedback") == [("decided_not",)]


async def test_not_sent_after_delete_or_stop_and_never_asked_twice(bot: Bot) -> None:
    deleting, stopping, again = [await bot.opted_in(n) for n in (2, 3, 4)]
    await deleting.send("/delete")
    await deleting.press("Delete everything")
    await stopping.send("/reminders")
    await stopping.press("Stop these")
    outbox = Outbox()
    assert (await bot.run(DUE, outbox)).sent == 1
    assert [key for key, _, _ in outbox.sent] == ["tg:4"]
    await again.send("/reminders")
    await again.press("Stop these")                       # then reminders on once more
    await again.send("/result")
    await again.press(REMIND)
    assert (await bot.run(DUE + timedelta(days=90), outbox)).sent == 0
    assert len(outbox.sent) == 1


class Crash(BaseException):
    """The process dies after the request left and before its mark was written."""


async def test_a_restart_between_send_and_mark_never_sends_it_again(bot: Bot) -> None:
    user = await bot.opted_in(5)
    delivered: list[Sequence[tuple[str, str]]] = []

    async def dying(user_key: str, text: str, buttons: Sequence[tuple[str, str]]) -> None:
        delivered.append(buttons)
        raise Crash

    assert bot.store is not None
    with pytest.raises(Crash):
        await applied.run(bot.store, DUE, dying, pause=0)
    assert rows(bot.path, "SELECT status FROM reminders WHERE kind = 'applied'") == [
        ("inflight",)]
    await bot.close()
    await bot.open()                                      # the restart
    outbox = Outbox()
    report = await bot.run(DUE, outbox)
    assert (report.sent, report.uncertain) == (0, 1) and outbox.sent == []
    assert (await bot.run(DUE + timedelta(days=1), outbox)).sent == 0
    assert rows(bot.path, "SELECT status FROM reminders WHERE kind = 'applied'") == [
        ("uncertain",)]
    assert bot.service is not None
    user.service = bot.service
    await user.press_data(delivered[0][0][1])            # it did arrive: the tap still counts
    assert tallies(bot.path) == {"applied": 1}


async def test_the_answers_count_per_campaign_in_text_json_and_html(bot: Bot) -> None:
    people = [await bot.opted_in(n, "fair2027") for n in range(10, 16)]
    outbox = Outbox()
    assert (await bot.run(DUE, outbox)).sent == 6
    for user, (_, _, buttons) in zip(people, outbox.sent, strict=True):
        await user.press_data(buttons[1 if user is people[0] else 0][1])
    assert bot.store is not None
    today = date.today()                          # the tallies' day is the answer's
    shown = publish(await statistics(bot.store, Period(today, today)))
    data = shown.to_json()
    assert {k: data["total"][k] for k in ("applied", "not_yet", "decided_not")} == {
        "applied": 5, "not_yet": "< 5", "decided_not": "< 5"}
    assert data["by_campaign"]["fair2027"]["applied"] == 5
    text = render_stats(shown, Translator.for_code("en"), Plain())
    assert ("Did they apply, asked 60 days on (people): applied 5, not yet < 5, decided not to "
            "< 5.") in text
    assert "fair2027: 6 → 6 → 6 → 6 → < 5 → 5" in text      # none rated "was it useful?"
    page = Tables(stats_report_html(shown, QMAS))
    assert page.column("From the link to an application, by campaign (people)", "Applied") == {
        "fair2027": "5"}
    assert page.column("From start to result, by campaign: did they apply? (asked 60 days on)",
                       "Not yet") == {"fair2027": "< 5"}
