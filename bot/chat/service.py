"""One conversation service for every front end: Telegram and the terminal differ only in I/O.

Each entry point loads the user's turn (a read), routes to one use case, which asks the engine
once and saves what changed in one transaction before returning what to show, so an answer is
never acknowledged before it is stored. New commands plug in with `add_command`.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import date

from bot.chat import account, admin, answering, feedback, lookup, reminding, result
from bot.chat.callbacks import (
    Answer,
    Applied,
    CancelReminder,
    ChangeAnswer,
    Confirm,
    OpenSection,
    PickLanguage,
    Rate,
    Reminders,
    decode,
)
from bot.chat.messages import Response
from bot.chat.turn import Caller, Deps, Turn, load_turn
from bot.chat.views import Views
from bot.engine.engine import Engine
from bot.i18n.text import t
from bot.i18n.translator import Translator
from bot.report.markup import Markup
from bot.storage.stats import statistics
from bot.storage.store import Store

UseCase = Callable[[Deps, Turn], Awaitable[Response]]

COMMANDS: dict[str, UseCase] = {
    "help": answering.help_, "back": answering.back, "review": answering.review,
    "restart": answering.restart, "result": answering.result,
    "language": account.language_menu, "privacy": account.privacy, "mydata": account.my_data,
    "delete": account.delete, "reminders": reminding.list_, "report": result.report,
    "university": lookup.university, "fees": lookup.fees,
}
CONFIRMED: dict[str, UseCase] = {
    "restart": answering.restart_confirmed, "delete": account.delete_confirmed,
    "keep": answering.cancelled,
}


class ChatService:
    """The questionnaire conversation, independent of how messages travel."""

    def __init__(self, store: Store, engine: Engine, markup: Markup,
                 today: Callable[[], date] = date.today,
                 clock: Callable[[], float] = time.time, retention_days: int = 90,
                 reminders: bool = False, numbered: bool = False,
                 pdf: Callable[[bytes], Awaitable[bytes | None]] | None = None) -> None:
        # `reminders`: only for a front end that can reach users later (Telegram); `numbered`:
        # for one that shows choices as numbers to type (the terminal); `pdf`: prints the
        # /report document to PDF too (bot.report.pdf), when available.
        self.deps = Deps(store, engine, Views(markup, reminders=reminders, numbered=numbered),
                         today, lambda period: statistics(store, period), clock, retention_days,
                         store if reminders else None, pdf=pdf, feedback_store=store)
        self.commands = dict(COMMANDS)

    def add_command(self, name: str, use_case: UseCase) -> None:
        """Route `/name` to `use_case` (e.g. a /report or /reminders module)."""
        self.commands[name] = use_case

    async def translator(self, caller: Caller) -> Translator:
        """The user's language: their /language choice, else their client's, else English."""
        return (await load_turn(self.deps, caller)).tr

    async def start(self, caller: Caller, payload: str | None) -> Response:
        """/start, with an optional deep-link payload."""
        self.deps.awaiting_birth_month.discard(caller.user_key)
        turn = await load_turn(self.deps, caller)
        await feedback.end_wait(self.deps, turn)
        return await answering.start(self.deps, turn, payload)

    async def text(self, caller: Caller, text: str) -> Response:
        """A typed message: an answer to the current question (or the month of birth that
        reminders asked for)."""
        turn = await load_turn(self.deps, caller)
        if caller.user_key in self.deps.awaiting_birth_month:
            return await reminding.birth_month(self.deps, turn, text)
        if turn.awaiting_reason:
            return await feedback.reason(self.deps, turn, text)
        return await answering.answer(self.deps, turn, text)

    async def not_text(self, caller: Caller) -> Response:
        """Anything that is not text (stickers, photos, voice…)."""
        return await answering.not_text(self.deps, await load_turn(self.deps, caller))

    async def button(self, caller: Caller, data: str) -> Response:
        """A pressed inline button; stale or forged data never changes anything."""
        turn = await load_turn(self.deps, caller)
        self.deps.awaiting_birth_month.discard(caller.user_key)
        pressed = decode(data)
        if isinstance(pressed, Rate):
            return await feedback.rate(self.deps, turn, pressed.what)
        await feedback.end_wait(self.deps, turn)
        if isinstance(pressed, Applied):
            return await feedback.applied(self.deps, turn, pressed.what)
        if isinstance(pressed, Answer):
            return await answering.press(self.deps, turn, pressed.revision, pressed.action)
        if isinstance(pressed, ChangeAnswer):
            return await answering.change(self.deps, turn, pressed.question_id)
        if isinstance(pressed, OpenSection):
            return await result.open_section(self.deps, turn, pressed.revision, pressed.name)
        if isinstance(pressed, PickLanguage):
            return await account.pick_language(self.deps, turn, pressed.code)
        if isinstance(pressed, Reminders):
            return await reminding.BUTTONS[pressed.what](self.deps, turn)
        if isinstance(pressed, CancelReminder):
            return await reminding.cancel(self.deps, turn, pressed.reminder_id)
        if isinstance(pressed, Confirm) and pressed.what in CONFIRMED \
                and pressed.revision == turn.state.revision:
            return await CONFIRMED[pressed.what](self.deps, turn)
        return await answering.stale(self.deps, turn)

    async def command(self, caller: Caller, name: str, arg: str = "") -> Response:
        """Any command but /start and the admin's; `arg` is what followed its name."""
        turn = await load_turn(self.deps, caller)
        self.deps.awaiting_birth_month.discard(caller.user_key)
        turn.arg = arg
        await feedback.end_wait(self.deps, turn)
        use_case = self.commands.get(name)
        if use_case is None:
            return self.deps.views.say(turn.tr, t("I don't know that command. Send /help to "
                                                  "see what I can do."))
        return await use_case(self.deps, turn)

    async def resume(self, caller: Caller) -> Response:
        """Where the user stands (the current question or the result), changing nothing: the
        reply to an update whose changes were saved but whose reply may never have gone out."""
        return await answering.show(self.deps, await load_turn(self.deps, caller))

    async def admin_stats(self, caller: Caller, days: str) -> Response:
        """/stats [days], for callers the front end has checked are admins."""
        return await admin.stats(self.deps, await load_turn(self.deps, caller), days)
