"""The outreach statistics as one self-contained HTML page: inline CSS and SVG, no outside resource.

Written for the outreach teams in English (issue 16), with language and campaign names as users
see them and numbers formatted by Babel. Aggregates only: a count under 5 people is "< 5".
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
from bot.report.svg import Value, bar_chart, column_chart
from bot.rules.ruleset import all_rulesets, ruleset_for
from bot.scoring.criteria import criterion_titles
from bot.storage.stats import Funnel, Stats

SMALL = 5                  # counts below this are never shown
HIDDEN = "< 5"
EN = Locale.parse("en")
FUNNEL = (("Started", "started"), ("Got a result", "finished"),
          ("Questionnaires completed", "completed"), ("Meet the threshold", "meeting"),
          ("Opened next steps", "next_steps"), ("Opened the report", "report"))
CHARTED = ("started", "finished", "meeting", "next_steps", "report")
OUTCOMES = (("meets_threshold", "Meets the threshold"),
            ("undetermined", "Not settled yet (criteria unknown)"),
            ("below_threshold", "Below the threshold"),
            ("prerequisite_not_met", "A prerequisite not met"),
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


def _count(n: int) -> str:
    return HIDDEN if n < SMALL else format_decimal(n, locale=EN)


def _value(n: int, label: str | None = None) -> Value:
    """A bar that never shows a small count to scale (hatched up to the limit instead)."""
    if n < SMALL:
        return Value(SMALL, HIDDEN, hidden=True)
    return Value(n, label or _count(n))


def _share(n: int, total: int) -> str:
    return format_percent(n / total, locale=EN) if n >= SMALL and total >= SMALL else "–"


def _with_share(n: int, total: int) -> str:
    return f"{_count(n)} ({_share(n, total)})"


def language_name(code: str, *, short: bool = False) -> str:
    """A language in English, then (unless `short`) in its own words, as users pick it."""
    if not code:
        return "(not recorded)"
    try:
        locale = Locale.parse(by_code(code).locale)
    except KeyError:
        return code
    if short:
        return str(Locale(locale.language, script=locale.script).get_display_name(EN) or code)
    own, english = locale.get_display_name(locale) or code, locale.get_display_name(EN) or code
    return english if own == english else f"{english} · {own}"


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


def _funnel(anchor: str, heading: str, what: str, funnels: dict[str, Funnel],
            name: dict[str, str], short: dict[str, str]) -> str:
    labels = [label for label, key in FUNNEL if key in CHARTED]
    rows = [(short[key], [_value(getattr(f, k)) for k in CHARTED]) for key, f in funnels.items()]
    table = _table(f"{heading} (people; questionnaires in their own column)",
                   [what, *(label for label, _ in FUNNEL)],
                   [[name[key], *(_count(getattr(f, k)) for _, k in FUNNEL)]
                    for key, f in funnels.items()])
    return _section(anchor, heading, bar_chart(anchor + "-chart", heading, rows, labels) + table,
                    empty=not funnels)


def _criteria(anchor: str, heading: str, counts: dict[int, int], titles: dict[int, str]) -> str:
    rows = [(f"{n}. {titles[n]}", [_value(c)]) for n, c in counts.items()]
    table = _table(heading, ["Criterion", "People"],
                   [[f"{n}. {titles[n]}", _count(c)] for n, c in counts.items()])
    return _section(anchor, heading, bar_chart(anchor + "-chart", heading, rows, ["People"])
                    + table, empty=not counts)


def report_filename(stats: Stats) -> str:
    """The name under which the report is saved or sent, e.g. qmas-stats-2026-11-01-2026-11-29."""
    return f"qmas-stats-{stats.period.start.isoformat()}-{stats.period.end.isoformat()}.html"


def stats_report_html(stats: Stats, questionnaire: Questionnaire,
                      generated: date | None = None) -> str:
    """The whole report as one HTML document (UTF-8 text)."""
    en = Translator.for_code("en")
    period = stats.period
    when = (f"{format_date(period.start, 'long', locale=EN)} to "
            f"{format_date(period.end, 'long', locale=EN)}")
    cards = [("New users", _count(stats.new_users)), ("People who started", _count(stats.started)),
             ("People with a result", _count(stats.finished)),
             ("Questionnaires completed", _count(stats.completed)),
             ("Meeting the threshold", _with_share(stats.meeting_threshold, stats.finished))]
    parts = [f"<h1>QMAS pre-screening: outreach report</h1><p class='lead'>{escape(when)}"
             f"{' · generated ' + format_date(generated, 'long', locale=EN) if generated else ''}"
             "</p><dl class='cards'>"
             + "".join(f"<div><dt>{k}</dt><dd>{escape(v)}</dd></div>" for k, v in cards) + "</dl>"]
    campaigns = {k: campaign_name(k) for k in stats.funnel_by_campaign}
    parts.append(_funnel("campaigns", "From start to result, by campaign", "Campaign",
                         stats.funnel_by_campaign, campaigns, campaigns))
    parts.append(_funnel("languages", "From start to result, by language", "Language",
                         stats.funnel_by_language,
                         {k: language_name(k) for k in stats.funnel_by_language},
                         {k: language_name(k, short=True) for k in stats.funnel_by_language}))
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
    total, outcomes = stats.finished, [(label, stats.outcomes.get(key, 0))
                                       for key, label in OUTCOMES]
    parts.append(_section(
        "outcomes", "Outcomes (latest result of each person)",
        bar_chart("outcomes-chart", "People by outcome",
                  [(label, [_value(n, _with_share(n, total))]) for label, n in outcomes],
                  ["People"])
        + _table("People by outcome", ["Outcome", "People", "Share"],
                 [[label, _count(n), _share(n, total)] for label, n in outcomes]),
        empty=not total))
    rules = ruleset_for(max(period.end, all_rulesets()[0].effective))  # a period before 2024
    titles = {n: en(text) for n, text in criterion_titles(rules.criteria).items()}
    parts.append(_criteria("missed", "Criteria most often not met", stats.missed, titles))
    parts.append(_criteria("unsettled", "Criteria most often unsettled (answered “not sure” or "
                           "not reached)", stats.unsettled, titles))
    weekly = ["New users", "Started", "Questionnaires completed"]
    parts.append(_section(
        "weeks", "Week by week",
        column_chart("weeks-chart", "New users, starts and completions per week",
                     [(format_date(w.start, "d MMM", locale=EN),
                       [_value(w.new_users), _value(w.started), _value(w.completed)])
                      for w in stats.weeks], weekly)
        + _table("Per week (weeks start on Monday; the first is cut at the period's start)",
                 ["Week from", *weekly],
                 [[format_date(w.start, "medium", locale=EN), _count(w.new_users),
                   _count(w.started), _count(w.completed)] for w in stats.weeks])))
    parts.append(
        "<p class='note'>Counts are people unless they say questionnaires; a person who sends "
        "the same answers again is counted once. To protect privacy any figure under 5 shows "
        "as “&lt; 5” (hatched bars are not to scale) and shares of such figures as “–”. "
        "“Opened next steps” and “Opened the report” count people who opened those links "
        "from their result.</p>")
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>QMAS outreach report, {escape(when)}</title><style>{CSS}</style></head>"
            f"<body>{''.join(parts)}</body></html>")
