"""Inline buttons' callback data: the one place that writes and reads it.

Telegram gives a button at most 64 bytes of data; the data comes back when it is pressed, and
anyone can forge it, so `decode` returns None for anything it did not write.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 64


@dataclass(frozen=True)
class Answer:
    """A button of a question, valid only while the state has this revision."""

    revision: int
    action: str


@dataclass(frozen=True)
class ChangeAnswer:
    """A "Change N" button of /review."""

    question_id: str


@dataclass(frozen=True)
class PickLanguage:
    """A language of the /language menu."""

    code: str


@dataclass(frozen=True)
class Confirm:
    """A confirmation button: `what` names the action ("restart", "delete", "keep"); it is
    valid only while the state has this revision, so it expires and a double tap acts once."""

    revision: int
    what: str


@dataclass(frozen=True)
class Reminders:
    """A reminders button (issue 14): `what` is "optin" (under a result), "list" or "stop"
    (under every reminder and notice); the sender job sends these too, so they never expire."""

    what: str


@dataclass(frozen=True)
class CancelReminder:
    """A cancel button of /reminders: one scheduled reminder."""

    reminder_id: int


REMINDER_ACTIONS = ("optin", "list", "stop")


@dataclass(frozen=True)
class Rate:
    """An answer to "was it useful?" ("useful", "not_sure", "not_useful") or "skip" for its
    reason; it never expires: the stored answer makes a second tap count nothing."""

    what: str


@dataclass(frozen=True)
class Applied:
    """An answer to the 60-day "did you apply?" ("applied", "not_yet", "decided_not")."""

    what: str


RATINGS = ("useful", "not_sure", "not_useful", "skip")
APPLIED_ANSWERS = ("applied", "not_yet", "decided_not")


@dataclass(frozen=True)
class OpenSection:
    """A result's section button ("criteria", "change", …, "summary"), valid only while the
    state has this revision: a result of other answers never opens."""

    revision: int
    name: str


Callback = (Answer | ChangeAnswer | PickLanguage | Confirm | Reminders | CancelReminder
            | OpenSection | Rate | Applied)


def encode(callback: Callback) -> str:
    """The button's data; a `ValueError` if it would not fit Telegram's limit."""
    if isinstance(callback, Answer):
        data = f"a:{callback.revision}:{callback.action}"
    elif isinstance(callback, ChangeAnswer):
        data = f"c:{callback.question_id}"
    elif isinstance(callback, PickLanguage):
        data = f"l:{callback.code}"
    elif isinstance(callback, Reminders):
        data = f"rem:{callback.what}"
    elif isinstance(callback, CancelReminder):
        data = f"rem:cancel:{callback.reminder_id}"
    elif isinstance(callback, Rate):
        data = f"fb:{callback.what}"
    elif isinstance(callback, Applied):
        data = f"ap:{callback.what}"
    elif isinstance(callback, OpenSection):
        data = f"r:{callback.revision}:{callback.name}"
    else:
        data = f"x:{callback.revision}:{callback.what}"
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def _number(text: str) -> int | None:
    """A revision or row id as this bot writes them: ASCII digits that SQLite's INTEGER holds."""
    return int(text) if text.isascii() and text.isdecimal() and len(text) <= 18 else None


def decode(data: str) -> Callback | None:
    """What a pressed button means, or None for data this bot never wrote."""
    kind, _, rest = data.partition(":")
    if not rest:
        return None
    if kind in ("a", "x", "r"):
        text, _, action = rest.partition(":")
        revision = _number(text)
        if revision is None or not action:
            return None
        if kind == "a":
            return Answer(revision, action)
        return Confirm(revision, action) if kind == "x" else OpenSection(revision, action)
    if kind == "c":
        return ChangeAnswer(rest)
    if kind == "l":
        return PickLanguage(rest)
    if kind == "fb":
        return Rate(rest) if rest in RATINGS else None
    if kind == "ap":
        return Applied(rest) if rest in APPLIED_ANSWERS else None
    if kind == "rem":
        what, _, reminder = rest.partition(":")
        if what == "cancel" and (reminder_id := _number(reminder)) is not None:
            return CancelReminder(reminder_id)
        return Reminders(what) if what in REMINDER_ACTIONS and not reminder else None
    return None
