"""The outreach figures of a period, computed by SQLite.

Every figure is defined once, in docs/statistics.md, and read here by an aggregate over the
per-day tallies of schemas v7 to v9 (`daily_counts`, `result_counts`, `criteria_counts`) or
over an index, never by decoding history in Python. The queries run on their own read-only
connection in a worker thread, so the bot's event loop and its store connection keep serving
users meanwhile.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from bot.stats.period import Period
from bot.storage.events import (
    BLOCKED,
    CANCELLED,
    OPENED_NEXT_STEPS,
    OPENED_REPORT,
    SENT,
    UNCERTAIN,
)
from bot.storage.store import Store
from bot.storage.tallies import NOT_APPLICABLE

MEETS = "meets_threshold"
TALLIED = {"new_user": "new_users", "started": "started", "completed": "completed",
           "not_applicable": "not_applicable", OPENED_NEXT_STEPS: "next_steps",
           OPENED_REPORT: "report", "useful": "useful", "not_sure": "not_sure",
           "not_useful": "not_useful", "gave_reason": "reasons", "applied": "applied",
           "not_yet": "not_yet", "decided_not": "decided_not"}   # daily_counts kind -> field
REMINDERS = {SENT: "sent", CANCELLED: "cancelled", BLOCKED: "blocked", UNCERTAIN: "uncertain"}
K = TypeVar("K", str, int)


@dataclass
class Funnel:
    """One campaign's, one language's or everyone's way to a result (docs/statistics.md)."""

    new_users: int = 0        # people whose first contact fell in the period
    started: int = 0          # questionnaires begun
    completed: int = 0        # questionnaires completed with a result QMAS applies to
    not_applicable: int = 0   # questionnaires ended as already resident or excluded nationality
    finished: int = 0         # people whose latest result in the period is applicable
    meeting: int = 0          # of those, people whose latest result meets the threshold
    next_steps: int = 0       # people who opened the next steps
    report: int = 0           # people who opened the report
    useful: int = 0           # people who found the pre-screening useful
    not_sure: int = 0         # … were not sure
    not_useful: int = 0       # … found it not useful
    reasons: int = 0          # people who gave a reason for that answer (never shown)
    applied: int = 0          # people who answered, 60 days on, that they applied
    not_yet: int = 0          # … had not applied yet
    decided_not: int = 0      # … had decided not to apply

    def add(self, other: Funnel) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


FUNNEL_KEYS = tuple(f.name for f in fields(Funnel))


@dataclass(frozen=True)
class Week:
    """A calendar week (Monday first), clipped to the period."""

    start: date
    new_users: int
    started: int
    completed: int


@dataclass(frozen=True)
class Stats:
    """Every figure of one period, as exact counts (published through `bot.stats.cells`)."""

    period: Period
    total: Funnel
    by_campaign: dict[str, Funnel]         # "" = no campaign
    by_language: dict[str, Funnel]         # "" = not chosen (the Telegram app's language)
    outcomes: dict[str, int]               # people by their latest result's outcome
    missed: dict[int, int]                 # criterion -> people (applicable results) not meeting
    unsettled: dict[int, int]              # criterion -> people (applicable results) unknown
    drop_off: dict[str, int]               # question id -> unfinished questionnaires waiting there
    weeks: tuple[Week, ...] = ()
    reminders: dict[str, int] = field(default_factory=dict)   # sent, cancelled, blocked
    by_channel: dict[str, int] = field(default_factory=dict)   # completed: telegram, web…

    @property
    def new_users(self) -> int:
        return self.total.new_users

    @property
    def started(self) -> int:
        return self.total.started

    @property
    def completed(self) -> int:
        return self.total.completed

    @property
    def finished(self) -> int:
        return self.total.finished

    @property
    def meeting_threshold(self) -> int:
        return self.total.meeting


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection of its own (WAL: it never blocks or waits for the writer)."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        yield db


async def statistics(store: Store, period: Period) -> Stats:
    """The figures of `period`, computed in a worker thread on a read-only connection."""
    path = store.path
    if path is None:
        raise ValueError("statistics need the store's database file")
    return await asyncio.to_thread(_statistics_at, path, period)


def _statistics_at(path: Path, period: Period) -> Stats:
    with reading(path) as db:
        return read_statistics(db, period)


def read_statistics(db: sqlite3.Connection, period: Period) -> Stats:
    """Figures for outreach teams; nothing in them identifies a person."""
    lower, upper = period.bounds
    last_day = period.end.isoformat()
    by_campaign: defaultdict[str, Funnel] = defaultdict(Funnel)
    by_language: defaultdict[str, Funnel] = defaultdict(Funnel)

    def count(campaign: str, language: str, key: str, n: int) -> None:
        for funnel in (by_campaign[campaign or ""], by_language[language or ""]):
            setattr(funnel, key, getattr(funnel, key) + n)

    for kind, campaign, language, n in db.execute(
            "SELECT kind, campaign, language, sum(n) FROM daily_counts "
            "WHERE day >= ? AND day <= ? GROUP BY 1, 2, 3", (lower, last_day)):
        count(campaign, language, TALLIED[kind], n)
    outcomes: Counter[str] = Counter()
    missed: Counter[int] = Counter()
    unsettled: Counter[int] = Counter()
    latest = (lower, last_day, last_day)       # each person's latest result in the period
    for outcome, campaign, language, n in db.execute(
            "SELECT outcome, campaign, language, sum(n) FROM result_counts WHERE day >= ? "
            "AND day <= ? AND (until = '' OR until > ?) GROUP BY 1, 2, 3", latest):
        outcomes[outcome] += n
        if outcome not in NOT_APPLICABLE:
            count(campaign, language, "finished", n)
        if outcome == MEETS:
            count(campaign, language, "meeting", n)
    for criterion, status, n in db.execute(
            "SELECT criterion, status, sum(n) FROM criteria_counts WHERE day >= ? AND day <= ? "
            "AND (until = '' OR until > ?) GROUP BY 1, 2", latest):
        (missed if status == "not_met" else unsettled)[criterion] += n
    total = Funnel()
    for funnel in by_campaign.values():
        total.add(funnel)
    return Stats(
        period, total, _by_size(by_campaign), _by_size(by_language), _ranked(outcomes),
        _ranked(missed), _ranked(unsettled), _drop_off(db, lower, upper),
        _weeks(db, period), _reminders(db, lower, upper), _by_channel(db, lower, upper))


def _by_size(funnels: dict[str, Funnel]) -> dict[str, Funnel]:
    """Most questionnaires begun first, then most completed, ties by name."""
    return dict(sorted(funnels.items(), key=lambda kv: (-kv[1].started, -kv[1].completed,
                                                        kv[0])))


def _ranked(counter: Counter[K]) -> dict[K, int]:
    """Non-zero counts, largest first, ties in key order."""
    return dict(sorted(((k, v) for k, v in counter.items() if v),
                       key=lambda kv: (-kv[1], kv[0])))


def _drop_off(db: sqlite3.Connection, lower: str, upper: str) -> dict[str, int]:
    """Question id -> unfinished questionnaires, last touched in the period, waiting there."""
    return dict(db.execute(
        "SELECT current_question, count(*) FROM questionnaires WHERE updated_at >= ? "
        "AND updated_at < ? AND current_question IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1",
        (lower, upper)).fetchall())


def _weeks(db: sqlite3.Connection, period: Period) -> tuple[Week, ...]:
    """New users, questionnaires begun and completed, per week."""
    counts: defaultdict[date, Counter[str]] = defaultdict(Counter)
    for day, kind, n in db.execute(
            "SELECT day, kind, sum(n) FROM daily_counts WHERE day >= ? AND day <= ? "
            "AND kind IN ('new_user', 'started', 'completed') GROUP BY 1, 2",
            (period.start.isoformat(), period.end.isoformat())):
        counts[_week_of(date.fromisoformat(day), period)][kind] += n
    starts = sorted({_week_of(period.start + timedelta(days=n), period)
                     for n in range((period.end - period.start).days + 1)})
    return tuple(Week(start, counts[start]["new_user"], counts[start]["started"],
                      counts[start]["completed"]) for start in starts)


def _week_of(day: date, period: Period) -> date:
    return max(day - timedelta(days=day.weekday()), period.start)


def _reminders(db: sqlite3.Connection, lower: str, upper: str) -> dict[str, int]:
    """Reminders sent, cancelled, blocked and left uncertain (never resent) in the period."""
    found = dict(db.execute(
        "SELECT kind, count(*) FROM events WHERE kind IN (?, ?, ?, ?) AND at >= ? AND at < ? "
        "GROUP BY kind", (*REMINDERS, lower, upper)).fetchall())
    return {name: found.get(kind, 0) for kind, name in REMINDERS.items()}


def _by_channel(db: sqlite3.Connection, lower: str, upper: str) -> dict[str, int]:
    """Questionnaires completed in the period, by channel (Telegram, web, terminal)."""
    rows = db.execute(
        "SELECT COALESCE(channel, ''), count(*) FROM events WHERE kind = 'completed' "
        "AND at >= ? AND at < ? GROUP BY 1", (lower, upper)).fetchall()
    return _ranked(Counter({str(channel): int(n) for channel, n in rows}))
