"""Outreach statistics and the CSV export count people and finished questionnaires, not presses."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.chat.service import ChatService
from bot.chat.turn import Caller
from bot.cli import main
from bot.engine.engine import Engine
from bot.i18n.translator import Translator
from bot.report.markup import Plain
from bot.report.stats import render_stats, stats_usage
from bot.storage.follow_up import opened_by_campaign
from bot.storage.stats import Period, Stats, export_csv, period_of_days, statistics
from bot.storage.store import Store, Write
from conversations.qmas import QMAS
from tests.support.seeding import BELOW, MEETS, Visitor, chat, confirmed, seed

TODAY = date.today()
LAST_WEEK = Period(TODAY - timedelta(days=6), TODAY)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stats") / "seeded.sqlite3"
    asyncio.run(seed(path))
    return path


async def stats_of(path: Path, period: Period = LAST_WEEK) -> Stats:
    store = await Store.open(path)
    try:
        return await statistics(store, period)
    finally:
        await store.close()


async def csv_rows(path: Path, period: Period = LAST_WEEK) -> list[dict[str, str]]:
    store = await Store.open(path)
    try:
        return list(csv.DictReader(io.StringIO(await export_csv(store, period))))
    finally:
        await store.close()


async def test_the_seeded_conversations_give_the_expected_figures(seeded: Path) -> None:
    stats = await stats_of(seeded)
    assert (stats.new_users, stats.started, stats.completed, stats.finished) == (17, 17, 13, 13)
    assert stats.meeting_threshold == 6 and round(stats.share_meeting, 3) == round(6 / 13, 3)
    assert stats.outcomes == {"below_threshold": 5, "meets_threshold": 6,
                              "nationality_excluded": 1, "prerequisite_not_met": 1}
    assert stats.by_campaign == {"fb2026": 6, "": 4, "expo": 3}
    assert stats.by_language == {"zh-hant": 6, "en": 4, "es": 3}
    assert stats.drop_off == {"age": 1, "highest_degree": 1, "nationality": 1,
                              "postgraduate_university": 1}
    fb = stats.funnel_by_campaign["fb2026"]
    assert (fb.started, fb.finished, fb.completed, fb.meeting) == (7, 6, 6, 5)
    assert stats.funnel_by_language["es"].started == 4
    # Everyone who got a result but the excluded nationality misses 10–12; those below, 1–9.
    assert stats.missed == {10: 12, 11: 12, 12: 12, **{n: 5 for n in range(1, 10)}}
    assert stats.unsettled == {n: 1 for n in range(1, 13)}             # the excluded nationality
    assert sum(w.completed for w in stats.weeks) == 13


async def test_repeats_after_the_result_add_no_completion(tmp_path: Path) -> None:
    """H1: another /start, /back with the same answer: still one questionnaire, one CSV row."""
    path = tmp_path / "db"
    store = await Store.open(path)
    service = ChatService(store, Engine(QMAS), Plain())
    await chat(service, Visitor("tg:1", "fb", "en", MEETS))
    for _ in range(3):
        await service.start(Caller("tg:1", "en"), None)
    await service.command(Caller("tg:1", "en"), "back")
    await service.text(Caller("tg:1", "en"), MEETS[-1])
    await store.close()
    stats = await stats_of(path)
    assert (stats.started, stats.completed, stats.finished, stats.meeting_threshold) == (1, 1, 1, 1)
    assert stats.by_campaign == {"fb": 1}
    assert len(await csv_rows(path)) == 1


async def test_duplicate_rows_already_in_a_database_count_once(tmp_path: Path) -> None:
    """H1: databases written before the fix hold identical assessment rows; they count once."""
    path = tmp_path / "db"
    store = await Store.open(path)
    await chat(ChatService(store, Engine(QMAS), Plain()), Visitor("tg:1", "fb", "en", MEETS))
    async with store.reading() as db:
        for _ in range(3):
            await db.execute("INSERT INTO assessments (user_key, pseudonym, answers, outcome, "
                             "met_count, unknown_count, criteria, rules_effective, assessed_on, "
                             "language, campaign, created_at) SELECT user_key, pseudonym, "
                             "answers, outcome, met_count, unknown_count, criteria, "
                             "rules_effective, assessed_on, language, campaign, created_at "
                             "FROM assessments WHERE id = 1")
            await db.execute("INSERT INTO events (user_key, kind, language, campaign, at) "
                             "SELECT user_key, kind, language, campaign, at FROM events "
                             "WHERE kind = 'completed'")
        await db.commit()
    await store.close()
    stats = await stats_of(path)
    assert (stats.completed, stats.finished, stats.outcomes) == (1, 1, {"meets_threshold": 1})
    rows = await csv_rows(path)
    assert len(rows) == 1 and rows[0]["campaign"] == "fb"


async def test_outcome_shares_use_each_persons_latest_result(tmp_path: Path) -> None:
    """H1: one person below the threshold; another below, who restarts and then meets it."""
    path = tmp_path / "db"
    store = await Store.open(path)
    service = ChatService(store, Engine(QMAS), Plain())
    await chat(service, Visitor("tg:1", "", "en", BELOW))
    await chat(service, Visitor("tg:2", "", "en", BELOW))
    await confirmed(service, Caller("tg:2", "en"), "restart")
    await chat(service, Visitor("tg:2", "", "en", MEETS))
    await store.close()
    stats = await stats_of(path)
    assert stats.completed == 3 and stats.finished == 2
    assert stats.outcomes == {"below_threshold": 1, "meets_threshold": 1}
    assert stats.share_meeting == 0.5
    assert stats.missed[1] == 1                # only tg:1 is still counted as aged 55
    assert len(await csv_rows(path)) == 3


async def test_people_who_answer_without_start_are_counted_as_started(tmp_path: Path) -> None:
    """H1: typing an answer straight away (no /start) begins a questionnaire too."""
    path = tmp_path / "db"
    store = await Store.open(path)
    service = ChatService(store, Engine(QMAS), Plain())
    await chat(service, Visitor("tg:1", "", "en", MEETS[:2]))
    await chat(service, Visitor("tg:2", None, "en", MEETS[:2]))
    await chat(service, Visitor("tg:3", None, "en", MEETS))
    await store.close()
    stats = await stats_of(path)
    assert (stats.started, stats.completed) == (3, 1)
    assert stats.funnel_by_campaign[""].started == 3


async def test_a_deleted_persons_start_still_counts_once(tmp_path: Path) -> None:
    path = tmp_path / "db"
    store = await Store.open(path)
    service = ChatService(store, Engine(QMAS), Plain())
    await chat(service, Visitor("tg:1", "fb", "en", MEETS[:3]))
    await confirmed(service, Caller("tg:1", "en"), "delete")
    await store.close()
    stats = await stats_of(path)
    assert (stats.started, stats.funnel_by_campaign["fb"].started) == (1, 1)


async def test_opened_next_steps_and_report_count_people_per_campaign(seeded: Path,
                                                                      tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite3"
    path.write_bytes(seeded.read_bytes())
    store = await Store.open(path)
    for user, kind in (("tg:10", "opened_next_steps"), ("tg:10", "opened_next_steps"),
                       ("tg:11", "opened_next_steps"), ("tg:20", "opened_report")):
        await store.save(user, Write(events=[(kind, None)]), update_id=None)
    await store.close()
    stats = await stats_of(path)
    fb, expo = stats.funnel_by_campaign["fb2026"], stats.funnel_by_campaign["expo"]
    assert (fb.next_steps, fb.report, expo.next_steps, expo.report) == (2, 0, 0, 1)
    assert stats.funnel_by_language["zh-hant"].next_steps == 2
    store = await Store.open(path)               # the same counts as the follow-up line of /stats
    opened = await opened_by_campaign(store, LAST_WEEK)
    await store.close()
    assert {campaign: (o.next_steps, o.report) for campaign, o in opened.items()} == {
        campaign or "-": (f.next_steps, f.report)
        for campaign, f in stats.funnel_by_campaign.items() if f.next_steps or f.report}


async def test_weeks_follow_the_days_things_happened(seeded: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite3"
    path.write_bytes(seeded.read_bytes())
    store = await Store.open(path)
    async with store.reading() as db:          # the expo campaign ran two weeks earlier
        expo = "(SELECT user_key FROM users WHERE campaign = 'expo')"
        for table, column in (("users", "first_seen"), ("events", "at"),
                              ("assessments", "created_at"), ("questionnaires", "started_at")):
            await db.execute(f"UPDATE {table} SET {column} = datetime({column}, '-14 days') "
                             f"WHERE user_key IN {expo}")
        await db.commit()
    await store.close()
    stats = await stats_of(path, Period(TODAY - timedelta(days=27), TODAY))
    assert len(stats.weeks) in (4, 5)
    assert sum(w.new_users for w in stats.weeks) == 17
    earlier = [w for w in stats.weeks if w.start <= TODAY - timedelta(days=14)]
    assert sum(w.started for w in earlier) == 4 and sum(w.completed for w in earlier) == 3
    assert sum(w.completed for w in stats.weeks) == 13


async def test_text_lists_only_criteria_that_someone_missed(tmp_path: Path) -> None:
    """L13: "Criteria most often not met" has no "criterion: 0" entries."""
    path = tmp_path / "db"
    store = await Store.open(path)
    await chat(ChatService(store, Engine(QMAS), Plain()), Visitor("tg:1", "", "en", MEETS))
    await store.close()
    text = render_stats(await stats_of(path), Translator.for_code("en"), Plain())
    assert "Criteria most often not met (criterion: times): 10: 1, 11: 1, 12: 1" in text


@pytest.mark.parametrize(("argument", "days"), [
    ("", 30), ("7", 7), (" 14 ", 14), ("3660", 3660), ("abc", None), ("0", None), ("-3", None),
    ("3661", None), ("7.5", None), ("٣", None)])
def test_stats_days_argument(argument: str, days: int | None) -> None:
    """L13: `/stats abc` and `/stats 0` are refused (with a usage line), never read as 30."""
    period = period_of_days(argument, TODAY)
    assert (None if period is None else (period.end - period.start).days + 1) == days
    if period is not None:
        assert period.end == TODAY


def test_the_usage_line_is_translated() -> None:
    assert "3,660" in Translator.for_code("en")(stats_usage())
    assert "/stats" in Translator.for_code("zh-hant")(stats_usage())


def run_cli(args: list[str], db: Path, capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setenv("QMAS_DB_PATH", str(db))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", [["stats"], ["export"], ["stats", "--format", "html"]])
def test_a_missing_database_is_refused_not_created(
        command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """M6: a mistyped path says so (exit 2) and no empty database appears."""
    code, out, err = run_cli(command, tmp_path / "typo.sqlite3", capsys, monkeypatch)
    assert (code, out) == (2, "")
    assert err == f"QMAS_DB_PATH: no such database: {tmp_path / 'typo.sqlite3'}\n"
    assert os.listdir(tmp_path) == []
    code, out, err = run_cli(command, tmp_path / "nodir" / "x.sqlite3", capsys, monkeypatch)
    assert (code, err) == (2, f"QMAS_DB_PATH: no such directory: {tmp_path / 'nodir'}\n")
    code, out, err = run_cli(command, tmp_path, capsys, monkeypatch)        # a directory
    assert (code, err) == (2, f"QMAS_DB_PATH: no such database: {tmp_path}\n")


@pytest.mark.parametrize("command", [["stats"], ["export"], ["stats", "--format", "html"]])
def test_an_unwritable_output_is_one_clear_line(
        command: list[str], seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """M6: `-o` into a missing directory: one line, exit 2, no traceback."""
    target = tmp_path / "nodir" / "out"
    code, out, err = run_cli([*command, "-o", str(target)], seeded, capsys, monkeypatch)
    assert (code, out) == (2, "")
    assert err == f"{target}: cannot write: No such file or directory\n"


def test_cli_export_writes_one_row_per_questionnaire(
        seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.csv"
    code, out, err = run_cli(["export", "-o", str(target)], seeded, capsys, monkeypatch)
    assert (code, out, err) == (0, "", "")
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 13 and len({r["respondent"] for r in rows}) == 13
    assert "tg:" not in target.read_text(encoding="utf-8")


def test_cli_json_has_every_figure(seeded: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run_cli(["stats", "--format", "json"], seeded, capsys, monkeypatch)
    data = json.loads(out)
    assert code == 0 and (data["started"], data["completed"], data["finished"]) == (17, 13, 13)
    assert data["funnel_by_campaign"]["fb2026"]["meeting"] == 5
    assert sum(week["completed"] for week in data["weeks"]) == 13
