"""/stats over a year of a large database never holds up other users: it runs off the loop.

The real bot (PTB polling the fake Bot API) answers users while an admin's `/stats 365` is
being computed on its own read-only connection in a worker thread. The thread is held at its
start until the users have their replies, so the test proves the replies did not wait for the
figures (on the event loop they could not arrive at all); it also measures their latency.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.stats import figures as stats_module
from bot.stats.figures import Stats
from bot.stats.period import Period
from bot.storage.store import Store
from tests.support.bot_harness import running_bot
from tests.support.crowd import seed_crowd, year_ending

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only

PEOPLE = 3000
ADMIN = 4242


async def test_users_get_replies_while_an_admin_computes_a_year(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "large.sqlite3"
    store = await Store.open(path)
    await seed_crowd(store, PEOPLE, year_ending(datetime.now(UTC)), 365, random.Random(7))
    await store.close()
    started, release = threading.Event(), threading.Event()
    real: Callable[[Path, Period], Stats] = stats_module._statistics_at

    def held(where: Path, period: Period) -> Stats:
        started.set()
        release.wait(timeout=120)
        return real(where, period)

    monkeypatch.setattr(stats_module, "_statistics_at", held)
    async with running_bot(path, admin_ids=frozenset({ADMIN})) as bot:
        admin = bot.tg.user(ADMIN)
        asked = asyncio.create_task(admin.send_and_wait("/stats 365", timeout=120, expect=2))
        assert await asyncio.to_thread(started.wait, 60), "the statistics never started"
        latencies = []
        for n in range(10):
            user = bot.tg.user(5000 + n)
            begin = time.perf_counter()
            replies = await user.send_and_wait("/start", timeout=30, expect=2)
            latencies.append(time.perf_counter() - begin)
            assert "QMAS" in replies[0].text
        assert not asked.done(), "the admin's figures were ready before the users' replies"
        release.set()
        replies = await asked
    text = replies[0].text
    assert "New users: 3,010." in text, text     # the crowd (all within the year) and the ten
    assert replies[1].document is not None
    latencies.sort()
    print(f"reply latency while /stats 365 ran over {PEOPLE} people: "
          f"p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
