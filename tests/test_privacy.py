"""What /privacy promises, what /mydata gives and what the retention purge keeps."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.chat.service import ChatService
from bot.common.markup import Plain
from bot.stats.figures import statistics
from bot.stats.period import Period
from bot.storage.store import Store
from bot.storage.writes import NewAssessment, Write
from tests.support.chat_client import ENGINE, ChatClient, Conversation, conversation
from tests.test_conversation import MEETS, TODAY, answer, rows

LONG = "A&" * 150


async def finished(chat: Conversation, user_id: int, replies: list[str],
                   tag: str = "en") -> ChatClient:
    user = chat.user(user_id, tag=tag)
    await user.send("/start")
    for reply in replies:
        await answer(user, reply)
    return user


def age(path: Path, sql: str) -> None:
    with sqlite3.connect(path) as db:
        db.execute(sql)


# --- /privacy -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("days", "tag", "said"), [(30, "en", "deleted 30 days after"),
                                                    (90, "en", "deleted 90 days after"),
                                                    (30, "zh-hant", "30")])
async def test_privacy_follows_the_configured_retention(tmp_path: Path, days: int, tag: str,
                                                        said: str) -> None:
    store = await Store.open(tmp_path / "db")
    try:
        service = ChatService(store, ENGINE, Plain(), today=lambda: TODAY, retention_days=days)
        user = ChatClient(service, 1, tag)
        await user.send("/privacy")
        assert said in user.text
        if tag == "en":
            assert "unlinked from you and without your answers" in user.text
            assert "with no time limit" in user.text
            assert "Reminders" in user.text        # what reminders keep, and how to stop them
            assert f"Backups: to recover from a fault, the operator keeps copies of the " \
                   f"database, each for at most {days} days." in user.text
        else:
            assert "提醒" in user.text
    finally:
        await store.close()


# --- /mydata ------------------------------------------------------------------------------------

@pytest.fixture
async def chat(tmp_path: Path) -> Conversation:   # type: ignore[misc]
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


@pytest.mark.slow
async def test_mydata_sends_an_assess_file_and_everything(chat: Conversation,
                                                          tmp_path: Path) -> None:
    replies = list(MEETS)
    replies[3] = LONG                                   # a long typed university name
    user = await finished(chat, 1, replies)
    await user.send("/start fb2026")
    response = await user.send("/mydata")
    assert [m.text for m in response.messages] == ["Your stored data is in the two files below."]
    files = {d.filename: d.data for d in response.documents}
    assert set(files) == {"qmas-answers.json", "qmas-mydata.json"}
    answers_file = tmp_path / "qmas-answers.json"
    answers_file.write_bytes(files["qmas-answers.json"])
    run = subprocess.run([sys.executable, "-m", "bot", "assess",
                          "--date", TODAY.isoformat(), str(answers_file)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    everything = json.loads(files["qmas-mydata.json"])
    assert json.loads(run.stdout)["met_count"] == everything["results"][-1]["met_count"]
    assert everything["answers"] == json.loads(files["qmas-answers.json"])
    assert everything["user"]["language"] is None and everything["user"]["first_seen"]
    assert everything["user"]["last_seen"] and everything["user"]["pseudonym"]
    assert [e["kind"] for e in everything["events"]][:2] == ["started", "answered"]
    assert everything["events"][-1]["kind"] == "completed"


async def test_mydata_holds_every_result_and_the_campaign(chat: Conversation) -> None:
    user = chat.user(2)
    await user.send("/start FB2026")
    for reply in MEETS:
        await answer(user, reply)
    await user.send("/review")
    await user.press("Change 2")
    await user.send("35")
    data = await user.mydata()
    assert len(data["results"]) == 2 and data["results"][1]["answers"]["age"] == 35
    assert data["results"][0]["answers"]["age"] == 34
    assert data["user"]["campaign"] == "fb2026"


# --- retention ----------------------------------------------------------------------------------

async def test_an_active_user_keeps_answers_and_results_together(chat: Conversation) -> None:
    """The purge goes by the user's last activity, not by when the answers changed."""
    user = await finished(chat, 3, MEETS)
    age(chat.path, "UPDATE questionnaires SET updated_at = '2026-01-01T00:00:00+00:00'")
    assert await chat.store.purge(timedelta(days=90)) == 0
    data = await user.mydata()
    assert data["answers"]["age"] == 34 and data["results"][-1]["answers"] == data["answers"]
    await user.send("/result")
    assert "You meet 0" not in user.text


async def test_an_idle_user_goes_whole_and_results_keep_no_answers(chat: Conversation) -> None:
    """Nothing of an idle user is left half; results stay, without answers."""
    await finished(chat, 4, MEETS)
    await finished(chat, 5, MEETS)
    age(chat.path, "UPDATE users SET last_seen = '2026-01-01T00:00:00+00:00' "
                   "WHERE user_key = 'tg:4'")
    assert await chat.store.purge(timedelta(days=90)) == 1
    assert rows(chat.path, "SELECT user_key FROM questionnaires") == [("tg:5",)]
    kept = rows(chat.path, "SELECT user_key, answers, criteria FROM assessments ORDER BY id")
    assert kept[0][0] is None and json.loads(str(kept[0][1])).startswith("sha256:")
    assert "IN" not in str(kept[0][1]) and len(json.loads(str(kept[0][2]))) == 12
    assert kept[1][0] == "tg:5" and json.loads(str(kept[1][1]))["nationality"] == "IN"
    dump = "\n".join(sqlite3.connect(chat.path).iterdump())
    assert "tg:4" not in dump


async def test_statistics_count_purged_results_once(tmp_path: Path) -> None:
    """The digest of stripped answers still tells a repeated result from a new one."""
    store = await Store.open(tmp_path / "db")
    result = {"rules_effective": "2024-11-01", "assessed_on": "2026-11-24", "unknown_count": 0,
              "outcome": "meets_threshold", "met_count": 6,
              "criteria": [{"status": "met"}] * 6 + [{"status": "not_met"}] * 6}
    for answers in ({"age": 30}, {"age": 30}, {"age": 31}):
        await store.save("tg:1", Write(assessment=NewAssessment(answers, result, "en")),
                         update_id=None)
    period = Period(date(2020, 1, 1), date(2100, 1, 1))
    before = (await statistics(store, period)).completed
    async with store.reading() as db:
        await db.execute("UPDATE users SET last_seen = '2020-01-01T00:00:00+00:00'")
        await db.commit()
    assert await store.purge(timedelta(days=90)) == 1
    after = await statistics(store, period)
    assert before == after.completed == 2 and after.meeting_threshold == 1
    await store.close()


# --- deep links ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("payload", "language", "campaign"), [
    ("zhuhai-expo", None, "zhuhai-expo"), ("ar-campaign", None, "ar-campaign"),
    ("de_berlin2026", None, "de_berlin2026"), ("garbage_payload", None, "garbage_payload"),
    ("zh-hant_fb_2026", "zh-hant", "fb_2026"), ("ZH-HANT_FB2026", "zh-hant", "fb2026"),
    ("FB2026", None, "fb2026"), ("ar", "ar", None), ("fr_", "fr", None),
    ("x" * 65, None, None)])
async def test_deep_link_payloads(chat: Conversation, payload: str, language: str | None,
                                  campaign: str | None) -> None:
    user = chat.user(7, tag="en")
    await user.send(f"/start {payload}")
    assert rows(chat.path, "SELECT language, campaign FROM users") == [(language, campaign)]
    if language is None:
        assert "Welcome! I will check" in user.text       # the campaign did not change the language


async def test_equal_answers_of_two_people_leave_different_digests(chat: Conversation) -> None:
    await finished(chat, 8, MEETS)
    await finished(chat, 9, MEETS)
    age(chat.path, "UPDATE users SET last_seen = '2026-01-01T00:00:00+00:00'")
    assert await chat.store.purge(timedelta(days=90)) == 2
    [(first,), (second,)] = rows(chat.path, "SELECT answers FROM assessments ORDER BY id")
    assert first != second
