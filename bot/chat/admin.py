"""Admin use cases: outreach statistics (the front end checks the caller is an admin)."""

from __future__ import annotations

from bot.chat.messages import Document, Out, Response
from bot.chat.turn import Deps, Turn
from bot.i18n.text import t
from bot.report.stats import render_figures, stats_usage
from bot.report.stats_html import stats_report_html
from bot.storage.stats import period_of_days


async def stats(deps: Deps, turn: Turn, days: str) -> Response:
    """/stats [days]: the figures for the last `days` days (default 30) as text, and the HTML
    report with charts as a document; writes nothing."""
    today = deps.today()
    period = period_of_days(days, today)
    if period is None:
        return deps.views.say(turn.tr, stats_usage())
    found = await deps.stats(period)
    html = stats_report_html(found.stats, deps.engine.questionnaire, generated=today)
    report = Document(f"qmas-stats-{period.start}-{period.end}.html", html.encode("utf-8"),
                      turn.tr(t("The statistics as a report with charts: open it in a browser.")))
    return Response((Out(render_figures(found, turn.tr, deps.views.m)),), documents=(report,),
                    language=turn.tr.language.code)
