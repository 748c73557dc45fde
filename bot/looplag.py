"""A watch on the event loop, which every user shares: a slow disk or a call that blocks it
shows in the log before users feel it."""

from __future__ import annotations

import asyncio
import logging

log = logging.getLogger(__name__)
INTERVAL = 0.5      # seconds between wake-ups
THRESHOLD = 0.1     # a wake-up later than this is logged


async def watch_loop_lag(interval: float = INTERVAL, threshold: float = THRESHOLD) -> None:
    """Sleep `interval` again and again, and log each wake-up that comes over `threshold` late."""
    loop = asyncio.get_running_loop()
    while True:
        before = loop.time()
        await asyncio.sleep(interval)
        lag = loop.time() - before - interval
        if lag > threshold:
            log.warning("event loop lag: %.0f ms (something blocked the event loop)",
                        lag * 1000)
