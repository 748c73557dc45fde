"""What a reply means for the question on screen: a value, "not sure", a question back, a refusal.

Pure functions of (question, pending confirmation, reply); the engine turns the `Decision` into a
new state. Reading itself is the question's `Reader`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from bot.engine.options import Answers, Renderable
from bot.engine.questions import Question
from bot.engine.readers import CHOOSE, TRI_LABELS, Reader, said_back
from bot.engine.state import Candidates, Doubt, Pending, Refused, Selecting
from bot.engine.turns import Button
from bot.i18n.fold import words
from bot.i18n.text import Checked, Text, t
from bot.i18n.translator import Translator
from bot.replies import ParseError, parse_number, parse_tri
from bot.replies.errors import read_or_none
from bot.replies.words import without_closing
from bot.replies.yesno import parse_none
from bot.scoring.answers import Tri
from bot.scoring.universities import did_you_mean

NOT_SURE = "u"                # the "Not sure" button's action
DONE = "done"
DONE_LABEL = t("Done")        # its label, also typed
NONE_OF_THESE = "x"
KEEP = "keep"                 # "Yes, that's right" under a check of an odd answer
REDO = "redo"                 # "No, change it"
FIX = "fix"                   # "Change the earlier answer" under a refusal
CHOOSE_OR_BACK = t("Please choose one of the buttons, or send /back to type it again.")
EMPTY_REPLY = t("Please type an answer, or use the buttons.")
# A typed reply to "is that right?" or "which one?" that is neither a choice nor a new answer.
YES_NO_OR_NEW = t("Please answer yes or no with the buttons, or send a new answer.")
BUTTON_OR_NEW = t("Please choose one of the buttons, or send a new answer.")


@dataclass(frozen=True)
class Decision:
    """A reply interpreted: store `value`, leave it "not sure", wait (`pending`), or refuse."""

    value: object = None
    not_sure: bool = False
    pending: Pending | None = None
    error: Text | None = None
    notice: Text | None = None
    understood: Text | None = None   # a typed reply said back as read
    confirmed: bool = False          # an odd answer the user confirmed: not checked again
    redo: bool = False               # the user will answer again: drop what awaits confirmation
    change: str | None = None        # ask this earlier question again (a refusal's fix)


def buttons(question: Question, pending: Pending | None) -> tuple[Button, ...]:
    """The buttons of the prompt; an action is an option's index or a word above."""
    reader = question.reader
    if isinstance(pending, Refused):
        return (Button(t("Change the earlier answer"), FIX), Button(t("Type it again"), REDO))
    if isinstance(pending, Doubt):
        return (Button(t("Yes, that's right"), KEEP), Button(t("No, change it"), REDO))
    if isinstance(pending, Candidates):
        return _candidate_buttons(question, pending)
    if reader.several:
        chosen = set(pending.selection if isinstance(pending, Selecting) else ())
        toggles = [Button(Checked(o.label) if o.value in chosen else o.label, str(i))
                   for i, o in enumerate(reader.choices())]
        return (*toggles, Button(DONE_LABEL, DONE))
    shown = [Button(o.label, str(i)) for i, o in enumerate(reader.choices())]
    if question.offer_unsure:
        shown.append(Button(TRI_LABELS[Tri.UNSURE], NOT_SURE))
    return tuple(shown)


def _candidate_buttons(question: Question, pending: Candidates) -> tuple[Button, ...]:
    reader = question.reader
    one = len(pending.names) == 1
    # Always the names: a bare "Yes" would store a name the user never saw.
    shown = [Button(reader.candidate(c), str(i)) for i, c in enumerate(pending.names)]
    if _keeps_typed(reader, pending.names):
        keep = t("Use it anyway") if reader.not_found(pending.typed) \
            else t("No: keep what I typed") if one else t("None of these: keep what I typed")
        shown.append(Button(keep, NONE_OF_THESE))
    return tuple(shown)


def asked(question: Question, pending: Pending, answers: Answers, day: date) -> Text:
    """What a pending mode asks, worked out again from the question (never stored)."""
    if isinstance(pending, Candidates):
        return _confirm_text(question, pending)
    if isinstance(pending, Doubt) and question.check is not None:
        doubt = question.check(pending.value, answers, day)
        if doubt is not None:
            return doubt
    if isinstance(pending, Refused) and question.refuse is not None:
        reason = question.refuse(pending.value, answers, day)
        if reason is not None:
            return reason
    return question.prompt      # what was doubted is no longer in doubt: the question itself


def _confirm_text(question: Question, pending: Candidates) -> Text:
    """The question asked about candidates ("Did you mean …?")."""
    if (asked := question.reader.asked_about(pending.names)) is not None:
        return asked
    if question.reader.not_found(pending.typed):
        return t("I could not find “{typed}” on the list. {question}", typed=pending.typed,
                 question=did_you_mean(len(pending.names)))
    if len(pending.names) == 1:
        label: Renderable = question.reader.candidate(pending.names[0])
        return t("Did you mean “{candidate}”?", candidate=label)
    return t("Which one do you mean by “{typed}”?", typed=pending.typed)


def typed(question: Question, pending: Pending | None, text: str, tr: Translator,
          day: date, answers: Answers) -> Decision:
    """A typed reply to the current question (or to a pending confirmation), said back as read
    when it gives a value; `answers` (the earlier ones) may settle what it means."""
    if isinstance(pending, Doubt | Refused):
        return _typed_at_check(question, pending, text, tr, day, answers)
    decision = _typed(question, pending, text, tr, day, answers)
    if decision.not_sure:     # left unanswered, and said back like any typed answer
        return replace(decision, understood=said_back(TRI_LABELS[Tri.UNSURE]))
    if decision.value is None:
        return decision
    return replace(decision, understood=decision.understood
                   or question.reader.understood(decision.value, day))


def _typed_at_check(question: Question, pending: Doubt | Refused, text: str, tr: Translator,
                    day: date, answers: Answers) -> Decision:
    """"Is that right?" answered by typing: yes or no, else a new answer to the question; text
    that is neither is pointed to the buttons, not to the question's own format."""
    answer = parse_tri(text, str(tr.locale))
    if isinstance(pending, Doubt) and question.reader.states_anew(text):
        answer = None   # "سجلي نظيف" at "You have a record: is that right?": a new answer
    if answer is Tri.NO or (answer is Tri.YES and isinstance(pending, Doubt)):
        return pressed(question, pending, KEEP if answer is Tri.YES else REDO, day)
    decision = typed(question, None, text, tr, day, answers)
    if decision.error is not None and text.strip() and not _new_number(question, text, tr):
        return Decision(error=YES_NO_OR_NEW if isinstance(pending, Doubt) else BUTTON_OR_NEW)
    return decision


def _new_number(question: Question, text: str, tr: Translator) -> bool:
    """Whether a reply is a number typed as a new answer, so that its own error ("an age from
    0 to 130") says what is wrong with it."""
    return question.reader.typed and read_or_none(parse_number, text, str(tr.locale)) is not None


def _typed(question: Question, pending: Pending | None, text: str, tr: Translator,
           day: date, answers: Answers) -> Decision:
    locale = str(tr.locale)
    text = text.strip()
    if not text:
        return Decision(error=EMPTY_REPLY)
    reader = question.reader
    if isinstance(pending, Candidates):
        if (picked := reader.pick(text, list(pending.names))) is not None:
            return Decision(value=reader.picked(picked))
        if (reader.not_found(pending.typed) or reader.typed_again) \
                and parse_tri(text, locale) is None:   # typed again: a new answer, if it is one
            again = _typed(question, None, text, tr, day, answers)
            return again if again.error is None else Decision(error=BUTTON_OR_NEW)
        return _confirm_by_text(question, pending, text, locale)
    try:
        if parse_tri(text, locale) is Tri.UNSURE:
            if question.offer_unsure:
                return _not_sure(question)
            if question.unsure_refused is not None:
                return Decision(error=question.unsure_refused)
        if reader.several and words(text) in (_label_words(tr(DONE_LABEL)),
                                              _label_words(DONE_LABEL.msgid)):
            return _toggle(question, pending, DONE)   # "Done" typed: as if pressed
        if not reader.several and (chosen := _option_named(question, text, tr)) is not None:
            return Decision(value=chosen)
        if (none := reader.none_option()) is not None \
                and parse_none(text, locale, zero=reader.zero_is_none):
            return Decision(value=none.value)
        selection = list(pending.selection) if isinstance(pending, Selecting) else []
        read = reader.read(text, locale, day, selection, answers)
    except ParseError as exc:
        return Decision(error=exc.message)
    if read.candidates:
        return Decision(pending=Candidates(question.id, read.typed or text,
                                                   read.candidates[:6]))
    return Decision(value=read.value, notice=read.notice, understood=read.understood)


def pressed(question: Question, pending: Pending | None, action: str, day: date) -> Decision:
    """A button of the prompt on screen (the engine checked it is one)."""
    reader = question.reader
    if isinstance(pending, Refused):
        return Decision(change=pending.fix) if action == FIX else Decision(redo=True)
    if isinstance(pending, Doubt):
        if action == KEEP:   # confirmed: said back like any answer
            return Decision(value=pending.value, confirmed=True,
                            understood=reader.understood(pending.value, day))
        return Decision(redo=True)
    if isinstance(pending, Candidates):   # the name picked, said back as counted
        decision = _resolve(question, pending, action)
        if decision.value is None:
            return decision
        return replace(decision, understood=reader.understood(decision.value, day))
    if action == NOT_SURE:
        return _not_sure(question)
    if reader.several:
        return _toggle(question, pending, action)
    return Decision(value=reader.choices()[int(action)].value)


def _not_sure(question: Question) -> Decision:
    value = question.reader.unsure_value
    return Decision(not_sure=True) if value is None else Decision(value=value)


def _option_named(question: Question, text: str, tr: Translator) -> object:
    """The value of the option whose label (translated or English) was typed, if any."""
    typed = {words(text), words(without_closing(text))}   # "thạc sĩ ạ"
    for option in question.reader.choices():
        if typed & {_label_words(tr(option.label)), _label_words(option.label.msgid)}:
            return option.value
    return None


# Labels are few and fixed, and folding one costs more than the rest of reading a reply.
_label_words = lru_cache(maxsize=2048)(words)


def _confirm_by_text(question: Question, pending: Candidates, text: str, locale: str
                     ) -> Decision:
    """"Did you mean …?" answered by typing yes or no instead of pressing a button."""
    answer = parse_tri(text, locale)
    if len(pending.names) > 1 and not question.reader.not_found(pending.typed):
        answer = None
    if answer is Tri.YES and len(pending.names) == 1:
        return _resolve(question, pending, "0")
    if answer is Tri.NO and _keeps_typed(question.reader, pending.names):
        return _resolve(question, pending, NONE_OF_THESE)
    return Decision(error=CHOOSE_OR_BACK)


def _keeps_typed(reader: Reader, names: tuple[str, ...]) -> bool:
    """Whether "keep what I typed" may answer a "Did you mean …?": not when the candidates are
    what the reply itself said (several universities, two ages), which are asked about."""
    return reader.keeps_typed and reader.asked_about(names) is None


def _resolve(question: Question, pending: Candidates, action: str) -> Decision:
    if action == NONE_OF_THESE and _keeps_typed(question.reader, pending.names):
        return Decision(value=pending.typed, notice=question.reader.kept(pending.typed))
    if action.isdecimal() and int(action) < len(pending.names):   # an unlisted one: said so
        name = pending.names[int(action)]
        return Decision(value=question.reader.picked(name), notice=question.reader.kept(name),
                        confirmed=question.reader.settles_check(pending.names))
    return Decision(error=CHOOSE_OR_BACK)


def _toggle(question: Question, pending: Pending | None, action: str) -> Decision:
    selection = list(pending.selection) if isinstance(pending, Selecting) else []
    if action == DONE:
        if not selection:
            return Decision(error=t("Choose at least one, or type the names."))
        return Decision(value=selection)
    options = question.reader.choices()
    if not (action.isdecimal() and int(action) < len(options)):
        return Decision(error=CHOOSE)
    value = str(options[int(action)].value)
    selection = [v for v in selection if v != value] if value in selection \
        else [*selection, value]
    return Decision(pending=Selecting(question.id, tuple(selection), action))
