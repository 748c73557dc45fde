"""One conversation service for every front end: Telegram and the terminal differ only in I/O.

Each entry point loads the user's turn (a read), routes to one use case, which asks the engine
once and saves what changed in one transaction before returning what to show, so an answer is
never acknowledged before it is stored. Commands are routed by the registry in `commands`.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import date

from bot.chat import account, answering, feedback, reminders, result
from bot.chat.callbacks import (
    Answer,
    ChangeAnswer,
    Confirm,
    OpenSection,
    PickLanguage,
    Rate,
    decode,
)
from bot.chat.commands import COMMANDS, Command
from bot.chat.messages import Response
from bot.chat.turn import Caller, Deps, load_turn
from bot.chat.views import Views
from bot.common.markup import Markup
from bot.engine.engine import Engine
from bot.i18n.text import t
from bot.i18n.translator import Translator
from bot.reminders.buttons import Applied, CancelReminder, Reminders
from bot.reminders.optins import OptIns
from bot.stats.figures import statistics
from bot.storage.store import Store


class ChatService:
    """The questionnaire conversation, independent of how messages travel."""

    def __init__(self, store: Store, engine: Engine, markup: Markup,
                 today: Callable[[], date] = date.today,
                 clock: Callable[[], float] = time.time, retention_days: int = 90,
                 reminders: bool = False, numbered: bool = False,
                 pdf: Callable[[bytes], Awaitable[bytes | None]] | None = None,
                 commands: Sequence[Command] = COMMANDS) -> None:
        # `reminders`: only for a front end that can reach users later (Telegram); `numbered`:
        # for one that shows choices as numbers to type (the terminal); `pdf`: prints the
        # /report document to PDF too (bot.report.pdf), when available.
        help_lines = tuple(c.help_line for c in commands
                           if c.help_line is not None and (reminders or not c.reminders))
        self.deps = Deps(store, store, engine,
                         Views(markup, reminders=reminders, numbered=numbered), today,
                         lambda period: statistics(store, period), clock, retention_days,
                         OptIns(store) if reminders else None, pdf=pdf, help_lines=help_lines)
        self.commands = {c.name: c for c in commands}

    async def translator(self, caller: Caller) -> Translator:
        """The user's language: their /language choice, else their client's, else English."""
        return (await load_turn(self.deps, caller)).tr

    async def start(self, caller: Caller, payload: str | None = None) -> Response:
        """/start, with an optional deep-link payload."""
        return await self.command(caller, "start", payload or "")

    async def text(self, caller: Caller, text: str) -> Response:
        """A typed message: an answer to the current question (or the month of birth that
        reminders asked for)."""
        turn = await load_turn(self.deps, caller)
        if turn.asked_birth_month and self.deps.reminders is not None:
            return await reminders.birth_month(self.deps, turn, text)
        if turn.awaiting_reason:
            return await feedback.reason(self.deps, turn, text)
        if not turn.rated and self.deps.engine.current(turn.state) is None \
                and (rated := await feedback.typed_rating(self.deps, turn, text)) is not None:
            return rated
        return await answering.answer(self.deps, turn, text)

    async def not_text(self, caller: Caller) -> Response:
        """Anything that is not text (stickers, photos, voice…)."""
        return await answering.not_text(self.deps, await load_turn(self.deps, caller))

    async def button(self, caller: Caller, data: str) -> Response:
        """A pressed inline button; stale or forged data never changes anything."""
        turn = await load_turn(self.deps, caller)
        await reminders.end_wait(self.deps, turn)
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
            return await reminders.BUTTONS[pressed.what](self.deps, turn)
        if isinstance(pressed, CancelReminder):
            return await reminders.cancel(self.deps, turn, pressed.reminder_id)
        if isinstance(pressed, Confirm):
            return await answering.confirmed(self.deps, turn, pressed.revision, pressed.what)
        return await answering.stale(self.deps, turn)

    async def command(self, caller: Caller, name: str, arg: str = "", *,
                      admin: bool = False) -> Response:
        """`/name arg`; an admin's command only when the front end has checked the caller is
        an admin (`admin`)."""
        turn = await load_turn(self.deps, caller)
        await reminders.end_wait(self.deps, turn)
        turn.arg = arg
        await feedback.end_wait(self.deps, turn)
        command = self.commands.get(name)
        if command is None or (command.admin and not admin):
            return self.deps.views.say(turn.tr, t("I don't know that command. Send /help to "
                                                  "see what I can do."))
        return await command.use_case(self.deps, turn)

    async def resume(self, caller: Caller) -> Response:
        """Where the user stands (the current question or the result), changing nothing: the
        reply to an update whose changes were saved but whose reply may never have gone out."""
        return await answering.show(self.deps, await load_turn(self.deps, caller))
