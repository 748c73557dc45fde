"""Everything /stats and `qmas-bot stats` report, read in one place from the store."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.follow_up import Opened, opened_by_campaign
from bot.storage.reminders import reminder_counts
from bot.storage.stats import Period, Stats, statistics
from bot.storage.store import Store


@dataclass(frozen=True)
class Figures:
    """The outreach statistics, who opened the follow-ups, and what reminders did."""

    stats: Stats
    opened: dict[str, Opened]      # by campaign
    reminders: dict[str, int]      # sent, cancelled, blocked


async def figures(store: Store, period: Period) -> Figures:
    """The admin's figures for `period`; reads only."""
    return Figures(await statistics(store, period), await opened_by_campaign(store, period),
                   await reminder_counts(store, period))
