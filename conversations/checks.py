"""Second looks at answers that are valid but unlikely (an age under 18, more work than
years since 15, a degree at 12): the questionnaire asks "is that right?" instead of storing a
slip, and refuses a part of the work larger than its total."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from bot.common.money import Money
from bot.engine.options import Answers
from bot.i18n.text import Capitalized, Duration, Text, profit, t, tn
from bot.rules.currency import load_rates
from bot.scoring.answers import WORK_TOTAL, work_parts_exceeding


def _number(value: object) -> Decimal | None:
    return Decimal(str(value)) if isinstance(value, int | float) else None


def odd_age(value: object, _answers: Answers, _day: date) -> Text | None:
    age = _number(value)
    if age is not None and age < 18:
        return tn("Will you really be {n} year old when you apply? Applicants must be 18 or "
                  "older: if you are younger, you can check again once you are 18.",
                  "Will you really be {n} years old when you apply? Applicants must be 18 or "
                  "older: if you are younger, you can check again once you are 18.", int(age))
    if age is not None and age >= 70:   # "95" may be a birth year (Korean 95년생): asked
        return tn("Will you really be {n} year old when you apply?",
                  "Will you really be {n} years old when you apply?", int(age))
    return None


def odd_work_years(value: object, answers: Answers, _day: date) -> Text | None:
    """More years of work than the years since the age of 15: possible only by a typo."""
    years, age = _number(value), _number(answers.get("age"))
    if years is not None and age is not None and years > age - 15:
        return t("{years} of work at the age of {age}: is that right?",
                 years=Duration.of_years(years),
                 age=answers["age"])
    return None


def odd_recent_work(value: object, answers: Answers, _day: date) -> Text | None:
    """More full-time work in the last 5 years than graduate-level work in all: possible (not all
    full-time work is at graduate level), but more often one of the two answers is a slip."""
    years, total = _number(value), _number(answers.get(WORK_TOTAL))
    if years is not None and total is not None and years > total:
        return t("You gave {total} of graduate- or specialist-level work in all, and now "
                 "{years} of full-time work after graduating in the last 5 years. Is {years} "
                 "right? It can be, if some of that work was not at graduate level.",
                 years=Duration.of_years(years), total=Duration.of_years(total))
    return None


def odd_bachelor_year(value: object, answers: Answers, day: date) -> Text | None:
    """A bachelor's degree awarded before the age of 16."""
    year, age = _number(value), _number(answers.get("age"))
    if year is None or age is None or (then := int(age - (day.year - year))) >= 16:
        return None
    if then <= 0:
        return t("Going by your age, {year} was before you were born: is {year} right for your "
                 "bachelor's degree?", year=str(value))
    return t("In {year} you were about {age}: is {year} right for your bachelor's degree?",
             year=str(value), age=then)


def record_not_clean(value: object, answers: Answers, day: date) -> Text | None:
    """A "No" at the record question refuses the application: confirm it, since people with a
    clean record may answer "no" meaning "I have none"."""
    if value != "no":
        return None
    return t("You answered No: you have a criminal record or an adverse immigration record, in "
             "which case the application is refused. Is that right?")


def odd_amount(value: object, answers: Answers, day: date) -> Text | None:
    """An amount over a billion Hong Kong dollars, or under a thousand for a year's income; a
    negative one is said as a loss."""
    if not isinstance(value, dict):
        return None
    money = Money(Decimal(str(value["amount"])), str(value["currency"]))
    rates = load_rates()
    if not rates.supports(money.currency):
        return None
    hkd = abs(rates.to_hkd(money))
    if hkd > 1_000_000_000:
        return t("{amount} is a very large amount. Is that right?",
                 amount=Capitalized(profit(money)))
    if 0 < hkd < 1000:
        return t("{amount} for a whole year is very little. Is that right?",
                 amount=Capitalized(profit(money)))
    return None


def beyond_total(part: str) -> Callable[[object, Answers, date], Text | None]:
    """Refuse a part of the graduate work larger than its total (the contract's check)."""
    def refuse(value: object, answers: Answers, _day: date) -> Text | None:
        if part not in work_parts_exceeding({**answers, part: value}):
            return None
        total = _number(answers[WORK_TOTAL])
        return t("That is more than the {total} of graduate- or specialist-level work you gave "
                 "in total. Please send at most {total}, or change the total.",
                 total=answers[WORK_TOTAL] if total is None else Duration.of_years(total))
    return refuse
