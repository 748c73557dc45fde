"""Views: engine outcomes, reviews, menus and results turned into `Response`s for a front end.

Rendering lives here and only here: use cases decide, views say it in the user's language and
markup (HTML for Telegram, plain text for the terminal).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.chat.callbacks import (
    Answer,
    ChangeAnswer,
    Confirm,
    OpenSection,
    PickLanguage,
    Rate,
    encode,
)
from bot.chat.messages import Document, Out, OutButton, Response
from bot.common.markup import Markup
from bot.engine.interpret import BUTTON_OR_NEW, CHOOSE_OR_BACK, EMPTY_REPLY, YES_NO_OR_NEW
from bot.engine.options import Renderable
from bot.engine.questions import Question
from bot.engine.readers import CHOOSE
from bot.engine.turns import Outcome, Prompt
from bot.engine.yes_no import YES_NO
from bot.i18n.languages import LANGUAGES
from bot.i18n.text import Capitalized, Text, t
from bot.i18n.translator import Translator
from bot.reminders.messages import Message, opt_in_button
from bot.report.text import section, section_names, section_title, summary
from bot.scoring.model import Assessment

ROW = 2                     # buttons per row for choices
ANSWERS_FILE, DATA_FILE = "qmas-answers.json", "qmas-mydata.json"
RATE = t("Was this pre-screening useful to you? Answering is optional.")
RATINGS = {"useful": t("Useful"), "not_sure": t("Not sure"), "not_useful": t("Not useful")}
# Where choices are numbered lines to type (the terminal), not buttons to press.
NUMBERED_WORDING = {
    CHOOSE.msgid: t("Please type the number of your choice."),
    YES_NO.msgid: t("Please type yes or no, or the number of your choice."),
    CHOOSE_OR_BACK.msgid: t("Please type the number of your choice, or send /back to type it "
                            "again."),
    EMPTY_REPLY.msgid: t("Please type an answer, or the number of your choice."),
    YES_NO_OR_NEW.msgid: t("Please type yes or no, or the number of your choice, or send a new "
                           "answer."),
    BUTTON_OR_NEW.msgid: t("Please type the number of your choice, or send a new answer."),
}


def _rows(buttons: Sequence[OutButton], width: int) -> tuple[tuple[OutButton, ...], ...]:
    return tuple(tuple(buttons[i:i + width]) for i in range(0, len(buttons), width))


class Views:
    """Renders for one markup; holds no per-user data."""

    def __init__(self, markup: Markup, reminders: bool = False, numbered: bool = False) -> None:
        self.m = markup
        self.reminders = reminders      # offer reminders under a result (Telegram only)
        self.numbered = numbered        # choices are typed by number (the terminal)

    def out(self, tr: Translator, text: Text) -> Out:
        """One plain message."""
        if self.numbered:
            text = NUMBERED_WORDING.get(text.msgid, text)
        return Out(self.m.escape(tr(text)))

    def listed(self, tr: Translator, intro: Text, lines: Sequence[Text],
               then: Out | None = None) -> Out:
        """An intro and lines as one message, on top of `then` (its buttons kept) when given."""
        parts = [self.out(tr, intro).text, "\n".join(self.out(tr, line).text for line in lines)]
        if then is None:
            return Out("\n\n".join(parts))
        return replace(then, text="\n\n".join([*parts, then.text]))

    def say(self, tr: Translator, *texts: Text) -> Response:
        """Plain messages, nothing else."""
        return Response(tuple(self.out(tr, x) for x in texts), language=tr.language.code)

    def question(self, prompt: Prompt, tr: Translator, revision: int) -> Out:
        """The current question as a message with its buttons."""
        m = self.m
        lines = [m.escape(tr(t("Question {number} of about {total}", number=prompt.number,
                                total=prompt.total))),
                 m.bold(tr(prompt.text))]
        if prompt.help is not None:
            lines.append(m.escape(tr(prompt.help)))
        if prompt.previous is not None:
            lines.append(m.escape(tr(t("Your previous answer: {answer}",
                                       answer=prompt.previous))))
        buttons = [OutButton(tr(b.label), encode(Answer(revision, b.action)))
                   for b in prompt.buttons]
        return Out("\n".join(lines), _rows(buttons, ROW), typed_reply=prompt.typed, current=True)

    def result(self, assessment: Assessment, tr: Translator, revision: int,
               opened: str = "summary") -> Out:
        """The result's summary (or the `opened` section) with the buttons to every section."""
        text = (summary(assessment, tr, self.m) if opened == "summary"
                else section(assessment, opened, tr, self.m))
        return Out(text, self.result_keyboard(assessment, tr, revision, opened), current=True)

    def result_keyboard(self, a: Assessment, tr: Translator, revision: int,
                        opened: str) -> tuple[tuple[OutButton, ...], ...]:
        """The one keyboard under a result: each section but the open one, the next steps."""
        names = section_names(a)
        if not names:      # a permanent resident: nothing to open
            return ()
        labels: list[tuple[Text, str]] = [(section_title(a, name), name)
                                          for name in names if name != opened]
        if opened != "summary":
            labels.insert(0, (t("Summary"), "summary"))
        labels.append((t("Next steps"), "steps"))
        buttons = [OutButton(tr(label), encode(OpenSection(revision, name)))
                   for label, name in labels]
        if self.reminders and not a.final:   # nothing to remind of when nothing can change
            label, data = opt_in_button()
            buttons.append(OutButton(tr(label), data))
        return tuple((button,) for button in buttons)

    def turn(self, outcome: Outcome, tr: Translator, *, lead: Sequence[Text] = (),
             assessment: Assessment | None = None, toast: str | None = None,
             edit: Out | None = None) -> Response:
        """What the user sees after a turn: lead texts, what the engine said, the result (when
        `outcome.result`: `assessment` is its assessment), then the question."""
        state = outcome.state
        if outcome.toast is not None:
            toast = tr(outcome.toast)
        if outcome.redraw:
            assert outcome.prompt is not None
            return Response(edit=self.question(outcome.prompt, tr, state.revision),
                            toast=toast, language=tr.language.code)
        messages = [self.out(tr, x) for x in (*lead, *outcome.say)]
        if outcome.result:
            assert assessment is not None
            messages.append(self.result(assessment, tr, state.revision))
        if outcome.prompt is not None:
            question = self.question(outcome.prompt, tr, state.revision)
            if outcome.understood is not None:   # said back on top of the next question
                said_back = self.out(tr, outcome.understood).text
                question = replace(question, text=f"{said_back}\n\n{question.text}",
                                   lead=said_back)
            messages.append(question)
        if outcome.edit is not None:
            edit = self.out(tr, outcome.edit)
        if outcome.answered is not None and outcome.pressed is not None:
            answered = outcome.answered
            progress = t("Question {number} of about {total}", number=answered.number,
                         total=answered.total)
            edit = Out(f"{self.m.escape(tr(progress))}\n{self.m.bold(tr(answered.text))}\n"
                       f"→ {self.m.escape(tr(Capitalized(outcome.pressed.label)))}")
        return Response(tuple(messages), edit=edit, toast=toast, language=tr.language.code)

    def notice(self, tr: Translator, message: Message) -> Response:
        """A reminders message: its lines (the first one bold) and its buttons, one per row."""
        buttons = tuple((OutButton(label, data),) for label, data in message.button_labels(tr))
        return Response((Out(message.render(tr, self.m), buttons),), language=tr.language.code)

    def rating(self, tr: Translator) -> Out:
        """The optional question under a new result, one button per answer."""
        buttons = tuple(OutButton(tr(label), encode(Rate(what)))
                        for what, label in RATINGS.items())
        return Out(self.m.escape(tr(RATE)), (buttons,))

    def review(self, answered: Sequence[tuple[Question, Renderable]],
               tr: Translator) -> Response:
        """Every answer so far, numbered, with a "Change N" button each."""
        lines = [self.m.bold(tr(t("Your answers (press one to change it)")))]
        buttons = []
        for i, (question, value) in enumerate(answered, start=1):
            lines.append(f"{i}. {self.m.escape(tr(question.prompt))}\n   → "
                         f"{self.m.escape(tr(Capitalized(value)))}")
            buttons.append(OutButton(tr(t("Change {number}", number=i)),
                                     encode(ChangeAnswer(question.id))))
        return Response((Out("\n".join(lines), _rows(buttons, 4)),), language=tr.language.code)

    def confirm(self, tr: Translator, question: Text, yes: Text, what: str,
                revision: int) -> Response:
        """A yes/cancel question before something that cannot be undone."""
        out = Out(self.m.escape(tr(question)),
                  ((OutButton(tr(yes), encode(Confirm(revision, what))),
                    OutButton(tr(t("Cancel")), encode(Confirm(revision, "keep")))),))
        return Response((out,), language=tr.language.code)

    def language_menu(self, tr: Translator) -> Response:
        buttons = [OutButton(lang.native, encode(PickLanguage(lang.code)))
                   for lang in LANGUAGES]
        out = Out(self.m.escape(tr(t("Choose your language:"))), _rows(buttons, 3))
        return Response((out,), language=tr.language.code)

    def data(self, tr: Translator, answers: dict[str, Any], everything: dict[str, Any]
             ) -> Response:
        """/mydata as two files: the answers as `qmas-bot assess` reads them, and all of it
        (files, since a long `<pre>` split across messages is refused by Telegram)."""
        def as_json(data: dict[str, Any]) -> bytes:
            return json.dumps(data, ensure_ascii=False, indent=1).encode()
        files = (Document(ANSWERS_FILE, as_json(answers), tr(t("Your answers, in the format "
                                                               "qmas-bot assess reads."))),
                 Document(DATA_FILE, as_json(everything), tr(t("Everything stored about you."))))
        said = self.out(tr, t("Your stored data is in the two files below."))
        return Response((said,), language=tr.language.code, documents=files)
