"""The whole result as one self-contained HTML document a user can keep, print or forward.

Inline CSS only and no external resource (no fonts, images or scripts fetched), so it opens
offline and leaks nothing; a print stylesheet gives clean A4 pages. It never holds a user id.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from html import escape
from typing import NamedTuple

from bot.i18n.text import AfterColon, t
from bot.i18n.translator import Translator
from bot.report.explanation import explanation
from bot.report.next_steps import evidence_groups, next_steps
from bot.report.next_steps_text import group_title
from bot.report.sources import first_mentions, source_title
from bot.report.style import CSS
from bot.report.text import GATED, headline, rules_as_of
from bot.rules.checklist import checklist
from bot.rules.ruleset import Source
from bot.scoring.answers import Answers
from bot.scoring.model import Assessment, Check, Outcome, Status

STATUS_LABEL = {Status.MET: t("Met"), Status.NOT_MET: t("Not met"),
                Status.UNKNOWN: t("Not settled")}


def _e(text: str) -> str:
    return escape(text, quote=True)


def _link(source: Source, tr: Translator) -> str:
    """A link that still reads on paper: the title, then the address itself.

    Both are isolated (`bdi`) so that English titles and addresses keep their order in Arabic;
    the title is in the reader's language (saying so when the page is in another one) and
    ImmD's page in the reader's script.
    """
    url = _e(source.url_for(tr.language.code))
    return f'<bdi>{_e(source_title(source, tr))}</bdi><br><a href="{url}"><bdi>{url}</bdi></a>'


def _items(values: Iterable[str], tag: str = "ul", cls: str = "") -> str:
    body = "".join(f"<li>{value}</li>" for value in values)
    attribute = f' class="{cls}"' if cls else ""
    return f"<{tag}{attribute}>{body}</{tag}>" if body else ""


def _check(check: Check, tr: Translator, changes: bool) -> str:
    """One prerequisite, criterion or route: status badge, title, reason, what would change it."""
    finding = check.finding
    number = f'<span class="num">{check.number}</span>' if check.number else ""
    change = ""
    if changes and finding.how_to_meet is not None and check.status is not Status.MET:
        label = tr(t("What would change it:"))
        space = "" if label.endswith("：") else " "   # a full-width colon carries its own space
        how = tr(AfterColon(finding.how_to_meet))
        change = f'<p class="how"><b>{_e(label)}</b>{space}{_e(how)}</p>'
    return (f'<div class="check {check.status}" id="{_e(check.id)}">'
            f'<p class="head">{number}<span class="badge">{_e(tr(STATUS_LABEL[check.status]))}'
            f'</span> <b>{_e(tr(check.title))}</b></p>'
            f'<p class="why">{_e(explanation(finding, tr))}</p>{change}</div>')


def _section(key: str, title: str, body: str) -> str:
    """A titled part of the report; `key` names it for links and tests, in every language."""
    return f'<section id="{key}"><h2>{_e(title)}</h2>{body}</section>' if body else ""


def _summary(a: Assessment, tr: Translator) -> str:
    tone = {Outcome.MEETS_THRESHOLD: "met", Outcome.UNDETERMINED: "unknown"}.get(a.outcome,
                                                                                 "not_met")
    body = f'<p class="headline">{_e(tr(headline(a)))}</p>'
    if a.outcome in GATED and not a.final:   # the headline gives the gate, not the count
        count = tr(t("{met} of 12 criteria met", met=a.met_count))
        body += f"<p>{_e(count)}</p>"
    return f'<section id="summary" class="{tone}">{body}</section>'


def _what_if(a: Assessment, tr: Translator) -> str:
    w = a.what_if
    if w.gate is not None:
        lines = [tr(w.gate)]
    elif w.needed == 0:
        lines = [tr(t("You already meet the threshold; each further criterion you meet counts in "
                      "your favour."))]
    elif not w.reachable:
        lines = [tr(t("No realistic change would bring you to the threshold; see the other routes "
                      "below."))]
    else:
        lines = [tr(t("You need {needed} more. The quickest way:", needed=w.needed))]
        lines += [tr(s.said) for s in w.plan]
    lines += [tr(warning) for warning in w.warnings]
    return _items(_e(line) for line in lines)


def _other_routes(a: Assessment, tr: Translator) -> str:
    """Achievement test and TTPS as assessed, then the unscored routes with their pages."""
    checks = "".join(_check(c, tr, changes=False) for c in (a.achievement_test, *a.alternatives))
    pages = first_mentions(r.source for r in a.other_routes)
    extra = [_e(tr(r.text)) + (f"<br>{_link(page, tr)}" if page else "")
             for r, page in zip(a.other_routes, pages, strict=True)]
    return checks + _items(extra)


def _next_steps(a: Assessment, answers: Answers, tr: Translator) -> str:
    steps = next_steps(a, answers, in_chat=False)
    lists = "".join((f'<p class="lead">{_e(tr(part.lead))}</p>' if part.lead else "")
                    + _items((_e(tr(s)) for s in part.items), "ol") for part in steps.lists)
    return (lists
            + _items(_e(tr(n)) for n in steps.notes)
            + _items((_link(s, tr) for s in steps.links), cls="links"))


def _prepare(a: Assessment, answers: Answers, tr: Translator) -> str:
    groups = evidence_groups(a, answers)
    if not groups:
        return ""
    facts = checklist()
    note = tr(t("Typical evidence, as a guide: ImmD's own checklist in Part III of the Guidance "
                "Notes is the authority, and ImmD may ask for originals."))
    intro = f'<p class="note">{_e(note)}</p><p>{_link(facts.guidance, tr)}</p>'
    blocks = []
    for group in groups:
        items = _items(f"☐ {_e(tr(item.text))}" for item in group.items)
        blocks.append(f'<div class="group"><h3>{_e(group_title(group, tr))}</h3>{items}</div>')
    return intro + "".join(blocks)


def _about(a: Assessment, tr: Translator) -> str:
    rules = a.rules
    lines = [tr(rules_as_of(a))]
    lines += [tr(note) for note in a.notes]
    sources = [_link(s, tr) for s in rules.sources if s.url]
    disclaimer = tr(t("This is a pre-screening, not legal advice: meeting the threshold is not "
                      "approval. The Immigration Department decides."))
    return (_items(_e(line) for line in lines) + _items(sources, cls="links")
            + f'<p class="disclaimer">{_e(disclaimer)}</p>')


# Said first by a report made before the last question was answered.
UNFINISHED = (t("Your questionnaire is not finished yet."),
              t("This result uses your answers so far; unanswered questions count as unknown."))


def render_html(a: Assessment, answers: Answers, tr: Translator, made_at: datetime,
                unfinished: bool = False) -> str:
    """The report in the translator's language, right-to-left where the script is; one made
    before the questionnaire's end says so first."""
    language = tr.language
    made = made_at.astimezone(UTC)
    title = tr(t("QMAS pre-screening report"))
    meta = tr(t("Made on {date} at {time} UTC, under the rules in force since {effective}.",
                date=made.date(), time=made.strftime("%H:%M"), effective=a.rules.effective))
    warning = (f"<p class=\"unfinished\"><strong>{_e(' '.join(tr(x) for x in UNFINISHED))}"
               "</strong></p>") if unfinished else ""
    body = "".join([
        f"<header>{warning}<h1>{_e(title)}</h1><p class=\"meta\">{_e(meta)}</p></header>",
        _summary(a, tr),
        _section("prerequisites", tr(t("Prerequisites")), "".join(
            _check(c, tr, changes=True) for c in (a.nationality_check, *a.prerequisites))),
        _section("criteria", tr(t("The 12 criteria ({met} of 12 met)", met=a.met_count)),
                 "".join(_check(c, tr, changes=True) for c in a.criteria)),
        _section("what-if", tr(t("What would change the result")), _what_if(a, tr)),
        _section("other-routes", tr(t("Other routes")), _other_routes(a, tr)),
        _section("next-steps", tr(t("Next steps")), _next_steps(a, answers, tr)),
        _section("prepare", tr(t("What to prepare")), _prepare(a, answers, tr)),
        _section("about", tr(t("About this result")), _about(a, tr)),
    ])
    direction = "rtl" if language.rtl else "ltr"
    lang = language.locale.replace("_", "-")
    return (f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{CSS}</style></head><body>{body}</body></html>\n")


class ReportDocument(NamedTuple):
    """What a chat sends: the file name, the UTF-8 document and a caption in the user's language."""

    filename: str
    content: bytes
    caption: str


def report_document(a: Assessment, answers: Answers, tr: Translator, made_at: datetime,
                    unfinished: bool = False) -> ReportDocument:
    """The report ready to send as a chat attachment (`text/html`); an unfinished one says so
    on the caption's first line too."""
    filename = f"qmas-report-{made_at.astimezone(UTC):%Y-%m-%d}-{tr.language.code}.html"
    caption = tr(t("Your QMAS pre-screening report: open it in a browser to read it, print it or "
                   "save it as a PDF."))
    if unfinished:
        caption = " ".join(tr(x) for x in UNFINISHED) + "\n" + caption
    html = render_html(a, answers, tr, made_at, unfinished)
    return ReportDocument(filename, html.encode("utf-8"), caption)
