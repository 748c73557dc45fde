"""The 12 criteria of the General Points Test (in force since 1 Nov 2024), one function each.

Each returns a `Finding`: the status, why, and what would meet the criterion. Thresholds come
from the rule set, never from literals here, so that a rule change is a data change.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import ROUND_UP, Decimal
from functools import lru_cache

from bot.common.money import Money
from bot.i18n.text import Duration, InstitutionName, LanguageName, Text, join, t
from bot.rules.currency import Comparison, compare_with_threshold
from bot.rules.ruleset import CriteriaThresholds
from bot.scoring.answers import Degree, Tri
from bot.scoring.facts import Facts
from bot.scoring.model import Check, Finding, Status
from bot.scoring.universities import business_school_status, institution_status

MET, NOT_MET, UNKNOWN = Status.MET, Status.NOT_MET, Status.UNKNOWN


def months_to_reach(have: Decimal, need: Decimal) -> int:
    """Whole months of further work until `have` years reach `need` years."""
    return max(1, math.ceil((need - have) * 12))


def money_finding(facts: Facts, money: Money, threshold: Decimal, what: Text,
                  how: Text) -> Finding:
    """Compare an amount with an HKD threshold, with the borderline rule for converted amounts."""
    check = compare_with_threshold(money, threshold, facts.rates, facts.rules.borderline_margin)
    limit = Money(threshold, "HKD")
    hkd = Money(check.amount_hkd.quantize(Decimal(1)), "HKD")
    if check.comparison is Comparison.BORDERLINE:
        return Finding(UNKNOWN, t(
            "{what} is {amount}, about {hkd} at the reference rate of {day}: within {margin}% of "
            "the {limit} threshold, too close to call. The rate on the day you apply decides.",
            what=what, amount=money, hkd=hkd, day=facts.rates.as_of,
            margin=facts.rules.borderline_margin * 100, limit=limit),
            _close_call(check.amount_hkd, threshold, how))
    at_or_above = check.comparison is Comparison.AT_OR_ABOVE
    if check.converted:
        explanation = t("{what} is {amount}, about {hkd} at the reference rate of {day}; the "
                        "threshold is {limit}.", what=what, amount=money, hkd=hkd,
                        day=facts.rates.as_of, limit=limit)
    else:
        explanation = t("{what} is {amount}; the threshold is {limit}.", what=what,
                        amount=money, limit=limit)
    return Finding(MET if at_or_above else NOT_MET, explanation, how)


def _close_call(hkd: Decimal, threshold: Decimal, how: Text) -> Text:
    """What would settle an amount too close to call: its distance from the threshold, and the
    move of the exchange rate that would carry it across (rounded up: the figure said suffices)."""
    gap = abs(hkd - threshold)
    limit, apart = Money(threshold, "HKD"), Money(gap.quantize(Decimal(1)), "HKD")
    percent = (gap / hkd * 100).quantize(Decimal("0.1"), ROUND_UP)
    if hkd >= threshold:
        return t("At the reference rate, the amount is {gap} above the {limit} threshold; a fall "
                 "of more than {percent}% in the exchange rate by the day you apply would take it "
                 "below.", gap=apart, limit=limit, percent=percent)
    return t("At the reference rate, the amount is {gap} short of the {limit} threshold; a rise "
             "of {percent}% in the exchange rate by the day you apply would be enough. {how}",
             gap=apart, limit=limit, percent=percent, how=how)


def age(facts: Facts) -> Finding:
    limit = facts.rules.criteria.max_age
    value = facts.answers.age
    if value is None:
        return Finding(UNKNOWN, t("I do not know your age yet."),
                       t("Tell me your age; this criterion is met at {limit} or below.",
                         limit=limit))
    if value <= limit:
        return Finding(MET, t("You are {age}; this criterion asks for {limit} or below.",
                              age=value, limit=limit),
                       t("Apply before you turn {next} to keep this criterion.", next=limit + 1))
    return Finding(NOT_MET, t("You are {age}; this criterion asks for {limit} or below.",
                              age=value, limit=limit),
                   t("Age cannot change in your favour, so the other criteria must carry your "
                     "application."))


def _postgraduate_how(facts: Facts) -> Text:
    return t("A master's or doctoral degree awarded by a university on the eligible list would "
             "meet this criterion, and criterion 3 as well if it is in a STEM subject.")


def postgraduate_degree(facts: Facts) -> Finding:
    answers = facts.answers
    how = _postgraduate_how(facts)
    if answers.highest_degree is None:
        return Finding(UNKNOWN, t("I do not know your highest degree yet."), how)
    if not answers.highest_degree.postgraduate:
        reason = (t("A bachelor's degree does not count here: this criterion needs a master's or "
                    "doctoral degree from an eligible university.")
                  if answers.highest_degree is Degree.BACHELOR else
                  t("This criterion needs a master's or doctoral degree from an eligible "
                    "university."))
        return Finding(NOT_MET, reason, how)
    if facts.postgraduate_match is None or answers.postgraduate_university is None:
        return Finding(UNKNOWN, t("You hold a postgraduate degree, but I do not know which "
                                  "university awarded it."),
                       t("Tell me the university that awarded your master's or doctorate."))
    school = facts.postgraduate_school
    if school is not None and not facts.postgraduate_match.eligible_on(facts.day):
        status, why = business_school_status(school, facts.day)
        if status is UNKNOWN:
            how = t("Check that {school} is on ImmD's QMAS list of eligible universities (the "
                    "Consolidated List plus six business schools) before you apply.",
                    school=InstitutionName(school.name))
        return Finding(status, why, how, provisional=school.provisional)
    status, why = institution_status(answers.postgraduate_university,
                                     facts.postgraduate_match, facts.day)
    return Finding(status, why, how)


def postgraduate_stem(facts: Facts) -> Finding:
    degree = postgraduate_degree(facts)
    stem = facts.answers.postgraduate_stem
    how = t("A master's or doctorate from an eligible university in science, technology, "
            "engineering or mathematics (for example actuarial science, aeronautics, agricultural "
            "science, civil engineering, artificial intelligence or astronomy) would meet it.")
    if degree.status is NOT_MET:
        return Finding(NOT_MET, t("This criterion needs the degree of criterion 2, in a STEM "
                                  "subject; criterion 2 is not met."), how)
    if stem is Tri.NO:
        return Finding(NOT_MET, t("Your postgraduate degree is not in a STEM subject."), how)
    if stem is None or stem is Tri.UNSURE:
        return Finding(UNKNOWN, t(
            "I do not know whether your postgraduate degree is in a STEM subject. ImmD keeps a "
            "reference list; it begins with actuarial science, aeronautics and astronautics, "
            "agricultural science and engineering, civil engineering, construction, artificial "
            "intelligence, astronomy and space science."),
            t("Check your subject against ImmD's STEM reference list."))
    if degree.status is UNKNOWN:
        return Finding(UNKNOWN, t("Your degree is in a STEM subject, but criterion 2 is not "
                                  "settled."), degree.how_to_meet)
    return Finding(MET, t("Your postgraduate degree from an eligible university is in a STEM "
                          "subject."), t("Keep your degree certificate and transcript ready."))


def _languages_how() -> Text:
    return t("Proficiency in speaking and writing a second language would meet it (Chinese counts "
             "as one language, whether Putonghua or Cantonese).")


def two_languages(facts: Facts) -> Finding:
    languages = facts.answers.languages
    if languages is None:
        return Finding(UNKNOWN, t("I do not know which languages you speak and write well."),
                       _languages_how())
    names = join(*(LanguageName(code) for code in sorted(languages)))
    if len(languages) >= 2:
        return Finding(MET, t("You speak and write {names} well.", names=names),
                       t("Keep evidence of both languages ready (studies, work, test results)."))
    if languages:
        return Finding(NOT_MET, t("Only one language ({names}) so far; this criterion needs two.",
                                  names=names), _languages_how())
    return Finding(NOT_MET, t("You did not name a language you speak and write well."),
                   _languages_how())


def english(facts: Facts) -> Finding:
    languages = facts.answers.languages
    how = t("Being proficient in written and spoken English would meet it.")
    if languages is None:
        return Finding(UNKNOWN, t("I do not know whether you speak and write English well."), how)
    if "en" in languages:
        return Finding(MET, t("You speak and write English well."),
                       t("Keep evidence of your English ready (studies, work, test results)."))
    return Finding(NOT_MET, t("English is not among the languages you speak and write well."), how)


def _years_finding(have: Decimal | None, need: Decimal, what: Text, how: Text) -> Finding:
    if have is None:
        return Finding(UNKNOWN, t("I do not know your years of {what} yet.", what=what), how)
    explanation = (t("No {what} so far; {need} years are needed.", what=what, need=need)
                   if have == 0 else   # "0 years of" reads wrong where plurals do not say it
                   t("{have} of {what}; {need} years are needed.",
                     have=Duration.of_years(have), what=what, need=need))
    if have >= need:
        return Finding(MET, explanation,
                       t("Keep employer letters that show the level and length of this work."))
    return Finding(NOT_MET, explanation,
                   t("About {duration} of further work of this kind would meet it.",
                     duration=Duration.of_months(months_to_reach(have, need))))



def graduate_work(facts: Facts) -> Finding:
    need = facts.rules.criteria.graduate_work_years
    least = facts.least_graduate_work()
    if facts.answers.years_graduate_work is None and least is not None and least >= need:
        return Finding(MET, t("Your total is not settled, but one part of it is {have}; the "
                              "total is at least that, and {need} years are needed.",
                              have=Duration.of_years(least), need=need),
                       t("Keep employer letters that show the level and length of this work."))
    return _years_finding(
        facts.answers.years_graduate_work, need,
        t("graduate- or specialist-level work"),
        t("Graduate- or specialist-level work experience of {need} years would meet it.",
          need=facts.rules.criteria.graduate_work_years))


def renowned_employer(facts: Facts) -> Finding:
    return _years_finding(
        facts.work_part("years_renowned_employer"),
        facts.rules.criteria.renowned_employer_years,
        t("graduate-level work in multinational or renowned companies"),
        t("{need} years at graduate level in a multinational or renowned company (a listed "
          "company, or one in the Forbes Global 2000, Fortune Global 500 or Hurun China 500) would "
          "meet it.",
          need=facts.rules.criteria.renowned_employer_years))


def target_industry(facts: Facts) -> Finding:
    return _years_finding(
        facts.work_part("years_target_industry"),
        facts.rules.criteria.target_industry_years,
        t("graduate-level work in innovation and technology, financial services or "
          "international trade"),
        t("{need} years at graduate level in innovation and technology, financial services or "
          "international trade (including shipping, air transport and supply chains) would "
          "meet it.", need=facts.rules.criteria.target_industry_years))


def _interpreted(finding: Finding, provisional: bool) -> Finding:
    """`finding`, marked provisional when the bot's reading of an unsettled rule decided it (not
    when the user's own answer did)."""
    return Finding(finding.status, finding.explanation, finding.how_to_meet, provisional)


def international_work(facts: Facts) -> Finding:
    finding = _years_finding(
        facts.work_part("years_international"),
        facts.rules.criteria.international_work_years,
        t("graduate-level work outside your home country or territory"),
        t("{need} years of graduate-level work outside your home country or territory would "
          "meet it.", need=facts.rules.criteria.international_work_years))
    return _interpreted(finding, finding.status is not UNKNOWN)


def income(facts: Facts) -> Finding:
    limit = facts.rules.criteria.income_hkd
    how = t("An income of {limit} or more in the year before you apply would meet it (on a "
            "provisional interpretation, salary, allowances, bonuses, stock options and profits "
            "of your own business count, but investment income does not).",
            limit=Money(limit, "HKD"))
    money = facts.answers.annual_income
    if money is None:
        return Finding(UNKNOWN, t("I do not know your income in the year before applying."), how)
    return _interpreted(income_finding(facts, money, limit, how), True)


def income_finding(facts: Facts, money: Money, threshold: Decimal, how: Text) -> Finding:
    """A year's income against a threshold; none at all is said in words, not as "HK$0"."""
    if money.amount == 0:
        return Finding(NOT_MET, t("You had no income in the year before applying; the threshold "
                                  "is {limit}.", limit=Money(threshold, "HKD")), how)
    return money_finding(facts, money, threshold, t("Your annual income"), how)


def business_profit(facts: Facts) -> Finding:
    """Only a finding that applies the provisional share rule is marked provisional: not a
    missing answer, owning none, or a profit below the threshold."""
    rules = facts.rules.criteria
    answers = facts.answers
    how = t("Owning at least {share}% of a business whose profit (not turnover) in the year before "
            "you apply is {limit} or more would meet it (the minimum share is a provisional "
            "interpretation).",
            share=rules.business_share_min_pct, limit=Money(rules.business_profit_hkd, "HKD"))
    share = answers.business_share_pct
    if share is None:
        return Finding(UNKNOWN, t("I do not know whether you own a business."), how)
    if share == 0:
        return Finding(NOT_MET, t("You do not own a business."), how)
    if share < rules.business_share_min_pct:
        return Finding(NOT_MET, t("You own {share}% of a business; at least {need}% is "
                                  "needed.", share=share, need=rules.business_share_min_pct),
                       how, True)
    if answers.business_profit is None:
        return Finding(UNKNOWN, t("I do not know your business's profit in the year before "
                                  "applying."), how)
    if answers.business_profit.amount < 0:
        loss = Money(-answers.business_profit.amount, answers.business_profit.currency)
        return Finding(NOT_MET, t("Your business made a loss of {amount}; the threshold is a "
                                  "profit of {limit}.", amount=loss,
                                  limit=Money(rules.business_profit_hkd, "HKD")), how)
    finding = money_finding(facts, answers.business_profit, rules.business_profit_hkd,
                            t("Your business's profit"), how)
    # A profit below the threshold fails on the official rule alone; a pass rests on the share.
    return _interpreted(finding, finding.status is not NOT_MET)


def listed_company(facts: Facts) -> Finding:
    """Provisional only where the provisional share rule decides, as for a business."""
    need = facts.rules.criteria.listed_share_min_pct
    how = t("Owning at least {need}% of a listed company would meet it (provisional "
            "interpretation).",
            need=need)
    share = facts.answers.listed_company_share_pct
    if share is None:
        return Finding(UNKNOWN, t("I do not know whether you own a listed company."), how)
    if share == 0:
        return Finding(NOT_MET, t("You do not own a listed company."), how)
    if share < need:
        return Finding(NOT_MET, t("You own {share}% of a listed company; at least {need}% "
                                  "is needed.", share=share, need=need), how, True)
    return Finding(MET, t("You own {share}% of a listed company; {need}% or more counts.",
                          share=share, need=need),
                   t("Keep the shareholding records ready."), True)


Evaluator = Callable[[Facts], Finding]

CRITERIA: tuple[tuple[int, str, Evaluator], ...] = (
    (1, "age_50_or_below", age),
    (2, "postgraduate_degree", postgraduate_degree),
    (3, "postgraduate_stem", postgraduate_stem),
    (4, "two_languages", two_languages),
    (5, "english", english),
    (6, "graduate_work", graduate_work),
    (7, "renowned_employer", renowned_employer),
    (8, "target_industry", target_industry),
    (9, "international_work", international_work),
    (10, "annual_income", income),
    (11, "business_profit", business_profit),
    (12, "listed_company", listed_company),
)


@lru_cache(maxsize=16)
def criterion_titles(rules: CriteriaThresholds) -> dict[int, Text]:
    """Short titles after ImmD's wording, with the thresholds of the rules in force."""
    return {
        1: t("Aged {limit} or below", limit=rules.max_age),
        2: t("Master's or doctoral degree from an eligible university"),
        3: t("That degree is in a STEM subject"),
        4: t("Good written and spoken command of two languages"),
        5: t("Good written and spoken English"),
        6: t("At least {n} years of graduate- or specialist-level work",
             n=rules.graduate_work_years),
        7: t("At least {n} years of such work in multinational or renowned companies",
             n=rules.renowned_employer_years),
        8: t("At least {n} years of such work in innovation and technology, financial services "
             "or international trade", n=rules.target_industry_years),
        9: t("At least {n} years of international graduate-level work",
             n=rules.international_work_years),
        10: t("Income of {limit} or more in the year before applying",
              limit=Money(rules.income_hkd, "HKD")),
        11: t("Owns a business with a profit of {limit} or more",
              limit=Money(rules.business_profit_hkd, "HKD")),
        12: t("Owns a listed company"),
    }


def assess_criteria(facts: Facts) -> tuple[Check, ...]:
    """All 12 criteria, numbered as the official list."""
    titles = criterion_titles(facts.rules.criteria)
    return tuple(Check(cid, titles[number], evaluate(facts), number)
                 for number, cid, evaluate in CRITERIA)
