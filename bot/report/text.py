"""The result as a chat user reads it, in sections short enough for one Telegram message each."""

from __future__ import annotations

from bot.common.markup import Markup
from bot.i18n.text import AfterColon, Text, join, t, tn
from bot.i18n.translator import Translator
from bot.report.explanation import explanation
from bot.report.sources import first_mentions, source_link
from bot.scoring.model import Assessment, Check, Outcome, Status

ICON = {Status.MET: "✅", Status.NOT_MET: "❌", Status.UNKNOWN: "❔"}
# Outcomes whose headline names what stops the application instead of the criteria met.
GATED = (Outcome.NATIONALITY_EXCLUDED, Outcome.PREREQUISITE_NOT_MET)


def headline(a: Assessment) -> Text:
    """One sentence: may the applicant apply, and if not, why."""
    outcome = a.outcome
    if outcome is Outcome.ALREADY_RESIDENT:
        return t("As a Hong Kong permanent resident, you do not need QMAS.")
    if outcome is Outcome.NATIONALITY_EXCLUDED:
        return a.nationality_check.finding.explanation
    if outcome is Outcome.PREREQUISITE_NOT_MET:
        titles = [p.title for p in a.prerequisites if p.status is Status.NOT_MET]
        return tn("A prerequisite is not met, so an application would be refused: {failed}.",
                  "These prerequisites are not met, so an application would be refused: {failed}.",
                  len(titles), failed=AfterColon(join(*titles)))
    params = {"met": a.met_count, "threshold": a.threshold, "unknown": a.unknown_count}
    if outcome is Outcome.MEETS_THRESHOLD:
        return t("You meet {met} of the 12 criteria: {threshold} are needed, so you may apply.",
                 **params)
    if a.met_count >= a.threshold:
        open_ones = [p.title for p in a.prerequisites if p.status is not Status.MET]
        return tn("You meet {met} of the 12 criteria ({threshold} are needed), but a "
                  "prerequisite is not settled: {unsettled}. Do not apply until it is: ImmD "
                  "refuses an application at once when a prerequisite is not shown.",
                  "You meet {met} of the 12 criteria ({threshold} are needed), but these "
                  "prerequisites are not settled: {unsettled}. Do not apply until they are: ImmD "
                  "refuses an application at once when a prerequisite is not shown.",
                  len(open_ones), unsettled=AfterColon(join(*open_ones)), **params)
    if outcome is Outcome.BELOW_THRESHOLD:
        return t("You meet {met} of the 12 criteria; {threshold} are needed to apply.", **params)
    return t("You meet {met} of the 12 criteria and {unknown} are not settled; {threshold} are "
             "needed to apply.", **params)


def rules_as_of(a: Assessment) -> Text:
    """Which rules, as read on which day, and which list and rates the result used."""
    rules = a.rules
    return t("Rules in force since {effective}, from ImmD's pages as read on {read}; list of "
             "eligible universities of {list_version}; currency rates of {rates}.",
             effective=rules.effective, read=rules.sources_read,
             list_version=a.university_list_version or rules.effective, rates=a.rates_as_of)


def _line(check: Check, tr: Translator, m: Markup) -> str:
    label = f"{check.number}. {tr(check.title)}" if check.number else tr(check.title)
    return f"{ICON[check.status]} {m.bold(label)}\n{m.escape(explanation(check.finding, tr))}"


def _summary(a: Assessment, tr: Translator, m: Markup) -> str:
    icon = {Outcome.MEETS_THRESHOLD: "✅", Outcome.UNDETERMINED: "❔"}.get(a.outcome, "❌")
    lines = [f"{icon} {m.bold(tr(headline(a)))}"]
    if a.outcome in GATED and not a.final:   # the headline gives the gate, not the count
        lines.append(m.escape(tr(t("{met} of 12 criteria met", met=a.met_count))))
    if a.outcome is Outcome.NATIONALITY_EXCLUDED:
        return "\n".join(lines)   # the headline says why; no prerequisite can matter
    failed = [p for p in a.prerequisites if p.status is not Status.MET]
    if a.nationality_check.status is not Status.MET:
        failed.insert(0, a.nationality_check)
    if failed:
        lines += ["", m.bold(tr(t("Prerequisites")))] + [_line(p, tr, m) for p in failed]
    return "\n".join(lines)


def _resident(a: Assessment, tr: Translator, m: Markup) -> str:
    return "\n".join([
        f"🏠 {m.bold(tr(headline(a)))}",
        m.escape(tr(t("Permanent residents, who have the right of abode or the right to land, "
                      "may live and work in Hong Kong without a visa or any admission scheme, so "
                      "there is nothing to assess. Thank you for checking!"))),
    ])


def _criteria(a: Assessment, tr: Translator, m: Markup) -> str:
    title = tr(t("The 12 criteria ({met} of 12 met)", met=a.met_count))
    return "\n\n".join([m.bold(title), *(_line(c, tr, m) for c in a.criteria)])


def _what_if(a: Assessment, tr: Translator, m: Markup) -> str:
    w = a.what_if
    lines = [m.bold(tr(t("What would change the result")))]
    if w.gate is not None:
        lines.append(m.escape(tr(w.gate)))
    elif w.needed == 0:
        lines.append(m.escape(tr(t("You already meet the threshold; each further criterion you "
                                   "meet counts in your favour."))))
        lines += [f"• {m.escape(tr(s.said))}" for s in w.further]
    elif not w.reachable:
        lines.append(m.escape(tr(t("No realistic change would bring you to the threshold; see the "
                                   "other routes below."))))
    else:
        lines.append(m.escape(tr(t("You need {needed} more. The quickest way:", needed=w.needed))))
        lines += [f"• {m.escape(tr(s.said))}" for s in w.plan]
    lines += [f"⚠️ {m.escape(tr(warning))}" for warning in w.warnings]
    return "\n".join(lines)


def _other_routes(a: Assessment, tr: Translator, m: Markup) -> str:
    lines = [m.bold(tr(t("Other routes")))]
    lines += [_line(check, tr, m) for check in (a.achievement_test, *a.alternatives)]
    pages = first_mentions(route.source for route in a.other_routes)
    lines += [f"➡️ {m.escape(tr(route.text))}" + (f"\n{source_link(page, tr, m)}" if page else "")
              for route, page in zip(a.other_routes, pages, strict=True)]
    return "\n\n".join(lines)


def _about(a: Assessment, tr: Translator, m: Markup) -> str:
    rules = a.rules
    lines = [m.bold(tr(t("About this result"))),
             m.escape(tr(rules_as_of(a)))]
    lines += [f"• {m.escape(tr(note))}" for note in a.notes]
    lines += [source_link(s, tr, m) for s in rules.sources if s.url]
    lines.append(m.escape(tr(t("This is a pre-screening, not legal advice: meeting the threshold "
                               "is not approval. The Immigration Department decides."))))
    return "\n".join(lines)


def _compact(a: Assessment, tr: Translator, m: Markup) -> str:
    """Every criterion on one short line: its icon, number and title."""
    return "\n".join(m.escape(f"{ICON[c.status]} {c.number}. {tr(c.title)}") for c in a.criteria)


def _next_change(a: Assessment) -> tuple[Text, Text] | None:
    """The single most useful change (the first of the plan, or of the criteria still to gain),
    with the criteria it meets named: a heading, and the change on its own line (it may hold a
    colon of its own, "Criterion 6 is not settled: …")."""
    w = a.what_if
    first = None if w.gate is not None else (w.plan or w.further or (None,))[0]
    if first is None:
        return None
    if first.names_criteria:
        return t("The most useful change:"), first.text
    return tn("The most useful change, for criterion {numbers}:",
              "The most useful change, for criteria {numbers}:", len(first.criteria),
              numbers=join(*first.criteria, style="numbers")), first.text


def summary(a: Assessment, tr: Translator, m: Markup) -> str:
    """What fits a phone's screen: headline (with "N of 12"), the criteria, the next change and what
    time is about to take away (a criterion or a TTPS category, with its date)."""
    if a.outcome is Outcome.ALREADY_RESIDENT:   # in the chat, the way back
        return "\n".join([_resident(a, tr, m), m.escape(tr(t(
            "If you answered this by mistake, send /restart to begin again.")))])
    parts = [_summary(a, tr, m)]
    if a.outcome is not Outcome.NATIONALITY_EXCLUDED:
        parts.append(_compact(a, tr, m))
    change = _next_change(a)
    if change is not None:
        heading, text = change
        parts.append(f"💡 {m.escape(tr(heading))}\n{m.escape(tr(text))}")
    parts += [f"⚠️ {m.escape(tr(warning))}" for warning in a.what_if.warnings]
    return "\n\n".join(parts)


SECTIONS = {"criteria": _criteria, "change": _what_if, "routes": _other_routes, "about": _about}


def section_names(a: Assessment) -> tuple[str, ...]:
    """The sections this result has, in order (an excluded nationality has no criteria)."""
    if a.outcome is Outcome.ALREADY_RESIDENT:
        return ()
    if a.outcome is Outcome.NATIONALITY_EXCLUDED:
        return ("change", "routes", "about")
    return tuple(SECTIONS)


def section_title(a: Assessment, name: str) -> Text:
    """The button that opens a section."""
    return {"criteria": t("The 12 criteria ({met} of 12 met)", met=a.met_count),
            "change": t("What would change the result"), "routes": t("Other routes"),
            "about": t("About this result")}[name]


def section(a: Assessment, name: str, tr: Translator, m: Markup) -> str:
    """One section of the result in full (a name from `section_names`)."""
    return SECTIONS[name](a, tr, m)


def result_sections(a: Assessment, tr: Translator, m: Markup) -> list[str]:
    """Headline, criteria, what-if, other routes, sources and disclaimer: one string each.

    A Hong Kong permanent resident gets one short message instead: nothing else applies.
    """
    if a.outcome is Outcome.ALREADY_RESIDENT:
        return [_resident(a, tr, m)]
    if a.outcome is Outcome.NATIONALITY_EXCLUDED:
        return [_summary(a, tr, m), _what_if(a, tr, m), _other_routes(a, tr, m), _about(a, tr, m)]
    return [_summary(a, tr, m), _criteria(a, tr, m), _what_if(a, tr, m),
            _other_routes(a, tr, m), _about(a, tr, m)]
