"""What reminders and notices say: translatable `Text` lines and buttons, rendered per user
(by the sender job, or by the chat's views for the replies of `bot.chat.reminders`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.common.markup import Markup
from bot.i18n.text import Text, t, tn
from bot.i18n.translator import Translator
from bot.reminders.buttons import Applied, Reminders, encode
from bot.reminders.plan import Change, RuleChange, TimeEvent, took_effect
from bot.report.text import ICON, headline
from bot.scoring.model import Status

LIST, STOP, OPT_IN = (encode(Reminders(what)) for what in ("list", "stop", "optin"))

DISCLAIMER = t("This is a pre-screening, not legal advice: meeting the threshold is not approval. "
               "The Immigration Department decides.")


@dataclass(frozen=True)
class Message:
    """Lines of text (the first one bold) and buttons as (label, callback data)."""

    lines: tuple[Text, ...]
    buttons: tuple[tuple[Text, str], ...] = ()

    def render(self, tr: Translator, m: Markup) -> str:
        first, *rest = (tr(line) for line in self.lines)
        return "\n".join([m.bold(first), *(m.escape(line) for line in rest)])

    def button_labels(self, tr: Translator) -> list[tuple[str, str]]:
        return [(tr(label), data) for label, data in self.buttons]


def opt_in_button() -> tuple[Text, str]:
    """The button under a result: reminders when time or ImmD's rules change it."""
    return t("Remind me when my result changes"), OPT_IN


def stop_buttons() -> tuple[tuple[Text, str], ...]:
    """Under every notice: see what is scheduled, or stop them all in one tap."""
    return (t("My reminders"), LIST), (t("Stop these"), STOP)


def change_lines(change: Change) -> tuple[Text, ...]:
    """One change: its new status as an icon and what it is, then why on a line of its own (a
    criterion's title has a colon already)."""
    if change.is_outcome:
        return (t("➡️ {why}", why=change.why),)
    return t("{icon} {label}", icon=ICON[Status(change.after)], label=change.label), change.why


def time_reminder(event: TimeEvent) -> Message:
    """Sent shortly before the day: what changes on it, re-assessed with the rules of then."""
    lines = [t("Reminder: on {date}, your QMAS pre-screening result changes.", date=event.day),
             *took_effect(event.day - timedelta(days=1), event.day),
             *(line for c in event.changes for line in change_lines(c))]
    if not any(c.is_outcome for c in event.changes):
        lines.append(headline(event.result))
    return Message((*lines, DISCLAIMER), stop_buttons())


def rule_notice(change: RuleChange) -> Message:
    """Sent when a new rule set or list version changes the user's result."""
    lines = [*change.took_effect, t("This changes your QMAS pre-screening result:"),
             *(line for c in change.changes for line in change_lines(c))]
    if not any(c.is_outcome for c in change.changes):
        lines.append(headline(change.result))
    return Message((*lines, DISCLAIMER), stop_buttons())


def lead_days_text(days: int) -> Text:
    return tn("I will remind you {n} day before each date on which your result changes with time "
              "(for example as you get older), and tell you when new ImmD rules or lists change "
              "it.",
              "I will remind you {n} days before each date on which your result changes with time "
              "(for example as you get older), and tell you when new ImmD rules or lists change "
              "it.", days)


# For the command menu (the same words as the button) and the /help list.
COMMAND = ("reminders", t("My reminders"))
HELP_LINE = t("/reminders: see or cancel your reminders")

PRIVACY = t("Reminders (only if you ask for them with the button under your result): I keep a copy "
            "of your answers, the language, and, only if you give it for the age reminder, your "
            "month and year of birth, so that I can re-assess your result on the day it changes "
            "and when ImmD changes its rules or list. While a reminder is scheduled, your data is "
            "not deleted for inactivity. /reminders lists and cancels them; “Stop these” under any "
            "reminder, or /delete, erases all of it.")


# The one "did you apply?" message, 60 days after the result (`bot.reminders.applied`).
APPLIED_QUESTION = t("Did you apply for QMAS?")
APPLIED_ANSWERS = {"applied": t("I applied"), "not_yet": t("Not yet"),
                   "decided_not": t("I decided not to")}


def applied_question() -> Message:
    """The message, its three answers one tap each."""
    return Message((APPLIED_QUESTION, t("About two months ago this bot pre-screened you for Hong "
                                        "Kong's Quality Migrant Admission Scheme. Did you apply? "
                                        "One tap is enough; I will not ask again.")),
                   tuple((label, encode(Applied(what)))
                         for what, label in APPLIED_ANSWERS.items()))
