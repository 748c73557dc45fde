"""The reminders a chat keeps for its users, over the bot's store: plan them for a result's
answers and save them with whether the birth month is asked for, list, cancel and stop them.
`bot.chat.reminders` uses them through `Deps.reminders` (the `ReminderStore` port)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.reminders import store as db
from bot.reminders.plan import (
    BirthMonth,
    TimeEvent,
    birthday_matters,
    due_day,
    known_versions,
    plan,
)
from bot.scoring.answers import Answers, InvalidAnswer, parse_answers
from bot.storage.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Schedule:
    """What was planned: the days time changes the result, and whether the user is now asked
    for their month of birth (their next typed message is read as it)."""

    events: tuple[TimeEvent, ...]
    ask_birth_month: bool


def reachable(user_key: str) -> bool:
    """Whether the user can be sent a message later: Telegram users only."""
    return user_key.startswith("tg:")


def stored_answers(optin: db.OptIn) -> Answers | None:
    """The stored answers, or None (and a warning) if today's validation refuses them, e.g. a
    currency no longer in the rates: that user's reminders are skipped, nobody else's."""
    try:
        return parse_answers(optin.answers, optin.answered_on)
    except InvalidAnswer as exc:
        log.warning("reminders of user %s skipped: %s", optin.pseudonym, exc)
        return None


class OptIns:
    """Opt-ins and their schedules in the bot's store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def optin(self, user_key: str) -> db.OptIn | None:
        return await db.get_optin(self.store, user_key)

    async def schedule(self, user_key: str, answers: dict[str, Any], day: date, language: str,
                       birth: BirthMonth | None) -> Schedule:
        """Plan the reminders of `answers` (assessed on `day`) and save them as the user's
        opt-in; `InvalidAnswer` if today's validation refuses the answers."""
        parsed = parse_answers(answers, day)
        events = plan(parsed, day, birth)
        ask = birthday_matters(parsed, day, birth)
        await db.save_optin(self.store, user_key, answers, day, language, birth,
                            known_versions(), [(e.day, due_day(e.day, day)) for e in events],
                            ask_birth_month=ask)
        return Schedule(events, ask)

    async def replan(self, user_key: str, answers: dict[str, Any], day: date,
                     language: str) -> None:
        """A new result: plan again from its answers if the user opted in (else nothing)."""
        existing = await self.optin(user_key)
        if existing is not None:
            await self.schedule(user_key, answers, day, language, existing.birth)

    async def pending(self, user_key: str) -> list[db.Scheduled]:
        return await db.pending(self.store, user_key)

    async def cancel(self, user_key: str, reminder_id: int) -> db.Scheduled | None:
        return await db.cancel(self.store, user_key, reminder_id)

    async def stop(self, user_key: str) -> bool:
        return await db.stop(self.store, user_key)

    async def stop_asking(self, user_key: str) -> None:
        await db.stop_asking(self.store, user_key)
