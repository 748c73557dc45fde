"""Other names for a question's options, as data ("MSc" and "碩士" mean a master's degree)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from bot.i18n.fold import words
from bot.replies.informal import word_table


@cache
def _synonyms(field: str) -> Mapping[str, str]:
    return {words(word): value for word, value in word_table(field).items()}


def parse_synonym(text: str, field: str) -> str | None:
    """The option value a whole reply names in the `field` table of any language, else None."""
    return _synonyms(field).get(words(text))
