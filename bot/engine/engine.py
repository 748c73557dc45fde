"""The questionnaire engine: what to ask next, how to read a reply, going back and changing.

Pure and synchronous: a front end loads a `State`, calls one method, stores the returned state
and shows the returned prompt. Every method returns a new state and leaves its input untouched.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bot.engine.parsing import (
    ParseError,
    parse_countries,
    parse_languages,
    parse_money,
    parse_number,
    parse_tri,
)
from bot.engine.questions import Kind, Question, Questionnaire
from bot.engine.state import Pending, State
from bot.i18n.text import Checked, CountryName, LanguageName, Text, join, t
from bot.i18n.translator import Translator
from bot.rules.business_schools import match_business_school
from bot.rules.currency import Money
from bot.rules.universities import match_university, normalise
from bot.scoring.answers import InvalidAnswer, Tri, parse_answer

UNSURE = "u"
DONE = "done"
NONE_OF_THESE = "x"


@dataclass(frozen=True)
class Button:
    """A choice the front end shows as a button (Telegram) or a numbered line (terminal)."""

    label: object   # anything the translator renders: Text, CountryName, a name…
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
    previous: object = None   # the earlier answer, when the question is asked again


@dataclass(frozen=True)
class Step:
    """The result of handling a reply: the new state, plus an error or a notice to show first."""

    state: State
    error: Text | None = None
    notice: Text | None = None

    @property
    def accepted(self) -> bool:
        return self.error is None


TRI_LABELS = {Tri.YES: t("Yes"), Tri.NO: t("No"), Tri.UNSURE: t("Not sure")}


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

    # --- where are we -------------------------------------------------------------------

    def applicable(self, answers: dict[str, object], *, optimistic: bool = False) -> list[Question]:
        """The questions that apply given these answers, in order."""
        return [q for q in self.questionnaire.questions if q.when(answers, optimistic=optimistic)]

    def current(self, state: State) -> Question | None:
        """The question to ask now, or None when the questionnaire is complete."""
        if state.pending is not None:
            return self.questionnaire.question(state.pending.question)
        if state.reopened is not None:
            return self.questionnaire.question(state.reopened)
        if self.questionnaire.stop_when(state.answers):
            return None
        return next((q for q in self.applicable(state.answers) if not state.asked(q.id)), None)

    def progress(self, state: State, question: Question) -> tuple[int, int]:
        """("Question N of about M"): asked so far, plus what may still apply."""
        questions = self.applicable(state.answers, optimistic=True)
        asked = sum(state.asked(q.id) for q in questions if q.id != question.id)
        remaining = sum(not state.asked(q.id) or q.id == question.id for q in questions)
        return asked + 1, asked + max(remaining, 1)

    def prompt(self, state: State) -> Prompt | None:
        """The current question with its buttons, or None when complete."""
        question = self.current(state)
        if question is None:
            return None
        number, total = self.progress(state, question)
        pending = state.pending
        previous = None
        if question.id in state.answers:
            previous = self.display(question, state.answers[question.id])
        if pending is not None and pending.candidates:
            return Prompt(question, self._confirm_text(question, pending), None, number, total,
                          self._candidate_buttons(question, pending))
        return Prompt(question, question.prompt, question.help, number, total,
                      self._buttons(question, pending), previous)

    # --- moving around -------------------------------------------------------------------

    def back(self, state: State) -> State:
        """Undo the last answer (or drop a pending confirmation) and ask that question again."""
        new = copy.deepcopy(state)
        if new.pending is not None:
            new.pending = None
        elif new.reopened is not None:
            new.reopened = None
        elif new.history:
            self._forget(new, new.history.pop())
        new.revision += 1
        return new

    def change(self, state: State, question_id: str) -> State:
        """Ask an earlier question again; answers that stop applying are dropped afterwards."""
        self.questionnaire.question(question_id)
        new = copy.deepcopy(state)
        new.pending = None
        new.reopened = question_id
        new.revision += 1
        return new

    def restart(self, state: State) -> State:
        """A fresh start; the revision keeps increasing so old buttons stay stale."""
        return State(revision=state.revision + 1)

    # --- handling replies ----------------------------------------------------------------

    def handle_text(self, state: State, text: str, tr: Translator, day: date) -> Step:
        """A typed reply to the current question (or to a pending confirmation).

        `tr` is the user's translator: replies are read in their language's conventions.
        """
        locale = str(tr.locale)
        question = self.current(state)
        if question is None:
            return Step(state, error=t("The questionnaire is complete: send /result to see your "
                                       "result, or /restart to begin again."))
        text = text.strip()
        if not text:
            return Step(state, error=t("Please type an answer, or use the buttons."))
        if state.pending is not None and state.pending.candidates:
            return self._confirm_by_text(state, question, text, locale, day)
        try:
            if question.unsure and question.kind is not Kind.TRI \
                    and parse_tri(text, locale) is Tri.UNSURE:
                return self._mark_unsure(state, question)
            return self._accept_text(state, question, text, tr, day)
        except ParseError as exc:
            return Step(state, error=exc.message)
        except InvalidAnswer:
            return Step(state, error=self._range_error(question))

    def handle_button(self, state: State, action: str, day: date) -> Step:
        """A pressed button of the current prompt (the front end checked it is not stale)."""
        question = self.current(state)
        if question is None:
            return Step(state, error=t("The questionnaire is complete: send /result to see your "
                                       "result, or /restart to begin again."))
        pending = state.pending
        if pending is not None and pending.candidates:
            return self._resolve_pending(state, question, pending, action, day)
        if action == UNSURE and question.unsure:
            if question.kind is Kind.TRI:
                return self._store(state, question, Tri.UNSURE.value, day)
            return self._mark_unsure(state, question)
        if question.kind is Kind.MULTI:
            return self._toggle(state, question, action, day)
        options = self._options(question)
        if action.isdigit() and int(action) < len(options):
            return self._store(state, question, options[int(action)][0], day)
        return Step(state, error=t("That button is no longer valid; here is the current "
                                   "question."))

    # --- displaying answers --------------------------------------------------------------

    def display(self, question: Question, value: object) -> object:
        """An answer as the user would say it (a value the translator renders)."""
        if question.kind is Kind.TRI and isinstance(value, str) \
                and value in Tri._value2member_map_:
            return TRI_LABELS[Tri(value)]
        for option_value, label in self._options(question):
            if option_value == value:
                return label
        if question.kind is Kind.COUNTRY and isinstance(value, str):
            return CountryName(value)
        if question.kind is Kind.MULTI and isinstance(value, list):
            return join(*(LanguageName(c) for c in value))
        if question.kind is Kind.MONEY and isinstance(value, dict):
            return Money(Decimal(str(value["amount"])), value["currency"])
        return str(value) if question.kind is Kind.YEAR else value

    def review(self, state: State) -> list[tuple[Question, object]]:
        """Every question asked so far with the answer given."""
        out: list[tuple[Question, object]] = []
        for q in self.applicable(state.answers):
            if q.id in state.answers:
                out.append((q, self.display(q, state.answers[q.id])))
            elif q.id in state.unsure:
                out.append((q, TRI_LABELS[Tri.UNSURE]))
        return out

    # --- internals ----------------------------------------------------------------------

    def _options(self, question: Question) -> list[tuple[object, Text]]:
        if question.kind is Kind.TRI:
            return [(Tri.YES.value, TRI_LABELS[Tri.YES]), (Tri.NO.value, TRI_LABELS[Tri.NO])]
        return [(o.value, o.label) for o in question.options]

    def _buttons(self, question: Question, pending: Pending | None) -> tuple[Button, ...]:
        if question.kind is Kind.MULTI:
            chosen = set(pending.selection if pending else [])
            toggles = [Button(Checked(o.label) if o.value in chosen else o.label, str(i))
                       for i, o in enumerate(question.options)]
            return (*toggles, Button(t("Done"), DONE))
        buttons = [Button(label, str(i)) for i, (_, label) in enumerate(self._options(question))]
        if question.unsure:
            buttons.append(Button(TRI_LABELS[Tri.UNSURE], UNSURE))
        return tuple(buttons)

    def _candidate_buttons(self, question: Question, pending: Pending) -> tuple[Button, ...]:
        if len(pending.candidates) == 1:
            buttons = [Button(TRI_LABELS[Tri.YES], "0")]
        else:
            buttons = [Button(CountryName(c) if question.kind is Kind.COUNTRY else c, str(i))
                       for i, c in enumerate(pending.candidates)]
        if question.kind is Kind.UNIVERSITY:
            buttons.append(Button(t("No: keep what I typed") if len(pending.candidates) == 1
                                  else t("None of these: keep what I typed"), NONE_OF_THESE))
        return tuple(buttons)

    def _confirm_text(self, question: Question, pending: Pending) -> Text:
        if len(pending.candidates) == 1:
            label: object = pending.candidates[0]
            if question.kind is Kind.COUNTRY:
                label = CountryName(pending.candidates[0])
            return t("Did you mean {candidate}?", candidate=label)
        return t("Which one do you mean by “{typed}”?", typed=pending.typed)

    def _range_error(self, question: Question) -> Text:
        low, high = question.minimum, question.maximum
        if low is not None and high is not None:
            if question.kind is Kind.YEAR:   # 2026, not "2,026"
                return t("Please send a number from {minimum} to {maximum}.",
                         minimum=str(low), maximum=str(high))
            return t("Please send a number from {minimum} to {maximum}.",
                     minimum=low, maximum=high)
        return t("That answer is out of range; please check it.")

    def _accept_text(self, state: State, question: Question, text: str, tr: Translator,
                     day: date) -> Step:
        kind = question.kind
        locale = str(tr.locale)
        chosen = None if kind is Kind.MULTI else self._option_named(question, text, tr)
        if chosen is not None:
            return self._store(state, question, chosen, day)
        if kind in (Kind.CHOICE, Kind.TRI):
            return self._choose_by_text(state, question, text, locale, day)
        if kind in (Kind.WHOLE, Kind.YEAR, Kind.NUMBER):
            return self._number(state, question, text, locale, day)
        if kind is Kind.MONEY:
            money = parse_money(text, locale)
            value = {"amount": _json_number(money.amount), "currency": money.currency}
            return self._store(state, question, value, day)
        if kind is Kind.COUNTRY:
            return self._country(state, question, text, locale, day)
        if kind is Kind.MULTI:
            chosen = state.pending.selection if state.pending else []
            codes = list(dict.fromkeys([*chosen, *parse_languages(text, locale)]))
            return self._store(state, question, codes, day)
        return self._university(state, question, text, day)

    def _option_named(self, question: Question, text: str, tr: Translator) -> object:
        """The value of the option whose label (translated or English) was typed, if any."""
        typed = normalise(text)
        for value, label in self._options(question):
            if typed in (normalise(tr(label)), normalise(label.msgid)):
                return value
        return None

    def _choose_by_text(self, state: State, question: Question, text: str, locale: str,
                        day: date) -> Step:
        options = self._options(question)
        if text.isdigit() and 1 <= int(text) <= len(options):
            return self._store(state, question, options[int(text) - 1][0], day)
        if question.kind is Kind.TRI:
            tri = parse_tri(text, locale)
            if tri is not None and (tri is not Tri.UNSURE or question.unsure):
                return self._store(state, question, tri.value, day)
        return Step(state, error=t("Please choose one of the buttons."))

    def _number(self, state: State, question: Question, text: str, locale: str,
                day: date) -> Step:
        number = parse_number(text, locale)
        if question.kind in (Kind.WHOLE, Kind.YEAR) and number != number.to_integral_value():
            return Step(state, error=t("Please send a whole number."))
        if (question.minimum is not None and number < question.minimum) or \
                (question.maximum is not None and number > question.maximum):
            return Step(state, error=self._range_error(question))
        return self._store(state, question, _json_number(number), day)

    def _country(self, state: State, question: Question, text: str, locale: str,
                 day: date) -> Step:
        codes = parse_countries(text, locale)
        if not codes:
            return Step(state, error=t("I did not recognise that country. Please type its name, "
                                       "for example India, or its two-letter code, such as IN."))
        if len(codes) == 1:
            return self._store(state, question, codes[0], day)
        return self._ask(state, question, text, codes)

    def _university(self, state: State, question: Question, text: str, day: date) -> Step:
        if question.id == "postgraduate_university" and (school := match_business_school(text)):
            return self._store(state, question, school.name, day)  # on the QMAS list only
        match = match_university(text)
        found = match.institution
        if found is not None and normalise(found.name) == normalise(text):
            return self._store(state, question, found.name, day)
        if found is not None:
            return self._ask(state, question, text, [found.name])
        if match.candidates:
            return self._ask(state, question, text, [c.name for c in match.candidates])
        step = self._store(state, question, text, day)
        notice = t("I could not find “{typed}” on the list of eligible universities, so it will "
                   "not count for criteria 2 and 3. If that was a typo, send /back and type it "
                   "again.", typed=text) if question.id == "postgraduate_university" else t(
            "I could not find “{typed}” on the list of eligible universities, so it will not "
            "count for Top Talent Pass categories B and C. If that was a typo, send /back and "
            "type it again.", typed=text)
        return Step(step.state, step.error, notice)

    def _ask(self, state: State, question: Question, typed: str, candidates: list[str]) -> Step:
        new = copy.deepcopy(state)
        new.pending = Pending(question.id, typed=typed, candidates=candidates[:6])
        new.revision += 1
        return Step(new)

    def _confirm_by_text(self, state: State, question: Question, text: str, locale: str,
                         day: date) -> Step:
        """"Did you mean …?" answered by typing yes or no instead of pressing a button."""
        pending = state.pending
        assert pending is not None
        answer = parse_tri(text, locale) if len(pending.candidates) == 1 else None
        if answer is Tri.YES:
            return self._resolve_pending(state, question, pending, "0", day)
        if answer is Tri.NO and question.kind is Kind.UNIVERSITY:
            return self._resolve_pending(state, question, pending, NONE_OF_THESE, day)
        return Step(state, error=t("Please choose one of the buttons, or send /back to type it "
                                   "again."))

    def _resolve_pending(self, state: State, question: Question, pending: Pending, action: str,
                         day: date) -> Step:
        if action == NONE_OF_THESE and question.kind is Kind.UNIVERSITY:
            return self._store(state, question, pending.typed, day)
        if action.isdigit() and int(action) < len(pending.candidates):
            return self._store(state, question, pending.candidates[int(action)], day)
        return Step(state, error=t("Please choose one of the buttons, or send /back to type it "
                                   "again."))

    def _toggle(self, state: State, question: Question, action: str, day: date) -> Step:
        selection = list(state.pending.selection) if state.pending else []
        if action == DONE:
            if not selection:
                return Step(state, error=t("Choose at least one, or type the names."))
            return self._store(state, question, selection, day)
        if not (action.isdigit() and int(action) < len(question.options)):
            return Step(state, error=t("Please choose one of the buttons."))
        value = str(question.options[int(action)].value)
        selection = [v for v in selection if v != value] if value in selection \
            else [*selection, value]
        new = copy.deepcopy(state)
        new.pending = Pending(question.id, selection=selection)
        new.revision += 1
        return Step(new)

    def _store(self, state: State, question: Question, value: object, day: date) -> Step:
        parse_answer(question.id, value, day)   # the contract's validation is the last word
        return self._record(state, question, value)

    def _mark_unsure(self, state: State, question: Question) -> Step:
        return self._record(state, question, None)

    def _record(self, state: State, question: Question, value: object) -> Step:
        """Record an answer (None: "not sure", left unanswered) and move on."""
        new = copy.deepcopy(state)
        new.answers.pop(question.id, None)
        new.unsure = [q for q in new.unsure if q != question.id]
        if value is None:
            new.unsure.append(question.id)
        else:
            new.answers[question.id] = value
        new.history = [q for q in new.history if q != question.id] + [question.id]
        new.pending = None
        new.reopened = None
        new.revision += 1
        self._prune(new)
        return Step(new)

    def _forget(self, state: State, question_id: str) -> None:
        state.answers.pop(question_id, None)
        state.unsure = [q for q in state.unsure if q != question_id]
        self._prune(state)

    def _prune(self, state: State) -> None:
        """Drop answers to questions that no longer apply (after a changed earlier answer)."""
        keep = {q.id for q in self.applicable(state.answers)}
        for key in [k for k in state.answers if k not in keep]:
            del state.answers[key]
        state.unsure = [q for q in state.unsure if q in keep]
        state.history = [q for q in state.history if q in keep]


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)
