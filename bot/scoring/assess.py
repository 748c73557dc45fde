"""The scoring module's one entry point: answers and the day of application in, assessment out."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from bot.i18n.text import Text, t
from bot.rules.ruleset import RuleSet, ruleset_for
from bot.rules.universities import list_version
from bot.scoring.alternatives import achievement_test, assess_alternatives
from bot.scoring.answers import Answers
from bot.scoring.criteria import assess_criteria
from bot.scoring.facts import Facts
from bot.scoring.model import Assessment, Check, Status
from bot.scoring.prerequisites import assess_prerequisites, nationality
from bot.scoring.whatif import what_if


def _notes(facts: Facts, criteria: tuple[Check, ...]) -> tuple[Text, ...]:
    provisional = any(c.finding.provisional and c.status is not Status.UNKNOWN for c in criteria)
    return _notes_for(facts.rules, provisional)


@lru_cache(maxsize=16)
def _notes_for(rules: RuleSet, provisional: bool) -> tuple[Text, ...]:
    """The same few notes for every assessment under one rule set: built once."""
    notes = [
        t("Meeting {threshold} of the 12 criteria only lets you apply: an assessment panel selects "
          "applicants, the Director of Immigration decides, and every further criterion met counts "
          "in your favour. There is no annual quota.", threshold=rules.threshold),
        t("The old 80-point General Points Test no longer applies to applications made from "
          "1 November 2024; calculators that still use it are out of date."),
        t("Good written and spoken Chinese or English used to be a prerequisite; ImmD's current "
          "self-assessment tool no longer lists it (provisional)."),
    ]
    if provisional:
        notes.append(t("Results marked provisional rest on readings from unofficial sources "
                       "(ownership shares, the income definition, international work)."))
    return tuple(notes)


def assess(answers: Answers, day: date) -> Assessment:
    """Assess validated answers under the rules and university list in force on `day`.

    Raises `NoRulesInForce` for days before the current General Points Test.
    """
    facts = Facts.of(answers, day, ruleset_for(day))
    scope = nationality(facts)
    eligible = None if scope.status is Status.UNKNOWN else scope.status is Status.MET
    criteria = assess_criteria(facts)
    return Assessment(
        rules=facts.rules,
        assessed_on=day,
        university_list_version=list_version(day),
        rates_as_of=facts.rates.as_of,
        nationality_eligible=eligible,
        nationality_check=scope,
        prerequisites=assess_prerequisites(facts),
        criteria=criteria,
        achievement_test=achievement_test(facts),
        alternatives=assess_alternatives(facts, nationality_excluded=eligible is False),
        what_if=what_if(criteria, facts),
        notes=_notes(facts, criteria),
    )
