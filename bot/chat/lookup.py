"""/university NAME and /fees N, for anyone at any time: the answer, then the current question
again."""

from __future__ import annotations

from dataclasses import replace

from bot.chat.messages import Out, Response
from bot.chat.turn import Deps, Turn, play
from bot.engine.turns import Aside
from bot.i18n.fold import folded
from bot.replies import parse_number
from bot.replies.errors import read_or_none
from bot.replies.words import mentions, without_ending
from bot.report.lookup import lookup_text
from bot.report.next_steps import fees_text


async def university(deps: Deps, turn: Turn) -> Response:
    """Whether an institution is on the list in force; mid-questionnaire the question follows
    (a mere lookup before any questionnaire gets only the answer)."""
    return await _answer(deps, turn, lookup_text(turn.arg, deps.today(), turn.tr, deps.views.m))


async def fees(deps: Deps, turn: Turn) -> Response:
    """ImmD's fees for the household size the user names, in digits or words of their language
    and with a word counting people or not ("/fees 3", "/fees three", "/fees 三人"), then the
    question again."""
    locale = turn.tr.language.locale
    if mentions(turn.arg, "family"):   # "/fees 妻と子供2人": 2 is the children, not everyone
        return await _answer(deps, turn, deps.views.m.escape(turn.tr(fees_text(None))))
    people = read_or_none(parse_number, turn.arg, locale)   # "/fees 3", Korean "/fees 세 명"
    if people is None:   # "/fees 三人", "/fees 3 people", "/fees हम चार लोग हैं"
        typed = without_ending(without_ending(folded(turn.arg), "copulas"), "people_counters")
        people = read_or_none(parse_number, typed, locale)
    return await _answer(deps, turn, deps.views.m.escape(turn.tr(fees_text(people))))


async def _answer(deps: Deps, turn: Turn, text: str) -> Response:
    """The answer, then what the engine shows beside it."""
    shown = await play(deps, turn, Aside())
    return replace(shown, messages=(Out(text), *shown.messages))
