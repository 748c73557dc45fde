"""Projections age the applicant: plans, reminders and the quickest way never outlive criterion 1,
work not done now is not "kept doing", and a TTPS C window about to close is said with its date."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bot.common.markup import Plain
from bot.i18n.bidi import strip_controls
from bot.i18n.text import Duration, t
from bot.i18n.translator import Translator
from bot.reminders.plan import BirthMonth, plan, worst_age
from bot.report.text import summary
from bot.scoring.answers import parse_answers
from bot.scoring.assess import assess
from bot.scoring.facts import Facts
from bot.scoring.model import ChangeKind, Outcome, Status
from bot.scoring.whatif import _candidates  # the full list a plan is chosen from
from tests.support.chat_client import conversation
from tests.test_conversation import BELOW, TODAY, answer

DAY = date(2026, 12, 6)
EN = Translator.for_code("en")
WARNING = ("You are {age}: criterion 1 stops being met when you turn {next}, perhaps within "
           "{duration}, so changes that take longer are left out.")
# Five criteria met (1, 2, 3, 4, 5); criterion 6 needs 2 more years of graduate work.
FIVE: dict[str, Any] = {
    "nationality": "IN", "age": 40, "financial_support": "yes", "good_character": "yes",
    "highest_degree": "master", "postgraduate_university": "Harvard University",
    "postgraduate_stem": "yes", "languages": ["en", "hi"], "years_graduate_work": 3,
    "years_renowned_employer": 0, "years_target_industry": 0, "years_international": 0,
    "annual_income": {"amount": 100000, "currency": "HKD"}, "business_share_pct": 0,
    "listed_company_share_pct": 0,
}


def _what_if(answers: dict[str, Any], day: date = DAY) -> tuple[list[str], list[str], list[str]]:
    a = assess(parse_answers(answers, day), day)
    w = a.what_if
    return ([EN(s.text) for s in w.plan], [EN(s.text) for s in w.further],
            [EN(x) for x in w.warnings])


def test_a_24_month_wait_is_offered_at_40_but_not_at_49_or_50() -> None:
    wait = "Criterion 6 will be met in about 2 years"
    plan40, _, warnings40 = _what_if(FIVE)
    assert any(s.startswith(wait) for s in plan40) and warnings40 == []
    plan49, _, warnings49 = _what_if({**FIVE, "age": 49})
    assert not any(s.startswith(wait) for s in plan49)
    assert warnings49 == [EN(t(WARNING, age=49, next=51, duration=Duration.of_months(12)))]
    plan50, _, warnings50 = _what_if({**FIVE, "age": 50, "years_graduate_work": 4.2})
    assert not any("months" in s for s in plan50)    # 10 months would already be too late
    # below the threshold, "apply before then" would contradict "do not apply yet"
    assert warnings50 == [EN(t("You are {age}: criterion 1 stops being met when you turn {next}.",
                               age=50, next=51))]


def test_at_50_with_the_threshold_reached_the_warning_says_to_apply_before_51() -> None:
    six = {**FIVE, "age": 50, "years_graduate_work": 5, "years_international": 1}
    _, _, warnings = _what_if(six)
    assert warnings == [EN(t("You are {age}: criterion 1 stops being met when you turn {next}, "
                             "so apply before then.", age=50, next=51))]


def test_a_plan_within_the_years_criterion_1_lasts_is_kept() -> None:
    plan48, _, warnings = _what_if({**FIVE, "age": 48})     # 24 months: 50 at worst
    assert any(s.startswith("Criterion 6 will be met in about 2 years") for s in plan48)
    # 3 years of work abroad are not offered:
    assert warnings == [EN(t(WARNING, age=48, next=51, duration=Duration.of_months(24)))]


def test_further_criteria_above_the_threshold_do_not_outlive_criterion_1() -> None:
    six = {**FIVE, "years_graduate_work": 5, "years_international": 1}
    _, further40, _ = _what_if(six)
    assert any(s.startswith("Criterion 9 will be met in about 1 year,") for s in further40)
    _, further50, _ = _what_if({**six, "age": 50})
    assert not any(s.startswith("Criterion 9 will be met") for s in further50)


def test_work_not_done_now_is_not_offered_as_keep_doing() -> None:
    a = assess(parse_answers(FIVE, DAY), DAY)
    by_number = {c.number: c for c in a.criteria if c.number is not None}
    facts = Facts.of(parse_answers(FIVE, DAY), DAY, a.rules)
    texts = {s.criteria: (s.kind, EN(s.text)) for s in _candidates(by_number, facts)}
    for number, need in ((7, 3), (8, 3), (9, 2)):
        kind, text = texts[(number,)]
        assert kind is ChangeKind.EFFORT and "keep doing" not in text
        assert text == EN(t("Criterion {number} needs {need} years of qualifying work and you "
                            "have none so far: it would be met {duration} after you start such "
                            "work.",
                            number=number, need=need, duration=Duration.of_months(12 * need)))
    kind, text = texts[(6,)]
    assert kind is ChangeKind.TIME and "keep doing" in text   # 3 years so far: time alone
    arabic = Translator.for_code("ar")
    said = {s.criteria: strip_controls(arabic(s.text)) for s in _candidates(by_number, facts)}
    assert "بعد مدة قدرها 3 سنوات من" in said[(7,)] and "بعد مدة قدرها سنتان من" in said[(9,)]


def test_ttps_c_closing_within_3_months_is_said_with_its_date() -> None:
    graduate = {k: v for k, v in FIVE.items() if not k.startswith("postgraduate")}
    graduate.update(age=26, highest_degree="bachelor", bachelor_university="University of Oxford",
                    bachelor_year=2021, bachelor_full_time="yes", years_work_last_5=1,
                    years_graduate_work=1)
    closing = EN(t("Top Talent Pass Scheme category C: your degree counts only until {date}; "
                   "apply by then.", date=date(2026, 12, 31)))
    assert closing in _what_if(graduate)[2]
    assert closing in _what_if(graduate, date(2026, 10, 1))[2]
    assert closing not in _what_if(graduate, date(2026, 9, 30))[2]   # more than 3 months away
    assert not any("category C" in w for w in _what_if({**graduate, "bachelor_year": 2022})[2])


def test_worst_age_without_a_birth_month() -> None:
    assert worst_age(50, DAY, DAY) == 50
    assert worst_age(50, DAY, DAY + timedelta(days=1)) == 51          # a birthday tomorrow
    assert worst_age(50, DAY, date(2027, 12, 6)) == 51
    assert worst_age(50, DAY, date(2027, 12, 7)) == 52
    assert worst_age(17, DAY, date(2027, 12, 5)) == 17                 # under 18: the latest
    assert worst_age(17, DAY, date(2027, 12, 6)) == 18


def test_reminders_without_a_birth_month_age_the_applicant() -> None:
    older = {**FIVE, "age": 50, "years_graduate_work": 7}
    [first, *_] = plan(parse_answers(older, DAY), DAY)
    assert first.day == DAY + timedelta(days=1)
    assert [(c.before, c.after) for c in first.changes] == [
        ("met", "not_met"), ("meets_threshold", "below_threshold")]
    # A 49-year-old whose threshold comes with time is never told "you may apply" past 50.
    for event in plan(parse_answers({**FIVE, "age": 49}, DAY), DAY):
        if event.result.outcome is Outcome.MEETS_THRESHOLD:
            assert worst_age(49, DAY, event.day) <= 50
        assert event.result.criteria[0].status is (
            Status.MET if worst_age(49, DAY, event.day) <= 50 else Status.NOT_MET)


def test_a_birth_month_replaces_the_worst_case() -> None:
    older = {**FIVE, "age": 50, "years_graduate_work": 7}
    [event] = plan(parse_answers(older, DAY), DAY, BirthMonth(1976, 3))
    assert event.day == date(2027, 3, 1)


async def test_a_49_year_old_is_not_offered_a_plan_that_outlives_criterion_1(
        tmp_path: Path) -> None:
    replies = [BELOW[0], "49", *BELOW[2:]]
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as chat:
        user = chat.user(1, tag="en")
        await user.send("/start en")
        for reply in replies:
            await answer(user, reply)
        shown = user.messages[-2]                   # above "was it useful?"
        assert "💡" in shown.text
        assert "met in about 2 years" not in shown.text
        await user.press("What would change the result")
        text = shown.text
    assert "The quickest way" in text
    assert "met in about 2 years" not in text and "met 3 years after" not in text
    assert ("You are 49: criterion 1 stops being met when you turn 51, perhaps within 1 year, "
            "so changes that take longer are left out.") in text


def test_the_quickest_way_lists_the_soonest_change_first() -> None:
    """The most useful change is the soonest of equal cost, not the lowest criterion number."""
    answers = {**FIVE, "languages": ["hi"], "years_graduate_work": 4,
               "years_renowned_employer": 1.5, "years_international": 1.5}
    plan, _, _ = _what_if(answers)
    assert [s.split(" will be met")[0] for s in plan] == ["Criterion 9", "Criterion 6",
                                                          "Criterion 7"]


def test_the_summary_says_what_time_is_about_to_take_away() -> None:
    graduate = {k: v for k, v in FIVE.items() if not k.startswith("postgraduate")}
    graduate.update(age=26, highest_degree="bachelor", bachelor_university="University of Oxford",
                    bachelor_year=2021, bachelor_full_time="yes", years_work_last_5=1,
                    years_graduate_work=1)
    shown = summary(assess(parse_answers(graduate, DAY), DAY), EN, Plain())
    assert ("⚠️ Top Talent Pass Scheme category C: your degree counts only until 31 December "
            "2026; apply by then.") in shown
    older = summary(assess(parse_answers({**FIVE, "age": 50}, DAY), DAY), EN, Plain())
    assert "⚠️ You are 50: criterion 1 stops being met when you turn 51" in older
