"""The vocabulary of declarative questionnaires: questions, conditions and the questionnaire.

Definitions live in `conversations/`; this module only says what a definition may contain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from bot.engine.options import Answers
from bot.engine.readers import Reader
from bot.i18n.text import Text


@dataclass(frozen=True)
class Condition:
    """When a question applies, given the answers so far: a missing input counts as
    `if_missing`. `both` also answers "might it apply?" (yes while an input is missing), which
    the progress estimate needs."""

    test: Callable[[Answers], bool]
    keys: tuple[str, ...]
    if_missing: bool = False

    def __call__(self, answers: Answers) -> bool:
        return self.both(answers)[0]

    def both(self, answers: Answers) -> tuple[bool, bool]:
        """(applies, might apply) in one evaluation: the progress estimate needs both."""
        for key in self.keys:   # a loop, not any(): this runs for every question on every turn
            if answers.get(key) is None:
                return self.if_missing, True
        applies = self.test(answers)
        return applies, applies


ALWAYS = Condition(lambda _answers: True, ())


def is_one_of(key: str, *values: object) -> Condition:
    """The answer to `key` is one of `values`."""
    return Condition(lambda a: a[key] in values, (key,))


def is_not(key: str, *values: object) -> Condition:
    """The answer to `key` is given and is none of `values`."""
    return Condition(lambda a: a[key] not in values, (key,))


def _number(answers: Answers, key: str) -> float:
    value = answers[key]
    return float(value) if isinstance(value, int | float) else 0.0


def above(key: str, limit: float) -> Condition:
    """The number answered to `key` exceeds `limit`; asked anyway after "not sure"."""
    return Condition(lambda a: _number(a, key) > limit, (key,), if_missing=True)


def at_least(key: str, limit: float) -> Condition:
    """The number answered to `key` is `limit` or more; not asked after "not sure", for a
    question that only such a number makes matter."""
    return Condition(lambda a: _number(a, key) >= limit, (key,))


def below(key: str, limit: float) -> Condition:
    """The number answered to `key` is under `limit`; asked anyway after "not sure"."""
    return Condition(lambda a: _number(a, key) < limit, (key,), if_missing=True)


def all_of(*conditions: Condition) -> Condition:
    """Every condition holds."""
    return Condition(lambda a: all(c(a) for c in conditions),
                     tuple(k for c in conditions for k in c.keys),
                     if_missing=all(c.if_missing for c in conditions))


@dataclass(frozen=True)
class Question:
    """One question: the answer key it fills, how to ask it, and the reader of its replies."""

    id: str
    reader: Reader
    prompt: Text
    help: Text
    when: Condition = ALWAYS
    offer_unsure: bool = True   # a "Not sure" button (see `Reader.unsure_value`)
    # Said to a typed "not sure" where none is offered, instead of reading it as an answer.
    unsure_refused: Text | None = None
    # An answer that is possible but unlikely (age 15, 40 years of work at 30) is asked about,
    # with buttons, before it is kept: `check(value, answers so far, day)` says what is odd.
    check: Callable[[object, Answers, date], Text | None] | None = None
    # An answer that contradicts earlier ones (a part larger than its total) is refused with
    # `refuse(value, answers so far, day)`'s reason.
    refuse: Callable[[object, Answers, date], Text | None] | None = None
    corrects: str | None = None   # the earlier question a refusal offers to change, by button


@dataclass(frozen=True)
class Questionnaire:
    """An ordered list of questions, an early stop (e.g. an excluded nationality), and the
    validation every answer passes before it is kept (`validate(key, value, day)` raises)."""

    id: str
    questions: tuple[Question, ...]
    validate: Callable[[str, object, date], object]
    stop_when: Condition = field(default=Condition(lambda _a: False, ()))
    # Answers that contradict each other (a part larger than its total): the questions to ask
    # again when an earlier answer changed, and to refuse when answered so.
    conflicts: Callable[[Answers], tuple[str, ...]] = lambda _a: ()

    def question(self, question_id: str) -> Question:
        """The question with this id; `KeyError` when there is none."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)
