"""Storage of reminder opt-ins and scheduled reminders.

A reminder moves pending -> sending (claimed by a run, nothing on the way to Telegram) ->
inflight (a request may have left) -> sent, and back from inflight to sending whenever
Telegram's answer says nothing was delivered (a 429 to wait out, a 5xx). A run that dies leaves
its row sending or inflight: the next run puts a sending row back to pending, and marks an
inflight one uncertain, which is never sent again (the user may have it). Rows also end
cancelled, blocked or dropped. Every row belongs to a user and is deleted with them (/delete,
retention purge) by ON DELETE CASCADE; the counts of sent, cancelled, blocked and uncertain
reminders stay as anonymous rows of `events`.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import aiosqlite

from bot.reminders.plan import BirthMonth
from bot.storage.events import BLOCKED, CANCELLED, SENT, UNCERTAIN
from bot.storage.store import Store, timestamp


@dataclass(frozen=True)
class OptIn:
    """What a user asked reminders for: their answers of `answered_on`, and where they stand."""

    user_key: str
    answers: dict[str, Any]
    answered_on: date
    rules_day: date
    birth: BirthMonth | None
    language: str
    pseudonym: str
    blocked: bool
    known: frozenset[date]      # rule and list versions in the data when this was planned


@dataclass(frozen=True)
class Scheduled:
    id: int
    user_key: str
    kind: str          # 'time' or 'rules'
    event_on: date
    due_on: date
    since: date | None = None   # 'rules': a day of the rules the notice compares with


async def _event(db: aiosqlite.Connection, user_key: str, kind: str, count: int = 1) -> None:
    await db.executemany(
        "INSERT INTO events (user_key, kind, question, language, campaign, at) "
        "SELECT user_key, ?, NULL, language, campaign, ? FROM users WHERE user_key = ?",
        [(kind, timestamp(), user_key)] * count)


_OPTIN_COLUMNS = ("o.user_key, o.answers, o.answered_on, o.rules_day, o.birth_month, o.language, "
                  "u.pseudonym, o.blocked_at, o.known")


def _optin(row: Any) -> OptIn:
    return OptIn(row[0], json.loads(row[1]), date.fromisoformat(row[2]),
                 date.fromisoformat(row[3]), BirthMonth.from_iso(row[4]) if row[4] else None,
                 row[5], row[6] or "", row[7] is not None,
                 frozenset(date.fromisoformat(d) for d in json.loads(row[8])))


def _scheduled(row: Any) -> Scheduled:
    return Scheduled(row[0], row[1], row[2], date.fromisoformat(row[3]),
                     date.fromisoformat(row[4]), date.fromisoformat(row[5]) if row[5] else None)


def _known(known: frozenset[date]) -> str:
    return json.dumps(sorted(d.isoformat() for d in known))


async def _replace_time_reminders(db: aiosqlite.Connection, user_key: str,
                                  reminders: Iterable[tuple[date, date]]) -> None:
    """Pending time reminders become `reminders` (event day, due day); those already sent or
    cancelled for the same day stay so."""
    await db.execute("DELETE FROM reminders WHERE user_key = ? AND kind = 'time' "
                     "AND status = 'pending'", (user_key,))
    await db.executemany(
        "INSERT OR IGNORE INTO reminders (user_key, kind, event_on, due_on) "
        "VALUES (?, 'time', ?, ?)",
        [(user_key, event.isoformat(), due.isoformat()) for event, due in reminders])


async def save_optin(store: Store, user_key: str, answers: dict[str, Any], answered_on: date,
                     language: str, birth: BirthMonth | None, known: frozenset[date],
                     reminders: Iterable[tuple[date, date]], *, ask_birth_month: bool) -> None:
    """Opt in (or refresh the answers of an opt-in) with the time reminders planned for them;
    `ask_birth_month`: the user's next typed message is read as their month of birth."""
    async with store.transaction() as db:
        await db.execute(
            "INSERT INTO reminder_optins (user_key, answers, answered_on, rules_day, birth_month, "
            "language, known, opted_at, birth_month_asked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(user_key) DO UPDATE SET answers = excluded.answers, "
            "answered_on = excluded.answered_on, rules_day = excluded.rules_day, "
            "birth_month = excluded.birth_month, language = excluded.language, "
            "known = excluded.known, blocked_at = NULL, "
            "birth_month_asked = excluded.birth_month_asked",
            (user_key, json.dumps(answers), answered_on.isoformat(), answered_on.isoformat(),
             birth.iso() if birth else None, language, _known(known), timestamp(),
             ask_birth_month))
        await _replace_time_reminders(db, user_key, reminders)


async def stop_asking(store: Store, user_key: str) -> None:
    """The user moved on (a command, a button): their typed messages are answers again."""
    async with store.transaction() as db:
        await db.execute("UPDATE reminder_optins SET birth_month_asked = 0 WHERE user_key = ?",
                         (user_key,))


async def replan(store: Store, user_key: str, known: frozenset[date],
                 reminders: Iterable[tuple[date, date]]) -> None:
    """New rule or list data was deployed: the time reminders planned with it."""
    async with store.transaction() as db:
        await db.execute("UPDATE reminder_optins SET known = ? WHERE user_key = ?",
                         (_known(known), user_key))
        await _replace_time_reminders(db, user_key, reminders)


async def get_optin(store: Store, user_key: str) -> OptIn | None:
    async with store.reading() as db:
        rows = list(await db.execute_fetchall(
            f"SELECT {_OPTIN_COLUMNS} FROM reminder_optins o JOIN users u USING (user_key) "
            "WHERE o.user_key = ?", (user_key,)))
    return _optin(rows[0]) if rows else None


async def optins(store: Store) -> list[OptIn]:
    """Every user who opted in and has not blocked the bot (for rule-change notices)."""
    async with store.reading() as db:
        rows = await db.execute_fetchall(
            f"SELECT {_OPTIN_COLUMNS} FROM reminder_optins o JOIN users u USING (user_key) "
            "WHERE o.blocked_at IS NULL ORDER BY o.user_key")
    return [_optin(row) for row in rows]


async def pending(store: Store, user_key: str | None = None, due_by: date | None = None,
                  *, requeued: bool = False) -> list[Scheduled]:
    """Pending reminders of one user (or all), optionally only those due by `due_by`;
    `requeued`: also those a dead run left claimed before sending (`recover` re-queues them)."""
    sql = ("SELECT r.id, r.user_key, r.kind, r.event_on, r.due_on, r.since FROM reminders r "
           "JOIN reminder_optins o USING (user_key) WHERE r.status IN (?, ?) "
           "AND o.blocked_at IS NULL")
    params: list[object] = ["pending", "sending" if requeued else "pending"]
    if user_key is not None:
        sql += " AND r.user_key = ?"
        params.append(user_key)
    if due_by is not None:
        sql += " AND r.due_on <= ?"
        params.append(due_by.isoformat())
    async with store.reading() as db:
        rows = await db.execute_fetchall(sql + " ORDER BY r.due_on, r.id", params)
    return [_scheduled(row) for row in rows]


async def add_rule_notice(store: Store, user_key: str, day: date, since: date) -> bool:
    """Schedule a notice of what the rules of `day` change against those of `since`, and
    record that the user now knows the rules of `day`, in one transaction; False when one was
    already scheduled for that day."""
    async with store.transaction() as db:
        async with db.execute("INSERT OR IGNORE INTO reminders (user_key, kind, event_on, due_on, "
                              "since) VALUES (?, 'rules', ?, ?, ?)",
                              (user_key, day.isoformat(), day.isoformat(),
                               since.isoformat())) as cur:
            added = cur.rowcount > 0
        await db.execute("UPDATE reminder_optins SET rules_day = ? WHERE user_key = ?",
                         (day.isoformat(), user_key))
    return added


async def set_rules_day(store: Store, user_key: str, day: date) -> None:
    """The rules of `day` changed nothing for the user: compare with them from now on."""
    async with store.transaction() as db:
        await db.execute("UPDATE reminder_optins SET rules_day = ? WHERE user_key = ?",
                         (day.isoformat(), user_key))


async def claim(store: Store, reminder_id: int) -> bool:
    """Take a pending reminder for sending; False if another run took it or it was cancelled."""
    async with store.transaction() as db, db.execute(
            "UPDATE reminders SET status = 'sending' WHERE id = ? AND status = 'pending'",
            (reminder_id,)) as cur:
        return cur.rowcount > 0


async def set_status(store: Store, reminder_id: int, status: str) -> None:
    """A claimed reminder between 'sending' (nothing on the way) and 'inflight' (a request
    to Telegram may have left), written before that request leaves."""
    async with store.transaction() as db:
        await db.execute("UPDATE reminders SET status = ? WHERE id = ?", (status, reminder_id))


class SenderBusy(Exception):
    """Another run (the bot's hourly job or `qmas-bot notices --send`) is sending reminders."""


@asynccontextmanager
async def sender_lock(store: Store) -> AsyncIterator[None]:
    """Held for a whole sending run, across processes, so two senders never run at once: an
    exclusive `flock` on a file next to the database, released by the kernel if its holder
    dies. `SenderBusy` when another run holds it."""
    async with store.reading() as db:
        rows = await db.execute_fetchall("PRAGMA database_list")
    path = next(row[2] for row in rows if row[1] == "main")
    fd = os.open(f"{path}-reminders.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SenderBusy("another run is sending reminders; nothing sent") from None
        yield
    finally:
        os.close(fd)


async def recover(store: Store) -> tuple[int, int]:
    """At the start of a run (under `sender_lock`): the rows an earlier run left claimed.
    Those whose request never left go back to pending; those whose request may have reached
    the user become 'uncertain' (counted, never sent again). Returns (re-queued, uncertain)."""
    async with store.transaction() as db:
        async with db.execute("UPDATE reminders SET status = 'pending' "
                              "WHERE status = 'sending'") as cur:
            requeued = cur.rowcount
        rows = list(await db.execute_fetchall(
            "UPDATE reminders SET status = 'uncertain', done_at = ? WHERE status = 'inflight' "
            "RETURNING user_key", (timestamp(),)))
        for (user_key,) in rows:
            await _event(db, user_key, UNCERTAIN)
    return requeued, len(rows)


async def finish(store: Store, reminder: Scheduled, status: str) -> None:
    """Close a claimed reminder: 'sent', 'dropped' (nothing changes any more), 'uncertain'
    (the request left without an answer: never sent again) or back to 'pending' (Telegram
    said it was not delivered: the next run tries again)."""
    async with store.transaction() as db:
        await db.execute("UPDATE reminders SET status = ?, done_at = ? WHERE id = ?",
                         (status, None if status == "pending" else timestamp(), reminder.id))
        event = {"sent": SENT, "uncertain": UNCERTAIN}.get(status)
        if event is not None:
            await _event(db, reminder.user_key, event)


async def uncertain(store: Store) -> list[tuple[Scheduled, str]]:
    """Reminders whose delivery is not known (with the user's pseudonym), for operators: left
    'inflight' by a run that died (uncertain at the next run) or already marked uncertain."""
    async with store.reading() as db:
        rows = await db.execute_fetchall(
            "SELECT r.id, r.user_key, r.kind, r.event_on, r.due_on, r.since, u.pseudonym "
            "FROM reminders r JOIN users u USING (user_key) "
            "WHERE r.status IN ('inflight', 'uncertain') ORDER BY r.due_on, r.id")
    return [(_scheduled(row), row[6] or "") for row in rows]


async def mark_blocked(store: Store, user_key: str) -> None:
    """Telegram says the user blocked the bot: stop everything for them, counted once."""
    async with store.transaction() as db:
        await db.execute("UPDATE reminder_optins SET blocked_at = ? WHERE user_key = ?",
                         (timestamp(), user_key))
        await db.execute("UPDATE reminders SET status = 'blocked', done_at = ? "
                         "WHERE user_key = ? AND status IN ('pending', 'sending', 'inflight')",
                         (timestamp(), user_key))
        await _event(db, user_key, BLOCKED)


async def cancel(store: Store, user_key: str, reminder_id: int) -> Scheduled | None:
    """Cancel one of the user's pending reminders; None if it is not theirs or not pending."""
    async with store.transaction() as db:
        rows = list(await db.execute_fetchall(
            "UPDATE reminders SET status = 'cancelled', done_at = ? WHERE id = ? AND user_key = ? "
            "AND status = 'pending' RETURNING id, user_key, kind, event_on, due_on, since",
            (timestamp(), reminder_id, user_key)))
        if rows:
            await _event(db, user_key, CANCELLED)
    return _scheduled(rows[0]) if rows else None


async def stop(store: Store, user_key: str) -> bool:
    """Opt out: delete the opt-in (answers and birth month with it) and every reminder, counting
    the pending ones as cancelled; False when the user had not opted in."""
    async with store.transaction() as db:
        rows = list(await db.execute_fetchall(
            "SELECT count(*) FROM reminders WHERE user_key = ? AND status = 'pending'",
            (user_key,)))
        await _event(db, user_key, CANCELLED, int(rows[0][0]))
        await db.execute("DELETE FROM reminders WHERE user_key = ?", (user_key,))
        async with db.execute("DELETE FROM reminder_optins WHERE user_key = ?",
                              (user_key,)) as cur:
            return cur.rowcount > 0
