"""When will time alone, or a new rule set, change someone's result? Pure: no I/O, no clock.

Nothing here knows a threshold. Answers are projected to a later day (work keeps accruing, the
applicant gets older when we know their birth month) and assessed with the real scoring under
the rules in force on that day; a day matters when a criterion, a TTPS category or the outcome
comes out differently from the day before.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import NamedTuple

from bot.i18n.text import Text, t
from bot.report.text import headline
from bot.rules import ruleset as rule_data
from bot.rules.ruleset import ruleset_for
from bot.rules.university_list import list_version, list_versions
from bot.scoring.answers import Answers
from bot.scoring.assess import assess
from bot.scoring.dates import add_months
from bot.scoring.model import Assessment, Check

LEAD_DAYS = 7   # how many days before the day a reminder is sent
# How far ahead reminders are planned: beyond any work-years threshold or graduation window in
# the rules, and short enough that a plan stays a few dozen assessments.
HORIZON_YEARS = 6
# Work that keeps accruing with time, like the what-if's: only work the user has some of, since
# 0 years says nothing of doing such work now.
_GROWS_ONCE_STARTED = ("years_graduate_work", "years_renowned_employer", "years_target_industry",
                       "years_international")
_LAST_5 = Decimal(5)  # years_work_last_5 counts a five-year window, so it stops at 5
# Projected years are shown to people, who read "5.1 years", not "5.083": rounded down to a tenth,
# which never turns a threshold of whole or tenth years from unmet to met.
_TENTH = Decimal("0.1")


class BirthMonth(NamedTuple):
    """Year and month of birth: asked only for the reminder before criterion 1 is lost."""

    year: int
    month: int

    def age_on(self, day: date) -> int:
        """Age on `day`, counting the birthday as the 1st of the month (the earliest it can be)."""
        return day.year - self.year - (1 if day.month < self.month else 0)

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def from_iso(cls, text: str) -> BirthMonth:
        year, month = text.split("-")
        return cls(int(year), int(month))


class Change(NamedTuple):
    """One part of the result that comes out differently; `why` is the new explanation."""

    label: Text
    before: str
    after: str
    why: Text
    is_outcome: bool = False


@dataclasses.dataclass(frozen=True)
class TimeEvent:
    """A day on which the result changes by time alone, and the result from that day."""

    day: date
    changes: tuple[Change, ...]
    result: Assessment


@dataclasses.dataclass(frozen=True)
class RuleChange:
    """What a new rule set or list version changes for one set of answers."""

    day: date
    took_effect: tuple[Text, ...]
    changes: tuple[Change, ...]
    result: Assessment


def _months_between(start: date, day: date) -> int:
    months = (day.year - start.year) * 12 + day.month - start.month
    return months - 1 if day.day < start.day and months > 0 else max(months, 0)


def worst_age(age: int, start: date, day: date) -> int:
    """The age on `day` of someone `age` on `start` whose birth month we do not know, taken at
    its worst: under the minimum age the birthday was just past, otherwise it is tomorrow (so
    criterion 1's limit is never assumed to hold longer than it may)."""
    if day <= start:
        return age
    if age < ruleset_for(start).minimum_age:
        return age + _months_between(start, day) // 12
    return age + 1 + _months_between(start + timedelta(days=1), day) // 12


def _readable(have: Decimal, grown: Decimal) -> Decimal:
    """Years of work after `grown` more years, as people read them (see _TENTH)."""
    return have if not grown else (have + grown).quantize(_TENTH, rounding=ROUND_DOWN)


def project(answers: Answers, start: date, day: date, birth: BirthMonth | None) -> Answers:
    """The answers as they would be on `day`, if the user keeps working as on `start`."""
    grown = Decimal(_months_between(start, day)) / 12
    changes: dict[str, object] = {}
    for name in _GROWS_ONCE_STARTED:
        have: Decimal | None = getattr(answers, name)
        if have is not None and have > 0:
            changes[name] = _readable(have, grown)
    last_5 = answers.years_work_last_5
    if last_5 is not None and last_5 > 0:
        changes["years_work_last_5"] = min(_LAST_5, _readable(last_5, grown))
    if birth is not None:
        changes["age"] = birth.age_on(day)
    elif answers.age is not None:
        changes["age"] = worst_age(answers.age, start, day)
    return dataclasses.replace(answers, **changes)  # type: ignore[arg-type]


def _check_changes(before: tuple[Check, ...], after: tuple[Check, ...]) -> list[Change]:
    out = []
    for old, new in zip(before, after, strict=True):
        if old.status is not new.status:
            # A dash, not a colon: the line may follow "{date}:", and some titles hold one.
            label = (t("Criterion {number} — {title}", number=new.number, title=new.title)
                     if new.number is not None else new.title)
            out.append(Change(label, old.status.value, new.status.value, new.finding.explanation))
    return out


def diff(before: Assessment, after: Assessment, alternatives: bool = True) -> tuple[Change, ...]:
    """The criteria (and TTPS categories) whose status differs, then the outcome if it does."""
    changes = _check_changes(before.criteria, after.criteria)
    if alternatives:
        changes += _check_changes(before.alternatives, after.alternatives)
    if before.outcome is not after.outcome:
        changes.append(Change(t("Your result"), before.outcome.value, after.outcome.value,
                              headline(after), is_outcome=True))
    return tuple(changes)


def known_versions() -> frozenset[date]:
    """Effective dates of every rule set and list version in the data, future ones too: a
    plan made now already reminds of those, so they need no rule-change notice later."""
    return frozenset({r.effective for r in rule_data.all_rulesets()} | set(list_versions()))


def due_day(event: date, today: date, lead_days: int = LEAD_DAYS) -> date:
    """`lead_days` before the day, but never before tomorrow: today the user saw the result."""
    return max(event - timedelta(days=lead_days), today + timedelta(days=1))


def _sample_days(start: date, birth: BirthMonth | None) -> list[date]:
    """Each month from `start`, every 1 January (graduation windows turn over then), the days
    new rules or list versions take effect, and each first of the birth month or, without it,
    each day the worst-case birthday falls on (the day after `start`, every year)."""
    end = add_months(start, 12 * HORIZON_YEARS)
    days = {add_months(start, m) for m in range(1, 12 * HORIZON_YEARS + 1)} | known_versions()
    tomorrow = start + timedelta(days=1)
    for year in range(start.year, end.year + 1):
        days.add(date(year, 1, 1))
        days.add(date(year, birth.month, 1) if birth is not None
                 else add_months(tomorrow, 12 * (year - start.year)))
    return sorted(d for d in days if start < d <= end)


def plan(answers: Answers, start: date, birth: BirthMonth | None = None) -> tuple[TimeEvent, ...]:
    """Every day within the horizon on which the result changes, with what changes then."""
    previous = assess(project(answers, start, start, birth), start)
    events = []
    for day in _sample_days(start, birth):
        current = assess(project(answers, start, day, birth), day)
        changes = diff(previous, current)
        if changes:
            events.append(TimeEvent(day, changes, current))
        previous = current
    return tuple(events)


def birthday_matters(answers: Answers, day: date, birth: BirthMonth | None) -> bool:
    """Whether getting older would change criterion 1 within the horizon while the birth month
    is unknown (so asking for it is worth it); the rules decide, no age limit is written here."""
    if birth is not None or answers.age is None:
        return False
    now = assess(answers, day)
    later = assess(dataclasses.replace(answers, age=answers.age + HORIZON_YEARS), day)
    return now.criteria[0].status is not later.criteria[0].status


def event_on(answers: Answers, start: date, birth: BirthMonth | None,
             day: date) -> TimeEvent | None:
    """Re-check one planned day: what changes on `day` against the day before, if anything."""
    before_day = max(start, day - timedelta(days=1))
    before = assess(project(answers, start, before_day, birth), before_day)
    after = assess(project(answers, start, day, birth), day)
    changes = diff(before, after)
    return TimeEvent(day, changes, after) if changes else None


def version_on(day: date) -> tuple[date, date | None]:
    """The rule set and the university list in force on `day`, by their effective dates."""
    return ruleset_for(day).effective, list_version(day)


def took_effect(old_day: date, new_day: date) -> tuple[Text, ...]:
    """Which of the rules and the university list differ between the two days."""
    old, new = version_on(old_day), version_on(new_day)
    lines = []
    if old[0] != new[0]:
        lines.append(t("New ImmD rules for QMAS take effect on {date}.", date=new[0]))
    if old[1] != new[1] and new[1] is not None:
        lines.append(t("A new ImmD list of eligible universities takes effect on {date}.",
                       date=new[1]))
    return tuple(lines)


def needs_notice(rules_day: date, day: date, known: frozenset[date]) -> bool:
    """Whether the rules or list in force on `day` differ from those of `rules_day` and were
    not in the data when the user's reminders were planned (those were reminded of already)."""
    old, new = version_on(rules_day), version_on(day)
    return old != new and not {v for v in new if v is not None} <= known


def rule_change(answers: Answers, start: date, birth: BirthMonth | None, rules_day: date,
                day: date) -> RuleChange | None:
    """What the rules in force on `day` change against those of `rules_day`, for the same
    answers (projected to `day`, so that time is not mistaken for a rule change); None when
    the same rules and list are in force on both days."""
    old, new = version_on(rules_day), version_on(day)
    if old == new:
        return None
    answers_then = project(answers, start, day, birth)
    before, after = assess(answers_then, rules_day), assess(answers_then, day)
    return RuleChange(day, took_effect(rules_day, day), diff(before, after, alternatives=False),
                      after)
