"""Admin use cases: outreach statistics (the front end checks the caller is an admin)."""

from __future__ import annotations

import asyncio
from datetime import date

from bot.chat.messages import Document, Out, Response
from bot.chat.turn import Deps, Turn
from bot.common.markup import Markup
from bot.engine.questions import Questionnaire
from bot.i18n.text import t
from bot.i18n.translator import Translator
from bot.stats.cells import publish
from bot.stats.figures import Stats
from bot.stats.page import report_filename, stats_report_html
from bot.stats.period import period_of_days
from bot.stats.text import render_stats, stats_usage


async def stats(deps: Deps, turn: Turn) -> Response:
    """/stats [days]: the figures for the last `days` days (default 30) as text, and the HTML
    report with charts as a document; writes nothing. The figures are computed and rendered
    in worker threads, so other users' replies do not wait for them."""
    today = deps.today()
    period = period_of_days(turn.arg, today)
    if period is None:
        return deps.views.say(turn.tr, stats_usage())
    text, html = await asyncio.to_thread(_rendered, await deps.stats(period), turn.tr,
                                         deps.views.m, deps.engine.questionnaire, today)
    report = Document(report_filename(period), html.encode("utf-8"),
                      turn.tr(t("The statistics as a report with charts: open it in a browser.")))
    return Response((Out(text),), documents=(report,), language=turn.tr.language.code)


def _rendered(found: Stats, tr: Translator, m: Markup, questionnaire: Questionnaire,
              today: date) -> tuple[str, str]:
    """The text and the HTML page, from the same published cells."""
    shown = publish(found)
    return render_stats(shown, tr, m), stats_report_html(shown, questionnaire, generated=today)
