"""The scoring module's one entry point: answers and the day of application in, assessment out."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from bot.i18n.text import AfterColon, CountryName, Text, join, t, tn
from bot.rules.ruleset import RuleSet, ruleset_for
from bot.rules.university_list import list_version
from bot.scoring.alternatives import achievement_test, assess_alternatives
from bot.scoring.answers import Answers, Tri
from bot.scoring.criteria import assess_criteria
from bot.scoring.facts import Facts
from bot.scoring.model import Assessment, Check, Counted, Status
from bot.scoring.prerequisites import assess_prerequisites, nationality
from bot.scoring.routes import other_routes
from bot.scoring.whatif import what_if

# An HKSAR passport is issued only to Hong Kong permanent residents.
HKSAR_PASSPORT = "HK"
MAINLAND = "CN"


def already_resident(answers: Answers) -> bool:
    """Hong Kong permanent residents do not need QMAS (contract v2, outcome 0)."""
    return answers.hk_permanent_resident is Tri.YES or answers.nationality == HKSAR_PASSPORT


def mainland_note() -> Text:
    """ImmD's QMAS page, Entry Arrangement: what Mainland residents owe once selected, and the
    overseas exception, which needs all three of its conditions."""
    return t("Chinese residents of the Mainland (including those staying in Hong Kong or Macao "
             "for now) who are selected must then submit a consent letter from their work unit or "
             "the relevant Mainland authority, and need an Exit-entry Permit for Travelling to and "
             "from Hong Kong and Macao with an exit endorsement before coming. A Chinese national "
             "with a PRC passport may come on that passport instead only if the application is "
             "submitted from overseas and they have permanent residence overseas or have lived "
             "overseas for at least a year immediately before applying (overseas means outside "
             "the Mainland, Hong Kong, Macao and Taiwan).")


@lru_cache(maxsize=16)
def _notes_for(rules: RuleSet, provisional: bool) -> tuple[Text, ...]:
    """The same few notes for every assessment under one rule set: built once."""
    notes = [
        t("Meeting at least {threshold} of the 12 criteria only lets you apply: an assessment "
          "panel selects applicants, the Director of Immigration decides, and every further "
          "criterion met counts in your favour. There is no annual quota.",
          threshold=rules.threshold),
        t("Since 1 November 2024 the General Points Test no longer adds up points: ImmD lists 12 "
          "criteria, and an application needs at least {threshold} of them. Calculators that still "
          "add up points towards a pass mark are out of date.", threshold=rules.threshold),
        t("Good written and spoken Chinese or English is no longer a prerequisite: ImmD's QMAS "
          "page lists four (age, financial requirement, good character, basic academic "
          "qualifications)."),
    ]
    if provisional:
        notes.append(t("Results marked provisional rest on an interpretation of unofficial "
                       "sources (ownership shares, the income definition, international work)."))
    return tuple(notes)


def _notes(facts: Facts, criteria: tuple[Check, ...], alternatives: tuple[Check, ...],
           excluded: bool) -> tuple[Text, ...]:
    """The fixed notes, then those the answers make relevant (§7 of the rules)."""
    provisional = any(c.finding.provisional and c.status is not Status.UNKNOWN for c in criteria)
    notes = list(_notes_for(facts.rules, provisional))
    answers = facts.answers
    if answers.nationality == MAINLAND:
        notes.append(mainland_note())
    if answers.bachelor_nonlocal_student_hk is Tri.YES:
        notes.append(t(
            "If you already live in Hong Kong under another scheme (such as IANG, GEP, ASMTP or "
            "the Top Talent Pass Scheme), you may apply under QMAS only on the basis that you and "
            "your family are assessed as fresh entrants."))
    if not excluded and any(alt.status is not Status.NOT_MET for alt in alternatives):
        notes.append(t(
            "Top Talent Pass Scheme: the five years are counted by year of graduation; work "
            "counts only from full-time employment or self-employment after graduation; honorary "
            "degrees are not accepted, and the degree must be verified by a credential "
            "verification organisation or the awarding institution. The initial stay of 36 months "
            "(category A) or 24 months (B and C) is granted only once; it can then be extended, "
            "by up to 3 years at a time, with a job in Hong Kong at degree level and market pay or "
            "a business of your own here."))
    return tuple(notes)


def _gate(facts: Facts, resident: bool, excluded: bool,
          prerequisites: tuple[Check, ...]) -> Text | None:
    """Why no criterion can change the outcome, when a gate decides it (None otherwise)."""
    if resident:
        return t("Nothing needs to change: as a Hong Kong permanent resident you may live and work "
                 "in Hong Kong without any admission scheme.")
    if excluded:
        assert facts.answers.nationality is not None
        return t("No answer can change this: QMAS and the Top Talent Pass Scheme are closed to "
                 "nationals of {country}, whatever criteria you meet.",
                 country=CountryName(facts.answers.nationality))
    failed = [p.title for p in prerequisites if p.status is Status.NOT_MET]
    if failed:
        return tn("Only meeting the missing prerequisite ({failed}) would change this result: "
                  "without it, an application under either test of QMAS is refused, whatever "
                  "criteria you meet.",
                  "Only meeting the missing prerequisites ({failed}) would change this result: "
                  "without them, an application under either test of QMAS is refused, whatever "
                  "criteria you meet.", len(failed),
                  failed=AfterColon(join(*failed)))   # mid-sentence labels
    return None


def _route_gate(facts: Facts, excluded: bool, prerequisites: tuple[Check, ...]) -> Text | None:
    """Why the Achievement-based test is closed too, in one line: the result already gives the
    whole reason under "what would change the result"."""
    if excluded:
        assert facts.answers.nationality is not None
        return t("Closed to nationals of {country}, like the rest of QMAS.",
                 country=CountryName(facts.answers.nationality))
    if any(p.status is Status.NOT_MET for p in prerequisites):
        return t("An application under this test is also refused at once while a prerequisite "
                 "is not met.")
    return None


def _counted(facts: Facts) -> tuple[Counted, ...]:
    """Each typed institution and the listed one it counts as (contract v3: named, never
    silently replaced)."""
    counted = []
    for key, match in (("postgraduate_university", facts.postgraduate_match),
                       ("bachelor_university", facts.bachelor_match)):
        typed = getattr(facts.answers, key)
        if match is None or typed is None:
            continue
        school = facts.postgraduate_school if key == "postgraduate_university" else None
        found = match.institution if match.eligible_on(facts.day) else None
        name = found.name if found else school.name if school and school.listed_on(facts.day) \
            else None
        counted.append(Counted(key, typed, name, match.school.name if match.school else None))
    return tuple(counted)


def assess(answers: Answers, day: date) -> Assessment:
    """Assess validated answers under the rules and university list in force on `day`.

    Raises `NoRulesInForce` for days before the current General Points Test.
    """
    facts = Facts.of(answers, day, ruleset_for(day))
    scope = nationality(facts)
    eligible = None if scope.status is Status.UNKNOWN else scope.status is Status.MET
    resident = already_resident(answers)
    excluded = eligible is False
    criteria = assess_criteria(facts)
    prerequisites = assess_prerequisites(facts)
    gate = _gate(facts, resident, excluded, prerequisites)
    alternatives = assess_alternatives(facts, nationality_excluded=excluded)
    return Assessment(
        rules=facts.rules,
        assessed_on=day,
        already_resident=resident,
        university_list_version=list_version(day),
        rates_as_of=facts.rates.as_of,
        nationality_eligible=eligible,
        nationality_check=scope,
        prerequisites=prerequisites,
        criteria=criteria,
        # A resident's tests stay assessed, for information (contract v2); the chat shows none.
        achievement_test=achievement_test(
            facts, None if resident else _route_gate(facts, excluded, prerequisites)),
        alternatives=alternatives,
        what_if=what_if(criteria, facts, gate, alternatives),
        notes=_notes(facts, criteria, alternatives, excluded or resident),
        other_routes=other_routes(facts, closed=excluded or resident),
        counted=_counted(facts),
    )
