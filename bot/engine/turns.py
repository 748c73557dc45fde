"""One turn of a questionnaire as data: what the user did (an input) and what follows (an outcome).

`Engine.apply(state, input, tr, day) -> Outcome` is the engine's only entry point for a turn, so
every flow rule (staleness, back, change, completion, toggles) is decided in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.engine.options import Renderable
from bot.engine.questions import Question
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
    """Nothing to apply: show where the user is (resume, /help, a sticker, a new language).

    `result`: a completed questionnaire shows its result again (in a new language) instead of
    saying it is complete."""

    result: bool = False


@dataclass(frozen=True)
class Start:
    """/start: show where the user is; a user with nothing stored begins a questionnaire."""


@dataclass(frozen=True)
class Result:
    """/result: the result of the answers so far (not recorded), then the question left."""


@dataclass(frozen=True)
class Aside:
    """An answer beside the questionnaire was given (/university, /fees): the question follows
    mid-questionnaire, nothing does before it began or after it completed."""


@dataclass(frozen=True)
class Stale:
    """A button this conversation cannot use (any more): nothing changes."""


@dataclass(frozen=True)
class Confirmed:
    """A confirmation's button ("restart", "delete" or "keep"), stamped with the revision of the
    state that drew it: it acts only while nothing has changed since, so a double tap acts once."""

    revision: int
    what: str


@dataclass(frozen=True)
class Open:
    """A result's section button, stamped like `Confirmed`: a result of other answers never
    opens. `offered`: the sections that result offers."""

    revision: int
    name: str
    offered: tuple[str, ...]


@dataclass(frozen=True)
class Review:
    """/review: every answer so far, each to change."""


@dataclass(frozen=True)
class Report:
    """/report: the result of the answers so far as a document to keep."""


Input = (Typed | Pressed | Back | Change | Restart | Show | Start | Result | Aside | Stale
         | Confirmed | Open | Review | Report)
NEXT_STEPS = "steps"        # the result's button that opens the next steps below it


@dataclass(frozen=True)
class Erase:
    """Erase everything held about the user (a confirmed /delete)."""


@dataclass(frozen=True)
class Section:
    """Show this section of the result in place (NEXT_STEPS: the next steps, below it)."""

    name: str


@dataclass(frozen=True)
class SendReport:
    """Send the result as a document; `unfinished`: questions are left to answer."""

    unfinished: bool


@dataclass(frozen=True)
class ListAnswers:
    """Show every answer so far, each with a button to change it."""

    answered: tuple[tuple[Question, Renderable], ...]


Act = Erase | Section | SendReport | ListAnswers


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
    """Everything a turn decided; the caller saves `state` when `changed`, does `act`, and
    shows, in order, `say`, the result (when `result`) and `prompt`."""

    state: State
    prompt: Prompt | None                 # the question to ask now; None: no question is shown
    say: tuple[Text, ...] = ()            # messages before the result and the question
    understood: Text | None = None        # a typed answer said back as read, atop the prompt
    toast: Renderable | None = None       # the pressed button's answer
    result: bool = False                  # show the assessment of `state`'s answers
    record_result: bool = False           # this turn completed the questionnaire: record it
    events: tuple[LogEvent, ...] = ()
    changed: bool = False
    redraw: bool = False                  # a multi-select toggle: redraw the pressed message
    answered: Prompt | None = None        # the prompt a pressed button answered…
    pressed: Button | None = None         # …and the button pressed (echoed under it)
    edit: Text | None = None              # replaces the pressed message (a confirmation's)
    act: Act | None = None                # what the caller does beyond saving and showing
