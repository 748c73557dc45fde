"""What would reach the threshold: the cheapest set of changes, time before effort before degrees.

Each candidate change meets one or more unmet criteria at a cost (settling an unknown costs
nothing, waiting costs little, a new degree or capital a lot). We pick the set of changes with the
lowest total cost that meets enough criteria, then the fewest changes, then the shortest wait.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import combinations

from bot.i18n.text import AfterColon, Duration, Text, t
from bot.scoring.alternatives import ttps_c_last_day
from bot.scoring.criteria import months_to_reach
from bot.scoring.dates import add_months
from bot.scoring.facts import Facts
from bot.scoring.model import ChangeKind, Check, Status, Suggestion, WhatIf

COST = {ChangeKind.ANSWER: 0, ChangeKind.TIME: 1, ChangeKind.EFFORT: 3, ChangeKind.DEGREE: 5,
        ChangeKind.CAPITAL: 8}
# A met TTPS category C that lapses this soon is said in the result, with its last day.
CLOSING_MONTHS = 3



def _work_change(number: int, facts: Facts) -> Suggestion | None:
    rules = facts.rules.criteria
    have, need = {
        6: (facts.answers.years_graduate_work, rules.graduate_work_years),
        7: (facts.work_part("years_renowned_employer"), rules.renowned_employer_years),
        8: (facts.work_part("years_target_industry"), rules.target_industry_years),
        9: (facts.work_part("years_international"), rules.international_work_years),
    }[number]
    if have is None:
        return None
    months = months_to_reach(have, need)
    duration = Duration.of_months(months)
    if have == 0:   # no such work now: waiting alone changes nothing
        return Suggestion(ChangeKind.EFFORT, (number,), t(
            "Criterion {number} needs {need} years of qualifying work and you have none so far: "
            "it would be met {duration} after you start such work.", number=number, need=need,
            duration=duration), months, names_criteria=True)
    text = t("Criterion {number} will be met in about {duration}, when you reach {need} years of "
             "qualifying work, if you keep doing it.", number=number, need=need, duration=duration)
    return Suggestion(ChangeKind.TIME, (number,), text, months, names_criteria=True)


def _candidates(criteria: dict[int, Check], facts: Facts) -> list[Suggestion]:
    """Every change that could meet one or more of the criteria not met yet."""
    unmet = {n for n, c in criteria.items() if c.status is not Status.MET}
    out = []
    for n in sorted(unmet):
        check = criteria[n]
        if check.status is Status.UNKNOWN and check.finding.how_to_meet is not None:
            out.append(Suggestion(ChangeKind.ANSWER, (n,), t(
                "Criterion {number} is not settled: {how}", number=n,
                how=AfterColon(check.finding.how_to_meet)), names_criteria=True))
    not_met = {n for n in unmet if criteria[n].status is Status.NOT_MET}
    if 2 in not_met:
        covered = (2, 3) if 3 in not_met else (2,)
        out.append(Suggestion(ChangeKind.DEGREE, covered, t(
            "A master's or doctorate from a university on the eligible list, in a STEM subject "
            "to meet criterion 3 as well."), 12))
    elif 3 in not_met:
        out.append(Suggestion(ChangeKind.DEGREE, (3,), t(
            "A master's or doctorate in a STEM subject from a university on the eligible list."),
            12))
    languages = facts.answers.languages or frozenset()
    if 5 in not_met:
        covered = (4, 5) if 4 in not_met and len(languages) == 1 else (5,)
        out.append(Suggestion(ChangeKind.EFFORT, covered, t(
            "Good written and spoken English.")))
    elif 4 in not_met:
        out.append(Suggestion(ChangeKind.EFFORT, (4,), t(
            "Good written and spoken command of a second language.")))
    for n in (6, 7, 8, 9):
        change = _work_change(n, facts) if n in not_met else None
        if change is not None:
            out.append(change)
    # Income and profit count over the year before applying: a change shows a year later.
    if 10 in not_met:
        out.append(Suggestion(ChangeKind.EFFORT, (10,), criteria[10].finding.how_to_meet
                              or criteria[10].title, 12))
    for n, months in ((11, 12), (12, None)):
        if n in not_met:
            out.append(Suggestion(ChangeKind.CAPITAL, (n,), criteria[n].finding.how_to_meet
                                  or criteria[n].title, months))
    return out


def _lapse(criteria: dict[int, Check], facts: Facts) -> Callable[[int], bool]:
    """Criterion 1, if met now, is lost once the applicant may be past the age limit.

    Without a birth month the worst case counts: the next birthday may be tomorrow, so after
    `months` the applicant may be ceil(months / 12) years older.
    """
    age, limit = facts.answers.age, facts.rules.criteria.max_age
    if age is None or 1 not in criteria or criteria[1].status is not Status.MET:
        return lambda months: False
    return lambda months: age + math.ceil(months / 12) > limit


def _cheapest(candidates: list[Suggestion], needed: int) -> tuple[Suggestion, ...] | None:
    """The cheapest combination meeting `needed` more criteria, or None when none does."""
    best: tuple[tuple[int, int, int], tuple[Suggestion, ...]] | None = None
    by_cost = sorted(COST[c.kind] for c in candidates)
    for size in range(1, len(candidates) + 1):
        if best is not None and sum(by_cost[:size]) > best[0][0]:
            break
        for combo in combinations(candidates, size):
            gained = len({n for s in combo for n in s.criteria})
            if gained < needed:
                continue
            key = (sum(COST[s.kind] for s in combo), size, max(s.months or 0 for s in combo))
            if best is None or key < best[0]:
                best = (key, combo)
    return None if best is None else _soonest_first(best[1])


def _soonest_first(changes: tuple[Suggestion, ...]) -> tuple[Suggestion, ...]:
    """The cheapest change first and, among equals, the one done soonest."""
    return tuple(sorted(changes, key=lambda s: (COST[s.kind], s.months or 0)))


def _further(candidates: list[Suggestion], most: int = 3) -> tuple[Suggestion, ...]:
    """Above the threshold every criterion still counts in the applicant's favour: the cheapest
    changes first, the soonest wait first among equals."""
    return _soonest_first(tuple(candidates))[:most]


def _warnings(facts: Facts, alternatives: tuple[Check, ...], outlived: bool,
              below: bool) -> tuple[Text, ...]:
    """Time also works against the applicant: say when a met criterion or category will lapse;
    "apply before then" only to one `below` the threshold no longer, who may apply now."""
    warnings = []
    age, limit = facts.answers.age, facts.rules.criteria.max_age
    if age is not None and age == limit and below:
        warnings.append(t("You are {age}: criterion 1 stops being met when you turn {next}.",
                          age=age, next=limit + 1))
    elif age is not None and age == limit:
        warnings.append(t("You are {age}: criterion 1 stops being met when you turn {next}, so "
                          "apply before then.", age=age, next=limit + 1))
    elif age is not None and outlived:
        warnings.append(t("You are {age}: criterion 1 stops being met when you turn {next}, "
                          "perhaps within {duration}, so changes that take longer are left out.",
                          age=age, next=limit + 1, duration=Duration.of_months(12 * (limit - age))))
    last_day = ttps_c_last_day(facts)
    ttps_c = [c for c in alternatives if c.id == "ttps-c" and c.status is Status.MET]
    if last_day is not None and ttps_c and last_day < add_months(facts.day, CLOSING_MONTHS):
        warnings.append(t("Top Talent Pass Scheme category C: your degree counts only until "
                          "{date}; apply by then.", date=last_day))
    return tuple(warnings)


def what_if(criteria: tuple[Check, ...], facts: Facts, gate: Text | None = None,
            alternatives: tuple[Check, ...] = ()) -> WhatIf:
    """The plan that reaches the threshold at the lowest cost (empty when already reached).

    When a `gate` (nationality, a prerequisite, residence) decides the outcome, no criterion
    can change it: the what-if says so instead of proposing a plan.
    """
    met = sum(c.status is Status.MET for c in criteria)
    needed = max(0, facts.rules.threshold - met)
    if gate is not None:
        return WhatIf(needed, (), False, (), gate)
    by_number = {c.number: c for c in criteria if c.number is not None}
    lapse = _lapse(by_number, facts)
    candidates = _candidates(by_number, facts)
    timely = [c for c in candidates if not lapse(c.months or 0)]   # done before criterion 1 goes
    warnings = _warnings(facts, alternatives, len(timely) < len(candidates), needed > 0)
    if needed == 0:
        return WhatIf(0, (), True, warnings, further=_further(timely))
    plan = _cheapest(timely, needed)
    return WhatIf(needed, plan or (), plan is not None, warnings)
