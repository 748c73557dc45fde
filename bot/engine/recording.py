"""A state's answers kept consistent: recording an answer, and dropping the answers that stop
applying or contradict a changed one, so those questions are asked again; going back, reopening
an answered question, starting again."""

from __future__ import annotations

from bot.engine.questions import Question, Questionnaire
from bot.engine.state import State


def applicable(questionnaire: Questionnaire, answers: dict[str, object]) -> list[Question]:
    """The questions that apply given these answers, in order."""
    return [q for q in questionnaire.questions if q.when(answers)]


def record(questionnaire: Questionnaire, state: State, question: Question,
           value: object) -> State:
    """Record an answer (None: "not sure", left unanswered) and move on."""
    new = state.copy()
    new.answers.pop(question.id, None)
    new.not_sure = [q for q in new.not_sure if q != question.id]
    if value is None:
        new.not_sure.append(question.id)
    else:
        new.answers[question.id] = value
    if question.id not in new.history:   # a changed answer keeps its place for /back
        new.history.append(question.id)
    new.pending = None
    new.reopened = None
    new.revision += 1
    _prune(questionnaire, new)
    _drop_conflicts(questionnaire, new)
    return new


def back(questionnaire: Questionnaire, state: State) -> State:
    """Undo the last answer (or drop a pending confirmation) and ask that question again."""
    new = state.copy()
    if new.pending is not None:
        new.pending = None
    elif new.reopened is not None:
        new.reopened = None
    elif new.history:
        forget(questionnaire, new, new.history.pop())
    new.revision += 1
    return new


def reopen(questionnaire: Questionnaire, state: State, question_id: str) -> State:
    """Ask an earlier question again; answers that stop applying are dropped afterwards."""
    questionnaire.question(question_id)
    new = state.copy()
    new.pending = None
    new.reopened = question_id
    new.revision += 1
    return new


def restart(state: State) -> State:
    """A fresh start; the revision keeps increasing so old buttons stay stale."""
    return State(revision=state.revision + 1)


def repaired(questionnaire: Questionnaire, state: State) -> State:
    """A stored state without contradicting answers (saved before they were checked): those
    are asked again, so every assessment sees consistent answers."""
    if not questionnaire.conflicts(state.answers):
        return state
    new = state.copy()
    _drop_conflicts(questionnaire, new)
    return new


def forget(questionnaire: Questionnaire, state: State, question_id: str) -> None:
    """Drop one answer, and the answers that stop applying without it."""
    state.answers.pop(question_id, None)
    state.not_sure = [q for q in state.not_sure if q != question_id]
    _prune(questionnaire, state)


def _drop_conflicts(questionnaire: Questionnaire, state: State) -> None:
    for part in questionnaire.conflicts(state.answers):
        forget(questionnaire, state, part)     # no longer fits a changed answer: asked again
        state.history = [q for q in state.history if q != part]


def _prune(questionnaire: Questionnaire, state: State) -> None:
    """Drop answers to questions that no longer apply (after a changed earlier answer)."""
    keep = {q.id for q in applicable(questionnaire, state.answers)}
    for key in [k for k in state.answers if k not in keep]:
        del state.answers[key]
    state.not_sure = [q for q in state.not_sure if q in keep]
    state.history = [q for q in state.history if q in keep]
