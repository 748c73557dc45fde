"""Outreach statistics and the pseudonymous CSV export, read straight from the database."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import aiosqlite

from bot.storage.store import Store


@dataclass(frozen=True)
class Period:
    """Days from `start` to `end`, both included."""

    start: date
    end: date

    @property
    def bounds(self) -> tuple[str, str]:
        """ISO timestamps for `at >= lower AND at < upper`."""
        return self.start.isoformat(), (self.end + timedelta(days=1)).isoformat()


@dataclass(frozen=True)
class Stats:
    period: Period
    new_users: int
    started: int
    completed: int
    meeting_threshold: int
    by_language: dict[str, int]
    by_campaign: dict[str, int]
    drop_off: dict[str, int]           # question id -> questionnaires waiting there
    missed: dict[int, int]             # criterion number -> times not met

    @property
    def share_meeting(self) -> float:
        return self.meeting_threshold / self.completed if self.completed else 0.0


async def _scalar(db: aiosqlite.Connection, sql: str, params: tuple[object, ...]) -> int:
    async with db.execute(sql, params) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


async def statistics(store: Store, period: Period) -> Stats:
    """Figures for outreach teams; nothing in them identifies a person."""
    async with store.reading() as db:
        return await _statistics(db, period)


async def _statistics(db: aiosqlite.Connection, period: Period) -> Stats:
    between = period.bounds
    new_users = await _scalar(db, "SELECT count(*) FROM users WHERE first_seen >= ? "
                              "AND first_seen < ?", between)
    started = await _scalar(db, "SELECT count(*) FROM events WHERE kind = 'started' "
                            "AND at >= ? AND at < ?", between)
    by_language: Counter[str] = Counter()
    by_campaign: Counter[str] = Counter()
    missed: Counter[int] = Counter()
    completed = meeting = 0
    async with db.execute("SELECT language, campaign, outcome, criteria FROM assessments "
                          "WHERE created_at >= ? AND created_at < ?", between) as cur:
        async for language, campaign, outcome, criteria in cur:
            completed += 1
            meeting += outcome == "meets_threshold"
            by_language[language] += 1
            by_campaign[campaign or "-"] += 1
            for number, status in enumerate(json.loads(criteria), start=1):
                missed[number] += status == "not_met"
    drop_off: Counter[str] = Counter()
    async with db.execute("SELECT current_question FROM questionnaires WHERE updated_at >= ? "
                          "AND updated_at < ? AND current_question IS NOT NULL", between) as cur:
        async for (question,) in cur:
            drop_off[question] += 1
    return Stats(period, new_users, started, completed, meeting, dict(by_language.most_common()),
                 dict(by_campaign.most_common()), dict(drop_off.most_common()),
                 dict(sorted(missed.items(), key=lambda kv: (-kv[1], kv[0]))))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    """Neutralise formula injection: a cell starting like a formula is prefixed with '."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


EXPORT_COLUMNS = ("respondent", "completed_at", "language", "campaign", "outcome", "met_count",
                  "unknown_count", *(f"criterion_{n}" for n in range(1, 13)), "rules_effective",
                  "assessed_on")


async def export_csv(store: Store, period: Period) -> str:
    """Completed assessments, one row each, with stable pseudonymous ids (no Telegram ids)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    async with store.reading() as db, db.execute(
            "SELECT pseudonym, created_at, language, campaign, outcome, met_count, unknown_count, "
            "criteria, rules_effective, assessed_on FROM assessments WHERE created_at >= ? AND "
            "created_at < ? ORDER BY id", period.bounds) as cur:
        async for row in cur:
            *head, criteria, rules, assessed = row
            cells = [*head, *json.loads(criteria), rules, assessed]
            writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return out.getvalue()
