"""What to do after the verdict, adapted to the outcome, and the evidence to prepare.

Pure: an assessment and its answers in, `Text` values out; facts such as fees and stays come from
`bot/rules/data/checklist.toml` so that a change at ImmD is a data change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from bot.i18n.text import AfterColon, Text, join, t, tn
from bot.rules.checklist import Checklist, Evidence, checklist
from bot.rules.ruleset import Source
from bot.scoring.answers import Answers, Degree
from bot.scoring.assess import MAINLAND, mainland_note
from bot.scoring.model import Assessment, Check, Outcome, Status

# Whose residence documents ImmD's e-applications ask for (TTPS and GEP upload lists).
CHINESE_RESIDENCE = frozenset({MAINLAND, "MO", "TW"})


@dataclass(frozen=True)
class StepList:
    """Steps numbered from 1, under a lead line that says what they are for and is not a step."""

    items: tuple[Text, ...]
    lead: Text | None = None


@dataclass(frozen=True)
class NextSteps:
    """Lists of steps in order, notes that apply to this applicant, and the official pages
    behind them."""

    lists: tuple[StepList, ...]
    notes: tuple[Text, ...] = ()
    links: tuple[Source, ...] = ()

    @property
    def texts(self) -> tuple[Text, ...]:
        """Every lead and step as read, in order."""
        return tuple(text for part in self.lists
                     for text in (*((part.lead,) if part.lead else ()), *part.items))


@dataclass(frozen=True)
class EvidenceGroup:
    """The typical evidence for one prerequisite or criterion; `settled` is False while unknown."""

    title: Text
    items: tuple[Evidence, ...]
    settled: bool = True
    number: int | None = None

    @property
    def prefix(self) -> str:
        """The criterion's official number, as renderers put it before the title."""
        return f"{self.number}. " if self.number else ""


def _how_to_apply(facts: Checklist, achievement: bool = False) -> tuple[Text, ...]:
    """Apply, pay, bring dependants, wait for selection, collect the e-Visa, then stay.

    `achievement`: the applicant qualifies through the Achievement-based Points Test, whose
    entrants are granted a longer first stay.
    """
    fees, stay = facts.fees, facts.stay
    first_stay = ((t("Entrants under the Achievement-based Points Test are normally granted "
                     "{years} years at first.", years=stay.achievement_years),) if achievement
                  else _facts(facts, "stay"))
    return (
        t("Gather the documents listed under “What to prepare”; ImmD's own checklist (Part III "
          "of the Guidance Notes) is the authority."),
        t("Apply online on ImmD's website: fill in the form, upload every supporting document and "
          "pay the application fee of {fee} for yourself and for each dependant. It is not "
          "refunded, whatever the result.", fee=fees.application),
        t("You may bring your spouse or partner in a legally recognised union (not a de facto "
          "partner or a fiancé(e)) and your unmarried dependent children under 18, if you can "
          "support and accommodate them without public assistance; add them to the application. "
          "Their stay is normally tied to yours."),
        *_facts(facts, "dependants"),
        (t("ImmD holds selection exercises regularly: an assessment panel advises the Director "
           "of Immigration. Until ImmD writes to you, your application is still being processed.")
         if achievement else
         t("ImmD holds selection exercises regularly: an assessment panel advises the Director of "
           "Immigration, and more criteria met count in your favour. Until ImmD writes to you, "
           "your application is still being processed.")),
        t("Check your application's status online or by phone at {phone}, 24 hours a day.",
          phone=facts.status_phone),
        *_facts(facts, "selection", "arrival"),
        *first_stay,
        *_facts(facts, "extension"),
    )


def _facts(facts: Checklist, *moments: str) -> tuple[Text, ...]:
    """The data's facts for these moments, with the fees and stays filled in."""
    values = {"application": facts.fees.application, "visa_issuance": facts.fees.visa_issuance,
              "months": facts.stay.initial_months, "income": facts.stay.top_tier_income,
              "years": facts.stay.permanent_after_years}
    return tuple(Text(fact.text, tuple(values.items())) for when in moments
                 for fact in facts.facts_for(when))


def _household_fees(facts: Checklist, in_chat: bool) -> Text:
    """What ImmD charges a household: both fees for each person, totalled for a few sizes. The
    chat points to /fees for other sizes; a report, read outside the chat, gives the fee page's
    date instead."""
    fees = facts.fees
    totals = join(*(t("{total} for {n} people", total=fees.for_people(n)[2], n=n)
                    for n in facts.stay.household_sizes), style="amounts")
    amounts = {"application": fees.application, "visa_issuance": fees.visa_issuance,
               "each": fees.for_people(1)[2], "totals": totals}
    if in_chat:
        return t("ImmD's fees per person: {application} on applying and {visa_issuance} on "
                 "approval, {each} in all; for a household, {totals}. /fees with a number gives "
                 "the fees for any other household size.", **amounts)
    return t("ImmD's fees per person, as stated on its fee page revised on {date}: {application} "
             "on applying and {visa_issuance} on approval, {each} in all; for a household, "
             "{totals}.", date=facts.fees_page.revised, **amounts)


# The households /fees answers for: the applicant alone up to a large family.
HOUSEHOLD = range(1, 21)
FEES_USAGE = t("Send /fees with the number of people applying, yourself included, for example: "
               "/fees 3")


def fees_text(people: Decimal | None) -> Text:
    """/fees N: ImmD's fees for a household of N people (the applicant and dependants), N as
    read from the reply ("3", "three", "三"); a number out of range is told the range, no whole
    number how to ask."""
    if people is None or people != people.to_integral_value():
        return FEES_USAGE
    n = int(people)
    if n not in HOUSEHOLD:
        return t("/fees gives the fees for {first} to {last} people, yourself included; "
                 "for example: /fees 3", first=HOUSEHOLD[0], last=HOUSEHOLD[-1])
    applying, approval, total = checklist().fees.for_people(n)
    return tn("ImmD's fees for {n} person: {applying} on applying and {approval} on approval, "
              "{total} in all. They are paid again for each extension of stay.",
              "ImmD's fees for {n} people: {applying} on applying and {approval} on approval, "
              "{total} in all. They are paid again for each extension of stay.", n,
              applying=applying, approval=approval, total=total)


def _applying_notes(a: Assessment, answers: Answers, facts: Checklist, in_chat: bool
                    ) -> tuple[Text, ...]:
    notes = []
    if a.outcome is Outcome.MEETS_THRESHOLD and a.achievement_test.status is Status.MET:
        notes.append(t("You meet the Achievement-based Points Test too, and may choose to be "
                       "assessed under it instead: its entrants are normally granted {years} "
                       "years at first, not {months} months.",
                       years=facts.stay.achievement_years, months=facts.stay.initial_months))
    notes.append(_household_fees(facts, in_chat))
    notes += _facts(facts, "warning")
    notes.append(t("Already in Hong Kong on another scheme (such as GEP, ASMTP, TTPS or IANG)? You "
                   "may apply, but you and your family are assessed as fresh entrants."))
    if answers.nationality == MAINLAND:
        notes.append(mainland_note())
    return tuple(notes)


def _settle(check: Check) -> Text:
    """One unsettled prerequisite or criterion with what would settle it."""
    how = check.finding.how_to_meet or check.finding.explanation
    if check.number:
        return t("Criterion {number} is not settled: {how}", number=check.number,
                 how=AfterColon(how))
    return t("{label}: {how}", label=check.title, how=AfterColon(how))


def _undetermined(a: Assessment) -> tuple[StepList, ...]:
    """Unsettled prerequisites apart (every one must be met), then the unsettled criteria, each
    list under its own lead line."""
    prerequisites = [c for c in a.prerequisites if c.status is Status.UNKNOWN]
    criteria = [c for c in a.criteria if c.status is Status.UNKNOWN]
    needed = max(0, a.threshold - a.met_count)
    lists: list[StepList] = []
    if prerequisites:
        lists.append(StepList(tuple(_settle(c) for c in prerequisites),
                              t("Every prerequisite must be met, or the application is refused "
                                "at once; settle each of these:")))
    if needed:
        lists.append(StepList(tuple(_settle(c) for c in criteria),
                              tn("You meet {n} criterion; {needed} more of the following "
                                 "criteria, which are not settled, must be met. Settle them, "
                                 "then check again:",
                                 "You meet {n} criteria; {needed} more of the following "
                                 "criteria, which are not settled, must be met. Settle them, "
                                 "then check again:",
                                 a.met_count, needed=needed)))
    return tuple(lists)


def _prerequisite_path(a: Assessment, check: Check) -> Text:
    """The realistic way to meet a prerequisite, or the plain statement that there is none."""
    paths = {
        "age": t("You may apply once you have turned {minimum}.", minimum=a.rules.minimum_age),
        "financial_support": t("Apply only when you can show the means to support and accommodate "
                               "yourself and your dependants without public assistance."),
        "good_character": t("With a criminal or adverse immigration record, an application "
                            "would be refused; no other answer changes that."),
        "basic_education": t("A first degree from a recognised university would meet it; without "
                             "one, only documented professional abilities and achievements may "
                             "be considered, at ImmD's discretion."),
    }
    return paths.get(check.id, check.finding.explanation)


def _prerequisite_not_met(a: Assessment, facts: Checklist) -> StepList:
    failed = [p for p in a.prerequisites if p.status is Status.NOT_MET]
    lead = (t("An application that fails a prerequisite is refused at once, and the application "
              "fee of {fee} is not refunded: do not apply.", fee=facts.fees.application)
            if a.final else
            t("An application that fails a prerequisite is refused at once, and the application "
              "fee of {fee} is not refunded: do not apply yet.", fee=facts.fees.application))
    return StepList(tuple(t("{label}: {how}", label=check.title,
                            how=AfterColon(_prerequisite_path(a, check))) for check in failed),
                    lead)


def _below_threshold(a: Assessment) -> StepList:
    lead = t("Do not apply yet: ImmD's online application is open only to applicants who meet at "
             "least {threshold} criteria, and the fee is not refunded.", threshold=a.threshold)
    if a.what_if.reachable and a.what_if.plan:
        return StepList(tuple(s.said for s in a.what_if.plan), lead)
    return StepList((t("No realistic change would bring you to the threshold soon; look at the "
                       "other routes instead."),), lead)


def _open_routes(a: Assessment, facts: Checklist) -> tuple[Text, ...]:
    """Fallback routes the answers meet or may meet: the honest alternatives to QMAS, and what
    staying on under the Top Talent Pass Scheme asks when one of its categories is open."""
    open_checks = [c for c in (a.achievement_test, *a.alternatives)
                   if c.status is not Status.NOT_MET]
    routes = tuple(t("{label}: {how}", label=c.title, how=AfterColon(c.finding.explanation))
                   for c in open_checks)
    ttps_open = any(c in a.alternatives for c in open_checks)
    return routes + (_facts(facts, "ttps") if ttps_open else ())


def next_steps(a: Assessment, answers: Answers, in_chat: bool = True) -> NextSteps:
    """The steps after this result, in order, with the notes and links that apply; `in_chat`
    False for a report, read where the chat's commands are not at hand.

    The Guidance Notes' checklist is linked once, under "What to prepare", which follows these
    steps whenever they lead to an application.
    """
    facts = checklist()
    outcome = a.outcome
    if outcome is Outcome.ALREADY_RESIDENT:
        return NextSteps((StepList((t("As a Hong Kong permanent resident you may live and work in "
                                      "Hong Kong without a visa: you do not need QMAS."),)),))
    if outcome is Outcome.NATIONALITY_EXCLUDED:
        return NextSteps((StepList((t("If you hold another nationality, check again with that "
                                      "passport."),),
                                   t("QMAS, the Top Talent Pass Scheme and Hong Kong's other "
                                     "talent schemes are closed to nationals of Afghanistan, Cuba "
                                     "and Korea (DPR); no other answer changes that.")),),
                         links=(facts.scheme_page,))
    pages = (facts.scheme_page, facts.fees_page, *(f.source for f in facts.facts if f.source.url))
    links = tuple(page for page in dict.fromkeys(pages) if page != facts.guidance)
    if outcome is Outcome.MEETS_THRESHOLD:
        return NextSteps((StepList(_how_to_apply(facts)),),
                         _applying_notes(a, answers, facts, in_chat), links)
    if a.achievement_test.status is Status.MET and a.prerequisites_met:
        lead = t("You do not reach the General Points Test threshold, but you do meet the "
                 "Achievement-based Points Test: you may apply under it, with proof of your award "
                 "or recognition.")
        return NextSteps((StepList(_how_to_apply(facts, achievement=True), lead),),
                         _applying_notes(a, answers, facts, in_chat), links)
    if a.achievement_test.status is Status.MET and outcome is not Outcome.PREREQUISITE_NOT_MET:
        unsettled = [c for c in a.prerequisites if c.status is Status.UNKNOWN]
        lead = t("You meet the Achievement-based Points Test, but every prerequisite must also "
                 "be met, or the application is refused at once; settle each of these before "
                 "you apply under it:")
        return NextSteps((StepList(tuple(_settle(c) for c in unsettled), lead),),
                         _open_routes(a, facts), links)
    if outcome is Outcome.UNDETERMINED:
        return NextSteps(_undetermined(a), _open_routes(a, facts), links)
    if outcome is Outcome.PREREQUISITE_NOT_MET:
        return NextSteps((_prerequisite_not_met(a, facts),), (), (facts.scheme_page,))
    return NextSteps((_below_threshold(a),), _open_routes(a, facts), (facts.scheme_page,))


def evidence_groups(a: Assessment, answers: Answers) -> tuple[EvidenceGroup, ...]:
    """The typical evidence for every prerequisite and criterion met or not yet settled.

    Empty when no application should be made (excluded nationality, a prerequisite not met,
    permanent resident): a checklist would then only give false hope.
    """
    if a.outcome in (Outcome.NATIONALITY_EXCLUDED, Outcome.PREREQUISITE_NOT_MET,
                     Outcome.ALREADY_RESIDENT):
        return ()
    facts = checklist()
    groups = [EvidenceGroup(t("Every applicant"), facts.for_target("always"))]
    if answers.nationality in CHINESE_RESIDENCE:
        groups.append(EvidenceGroup(t("Residents of the Mainland, Macao or Taiwan, and Chinese "
                                      "nationals living overseas"),
                                    facts.for_target("chinese_residence")))
    for check in (*a.prerequisites, *a.criteria, a.achievement_test):
        if check.status is Status.NOT_MET:
            continue
        target = check.id
        if target == "basic_education" and answers.highest_degree is Degree.NONE:
            target = "basic_education_no_degree"
        groups.append(EvidenceGroup(check.title, facts.for_target(target),
                                    settled=check.status is Status.MET, number=check.number))
    groups.append(EvidenceGroup(t("Dependants coming with you"), facts.for_target("dependants")))
    return _each_item_once(groups)


def _each_item_once(groups: list[EvidenceGroup]) -> tuple[EvidenceGroup, ...]:
    """Each piece of evidence under the first group that needs it (the proof of age serves
    criterion 1 too); a group left with nothing new is dropped."""
    seen: set[Text] = set()
    kept = []
    for group in groups:
        items = tuple(item for item in group.items if item.text not in seen)
        seen.update(item.text for item in items)
        if items:
            kept.append(replace(group, items=items))
    return tuple(kept)
