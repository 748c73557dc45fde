"""Use cases of the questionnaire itself: start, answer, go back, review and change, restart."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.chat.messages import Response
from bot.chat.turn import Deps, Extra, Turn, play, settle, shown
from bot.engine.turns import (
    Back,
    Change,
    Confirmed,
    ListAnswers,
    Pressed,
    Result,
    Review,
    Show,
    Stale,
    Start,
    Typed,
)
from bot.i18n.languages import LANGUAGES, Language
from bot.i18n.text import t
from bot.i18n.translator import translator_for

CAMPAIGN = re.compile(r"[a-z0-9_-]{1,64}")     # what Telegram allows in a payload
WELCOME = t("Welcome! I will check, question by question, whether you could apply to Hong Kong's "
            "Quality Migrant Admission Scheme (QMAS) under the current General Points Test: since "
            "1 November 2024 you need to meet at least 6 of the 12 criteria. It takes 13 to 25 "
            "answers. Commands: /back, /review, /language, /help.")
WELCOME_BACK = t("Welcome back! Your answers are saved; let's continue.")
HELP = t("I pre-screen you for Hong Kong's Quality Migrant Admission Scheme (QMAS) under the "
         "current General Points Test: meet at least 6 of the 12 criteria to apply. Answer each "
         "question by typing or with the buttons.")


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


async def start(deps: Deps, turn: Turn) -> Response:
    """/start [payload]: greet, pick up where the user left off, or begin (in a deep link's
    language)."""
    language, campaign = parse_payload(turn.arg.partition(" ")[0])
    chosen = None
    if language is not None and not turn.language_chosen:
        chosen = language.code
        turn.tr = translator_for(language)
    returning = turn.stored and bool(turn.state.answers)
    # A finished questionnaire is said to be complete: no "let's continue" before that.
    finished = returning and deps.engine.current(turn.state) is None
    greeting = [] if finished else [WELCOME_BACK if returning else WELCOME]
    return await play(deps, turn, Start(), lead=greeting,
                      extra=Extra(language=chosen, campaign=campaign, touch=True))


async def answer(deps: Deps, turn: Turn, text: str) -> Response:
    """A typed message: an answer to the current question."""
    return await play(deps, turn, Typed(text))


async def press(deps: Deps, turn: Turn, revision: int, action: str) -> Response:
    """A question's button; the engine tells a stale or forged one from a current one."""
    return await play(deps, turn, Pressed(revision, action))


async def stale(deps: Deps, turn: Turn) -> Response:
    """A button this conversation cannot use (any more): the engine says what follows."""
    return await play(deps, turn, Stale())


async def show(deps: Deps, turn: Turn) -> Response:
    """Just the current question (or result) again."""
    return await play(deps, turn, Show())


async def help_(deps: Deps, turn: Turn) -> Response:
    """/help: one message, a line per command, the current question (or the result's state) at
    its foot."""
    shown = await play(deps, turn, Show())
    first, rest = (shown.messages[0], shown.messages[1:]) if shown.messages else (None, ())
    helped = deps.views.listed(turn.tr, HELP, deps.help_lines, first)
    return replace(shown, messages=(helped, *rest))


async def not_text(deps: Deps, turn: Turn) -> Response:
    """Stickers, photos, voice, locations: a hint and the current question again."""
    hint = t("I can only read text. Please type your answer or use the buttons.")
    return await play(deps, turn, Show(), lead=[hint])


async def back(deps: Deps, turn: Turn) -> Response:
    """/back: the last answer is undone and its question asked again, showing that answer."""
    return await play(deps, turn, Back())


async def review(deps: Deps, turn: Turn) -> Response:
    """/review: every answer so far, each with a button to change it."""
    settled = await settle(deps, turn, Review())
    act = settled.outcome.act
    if isinstance(act, ListAnswers):
        return deps.views.review(act.answered, turn.tr)
    return shown(deps, turn, settled)


async def change(deps: Deps, turn: Turn, question_id: str) -> Response:
    return await play(deps, turn, Change(question_id))


async def restart(deps: Deps, turn: Turn) -> Response:
    """/restart: ask first; the answers go only after the confirming button."""
    return deps.views.confirm(turn.tr, t("Start again from the first question? Your answers "
                                         "will be cleared."), t("Start again"), "restart",
                              turn.state.revision)


async def confirmed(deps: Deps, turn: Turn, revision: int, what: str) -> Response:
    """A confirmation's button (/restart's, /delete's or their Cancel): the engine tells a
    current one from a stale one and says what follows."""
    return await play(deps, turn, Confirmed(revision, what))


async def result(deps: Deps, turn: Turn) -> Response:
    """/result: the result of the answers so far (not recorded), then the current question."""
    return await play(deps, turn, Result())
