"""What one update costs in round trips to aiosqlite's worker thread.

Each round trip is a queue hand-over, a thread switch and a wake-up of the event loop, which
costs more CPU than the SQL it carries; so an operation is one function on that thread,
however many statements it runs (`Store.write`), and a turn is a fixed few round trips.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

from tests.support.bot_harness import running_bot

PLUMBING = {"Store._run", "Store._in_transaction", "Store.write", "Store._one",
            "serialised.<locals>.wrapper"}
JOBS = ("Store.purge", "Inbox.purge", "bot.reminders")   # timers that may fire meanwhile


def _caller() -> str:
    """The storage operation that asked for the round trip (its module for reminders)."""
    frame = sys._getframe(2)     # beyond `_caller` and the counting `_execute`
    while frame.f_code.co_qualname in PLUMBING or "aiosqlite" in frame.f_code.co_filename:
        assert frame.f_back is not None
        frame = frame.f_back
    name = frame.f_code.co_qualname
    module = frame.f_globals.get("__name__", "")
    return module if module.startswith("bot.reminders") else name


@pytest.fixture
def round_trips(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The operations that went to aiosqlite's thread, one entry per round trip."""
    seen: list[str] = []
    real: Callable[..., Any] = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, fn: Callable[..., Any], *args: Any,
                      **kwargs: Any) -> Any:
        seen.append(_caller())
        return await real(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
    return seen


async def test_a_typed_answer_is_four_round_trips(tmp_path: Path,
                                                   round_trips: list[str]) -> None:
    async with running_bot(tmp_path / "bot.sqlite3") as bot:
        user = bot.tg.user(5)
        await user.send_and_wait("/start", expect=2, quiet=0, timeout=30)
        round_trips.clear()
        replies = await user.send_and_wait("India", expect=1, quiet=0, timeout=30)  # finished
        assert "How old" in replies[-1].text
        # stored (with its batch), read, saved with its applied mark, its body deleted
        assert [name for name in round_trips if not name.startswith(JOBS)] == [
            "Inbox._accept", "Store.load", "Store.save", "Inbox._forget"]
