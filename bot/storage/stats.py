"""Outreach statistics and the pseudonymous CSV export, read straight from the database.

Everything counts people or finished questionnaires, never button presses: the tables may hold
repeated assessment rows (a repeat /start used to record the same result again), so a user's
consecutive assessments with identical answers count as one completion.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import aiosqlite

from bot.storage.store import Store

MAX_DAYS = 3660
DEFAULT_DAYS = 30
NOT_MET, UNKNOWN, MEETS = "not_met", "unknown", "meets_threshold"
OPENED = ("opened_next_steps", "opened_report")     # events recorded by the result report


@dataclass(frozen=True)
class Period:
    """Days from `start` to `end`, both included."""

    start: date
    end: date

    @property
    def bounds(self) -> tuple[str, str]:
        """ISO timestamps for `at >= lower AND at < upper`."""
        return self.start.isoformat(), (self.end + timedelta(days=1)).isoformat()


def period_of_days(argument: str, today: date) -> Period | None:
    """`/stats [days]`: the last `days` days up to today (30 without one); None when invalid."""
    text = argument.strip()
    if not text:
        return Period(today - timedelta(days=DEFAULT_DAYS - 1), today)
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= MAX_DAYS:
        return None
    return Period(today - timedelta(days=int(text) - 1), today)


@dataclass
class Funnel:
    """One campaign's or language's way from the first answer to the result, in people."""

    started: int = 0          # people who began in the period
    finished: int = 0         # people with a result in the period
    completed: int = 0        # questionnaires completed (identical repeats count once)
    meeting: int = 0          # people whose latest result meets the threshold
    next_steps: int = 0       # people who opened the next steps
    report: int = 0           # people who opened the report


@dataclass(frozen=True)
class Week:
    """A calendar week (Monday first), clipped to the period."""

    start: date
    new_users: int
    started: int
    completed: int


@dataclass(frozen=True)
class Stats:
    period: Period
    new_users: int
    started: int
    completed: int                     # questionnaires completed
    meeting_threshold: int             # people whose latest result meets the threshold
    by_language: dict[str, int]        # questionnaires completed, by language code
    by_campaign: dict[str, int]        # questionnaires completed, by campaign ("" = none)
    drop_off: dict[str, int]           # question id -> unfinished questionnaires waiting there
    missed: dict[int, int]             # criterion number -> people not meeting it (non-zero)
    finished: int = 0                  # people with a result
    outcomes: dict[str, int] = field(default_factory=dict)      # latest outcome per person
    unsettled: dict[int, int] = field(default_factory=dict)     # criterion -> people unknown
    funnel_by_campaign: dict[str, Funnel] = field(default_factory=dict)
    funnel_by_language: dict[str, Funnel] = field(default_factory=dict)
    weeks: tuple[Week, ...] = ()
    by_channel: dict[str, int] = field(default_factory=dict)   # completed: telegram, web…

    @property
    def share_meeting(self) -> float:
        """Of the people with a result, the share whose latest result meets the threshold."""
        return self.meeting_threshold / self.finished if self.finished else 0.0


@dataclass(frozen=True)
class Completion:
    """One finished questionnaire (the first of a run of identical assessments)."""

    person: str                # the pseudonym: stable across purges, never the Telegram id
    user_key: str | None
    completed_at: str
    language: str
    campaign: str
    outcome: str
    met_count: int
    unknown_count: int
    criteria: list[str]
    rules_effective: str
    assessed_on: str


async def _completions(db: aiosqlite.Connection, period: Period) -> list[Completion]:
    """Completions in the period, oldest first; repeats of a person's previous answers skipped.

    Rows before the period are read too, so that a repeat of an earlier result is not counted.
    The result is compared with the answers, so that rows whose answers were ever blanked
    (for privacy) still tell different results apart.
    """
    lower, upper = period.bounds
    found: list[Completion] = []
    previous: dict[str, tuple[Any, str, str]] = {}
    async with db.execute(
            "SELECT pseudonym, user_key, answers, created_at, language, campaign, outcome, "
            "met_count, unknown_count, criteria, rules_effective, assessed_on FROM assessments "
            "WHERE created_at < ? ORDER BY id", (upper,)) as cur:
        async for person, user_key, answers, at, *rest in cur:
            language, campaign, outcome, met, unknown, criteria, rules, assessed = rest
            same = (json.loads(answers) if answers else None, outcome, criteria)
            repeat = previous.get(person) == same
            previous[person] = same
            if repeat or at < lower:
                continue
            found.append(Completion(person, user_key, at, language, campaign or "", outcome,
                                    met, unknown, json.loads(criteria), rules, assessed))
    return found


async def _starters(db: aiosqlite.Connection, period: Period
                    ) -> Iterator[tuple[str, date, str, str]]:
    """(person, day, campaign, language) of everyone who began in the period.

    A person began with their first 'started' or 'answered' event or their questionnaire (some
    answer without /start); a deleted person's anonymous 'started' event still counts once.
    """
    lower, upper = period.bounds
    rows = await db.execute_fetchall(
        "SELECT b.user_key, b.first, COALESCE(u.campaign, ''), COALESCE(u.language, '') FROM ("
        " SELECT user_key, MIN(at) AS first FROM ("
        "  SELECT user_key, at FROM events WHERE kind IN ('started', 'answered')"
        "  AND user_key IS NOT NULL UNION ALL SELECT user_key, started_at FROM questionnaires)"
        " GROUP BY user_key) b LEFT JOIN users u ON u.user_key = b.user_key "
        "WHERE b.first >= ? AND b.first < ? "
        "UNION ALL SELECT 'event:' || id, at, COALESCE(campaign, ''), COALESCE(language, '') "
        "FROM events WHERE kind = 'started' AND user_key IS NULL AND at >= ? AND at < ?",
        (lower, upper, lower, upper))
    return ((str(key), date.fromisoformat(at[:10]), campaign, language)
            for key, at, campaign, language in rows)


async def _drop_off(db: aiosqlite.Connection, period: Period) -> dict[str, int]:
    """Question id -> unfinished questionnaires, last touched in the period, waiting there."""
    drop_off: Counter[str] = Counter()
    async with db.execute("SELECT current_question FROM questionnaires WHERE updated_at >= ? "
                          "AND updated_at < ? AND current_question IS NOT NULL",
                          period.bounds) as cur:
        async for (question,) in cur:
            drop_off[question] += 1
    return dict(drop_off.most_common())


def _week_of(day: date, period: Period) -> date:
    return max(day - timedelta(days=day.weekday()), period.start)


def _weeks(period: Period, new_users: Iterable[date], started: Iterable[date],
           completed: Iterable[date]) -> tuple[Week, ...]:
    counts = [Counter(_week_of(day, period) for day in days)
              for days in (new_users, started, completed)]
    starts = sorted({_week_of(period.start + timedelta(days=n), period)
                     for n in range((period.end - period.start).days + 1)})
    return tuple(Week(start, *(c[start] for c in counts)) for start in starts)


def _ranked(counter: Counter[Any]) -> dict[Any, int]:
    """Non-zero counts, largest first, ties in key order."""
    return dict(sorted(((k, v) for k, v in counter.items() if v),
                       key=lambda kv: (-kv[1], kv[0])))


async def statistics(store: Store, period: Period) -> Stats:
    """Figures for outreach teams; nothing in them identifies a person."""
    async with store.reading() as db:
        return await _statistics(db, period)


async def _statistics(db: aiosqlite.Connection, period: Period) -> Stats:
    lower, upper = period.bounds
    joined = [date.fromisoformat(at[:10]) for (at,) in await db.execute_fetchall(
        "SELECT first_seen FROM users WHERE first_seen >= ? AND first_seen < ?", (lower, upper))]
    completions = await _completions(db, period)
    starters = list(await _starters(db, period))
    latest = {c.person: c for c in completions}        # the latest result of each person
    by_campaign: defaultdict[str, Funnel] = defaultdict(Funnel)
    by_language: defaultdict[str, Funnel] = defaultdict(Funnel)
    language_of = {c.user_key: c.language for c in completions if c.user_key}
    for person, _, campaign, language in starters:
        language_of.setdefault(person, language)
        by_campaign[campaign].started += 1
        by_language[language_of[person]].started += 1
    for c in completions:
        by_campaign[c.campaign].completed += 1
        by_language[c.language].completed += 1
    for c in latest.values():
        for funnels, key in ((by_campaign, c.campaign), (by_language, c.language)):
            funnels[key].finished += 1
            funnels[key].meeting += c.outcome == MEETS
    opened = await db.execute_fetchall(      # one row per person and kind, as follow_up.py
        "SELECT kind, COALESCE(user_key, 'event:' || id) AS person, "
        "COALESCE(MAX(campaign), ''), COALESCE(MAX(language), '') FROM events "
        "WHERE kind IN (?, ?) AND at >= ? AND at < ? GROUP BY kind, person",
        (*OPENED, lower, upper))
    for kind, person, campaign, language in opened:
        for funnel in (by_campaign[campaign], by_language[language_of.get(person) or language]):
            funnel.next_steps += kind == OPENED[0]
            funnel.report += kind == OPENED[1]
    outcomes = Counter(c.outcome for c in latest.values())
    missed = Counter(n for c in latest.values() for n, s in enumerate(c.criteria, 1)
                     if s == NOT_MET)
    unsettled = Counter(n for c in latest.values() for n, s in enumerate(c.criteria, 1)
                        if s == UNKNOWN)
    weeks = _weeks(period, joined, (day for _, day, _, _ in starters),
                   (date.fromisoformat(c.completed_at[:10]) for c in completions))

    def people_first(funnels: dict[str, Funnel]) -> dict[str, Funnel]:
        return dict(sorted(funnels.items(), key=lambda kv: (-kv[1].started, -kv[1].completed,
                                                            kv[0])))

    return Stats(
        period, len(joined), len(starters), len(completions), outcomes[MEETS],
        _ranked(Counter(c.language for c in completions)),
        _ranked(Counter(c.campaign for c in completions)),
        await _drop_off(db, period), _ranked(missed), len(latest), _ranked(outcomes),
        _ranked(unsettled), people_first(by_campaign), people_first(by_language), weeks,
        await _by_channel(db, period))


async def _by_channel(db: aiosqlite.Connection, period: Period) -> dict[str, int]:
    """Questionnaires completed in the period, by channel (Telegram, web, terminal)."""
    rows = await db.execute_fetchall(
        "SELECT COALESCE(channel, ''), COUNT(*) FROM events WHERE kind = 'completed' "
        "AND at >= ? AND at < ? GROUP BY 1", period.bounds)
    return _ranked(Counter({str(channel): int(count) for channel, count in rows}))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    """Neutralise formula injection: a cell starting like a formula is prefixed with '."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


EXPORT_COLUMNS = ("respondent", "completed_at", "language", "campaign", "outcome", "met_count",
                  "unknown_count", *(f"criterion_{n}" for n in range(1, 13)), "rules_effective",
                  "assessed_on")


async def export_csv(store: Store, period: Period) -> str:
    """Completed questionnaires, one row each, with stable pseudonymous ids (no Telegram ids)."""
    async with store.reading() as db:
        completions = await _completions(db, period)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for c in completions:
        cells = [c.person, c.completed_at, c.language, c.campaign, c.outcome, c.met_count,
                 c.unknown_count, *c.criteria, c.rules_effective, c.assessed_on]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return out.getvalue()
