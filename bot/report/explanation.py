"""A finding's explanation as the reader sees it, marked when it rests on a provisional
interpretation."""

from __future__ import annotations

from bot.i18n.stops import before_final_stop
from bot.i18n.text import t
from bot.i18n.translator import Translator
from bot.scoring.model import Finding, Status


def explanation(finding: Finding, tr: Translator) -> str:
    """The explanation in the reader's language, with "(provisional)" before its final stop when
    the finding rests on an unofficial interpretation; one that is not settled already says so,
    and is not marked (as the note on provisional results counts only settled ones)."""
    shown = tr(finding.explanation)
    if not finding.provisional or finding.status is Status.UNKNOWN:
        return shown
    return before_final_stop(tr, shown, lambda body: t("{explanation} (provisional)",
                                                        explanation=body))
