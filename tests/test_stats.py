"""Each definition of docs/statistics.md, pinned on small hand-made databases.

People go through the real conversation (ChatService on a real SQLite file); the figures are
read as the bot and `qmas-bot stats` read them (a read-only connection, `read_statistics`).
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import random
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.chat.service import ChatService
from bot.chat.turn import Caller
from bot.cli import main
from bot.common.markup import Plain
from bot.engine.engine import Engine
from bot.i18n.translator import Translator
from bot.stats.cells import HIDDEN, protect, publish
from bot.stats.export import write_csv
from bot.stats.figures import Funnel, Stats, Week, read_statistics, reading
from bot.stats.page import stats_report_html
from bot.stats.period import Period, period_of_days
from bot.stats.text import render_stats, stats_usage
from bot.storage.schema import MIGRATIONS
from bot.storage.store import Store
from bot.storage.writes import NewAssessment, Write
from conversations.qmas import QMAS
from tests.support.crowd import seed_crowd, store_clock, year_ending
from tests.support.seeding import (
    BELOW,
    EXCLUDED,
    MEETS,
    Visitor,
    chat,
    confirmed,
    seed,
)

TODAY = date.today()
LAST_WEEK = Period(TODAY - timedelta(days=6), TODAY)
RESIDENT = ["Hong Kong"]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stats") / "seeded.sqlite3"
    asyncio.run(seed(path))
    return path


def figures(path: Path, period: Period = LAST_WEEK) -> Stats:
    with reading(path) as db:
        return read_statistics(db, period)


def csv_rows(path: Path, period: Period = LAST_WEEK) -> list[dict[str, str]]:
    out = io.StringIO()
    with reading(path) as db:
        write_csv(db, period, out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def column(funnels: dict[str, Funnel], key: str) -> dict[str, int]:
    """One column of a funnel table, zero rows left out."""
    return {name: getattr(f, key) for name, f in funnels.items() if getattr(f, key)}


async def close(service: ChatService) -> None:
    store = service.deps.store
    assert isinstance(store, Store)
    await store.close()


async def people(path: Path, *visitors: Visitor) -> ChatService:
    store = await Store.open(path)
    service = ChatService(store, Engine(QMAS), Plain())
    for visitor in visitors:
        await chat(service, visitor)
    return service


async def test_the_seeded_conversations_give_the_expected_figures(seeded: Path) -> None:
    stats = figures(seeded)
    assert stats.total == Funnel(new_users=17, started=17, completed=12, not_applicable=1,
                                 finished=12, meeting=6, useful=7, not_sure=1, not_useful=3,
                                 reasons=2)
    assert column(stats.by_campaign, "useful") == {"fb2026": 5, "": 1, "expo": 1}
    assert column(stats.by_language, "not_useful") == {"": 3}   # as chosen: English by default
    assert stats.outcomes == {"meets_threshold": 6, "below_threshold": 5,
                              "nationality_excluded": 1, "prerequisite_not_met": 1}
    assert column(stats.by_campaign, "completed") == {"fb2026": 6, "": 4, "expo": 2}
    assert column(stats.by_campaign, "started") == {"fb2026": 7, "": 6, "expo": 4}
    assert column(stats.by_language, "completed") == {"zh-hant": 6, "en": 4, "es": 2}
    assert stats.drop_off == {"age": 1, "highest_degree": 1, "nationality": 1,
                              "postgraduate_university": 1}
    # Everyone with an applicable result misses 10–12; those below the threshold, 1–9 too.
    assert stats.missed == {10: 12, 11: 12, 12: 12, **{n: 5 for n in range(1, 10)}}
    assert stats.unsettled == {}             # the excluded national's unknowns are not counted
    assert sum(w.completed for w in stats.weeks) == 12


async def test_a_deleted_person_still_counts_as_new_started_and_completed(tmp_path: Path
                                                                          ) -> None:
    """Started never exceeds new users: both outlive /delete; results go with the person."""
    service = await people(tmp_path / "db", Visitor("tg:1", "fb", "en", MEETS),
                           Visitor("tg:2", "fb", "en", MEETS[:3]))
    for key in ("tg:1", "tg:2"):
        await confirmed(service, Caller(key, "en"), "delete")
    await close(service)
    stats = figures(tmp_path / "db")
    assert stats.total == Funnel(new_users=2, started=2, completed=1)
    assert (stats.outcomes, stats.missed) == ({}, {})
    assert stats.by_campaign["fb"] == Funnel(new_users=2, started=2, completed=1)


async def test_a_person_who_comes_back_after_delete_is_new_again(tmp_path: Path) -> None:
    service = await people(tmp_path / "db", Visitor("tg:1", "", "en", MEETS[:2]))
    await confirmed(service, Caller("tg:1", "en"), "delete")
    await chat(service, Visitor("tg:1", "", "en", MEETS[:2]))
    await close(service)
    assert figures(tmp_path / "db").total == Funnel(new_users=2, started=2)


@pytest.mark.parametrize(("replies", "outcome"), [(RESIDENT, "already_resident"),
                                                  (EXCLUDED, "nationality_excluded")])
async def test_not_applicable_outcomes_are_kept_apart(tmp_path: Path, replies: list[str],
                                                      outcome: str) -> None:
    """A resident or an excluded national: not completed, not a person with a result, not in
    the criteria; counted as not applicable and under their own outcome."""
    service = await people(tmp_path / "db", Visitor("tg:1", "", "en", replies),
                           Visitor("tg:2", "", "en", MEETS))
    await close(service)
    stats = figures(tmp_path / "db")
    assert stats.total == Funnel(new_users=2, started=2, completed=1, not_applicable=1,
                                 finished=1, meeting=1)
    assert stats.outcomes == {outcome: 1, "meets_threshold": 1}
    assert (stats.missed, stats.unsettled) == ({10: 1, 11: 1, 12: 1}, {})


def test_the_completion_rate_leaves_not_applicable_questionnaires_out() -> None:
    total = Funnel(new_users=40, started=40, completed=15, not_applicable=10, finished=15,
                   meeting=6)
    stats = Stats(LAST_WEEK, total, {"": total}, {"": total}, {"meets_threshold": 6,
                  "below_threshold": 9, "already_resident": 5, "nationality_excluded": 5},
                  {}, {}, {}, (), {"sent": 0, "cancelled": 0, "blocked": 0,
                                                 "uncertain": 0})
    shown = publish(stats)
    assert shown.completion_rate == 15 / 30 and shown.share_meeting == 6 / 15
    small = publish(Stats(LAST_WEEK, Funnel(started=40, completed=15, not_applicable=3), {},
                          {}, {}, {}, {}, {}, (), {}))
    assert small.completion_rate is None       # it would give away the hidden 3


async def test_a_campaign_is_credited_from_its_link_onward(tmp_path: Path) -> None:
    """tg:1 finishes, then opens the fb link; tg:2 opens it half-way through."""
    service = await people(tmp_path / "db", Visitor("tg:1", "", "en", MEETS))
    await service.start(Caller("tg:1", "en"), "fb")
    await chat(service, Visitor("tg:2", "", "en", MEETS[:3]))
    await service.start(Caller("tg:2", "en"), "fb")
    await chat(service, Visitor("tg:2", None, "en", MEETS[3:]))
    await close(service)
    stats = figures(tmp_path / "db")
    assert column(stats.by_campaign, "started") == {"": 2}
    assert column(stats.by_campaign, "completed") == {"": 1, "fb": 1}
    assert column(stats.by_campaign, "finished") == {"": 1, "fb": 1}
    assert [row["campaign"] for row in csv_rows(tmp_path / "db")] == ["", "fb"]


async def test_repeats_after_the_result_add_no_completion(tmp_path: Path) -> None:
    """Another /start, /back with the same answer: still one questionnaire, one CSV row."""
    service = await people(tmp_path / "db", Visitor("tg:1", "fb", "en", MEETS))
    for _ in range(3):
        await service.start(Caller("tg:1", "en"), None)
    await service.command(Caller("tg:1", "en"), "back")
    await service.text(Caller("tg:1", "en"), MEETS[-1])
    await close(service)
    stats = figures(tmp_path / "db")
    assert stats.total == Funnel(new_users=1, started=1, completed=1, finished=1, meeting=1)
    assert len(csv_rows(tmp_path / "db")) == 1


async def test_the_same_result_saved_twice_counts_once(tmp_path: Path) -> None:
    """Should the store be handed the same result again, it is marked a repeat at once."""
    service = await people(tmp_path / "db", Visitor("tg:1", "fb", "en", MEETS))
    store = service.deps.store
    assert isinstance(store, Store)
    latest = await store.latest_assessment("tg:1")
    assert latest is not None
    again = NewAssessment(latest.answers, {
        "outcome": latest.outcome, "met_count": latest.met_count,
        "unknown_count": latest.unknown_count, "rules_effective": latest.rules_effective,
        "assessed_on": latest.assessed_on,
        "criteria": [{"status": s} for s in latest.criteria]}, "en")
    await store.save("tg:1", Write(assessment=again), update_id=None)
    await store.close()
    stats = figures(tmp_path / "db")
    assert (stats.completed, stats.finished, len(csv_rows(tmp_path / "db"))) == (1, 1, 1)


async def migrate(path: Path) -> None:
    await (await Store.open(path)).close()


def test_a_database_of_the_previous_schema_is_backfilled(tmp_path: Path) -> None:
    """Identical rows written before repeats were caught count once; the tallies, masks and
    the latest result of each person are filled in by the migration."""
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    for version, step in enumerate(MIGRATIONS[:6], 1):
        db.executescript(f"BEGIN; {step} PRAGMA user_version={version}; COMMIT;")
    now = datetime.now(UTC).replace(microsecond=0)
    at = [(now - timedelta(hours=h)).isoformat() for h in (5, 4, 3, 2)]
    db.execute("INSERT INTO users VALUES ('tg:1', NULL, 'fb', ?, ?, 'p1')", (at[0], at[3]))
    db.execute("INSERT INTO events (user_key, kind, campaign, at) VALUES ('tg:1', 'started', "
               "'fb', ?)", (at[0],))
    below = json.dumps(["met"] * 2 + ["not_met"] * 10)
    meets = json.dumps(["met"] * 6 + ["not_met"] * 5 + ["unknown"])
    for when, answers, outcome, criteria in ((at[1], '{"age": 55}', "below_threshold", below),
                                            (at[2], '{"age": 55}', "below_threshold", below),
                                            (at[3], '{"age": 34}', "meets_threshold", meets)):
        db.execute("INSERT INTO assessments (user_key, pseudonym, answers, outcome, met_count, "
                   "unknown_count, criteria, rules_effective, assessed_on, language, campaign, "
                   "created_at) VALUES ('tg:1', 'p1', ?, ?, 6, 0, ?, '2024-11-01', ?, 'en', "
                   "'fb', ?)", (answers, outcome, criteria, TODAY.isoformat(), when))
    db.close()
    asyncio.run(migrate(path))
    stats = figures(path)
    assert stats.total == Funnel(new_users=1, started=1, completed=2, finished=1, meeting=1)
    assert stats.missed == {n: 1 for n in range(7, 12)} and stats.unsettled == {12: 1}
    assert len(csv_rows(path)) == 2


async def test_each_persons_latest_result_in_the_period_counts(tmp_path: Path) -> None:
    """tg:1 is below the threshold at first and meets it ten days later: the
    earlier period still shows the result held then; the whole period, the latest one."""
    path = tmp_path / "db"
    clock = [datetime.now(UTC) - timedelta(days=20)]
    with store_clock(clock):
        service = await people(path, Visitor("tg:1", "", "en", BELOW),
                               Visitor("tg:2", "", "en", BELOW))
        clock[0] += timedelta(days=10)
        await confirmed(service, Caller("tg:1", "en"), "restart")
        await chat(service, Visitor("tg:1", "", "en", MEETS))
    await close(service)
    early = figures(path, Period(TODAY - timedelta(days=21), TODAY - timedelta(days=14)))
    assert early.outcomes == {"below_threshold": 2}
    whole = figures(path, Period(TODAY - timedelta(days=27), TODAY))
    assert (whole.completed, whole.finished) == (3, 2)
    assert whole.outcomes == {"below_threshold": 1, "meets_threshold": 1}
    assert whole.missed[1] == 1                # only tg:1's latest result counts
    late = figures(path, LAST_WEEK)
    assert late.outcomes == {} and late.total.started == 0
    assert len(csv_rows(path, Period(TODAY - timedelta(days=27), TODAY))) == 3


async def test_opened_next_steps_and_report_count_people(seeded: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite3"
    path.write_bytes(seeded.read_bytes())
    store = await Store.open(path)
    for user, kind in (("tg:10", "opened_next_steps"), ("tg:10", "opened_next_steps"),
                       ("tg:11", "opened_next_steps"), ("tg:20", "opened_report")):
        await store.save(user, Write(events=[(kind, None)]), update_id=None)
    await store.close()
    stats = figures(path)
    assert column(stats.by_campaign, "next_steps") == {"fb2026": 2}
    assert column(stats.by_campaign, "report") == {"expo": 1}
    assert column(stats.by_language, "next_steps") == {"zh-hant": 2}


async def test_weeks_follow_the_days_things_happened(tmp_path: Path) -> None:
    path = tmp_path / "db"
    clock = [datetime.now(UTC) - timedelta(days=15)]
    with store_clock(clock):
        service = await people(path, Visitor("tg:1", "", "en", MEETS),
                               Visitor("tg:2", "", "en", MEETS[:2]))
        clock[0] = datetime.now(UTC)
        await chat(service, Visitor("tg:3", "", "en", BELOW))
    await close(service)
    stats = figures(path, Period(TODAY - timedelta(days=27), TODAY))
    assert len(stats.weeks) in (4, 5)
    earlier = [w for w in stats.weeks if w.start <= TODAY - timedelta(days=15)]
    assert sum(w.started for w in earlier) == 2 and sum(w.completed for w in earlier) == 1
    assert sum(w.new_users for w in stats.weeks) == 3
    assert sum(w.completed for w in stats.weeks) == 2


@pytest.mark.parametrize(("counts", "hidden"), [
    ({"a": 3, "b": 10, "c": 20}, {"a", "b"}),        # a lone hidden count takes another along
    ({"a": 3, "b": 2, "c": 20}, {"a", "b"}),         # two hidden already: enough
    ({"a": 0, "b": 7}, {"a", "b"}),                  # zero is a small count too
    ({"a": 12}, set()), ({"a": 4}, {"a"}), ({"a": 5, "b": 6}, set())])
def test_small_counts_and_their_complements_are_hidden(counts: dict[str, int],
                                                       hidden: set[str]) -> None:
    assert {k for k, v in protect(counts).items() if v is None} == hidden


def test_every_output_hides_the_same_cells() -> None:
    """One campaign with 3 results beside ones with 6 and 7: the 3 and the 6 are hidden in
    the text, the JSON and the HTML alike; so is the week's count when alone."""
    funnels = {"a": Funnel(started=9, completed=3), "b": Funnel(started=9, completed=6),
               "c": Funnel(started=9, completed=7)}
    total = Funnel(started=27, completed=16)
    stats = Stats(LAST_WEEK, total, funnels, {"en": total}, {}, {}, {}, {"age": 2},
                  (Week(LAST_WEEK.start, 0, 27, 16),), {"sent": 1, "cancelled": 0,
                                                        "blocked": 0, "uncertain": 2})
    shown = publish(stats)
    assert {k: v["completed"] for k, v in shown.by_campaign.items()} == {
        "a": None, "b": None, "c": 7}
    data = shown.to_json()
    assert [data["by_campaign"][k]["completed"] for k in "abc"] == [HIDDEN, HIDDEN, 7]
    text = render_stats(shown, Translator.for_code("en"), Plain())
    assert "Completed by campaign: c: 7, a: < 5, b: < 5" in text
    assert "age: < 5" in text and "Reminders sent: < 5" in text
    assert "Reminders whose delivery is unknown" in text and "never resent): < 5." in text
    page = stats_report_html(shown, QMAS)
    assert ">6<" not in page and ">3<" not in page and ">7<" in page


def test_text_lists_only_criteria_that_someone_missed(seeded: Path) -> None:
    text = render_stats(publish(figures(seeded)), Translator.for_code("en"), Plain())
    assert "Criteria most often not met (criterion: times): 10: 12, 11: 12, 12: 12, 1: 5" in text


def test_figures_use_indexes_and_the_export_streams(seeded: Path) -> None:
    """No query reads a whole table (they aggregate over indexes or the day tallies), and
    the export needs no sort in memory: rows come in the index's order as they are read."""
    plans: list[str] = []
    with reading(seeded) as db:
        original = db.execute

        class Recording:
            def execute(self, sql: str, params: tuple[object, ...] = ()) -> sqlite3.Cursor:
                plans.extend(row[3] for row in original(f"EXPLAIN QUERY PLAN {sql}", params))
                return original(sql, params)

        read_statistics(Recording(), LAST_WEEK)          # type: ignore[arg-type]
        figures_plans = plans[:]
        write_csv(Recording(), LAST_WEEK, io.StringIO())   # type: ignore[arg-type]
    export_plans = plans[len(figures_plans):]
    scans = [p for p in plans if p.startswith("SCAN") and "subquery" not in p]
    assert scans == [], plans
    assert export_plans == ["SEARCH assessments USING INDEX assessments_created "
                            "(created_at>? AND created_at<?)"]


@pytest.mark.parametrize(("argument", "days"), [
    ("", 30), ("7", 7), (" 14 ", 14), ("3660", 3660), ("abc", None), ("0", None), ("-3", None),
    ("3661", None), ("7.5", None), ("٣", None)])
def test_stats_days_argument(argument: str, days: int | None) -> None:
    """`/stats abc` and `/stats 0` are refused (with a usage line), never read as 30."""
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
    """A mistyped path says so (exit 2) and no empty database appears."""
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
    """`-o` into a missing directory: one line, exit 2, no traceback."""
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
    assert {r["outcome"] for r in rows} >= {"nationality_excluded", "meets_threshold"}
    assert "tg:" not in target.read_text(encoding="utf-8")


def test_cli_json_holds_the_published_cells(seeded: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run_cli(["stats", "--format", "json"], seeded, capsys, monkeypatch)
    data = json.loads(out)
    assert code == 0 and data["total"]["started"] == 17 and data["total"]["finished"] == 12
    assert data["total"]["not_applicable"] == HIDDEN
    assert data["by_campaign"]["fb2026"]["meeting"] == 5
    assert data["weeks"][-1]["completed"] in (12, HIDDEN)


async def test_the_backfill_gives_the_figures_kept_while_writing(tmp_path: Path) -> None:
    """A crowd written with the bookkeeping of v10 and later (some of them deleted), then taken
    back to v9 and migrated again."""
    path = tmp_path / "crowd.sqlite3"
    store = await Store.open(path)
    await seed_crowd(store, 300, year_ending(datetime.now(UTC)), 365, random.Random(3))
    for n in range(0, 300, 7):
        await store.delete_user(f"crowd:{n}", update_id=None)
    await store.close()
    year = Period(TODAY - timedelta(days=364), TODAY + timedelta(days=1))
    kept = figures(path, year)
    db = sqlite3.connect(path)
    db.executescript(
        "DROP TABLE result_counts; DROP TABLE criteria_counts; "
        "DROP INDEX events_opened; DROP TABLE daily_counts; "
        "ALTER TABLE events DROP COLUMN channel; "
        "DROP INDEX questionnaires_waiting; DROP TABLE feedback; "
        "ALTER TABLE reminder_optins DROP COLUMN birth_month_asked; "
        + "".join(f"ALTER TABLE assessments DROP COLUMN {c}; "
                  for c in ("repeat", "superseded_at", "missed", "unsettled"))
        + "PRAGMA user_version = 9;")
    db.close()
    await migrate(path)
    again = figures(path, year)
    assert (again.outcomes, again.missed, again.unsettled, again.drop_off) == (
        kept.outcomes, kept.missed, kept.unsettled, kept.drop_off)
    for funnels in ("by_campaign", "by_language"):
        assert {k: (f.finished, f.meeting) for k, f in getattr(again, funnels).items()} == {
            k: (f.finished, f.meeting) for k, f in getattr(kept, funnels).items()}
    assert again.total.started == kept.total.started == 300      # events outlive /delete
    assert again.total.new_users == kept.total.new_users - 43    # what a backfill cannot know
    assert kept.total.finished > 100
