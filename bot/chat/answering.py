"""Use cases of the questionnaire itself: start, answer, go back, review and change, restart."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.chat.messages import Out, Response
from bot.chat.turn import Deps, Extra, Turn, assessment_of, play
from bot.chat.views import STALE
from bot.engine.engine import COMPLETE
from bot.engine.turns import Back, Change, Pressed, Restart, Show, Typed
from bot.i18n.languages import LANGUAGES, Language
from bot.i18n.text import t
from bot.i18n.translator import translator_for
from bot.reminders.messages import HELP_LINE

CAMPAIGN = re.compile(r"[a-z0-9_-]{1,64}")     # what Telegram allows in a payload
WELCOME = t("Welcome! I check, question by question, whether you could apply to Hong Kong's "
            "Quality Migrant Admission Scheme (QMAS) under the current General Points Test: "
            "since 1 November 2024 you need to meet 6 of 12 criteria. It takes 13 to 25 answers. "
            "Commands: /back, /review, /language, /help.")
WELCOME_BACK = t("Welcome back! Your answers are saved; let's continue.")
HELP = (t("I pre-screen you for Hong Kong's Quality Migrant Admission Scheme (QMAS) with the "
          "current General Points Test: meet 6 of 12 criteria to apply. Answer each question by "
          "typing or with the buttons."),
        t("/back: go back one question\n/review: see and change your answers\n/restart: start "
          "again\n/language: change language\n/result: see your result\n/privacy: what is "
          "stored\n/mydata: your stored data\n/delete: erase your data"),
        t("/report: your result as a document to keep\n/university NAME: is this university "
          "on the list?"),
        t("/fees N: ImmD's fees for N people, yourself included"))


def parse_payload(payload: str | None) -> tuple[Language | None, str | None]:
    """Deep-link payload: `<code>_<campaign>` or `<code>` when `<code>` is exactly one of our
    language codes (`zh-hant_fb2026`, `ar`); otherwise the whole payload is the campaign
    (`zhuhai-expo`, `de_berlin2026`), so a campaign name never changes the language.
    Campaigns are lower-cased (`FB2026` counts as `fb2026`) and may hold `_` and `-`."""
    if not payload:
        return None, None
    head, _, tail = payload.partition("_")
    language = next((lang for lang in LANGUAGES if lang.code == head.lower()), None)
    campaign = (tail if language is not None else payload).lower()
    return language, campaign if CAMPAIGN.fullmatch(campaign) else None


async def start(deps: Deps, turn: Turn, payload: str | None) -> Response:
    """/start: greet, pick up where the user left off, or begin (in a deep link's language)."""
    language, campaign = parse_payload(payload)
    chosen = None
    if language is not None and not turn.language_chosen:
        chosen = language.code
        turn.tr = translator_for(language)
    greeting = WELCOME_BACK if turn.stored else WELCOME
    return await play(deps, turn, Show(), lead=[greeting],
                      extra=Extra(language=chosen, campaign=campaign, touch=True))


async def answer(deps: Deps, turn: Turn, text: str) -> Response:
    """A typed message: an answer to the current question."""
    return await play(deps, turn, Typed(text))


async def press(deps: Deps, turn: Turn, revision: int, action: str) -> Response:
    """A question's button; the engine tells a stale or forged one from a current one."""
    return await play(deps, turn, Pressed(revision, action))


async def stale(deps: Deps, turn: Turn) -> Response:
    """A button this conversation cannot use (any more): say so, show the current question
    (after the questionnaire, only say so: the result is not sent again unasked)."""
    if deps.engine.prompt(turn.state) is None:
        return Response(toast=turn.tr(COMPLETE), language=turn.tr.language.code)
    return await play(deps, turn, Show(), toast=turn.tr(STALE))


async def show(deps: Deps, turn: Turn) -> Response:
    """Just the current question (or result) again."""
    return await play(deps, turn, Show())


async def help_(deps: Deps, turn: Turn) -> Response:
    """/help: one message, the current question (or the result's state) at its foot."""
    reminders = (HELP_LINE,) if deps.reminders is not None else ()
    shown = await play(deps, turn, Show())
    first, rest = (shown.messages[0], shown.messages[1:]) if shown.messages else (None, ())
    helped = deps.views.joined(turn.tr, (*HELP, *reminders), first)
    return replace(shown, messages=(helped, *rest))


async def not_text(deps: Deps, turn: Turn) -> Response:
    """Stickers, photos, voice, locations: a hint and the current question again."""
    hint = t("I can only read text. Please type your answer or use the buttons.")
    return await play(deps, turn, Show(), lead=[hint])


async def back(deps: Deps, turn: Turn) -> Response:
    return await play(deps, turn, Back())


async def review(deps: Deps, turn: Turn) -> Response:
    """/review: every answer so far, each with a button to change it."""
    answered = deps.engine.review(turn.state)
    if not answered:
        return await play(deps, turn, Show(), lead=[t("You have not answered anything yet.")])
    return deps.views.review(answered, turn.tr)


async def change(deps: Deps, turn: Turn, question_id: str) -> Response:
    return await play(deps, turn, Change(question_id))


async def restart(deps: Deps, turn: Turn) -> Response:
    """/restart: ask first; the answers go only after the confirming button."""
    return deps.views.confirm(turn.tr, t("Start again from the first question? Your answers "
                                         "will be cleared."), t("Start again"), "restart",
                              turn.state.revision)


async def restart_confirmed(deps: Deps, turn: Turn) -> Response:
    edit = deps.views.out(turn.tr, t("Starting again."))
    return await play(deps, turn, Restart(), edit=edit)


async def cancelled(deps: Deps, turn: Turn) -> Response:
    edit = deps.views.out(turn.tr, t("Nothing was changed."))
    return await play(deps, turn, Show(), edit=edit)


async def result(deps: Deps, turn: Turn) -> Response:
    """/result: the result of the answers so far (not recorded), then the current question."""
    day = deps.today()
    outcome = deps.engine.apply(turn.state, Show(), turn.tr, day)
    shown = deps.views.result(assessment_of(turn.state, day), turn.tr, turn.state.revision)
    if outcome.prompt is None:
        return Response((shown,), language=turn.tr.language.code)
    note = deps.views.out(turn.tr, t("This result uses your answers so far; unanswered "
                                     "questions count as unknown."))
    question: Out = deps.views.question(outcome.prompt, turn.tr, turn.state.revision)
    return Response((note, shown, question), language=turn.tr.language.code)
