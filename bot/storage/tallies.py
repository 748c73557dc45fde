"""What a result adds to the figures, or takes from them, in the transaction that writes it.

The store calls `tally_user` when it creates a user row, `tally_events` after inserting a turn's
events, `tally_result` right after inserting a result row (`Store._record_assessment`) and
`forget_results` before erasing a person's results (`Store.delete_user`). A new result is
marked when it repeats the person's previous one (then it counts nowhere), closes the previous
result's time as their latest, and is counted in `daily_counts` (questionnaires) and in
`result_counts` / `criteria_counts` (latest results).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import aiosqlite

NOT_APPLICABLE = ("already_resident", "nationality_excluded")   # QMAS is not for these people
STATUSES = ("not_met", "unknown")          # the statuses counted per criterion
Row = tuple[str, str, str | None, str, int, int]   # created_at, outcome, campaign, language,
#                                                    missed, unsettled


OPENINGS = ("opened_next_steps", "opened_report")   # counted once per person, on the first


def channel_of(user_key: str) -> str:
    """The front end a user key belongs to: a dimension of the statistics."""
    prefix = user_key.partition(":")[0]
    return {"tg": "telegram", "web": "web"}.get(prefix, "terminal")


async def _daily(db: aiosqlite.Connection, day: str, kind: str, campaign: str | None,
                 language: str | None) -> None:
    await db.execute(
        "INSERT INTO daily_counts VALUES (?, ?, ?, ?, 1) ON CONFLICT DO UPDATE SET n = n + 1",
        (day, kind, campaign or "", language or ""))


async def tally_user(db: aiosqlite.Connection, first_seen: str, campaign: str | None,
                     language: str | None) -> None:
    """A new user row: one more new user on its first day."""
    await _daily(db, first_seen[:10], "new_user", campaign, language)


async def tally_events(db: aiosqlite.Connection, user_key: str, kinds: Iterable[str], at: str,
                       campaign: str | None, language: str | None) -> None:
    """A turn's events, already inserted: questionnaires begun, and a person's first opening of
    the next steps or the report (a person who deletes and comes back counts again)."""
    for kind in kinds:
        if kind == "started":
            await _daily(db, at[:10], kind, campaign, language)
        elif kind in OPENINGS:
            # The kind as a literal, so that the partial index `events_opened` serves it.
            rows = list(await db.execute_fetchall(
                f"SELECT count(*) FROM events WHERE user_key = ? AND kind = '{kind}'",
                (user_key,)))
            if rows[0][0] == 1:
                await _daily(db, at[:10], kind, campaign, language)


async def tally_person(db: aiosqlite.Connection, user_key: str, kind: str, at: str) -> None:
    """One person's answer to a feedback question, counted under their campaign and language."""
    rows = list(await db.execute_fetchall(
        "SELECT campaign, language FROM users WHERE user_key = ?", (user_key,)))
    if rows:
        await _daily(db, at[:10], kind, rows[0][0], rows[0][1])


def criteria_mask(statuses: list[str], status: str) -> int:
    """Bit n-1 set for each criterion n with this status."""
    return sum(1 << n for n, s in enumerate(statuses) if s == status)


async def tally_result(db: aiosqlite.Connection, row_id: int) -> None:
    """Fill the figure columns of result `row_id` and count it (inside the caller's transaction)."""
    rows = list(await db.execute_fetchall(
        "SELECT n.user_key, n.answers, n.outcome, n.criteria, n.created_at, n.campaign, "
        "n.language, p.answers, p.outcome, p.criteria FROM assessments n "
        "LEFT JOIN assessments p ON p.id = (SELECT max(id) FROM assessments "
        "WHERE user_key = n.user_key AND id < n.id) WHERE n.id = ?", (row_id,)))
    user_key, answers, outcome, criteria, at, campaign, language, *previous = rows[0]
    repeat = previous[0] is not None and (
        json.loads(previous[0]), previous[1], previous[2]) == (json.loads(answers), outcome,
                                                                 criteria)
    statuses = json.loads(criteria)
    missed, unsettled = criteria_mask(statuses, "not_met"), criteria_mask(statuses, "unknown")
    await db.execute("UPDATE assessments SET repeat = ?, missed = ?, unsettled = ? WHERE id = ?",
                     (repeat, missed, unsettled, row_id))
    if repeat:
        return
    replaced: list[tuple[Row, str]] = [
        (row, "") for row in await _results(db, "user_key = ? AND id < ? AND superseded_at IS "
                                                "NULL", (user_key, row_id))]
    await _count(db, replaced, -1)
    await _count(db, [(row, at[:10]) for row, _ in replaced], 1)
    await db.execute("UPDATE assessments SET superseded_at = ? WHERE user_key = ? AND id < ? "
                     "AND NOT repeat AND superseded_at IS NULL", (at, user_key, row_id))
    await _count(db, [((at, outcome, campaign, language, missed, unsettled), "")], 1)
    await _daily(db, at[:10], "not_applicable" if outcome in NOT_APPLICABLE else "completed",
                 campaign, language)


async def forget_results(db: aiosqlite.Connection, user_key: str) -> None:
    """Take a person's results out of the latest-result tallies, before they are erased (the
    questionnaire tallies keep them: those count what happened, not what is held)."""
    found = await db.execute_fetchall(
        "SELECT created_at, outcome, campaign, language, missed, unsettled, "
        "COALESCE(substr(superseded_at, 1, 10), '') FROM assessments "
        "WHERE user_key = ? AND NOT repeat", (user_key,))
    await _count(db, [(tuple(row[:6]), row[6]) for row in found], -1)


async def _results(db: aiosqlite.Connection, where: str, params: tuple[object, ...]
                   ) -> list[Row]:
    rows = await db.execute_fetchall(
        "SELECT created_at, outcome, campaign, language, missed, unsettled FROM assessments "
        f"WHERE NOT repeat AND {where}", params)
    return [tuple(row) for row in rows]


async def _count(db: aiosqlite.Connection, results: Iterable[tuple[Row, str]], sign: int
                 ) -> None:
    """Add `sign` for each (result, until) to `result_counts` and `criteria_counts`."""
    for (at, outcome, campaign, language, missed, unsettled), until in results:
        day = at[:10]
        await db.execute(
            "INSERT INTO result_counts VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET n = n + excluded.n",
            (day, until, outcome, campaign or "", language, sign))
        if outcome in NOT_APPLICABLE:
            continue
        await db.executemany(
            "INSERT INTO criteria_counts VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET n = n + excluded.n",
            [(day, until, n + 1, status, sign)
             for status, mask in zip(STATUSES, (missed, unsettled), strict=True)
             for n in range(12) if mask >> n & 1])
