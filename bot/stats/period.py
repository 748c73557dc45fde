"""The period a statistics request covers, and the `/stats [days]` argument that names it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

MAX_DAYS = 3660
DEFAULT_DAYS = 30


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

