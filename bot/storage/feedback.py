"""The person's feedback: "was it useful?" (and why, if they say) and "did you apply?".

One row per person (`feedback`, deleted with them). Each answer is kept and counted in
`daily_counts` only the first time it is given, so a double or late tap counts once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from bot.storage.store import Store, timestamp
from bot.storage.tallies import tally_person

GAVE_REASON = "gave_reason"           # counted, never shown: the reason itself stays private
ASK_APPLIED = "applied"               # the reminders' kind of the 60-day question


class Taken(Enum):
    """What became of an answer."""

    COUNTED = "counted"               # the first answer: kept and counted
    ALREADY = "already"               # answered before: nothing changed
    NOBODY = "nobody"                 # no such person (any more): nothing kept


@dataclass(frozen=True)
class Feedback:
    """What a person said (for /mydata): the answers and the reason as typed."""

    useful: str | None
    reason: str | None
    applied: str | None


# Who may answer: a person with a result, or one the 60-day question was queued for.
ASKED = {"useful": "EXISTS (SELECT 1 FROM assessments WHERE user_key = users.user_key)",
         "applied": "EXISTS (SELECT 1 FROM feedback WHERE user_key = users.user_key "
                    "AND asked_on IS NOT NULL)"}


# A typed "yes" rates the pre-screening only while the 60-day question is not out: it may be
# answering that one.
BEFORE_APPLIED = ("NOT EXISTS (SELECT 1 FROM feedback WHERE user_key = users.user_key "
                  "AND asked_on IS NOT NULL)")


def _answer(user_key: str, column: str, value: str, awaiting: int, also: str = "TRUE"
            ) -> Callable[[sqlite3.Connection], Taken]:
    """Keep `value` in `column` unless it holds an answer already (or `also` is false); count
    it when kept."""
    def keep(db: sqlite3.Connection) -> Taken:
        cursor = db.execute(
            f"INSERT INTO feedback (user_key, {column}, awaiting) SELECT user_key, ?, ? "
            f"FROM users WHERE user_key = ? AND {ASKED[column]} AND {also} "
            f"ON CONFLICT (user_key) DO "
            f"UPDATE SET {column} = excluded.{column}, "
            f"awaiting = max(awaiting, excluded.awaiting) WHERE feedback.{column} IS NULL",
            (value, awaiting, user_key))
        if cursor.rowcount == 1:
            tally_person(db, user_key, value, timestamp())
            return Taken.COUNTED
        answered = db.execute(
            f"SELECT 1 FROM feedback WHERE user_key = ? AND {column} IS NOT NULL",
            (user_key,)).fetchone()
        return Taken.ALREADY if answered else Taken.NOBODY
    return keep


async def rate(store: Store, user_key: str, value: str, *, typed: bool = False) -> Taken:
    """Useful, not sure or not useful; when counted, the next typed message is the reason. A
    `typed` answer counts only before the 60-day question."""
    return await store.write(_answer(user_key, "useful", value, 1,
                                     BEFORE_APPLIED if typed else "TRUE"))


async def applied(store: Store, user_key: str, value: str) -> Taken:
    """The answer to the 60-day question."""
    return await store.write(_answer(user_key, "applied", value, 0))


async def give_reason(store: Store, user_key: str, text: str) -> bool:
    """The reason typed after a rating; False when none was awaited."""
    def keep(db: sqlite3.Connection) -> bool:
        cursor = db.execute("UPDATE feedback SET reason = ?, awaiting = 0 "
                            "WHERE user_key = ? AND awaiting = 1", (text, user_key))
        if cursor.rowcount != 1:
            return False
        tally_person(db, user_key, GAVE_REASON, timestamp())
        return True
    return await store.write(keep)


async def stop_waiting(store: Store, user_key: str) -> None:
    """No reason after all (Skip, or anything but a typed message)."""
    await store.write(lambda db: db.execute(
        "UPDATE feedback SET awaiting = 0 WHERE user_key = ? AND awaiting = 1", (user_key,)))


async def feedback_of(store: Store, user_key: str) -> Feedback | None:
    """What the person said, for /mydata."""
    async with store.reading() as db:
        rows = list(await db.execute_fetchall(
            "SELECT useful, reason, applied FROM feedback WHERE user_key = ?", (user_key,)))
    return Feedback(*rows[0]) if rows else None


async def queue_questions(store: Store, results_by: date, day: date) -> int:
    """Queue "did you apply?" among the reminders of everyone reachable who opted in with a
    result of `results_by` or earlier and was never asked: each person at most once, even
    after "Stop these" and a new opt-in. Returns how many were queued."""
    def queue(db: sqlite3.Connection) -> int:
        chosen = [row[0] for row in db.execute(
            "SELECT o.user_key FROM reminder_optins o LEFT JOIN feedback f USING (user_key) "
            "WHERE o.blocked_at IS NULL AND o.answered_on <= ? AND f.asked_on IS NULL "
            "AND f.applied IS NULL", (results_by.isoformat(),))]
        db.executemany(
            "INSERT INTO feedback (user_key, asked_on) VALUES (?, ?) ON CONFLICT (user_key) "
            "DO UPDATE SET asked_on = excluded.asked_on", [(key, day.isoformat())
                                                            for key in chosen])
        db.executemany(
            "INSERT OR IGNORE INTO reminders (user_key, kind, event_on, due_on) "
            "VALUES (?, ?, ?, ?)", [(key, ASK_APPLIED, day.isoformat(), day.isoformat())
                                    for key in chosen])
        return len(chosen)
    return await store.write(queue)
