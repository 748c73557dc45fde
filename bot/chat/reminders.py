"""Reminders in the chat: the opt-in under a result, the month of birth, /reminders, cancelling
one, "stop these", and their part of /mydata. Planning, storage and the sender job live in
`bot.reminders`; these use cases say what happens and show it through the views.

Only a front end that can reach the user later offers them (`Deps.reminders` is set for
Telegram, not for the terminal or the web page). After an opt-in that asks for the month of
birth, the user's next typed message is read as that month (`Turn.asked_birth_month`, stored
with the opt-in, so a restart keeps it); any command or button ends the wait (`end_wait`).
Bad input gets a translated answer and changes nothing.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from bot.chat.answering import stale
from bot.chat.callbacks import encode
from bot.chat.messages import Response
from bot.chat.turn import Deps, ReminderStore, Turn
from bot.i18n.text import Text, t, tn
from bot.reminders.buttons import CancelReminder
from bot.reminders.messages import STOP, Message, change_lines, lead_days_text, stop_buttons
from bot.reminders.optins import reachable, stored_answers
from bot.reminders.plan import LEAD_DAYS, BirthMonth, TimeEvent, event_on
from bot.scoring.answers import InvalidAnswer

_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4})\s*$")
_YEAR_MONTH = re.compile(r"^\s*(\d{4})\s*[/.\-\s]\s*(\d{1,2})\s*$")
NOT_OPTED_IN = t("You have not asked for reminders. The button under your result turns them on.")


def _what(event: TimeEvent) -> tuple[Text, ...]:
    """The day, then each change on a line of its own with its new status, as the reminder will
    say it: one list line of labels would stack their colons ("{date}: title: 5 at least")."""
    return (t("On {date}:", date=event.day), *(change_lines(c)[0] for c in event.changes))


def _show(deps: Deps, turn: Turn, *lines: Text) -> Response:
    return deps.views.notice(turn.tr, Message(lines))


async def _schedule(deps: Deps, turn: Turn, reminders: ReminderStore, answers: dict[str, Any],
                    day: date, language: str, birth: BirthMonth | None) -> Response:
    """Plan and save the reminders of `answers`, and say what they are."""
    try:
        planned = await reminders.schedule(turn.user_key, answers, day, language, birth)
    except InvalidAnswer:
        return deps.views.say(turn.tr, t("Reminders cannot be planned for these answers. "
                                         "Please check them with /review."))
    lines = [t("Reminders are on."), lead_days_text(LEAD_DAYS),
             *(line for event in planned.events for line in _what(event))]
    if planned.ask_birth_month:
        lines.append(t("Getting older can cost you criterion 1. For a reminder before that, send "
                       "your month and year of birth, for example 03/1980; it is kept only for "
                       "this reminder."))
    return deps.views.notice(turn.tr, Message(tuple(lines), stop_buttons()))


async def opt_in(deps: Deps, turn: Turn) -> Response:
    """The button under a result: plan reminders for the latest recorded result's answers."""
    reminders = deps.reminders
    latest = await deps.store.latest_assessment(turn.user_key)
    if reminders is None or not reachable(turn.user_key) or latest is None:
        return await stale(deps, turn)          # a forged or out-of-place button
    existing = await reminders.optin(turn.user_key)
    return await _schedule(deps, turn, reminders, latest.answers, deps.today(),
                           turn.tr.language.code, existing.birth if existing else None)


def parse_birth_month(text: str) -> BirthMonth | None:
    """'03/1980', '3-1980', '1980-03' or '1980 3' (digits of any script); None otherwise."""
    for pattern, year_first in ((_MONTH_YEAR, False), (_YEAR_MONTH, True)):
        found = pattern.match(text)
        if found:
            a, b = int(found.group(1)), int(found.group(2))
            year, month = (a, b) if year_first else (b, a)
            return BirthMonth(year, month) if 1 <= month <= 12 and year >= 1900 else None
    return None


async def birth_month(deps: Deps, turn: Turn, text: str) -> Response:
    """The typed answer to the month-of-birth question: the age reminder is planned too (bad
    input: asked again, nothing lost)."""
    reminders = deps.reminders
    optin = await reminders.optin(turn.user_key) if reminders is not None else None
    if reminders is None or optin is None:
        return _show(deps, turn, NOT_OPTED_IN)
    birth = parse_birth_month(text)
    if birth is None or birth.age_on(deps.today()) < 0:
        return _show(deps, turn, t("Please send your month and year of birth as MM/YYYY, for "
                                   "example 03/1980."))
    age = optin.answers.get("age")
    if isinstance(age, int) and abs(birth.age_on(optin.answered_on) - age) > 1:
        return _show(deps, turn, t("That does not match the age you gave ({age}). Please send "
                                   "your month and year of birth again, as MM/YYYY.", age=age))
    return await _schedule(deps, turn, reminders, optin.answers, optin.answered_on,
                           optin.language, birth)


async def end_wait(deps: Deps, turn: Turn) -> None:
    """A command or button: the month-of-birth question, if asked, is no longer awaited."""
    if turn.asked_birth_month and deps.reminders is not None:
        await deps.reminders.stop_asking(turn.user_key)
        turn.asked_birth_month = False


async def list_(deps: Deps, turn: Turn) -> Response:
    """/reminders: what is scheduled, a cancel button each, and "stop these"."""
    reminders = deps.reminders
    if reminders is None:
        return deps.views.say(turn.tr, t("Reminders are only available in Telegram."))
    optin = await reminders.optin(turn.user_key)
    if optin is None:
        return _show(deps, turn, NOT_OPTED_IN)
    answers = stored_answers(optin)
    lines: list[Text] = []
    buttons: list[tuple[Text, str]] = []
    for reminder in await reminders.pending(turn.user_key):
        if reminder.kind == "rules":
            lines.append(t("{date}: {what}", date=reminder.event_on,
                           what=t("ImmD's new rules or list")))
        else:
            event = event_on(answers, optin.answered_on, optin.birth, reminder.event_on) \
                if answers is not None else None
            if event is None:
                continue
            lines += _what(event)
        buttons.append((t("Cancel the reminder for {date}", date=reminder.event_on),
                        encode(CancelReminder(reminder.id))))
    if not lines:
        lines.append(t("No date is scheduled. You will still hear from me if new ImmD rules or "
                       "lists change your result."))
    else:
        lines.insert(0, tn("Your reminders (each is sent {n} day before its date):",
                           "Your reminders (each is sent {n} days before its date):", LEAD_DAYS))
    return deps.views.notice(turn.tr, Message(tuple(lines), (*buttons, (t("Stop these"), STOP))))


async def cancel(deps: Deps, turn: Turn, reminder_id: int) -> Response:
    """A cancel button of /reminders: only the user's own reminder."""
    if deps.reminders is None:
        return await stale(deps, turn)
    cancelled = await deps.reminders.cancel(turn.user_key, reminder_id)
    if cancelled is None:
        return _show(deps, turn, t("That reminder is no longer scheduled."))
    return _show(deps, turn, t("The reminder for {date} has been cancelled.",
                               date=cancelled.event_on))


async def stop(deps: Deps, turn: Turn) -> Response:
    """"Stop these": nothing more is sent, and what was kept for reminders is deleted."""
    if deps.reminders is None:
        return await stale(deps, turn)
    if not await deps.reminders.stop(turn.user_key):
        return _show(deps, turn, NOT_OPTED_IN)
    return _show(deps, turn, t("Reminders stopped: nothing more will be sent, and what was kept "
                               "for them has been deleted."))


async def my_data(deps: Deps, user_key: str) -> dict[str, object] | None:
    """The reminder part of /mydata: what is kept and what is scheduled."""
    reminders = deps.reminders
    optin = await reminders.optin(user_key) if reminders is not None else None
    if reminders is None or optin is None:
        return None
    return {"birth_month": optin.birth.iso() if optin.birth else None,
            "answers_as_of": optin.answered_on.isoformat(),
            "scheduled": [{"date": r.event_on.isoformat(), "sent_on": r.due_on.isoformat(),
                           "kind": r.kind} for r in await reminders.pending(user_key)]}


BUTTONS = {"optin": opt_in, "list": list_, "stop": stop}
