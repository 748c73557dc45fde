"""A typed institution's name without the words around it ("I graduated from MIT", "東京大学を
卒業しました", "서울대 나왔어요"): the list knows names, not sentences."""

from __future__ import annotations

import re
from functools import cache

from bot.replies.words import without_ending, without_opening, word_list

_PUNCTUATION = " .!。！,，、"


def bare_name(text: str) -> str:
    """`text` without the opening words and the ending (a copula, "graduated") around a name,
    when a name is left."""
    opened = without_opening(text.strip(_PUNCTUATION), "institution_openers")
    return without_ending(opened, "institution_endings", "copulas").strip(_PUNCTUATION)


@cache
def _separator() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, word_list("name_separators"))))


def several_names(text: str) -> tuple[str, ...]:
    """The names of a message listing several ("서울대, 카이스트、東大"), each stripped."""
    return tuple(part.strip() for part in _separator().split(text) if part.strip())
