"""A user's place in a questionnaire, as plain data that storage can keep as JSON.

Nothing here is rendered text: what a pending question says is worked out again from the
question each time it is shown, so an edited sentence never resurfaces from a saved state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class Candidates:
    """"Did you mean …?": names found for what was typed, to choose from."""

    kind: ClassVar[str] = "candidates"
    question: str
    typed: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Selecting:
    """A multi-choice being composed with buttons, before Done."""

    kind: ClassVar[str] = "selecting"
    question: str
    selection: tuple[str, ...] = ()
    toggled: str = ""             # the last option toggled (its action): a double tap shows it


@dataclass(frozen=True)
class Doubt:
    """An odd answer (the question's `check` finds it unlikely) awaiting "yes, that's right"."""

    kind: ClassVar[str] = "doubt"
    question: str
    value: Any


@dataclass(frozen=True)
class Refused:
    """An answer the question's `refuse` contradicts with an earlier one: change that one
    (`fix`) or type it again."""

    kind: ClassVar[str] = "refused"
    question: str
    value: Any
    fix: str


Pending = Candidates | Selecting | Doubt | Refused


def pending_to_json(pending: Pending) -> dict[str, Any]:
    """One mode as JSON, tagged by its `kind`."""
    if isinstance(pending, Candidates):
        fields: dict[str, Any] = {"typed": pending.typed, "names": list(pending.names)}
    elif isinstance(pending, Selecting):
        fields = {"selection": list(pending.selection), "toggled": pending.toggled}
    elif isinstance(pending, Doubt):
        fields = {"value": pending.value}
    else:
        fields = {"value": pending.value, "fix": pending.fix}
    return {"kind": pending.kind, "question": pending.question, **fields}


def pending_from_json(data: dict[str, Any]) -> Pending | None:
    """A mode back from `pending_to_json`, or from the untagged shape saved before modes had a
    kind (one record of every field; a refusal kept only its text: it is asked again)."""
    question = data["question"]
    kind = data.get("kind")
    if kind == Candidates.kind:
        return Candidates(question, data["typed"], tuple(data["names"]))
    if kind == Selecting.kind:
        return Selecting(question, tuple(data["selection"]), data["toggled"])
    if kind == Doubt.kind:
        return Doubt(question, data["value"])
    if kind == Refused.kind:
        return Refused(question, data["value"], data["fix"])
    if data.get("candidates"):
        return Candidates(question, data.get("typed", ""), tuple(data["candidates"]))
    if data.get("doubt"):
        return None if data.get("fix") else Doubt(question, data.get("unconfirmed"))
    return Selecting(question, tuple(data.get("selection", ())), data.get("toggled", ""))


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
        containers are new; answer values and the (frozen) pending mode are shared, as they
        are replaced, never edited."""
        return State(dict(self.answers), list(self.not_sure), list(self.history), self.pending,
                     self.reopened, self.revision)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data; written by hand because `dataclasses.asdict` deep-copies slowly.

        `not_sure` is stored under its first name, "unsure", so saved states stay readable.
        """
        pending = self.pending
        return {"answers": dict(self.answers), "unsure": list(self.not_sure),
                "history": list(self.history),
                "pending": None if pending is None else pending_to_json(pending),
                "reopened": self.reopened, "revision": self.revision}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> State:
        pending = data.get("pending")
        return cls(answers=dict(data.get("answers", {})), not_sure=list(data.get("unsure", [])),
                   history=list(data.get("history", [])),
                   pending=pending_from_json(pending) if pending else None,
                   reopened=data.get("reopened"),
                   revision=int(data.get("revision", 0)))
