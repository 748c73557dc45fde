"""The QMAS pre-screening questionnaire, as data.

Each question fills one answer key of the assess contract; the scoring module derives the 12
criteria from these facts. Order matters: conditions only look at earlier answers.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from difflib import get_close_matches
from functools import cache

from bot.engine.country_reader import Country
from bot.engine.institution import Institution, Match
from bot.engine.languages_reader import Languages
from bot.engine.money_reader import Money
from bot.engine.options import Answers, Option
from bot.engine.questions import (
    Condition,
    Question,
    Questionnaire,
    above,
    all_of,
    at_least,
    below,
    is_not,
    is_one_of,
)
from bot.engine.readers import Choice, Number
from bot.engine.yes_no import YesNo
from bot.i18n.text import InstitutionName, Text, t
from bot.replies.degrees import parse_degree
from bot.rules.business_schools import match_business_school
from bot.rules.name_keys import normalise
from bot.rules.ruleset import all_rulesets
from bot.rules.universities import match_university, plausibly_same
from bot.rules.university_list import all_institutions
from bot.rules.unlisted import unlisted_named
from bot.scoring.answers import (
    AGE,
    PERCENT,
    WORK_TOTAL,
    YEAR,
    YEARS,
    YEARS_LAST_5,
    Degree,
    Limit,
    Tri,
    parse_answer,
    work_parts_exceeding,
)
from bot.scoring.universities import (
    in_hong_kong,
    institution_status,
    institutions_named,
    school_not_counted,
    typed_institution,
)
from conversations.checks import (
    beyond_total,
    odd_age,
    odd_amount,
    odd_bachelor_year,
    odd_recent_work,
    odd_work_years,
    record_not_clean,
)

POSTGRADUATE = is_one_of("highest_degree", Degree.MASTER.value, Degree.DOCTORATE.value)
HAS_DEGREE = is_not("highest_degree", Degree.NONE.value)
WORKED = above("years_graduate_work", 0)
# A business's profit counts for criterion 11 only with a known share of at least the minimum
# (the lowest of any rule set): after a smaller share or "not sure" it could change nothing.
PROFIT_MATTERS = at_least("business_share_pct", float(min(
    r.criteria.business_share_min_pct for r in all_rulesets())))


def _nothing_to_ask() -> Condition:
    """Stop early for excluded nationals (nothing else could change the outcome) and for Hong
    Kong permanent residents (an HKSAR passport implies it): they do not need QMAS."""
    excluded = frozenset().union(*(r.excluded_nationalities for r in all_rulesets()))
    return Condition(lambda a: a.get("nationality") in excluded | {"HK"}
                     or a.get("hk_permanent_resident") == "yes", ())


# Passports that many Hong Kong permanent residents hold besides (or instead of) an HKSAR
# passport: the Mainland's, Macao's and Taiwan's, and those of the countries where most Hong Kong
# emigrants settled. Holders of other passports are not asked: the question would only puzzle
# the applicants abroad who are nearly all of them (typing "Hong Kong" still stops at once).
PERMANENT_RESIDENT_PLAUSIBLE = ("AU", "CA", "CN", "GB", "MO", "NZ", "TW", "US")
# A bachelor's from an unlisted university meets no Top Talent Pass category, so its details
# (full-time, year, recent work) cannot change any result: they are not asked.
BACHELOR_LISTED = Condition(
    lambda a: _names_listed(str(a["bachelor_university"])), ("bachelor_university",),
    if_missing=True)


def _names_listed(name: str) -> bool:
    """Whether a name is a listed institution's, not a near spelling the user declined."""
    match = match_university(name)
    return match.institution is not None and not match.corrected


BACHELOR_IN_HONG_KONG = Condition(lambda a: in_hong_kong(str(a["bachelor_university"])),
                                  ("bachelor_university",))
# Top Talent Pass category C is closed to non-local students of a Hong Kong bachelor's and to
# those with 3 years of work or more, and the year of graduation counts only for category C:
# they are not asked it.
MAY_BE_CATEGORY_C = Condition(
    lambda a: a.get("bachelor_nonlocal_student_hk") != Tri.YES.value, ())


def _qmas_university(text: str) -> Match:
    """The QMAS list for criteria 2 and 3: the Consolidated List plus the business schools."""
    school = match_business_school(text)
    if school is None:
        return _eligible_university(text)
    echo = t("{school} ✓ (most likely one of the six business schools that ImmD's QMAS list adds; "
             "no official page names them, so criterion 2 is still not settled)",
             school=InstitutionName(school.name)) if school.provisional else None
    return Match(school.name, exact=True, echo=echo)


def _not_listed_on(name: str, day: date) -> Text | None:
    """Why a listed university does not count on `day`: removed from the list, or added later."""
    match = match_university(name)
    found = match.institution
    if found is None or match.school is not None or found.listed_on(day):
        return None
    return institution_status(name, match, day)[1]


def _eligible_university(text: str) -> Match:
    """The Consolidated List of eligible universities (TTPS B and C), as a matcher."""
    if (unlisted := unlisted_named(text)) is not None:
        return Match(None, unlisted=unlisted.name)
    match = match_university(text)
    found = match.institution
    if found is not None and match.school is not None:
        return Match(match.school.name, exact=True, echo=t(
            "{school} ✓: counted as “{university}”, which confers its degrees and is on the list "
            "of eligible universities", school=InstitutionName(match.school.name),
            university=InstitutionName(found.name)))
    if found is not None:
        return Match(found.name, exact=match.exact)
    return Match(None, candidates=tuple(c.name for c in match.candidates))


@cache
def _listed_names() -> dict[str, str]:
    return {normalise(i.name): i.name for i in all_institutions()}


def _nearest_university(text: str) -> tuple[str, ...]:
    """Up to three listed names that the typed one may be a misspelling of, to offer instead;
    none for a school we know (its own notice says why it does not count)."""
    if match_university(text).school is not None:
        return ()
    names, typed = _listed_names(), normalise(text)
    return tuple(names[key] for key in get_close_matches(typed, list(names), n=3, cutoff=0.6)
                 if plausibly_same(typed, key))


def _unlisted_postgraduate(typed: str) -> Text:
    if (school := match_university(typed).school) is not None:
        return t("{why} It will not count for criteria 2 and 3.", why=school_not_counted(school))
    if (known := unlisted_named(typed)) is not None:
        return t("“{university}” is not on ImmD's list of eligible universities, so it will not "
                 "count for criteria 2 and 3.", university=InstitutionName(known.name))
    return t("“{typed}” is not on ImmD's list of eligible universities, so it will not count for "
             "criteria 2 and 3. If the university is also known by another official name, send "
             "/back and type that name.", typed=typed)


def _unlisted_bachelor(typed: str) -> Text:
    if (school := match_university(typed).school) is not None:
        return t("{why} It will not count for Top Talent Pass categories B and C.",
                 why=school_not_counted(school))
    if (known := unlisted_named(typed)) is not None:
        return t("“{university}” is not on ImmD's list of eligible universities, so it will not "
                 "count for Top Talent Pass categories B and C.",
                 university=InstitutionName(known.name))
    return t("“{typed}” is not on ImmD's list of eligible universities, so it will not count for "
             "Top Talent Pass categories B and C. If the university is also known by another "
             "official name, send /back and type that name.", typed=typed)


def _not_a_postgraduate_university(typed: str, answers: Answers) -> Text:
    if answers.get("highest_degree") == Degree.DOCTORATE.value:
        return t("“{typed}” is not the name of a university. Please type the name of the "
                 "university that awarded your doctorate, for example MIT or HKU.", typed=typed)
    return t("“{typed}” is not the name of a university. Please type the name of the university "
             "that awarded your master's degree, for example MIT or HKU.", typed=typed)


def _not_a_bachelor_university(typed: str, _answers: Answers) -> Text:
    return t("“{typed}” is not the name of a university. Please type the name of the university "
             "that awarded your bachelor's degree, for example MIT or HKU.", typed=typed)


AGE_EXPECTED = t("Please send your age in years, for example 34.")
# Past the contract's 0 to 130 no one applies: the limits themselves would read oddly.
AGE_RANGE = t("Please check the age: send your age when you apply, in years, for example 34.")
YEAR_RANGE = t("Please send the year, from {minimum} to {maximum}, for example 2015.")
YEARS_EXPECTED = t("Please send a number of years from 0 to 80, for example 4.5.")
PERCENT_EXPECTED = t("Please send a percentage from 0 to 100, for example 60.")
TENTH = Decimal("0.1")


def _years(limit: Limit = YEARS, expect: Text = YEARS_EXPECTED, *,
           all_of: str | None = None) -> Number:
    return Number(limit, NO_YEARS, expect=expect, step=TENTH, in_years=True, all_of=all_of)


def _percent() -> Number:
    return Number(PERCENT, (NONE_OWNED,), expect=PERCENT_EXPECTED, percent=True)


NONE_OWNED = Option(0, t("I don't own any"), none=True)
NO_YEARS = (Option(0, t("None"), none=True),)
NO_INCOME = Option({"amount": 0, "currency": "HKD"}, t("No income"), none=True)

QUESTIONS = (
    Question(
        "nationality", Country(),
        t("What is your nationality (the country whose passport you hold)?"),
        t("Type the country's name or its two-letter code, for example India or IN. QMAS is "
          "open to most nationalities, with a few exceptions."),
        offer_unsure=False),
    Question(
        "hk_permanent_resident", YesNo(none_is_no=True),
        t("Are you already a Hong Kong permanent resident (with a permanent identity card)?"),
        t("Permanent residents have the right of abode or the right to land in Hong Kong, "
          "whatever passport they hold, and do not need QMAS."),
        when=is_one_of("nationality", *PERMANENT_RESIDENT_PLAUSIBLE)),
    Question(
        "age", Number(AGE, expect=AGE_EXPECTED, ranged=AGE_RANGE, age=True),
        t("How old will you be when you apply?"),
        t("Applicants must be 18 or older; being 50 or younger meets criterion 1."),
        offer_unsure=False, check=odd_age),
    Question(
        "highest_degree", Choice((
            Option(Degree.NONE.value, t("No degree")),
            Option(Degree.BACHELOR.value, t("Bachelor's")),
            Option(Degree.MASTER.value, t("Master's")),
            Option(Degree.DOCTORATE.value, t("Doctorate (PhD)"))), synonyms=parse_degree),
        t("What is the highest degree you hold?"),
        t("Count only completed degrees. Diplomas and certificates below a bachelor's count as "
          "“no degree”."),
        offer_unsure=False),
    Question(
        "professional_standing", YesNo(none_is_no=True),
        t("Without a degree, do you have good technical qualifications, proven professional "
          "abilities or documented achievements?"),
        t("For example professional certifications, licences, awards or a record of senior "
          "work. ImmD may accept these instead of a degree, at its discretion."),
        when=is_one_of("highest_degree", Degree.NONE.value)),
    Question(
        "postgraduate_university", Institution(_qmas_university, _unlisted_postgraduate,
                                              _not_a_postgraduate_university,
                                              _nearest_university, _not_listed_on,
                                              typed_institution, institutions_named),
        t("Which university awarded your master's or doctorate?"),
        t("Type its name as you know it: short names such as MIT or HKU work, and so do Chinese "
          "names. If you have several, give the one from the most highly ranked university."),
        when=POSTGRADUATE),
    Question(
        "postgraduate_stem", YesNo(),
        t("Is that degree in a STEM subject (science, technology, engineering or mathematics)?"),
        t("It counts for criterion 3 when the university is on ImmD's list, and it also shows "
          "whether the Technology Talent Admission Scheme (TechTAS), for STEM graduates doing "
          "research and development, is worth a look. ImmD's reference list includes, for example, "
          "actuarial science, aeronautics, agricultural science, civil engineering, construction "
          "management, artificial intelligence and astronomy."),
        when=POSTGRADUATE),
    Question(
        "bachelor_university", Institution(_eligible_university, _unlisted_bachelor,
                                          _not_a_bachelor_university, _nearest_university,
                                          _not_listed_on, typed_institution,
                                          institutions_named, "postgraduate_university"),
        t("Which university awarded your bachelor's degree?"),
        t("This matters for the Top Talent Pass Scheme, which looks at the bachelor's degree."),
        when=HAS_DEGREE),
    Question(
        "bachelor_nonlocal_student_hk", YesNo(),
        t("Did you take that bachelor's degree in Hong Kong as a non-local student (on a student "
          "visa)?"),
        t("Top Talent Pass category C is not open to non-local students who took their "
          "bachelor's in a full-time programme in Hong Kong: the IANG scheme is meant for them."),
        when=BACHELOR_IN_HONG_KONG),
    Question(
        "bachelor_full_time", YesNo(),
        t("Was your bachelor's programme full-time?"),
        t("The Top Talent Pass Scheme counts only full-time bachelor's degrees."),
        when=all_of(HAS_DEGREE, BACHELOR_LISTED)),
    Question(
        "languages", Languages(tuple(Option(code, label) for code, label in (
            ("zh", t("Chinese")), ("en", t("English")), ("hi", t("Hindi")),
            ("id", t("Indonesian")), ("vi", t("Vietnamese")), ("ne", t("Nepali")),
            ("ja", t("Japanese")), ("ko", t("Korean")), ("es", t("Spanish")),
            ("fr", t("French")), ("ar", t("Arabic"))))),
        t("Which languages do you speak and write well?"),
        t("Choose all that apply and press Done, or type them, for example “Chinese, English”. "
          "Chinese counts as one language, whether Putonghua or Cantonese."),
        offer_unsure=False, unsure_refused=t(
            "This question needs the languages you speak and write well: choose them, or type "
            "them, for example “Chinese, English”. Leave out any language you are not sure of.")),
    Question(
        "years_graduate_work", _years(),
        t("How many years of graduate- or specialist-level work experience do you have?"),
        t("Work that needs a degree or specialist skills, in total. Half years count, for example "
          "4.5."),
        check=odd_work_years),
    Question(
        "years_renowned_employer", _years(all_of=WORK_TOTAL),
        t("Of those years, how many were with multinational or renowned companies?"),
        t("For example listed companies, or those in the Forbes Global 2000, Fortune Global 500 "
          "or Hurun China 500."),
        when=WORKED, refuse=beyond_total("years_renowned_employer"),
        corrects=WORK_TOTAL),
    Question(
        "years_target_industry", _years(all_of=WORK_TOTAL),
        t("And how many in innovation and technology, financial services or international "
          "trade?"),
        t("International trade includes cross-border shipping, air transport and supply chain "
          "management."),
        when=WORKED, refuse=beyond_total("years_target_industry"),
        corrects=WORK_TOTAL),
    Question(
        "years_international", _years(all_of=WORK_TOTAL),
        t("And how many outside your home country or territory?"),
        t("Graduate-level work done abroad."),
        when=WORKED, refuse=beyond_total("years_international"),
        corrects=WORK_TOTAL),
    Question(
        "years_work_last_5", _years(YEARS_LAST_5, t("Please send a number of years from 0 "
                                                    "to 5, for example 3.")),
        t("In the last 5 years, how many years have you worked full-time (employed or "
          "self-employed) after graduating?"),
        t("Only full-time employment or self-employment after your degree counts here, not "
          "internships, part-time work or work before graduating; from 0 to 5. This decides "
          "which Top Talent Pass category fits."),
        when=all_of(HAS_DEGREE, BACHELOR_LISTED), check=odd_recent_work),
    Question(
        "bachelor_year", Number(YEAR, year=True, ranged=YEAR_RANGE),
        t("In which year was your bachelor's degree awarded?"),
        t("Recent graduates (within 5 years) may qualify for Top Talent Pass category C."),
        when=all_of(HAS_DEGREE, BACHELOR_LISTED, MAY_BE_CATEGORY_C,
                    below("years_work_last_5", 3), below("years_graduate_work", 3)),
        check=odd_bachelor_year),
    Question(
        "annual_income", Money((NO_INCOME,), refused=t(
            "Income cannot be negative. Please send an amount with its currency, for example "
            "HKD 1,200,000, or 0 for no income.")),
        t("What is your income for the year before you apply, with its currency?"),
        t("Salary, allowances, bonuses, stock options and profits of your own business; not "
          "investment income. For example: HKD 1,200,000, USD 150k, ₹45 lakh, 120万 RMB."),
        check=odd_amount),
    Question(
        "business_share_pct", _percent(),
        t("Do you own part of a business that is not listed? What percentage?"),
        t("Type the percentage you own, for example 60.")),
    Question(
        "business_profit", Money(),
        t("What was that business's profit in its last full year, with its currency?"),
        t("Profit, not turnover. A loss can be written with a minus sign."),
        when=PROFIT_MATTERS, check=odd_amount),
    Question(
        "listed_company_share_pct", _percent(),
        t("Do you own shares in a listed company? What percentage of the company do you "
          "own?"),
        t("Only shares you hold directly count, not shares held through funds. Type the percentage "
          "of the company you own, for example 12.")),
    Question(
        "exceptional_award", YesNo(none_is_no=True),
        t("Have you received an award of exceptional achievement?"),
        t("For example an Olympic medal, a Nobel Prize, or a national or international award.")),
    Question(
        "peer_recognition", YesNo(none_is_no=True),
        t("Has your work been recognised by your peers, or contributed significantly to your "
          "field?"),
        t("For example a lifetime achievement award from your industry."),
        when=is_not("exceptional_award", "yes")),
    Question(
        "financial_support", YesNo(),
        t("Can you support and accommodate yourself and your family in Hong Kong without public "
          "assistance?"),
        t("With savings, income or an offer of work. This is one of the four prerequisites.")),
    Question(
        "good_character", YesNo(ambiguous="possession", yes_words="absence"),
        t("Is your record clean, with no criminal record and no adverse immigration record, in "
          "Hong Kong or elsewhere?"),
        t("This is a prerequisite, and ImmD checks it: an honest answer gives a useful result."),
        check=record_not_clean),
)

QMAS = Questionnaire("qmas", QUESTIONS, parse_answer, stop_when=_nothing_to_ask(),
                     conflicts=work_parts_exceeding)
