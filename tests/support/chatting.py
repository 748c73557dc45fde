"""User-side steps shared by the Telegram tests: answer a question, read /mydata."""

from __future__ import annotations

import json
from typing import Any

from tests.support.fake_telegram import BotMessage, FakeUser, UploadedFile


async def answer(user: FakeUser, reply: str, timeout: float = 10.0,
                 quiet: float | None = None) -> list[BotMessage]:
    """Press the button labelled `reply` if the current question has one, else type it, and
    wait for the bot's answer: the pressed message's edit, or at least one new message (every
    typed reply gets one), so a slow bot is not mistaken for a finished one.

    With the in-process harness the wait ends when the bot has finished the answer; `quiet`
    only serves a bot in another process (see `tests/support/fake_telegram.py`).
    """
    last = user.last_message
    if last is not None and reply in last.button_texts:
        replies = await user.press_and_wait(reply, timeout=timeout, expect=1, quiet=quiet)
        if all(r.edited for r in replies):    # the pressed message; a toggle brings only that
            replies += await user.next_replies(timeout=timeout, quiet=quiet)
        return replies
    replies = await user.send_and_wait(reply, timeout=timeout, expect=1, quiet=quiet)
    while all(r.edited for r in replies):     # so far only buttons taken off the last question
        replies += await user.next_replies(timeout=timeout, expect=1, quiet=quiet)
    return replies


async def mydata(user: FakeUser) -> dict[str, Any]:
    """What /mydata sends: its full file, `qmas-mydata.json` (answers, results, events…)."""
    replies = await user.send_and_wait("/mydata", timeout=10, expect=3)
    found = [r.document.data for r in replies if isinstance(r.document, UploadedFile)
             and r.document.filename == "qmas-mydata.json"]
    assert found, [r.text[:60] for r in replies]
    data: dict[str, Any] = json.loads(found[-1])
    return data
