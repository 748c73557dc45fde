"""The statistics as published: one privacy rule, applied once, for the text, JSON and HTML.

A count under 5 people is never shown ("< 5"), and neither is a count it could be worked out
from: in a group of counts that add up to a shown total (a column of a table by campaign,
language or week; the outcomes of the people with a result) a lone hidden count would be the
total minus the others, so the smallest other count of the group is hidden too. A share is
shown only when both its counts are.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from bot.scoring.model import Outcome
from bot.stats.figures import FUNNEL_KEYS, Funnel, Stats
from bot.stats.period import Period

SMALL = 5                  # counts below this are never shown
HIDDEN = "< 5"
Cell = int | None          # None: hidden
K = TypeVar("K", bound=Hashable)
APPLICABLE = tuple(o.value for o in (Outcome.MEETS_THRESHOLD, Outcome.UNDETERMINED,
                                     Outcome.BELOW_THRESHOLD, Outcome.PREREQUISITE_NOT_MET))
NOT_APPLICABLE = (Outcome.ALREADY_RESIDENT.value, Outcome.NATIONALITY_EXCLUDED.value)
WEEKLY = ("new_users", "started", "completed")
# A placement's funnel: people whose first contact was its link, then each step they reached.
STEPS = ("new_users", "started", "completed", "meeting", "useful", "applied")


def protect(counts: Mapping[K, int]) -> dict[K, Cell]:
    """One group of counts adding up to a shown total: small ones hidden, and never one alone."""
    hidden = {k for k, n in counts.items() if n < SMALL}
    if len(hidden) == 1 and len(counts) > 1:
        hidden.add(min((k for k in counts if k not in hidden), key=lambda k: counts[k]))
    return {k: None if k in hidden else n for k, n in counts.items()}


def shown(n: int) -> Cell:
    """A count standing alone: hidden when small."""
    return None if n < SMALL else n


def share(part: Cell, whole: Cell) -> float | None:
    """part / whole, only when both are shown."""
    return None if part is None or whole is None or whole == 0 else part / whole


@dataclass(frozen=True)
class Published:
    """The cells every output shows, keyed like `Stats`."""

    period: Period
    total: dict[str, Cell]                         # FUNNEL_KEYS
    by_campaign: dict[str, dict[str, Cell]]
    by_language: dict[str, dict[str, Cell]]
    outcomes: dict[str, Cell]                      # APPLICABLE, then NOT_APPLICABLE
    missed: dict[int, Cell]
    unsettled: dict[int, Cell]
    drop_off: dict[str, Cell]
    weeks: tuple[tuple[date, dict[str, Cell]], ...]
    reminders: dict[str, Cell]

    @property
    def share_meeting(self) -> float | None:
        """Of the people with an applicable result, the share meeting the threshold."""
        return share(self.total["meeting"], self.total["finished"])

    @property
    def completion_rate(self) -> float | None:
        """Questionnaires completed per questionnaire begun that QMAS applies to."""
        started, gone = self.total["started"], self.total["not_applicable"]
        return share(self.total["completed"],
                     None if started is None or gone is None else started - gone)

    def to_json(self) -> dict[str, Any]:
        """The same cells for machines: hidden ones as "< 5", shares as fractions or null."""
        def cells(values: Mapping[Any, Cell]) -> dict[str, int | str]:
            return {str(k): HIDDEN if v is None else v for k, v in values.items()}

        return {
            "period": {"start": self.period.start.isoformat(),
                       "end": self.period.end.isoformat()},
            "suppressed_below": SMALL,
            "total": cells(self.total),
            "share_meeting_threshold": self.share_meeting,
            "completion_rate": self.completion_rate,
            "by_campaign": {k: cells(v) for k, v in self.by_campaign.items()},
            "by_language": {k: cells(v) for k, v in self.by_language.items()},
            "outcomes": cells(self.outcomes), "missed": cells(self.missed),
            "unsettled": cells(self.unsettled), "drop_off": cells(self.drop_off),
            "weeks": [{"start": start.isoformat(), **cells(week)} for start, week in self.weeks],
            "reminders": cells(self.reminders),
            "placement_funnel_steps": list(STEPS)}


def _columns(funnels: dict[str, Funnel]) -> dict[str, dict[str, Cell]]:
    """Each column of a funnel table protected as a group (it adds up to the total)."""
    columns = {key: protect({name: getattr(f, key) for name, f in funnels.items()})
               for key in FUNNEL_KEYS}
    return {name: {key: columns[key][name] for key in FUNNEL_KEYS} for name in funnels}


def publish(stats: Stats) -> Published:
    """The exact counts made safe to show, once for every output."""
    week_columns = {key: protect({w.start: getattr(w, key) for w in stats.weeks})
                    for key in WEEKLY}
    outcomes = {**protect({k: stats.outcomes.get(k, 0) for k in APPLICABLE}),
                **protect({k: stats.outcomes.get(k, 0) for k in NOT_APPLICABLE})}
    total = {key: shown(getattr(stats.total, key)) for key in FUNNEL_KEYS}
    total["meeting"] = outcomes["meets_threshold"]      # one number, so one cell
    return Published(
        stats.period, total,
        _columns(stats.by_campaign), _columns(stats.by_language), outcomes,
        {n: shown(c) for n, c in stats.missed.items()},
        {n: shown(c) for n, c in stats.unsettled.items()},
        {q: shown(c) for q, c in stats.drop_off.items()},
        tuple((w.start, {key: week_columns[key][w.start] for key in WEEKLY})
              for w in stats.weeks),
        {k: shown(c) for k, c in stats.reminders.items()})
