"""Reminders and rule-change notices, with an injected day and a real SQLite file."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.chat import reminders
from bot.chat.callbacks import decode
from bot.chat.messages import Response
from bot.chat.service import ChatService
from bot.chat.turn import Caller, Deps, Turn, load_turn
from bot.common.markup import Plain
from bot.i18n.bidi import strip_controls
from bot.i18n.languages import LANGUAGES
from bot.i18n.text import t
from bot.i18n.translator import Translator
from bot.reminders import sender
from bot.reminders import store as db
from bot.reminders.buttons import CancelReminder
from bot.reminders.messages import HELP_LINE, LIST, PRIVACY, STOP, Message, time_reminder
from bot.reminders.optins import OptIns
from bot.reminders.plan import LEAD_DAYS, BirthMonth, add_months, plan
from bot.rules import ruleset, universities, university_list
from bot.scoring.answers import parse_answers
from bot.stats.figures import statistics
from bot.stats.period import Period
from bot.storage.store import Store
from bot.storage.writes import NewAssessment, Write
from tests.support.assessing import assess_dict
from tests.support.chat_client import ENGINE

DAY = date(2026, 11, 29)
# 5 of 12 criteria met; 4.5 years of graduate work, so criterion 6 and the threshold are
# reached in six months.
ANSWERS: dict[str, Any] = {
    "nationality": "IN", "age": 30, "financial_support": "yes", "good_character": "yes",
    "professional_standing": "yes", "highest_degree": "master",
    "postgraduate_university": "Harvard University", "postgraduate_stem": "yes",
    "languages": ["en", "hi"], "years_graduate_work": 4.5, "years_renowned_employer": 0,
    "years_target_industry": 0, "years_international": 0,
    "annual_income": {"amount": 100000, "currency": "HKD"}, "business_share_pct": 0,
    "listed_company_share_pct": 0,
}
EVENT = date(2027, 5, 29)                  # six months later
DUE = EVENT - timedelta(days=LEAD_DAYS)


@pytest.fixture(autouse=True)
async def close_stores(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[None]:
    """Close every store a test opened, also when it fails: an open aiosqlite connection's
    thread would keep pytest from exiting."""
    opened: list[Store] = []
    real_open = Store.open.__func__  # type: ignore[attr-defined]

    async def tracking_open(cls: type[Store], path: str | Path) -> Store:
        store: Store = await real_open(cls, path)
        opened.append(store)
        return store

    monkeypatch.setattr(Store, "open", classmethod(tracking_open))
    yield
    for store in opened:
        await store.close()


class Outbox:
    """Records what would reach Telegram; can pretend a user blocked the bot or a failure."""

    def __init__(self, blocked: Sequence[str] = (), failing: int = 0) -> None:
        self.sent: list[tuple[str, str, list[tuple[str, str]]]] = []
        self.blocked = set(blocked)
        self.failing = failing

    async def __call__(self, user_key: str, text: str, buttons: Sequence[tuple[str, str]]) -> None:
        if user_key in self.blocked:
            raise sender.Blocked(user_key)
        if self.failing:
            self.failing -= 1
            raise sender.NotDelivered("network down")
        self.sent.append((user_key, text, list(buttons)))


async def opted_in(path: Path, user_key: str = "tg:1", answers: dict[str, Any] = ANSWERS,
                   day: date = DAY, language: str = "en") -> Store:
    store = await Store.open(path)
    await store.save(user_key, Write(), update_id=None)
    await OptIns(store).schedule(user_key, answers, day, language, None)
    return store


async def deps_of(store: Store) -> Deps:
    """The chat's dependencies for Telegram (reminders on), on `DAY`."""
    return ChatService(store, ENGINE, Plain(), today=lambda: DAY, reminders=True).deps


async def said(store: Store, user_key: str,
               use_case: Callable[..., Awaitable[Response]], *args: object
               ) -> tuple[list[str], list[tuple[str, str]]]:
    """The lines and buttons a use case of `bot.chat.reminders` shows, in plain English."""
    deps = await deps_of(store)
    turn: Turn = await load_turn(deps, Caller(user_key))
    [shown] = (await use_case(deps, turn, *args)).messages
    return shown.text.splitlines(), [(b.label, b.data) for row in shown.buttons for b in row]


async def run(store: Store, day: date, outbox: Outbox) -> sender.Report:
    return await sender.run(store, day, outbox, pause=0)


def test_plan_finds_the_day_work_meets_criterion_6() -> None:
    events = plan(parse_answers(ANSWERS, DAY), DAY)
    assert [e.day for e in events] == [EVENT]
    labels = [(dict(c.label.params).get("number"), c.before, c.after) for c in events[0].changes]
    assert labels == [(6, "not_met", "met"), (None, "below_threshold", "meets_threshold")]


def test_projected_years_read_as_people_write_them() -> None:
    """4.95 years and one more month are "5 years", not "5.033 years"."""
    events = plan(parse_answers({**ANSWERS, "years_graduate_work": 4.95}, DAY), DAY)
    [why] = [c.why for c in events[0].changes if dict(c.label.params).get("number") == 6]
    assert Translator.for_code("en")(why).startswith("5 years of graduate")


def test_plan_warns_before_criterion_1_is_lost_and_when_ttps_c_closes() -> None:
    older = {**ANSWERS, "age": 50, "years_graduate_work": 7}
    [event] = plan(parse_answers(older, DAY), DAY, BirthMonth(1976, 3))
    assert event.day == date(2027, 3, 1)
    assert [(c.before, c.after) for c in event.changes] == [
        ("met", "not_met"), ("meets_threshold", "below_threshold")]
    graduate = {k: v for k, v in ANSWERS.items() if not k.startswith("postgraduate")}
    graduate.update(highest_degree="bachelor", bachelor_university="University of Oxford",
                    bachelor_year=2022, bachelor_full_time="yes", years_work_last_5=1,
                    years_graduate_work=1)
    days = {e.day: [(c.before, c.after) for c in e.changes]
            for e in plan(parse_answers(graduate, DAY), DAY)}
    # TTPS C counts by year of graduation (ImmD, rev. 01-01-2026): 2022 is too old from 2028.
    assert days[date(2028, 1, 1)] == [("met", "not_met")]
    assert date(2027, 1, 1) not in days


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_no_reminder_line_stacks_colons(language: Any) -> None:
    """A changed criterion is "Criterion 6 — title" and its reason is on the next line, and
    /reminders lists each change under its day, so no line reads "Criterion 6: title: reason"
    ("6번 기준: …: …") or "date: title: …, title: …" in any language."""
    answers = parse_answers({**ANSWERS, "years_target_industry": 2.5}, DAY)
    [event] = plan(answers, DAY)
    assert len(event.changes) == 3                     # criteria 6 and 8, then the result
    tr = Translator(language)
    shown = strip_controls("\n".join([time_reminder(event).render(tr, Plain()),
                                      Message(reminders._what(event)).render(tr, Plain())]))
    stacked = [line for line in shown.splitlines() if len(re.findall("[:：]", line)) > 1]
    assert stacked == []


def test_add_months_keeps_the_day_or_takes_the_months_last() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 11, 29), 14) == date(2028, 1, 29)


async def test_a_reminder_fires_once_on_its_day(tmp_path: Path) -> None:
    store = await opted_in(tmp_path / "db")
    outbox = Outbox()
    assert (await run(store, DUE - timedelta(days=1), outbox)).sent == 0
    assert (await run(store, DUE, outbox)).sent == 1
    assert (await run(store, DUE, outbox)).sent == 0
    assert (await run(store, DUE + timedelta(days=1), outbox)).sent == 0
    [(user, text, buttons)] = outbox.sent
    assert user == "tg:1"
    assert "Reminder: on 29 May 2027, your QMAS pre-screening result changes." in text
    assert "✅ Criterion 6 — At least 5 years of graduate- or specialist-level work" in text
    assert "You meet 6 of the 12 criteria: 6 are needed, so you may apply." in text
    assert buttons == [("My reminders", LIST), ("Stop these", STOP)]


async def test_sending_is_paced_well_under_telegrams_limit(tmp_path: Path) -> None:
    store = await opted_in(tmp_path / "db", "tg:1")
    for n in range(2, 6):
        await store.save(f"tg:{n}", Write(), update_id=None)
        await OptIns(store).schedule(f"tg:{n}", ANSWERS, DAY, "en", None)
    timeline: list[str] = []
    outbox = Outbox()

    async def send(user_key: str, text: str, buttons: Sequence[tuple[str, str]]) -> None:
        timeline.append("send")
        await outbox(user_key, text, buttons)

    async def sleep(seconds: float) -> None:
        timeline.append(f"sleep {seconds}")

    assert (await sender.run(store, DUE, send, sleep=sleep)).sent == 5
    assert timeline == ["send"] + ["sleep 0.1", "send"] * 4      # at most 10 a second
    assert sender.PAUSE == 0.1


async def test_reminder_speaks_the_language_the_user_opted_in_with(tmp_path: Path) -> None:
    store = await opted_in(tmp_path / "db", language="zh-hant")
    outbox = Outbox()
    assert (await run(store, DUE, outbox)).sent == 1
    [(_, text, buttons)] = outbox.sent
    assert text.startswith("<b>提醒：您的優秀人才入境計劃初步評估結果將於2027年5月29日改變。</b>")
    assert "✅ 第6項準則「" in text
    assert [label for label, _ in buttons] == ["我的提醒", "停止這些提醒"]


async def test_reminder_survives_a_restart_and_is_not_sent_again(tmp_path: Path) -> None:
    path = tmp_path / "db"
    await (await opted_in(path)).close()
    outbox = Outbox()
    store = await Store.open(path)
    assert (await run(store, DUE, outbox)).sent == 1
    await store.close()
    store = await Store.open(path)
    assert (await run(store, DUE, outbox)).sent == 0
    assert len(outbox.sent) == 1


async def test_missed_during_downtime_is_sent_once_when_back(tmp_path: Path) -> None:
    path = tmp_path / "db"
    await (await opted_in(path)).close()
    outbox = Outbox(failing=1)
    store = await Store.open(path)      # the bot comes back three weeks after the due day
    back = DUE + timedelta(days=21)
    assert (await run(store, back, outbox)).failed == 1    # a network error: kept for later
    assert (await run(store, back, outbox)).sent == 1
    await store.close()
    store = await Store.open(path)
    assert (await run(store, back + timedelta(days=1), outbox)).sent == 0
    assert len(outbox.sent) == 1
    assert "Reminder: on 29 May 2027" in outbox.sent[0][1]


async def test_blocked_user_gets_nothing_more_and_is_counted(tmp_path: Path) -> None:
    store = await opted_in(tmp_path / "db")
    outbox = Outbox(blocked=["tg:1"])
    assert (await run(store, DUE, outbox)).blocked == 1
    assert await db.pending(store) == []
    assert await db.optins(store) == []
    outbox.blocked.clear()
    assert (await run(store, DUE, outbox)).sent == 0
    counts = (await statistics(store, Period(DAY, date.today() + timedelta(days=1)))).reminders
    assert counts == {"sent": 0, "cancelled": 0, "blocked": 1, "uncertain": 0}


async def test_reminders_lists_and_cancels(tmp_path: Path) -> None:
    store = await opted_in(tmp_path / "db")
    lines, buttons = await said(store, "tg:1", reminders.list_)
    assert lines[0] == f"Your reminders (each is sent {LEAD_DAYS} days before its date):"
    assert lines[1] == "On 29 May 2027:"
    assert lines[2].startswith("✅ Criterion 6 — At least 5 years")
    [(label, data), (_, stop)] = buttons
    assert label == "Cancel the reminder for 29 May 2027"
    pressed = decode(data)
    assert isinstance(pressed, CancelReminder) and stop == STOP
    assert (await said(store, "tg:2", reminders.cancel, pressed.reminder_id))[0] == [
        "That reminder is no longer scheduled."]          # not theirs
    assert (await said(store, "tg:1", reminders.cancel, pressed.reminder_id))[0] == [
        "The reminder for 29 May 2027 has been cancelled."]
    assert (await said(store, "tg:1", reminders.cancel, pressed.reminder_id))[0] == [
        "That reminder is no longer scheduled."]
    assert decode("rem:cancel:x") is None and decode("rem:cancel:1:2") is None   # forged
    assert (await run(store, DUE, Outbox())).sent == 0
    assert (await said(store, "tg:1", reminders.list_))[0][0].startswith("No date is scheduled.")
    counts = (await statistics(store, Period(DAY, date.today() + timedelta(days=1)))).reminders
    assert counts["cancelled"] == 1


async def test_stop_these_deletes_everything_kept_for_reminders(tmp_path: Path) -> None:
    store = await opted_in(tmp_path / "db", answers={**ANSWERS, "age": 50})
    lines, _ = await said(store, "tg:1", reminders.birth_month, "03/1976")
    assert "month and year of birth" not in "\n".join(lines)
    assert (await db.get_optin(store, "tg:1")).birth == BirthMonth(1976, 3)  # type: ignore[union-attr]
    assert (await said(store, "tg:1", reminders.stop))[0][0].startswith("Reminders stopped")
    assert await db.get_optin(store, "tg:1") is None
    assert await reminders.my_data(await deps_of(store), "tg:1") is None
    async with store.reading() as conn:
        assert list(await conn.execute_fetchall("SELECT * FROM reminders")) == []
    assert (await run(store, DUE, Outbox())).sent == 0
    assert (await said(store, "tg:1", reminders.stop))[0][0].startswith(
        "You have not asked for reminders.")


async def test_delete_removes_schedules_and_birth_month(tmp_path: Path) -> None:
    store = await opted_in(tmp_path / "db", answers={**ANSWERS, "age": 50})
    await said(store, "tg:1", reminders.birth_month, "1976-03")
    await store.delete_user("tg:1", update_id=None)
    async with store.reading() as conn:
        for table in ("reminders", "reminder_optins"):
            assert list(await conn.execute_fetchall(f"SELECT * FROM {table}")) == []
    assert (await run(store, DUE, Outbox())).sent == 0


async def test_answers_refused_by_todays_validation_skip_only_that_user(tmp_path: Path) -> None:
    store = await opted_in(tmp_path / "db", "tg:1")
    await store.save("tg:2", Write(), update_id=None)
    await OptIns(store).schedule("tg:2", ANSWERS, DAY, "en", None)
    async with store.reading() as conn:   # e.g. a currency dropped from the rates since
        await conn.execute("UPDATE reminder_optins SET answers = ? WHERE user_key = 'tg:1'",
                           ('{"annual_income": {"amount": 1, "currency": "XXX"}}',))
        await conn.commit()
    outbox = Outbox()
    report = await run(store, DUE, outbox)
    assert (report.sent, report.dropped) == (1, 1)
    assert [user for user, _, _ in outbox.sent] == ["tg:2"]


async def test_purge_keeps_users_until_their_reminder_then_removes_schedules(
        tmp_path: Path) -> None:
    store = await opted_in(tmp_path / "db")
    await store.save("tg:2", Write(), update_id=None)
    await OptIns(store).schedule("tg:2", {**ANSWERS, "years_graduate_work": 9}, DAY, "en", None)
    async with store.reading() as conn:   # both idle for a year
        await conn.execute("UPDATE users SET last_seen = '2025-01-01T00:00:00+00:00'")
        await conn.commit()
    assert await store.purge(timedelta(days=90)) == 1     # tg:2: nothing left to remind
    assert [o.user_key for o in await db.optins(store)] == ["tg:1"]
    outbox = Outbox()
    assert (await run(store, DUE, outbox)).sent == 1
    assert await store.purge(timedelta(days=90)) == 1     # tg:1 once reminded
    async with store.reading() as conn:
        for table in ("reminders", "reminder_optins"):
            assert list(await conn.execute_fetchall(f"SELECT * FROM {table}")) == []


async def test_birth_month_is_asked_only_when_age_matters_and_checked(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "db")
    await store.save("tg:1", Write(), update_id=None)
    young = await OptIns(store).schedule("tg:1", ANSWERS, DAY, "en", None)
    assert not young.ask_birth_month
    old = await OptIns(store).schedule("tg:1", {**ANSWERS, "age": 50}, DAY, "en", None)
    assert old.ask_birth_month
    for bad in ("soon", "13/1976", "", "03/19760"):
        lines, _ = await said(store, "tg:1", reminders.birth_month, bad)
        assert lines[0].startswith("Please send your month and year")
    mismatch, _ = await said(store, "tg:1", reminders.birth_month, "03/1990")
    assert mismatch[0].startswith("That does not match the age you gave (50).")
    assert (await store.load("tg:1"))[0].asked_birth_month     # still waiting for it
    done, _ = await said(store, "tg:1", reminders.birth_month, "٠٣/١٩٧٦")  # Arabic-Indic digits
    assert "On 1 March 2027:\n❌ Criterion 1 — Aged 50 or below" in "\n".join(done)
    assert not (await store.load("tg:1"))[0].asked_birth_month
    data = await reminders.my_data(await deps_of(store), "tg:1")
    assert data == {"birth_month": "1976-03", "answers_as_of": "2026-11-29", "scheduled": [
        {"date": "2027-03-01", "sent_on": "2027-02-22", "kind": "time"},
        {"date": "2027-05-29", "sent_on": "2027-05-22", "kind": "time"}]}


def deploy_rules(monkeypatch: pytest.MonkeyPatch, effective: date) -> None:
    """Deploy a rule set lowering the threshold to 5 from `effective` (a new [[ruleset]])."""
    lower = dataclasses.replace(ruleset.all_rulesets()[-1], effective=effective, threshold=5)
    rulesets = (*ruleset.all_rulesets(), lower)
    monkeypatch.setattr(ruleset, "all_rulesets", lambda: rulesets)


async def three_users(path: Path) -> Store:
    """tg:5 meets 5 criteria, tg:6 meets 6 (both opted in), tg:7 meets 5 but did not opt in."""
    store = await opted_in(path, "tg:5")
    await store.save("tg:6", Write(), update_id=None)
    await OptIns(store).schedule("tg:6", {**ANSWERS, "years_graduate_work": 7}, DAY, "fr", None)
    await store.save("tg:7", Write(), update_id=None)
    await store.save("tg:7", Write(assessment=NewAssessment(ANSWERS, assess_dict(ANSWERS, DAY),
                                                            "en")), update_id=None)
    return store


async def test_rules_deployed_on_the_day_notify_exactly_the_users_whose_result_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = await three_users(tmp_path / "db")
    effective = date(2027, 2, 1)
    outbox = Outbox()
    assert (await run(store, effective - timedelta(days=1), outbox)).sent == 0
    deploy_rules(monkeypatch, effective)           # deployed mid-day, on the day
    assert [p.optin.user_key for p in await sender.due(store, effective)] == ["tg:5"]
    assert (await run(store, effective, outbox)).sent == 1
    assert (await run(store, effective, outbox)).sent == 0
    assert (await run(store, effective + timedelta(days=1), outbox)).sent == 0
    [(user, text, buttons)] = outbox.sent
    assert user == "tg:5"
    assert "New ImmD rules for QMAS take effect on 1 February 2027." in text
    assert "➡️ You meet 5 of the 12 criteria: 5 are needed, so you may apply." in text
    assert [label for label, _ in buttons] == ["My reminders", "Stop these"]
    assert await sender.due(store, effective + timedelta(days=1)) == []


async def test_rules_deployed_ahead_are_reminded_before_the_day_not_noticed_after(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = await three_users(tmp_path / "db")
    effective = date(2027, 2, 1)
    deploy_rules(monkeypatch, effective)           # deployed on 10 January, ahead of the day
    outbox = Outbox()
    assert (await run(store, date(2027, 1, 10), outbox)).sent == 0    # planned again
    assert (await run(store, effective - timedelta(days=7), outbox)).sent == 1
    assert (await run(store, effective, outbox)).sent == 0            # no second notice
    [(user, text, _)] = outbox.sent
    assert user == "tg:5"
    assert text.startswith("<b>Reminder: on 1 February 2027, your QMAS pre-screening result")
    assert "New ImmD rules for QMAS take effect on 1 February 2027." in text


_LIST_CACHES = (university_list.all_institutions, university_list.institutions_in_force,
                university_list._version_dates, universities._index, universities.match_university)


@pytest.fixture(autouse=True)
def fresh_list_caches() -> Iterator[None]:
    """A test that deploys a list leaves no trace of it in the matcher's caches."""
    yield
    for cache in _LIST_CACHES:
        cache.cache_clear()


def deploy_list(monkeypatch: pytest.MonkeyPatch) -> date:
    """Deploy ImmD's 2027 list, which adds an institution (one more line in the data file)."""
    effective = date(2027, 1, 1)
    real = university_list.read_data
    added = f"\nReminder Institute of Technology | Testland | test | {effective} |\n"

    def read(filename: str) -> str:
        return real(filename) + (added if filename == university_list._LIST_FILE else "")

    monkeypatch.setattr(university_list, "read_data", read)
    for cache in _LIST_CACHES:
        cache.cache_clear()
    return effective


async def test_a_new_list_version_notifies_who_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = await Store.open(tmp_path / "db")
    for key, university in (("tg:8", "Reminder Institute of Technology"),
                            ("tg:9", "Harvard University")):
        await store.save(key, Write(), update_id=None)
        await OptIns(store).schedule(key, {**ANSWERS, "postgraduate_university": university},
                                     DAY, "en", None)
    effective = deploy_list(monkeypatch)
    day = effective + timedelta(days=4)             # deployed a few days late
    outbox = Outbox()
    assert (await run(store, day, outbox)).sent == 1
    assert (await run(store, day + timedelta(days=1), outbox)).sent == 0
    [(user, text, _)] = outbox.sent
    assert user == "tg:8"
    assert "A new ImmD list of eligible universities takes effect on 1 January 2027." in text
    assert ("✅ Criterion 2 — Master's or doctoral degree from an eligible university\n“Reminder "
            "Institute of Technology” is on the eligible list in force on 5 January 2027.") in text


@pytest.mark.parametrize("code", [language.code for language in LANGUAGES])
def test_privacy_text_names_the_stop_button_and_commands_in_every_language(code: str) -> None:
    from bot.i18n.translator import Translator
    tr = Translator.for_code(code)

    def shown(value: object) -> str:   # without the marks that order right-to-left text
        return "".join(c for c in tr(value) if c not in "\u200f\u2066\u2067\u2068\u2069")

    text = shown(PRIVACY)
    assert shown(t("Stop these")) in text
    assert "/reminders" in text and "/delete" in text
    assert shown(HELP_LINE).startswith("/reminders")
