"""The outreach statistics as one self-contained HTML page: inline CSS and SVG, no outside resource.

Written for the outreach teams in English, with language and campaign names as users
see them and numbers formatted by Babel. It shows the published cells (`bot.stats.cells`): the
same counts, hidden by the same rule, as the text and the JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from bot.engine.questions import Questionnaire
from bot.i18n.languages import by_code
from bot.i18n.translator import Translator
from bot.rules.ruleset import all_rulesets, ruleset_for
from bot.scoring.criteria import criterion_titles
from bot.stats.cells import HIDDEN, SMALL, WEEKLY, Cell, Published, share
from bot.stats.period import Period
from bot.stats.svg import Value, bar_chart, column_chart

EN = Locale.parse("en")
# Each funnel table in two parts, narrow enough for a phone.
FUNNEL = (("new users and questionnaires", (
              ("New users", "new_users"), ("Questionnaires started", "started"),
              ("Questionnaires completed", "completed"), ("Not applicable", "not_applicable"))),
          ("people with a result", (
              ("People with a result", "finished"), ("Meet the threshold", "meeting"),
              ("Opened next steps", "next_steps"), ("Opened the report", "report"))),
          ("was it useful?", (
              ("Useful", "useful"), ("Not sure", "not_sure"), ("Not useful", "not_useful"),
              ("Gave a reason", "reasons"))),
          ("did they apply? (asked 60 days on)", (
              ("Applied", "applied"), ("Not yet", "not_yet"), ("Decided not to",
                                                               "decided_not"))))
STEPS = (("Links opened", "new_users"), ("Started", "started"), ("Completed", "completed"),
         ("Meet the threshold", "meeting"), ("Useful", "useful"), ("Applied", "applied"))
CHARTED = (("Started", "started"), ("Completed", "completed"), ("With a result", "finished"),
           ("Meet the threshold", "meeting"))
OUTCOMES = (("meets_threshold", "Meets the threshold"),
            ("undetermined", "Not settled yet (criteria unknown)"),
            ("below_threshold", "Below the threshold"),
            ("prerequisite_not_met", "A prerequisite not met"))
NOT_APPLICABLE = (("already_resident", "Already a Hong Kong permanent resident"),
                  ("nationality_excluded", "Nationality not eligible"))
CSS = """
:root { font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; color: #1a1a1a; }
body { max-width: 60rem; margin: 0 auto; padding: 1.5rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
section { break-inside: avoid-page; }
.lead { color: #444; margin: 0 0 1rem; }
.cards { display: flex; flex-wrap: wrap; gap: .6rem; margin: 1rem 0; padding: 0; }
.cards div { flex: 1 1 9rem; border: 1px solid #ccc; border-radius: 6px; padding: .5rem .7rem; }
.cards dt { font-size: .85rem; color: #444; } .cards dd { margin: 0; font-size: 1.5rem; }
svg.chart { width: 100%; height: auto; display: block; margin: .3rem 0 .6rem; }
svg.chart text { font-size: 13px; fill: #1a1a1a; } svg.chart .v { fill: #333; }
svg.chart .s { font-size: 10px; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin-bottom: .5rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .4rem; text-align: left;
         overflow-wrap: anywhere; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.n { white-space: nowrap; }
@media (max-width: 600px) { body { padding: .5rem; } table { font-size: .75rem; }
  th, td { padding: .2rem; } }
thead th { border-bottom: 2px solid #888; overflow-wrap: normal; hyphens: auto; }
.note { font-size: .85rem; color: #444; }
@media print { body { max-width: none; padding: 0; } h2 { break-after: avoid; }
  table { break-inside: auto; } tr { break-inside: avoid; } }
@page { size: A4; margin: 14mm; }
"""


def _count(n: Cell) -> str:
    return HIDDEN if n is None else format_decimal(n, locale=EN)


def _value(n: Cell, label: str | None = None) -> Value:
    """A bar that never shows a hidden count to scale (hatched up to the limit instead)."""
    if n is None:
        return Value(SMALL, label or HIDDEN, hidden=True)
    return Value(n, label or _count(n))


def _percent(fraction: float | None) -> str:
    return "–" if fraction is None else format_percent(fraction, locale=EN)


def _share(n: Cell, total: Cell) -> str:
    return _percent(share(n, total))


def _with_share(n: Cell, total: Cell) -> str:
    return f"{_count(n)} ({_share(n, total)})"


def language_name(code: str, *, short: bool = False) -> str:
    """A language in English, then (unless `short`) in its own words as the language menu
    shows them (`Language.native`: no other locale's data to load)."""
    if not code:
        return "(not recorded)"
    try:
        language = by_code(code)
    except KeyError:
        return code
    locale = Locale.parse(language.locale)
    if short:
        return str(Locale(locale.language, script=locale.script).get_display_name(EN) or code)
    english = locale.get_display_name(EN) or code
    return english if language.native == english else f"{english} · {language.native}"


def campaign_name(campaign: str) -> str:
    return campaign or "(no campaign)"


def _table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]],
           numeric_from: int = 1) -> str:
    """A table of plain-text cells; names go in <bdi> so Arabic ones keep their direction."""
    def cell(tag: str, i: int, text: str) -> str:
        if i >= numeric_from:
            return f'<{tag} class="n">{escape(text)}</{tag}>'
        return f"<{tag}><bdi>{escape(text)}</bdi></{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>"
                   for row in rows)
    return (f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def _section(anchor: str, heading: str, content: str, empty: bool = False) -> str:
    inner = '<p class="note">No data in this period.</p>' if empty else content
    return f'<section id="{anchor}"><h2>{escape(heading)}</h2>{inner}</section>'


def _funnel(anchor: str, heading: str, what: str, funnels: dict[str, dict[str, Cell]],
            name: dict[str, str], short: dict[str, str]) -> str:
    rows = [(short[key], [_value(f[k]) for _, k in CHARTED]) for key, f in funnels.items()]
    tables = "".join(_table(f"{heading}: {part}", [what, *(label for label, _ in columns)],
                            [[name[key], *(_count(f[k]) for _, k in columns)]
                             for key, f in funnels.items()])
                     for part, columns in FUNNEL)
    return _section(anchor, heading, bar_chart(anchor + "-chart", heading, rows,
                                               [label for label, _ in CHARTED]) + tables,
                    empty=not funnels)


def _placements(funnels: dict[str, dict[str, Cell]]) -> str:
    """Each campaign's people from the link to an application, step by step."""
    labels = [label for label, _ in STEPS]
    rows = [(campaign_name(name), [_value(f[key]) for _, key in STEPS])
            for name, f in funnels.items()]
    table = _table("From the link to an application, by campaign (people)", ["Campaign", *labels],
                   [[campaign_name(name), *(_count(f[key]) for _, key in STEPS)]
                    for name, f in funnels.items()])
    note = ("<p class='note'>Links opened: people whose first contact came through the "
            "campaign's link. Useful and applied: people who answered so when asked (both "
            "questions are optional; the second goes only to people who asked for "
            "reminders).</p>")
    return _section("placements", "Per placement: from the link to an application",
                    bar_chart("placements-chart", "People at each step, by campaign", rows,
                              labels) + table + note, empty=not funnels)


def _criteria(anchor: str, heading: str, counts: dict[int, Cell], titles: dict[int, str]) -> str:
    rows = [(f"{n}. {titles[n]}", [_value(c)]) for n, c in counts.items()]
    table = _table(heading, ["Criterion", "People"],
                   [[f"{n}. {titles[n]}", _count(c)] for n, c in counts.items()])
    return _section(anchor, heading, bar_chart(anchor + "-chart", heading, rows, ["People"])
                    + table, empty=not counts)


def report_filename(period: Period) -> str:
    """The name under which the report is saved or sent, e.g. qmas-stats-2026-11-01-2026-11-29."""
    return f"qmas-stats-{period.start.isoformat()}-{period.end.isoformat()}.html"


def stats_report_html(stats: Published, questionnaire: Questionnaire,
                      generated: date | None = None) -> str:
    """The whole report as one HTML document (UTF-8 text)."""
    en = Translator.for_code("en")
    period, total = stats.period, stats.total
    when = (f"{format_date(period.start, 'long', locale=EN)} to "
            f"{format_date(period.end, 'long', locale=EN)}")
    cards = [("New users", _count(total["new_users"])),
             ("Questionnaires started", _count(total["started"])),
             ("Questionnaires completed", _count(total["completed"])),
             ("Not applicable", _count(total["not_applicable"])),
             ("Completion rate", _percent(stats.completion_rate)),
             ("People with a result", _count(total["finished"])),
             ("Meeting the threshold", _with_share(total["meeting"], total["finished"]))]
    parts = [f"<h1>QMAS pre-screening: outreach report</h1><p class='lead'>{escape(when)}"
             f"{' · generated ' + format_date(generated, 'long', locale=EN) if generated else ''}"
             "</p><dl class='cards'>"
             + "".join(f"<div><dt>{k}</dt><dd>{escape(v)}</dd></div>" for k, v in cards) + "</dl>"]
    campaigns = {k: campaign_name(k) for k in stats.by_campaign}
    parts.append(_placements(stats.by_campaign))
    parts.append(_funnel("campaigns", "From start to result, by campaign", "Campaign",
                         stats.by_campaign, campaigns, campaigns))
    parts.append(_funnel("languages", "From start to result, by language", "Language",
                         stats.by_language,
                         {k: language_name(k) for k in stats.by_language},
                         {k: language_name(k, short=True) for k in stats.by_language}))
    order = [q for q in questionnaire.questions if q.id in stats.drop_off]
    drop_rows = [(en(q.prompt), [_value(stats.drop_off[q.id])]) for q in order]
    parts.append(_section(
        "drop-off", "Where unfinished questionnaires stop",
        bar_chart("drop-off-chart", "Unfinished questionnaires by the question they wait at",
                  drop_rows, ["Unfinished questionnaires"])
        + _table("Unfinished questionnaires by the question they wait at",
                 ["Question", "Unfinished questionnaires"],
                 [[en(q.prompt), _count(stats.drop_off[q.id])] for q in order]),
        empty=not order))
    people, outcomes = total["finished"], [(label, stats.outcomes[key]) for key, label in OUTCOMES]
    apart = [(label, stats.outcomes[key]) for key, label in NOT_APPLICABLE]
    parts.append(_section(
        "outcomes", "Outcomes (latest result of each person)",
        bar_chart("outcomes-chart", "People by outcome",
                  [(label, [_value(n, _with_share(n, people))]) for label, n in outcomes],
                  ["People"])
        + _table("People by outcome", ["Outcome", "People", "Share"],
                 [[label, _count(n), _share(n, people)] for label, n in outcomes])
        + _table("Not applicable: QMAS is not for these people (not in the shares above)",
                 ["Outcome", "People"], [[label, _count(n)] for label, n in apart])))
    rules = ruleset_for(max(period.end, all_rulesets()[0].effective))  # a period before 2024
    titles = {n: en(text) for n, text in criterion_titles(rules.criteria).items()}
    parts.append(_criteria("missed", "Criteria most often not met", stats.missed, titles))
    parts.append(_criteria("unsettled", "Criteria most often unsettled (answered “not sure” or "
                           "not reached)", stats.unsettled, titles))
    weekly = ["New users", "Questionnaires started", "Questionnaires completed"]
    parts.append(_section(
        "weeks", "Week by week",
        column_chart("weeks-chart", "New users, questionnaires started and completed per week",
                     [(format_date(start, "d MMM", locale=EN), [_value(w[k]) for k in WEEKLY])
                      for start, w in stats.weeks], weekly)
        + _table("Per week (weeks start on Monday; the first is cut at the period's start)",
                 ["Week from", *weekly],
                 [[format_date(start, "medium", locale=EN), *(_count(w[k]) for k in WEEKLY)]
                  for start, w in stats.weeks])))
    parts.append(
        "<p class='note'>Counts are people unless they say questionnaires; a questionnaire "
        "completed again with the same answers is counted once. New users, questionnaires "
        "started and completed include people who later deleted their data; results count "
        "the latest result of each person still held. “Not applicable” results (already a "
        "permanent resident, or a nationality QMAS excludes) are kept out of the completion "
        "rate, the shares and the criteria. A campaign is credited from the moment its link "
        "was opened. To protect privacy any figure under 5 shows as “&lt; 5” (hatched bars are "
        "not to scale), and so does the smallest other figure of a table column whose total is "
        "shown; shares of such figures show as “–”. Definitions: docs/statistics.md.</p>")
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>QMAS outreach report, {escape(when)}</title><style>{CSS}</style></head>"
            f"<body>{''.join(parts)}</body></html>")
