"""Inline buttons' callback data: the one place that writes and reads it (the reminders'
buttons, which the sender job sends too, through `bot.reminders.buttons`).

Telegram gives a button at most 64 bytes of data; the data comes back when it is pressed, and
anyone can forge it, so `decode` returns None for anything it did not write.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.reminders import buttons
from bot.reminders.buttons import Applied, CancelReminder, Reminders, number

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
class Rate:
    """An answer to "was it useful?" ("useful", "not_sure", "not_useful") or "skip" for its
    reason; it never expires: the stored answer makes a second tap count nothing."""

    what: str


RATINGS = ("useful", "not_sure", "not_useful", "skip")


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
    elif isinstance(callback, Reminders | CancelReminder | Applied):
        data = buttons.encode(callback)
    elif isinstance(callback, Rate):
        data = f"fb:{callback.what}"
    elif isinstance(callback, OpenSection):
        data = f"r:{callback.revision}:{callback.name}"
    else:
        data = f"x:{callback.revision}:{callback.what}"
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def decode(data: str) -> Callback | None:
    """What a pressed button means, or None for data this bot never wrote."""
    kind, _, rest = data.partition(":")
    if not rest:
        return None
    if kind in ("a", "x", "r"):
        text, _, action = rest.partition(":")
        revision = number(text)
        if revision is None or not action:
            return None
        if kind == "a":
            return Answer(revision, action)
        return Confirm(revision, action) if kind == "x" else OpenSection(revision, action)
    if kind == "c":
        return ChangeAnswer(rest)
    if kind == "l":
        return PickLanguage(rest)
    if kind == buttons.PREFIX:
        return buttons.decode(rest)
    if kind == "fb":
        return Rate(rest) if rest in RATINGS else None
    return None
