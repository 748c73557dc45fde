"""Documents through the real PTB stack and the fake Bot API: /report and the admin's /stats."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tests.support.bot_harness import running_bot
from tests.support.chatting import answer
from tests.support.fake_telegram import UploadedFile
from tests.test_conversation import MEETS

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only

TODAY = date(2026, 11, 24)


async def test_result_sections_next_steps_and_report_through_telegram(tmp_path: Path) -> None:
    async with running_bot(tmp_path / "db", today=TODAY) as bot:
        user = bot.tg.user(9101)
        await user.send_and_wait("/start", timeout=30, expect=2)
        for reply in MEETS[:-1]:
            await answer(user, reply, timeout=30)
        while "Is your record clean" not in "".join(m.text for m in user.messages[-1:]):
            await user.next_replies(timeout=30, expect=1)   # the last question, however late
        # the edit, the result, "was it useful?"
        replies = await user.press_and_wait(MEETS[-1], timeout=30, expect=3)
        summary, rating = replies[-2:]
        assert "You meet 9 of the 12 criteria" in summary.text
        assert "Next steps" in summary.button_texts
        assert rating.button_texts == ["Useful", "Not sure", "Not useful"]
        edited = await user.press_and_wait("About this result", summary, timeout=30, expect=1)
        assert edited[-1].edited and "not legal advice" in edited[-1].text
        steps = await user.press_and_wait("Next steps", summary, timeout=30, expect=1)
        assert steps[0].text.startswith("Next steps")
        replies = await user.send_and_wait("/report", timeout=30, expect=1)
        assert len(replies) == 1 and "browser" in replies[0].text
        document = replies[0].document
        assert isinstance(document, UploadedFile)
        assert re.fullmatch(r"qmas-report-\d{4}-\d\d-\d\d-en\.html", document.filename)
        assert b"<html" in document.data and "Report" in [c["command"].title()
                                                          for c in bot.tg.commands()]
    with sqlite3.connect(tmp_path / "db") as db:
        kinds = dict(db.execute("SELECT kind, count(*) FROM events WHERE kind LIKE 'opened_%' "
                                "GROUP BY kind").fetchall())
    assert kinds == {"opened_next_steps": 1, "opened_report": 1}


async def test_stats_text_and_html_document_for_admins_only(tmp_path: Path) -> None:
    async with running_bot(tmp_path / "db", admin_ids=frozenset({9201})) as bot:
        admin, other = bot.tg.user(9201), bot.tg.user(9202)
        await other.send_and_wait("/start fb2026", timeout=30, expect=2)
        replies = await other.send_and_wait("/stats 7", timeout=30)
        assert "don't know that command" in replies[0].text and not replies[0].document
        replies = await admin.send_and_wait("/stats 7", timeout=30, expect=2)
        assert "Statistics from" in replies[0].text and "Reminders sent: < 5" in replies[0].text
        document = replies[1].document
        assert isinstance(document, UploadedFile)
        assert document.filename.startswith("qmas-stats-") and document.filename.endswith(".html")
        assert b"<svg" in document.data
        replies = await admin.send_and_wait("/stats zero", timeout=30)
        assert len(replies) == 1 and "Usage: /stats" in replies[0].text
