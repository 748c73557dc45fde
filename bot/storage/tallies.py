"""What a new result adds to the figures, written in the transaction that records it.

The store calls `tally_result` right after inserting a result row (`Store._record_assessment`):
it marks a repeat of the person's previous result, closes the previous result's time as
their latest, sets the criteria bitmasks and counts the result in `daily_counts`. New users and
questionnaires begun are counted by the triggers of schema v7 (`users_tally`, `events_tally`).
"""

from __future__ import annotations

import json

import aiosqlite

NOT_APPLICABLE = ("already_resident", "nationality_excluded")   # QMAS is not for these people


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
    await db.execute(
        "UPDATE assessments SET repeat = ?, missed = ?, unsettled = ? WHERE id = ?",
        (repeat, criteria_mask(statuses, "not_met"), criteria_mask(statuses, "unknown"), row_id))
    if repeat:
        return
    await db.execute("UPDATE assessments SET superseded_at = ? WHERE user_key = ? AND id < ? "
                     "AND NOT repeat AND superseded_at IS NULL", (at, user_key, row_id))
    await db.execute(
        "INSERT INTO daily_counts VALUES (?, ?, ?, ?, 1) ON CONFLICT DO UPDATE SET n = n + 1",
        (at[:10], "not_applicable" if outcome in NOT_APPLICABLE else "completed",
         campaign or "", language))
