"""Statistics of who opened the next steps and the report, per campaign, on a real SQLite file."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from bot.i18n.translator import Translator
from bot.report.follow_up import render_follow_up
from bot.report.markup import Plain
from bot.storage.follow_up import OPENED_NEXT_STEPS, OPENED_REPORT, Opened, opened_by_campaign
from bot.storage.stats import Period
from bot.storage.store import Store, Write


async def test_users_who_opened_next_steps_and_the_report_per_campaign(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    store = await Store.open(path)
    await store.save("tg:1", Write(campaign="fb2026"), update_id=None)
    await store.save("tg:2", Write(campaign="fb2026"), update_id=None)
    await store.save("tg:3", Write(), update_id=None)
    for user, kind in (("tg:1", OPENED_NEXT_STEPS), ("tg:1", OPENED_NEXT_STEPS),
                       ("tg:1", OPENED_REPORT), ("tg:2", OPENED_NEXT_STEPS),
                       ("tg:3", OPENED_REPORT)):
        await store.save(user, Write(events=[(kind, None)]), update_id=None)
    await store.delete_user("tg:2", update_id=None)  # their event stays, anonymous, counted
    today = date.today()
    opened = await opened_by_campaign(store, Period(today - timedelta(days=1), today))
    assert opened == {"fb2026": Opened(next_steps=2, report=1), "-": Opened(0, 1)}
    assert list(opened) == ["fb2026", "-"]
    earlier = await opened_by_campaign(store, Period(today - timedelta(days=9),
                                                     today - timedelta(days=2)))
    assert earlier == {}
    line = render_follow_up(opened, Translator.for_code("en"), Plain())
    assert line == "Opened the next steps / the report, by campaign (users): fb2026: 2/1, -: 0/1"
    await store.close()
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT user_key, kind, campaign FROM events WHERE kind LIKE 'opened%' "
                          "ORDER BY id").fetchall()
    assert ("tg:2", OPENED_NEXT_STEPS, "fb2026") not in rows
    assert (None, OPENED_NEXT_STEPS, "fb2026") in rows
