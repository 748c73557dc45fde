"""One turn of a questionnaire as data: what the user did (an input) and what follows (an outcome).

`Engine.apply(state, input, tr, day) -> Outcome` is the engine's only entry point for a turn, so
every flow rule (staleness, back, change, completion, toggles) is decided in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.engine.questions import Question, Renderable
from bot.engine.state import State
from bot.i18n.text import Text

LogEvent = tuple[str, str | None]   # (kind, question id) kept for outreach statistics


@dataclass(frozen=True)
class Typed:
    """A typed reply to the current question."""

    text: str


@dataclass(frozen=True)
class Pressed:
    """A pressed answer button, stamped with the revision of the state that drew it."""

    revision: int
    action: str


@dataclass(frozen=True)
class Back:
    """/back: undo the last answer."""


@dataclass(frozen=True)
class Change:
    """Ask an answered question again (from /review)."""

    question_id: str


@dataclass(frozen=True)
class Restart:
    """Begin again with no answers."""


@dataclass(frozen=True)
class Show:
    """Nothing to apply: show where the user is (resume, /help, a sticker, a new language)."""


Input = Typed | Pressed | Back | Change | Restart | Show


@dataclass(frozen=True)
class Button:
    """A choice the front end shows as a button (Telegram) or a numbered line (terminal)."""

    label: Renderable
    action: str


@dataclass(frozen=True)
class Prompt:
    """What to show for the current question."""

    question: Question
    text: Text
    help: Text | None
    number: int
    total: int
    buttons: tuple[Button, ...]
    previous: Renderable | None = None   # the earlier answer, when the question is asked again
    typed: bool = False                  # it wants typed input: the buttons are only shortcuts


@dataclass(frozen=True)
class Outcome:
    """Everything a turn decided; the caller saves `state` when `changed` and shows the rest."""

    state: State
    prompt: Prompt | None                 # the question to ask now; None: the questionnaire is done
    error: Text | None = None             # the input was refused (nothing changed)
    notice: Text | None = None            # said before the prompt
    understood: Text | None = None        # a typed answer said back as read, before the notice
    events: tuple[LogEvent, ...] = ()
    changed: bool = False
    redraw: bool = False                  # a multi-select toggle: redraw the pressed message
    answered: Prompt | None = None        # the prompt a pressed button answered…
    pressed: Button | None = None         # …and that button (to echo or toast it)
    stale: bool = False                   # a button from an earlier message: nothing done
    completed: bool = False               # this turn completed the questionnaire: record a result

    @property
    def complete(self) -> bool:
        return self.prompt is None
