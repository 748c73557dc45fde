"""What a result adds to the figures, or takes from them, in the transaction that writes it.

A turn's save (`bot.storage.writes.save_turn`) calls `tally_user` when it creates a user row,
`tally_events` after inserting the turn's events and `tally_result` right after inserting a
result row; `Store.delete_user` calls `forget_results` before erasing a person's results. Each
is plain sqlite3 inside the caller's transaction, on the connection's thread. A new result is
marked when it repeats the person's previous one (then it counts nowhere), closes the previous
result's time as their latest, and is counted in `daily_counts` (questionnaires) and in
`result_counts` / `criteria_counts` (latest results). `bot.storage.feedback` calls
`tally_person` for a person's first answer to a feedback question.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from bot.storage.events import OPENINGS

NOT_APPLICABLE = ("already_resident", "nationality_excluded")   # QMAS is not for these people
STATUSES = ("not_met", "unknown")          # the statuses counted per criterion
Row = tuple[str, str, str | None, str, int, int]   # created_at, outcome, campaign, language,
#                                                    missed, unsettled


def channel_of(user_key: str) -> str:
    """The front end a user key belongs to: a dimension of the statistics."""
    prefix = user_key.partition(":")[0]
    return {"tg": "telegram", "web": "web"}.get(prefix, "terminal")


def _daily(db: sqlite3.Connection, day: str, kind: str, campaign: str | None,
                 language: str | None) -> None:
    db.execute(
        "INSERT INTO daily_counts VALUES (?, ?, ?, ?, 1) ON CONFLICT DO UPDATE SET n = n + 1",
        (day, kind, campaign or "", language or ""))


def tally_user(db: sqlite3.Connection, first_seen: str, campaign: str | None,
                     language: str | None) -> None:
    """A new user row: one more new user on its first day."""
    _daily(db, first_seen[:10], "new_user", campaign, language)


def tally_events(db: sqlite3.Connection, user_key: str, kinds: Iterable[str], at: str,
                       campaign: str | None, language: str | None) -> None:
    """A turn's events, already inserted: questionnaires begun, and a person's first opening of
    the next steps or the report (a person who deletes and comes back counts again)."""
    for kind in kinds:
        if kind == "started":
            _daily(db, at[:10], kind, campaign, language)
        elif kind in OPENINGS:
            # The kind as a literal, so that the partial index `events_opened` serves it.
            (count,) = db.execute(
                f"SELECT count(*) FROM events WHERE user_key = ? AND kind = '{kind}'",
                (user_key,)).fetchone()
            if count == 1:
                _daily(db, at[:10], kind, campaign, language)


def tally_person(db: sqlite3.Connection, user_key: str, kind: str, at: str) -> None:
    """One person's answer to a feedback question, counted under their campaign and language."""
    row = db.execute("SELECT campaign, language FROM users WHERE user_key = ?",
                     (user_key,)).fetchone()
    if row is not None:
        _daily(db, at[:10], kind, row[0], row[1])


def criteria_mask(statuses: list[str], status: str) -> int:
    """Bit n-1 set for each criterion n with this status."""
    return sum(1 << n for n, s in enumerate(statuses) if s == status)


def tally_result(db: sqlite3.Connection, row_id: int) -> None:
    """Fill the figure columns of result `row_id` and count it (inside the caller's transaction)."""
    row = db.execute(
        "SELECT n.user_key, n.answers, n.outcome, n.criteria, n.created_at, n.campaign, "
        "n.language, p.answers, p.outcome, p.criteria FROM assessments n "
        "LEFT JOIN assessments p ON p.id = (SELECT max(id) FROM assessments "
        "WHERE user_key = n.user_key AND id < n.id) WHERE n.id = ?", (row_id,)).fetchone()
    user_key, answers, outcome, criteria, at, campaign, language, *previous = row
    repeat = previous[0] is not None and (
        json.loads(previous[0]), previous[1], previous[2]) == (json.loads(answers), outcome,
                                                                 criteria)
    statuses = json.loads(criteria)
    missed, unsettled = criteria_mask(statuses, "not_met"), criteria_mask(statuses, "unknown")
    db.execute("UPDATE assessments SET repeat = ?, missed = ?, unsettled = ? WHERE id = ?",
                     (repeat, missed, unsettled, row_id))
    if repeat:
        return
    replaced: list[tuple[Row, str]] = [
        (row, "") for row in _results(db, "user_key = ? AND id < ? AND superseded_at IS "
                                                "NULL", (user_key, row_id))]
    _count(db, replaced, -1)
    _count(db, [(row, at[:10]) for row, _ in replaced], 1)
    db.execute("UPDATE assessments SET superseded_at = ? WHERE user_key = ? AND id < ? "
                     "AND NOT repeat AND superseded_at IS NULL", (at, user_key, row_id))
    _count(db, [((at, outcome, campaign, language, missed, unsettled), "")], 1)
    _daily(db, at[:10], "not_applicable" if outcome in NOT_APPLICABLE else "completed",
                 campaign, language)


def forget_results(db: sqlite3.Connection, user_key: str) -> None:
    """Take a person's results out of the latest-result tallies, before they are erased (the
    questionnaire tallies keep them: those count what happened, not what is held)."""
    found = db.execute(
        "SELECT created_at, outcome, campaign, language, missed, unsettled, "
        "COALESCE(substr(superseded_at, 1, 10), '') FROM assessments "
        "WHERE user_key = ? AND NOT repeat", (user_key,)).fetchall()
    _count(db, [(tuple(row[:6]), row[6]) for row in found], -1)


def _results(db: sqlite3.Connection, where: str, params: tuple[object, ...]
                   ) -> list[Row]:
    rows = db.execute(
        "SELECT created_at, outcome, campaign, language, missed, unsettled FROM assessments "
        f"WHERE NOT repeat AND {where}", params).fetchall()
    return [tuple(row) for row in rows]


def _count(db: sqlite3.Connection, results: Iterable[tuple[Row, str]], sign: int
                 ) -> None:
    """Add `sign` for each (result, until) to `result_counts` and `criteria_counts`."""
    for (at, outcome, campaign, language, missed, unsettled), until in results:
        day = at[:10]
        db.execute(
            "INSERT INTO result_counts VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET n = n + excluded.n",
            (day, until, outcome, campaign or "", language, sign))
        if outcome in NOT_APPLICABLE:
            continue
        db.executemany(
            "INSERT INTO criteria_counts VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET n = n + excluded.n",
            [(day, until, n + 1, status, sign)
             for status, mask in zip(STATUSES, (missed, unsettled), strict=True)
             for n in range(12) if mask >> n & 1])
