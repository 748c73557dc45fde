"""Who went beyond the verdict: users who opened the next steps or the report, per campaign.

Counts only, from the events table; nothing identifies a person. Events of erased users (their
`user_key` set to NULL) still count, each as one user.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from bot.storage.stats import Period
from bot.storage.store import Store

OPENED_NEXT_STEPS = "opened_next_steps"
OPENED_REPORT = "opened_report"


@dataclass(frozen=True)
class Opened:
    """Users of one campaign who opened the next steps, and who asked for the report."""

    next_steps: int = 0
    report: int = 0


async def opened_by_campaign(store: Store, period: Period) -> dict[str, Opened]:
    """Per campaign (`-` for none), most next-steps readers first."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    async with store.reading() as db, db.execute(
            "SELECT coalesce(campaign, '-'), kind, "
            "count(DISTINCT user_key) + sum(user_key IS NULL) FROM events "
            "WHERE kind IN (?, ?) AND at >= ? AND at < ? GROUP BY 1, 2",
            (OPENED_NEXT_STEPS, OPENED_REPORT, *period.bounds)) as cur:
        async for campaign, kind, users in cur:
            counts[campaign][kind] = int(users)
    opened = {campaign: Opened(kinds.get(OPENED_NEXT_STEPS, 0), kinds.get(OPENED_REPORT, 0))
              for campaign, kinds in counts.items()}
    return dict(sorted(opened.items(), key=lambda kv: (-kv[1].next_steps, -kv[1].report,
                                                       kv[0])))
