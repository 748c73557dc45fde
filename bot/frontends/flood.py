"""A per-user flood limit: past it, one friendly notice, then silence until the user slows down."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable
from enum import Enum


class Verdict(Enum):
    ALLOW = "allow"
    NOTIFY = "notify"     # first update over the limit: say so once
    DROP = "drop"


class FloodGuard:
    """At most `limit` updates per `window` seconds per user (a sliding window, in memory); a user
    is any key: a Telegram id, a web visitor, an address."""

    def __init__(self, limit: int = 20, window: float = 10.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._seen: dict[Hashable, deque[float]] = {}
        self._notified: set[Hashable] = set()

    def check(self, user_id: Hashable) -> Verdict:
        now = self.clock()
        seen = self._seen.setdefault(user_id, deque())
        while seen and now - seen[0] > self.window:
            seen.popleft()
        if len(seen) < self.limit:
            seen.append(now)
            self._notified.discard(user_id)
            return Verdict.ALLOW
        if user_id in self._notified:
            return Verdict.DROP
        self._notified.add(user_id)
        return Verdict.NOTIFY

    def forget_idle(self) -> None:
        """Drop users with no recent updates, so memory does not grow with every user ever seen."""
        now = self.clock()
        for user_id in [u for u, s in self._seen.items() if not s or now - s[-1] > self.window]:
            del self._seen[user_id]
            self._notified.discard(user_id)
