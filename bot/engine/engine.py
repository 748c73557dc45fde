"""The questionnaire engine: what to ask next, going back and changing, one call per turn.

Pure and synchronous: the chat service loads a `State`, calls `apply` once per turn, stores the
outcome's state and shows its prompt. Nothing here mutates its input. What a reply means is
`interpret`'s job and how it reads is the question's `Reader`: the engine knows no question.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from bot.engine import interpret, recording
from bot.engine.interpret import Decision
from bot.engine.options import Renderable
from bot.engine.questions import Question, Questionnaire
from bot.engine.readers import TRI_LABELS
from bot.engine.state import Candidates, Doubt, Refused, Selecting, State
from bot.engine.turns import (
    NEXT_STEPS,
    Aside,
    Back,
    Button,
    Change,
    Confirmed,
    Erase,
    Input,
    ListAnswers,
    Open,
    Outcome,
    Pressed,
    Prompt,
    Report,
    Restart,
    Result,
    Review,
    Section,
    SendReport,
    Show,
    Stale,
    Start,
    Typed,
)
from bot.i18n.text import Text, t
from bot.i18n.translator import Translator
from bot.replies import (
    parse_countries,
    parse_languages,
    parse_money,
    parse_number,
    parse_tri,
)
from bot.rules.universities import match_university
from bot.scoring.answers import InvalidAnswer, Tri

COMPLETE = t("Your questionnaire is complete. Send /result to see the result again, /review to "
             "change an answer, or /restart.")
STALE = t("That button belongs to an earlier message; here is the current question.")
PARTIAL_RESULT = t("This result uses your answers so far; unanswered questions count as "
                   "unknown.")
NOT_ANSWERED = t("You have not answered anything yet.")
OUTDATED = t("This result may be out of date: you have answered again since it was shown. Send "
             "/result to see the current one.")
NO_ANSWERS = t("Answer a few questions first: the report is made from your answers. Send /start.")
CONFIRMED = {"restart": t("Starting again."), "keep": t("Nothing was changed."),
             "delete": t("All your data has been deleted. Send /start to begin again.")}
OPENED = {NEXT_STEPS: ("opened_next_steps", None)}   # the openings the statistics count


@dataclass(frozen=True)
class Step:
    """A decision applied: the new state, or an error (state unchanged); maybe a notice."""

    state: State
    error: Text | None = None
    notice: Text | None = None
    understood: Text | None = None


class Engine:
    """Runs one questionnaire for any number of users; holds no per-user data."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire

    @staticmethod
    def warm_up(locales: Sequence[str]) -> None:
        """Build the parsers' and matcher's caches now (about 1 s), not on a user's first reply."""
        for locale in locales:
            parse_number("1", locale)
            parse_money("HKD 1", locale)
            parse_countries("India", locale)
            parse_languages("English", locale)
            parse_tri("yes", locale)
        match_university("MIT")
        match_university("University of Nowhere")   # a miss builds the rest of the matcher

    # --- where are we -------------------------------------------------------------------

    def applicable(self, answers: dict[str, object]) -> list[Question]:
        """The questions that apply given these answers, in order."""
        return recording.applicable(self.questionnaire, answers)

    def repaired(self, state: State) -> State:
        """A stored state with contradicting answers dropped (`recording.repaired`)."""
        return recording.repaired(self.questionnaire, state)

    def current(self, state: State) -> Question | None:
        """The question to ask now, or None when the questionnaire is complete."""
        if state.pending is not None:
            return self.questionnaire.question(state.pending.question)
        if state.reopened is not None:
            return self.questionnaire.question(state.reopened)
        if self.questionnaire.stop_when(state.answers):
            return None
        answers = state.answers
        return next((q for q in self.questionnaire.questions
                     if not state.asked(q.id) and q.when(answers)), None)

    def progress(self, state: State, question: Question) -> tuple[int, int]:
        """("Question N of about M"): asked so far, plus what may still apply."""
        answers = state.answers
        verdicts = [(q.id, *q.when.both(answers)) for q in self.questionnaire.questions]
        questions = [(qid, applies) for qid, applies, might in verdicts if might]
        index = next((i for i, (qid, _) in enumerate(questions) if qid == question.id), None)
        if index is None:
            return len(questions) + 1, len(questions) + 1
        # Its place in questionnaire order (also right for a question reopened from /review),
        # counting before it only questions that do apply: one whose inputs were skipped only
        # "might apply" and was never asked, so the number does not jump over it.
        before = sum(applies for _, applies in questions[:index])
        return before + 1, before + len(questions) - index

    def prompt(self, state: State, day: date) -> Prompt | None:
        """The current question with its buttons, or None when complete."""
        return self._prompt(state, self.current(state), day)

    def _prompt(self, state: State, question: Question | None, day: date) -> Prompt | None:
        if question is None:
            return None
        number, total = self.progress(state, question)
        pending = state.pending
        shown = interpret.buttons(question, pending)
        if isinstance(pending, Candidates | Doubt | Refused):
            return Prompt(question, interpret.asked(question, pending, state.answers, day), None,
                          number, total, shown)
        previous = None
        if question.id in state.answers:
            previous = self.display(question, state.answers[question.id])
        return Prompt(question, question.prompt, question.help, number, total, shown, previous,
                      typed=question.reader.typed)

    # --- one turn ------------------------------------------------------------------------

    def apply(self, state: State, event: Input, tr: Translator, day: date,
              new_revision: int | None = None) -> Outcome:
        """Apply what the user did to `state`: the one call a chat turn makes.

        `tr` is the user's translator (replies are read in their language's conventions) and
        `day` the day of the answer (limits such as "not after this year" depend on it).
        `new_revision` is None when `state` is stored; else a questionnaire this turn begins
        starts at that revision (the clock in ms), so buttons from before a /delete stay stale.
        """
        outcome = self._apply(state, event, tr, day, stored=new_revision is None)
        if new_revision is None or not (outcome.changed or isinstance(event, Start)):
            return outcome
        begun = replace(outcome.state, revision=outcome.state.revision + new_revision)
        return replace(outcome, state=begun, changed=True,
                       events=(("started", None), *outcome.events))

    def _apply(self, state: State, event: Input, tr: Translator, day: date,
               stored: bool) -> Outcome:
        question = self.current(state)
        if isinstance(event, Typed):
            if question is None:
                return Outcome(state, None, say=(COMPLETE,))
            decision = interpret.typed(question, state.pending, event.text[:500], tr, day,
                                       state.answers)
            return self._answered(state, question, self._decide(state, question, decision, day),
                                  day)
        if isinstance(event, Pressed):
            return self._press(state, question, event, day)
        if isinstance(event, Back):
            if not state.history and state.pending is None and state.reopened is None:
                return Outcome(state, self._prompt(state, question, day),
                               say=(t("This is the first question."),))
            return self._back(state, day)
        if isinstance(event, Change):
            if event.question_id not in {q.id for q, _ in self.review(state)}:
                return self._stale(state, question, day)
            return self._moved(recording.reopen(self.questionnaire, state, event.question_id),
                               ("changed", event.question_id), day)
        if isinstance(event, Restart):
            return self._moved(recording.restart(state), ("restarted", None), day)
        if isinstance(event, Confirmed | Open):
            return self._stamped(state, question, event, day)
        if isinstance(event, Stale):
            return self._stale(state, question, day)
        prompt = self._prompt(state, question, day)
        if isinstance(event, Result):
            if not state.answers:   # a result of twelve unknowns tells nothing
                return self._shown(state, prompt, lead=(NOT_ANSWERED,))
            return Outcome(state, prompt, say=() if prompt is None else (PARTIAL_RESULT,),
                           result=True)
        if isinstance(event, Aside):
            return Outcome(state, prompt if stored else None)
        if isinstance(event, Report):
            if not state.answers:
                return Outcome(state, None, say=(NO_ANSWERS,))
            return Outcome(state, None, act=SendReport(unfinished=question is not None),
                           events=(("opened_report", None),))
        if isinstance(event, Review):
            answered = tuple(self.review(state))
            if answered:
                return Outcome(state, None, act=ListAnswers(answered))
            return self._shown(state, prompt, lead=(NOT_ANSWERED,))
        return self._shown(state, prompt, result=isinstance(event, Show) and event.result)

    @staticmethod
    def _shown(state: State, prompt: Prompt | None, result: bool = False,
               lead: tuple[Text, ...] = ()) -> Outcome:
        """Where the user is: the question, else the result when asked for (`result`), else
        that the questionnaire is complete."""
        if prompt is None and not result:
            return Outcome(state, None, say=(*lead, COMPLETE))
        return Outcome(state, prompt, say=lead, result=prompt is None)

    def _stamped(self, state: State, question: Question | None, event: Confirmed | Open,
                 day: date) -> Outcome:
        """A confirmation's or a result's button: stale unless this very state drew it."""
        if isinstance(event, Confirmed):
            if event.revision != state.revision or event.what not in CONFIRMED:
                return self._stale(state, question, day)
            done = CONFIRMED[event.what]
            if event.what == "restart":
                return replace(self._moved(recording.restart(state), ("restarted", None), day),
                               edit=done)
            if event.what == "delete":
                return Outcome(state, None, toast=done, edit=done, act=Erase())
            return replace(self._shown(state, self._prompt(state, question, day)), edit=done)
        if event.revision < state.revision and state.answers:   # answered again since then
            return Outcome(state, None, edit=OUTDATED)
        if event.revision != state.revision or event.name not in event.offered \
                or not state.answers:
            return self._stale(state, question, day)
        opened = OPENED.get(event.name)
        return Outcome(state, None, act=Section(event.name),
                       events=() if opened is None else (opened,))

    def _back(self, state: State, day: date) -> Outcome:
        """/back: the last answer undone (or a pending confirmation dropped) and its question
        asked again, showing the answer undone."""
        undone = state.history[-1] if state.pending is None and state.reopened is None else None
        said = {q.id: shown for q, shown in self.review(state)}.get(undone or "")
        moved = self._moved(recording.back(self.questionnaire, state), ("back", None), day)
        if said is None or moved.prompt is None or moved.prompt.question.id != undone:
            return moved
        return replace(moved, prompt=replace(moved.prompt, previous=said))

    def _moved(self, new: State, event: tuple[str, str | None], day: date) -> Outcome:
        prompt = self.prompt(new, day)
        return Outcome(new, prompt, say=() if prompt is not None else (COMPLETE,),
                       events=(event,), changed=True)

    def _stale(self, state: State, question: Question | None, day: date) -> Outcome:
        """Nothing changes; the question on screen is shown again with a toast saying why
        (after the questionnaire, only the toast: the result is not sent again unasked)."""
        prompt = self._prompt(state, question, day)
        return Outcome(state, prompt, toast=STALE if prompt is not None else COMPLETE)

    def _answered(self, state: State, question: Question, step: Step, day: date,
                  answered: Prompt | None = None, pressed: Button | None = None) -> Outcome:
        """A reply was read: refused (nothing changes) or recorded (saved, maybe complete)."""
        if step.error is not None:
            return Outcome(state, self._prompt(state, question, day), say=(step.error,))
        prompt = self.prompt(step.state, day)
        notice = () if step.notice is None else (step.notice,)
        events = (("answered", question.id),)
        if prompt is None:   # complete: the result follows what was said
            understood = () if step.understood is None else (step.understood,)
            return Outcome(step.state, None, say=(*understood, *notice), result=True,
                           record_result=True, events=events, changed=True,
                           answered=answered, pressed=pressed)
        return Outcome(step.state, prompt, say=notice, understood=step.understood,
                       events=events, changed=True, answered=answered, pressed=pressed)

    def _press(self, state: State, question: Question | None, press: Pressed,
               day: date) -> Outcome:
        """A pressed button: stale unless it belongs to the prompt on screen right now."""
        prompt = self._prompt(state, question, day)
        if question is not None and prompt is not None \
                and self._quick_toggle(state, question, press):
            if isinstance(state.pending, Selecting) and press.action == state.pending.toggled:
                # The second tap of a double tap: show the selection as it is now.
                button = next((b for b in prompt.buttons if b.action == press.action), None)
                return Outcome(state, prompt, redraw=True,
                               toast=None if button is None else button.label)
            press = Pressed(state.revision, press.action)   # another option, tapped quickly
        if question is None or prompt is None or press.revision != state.revision:
            return self._stale(state, question, day)
        button = next((b for b in prompt.buttons if b.action == press.action), None)
        if button is None:
            return self._stale(state, question, day)
        decision = interpret.pressed(question, state.pending, press.action, day)
        step = self._decide(state, question, decision, day)
        pending = step.state.pending
        if step.error is None and isinstance(pending, Selecting) \
                and pending.question == question.id:
            # A multi-choice toggle: the same question, redrawn in place; the toast says the
            # option's new state.
            redrawn = self._prompt(step.state, question, day)
            assert redrawn is not None
            now = next(b for b in redrawn.buttons if b.action == press.action)
            return Outcome(step.state, redrawn, changed=True, redraw=True, toast=now.label)
        if question.reader.several and step.error is None and question.id in step.state.answers:
            # Done: the pressed message shows what was chosen, not "Done".
            button = Button(self.display(question, step.state.answers[question.id]),
                            button.action)
        return self._answered(state, question, step, day, prompt, button)

    @staticmethod
    def _quick_toggle(state: State, question: Question, press: Pressed) -> bool:
        """A toggle pressed on the selection one tap ago (a double tap, or two fast taps)."""
        pending = state.pending
        return (press.revision == state.revision - 1 and isinstance(pending, Selecting)
                and press.action.isdecimal() and pending.question == question.id)

    # --- displaying answers --------------------------------------------------------------

    def display(self, question: Question, value: object) -> Renderable:
        """An answer as the user would say it (a value the translator renders)."""
        return question.reader.display(value)

    def review(self, state: State) -> list[tuple[Question, Renderable]]:
        """Every question asked so far with the answer given."""
        out: list[tuple[Question, Renderable]] = []
        for q in self.applicable(state.answers):
            if q.id in state.answers:
                out.append((q, self.display(q, state.answers[q.id])))
            elif q.id in state.not_sure:
                out.append((q, TRI_LABELS[Tri.UNSURE]))
        return out

    # --- internals ----------------------------------------------------------------------

    def _decide(self, state: State, question: Question, decision: Decision, day: date) -> Step:
        """Apply an interpreted reply: refuse it, wait for more, or record it (validated)."""
        if decision.error is not None:
            return Step(state, error=decision.error)
        if decision.redo:
            new = state.copy()
            new.pending = None
            new.revision += 1
            return Step(new)
        if decision.change is not None:
            return Step(recording.reopen(self.questionnaire, state, decision.change))
        if decision.pending is not None:
            new = state.copy()
            new.pending = decision.pending
            new.revision += 1
            return Step(new)
        if decision.not_sure:
            return Step(recording.record(self.questionnaire, state, question, None),
                        understood=decision.understood)
        try:   # the questionnaire's validation (the contract's) is the last word
            self.questionnaire.validate(question.id, decision.value, day)
        except InvalidAnswer:
            return Step(state, error=question.reader.range_error(day))
        if question.refuse is not None \
                and (reason := question.refuse(decision.value, state.answers, day)) is not None:
            if question.corrects is None or question.corrects not in state.answers:
                return Step(state, error=reason)
            new = state.copy()     # asked with buttons: change that answer, or retype
            new.pending = Refused(question.id, decision.value, question.corrects)
            new.revision += 1
            return Step(new)
        doubt = None if decision.confirmed or question.check is None \
            else question.check(decision.value, state.answers, day)
        if doubt is not None:
            new = state.copy()
            new.pending = Doubt(question.id, decision.value)
            new.revision += 1
            return Step(new)
        notice = decision.notice
        if self.questionnaire.conflicts({**state.answers, question.id: decision.value}):
            notice = t("Some of your later answers no longer fit this one; please answer them "
                       "again.")
        recorded = recording.record(self.questionnaire, state, question, decision.value)
        return Step(recorded, notice=notice, understood=decision.understood)
