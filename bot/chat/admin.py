"""Admin use cases: outreach statistics (the front end checks the caller is an admin)."""

from __future__ import annotations

from datetime import timedelta

from bot.chat.messages import Out, Response
from bot.chat.turn import Deps, Turn
from bot.report.stats import render_stats
from bot.storage.stats import Period


async def stats(deps: Deps, turn: Turn, days: str) -> Response:
    """/stats [days]: outreach figures for the last `days` days (default 30); writes nothing."""
    span = int(days) if days.isdecimal() and 0 < int(days) <= 3660 else 30
    today = deps.today()
    figures = await deps.stats(Period(today - timedelta(days=span - 1), today))
    return Response((Out(render_stats(figures, turn.tr, deps.views.m)),),
                    language=turn.tr.language.code)
