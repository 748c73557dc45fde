"""The event loop's lag is logged when something blocks it for longer than the threshold."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from bot.looplag import watch_loop_lag


async def test_a_blocked_event_loop_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.looplag")
    watch = asyncio.get_running_loop().create_task(watch_loop_lag(interval=0.05,
                                                                  threshold=0.1))
    try:
        await asyncio.sleep(0.06)         # the watch is asleep now
        time.sleep(0.3)                   # a blocking call on the loop
        async with asyncio.timeout(10):
            while not any("event loop lag" in r.getMessage() for r in caplog.records):
                await asyncio.sleep(0.01)
        lag = next(r for r in caplog.records if "event loop lag" in r.getMessage())
        assert int(lag.getMessage().split()[3]) >= 100
    finally:
        watch.cancel()
