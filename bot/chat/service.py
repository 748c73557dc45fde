"""One conversation service for every front end: Telegram and the terminal differ only in I/O.

Each call loads the user's state from storage, lets the engine decide, commits the new state,
and only then returns what to show, so an answer is never acknowledged before it is stored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from babel import Locale

from bot.chat.messages import Out, OutButton, Response
from bot.engine.engine import Engine, Prompt, Step
from bot.engine.questions import Kind
from bot.engine.state import State
from bot.i18n.languages import DEFAULT, LANGUAGES, Language, resolve
from bot.i18n.text import Text, t
from bot.i18n.translator import Translator, translator_for
from bot.report.contract import to_json
from bot.report.markup import Markup
from bot.report.stats import render_stats
from bot.report.text import result_sections
from bot.scoring.answers import parse_answers
from bot.scoring.assess import assess
from bot.storage.stats import Period, statistics
from bot.storage.store import Store

ROW = 2                     # buttons per row for choices
TYPED = (Kind.WHOLE, Kind.YEAR, Kind.NUMBER, Kind.MONEY)
CAMPAIGN = re.compile(r"[A-Za-z0-9-]{1,32}")


def parse_payload(payload: str | None) -> tuple[Language | None, str | None]:
    """Deep-link payload `<language>_<campaign>`, either part optional (e.g. `zh-hant_fb2026`)."""
    if not payload:
        return None, None
    head, _, tail = payload.partition("_")
    language = resolve(head)
    campaign = tail if language is not None else payload
    return language, campaign if campaign and CAMPAIGN.fullmatch(campaign) else None


@dataclass
class Turn:
    """One update's context, loaded once: who, in which language, and where they are."""

    user_key: str
    tr: Translator
    state: State
    started: bool = True           # a questionnaire existed before this update
    language_chosen: bool = False  # the user picked a language (or a deep link did)


class ChatService:
    """The questionnaire conversation, independent of how messages travel."""

    def __init__(self, store: Store, engine: Engine, markup: Markup,
                 today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.engine = engine
        self.m = markup
        self.today = today

    # --- entry points --------------------------------------------------------------------

    async def _begin(self, user_key: str, tag: str | None, campaign: str | None = None) -> Turn:
        """Load who the user is, their language and their place, in one store operation."""
        user, state = await self.store.begin(user_key, campaign)
        chosen = resolve(user.language) if user.language else None
        return Turn(user_key, translator_for(chosen or resolve(tag) or DEFAULT), state or State(),
                    started=state is not None, language_chosen=user.language is not None)

    async def translator(self, user_key: str, tag: str | None) -> Translator:
        """The user's language: their /language choice, else Telegram's, else English."""
        return (await self._begin(user_key, tag)).tr

    async def start(self, user_key: str, payload: str | None, tag: str | None) -> Response:
        """/start: greet, pick up where the user left off, or begin."""
        language, campaign = parse_payload(payload)
        turn = await self._begin(user_key, tag, campaign)
        if language is not None and not turn.language_chosen:
            await self.store.set_language(user_key, language.code)
            turn.tr = translator_for(language)
        if not turn.started:
            await self.store.save_state(user_key, turn.state, [("started", None)])
            greeting = t("Welcome! I check, question by question, whether you could apply to Hong "
                         "Kong's Quality Migrant Admission Scheme (QMAS) under the current "
                         "General Points Test: since 1 November 2024 you need to meet 6 of 12 "
                         "criteria. It takes about 20 answers. Commands: /back, /review, "
                         "/language, /help.")
        else:
            greeting = t("Welcome back! Your answers are saved; let's continue.")
        return await self._continue(turn, turn.state, lead=[greeting])

    async def text(self, user_key: str, text: str, tag: str | None) -> Response:
        """A typed message: an answer to the current question."""
        turn = await self._begin(user_key, tag)
        if self.engine.current(turn.state) is None:
            return self._say(turn.tr, [t("Your questionnaire is complete. Send /result to see "
                                         "the result again, /review to change an answer, or "
                                         "/restart.")])
        step = self.engine.handle_text(turn.state, text[:500], turn.tr, self.today())
        return await self._after_step(turn, step)

    async def button(self, user_key: str, data: str, tag: str | None) -> Response:
        """A pressed inline button; stale or forged data never changes anything."""
        turn = await self._begin(user_key, tag)
        kind, _, rest = data.partition(":")
        handlers = {"a": self._answer_button, "c": self._change_button,
                    "l": self._language_button, "x": self._confirm_button}
        handler = handlers.get(kind)
        if handler is None:
            return await self._stale(turn)
        return await handler(turn, rest)

    async def command(self, user_key: str, name: str, tag: str | None) -> Response:
        """Any command but /start."""
        turn = await self._begin(user_key, tag)
        commands = {"help": self._help, "back": self._back, "review": self._review,
                    "restart": self._restart, "language": self._language_menu,
                    "result": self._result, "privacy": self._privacy, "mydata": self._mydata,
                    "delete": self._delete}
        handler = commands.get(name)
        if handler is None:
            return self._say(turn.tr, [t("I don't know that command. Send /help to see what I "
                                         "can do.")])
        return await handler(turn)

    async def not_text(self, user_key: str, tag: str | None) -> Response:
        """Stickers, photos, voice, locations: a hint and the current question again."""
        turn = await self._begin(user_key, tag)
        hint = t("I can only read text. Please type your answer or use the buttons.")
        return await self._continue(turn, turn.state, lead=[hint], save=False)

    async def admin_stats(self, user_key: str, tag: str | None, days: str) -> Response:
        """/stats [days]: outreach figures for the last `days` days (default 30)."""
        tr = (await self._begin(user_key, tag)).tr
        span = int(days) if days.isdigit() and 0 < int(days) <= 3660 else 30
        today = self.today()
        stats = await statistics(self.store, self.engine,
                                 Period(today - timedelta(days=span - 1), today))
        return Response((Out(render_stats(stats, tr, self.m)),), language=tr.language.code)

    # --- shared pieces -------------------------------------------------------------------

    def _say(self, tr: Translator, texts: list[Text], **kw: Any) -> Response:
        return Response(tuple(Out(self.m.escape(tr(x))) for x in texts),
                        language=tr.language.code, **kw)

    def prompt_out(self, prompt: Prompt, tr: Translator, state: State) -> Out:
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
        buttons = [OutButton(tr(b.label), f"a:{state.revision}:{b.action}")
                   for b in prompt.buttons]
        rows = tuple(tuple(buttons[i:i + ROW]) for i in range(0, len(buttons), ROW))
        typed = prompt.question.kind in TYPED and (state.pending is None
                                                   or not state.pending.candidates)
        return Out("\n".join(lines), rows, typed_reply=typed)

    async def _continue(self, turn: Turn, state: State, lead: list[Text] | None = None,
                        save: bool = True, toast: str | None = None,
                        edit: Out | None = None) -> Response:
        """Show `lead` texts, then the next question of `state`, or the result when complete."""
        tr = turn.tr
        messages = [Out(self.m.escape(tr(x))) for x in lead or []]
        prompt = self.engine.prompt(state)
        if prompt is not None:
            messages.append(self.prompt_out(prompt, tr, state))
        else:
            messages.extend(await self._finish(turn, state, record=save))
        return Response(tuple(messages), edit=edit, toast=toast, language=tr.language.code)

    async def _finish(self, turn: Turn, state: State, record: bool) -> list[Out]:
        answers = dict(state.answers)
        day = self.today()
        assessment = assess(parse_answers(answers, day, consistent=False), day)
        if record:
            await self.store.record_assessment(turn.user_key, answers,
                                               to_json(assessment, turn.tr),
                                               turn.tr.language.code)
        return [Out(section) for section in result_sections(assessment, turn.tr, self.m)]

    async def _after_step(self, turn: Turn, step: Step, edit: Out | None = None) -> Response:
        if not step.accepted:
            assert step.error is not None
            return await self._continue(turn, turn.state, lead=[step.error], save=False)
        question = self.engine.current(turn.state)
        events = [("answered", question.id if question else None)]
        await self.store.save_state(turn.user_key, step.state, events)
        lead = [step.notice] if step.notice is not None else []
        complete = self.engine.current(step.state) is None
        return await self._continue(turn, step.state, lead=lead, save=complete, edit=edit)

    async def _stale(self, turn: Turn) -> Response:
        toast = turn.tr(t("That button belongs to an earlier message; here is the current "
                          "question."))
        return await self._continue(turn, turn.state, save=False, toast=toast)

    # --- buttons -------------------------------------------------------------------------

    async def _answer_button(self, turn: Turn, rest: str) -> Response:
        revision, _, action = rest.partition(":")
        state = turn.state
        prompt = self.engine.prompt(state)
        if prompt is None or revision != str(state.revision):
            return await self._stale(turn)
        chosen = next((b for b in prompt.buttons if b.action == action), None)
        if chosen is None:
            return await self._stale(turn)
        step = self.engine.handle_button(state, action, self.today())
        if step.accepted and step.state.pending is not None \
                and step.state.pending.question == prompt.question.id \
                and not step.state.pending.candidates:
            # A multi-choice toggle: redraw the same question in place.
            await self.store.save_state(turn.user_key, step.state)
            new_prompt = self.engine.prompt(step.state)
            assert new_prompt is not None
            return Response(edit=self.prompt_out(new_prompt, turn.tr, step.state),
                            toast=turn.tr(chosen.label), language=turn.tr.language.code)
        shown = f"{self.m.bold(turn.tr(prompt.text))}\n→ {self.m.escape(turn.tr(chosen.label))}"
        return await self._after_step(turn, step, edit=Out(shown))

    async def _change_button(self, turn: Turn, question_id: str) -> Response:
        asked = {q.id for q, _ in self.engine.review(turn.state)}
        if question_id not in asked:
            return await self._stale(turn)
        new = self.engine.change(turn.state, question_id)
        await self.store.save_state(turn.user_key, new, [("changed", question_id)])
        return await self._continue(turn, new, save=False)

    async def _language_button(self, turn: Turn, code: str) -> Response:
        language = resolve(code)
        if language is None or language.code != code:
            return await self._stale(turn)
        await self.store.set_language(turn.user_key, code)
        new_tr = translator_for(language)
        done = new_tr(t("Language changed. Your answers are kept."))
        return await self._continue(replace(turn, tr=new_tr), turn.state, save=False, toast=done,
                                    edit=Out(self.m.escape(done)))

    async def _confirm_button(self, turn: Turn, what: str) -> Response:
        if what == "delete":
            await self.store.delete_user(turn.user_key)
            done = turn.tr(t("All your data has been deleted. Send /start to begin again."))
            return Response(edit=Out(self.m.escape(done)), toast=done,
                            language=turn.tr.language.code)
        if what == "restart":
            new = self.engine.restart(turn.state)
            await self.store.save_state(turn.user_key, new, [("restarted", None)])
            return await self._continue(turn, new, save=False,
                                        edit=Out(self.m.escape(turn.tr(t("Starting again.")))))
        if what == "keep":
            kept = Out(self.m.escape(turn.tr(t("Nothing was changed."))))
            return await self._continue(turn, turn.state, save=False, edit=kept)
        return await self._stale(turn)

    # --- commands ------------------------------------------------------------------------

    async def _help(self, turn: Turn) -> Response:
        lines = [t("I pre-screen you for Hong Kong's Quality Migrant Admission Scheme (QMAS) "
                   "with the current General Points Test: meet 6 of 12 criteria to apply. Answer "
                   "each question by typing or with the buttons."),
                 t("/back: go back one question\n/review: see and change your answers\n"
                   "/restart: start again\n/language: change language\n/result: see your "
                   "result\n/privacy: what is stored\n/mydata: your stored data\n/delete: erase "
                   "your data")]
        return await self._continue(turn, turn.state, lead=lines,
                                    save=False)

    async def _back(self, turn: Turn) -> Response:
        state = turn.state
        if not state.history and state.pending is None and state.reopened is None:
            return await self._continue(turn, state, save=False,
                                        lead=[t("This is the first question.")])
        new = self.engine.back(state)
        await self.store.save_state(turn.user_key, new, [("back", None)])
        return await self._continue(turn, new, save=False)

    async def _review(self, turn: Turn) -> Response:
        state = turn.state
        answered = self.engine.review(state)
        if not answered:
            return await self._continue(turn, state, save=False,
                                        lead=[t("You have not answered anything yet.")])
        lines = [self.m.bold(turn.tr(t("Your answers (press one to change it)")))]
        buttons = []
        for i, (question, value) in enumerate(answered, start=1):
            lines.append(f"{i}. {self.m.escape(turn.tr(question.prompt))}\n   → "
                         f"{self.m.escape(turn.tr(value))}")
            buttons.append(OutButton(turn.tr(t("Change {number}", number=i)), f"c:{question.id}"))
        rows = tuple(tuple(buttons[i:i + 4]) for i in range(0, len(buttons), 4))
        return Response((Out("\n".join(lines), rows),), language=turn.tr.language.code)

    def _confirm(self, turn: Turn, question: Text, yes: Text, action: str) -> Response:
        """A yes/cancel question before something that cannot be undone."""
        tr = turn.tr
        out = Out(self.m.escape(tr(question)),
                  ((OutButton(tr(yes), f"x:{action}"), OutButton(tr(t("Cancel")), "x:keep")),))
        return Response((out,), language=tr.language.code)

    async def _restart(self, turn: Turn) -> Response:
        return self._confirm(turn, t("Start again from the first question? Your answers will "
                                     "be cleared."), t("Start again"), "restart")

    async def _language_menu(self, turn: Turn) -> Response:
        buttons = [OutButton(_native_name(lang), f"l:{lang.code}") for lang in LANGUAGES]
        out = Out(self.m.escape(turn.tr(t("Choose your language:"))),
                  tuple(tuple(buttons[i:i + 3]) for i in range(0, len(buttons), 3)))
        return Response((out,), language=turn.tr.language.code)

    async def _result(self, turn: Turn) -> Response:
        state = turn.state
        sections = await self._finish(turn, state, record=False)
        prompt = self.engine.prompt(state)
        if prompt is None:
            return Response(tuple(sections), language=turn.tr.language.code)
        note = Out(self.m.escape(turn.tr(t("This result uses your answers so far; unanswered "
                                      "questions count as unknown."))))
        return Response((note, *sections, self.prompt_out(prompt, turn.tr, state)),
                        language=turn.tr.language.code)

    async def _privacy(self, turn: Turn) -> Response:
        return self._say(turn.tr, [t(
            "What I store: your answers to these questions, your results, your chosen language, "
            "the campaign link you came from, and when you used the bot, under your Telegram "
            "user id. No name, username or phone number. Why: to let you continue later and to "
            "count, anonymously, how many people complete the questionnaire. How long: a "
            "questionnaire untouched for 90 days is deleted. /mydata shows everything; /delete "
            "erases it.")])

    async def _mydata(self, turn: Turn) -> Response:
        state = turn.state
        latest = await self.store.latest_assessment(turn.user_key)
        data: dict[str, Any] = {"answers": dict(state.answers)}
        if latest is not None:
            data["latest_result"] = {"outcome": latest.outcome, "met_count": latest.met_count,
                                     "unknown_count": latest.unknown_count,
                                     "criteria": latest.criteria,
                                     "rules_effective": latest.rules_effective,
                                     "assessed_on": latest.assessed_on,
                                     "answers": latest.answers}
        body = json.dumps(data, ensure_ascii=False, indent=1)
        return Response((Out(self.m.escape(turn.tr(t("Your stored data:")))),
                         Out(self.m.code(body))), language=turn.tr.language.code)

    async def _delete(self, turn: Turn) -> Response:
        return self._confirm(turn, t("Delete all your answers and results? This cannot be "
                                     "undone."), t("Delete everything"), "delete")


def _native_name(language: Language) -> str:
    """A language's name in itself, so anyone can find their own in the list."""
    locale = Locale.parse(language.locale)
    name = locale.get_display_name(locale) or language.code
    return str(name[:1].upper() + name[1:])
