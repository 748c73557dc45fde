"""Feedback in the chat: "was it useful?" under a new result and its optional reason, and the
answer to the 60-day "did you apply?" (`bot.reminders.applied`). A typed yes or no after the
result, while "was it useful?" is open, answers it.

Each answer is kept and counted the first time only (`bot.storage.feedback`); a second or late
tap is told so and changes nothing. After a rating the next typed message is the reason; any
command or button ends that wait, so it never holds anything else up.
"""

from __future__ import annotations

from bot.chat.callbacks import Rate, encode
from bot.chat.messages import Out, OutButton, Response
from bot.chat.turn import Deps, Turn
from bot.chat.views import RATE, RATINGS
from bot.i18n.fold import words
from bot.i18n.text import Text, t
from bot.reminders.messages import APPLIED_ANSWERS, APPLIED_QUESTION
from bot.replies import parse_tri
from bot.scoring.answers import Tri
from bot.storage import feedback as db

MAX_REASON = 500       # characters: a few words, not a letter
ASK_REASON = t("Thank you. If you like, tell me why in a few words, or press Skip.")
SKIP = t("Skip")
THANKS = t("Thank you for your answer.")
ALREADY = t("You have already answered this question. Thank you.")
CLOSED = t("This question is no longer open.")


def _answered(deps: Deps, turn: Turn, question: Text, label: Text, then: Text) -> Out:
    """The question's message once answered: the question, the answer, what follows."""
    tr, m = turn.tr, deps.views.m
    return Out(f"{m.bold(tr(question))}\n→ {m.escape(tr(label))}\n\n{m.escape(tr(then))}")


def _toast(turn: Turn, text: Text) -> Response:
    return Response(toast=turn.tr(text), language=turn.tr.language.code)


async def rate(deps: Deps, turn: Turn, what: str) -> Response:
    """A button of "was it useful?", or Skip under the reason's request."""
    store = deps.feedback
    if what == "skip":
        await db.stop_waiting(store, turn.user_key)
        return Response(edit=deps.views.out(turn.tr, THANKS), toast=turn.tr(THANKS),
                        language=turn.tr.language.code)
    taken = await db.rate(store, turn.user_key, what)
    if taken is not db.Taken.COUNTED:
        return _toast(turn, ALREADY if taken is db.Taken.ALREADY else CLOSED)
    asked = _answered(deps, turn, RATE, RATINGS[what], ASK_REASON)
    skip = OutButton(turn.tr(SKIP), encode(Rate("skip")))
    return Response(edit=Out(asked.text, ((skip,),)), toast=turn.tr(RATINGS[what]),
                    language=turn.tr.language.code)


TYPED_RATINGS = {Tri.YES: "useful", Tri.UNSURE: "not_sure", Tri.NO: "not_useful"}


async def typed_rating(deps: Deps, turn: Turn, text: str) -> Response | None:
    """A typed yes, no or "not sure" after the result, or a button's label ("役に立った"), while
    "was it useful?" is open: its answer, as the button would give it; None for any other
    message."""
    typed = words(text)
    tri = parse_tri(text, turn.tr.language.locale)
    what = next((what for what, label in RATINGS.items() if typed == words(turn.tr(label))),
                None if tri is None else TYPED_RATINGS[tri])
    if what is None:
        return None
    if await db.rate(deps.feedback, turn.user_key, what, typed=True) \
            is not db.Taken.COUNTED:
        return None
    asked = _answered(deps, turn, RATE, RATINGS[what], ASK_REASON)
    skip = OutButton(turn.tr(SKIP), encode(Rate("skip")))
    return Response((Out(asked.text, ((skip,),)),), language=turn.tr.language.code)


async def reason(deps: Deps, turn: Turn, text: str) -> Response:
    """The typed reason: kept with the person's data, only counted in the statistics."""
    words = text.strip()
    if len(words) > MAX_REASON:
        out = deps.views.out(turn.tr, t("Please keep your reason under {most} characters, or "
                                        "press Skip.", most=MAX_REASON))
        skip = OutButton(turn.tr(SKIP), encode(Rate("skip")))
        return Response((Out(out.text, ((skip,),)),), language=turn.tr.language.code)
    await db.give_reason(deps.feedback, turn.user_key, words)
    return deps.views.say(turn.tr, THANKS)


async def end_wait(deps: Deps, turn: Turn) -> None:
    """Anything but a typed message after a rating: no reason is awaited any more."""
    if turn.awaiting_reason:
        await db.stop_waiting(deps.feedback, turn.user_key)
        turn.awaiting_reason = False


async def applied(deps: Deps, turn: Turn, what: str) -> Response:
    """One tap on the 60-day question."""
    taken = await db.applied(deps.feedback, turn.user_key, what)
    if taken is not db.Taken.COUNTED:
        return _toast(turn, ALREADY if taken is db.Taken.ALREADY else CLOSED)
    return Response(edit=_answered(deps, turn, APPLIED_QUESTION, APPLIED_ANSWERS[what], THANKS),
                    toast=turn.tr(APPLIED_ANSWERS[what]), language=turn.tr.language.code)
