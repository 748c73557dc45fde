"""The statistics as text for admins, in their language."""

from __future__ import annotations

from bot.i18n.text import Text, t
from bot.i18n.translator import Translator
from bot.report.follow_up import render_follow_up
from bot.report.markup import Markup
from bot.storage.figures import Figures
from bot.storage.stats import DEFAULT_DAYS, MAX_DAYS, Stats


def stats_usage() -> Text:
    """The answer to `/stats` with an argument that is not a number of days."""
    return t("Usage: /stats [days], where days is a whole number from 1 to {most} (default: "
             "{default}).", most=MAX_DAYS, default=DEFAULT_DAYS)


def render_stats(stats: Stats, tr: Translator, m: Markup) -> str:
    """A compact report: totals, then breakdowns, most frequent first."""
    def pairs(counts: dict[str, int] | dict[int, int], limit: int = 8) -> str:
        return ", ".join(f"{key or '-'}: {tr(value)}"
                         for key, value in list(counts.items())[:limit]) or "-"

    lines = [
        m.bold(tr(t("Statistics from {start} to {end}", start=stats.period.start,
                    end=stats.period.end))),
        m.escape(tr(t("New users: {users}. Questionnaires started: {started}, completed: "
                      "{completed}.", users=stats.new_users, started=stats.started,
                      completed=stats.completed))),
        m.escape(tr(t("Meeting the threshold: {meeting} ({share}%).",
                      meeting=stats.meeting_threshold, share=round(stats.share_meeting * 100)))),
        m.escape(tr(t("Completed by language: {pairs}", pairs=pairs(stats.by_language)))),
        m.escape(tr(t("Completed by campaign: {pairs}", pairs=pairs(stats.by_campaign)))),
        m.escape(tr(t("Where unfinished questionnaires stopped: {pairs}",
                      pairs=pairs(stats.drop_off)))),
        m.escape(tr(t("Criteria most often not met (criterion: times): {pairs}",
                      pairs=pairs(stats.missed, 12)))),
    ]
    return "\n".join(lines)


def render_figures(figures: Figures, tr: Translator, m: Markup) -> str:
    """The statistics, then who opened the follow-ups and what the reminders did."""
    sent = figures.reminders
    return "\n".join([
        render_stats(figures.stats, tr, m), render_follow_up(figures.opened, tr, m),
        m.escape(tr(t("Reminders sent: {sent}, cancelled: {cancelled}, blocked by the user: "
                      "{blocked}.", sent=sent["sent"], cancelled=sent["cancelled"],
                      blocked=sent["blocked"])))])
