"""Admin use cases: outreach statistics (the front end checks the caller is an admin)."""

from __future__ import annotations

from bot.chat.messages import Document, Out, Response
from bot.chat.turn import Deps, Turn
from bot.i18n.text import t
from bot.report.stats import render_stats, stats_usage
from bot.report.stats_cells import publish
from bot.report.stats_html import report_filename, stats_report_html
from bot.storage.stats import period_of_days


async def stats(deps: Deps, turn: Turn, days: str) -> Response:
    """/stats [days]: the figures for the last `days` days (default 30) as text, and the HTML
    report with charts as a document; writes nothing. The figures are computed off the event
    loop (`Deps.stats`), so other users' replies do not wait for them."""
    today = deps.today()
    period = period_of_days(days, today)
    if period is None:
        return deps.views.say(turn.tr, stats_usage())
    shown = publish(await deps.stats(period))
    html = stats_report_html(shown, deps.engine.questionnaire, generated=today)
    report = Document(report_filename(period), html.encode("utf-8"),
                      turn.tr(t("The statistics as a report with charts: open it in a browser.")))
    return Response((Out(render_stats(shown, turn.tr, deps.views.m)),), documents=(report,),
                    language=turn.tr.language.code)
