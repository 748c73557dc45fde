"""The Achievement-based test and the Top Talent Pass Scheme categories, as fallbacks."""

from __future__ import annotations

from datetime import date

from bot.common.money import Money
from bot.i18n.text import Duration, Text, t
from bot.scoring.answers import Degree, Tri
from bot.scoring.criteria import income_finding, months_to_reach
from bot.scoring.facts import Facts
from bot.scoring.model import Check, Finding, Status
from bot.scoring.universities import institution_status

MET, NOT_MET, UNKNOWN = Status.MET, Status.NOT_MET, Status.UNKNOWN


def achievement_test(facts: Facts, gate: Text | None = None) -> Check:
    """All or nothing: an exceptional award, or work recognised by peers.

    A closed gate (nationality, a prerequisite) refuses this route of QMAS too, so it is then
    not met, whatever the awards.
    """
    award, peers = facts.answers.exceptional_award, facts.answers.peer_recognition
    title = t("Achievement-based Points Test")
    how = t("An award of exceptional achievement (an Olympic medal, a Nobel Prize, a national or "
            "international award), or work recognised by peers or of significant contribution to "
            "your field (such as a lifetime achievement award from your industry).")
    if gate is not None:
        return Check("achievement_test", title, Finding(NOT_MET, gate))
    if Tri.YES in (award, peers):
        why = (t("You have received an award of exceptional achievement.") if award is Tri.YES
               else t("Your work has been recognised by peers or contributed significantly to "
                      "your field."))
        return Check("achievement_test", title, Finding(MET, why, how))
    if award is Tri.NO and peers is Tri.NO:
        return Check("achievement_test", title, Finding(NOT_MET, t(
            "You have neither an exceptional award nor a recognised contribution to your field, so "
            "an application under this test would be refused at once."), how))
    return Check("achievement_test", title, Finding(UNKNOWN, t(
        "This test needs an exceptional award or a recognised contribution to your field; your "
        "answers do not settle that yet."), how))


def _excluded(cid: str, title: Text) -> Check:
    return Check(cid, title, Finding(NOT_MET, t(
        "The Top Talent Pass Scheme excludes the same nationalities as QMAS.")))


def _ttps_a(facts: Facts) -> Finding:
    limit = facts.rules.ttps.a_income_hkd
    how = t("An income of {limit} or more in the year before applying.", limit=Money(limit, "HKD"))
    money = facts.answers.annual_income
    if money is None:
        return Finding(UNKNOWN, t("I do not know your income in the year before applying."), how)
    return income_finding(facts, money, limit, how)


def _bachelor(facts: Facts) -> Finding:
    """A full-time bachelor's degree from an eligible university: shared by categories B and C."""
    answers = facts.answers
    how = t("A full-time bachelor's degree from a university on the eligible list (a master's does "
            "not replace it).")
    if answers.highest_degree is Degree.NONE:
        return Finding(NOT_MET, t("Categories B and C need a bachelor's degree."), how)
    if answers.highest_degree is None or answers.bachelor_university is None:
        return Finding(UNKNOWN, t("I do not know which university awarded your bachelor's "
                                  "degree."), how)
    assert facts.bachelor_match is not None
    status, why = institution_status(answers.bachelor_university, facts.bachelor_match, facts.day)
    if status is not MET:
        return Finding(status, why, how)
    if answers.bachelor_full_time is Tri.NO:
        return Finding(NOT_MET, t("Your bachelor's programme was not full-time."), how)
    if answers.bachelor_full_time is not Tri.YES:
        return Finding(UNKNOWN, t("I do not know whether your bachelor's programme was "
                                  "full-time."), how)
    return Finding(MET, why, how)


def _ttps_b(facts: Facts) -> Finding:
    need = facts.rules.ttps.b_min_work_years
    degree = _bachelor(facts)
    if degree.status is NOT_MET:
        return degree
    years = facts.answers.years_work_last_5
    if years is None:
        return Finding(UNKNOWN, t("I do not know how many of the last 5 years you have worked."),
                       degree.how_to_meet)
    if years < need:
        return Finding(NOT_MET, t("{years} of work in the last 5 years; category B needs {need}.",
                                  years=Duration.of_years(years), need=Duration.of_years(need))
                       if years else t("No work in the last 5 years; category B needs {need}.",
                                       need=Duration.of_years(need)),
                       t("About {duration} of further work would meet it.",
                         duration=Duration.of_months(months_to_reach(years, need))))
    if degree.status is UNKNOWN:
        return degree
    total = facts.answers.years_graduate_work
    if total is not None and years > total:    # the two answers disagree: say which one counts
        return Finding(MET, t(
            "{degree} You also have {years} of full-time work since graduating in the last 5 "
            "years (at least {need} are needed), as you answered for this scheme; criterion 6 "
            "counts only graduate- or specialist-level work, of which you gave {total}. If "
            "all of that work was at that level, one of the two answers is wrong: send /review to "
            "correct it.",
            degree=degree.explanation, years=Duration.of_years(years), need=need,
            total=Duration.of_years(total)), degree.how_to_meet)
    return Finding(MET, t("{degree} You also have {years} of work in the last 5 years (at "
                          "least {need} are needed).", degree=degree.explanation,
                          years=Duration.of_years(years), need=need), degree.how_to_meet)


def ttps_c_last_day(facts: Facts) -> date | None:
    """The last day the bachelor's degree counts for category C (the window ends with a year)."""
    year = facts.answers.bachelor_year
    return None if year is None else date(year + facts.rules.ttps.c_graduated_within_years, 12, 31)


def _graduated_within(facts: Facts) -> Status:
    """Whether the bachelor's was awarded within the window, counted by year of graduation
    (ImmD's TTPS page: applying in 2026, graduates of 2021 or later qualify)."""
    year = facts.answers.bachelor_year
    if year is None:
        return UNKNOWN
    return MET if facts.day.year - year <= facts.rules.ttps.c_graduated_within_years else NOT_MET


def _ttps_c(facts: Facts) -> Finding:
    rules = facts.rules.ttps
    degree = _bachelor(facts)
    if degree.status is NOT_MET:   # category B, shown above it, says why
        return Finding(NOT_MET, t("Category C needs the same bachelor's degree as category B, "
                                  "above."), degree.how_to_meet)
    nonlocal_student = facts.answers.bachelor_nonlocal_student_hk
    if nonlocal_student is Tri.YES:   # asked only about a bachelor's taken in Hong Kong
        return Finding(NOT_MET, t(
            "Category C is not open to those who took their bachelor's degree in a full-time "
            "programme in Hong Kong as non-local students (on a student visa): the Immigration "
            "Arrangements for Non-local Graduates (IANG) are meant for them."))
    within = _graduated_within(facts)
    window = rules.c_graduated_within_years
    if within is NOT_MET:
        return Finding(NOT_MET, t("Category C needs a bachelor's degree obtained within the "
                                  "{window} years before applying; yours is from {year}.",
                                  window=window, year=str(facts.answers.bachelor_year)))
    years = facts.answers.years_work_last_5
    if years is not None and years >= rules.c_max_work_years:
        return Finding(NOT_MET, t("Category C is for graduates with less than {limit} years of "
                                  "work; category B is the one for you.",
                                  limit=rules.c_max_work_years))
    total = facts.answers.years_graduate_work   # C counts all work, not only the last 5 years
    if total is not None and total >= rules.c_max_work_years:
        return Finding(NOT_MET, t("Category C is for graduates with less than {limit} years of "
                                  "work in all, and you have {years} of graduate- or "
                                  "specialist-level work.", limit=rules.c_max_work_years,
                                  years=Duration.of_years(total)))
    if facts.bachelor_in_hong_kong and nonlocal_student is not Tri.NO:
        return Finding(UNKNOWN, t(
            "Category C is closed to those who took their bachelor's in Hong Kong as non-local "
            "students (on a student visa), and I do not know whether you did."),
            t("Tell me whether you studied in Hong Kong on a student visa."))
    if degree.status is UNKNOWN or within is UNKNOWN or years is None:
        return Finding(UNKNOWN, t("Category C needs a recent full-time bachelor's degree from an "
                                  "eligible university and less than {limit} years of work; your "
                                  "answers do not settle that yet.", limit=rules.c_max_work_years),
                       degree.how_to_meet)
    return Finding(MET, t("{degree} Your degree was awarded within the last {window} years, and "
                          "you have less than {limit} years of work. Category C has an annual "
                          "quota, allocated on a first-come, first-served basis.",
                          degree=degree.explanation, window=window,
                          limit=rules.c_max_work_years), degree.how_to_meet)


def assess_alternatives(facts: Facts, nationality_excluded: bool) -> tuple[Check, ...]:
    """TTPS categories A, B and C; none is open to excluded nationals."""
    categories = (
        ("ttps-a", t("Top Talent Pass Scheme, category A (high income)"), _ttps_a),
        ("ttps-b", t("Top Talent Pass Scheme, category B (graduate with experience)"), _ttps_b),
        ("ttps-c", t("Top Talent Pass Scheme, category C (recent graduate)"), _ttps_c),
    )
    if nationality_excluded:
        return tuple(_excluded(cid, title) for cid, title, _ in categories)
    return tuple(Check(cid, title, _with_record(facts, evaluate(facts)))
                 for cid, title, evaluate in categories)


def _with_record(facts: Facts, finding: Finding) -> Finding:
    """With a criminal or adverse record a category is at best unknown: ImmD favourably considers
    a TTPS application only with no known record of serious crime, and decides on the record."""
    if facts.answers.good_character is not Tri.NO or finding.status is NOT_MET:
        return finding
    return Finding(UNKNOWN, t(
        "{explanation} But the scheme is granted only when there is no known record of serious "
        "crime, and its normal immigration requirements include a clear criminal record: with the "
        "record you told me of, ImmD decides, so this is not settled.",
        explanation=finding.explanation), finding.how_to_meet, finding.provisional)
