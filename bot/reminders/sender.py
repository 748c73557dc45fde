"""Send due reminders and rule-change notices exactly once, politely, and from PTB's job queue.

Each reminder is claimed in the database before it is sent, marked in flight before a request
can leave (`bot.reminders.tracking` follows each attempt) and sent after, so a restart or a
catch-up after downtime sends each one once where Telegram's answer is known, and never twice
where it is not: one whose request left without an answer (a time-out, a crash) is marked
uncertain and reported, not resent. One run at a time, across processes (`sender_lock`). A user
who blocked the bot gets nothing more. This job paces itself (at most one message per `pause`
seconds) on top of PTB's AIORateLimiter, which keeps the whole bot under Telegram's 30
messages per second.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden
from telegram.ext import ContextTypes, JobQueue

from bot.common.markup import Html, Plain
from bot.i18n.languages import DEFAULT, resolve
from bot.i18n.translator import translator_for
from bot.reminders import store as db
from bot.reminders.messages import Message, applied_question, rule_notice, time_reminder
from bot.reminders.optins import reachable, stored_answers
from bot.reminders.plan import (
    RuleChange,
    due_day,
    event_on,
    known_versions,
    needs_notice,
    plan,
    rule_change,
    version_on,
)
from bot.reminders.tracking import watching
from bot.storage.feedback import ASK_APPLIED
from bot.storage.store import Store

log = logging.getLogger(__name__)

PAUSE = 0.1   # seconds between two sends of this job: 10 per second, leaving room for chats

Send = Callable[[str, str, Sequence[tuple[str, str]]], Awaitable[None]]
Clock = Callable[[], date]


class Blocked(Exception):
    """The user cannot be reached any more (Telegram 403: they blocked the bot)."""


class NotDelivered(Exception):
    """A send that certainly did not reach the user (a `Send` that knows it says so)."""


@dataclass(frozen=True)
class Planned:
    """One notice that is due: to whom (pseudonymously), of which kind and day, and what."""

    optin: db.OptIn
    kind: str
    event_on: date
    message: Message


@dataclass
class Report:
    sent: int = 0
    blocked: int = 0
    dropped: int = 0
    failed: int = 0
    uncertain: int = 0     # the request left without an answer: not sent again
    requeued: int = 0      # claimed by a run that stopped before sending: sent by this one

    def summary(self, day: date) -> str:
        """One line for operators."""
        return (f"{day.isoformat()}: {self.sent} sent, {self.blocked} blocked, "
                f"{self.dropped} no longer relevant, {self.failed} failed, "
                f"{self.uncertain} uncertain (not sent again)")


class _Claim:
    """A claimed reminder's row, kept in step with its request (`tracking.Watch`)."""

    def __init__(self, store: Store, reminder_id: int) -> None:
        self.store, self.id, self.status = store, reminder_id, "sending"

    async def _set(self, status: str) -> None:
        if status != self.status:
            await db.set_status(self.store, self.id, status)
            self.status = status

    async def leaving(self) -> None:
        await self._set("inflight")

    async def not_delivered(self) -> None:
        await self._set("sending")


def _rule_change(optin: db.OptIn, since: date, day: date) -> RuleChange | None:
    answers = stored_answers(optin)
    if answers is None:
        return None
    return rule_change(answers, optin.answered_on, optin.birth, since, day)


def _message(optin: db.OptIn, reminder: db.Scheduled) -> Message | None:
    """The reminder re-assessed now; None when, under today's rules, nothing changes then."""
    if reminder.kind == ASK_APPLIED:
        return applied_question()
    if reminder.kind == "rules":
        change = _rule_change(optin, reminder.since or optin.answered_on, reminder.event_on)
        return rule_notice(change) if change is not None and change.changes else None
    answers = stored_answers(optin)
    event = event_on(answers, optin.answered_on, optin.birth, reminder.event_on) \
        if answers is not None else None
    return time_reminder(event) if event is not None else None


def _notice(optin: db.OptIn, day: date) -> RuleChange | None:
    """What new rules in force on `day` change for the user, if they need telling."""
    if not needs_notice(optin.rules_day, day, optin.known):
        return None
    change = _rule_change(optin, optin.rules_day, day)
    return change if change is not None and change.changes else None


async def rule_changes(store: Store, day: date) -> list[Planned]:
    """Opted-in users whose result the rules and list in force on `day` change."""
    out = []
    for optin in await db.optins(store):
        change = _notice(optin, day)
        if change is not None:
            out.append(Planned(optin, "rules", day, rule_notice(change)))
    return out


async def due(store: Store, day: date) -> list[Planned]:
    """What a run on `day` would send, without writing anything (`notices --dry-run`)."""
    out = []
    for reminder in await db.pending(store, due_by=day, requeued=True):
        optin = await db.get_optin(store, reminder.user_key)
        message = _message(optin, reminder) if optin is not None else None
        if optin is not None and message is not None:
            out.append(Planned(optin, reminder.kind, reminder.event_on, message))
    return [*out, *await rule_changes(store, day)]


def describe(day: date, planned: Sequence[Planned],
             uncertain: Sequence[tuple[db.Scheduled, str]] = ()) -> str:
    """For operators: who (pseudonymously) would be notified on `day`, and why, in English;
    then the reminders whose delivery is uncertain (never sent again)."""
    tr = translator_for(DEFAULT)
    lines = [f"{day.isoformat()}: {len(planned)} notice(s) due"]
    for item in planned:
        lines.append(f"- user {item.optin.pseudonym}: {item.kind} change of "
                     f"{item.event_on.isoformat()}")
        lines += [f"    {line}" for line in item.message.render(tr, Plain()).splitlines()]
    if uncertain:
        lines.append(f"{len(uncertain)} reminder(s) uncertain: a request left without an "
                     "answer, so the user may have it; not sent again")
        lines += [f"- user {pseudonym}: {reminder.kind} change of {reminder.event_on.isoformat()}"
                  for reminder, pseudonym in uncertain]
    return "\n".join(lines)


async def _replan(store: Store, optin: db.OptIn, day: date, known: frozenset[date]) -> None:
    """Rule or list data deployed since the plan: plan the days still to come again."""
    answers = stored_answers(optin)
    if answers is None:
        return
    events = [e for e in plan(answers, optin.answered_on, optin.birth) if e.day > day]
    await db.replan(store, optin.user_key, known, [(e.day, due_day(e.day, day)) for e in events])


async def schedule_rule_notices(store: Store, day: date) -> int:
    """Store a notice for each user whose result the rules of `day` change, remember for the
    others that these rules changed nothing, and plan again for data deployed since.
    Returns how many notices were added."""
    added = 0
    known = known_versions()
    for optin in await db.optins(store):
        change = _notice(optin, day)
        if change is not None:
            added += await db.add_rule_notice(store, optin.user_key, day, optin.rules_day)
        elif version_on(optin.rules_day) != version_on(day):
            await db.set_rules_day(store, optin.user_key, day)
        if optin.known != known:
            await _replan(store, optin, day, known)
    return added


async def deliver(store: Store, reminder: db.Scheduled, optin: db.OptIn, send: Send,
                  report: Report) -> None:
    """Claim, send and mark one reminder, counting the outcome in `report`."""
    message = _message(optin, reminder)
    if not await db.claim(store, reminder.id):
        return
    if message is None:
        await db.finish(store, reminder, "dropped")
        report.dropped += 1
        return
    tr = translator_for(resolve(optin.language) or DEFAULT)
    claim = _Claim(store, reminder.id)
    await claim.leaving()    # from here on the user may get it, unless an answer says not
    try:
        with watching(claim):
            await send(reminder.user_key, message.render(tr, Html()), message.button_labels(tr))
    except Blocked:
        await db.mark_blocked(store, reminder.user_key)
        report.blocked += 1
        return
    except Exception as exc:
        if claim.status == "inflight" and not isinstance(exc, NotDelivered):
            log.warning("reminder %d: no answer from Telegram (%s); it may have been "
                        "delivered, so it is not sent again", reminder.id, type(exc).__name__)
            await db.finish(store, reminder, "uncertain")
            report.uncertain += 1
            return
        log.warning("reminder %d not sent (%s); it will be tried again", reminder.id,
                    type(exc).__name__)
        await db.finish(store, reminder, "pending")
        report.failed += 1
        return
    await db.finish(store, reminder, "sent")
    report.sent += 1


async def run(store: Store, day: date, send: Send, pause: float = PAUSE,
              sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> Report:
    """Schedule the rule notices of `day`, then send every reminder due by `day` once, with
    `pause` seconds between two messages; `db.SenderBusy` if another run is sending."""
    async with db.sender_lock(store):
        report = Report()
        report.requeued, report.uncertain = await db.recover(store)
        if report.requeued or report.uncertain:
            log.warning("reminders: an earlier run stopped; %d queued again (never sent), %d "
                        "uncertain (not sent again)", report.requeued, report.uncertain)
        await schedule_rule_notices(store, day)
        for n, reminder in enumerate(await db.pending(store, due_by=day)):
            optin = await db.get_optin(store, reminder.user_key)
            if optin is None or optin.blocked:
                continue
            if n:
                await sleep(pause)
            await deliver(store, reminder, optin, send, report)
        return report


def telegram_send(bot: Bot) -> Send:
    """Send through PTB's bot (and so through its rate limiter); 403 and a missing chat mean
    the user cannot be reached."""
    async def send(user_key: str, text: str, buttons: Sequence[tuple[str, str]]) -> None:
        if not reachable(user_key):
            raise Blocked(user_key)   # the terminal chat cannot be reached later
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]
                                       for label, data in buttons])
        try:
            await bot.send_message(int(user_key[3:]), text, parse_mode="HTML",
                                   reply_markup=markup)
        except Forbidden as exc:
            raise Blocked(user_key) from exc
        except BadRequest as exc:
            if "chat not found" in exc.message.lower():
                raise Blocked(user_key) from exc
            raise
    return send


def register_job(job_queue: JobQueue[Any], store_of: Callable[[], Store],
                 clock: Clock = date.today, interval: timedelta = timedelta(hours=1),
                 first: float = 60, runner: Callable[[Store, date, Send], Awaitable[Report]]
                 = run, name: str = "reminders") -> None:
    """Check for due reminders (or what `runner` sends) every `interval`, the first time
    `first` seconds after start-up (the catch-up of what fell due while the bot was down)."""
    async def job(context: ContextTypes.DEFAULT_TYPE) -> None:
        day = clock()
        try:
            report = await runner(store_of(), day, telegram_send(context.bot))
        except db.SenderBusy:
            log.info("%s: another run is sending; this one skipped", name)
            return
        if report.sent or report.blocked or report.failed or report.uncertain:
            log.info("%s: %s", name, report.summary(day))

    job_queue.run_repeating(job, interval=interval, first=first, name=name)
