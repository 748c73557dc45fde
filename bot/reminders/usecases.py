"""What the chat calls for reminders: opt in, give a birth month, list, cancel, stop.

Each use case takes the store, the user and the day, and returns a `Message` to render; none
raises on bad input (a bad birth month gets a translated answer and changes nothing).
"""

from __future__ import annotations

import dataclasses
import logging
import re
from datetime import date
from typing import Any

from bot.chat.callbacks import CancelReminder, encode
from bot.i18n.text import Text, join, t
from bot.reminders import store as db
from bot.reminders.messages import STOP, Message, lead_days_text, stop_buttons
from bot.reminders.plan import (
    HORIZON_YEARS,
    LEAD_DAYS,
    BirthMonth,
    TimeEvent,
    due_day,
    event_on,
    known_versions,
    plan,
)
from bot.scoring.answers import Answers, InvalidAnswer, parse_answers
from bot.scoring.assess import assess
from bot.storage.store import Store

log = logging.getLogger(__name__)

_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4})\s*$")
_YEAR_MONTH = re.compile(r"^\s*(\d{4})\s*[/.\-\s]\s*(\d{1,2})\s*$")


@dataclasses.dataclass(frozen=True)
class Reply:
    """A message, and whether the chat should now ask for the month and year of birth."""

    message: Message
    ask_birth_month: bool = False


def answers_of(optin: db.OptIn) -> Answers | None:
    """The stored answers, or None (and a warning) if today's validation refuses them, e.g. a
    currency no longer in the rates: that user's reminders are skipped, nobody else's."""
    try:
        return parse_answers(optin.answers, optin.answered_on)
    except InvalidAnswer as exc:
        log.warning("reminders of user %s skipped: %s", optin.pseudonym, exc)
        return None


def _not_opted_in() -> Message:
    return Message((t("You have not asked for reminders. The button under your result turns "
                      "them on."),))


def _what(event: TimeEvent) -> Text:
    return t("{date}: {what}", date=event.day, what=join(*(c.label for c in event.changes)))


def _birthday_matters(answers: Answers, day: date, birth: BirthMonth | None) -> bool:
    """Whether getting older would change criterion 1 within the horizon (so asking the birth
    month is worth it); the rules decide, no age limit is written here."""
    if birth is not None or answers.age is None:
        return False
    now = assess(answers, day)
    later = assess(dataclasses.replace(answers, age=answers.age + HORIZON_YEARS), day)
    return now.criteria[0].status is not later.criteria[0].status


async def _schedule(store: Store, user_key: str, answers_json: dict[str, Any], day: date,
                    language: str, birth: BirthMonth | None, lead_days: int) -> Reply:
    answers = parse_answers(answers_json, day)
    events = plan(answers, day, birth)
    ask = _birthday_matters(answers, day, birth)
    await db.save_optin(store, user_key, answers_json, day, language, birth, known_versions(),
                        [(e.day, due_day(e.day, day, lead_days)) for e in events],
                        ask_birth_month=ask)
    lines = [t("Reminders are on."), lead_days_text(lead_days), *(_what(e) for e in events)]
    if ask:
        lines.append(t("Getting older can cost criterion 1. For a reminder before that, send your "
                       "month and year of birth, for example 03/1980; it is kept only for this "
                       "reminder."))
    return Reply(Message(tuple(lines), stop_buttons()), ask)


async def opt_in(store: Store, user_key: str, answers_json: dict[str, Any], day: date,
                 language: str, lead_days: int = LEAD_DAYS) -> Reply:
    """The button under a result: plan the reminders for these answers (assessed on `day`)."""
    existing = await db.get_optin(store, user_key)
    birth = existing.birth if existing else None
    return await _schedule(store, user_key, answers_json, day, language, birth, lead_days)


async def replan(store: Store, user_key: str, answers_json: dict[str, Any], day: date,
                 language: str, lead_days: int = LEAD_DAYS) -> None:
    """A new result for a user who opted in: plan again from the new answers (else nothing)."""
    existing = await db.get_optin(store, user_key)
    if existing is not None:
        await _schedule(store, user_key, answers_json, day, language, existing.birth, lead_days)


def parse_birth_month(text: str) -> BirthMonth | None:
    """'03/1980', '3-1980', '1980-03' or '1980 3' (digits of any script); None otherwise."""
    for pattern, year_first in ((_MONTH_YEAR, False), (_YEAR_MONTH, True)):
        found = pattern.match(text)
        if found:
            a, b = int(found.group(1)), int(found.group(2))
            year, month = (a, b) if year_first else (b, a)
            return BirthMonth(year, month) if 1 <= month <= 12 and year >= 1900 else None
    return None


async def set_birth_month(store: Store, user_key: str, text: str, day: date,
                          lead_days: int = LEAD_DAYS) -> Reply:
    """The answer to the birth-month question: plan the age reminder too."""
    optin = await db.get_optin(store, user_key)
    if optin is None:
        return Reply(_not_opted_in())
    birth = parse_birth_month(text)
    if birth is None or birth.age_on(day) < 0:
        return Reply(Message((t("Please send your month and year of birth as MM/YYYY, for "
                                "example 03/1980."),)), ask_birth_month=True)
    age = optin.answers.get("age")
    if isinstance(age, int) and abs(birth.age_on(optin.answered_on) - age) > 1:
        return Reply(Message((t("That does not match the age you gave ({age}). Please send your "
                                "month and year of birth again, as MM/YYYY.", age=age),)),
                     ask_birth_month=True)
    return await _schedule(store, user_key, optin.answers, optin.answered_on, optin.language,
                           birth, lead_days)


async def list_reminders(store: Store, user_key: str) -> Message:
    """/reminders: what is scheduled, one button to cancel each, one to stop them all."""
    optin = await db.get_optin(store, user_key)
    if optin is None:
        return _not_opted_in()
    answers = answers_of(optin)
    lines: list[Text] = []
    buttons: list[tuple[Text, str]] = []
    for reminder in await db.pending(store, user_key):
        if reminder.kind == "rules":
            lines.append(t("{date}: {what}", date=reminder.event_on,
                           what=t("ImmD's new rules or list")))
        else:
            event = event_on(answers, optin.answered_on, optin.birth, reminder.event_on) \
                if answers is not None else None
            if event is None:
                continue
            lines.append(_what(event))
        buttons.append((t("Cancel the reminder of {date}", date=reminder.event_on),
                        encode(CancelReminder(reminder.id))))
    if not lines:
        lines.append(t("No date is scheduled. You will still hear from us if new ImmD rules or "
                       "lists change your result."))
    else:
        lines.insert(0, t("Your reminders (each is sent a few days before its date):"))
    return Message(tuple(lines), (*buttons, (t("Stop these"), STOP)))


async def cancel(store: Store, user_key: str, reminder_id: int) -> Message:
    """A cancel button of /reminders (`CancelReminder`): only the user's own reminder."""
    cancelled = await db.cancel(store, user_key, reminder_id)
    if cancelled is None:
        return Message((t("That reminder is no longer scheduled."),))
    return Message((t("The reminder of {date} is cancelled.", date=cancelled.event_on),))


async def stop_all(store: Store, user_key: str) -> Message:
    """'Stop these': no more reminders or notices, and what was kept for them is deleted."""
    if not await db.stop(store, user_key):
        return _not_opted_in()
    return Message((t("Reminders stopped: nothing more will be sent, and what was kept for them "
                      "is deleted."),))


def reachable(user_key: str) -> bool:
    """Whether the user can be sent a message later: Telegram users only, not the terminal."""
    return user_key.startswith("tg:")


async def my_reminder_data(store: Store, user_key: str) -> dict[str, object] | None:
    """The reminder part of /mydata: what is kept and what is scheduled."""
    optin = await db.get_optin(store, user_key)
    if optin is None:
        return None
    return {"birth_month": optin.birth.iso() if optin.birth else None,
            "answers_as_of": optin.answered_on.isoformat(),
            "scheduled": [{"date": r.event_on.isoformat(), "sent_on": r.due_on.isoformat(),
                           "kind": r.kind} for r in await db.pending(store, user_key)]}
