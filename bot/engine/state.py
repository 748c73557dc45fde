"""A user's place in a questionnaire, as plain data that storage can keep as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass
class Pending:
    """A reply awaiting confirmation ("Did you mean …?") or a multi-choice being composed."""

    question: str
    typed: str = ""
    candidates: list[str] = field(default_factory=list)
    selection: list[str] = field(default_factory=list)
    unconfirmed: Any = None                               # an odd answer awaiting "yes, right"
    doubt: list[Any] = field(default_factory=list)        # [msgid, {name: JSON value}] asked
    fix: str | None = None                                # refused: offer to change this one
    toggled: str = ""                                     # the last option toggled (its action)


@dataclass
class State:
    """Answers so far (the contract's JSON values) and what is needed to go back or resume."""

    answers: dict[str, Any] = field(default_factory=dict)
    not_sure: list[str] = field(default_factory=list)    # asked, answered "not sure": no value
    history: list[str] = field(default_factory=list)     # question ids in the order answered
    pending: Pending | None = None
    reopened: str | None = None                          # an answered question asked again
    revision: int = 0                                    # bumps on every change: stale buttons

    def asked(self, question_id: str) -> bool:
        return question_id in self.answers or question_id in self.not_sure

    def copy(self) -> State:
        """A copy to change, much cheaper than `copy.deepcopy` (run on every answer): the
        containers are new; answer values are shared, as an answer is replaced, never edited."""
        pending = self.pending
        return State(dict(self.answers), list(self.not_sure), list(self.history),
                     None if pending is None else replace(
                         pending, candidates=list(pending.candidates),
                         selection=list(pending.selection), doubt=list(pending.doubt)),
                     self.reopened, self.revision)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data; written by hand because `dataclasses.asdict` deep-copies slowly.

        `not_sure` is stored under its first name, "unsure", so saved states stay readable.
        """
        pending = self.pending
        return {"answers": dict(self.answers), "unsure": list(self.not_sure),
                "history": list(self.history),
                "pending": None if pending is None else {
                    "question": pending.question, "typed": pending.typed,
                    "candidates": list(pending.candidates),
                    "selection": list(pending.selection),
                    "unconfirmed": pending.unconfirmed, "doubt": list(pending.doubt),
                    "fix": pending.fix, "toggled": pending.toggled},
                "reopened": self.reopened, "revision": self.revision}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> State:
        pending = data.get("pending")
        return cls(answers=dict(data.get("answers", {})), not_sure=list(data.get("unsure", [])),
                   history=list(data.get("history", [])),
                   pending=Pending(**pending) if pending else None,
                   reopened=data.get("reopened"),
                   revision=int(data.get("revision", 0)))
