"""The statistics as text for admins, in their language, from the published cells."""

from __future__ import annotations

from collections.abc import Mapping

from babel.numbers import format_percent

from bot.common.markup import Markup
from bot.i18n.text import Text, t
from bot.i18n.translator import Translator
from bot.stats.cells import HIDDEN, STEPS, Cell, Published
from bot.stats.period import DEFAULT_DAYS, MAX_DAYS


def stats_usage() -> Text:
    """The answer to `/stats` with an argument that is not a number of days."""
    return t("Usage: /stats [days], where days is a whole number from 1 to {most} (default: "
             "{default}).", most=MAX_DAYS, default=DEFAULT_DAYS)


def cell_text(cell: Cell, tr: Translator) -> str:
    """A count in the reader's digits, or "< 5" when it is not shown."""
    return HIDDEN if cell is None else tr(cell)


def share_text(share: float | None, tr: Translator) -> str:
    return "–" if share is None else str(format_percent(share, locale=tr.locale))


def render_stats(shown: Published, tr: Translator, m: Markup) -> str:
    """A compact report: totals, then breakdowns, most frequent first. Every row of a
    breakdown is listed, so that a hidden count is never the total minus the listed ones."""
    def pairs(cells: Mapping[str, Cell] | Mapping[int, Cell]) -> str:
        return ", ".join(f"{key or '-'}: {cell_text(value, tr)}"
                         for key, value in cells.items()) or "-"

    def column(table: Mapping[str, Mapping[str, Cell]], key: str) -> dict[str, Cell]:
        rows = [(name, row[key]) for name, row in table.items()]
        return dict(sorted(rows, key=lambda kv: -(kv[1] or 0)))

    total = shown.total
    lines = [
        m.bold(tr(t("Statistics from {start} to {end}", start=shown.period.start,
                    end=shown.period.end))),
        tr(t("New users: {users}. Questionnaires started: {started}, completed: {completed}.",
             users=cell_text(total["new_users"], tr), started=cell_text(total["started"], tr),
             completed=cell_text(total["completed"], tr))),
        tr(t("Not applicable (already a Hong Kong permanent resident, or a nationality QMAS "
             "excludes): {count}. Completion rate: {rate}.",
             count=cell_text(total["not_applicable"], tr),
             rate=share_text(shown.completion_rate, tr))),
        tr(t("Meeting the threshold: {meeting} of {people} people with a result ({share}).",
             meeting=cell_text(total["meeting"], tr), people=cell_text(total["finished"], tr),
             share=share_text(shown.share_meeting, tr))),
        tr(t("Completed by language: {pairs}", pairs=pairs(column(shown.by_language,
                                                                  "completed")))),
        tr(t("Completed by campaign: {pairs}", pairs=pairs(column(shown.by_campaign,
                                                                  "completed")))),
        tr(t("Where unfinished questionnaires stopped: {pairs}", pairs=pairs(shown.drop_off))),
        tr(t("Criteria most often not met (criterion: times): {pairs}",
             pairs=pairs(shown.missed))),
        tr(t("Opened the next steps / the report, by campaign (users): {pairs}", pairs=", ".join(
            f"{name or '-'}: {cell_text(row['next_steps'], tr)}/{cell_text(row['report'], tr)}"
            for name, row in shown.by_campaign.items()) or "-")),
        tr(t("Was it useful (people): yes {useful}, not sure {not_sure}, no {not_useful}; gave "
             "a reason: {reasons}.", useful=cell_text(total["useful"], tr),
             not_sure=cell_text(total["not_sure"], tr),
             not_useful=cell_text(total["not_useful"], tr),
             reasons=cell_text(total["reasons"], tr))),
        tr(t("Did they apply, asked 60 days on (people): applied {applied}, not yet {not_yet}, "
             "decided not to {decided_not}.", applied=cell_text(total["applied"], tr),
             not_yet=cell_text(total["not_yet"], tr),
             decided_not=cell_text(total["decided_not"], tr))),
        tr(t("Useful / applied, by language (people): {pairs}", pairs=", ".join(
            f"{name or '-'}: {cell_text(row['useful'], tr)}/{cell_text(row['applied'], tr)}"
            for name, row in shown.by_language.items()) or "-")),
        tr(t("By campaign, links opened → started → completed → meeting the threshold → useful "
             "→ applied: {rows}", rows="; ".join(
                 f"{name or '-'}: " + " → ".join(cell_text(row[key], tr) for key in STEPS)
                 for name, row in shown.by_campaign.items()) or "-")),
        tr(t("Reminders sent: {sent}, cancelled: {cancelled}, blocked by the user: {blocked}.",
             sent=cell_text(shown.reminders["sent"], tr),
             cancelled=cell_text(shown.reminders["cancelled"], tr),
             blocked=cell_text(shown.reminders["blocked"], tr))),
        tr(t("Reminders whose delivery is unknown (the connection failed after sending; never "
             "resent): {uncertain}.", uncertain=cell_text(shown.reminders["uncertain"], tr)))]
    return "\n".join([lines[0], *(m.escape(line) for line in lines[1:])])
