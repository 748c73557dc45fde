"""What every use case works with: the caller, their loaded turn, the dependencies, one `play`.

A turn reads once (`load_turn`, no write), asks the engine once (`settle`) and, when something
changed, writes once (`ConversationStore.save`, one transaction that also marks the update);
`shown` renders it, `play` does both.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Protocol

from bot.chat.messages import Out, Response
from bot.chat.views import Views
from bot.engine.engine import Engine
from bot.engine.state import State
from bot.engine.turns import Erase, Input, Outcome
from bot.i18n.languages import DEFAULT, resolve
from bot.i18n.text import Text
from bot.i18n.translator import Translator, translator_for
from bot.reminders.optins import Schedule
from bot.reminders.plan import BirthMonth
from bot.reminders.store import OptIn, Scheduled
from bot.report.contract import record
from bot.scoring.answers import Answers, InvalidAnswer, parse_answers
from bot.scoring.assess import assess
from bot.scoring.model import Assessment
from bot.stats.figures import Stats
from bot.stats.period import Period
from bot.storage.store import Store, StoredAssessment, UserRecord
from bot.storage.writes import NewAssessment, Write

log = logging.getLogger(__name__)


class ConversationStore(Protocol):
    """What the use cases need from storage, no more (`bot.storage.store.Store` provides it)."""

    async def load(self, user_key: str) -> tuple[UserRecord, dict[str, Any] | None]: ...

    async def save(self, user_key: str, write: Write, *, update_id: int | None) -> None: ...

    async def delete_user(self, user_key: str, *, update_id: int | None) -> None: ...

    async def latest_assessment(self, user_key: str) -> StoredAssessment | None: ...

    async def user_data(self, user_key: str) -> dict[str, Any]: ...


class ReminderStore(Protocol):
    """What the chat needs of reminders (`bot.reminders.optins.OptIns` provides it)."""

    async def optin(self, user_key: str) -> OptIn | None: ...

    async def schedule(self, user_key: str, answers: dict[str, Any], day: date, language: str,
                       birth: BirthMonth | None) -> Schedule: ...

    async def replan(self, user_key: str, answers: dict[str, Any], day: date,
                     language: str) -> None: ...

    async def pending(self, user_key: str) -> list[Scheduled]: ...

    async def cancel(self, user_key: str, reminder_id: int) -> Scheduled | None: ...

    async def stop(self, user_key: str) -> bool: ...

    async def stop_asking(self, user_key: str) -> None: ...


@dataclass(frozen=True)
class Caller:
    """Who acts: a stable user key, their client's language tag, the update carrying the act."""

    user_key: str
    tag: str | None = None          # Telegram's language_code
    update_id: int | None = None    # recorded with the changes, so a redelivery is applied once


@dataclass(frozen=True)
class Deps:
    """The use cases' dependencies, passed explicitly."""

    store: ConversationStore
    feedback: Store                     # the same store, for `bot.storage.feedback`
    engine: Engine
    views: Views
    today: Callable[[], date]
    stats: Callable[[Period], Awaitable[Stats]]   # the admin's figures, off the event loop
    clock: Callable[[], float]          # seconds since the epoch (time.time)
    retention_days: int = 90            # idle users are purged after this (QMAS_RETENTION_DAYS)
    reminders: ReminderStore | None = None   # None: this front end cannot send reminders
    pdf: Callable[[bytes], Awaitable[bytes | None]] | None = None   # HTML → PDF (bot.report.pdf)
    help_lines: tuple[Text, ...] = ()   # /help's line for each command, from the registry


@dataclass
class Turn:
    """One update's context, loaded once: who, in which language, and where they are."""

    caller: Caller
    tr: Translator
    state: State
    stored: bool = True             # a questionnaire was stored before this update
    language_chosen: bool = False   # the user picked a language (or a deep link did)
    arg: str = ""                   # what followed a command's name ("/university MIT")
    asked_birth_month: bool = False  # reminders asked for it: the next typed text answers
    rated: bool = False             # they answered "was it useful?" (bot.chat.feedback)
    awaiting_reason: bool = False   # their next typed message is the reason for that answer

    @property
    def user_key(self) -> str:
        return self.caller.user_key


async def load_turn(deps: Deps, caller: Caller) -> Turn:
    """Load who the user is, their language and their place; writes nothing."""
    user, raw = await deps.store.load(caller.user_key)
    chosen = resolve(user.language) if user.language else None
    return Turn(caller, translator_for(chosen or resolve(caller.tag) or DEFAULT),
                deps.engine.repaired(State.from_json(raw)) if raw is not None else State(),
                stored=raw is not None, language_chosen=user.language is not None,
                asked_birth_month=user.asked_birth_month, rated=user.rated,
                awaiting_reason=user.awaiting_reason)


@dataclass(frozen=True)
class Extra:
    """What a use case saves beside the engine's outcome (a /start's language and campaign)."""

    language: str | None = None
    campaign: str | None = None
    touch: bool = False             # save even when nothing else changed (last seen)


def answers_of(state: State, day: date) -> Answers:
    """The answers so far as the contract reads them, for an application on `day`."""
    return parse_answers(dict(state.answers), day)


def assessment_of(state: State, day: date) -> Assessment:
    """The assessment of the answers so far, for an application on `day`."""
    return assess(answers_of(state, day), day)


async def _answers_changed(deps: Deps, turn: Turn, state: State) -> bool:
    """Whether these answers differ from the last recorded result's: a questionnaire completed
    again with the same answers (/back and the same reply, an unchanged /review) counts once."""
    latest = await deps.store.latest_assessment(turn.user_key)
    return latest is None or latest.answers != state.answers


async def _replan(reminders: ReminderStore, user_key: str, new: NewAssessment,
                  day: date) -> None:
    """A new result for a user with reminders: plan them again from the new answers."""
    try:
        await reminders.replan(user_key, new.answers, day, new.language)
    except InvalidAnswer as exc:      # their old plan stays; the result itself is saved
        log.warning("a user's reminders were not replanned: %s", exc)


@dataclass(frozen=True)
class Settled:
    """A turn applied and saved: the engine's outcome, the assessment it shows (when it shows
    the result) and whether a new result was recorded."""

    outcome: Outcome
    assessment: Assessment | None
    recorded: bool


async def settle(deps: Deps, turn: Turn, event: Input, extra: Extra = Extra()) -> Settled:
    """Apply `event` and save what changed in one transaction (or erase the user, when the
    outcome says so); nothing is shown yet."""
    tr, day = turn.tr, deps.today()
    outcome = deps.engine.apply(turn.state, event, tr, day,
                                None if turn.stored else int(deps.clock() * 1000))
    assessment = assessment_of(outcome.state, day) if outcome.result else None
    new: NewAssessment | None = None
    if assessment is not None and outcome.record_result \
            and await _answers_changed(deps, turn, outcome.state):
        new = NewAssessment(dict(outcome.state.answers), record(assessment), tr.language.code)
    if isinstance(outcome.act, Erase):
        await deps.store.delete_user(turn.user_key, update_id=turn.caller.update_id)
    elif outcome.changed or new is not None or extra.touch or extra.language or outcome.events:
        prompt = outcome.prompt
        await deps.store.save(turn.user_key, Write(
            state=outcome.state.to_json() if outcome.changed else None,
            current_question=prompt.question.id if prompt is not None else None,
            events=outcome.events, language=extra.language, campaign=extra.campaign,
            assessment=new), update_id=turn.caller.update_id)
    if new is not None and deps.reminders is not None:
        await _replan(deps.reminders, turn.user_key, new, day)
    return Settled(outcome, assessment, new is not None)


def shown(deps: Deps, turn: Turn, settled: Settled, *, lead: Sequence[Text] = (),
          toast: str | None = None, edit: Out | None = None) -> Response:
    """What the user sees of a settled turn; a new result is followed by "was it useful?"."""
    tr = turn.tr
    response = deps.views.turn(settled.outcome, tr, lead=lead, assessment=settled.assessment,
                               toast=toast, edit=edit)
    if settled.recorded and not turn.rated:
        response = replace(response, messages=(*response.messages, deps.views.rating(tr)))
    return response


async def play(deps: Deps, turn: Turn, event: Input, *, lead: Sequence[Text] = (),
               toast: str | None = None, edit: Out | None = None,
               extra: Extra = Extra()) -> Response:
    """Apply `event`, save what changed in one transaction, and render the outcome."""
    return shown(deps, turn, await settle(deps, turn, event, extra), lead=lead, toast=toast,
                 edit=edit)
