"""SQLite never runs on the event loop's thread: the loop is shared by every user, so a query,
a commit's disk flush or a purge there would be everyone's latency.

A profiler hook on the loop's thread (`sys.setprofile` covers only the thread that sets it)
records every call into the `sqlite3` module, its connections and cursors, while the real bot
takes a whole questionnaire, /mydata and /delete, and the retention jobs and the health check
run.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import Any

from bench.run import SCRIPT
from bot.app import INBOX_KEEP
from tests.support.bot_harness import running_bot
from tests.support.chatting import mydata

SQLITE_TYPES = (sqlite3.Connection, sqlite3.Cursor, sqlite3.Blob)


@contextmanager
def sqlite_calls_on_this_thread() -> Iterator[list[str]]:
    """The names of the sqlite3 functions and methods called on this thread meanwhile."""
    seen: list[str] = []

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event == "c_call" and (isinstance(getattr(arg, "__self__", None), SQLITE_TYPES)
                                  or getattr(arg, "__module__", None) in ("sqlite3",
                                                                          "_sqlite3")):
            seen.append(f"{arg.__qualname__} from {frame.f_code.co_filename}:{frame.f_lineno}")

    sys.setprofile(profile)
    try:
        yield seen
    finally:
        sys.setprofile(None)


def test_the_fence_sees_sqlite_called_on_this_thread() -> None:
    with sqlite_calls_on_this_thread() as seen:
        sqlite3.connect(":memory:").execute("SELECT 1").fetchall()
    assert [call.split(" ")[0] for call in seen] == ["connect", "Connection.execute",
                                                      "Cursor.fetchall"]


async def test_no_sqlite_call_on_the_event_loop(tmp_path: Path) -> None:
    async with running_bot(tmp_path / "bot.sqlite3") as bot:
        inbox = bot.app.bot_data.inbox
        user = bot.tg.user(7)
        with sqlite_calls_on_this_thread() as seen:
            for text, expect in SCRIPT:         # the whole questionnaire, to the result
                await user.send_and_wait(text, expect=expect, quiet=0, timeout=30)
            assert (await mydata(user))["results"]
            await user.send_and_wait("/delete", expect=1, timeout=30)
            deleted = await user.press_and_wait("Delete everything", expect=1, timeout=30)
            assert await bot.store.purge(timedelta(days=0)) == 0
            assert await inbox.purge(INBOX_KEEP) == 0
            assert await inbox.healthy()
        assert seen == []
        assert any("deleted" in reply.text for reply in deleted)
