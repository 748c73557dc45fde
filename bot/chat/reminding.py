"""Reminders in the chat: the opt-in under a result, the birth month, /reminders,
cancelling one, and "stop these". The planning and storage live in `bot.reminders`.

Only a front end that can reach the user later offers them (`Deps.reminder_store` is set for
Telegram, not for the terminal). After an opt-in that asks for the month of birth, the user's
next typed message is read as that month (`Deps.awaiting_birth_month`, in memory: after a
restart the opt-in button asks again); any command or button ends the wait.
"""

from __future__ import annotations

from bot.chat.answering import stale
from bot.chat.messages import Out, OutButton, Response
from bot.chat.turn import Deps, Turn
from bot.i18n.text import t
from bot.reminders import usecases
from bot.reminders.messages import Message
from bot.reminders.usecases import Reply, reachable
from bot.scoring.answers import InvalidAnswer


def _show(deps: Deps, turn: Turn, message: Message) -> Response:
    """A reminders message with its buttons, one per row."""
    tr = turn.tr
    buttons = tuple((OutButton(label, data),) for label, data in message.button_labels(tr))
    return Response((Out(message.render(tr, deps.views.m), buttons),), language=tr.language.code)


def _replied(deps: Deps, turn: Turn, reply: Reply) -> Response:
    """Show a reply; wait for the month of birth only when the reply asks for it."""
    if reply.ask_birth_month:
        deps.awaiting_birth_month.add(turn.user_key)
    else:
        deps.awaiting_birth_month.discard(turn.user_key)
    return _show(deps, turn, reply.message)


async def opt_in(deps: Deps, turn: Turn) -> Response:
    """The button under a result: plan reminders for the latest recorded result's answers."""
    store = deps.reminder_store
    latest = await deps.store.latest_assessment(turn.user_key)
    if store is None or not reachable(turn.user_key) or latest is None:
        return await stale(deps, turn)          # a forged or out-of-place button
    try:
        reply = await usecases.opt_in(store, turn.user_key, latest.answers, deps.today(),
                                      turn.tr.language.code)
    except InvalidAnswer:
        return deps.views.say(turn.tr, t("Reminders cannot be planned for these answers. "
                                         "Please check them with /review."))
    return _replied(deps, turn, reply)


async def birth_month(deps: Deps, turn: Turn, text: str) -> Response:
    """The typed answer to the month-of-birth question (bad input: asked again, nothing lost)."""
    assert deps.reminder_store is not None
    reply = await usecases.set_birth_month(deps.reminder_store, turn.user_key, text, deps.today())
    return _replied(deps, turn, reply)


async def list_(deps: Deps, turn: Turn) -> Response:
    """/reminders: what is scheduled, a cancel button each, and "stop these"."""
    if deps.reminder_store is None:
        return deps.views.say(turn.tr, t("Reminders are only available in Telegram."))
    return _show(deps, turn, await usecases.list_reminders(deps.reminder_store, turn.user_key))


async def cancel(deps: Deps, turn: Turn, reminder_id: int) -> Response:
    """A cancel button of /reminders."""
    if deps.reminder_store is None:
        return await stale(deps, turn)
    return _show(deps, turn, await usecases.cancel(deps.reminder_store, turn.user_key,
                                                   reminder_id))


async def stop(deps: Deps, turn: Turn) -> Response:
    """"Stop these": nothing more is sent, and what was kept for reminders is deleted."""
    if deps.reminder_store is None:
        return await stale(deps, turn)
    return _show(deps, turn, await usecases.stop_all(deps.reminder_store, turn.user_key))


BUTTONS = {"optin": opt_in, "list": list_, "stop": stop}
