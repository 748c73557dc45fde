"""The one "did you apply?" question, 60 days after the result a person asked reminders for.

Its own job queues it among that person's reminders (`bot.storage.feedback.queue_questions`),
then sends what is due through the reminders' delivery (`sender.deliver`), so it is sent
exactly once across restarts, never after /delete, "Stop these" or a block, and never asked
twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any

from telegram.ext import JobQueue

from bot.reminders import sender
from bot.reminders import store as db
from bot.storage import feedback
from bot.storage.store import Store

AFTER = timedelta(days=60)


async def run(store: Store, day: date, send: sender.Send, pause: float = sender.PAUSE,
              sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> sender.Report:
    """Queue the questions due on `day` and send every one still due, once each."""
    async with db.sender_lock(store):
        report = sender.Report()
        report.requeued, report.uncertain = await db.recover(store)
        await feedback.queue_questions(store, day - AFTER, day)
        due = [r for r in await db.pending(store, due_by=day) if r.kind == feedback.ASK_APPLIED]
        for n, reminder in enumerate(due):
            optin = await db.get_optin(store, reminder.user_key)
            if optin is None or optin.blocked:
                continue
            if n:
                await sleep(pause)
            await sender.deliver(store, reminder, optin, send, report)
        return report


def register_job(job_queue: JobQueue[Any], store_of: Callable[[], Store]) -> None:
    """Ask the questions that fell due every six hours, the first time after start-up."""
    sender.register_job(job_queue, store_of, interval=timedelta(hours=6), first=120,
                        runner=run, name="applied-questions")
