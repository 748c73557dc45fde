"""Nationality scope and the four prerequisites: any one not met refuses the application."""

from __future__ import annotations

from bot.i18n.text import CountryName, Text, t
from bot.scoring.answers import Degree, Tri
from bot.scoring.facts import Facts
from bot.scoring.model import Check, Finding, Status

MET, NOT_MET, UNKNOWN = Status.MET, Status.NOT_MET, Status.UNKNOWN


def nationality(facts: Facts) -> Check:
    """QMAS (and TTPS) are closed to nationals of a few countries; `None` status when unanswered."""
    code = facts.answers.nationality
    title = t("Nationality")
    if code is None:
        return Check("nationality", title, Finding(UNKNOWN, t("I do not know your nationality.")))
    if code == "HK":
        return Check("nationality", title, Finding(MET, t(
            "An HKSAR passport is issued only to Hong Kong permanent residents.")))
    if code in facts.rules.excluded_nationalities:
        return Check("nationality", title, Finding(NOT_MET, t(
            "QMAS and the Top Talent Pass Scheme are not open to nationals of {country}.",
            country=CountryName(code))))
    return Check("nationality", title, Finding(MET, t(
        "QMAS is open to your nationality ({country}).", country=CountryName(code))))


def _tri_finding(value: Tri | None, met: Text, not_met: Text, unsure: Text, unasked: Text,
                 how: Text) -> Finding:
    """A yes/no prerequisite: `unsure` after a "Not sure" answer, `unasked` before any answer."""
    if value is Tri.YES:
        return Finding(MET, met, how)
    if value is Tri.NO:
        return Finding(NOT_MET, not_met, how)
    return Finding(UNKNOWN, unsure if value is Tri.UNSURE else unasked, how)


def _age(facts: Facts) -> Finding:
    minimum = facts.rules.minimum_age
    value = facts.answers.age
    how = t("You can apply from the age of {minimum}.", minimum=minimum)
    if value is None:
        return Finding(UNKNOWN, t("I do not know your age yet."), how)
    if value >= minimum:
        return Finding(MET, t("You are {age}; applicants must be {minimum} or older.",
                              age=value, minimum=minimum), how)
    return Finding(NOT_MET, t("You are {age}; applicants must be {minimum} or older.",
                              age=value, minimum=minimum), how)


def _financial_support(facts: Facts) -> Finding:
    return _tri_finding(
        facts.answers.financial_support,
        t("You can support and accommodate yourself and your dependants without public "
          "assistance."),
        t("Applicants must be able to support and accommodate themselves and their dependants "
          "without public assistance."),
        t("You answered “Not sure”. Applicants must show they can support and accommodate "
          "themselves and their dependants without public assistance."),
        t("I do not know yet whether you can support and accommodate yourself and your dependants "
          "without public assistance."),
        t("Savings, income or a job offer that covers living and housing costs in Hong Kong for "
          "you and your dependants."))


def _good_character(facts: Facts) -> Finding:
    return _tri_finding(
        facts.answers.good_character,
        t("You have no criminal record and no adverse immigration record."),
        t("A criminal record or an adverse immigration record, in Hong Kong or elsewhere, means "
          "the application is refused."),
        t("You answered “Not sure”. A criminal or adverse immigration record, in Hong Kong or "
          "elsewhere, means the application is refused."),
        t("I do not know yet whether you have a criminal or adverse immigration record."),
        t("ImmD decides on good character; only you can check your records."))


def _basic_education(facts: Facts) -> Finding:
    degree = facts.answers.highest_degree
    how = t("Normally a first degree from a recognised university or tertiary institution; in "
            "special circumstances good technical qualifications, proven professional abilities or "
            "documented achievements may be accepted.")
    if degree is None:
        return Finding(UNKNOWN, t("I do not know your highest degree yet."), how)
    if degree is not Degree.NONE:
        return Finding(MET, t("You hold a degree, which meets the education prerequisite."), how)
    standing = facts.answers.professional_standing
    if standing is Tri.NO:
        return Finding(NOT_MET, t("Without a degree, good technical qualifications, proven "
                                  "professional abilities or documented achievements are needed."),
                       how)
    return Finding(UNKNOWN, t("Without a degree, ImmD may accept good technical qualifications, "
                              "proven professional abilities or documented achievements: this is "
                              "at its discretion."), how)


def assess_prerequisites(facts: Facts) -> tuple[Check, ...]:
    """The four prerequisites, in the contract's order."""
    return (
        Check("age", t("Age"), _age(facts)),
        Check("financial_support", t("Financial requirement"),
              _financial_support(facts)),
        Check("good_character", t("Good character"), _good_character(facts)),
        Check("basic_education", t("Basic academic qualifications"), _basic_education(facts)),
    )
