"""The follow-up statistics for admins: how many opened the next steps and the report."""

from __future__ import annotations

from bot.i18n.text import t
from bot.i18n.translator import Translator
from bot.report.markup import Markup
from bot.storage.follow_up import Opened


def render_follow_up(opened: dict[str, Opened], tr: Translator, m: Markup) -> str:
    """One line: per campaign, users who opened the next steps / the report."""
    pairs = ", ".join(f"{campaign}: {tr(o.next_steps)}/{tr(o.report)}"
                      for campaign, o in opened.items()) or "-"
    return m.escape(tr(t("Opened the next steps / the report, by campaign (users): {pairs}",
                         pairs=pairs)))
