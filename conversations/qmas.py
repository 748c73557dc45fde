"""The QMAS pre-screening questionnaire, as data.

Each question fills one answer key of the assess contract; the scoring module derives the 12
criteria from these facts. Order matters: conditions only look at earlier answers.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.engine.questions import (
    Condition,
    Kind,
    Option,
    Question,
    Questionnaire,
    above,
    all_of,
    below,
    is_not,
    is_one_of,
)
from bot.i18n.text import t
from bot.rules.ruleset import all_rulesets
from bot.scoring.universities import in_hong_kong

POSTGRADUATE = is_one_of("highest_degree", "master", "doctorate")
HAS_DEGREE = is_not("highest_degree", "none")
WORKED = above("years_graduate_work", 0)


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
BACHELOR_IN_HONG_KONG = Condition(lambda a: in_hong_kong(str(a["bachelor_university"])),
                                  ("bachelor_university",))


NONE_OWNED = Option(0, t("I don't own one"))

QUESTIONS = (
    Question(
        "nationality", Kind.COUNTRY,
        t("Which country's passport do you hold? (your nationality)"),
        t("Type the country's name or its two-letter code, for example India or IN. QMAS is "
          "open to most nationalities, with a few exceptions."),
        unsure=False),
    Question(
        "hk_permanent_resident", Kind.TRI,
        t("Are you already a Hong Kong permanent resident (with a permanent identity card)?"),
        t("Permanent residents have the right of abode or the right to land in Hong Kong, "
          "whatever passport they hold, and do not need QMAS."),
        when=is_one_of("nationality", *PERMANENT_RESIDENT_PLAUSIBLE)),
    Question(
        "age", Kind.WHOLE,
        t("How old will you be when you apply?"),
        t("Applicants must be 18 or older; being 50 or younger meets criterion 1."),
        minimum=Decimal(0), maximum=Decimal(130), unsure=False),
    Question(
        "highest_degree", Kind.CHOICE,
        t("What is the highest degree you hold?"),
        t("Count only completed degrees. Diplomas and certificates below a bachelor's count as "
          "“no degree”."),
        options=(Option("none", t("No degree")), Option("bachelor", t("Bachelor's")),
                 Option("master", t("Master's")), Option("doctorate", t("Doctorate (PhD)"))),
        unsure=False),
    Question(
        "professional_standing", Kind.TRI,
        t("Without a degree, do you have good technical qualifications, proven professional "
          "abilities or documented achievements?"),
        t("For example professional certifications, licences, awards or a record of senior "
          "work. ImmD may accept these instead of a degree, at its discretion."),
        when=is_one_of("highest_degree", "none")),
    Question(
        "postgraduate_university", Kind.UNIVERSITY,
        t("Which university awarded your master's or doctorate?"),
        t("Type its name as you know it: short names such as MIT or HKU and Chinese names work. "
          "If you have several, give the one from the most highly ranked university."),
        when=POSTGRADUATE, unsure=False),
    Question(
        "postgraduate_stem", Kind.TRI,
        t("Is that degree in a STEM subject (science, technology, engineering or mathematics)?"),
        t("ImmD's reference list includes for example actuarial science, aeronautics, "
          "agricultural science, civil engineering, construction management, artificial "
          "intelligence and astronomy."),
        when=POSTGRADUATE),
    Question(
        "bachelor_university", Kind.UNIVERSITY,
        t("Which university awarded your bachelor's degree?"),
        t("This matters for the Top Talent Pass Scheme, which looks at the bachelor's degree."),
        when=HAS_DEGREE, unsure=False),
    Question(
        "bachelor_nonlocal_student_hk", Kind.TRI,
        t("Did you study for that bachelor's degree as a non-local student, having come to Hong "
          "Kong on a student visa?"),
        t("Top Talent Pass category C is not open to non-local students who took their "
          "bachelor's in a full-time programme in Hong Kong: the IANG scheme is meant for them."),
        when=BACHELOR_IN_HONG_KONG),
    Question(
        "bachelor_full_time", Kind.TRI,
        t("Was your bachelor's programme full-time?"),
        t("The Top Talent Pass Scheme counts only full-time bachelor's degrees."),
        when=HAS_DEGREE),
    Question(
        "languages", Kind.MULTI,
        t("Which languages do you speak and write well?"),
        t("Choose all that apply and press Done, or type them, for example “Chinese, English”. "
          "Chinese counts as one language, whether Putonghua or Cantonese."),
        options=tuple(Option(code, label) for code, label in (
            ("zh", t("Chinese")), ("en", t("English")), ("hi", t("Hindi")),
            ("id", t("Indonesian")), ("vi", t("Vietnamese")), ("ne", t("Nepali")),
            ("ja", t("Japanese")), ("ko", t("Korean")), ("es", t("Spanish")),
            ("fr", t("French")), ("ar", t("Arabic")))),
        unsure=False),
    Question(
        "years_graduate_work", Kind.NUMBER,
        t("How many years of graduate- or specialist-level work experience do you have?"),
        t("Work that needs a degree or specialist skills, in total. Half years count, e.g. 4.5."),
        options=(Option(0, t("None")),), minimum=Decimal(0), maximum=Decimal(80)),
    Question(
        "years_renowned_employer", Kind.NUMBER,
        t("Of those years, how many were with multinational or renowned companies?"),
        t("For example listed companies, or those in the Forbes Global 2000, Fortune Global 500 "
          "or Hurun China 500."),
        options=(Option(0, t("None")),), minimum=Decimal(0), maximum=Decimal(80), when=WORKED),
    Question(
        "years_target_industry", Kind.NUMBER,
        t("And how many in innovation and technology, financial services or international "
          "trade?"),
        t("International trade includes cross-border shipping, air transport and supply chain "
          "management."),
        options=(Option(0, t("None")),), minimum=Decimal(0), maximum=Decimal(80), when=WORKED),
    Question(
        "years_international", Kind.NUMBER,
        t("And how many outside your home country or territory?"),
        t("Graduate-level work done abroad."),
        options=(Option(0, t("None")),), minimum=Decimal(0), maximum=Decimal(80), when=WORKED),
    Question(
        "years_work_last_5", Kind.NUMBER,
        t("How many years have you worked in the last 5 years?"),
        t("Any work counts here, from 0 to 5. This decides which Top Talent Pass category fits."),
        options=(Option(0, t("None")),), minimum=Decimal(0), maximum=Decimal(5), when=HAS_DEGREE),
    Question(
        "bachelor_year", Kind.YEAR,
        t("In which year was your bachelor's degree awarded?"),
        t("Recent graduates (within 5 years) may qualify for Top Talent Pass category C."),
        minimum=Decimal(1940), maximum=Decimal(date.today().year),
        when=all_of(HAS_DEGREE, below("years_work_last_5", 3))),
    Question(
        "annual_income", Kind.MONEY,
        t("What was your income in the year before you apply, with its currency?"),
        t("Salary, allowances, bonuses, stock options and profits of your own business; not "
          "investment income. For example: HKD 1,200,000, USD 150k, ₹45 lakh, 120万 RMB."),
        options=(Option({"amount": 0, "currency": "HKD"}, t("No income")),)),
    Question(
        "business_share_pct", Kind.NUMBER,
        t("Do you own part of a business that is not listed? What percentage?"),
        t("Type the percentage you own, e.g. 60."),
        options=(NONE_OWNED,), minimum=Decimal(0), maximum=Decimal(100)),
    Question(
        "business_profit", Kind.MONEY,
        t("What was that business's profit in its last full year, with its currency?"),
        t("Profit, not turnover. A loss can be written with a minus sign."),
        when=above("business_share_pct", 0)),
    Question(
        "listed_company_share_pct", Kind.NUMBER,
        t("Do you own shares of a listed company? What percentage of it?"),
        t("Only shares you hold directly count, not shares held through funds. Type the "
          "percentage of the company you own, e.g. 12."),
        options=(NONE_OWNED,), minimum=Decimal(0), maximum=Decimal(100)),
    Question(
        "exceptional_award", Kind.TRI,
        t("Have you received an award of exceptional achievement?"),
        t("For example an Olympic medal, a Nobel Prize, or a national or international award.")),
    Question(
        "peer_recognition", Kind.TRI,
        t("Has your work been recognised by your peers, or contributed significantly to your "
          "field?"),
        t("For example a lifetime achievement award from your industry."),
        when=is_not("exceptional_award", "yes")),
    Question(
        "financial_support", Kind.TRI,
        t("Can you support and house yourself and your family in Hong Kong without public "
          "assistance?"),
        t("With savings, income or an offer of work. This is one of the four prerequisites.")),
    Question(
        "good_character", Kind.TRI,
        t("Is your record clean, with no criminal record and no adverse immigration record, in "
          "Hong Kong or elsewhere?"),
        t("This is a prerequisite, and ImmD checks it: an honest answer gives a useful result.")),
)

QMAS = Questionnaire("qmas", QUESTIONS, stop_when=_nothing_to_ask())
