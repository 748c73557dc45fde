"""The buttons the sender job sends (under every reminder and notice, and the 60-day "did you
apply?") and their callback data ("rem:..."), which the chat's codec (`bot.chat.callbacks`) reads
back; they never expire."""

from __future__ import annotations

from dataclasses import dataclass

ACTIONS = ("optin", "list", "stop")
APPLIED = ("applied", "not_yet", "decided_not")
PREFIX = "rem"


@dataclass(frozen=True)
class Reminders:
    """`what` is "optin" (under a result), "list" or "stop" (under every reminder and notice)."""

    what: str


@dataclass(frozen=True)
class CancelReminder:
    """A cancel button of /reminders: one scheduled reminder."""

    reminder_id: int


@dataclass(frozen=True)
class Applied:
    """An answer to the 60-day "did you apply?" (one of `APPLIED`)."""

    what: str


def encode(button: Reminders | CancelReminder | Applied) -> str:
    if isinstance(button, CancelReminder):
        return f"{PREFIX}:cancel:{button.reminder_id}"
    if isinstance(button, Applied):
        return f"{PREFIX}:applied:{button.what}"
    return f"{PREFIX}:{button.what}"


def decode(rest: str) -> Reminders | CancelReminder | Applied | None:
    """The button whose data is "rem:" + `rest`, or None for data this bot never wrote."""
    what, _, reminder = rest.partition(":")
    if what == "applied":
        return Applied(reminder) if reminder in APPLIED else None
    if what == "cancel":
        reminder_id = number(reminder)
        return CancelReminder(reminder_id) if reminder_id is not None else None
    return Reminders(what) if what in ACTIONS and not reminder else None


def number(text: str) -> int | None:
    """A revision or row id as this bot writes them: ASCII digits that SQLite's INTEGER holds."""
    return int(text) if text.isascii() and text.isdecimal() and len(text) <= 18 else None
