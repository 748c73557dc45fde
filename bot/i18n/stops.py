"""A mark added to a sentence goes before its final stop: "需要2年（暫定）。", "… (provisional)."
"""

from __future__ import annotations

from collections.abc import Callable

from bot.i18n.text import Text
from bot.i18n.translator import Translator

# Full stops and the other sentence-final marks of our languages: Latin, CJK full-width,
# Devanagari danda (hi, ne), Arabic question mark.
FINAL_STOPS = frozenset(".。．!！?？।؟")


def split_final_stop(sentence: str) -> tuple[str, str]:
    """The sentence without its final stop, and that stop ("" when it has none)."""
    body = sentence.rstrip()
    if body and body[-1] in FINAL_STOPS:
        return body[:-1], body[-1]
    return body, ""


def before_final_stop(tr: Translator, sentence: str, wrap: Callable[[str], Text]) -> str:
    """`wrap` ("{explanation} (provisional)") applied to the rendered `sentence` without its final
    stop, the stop put back after it, so the mark stays inside the sentence in every language."""
    body, stop = split_final_stop(sentence)
    return tr(wrap(body)) + stop
