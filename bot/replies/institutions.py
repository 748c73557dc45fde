"""A typed institution's name without the words around it ("I graduated from MIT", "東京大学を
卒業しました", "서울대 나왔어요"): the list knows names, not sentences."""

from __future__ import annotations

import re
from functools import cache

from bot.i18n.fold import is_wide
from bot.replies.words import word_list

_PUNCTUATION = " .!。！,，、"


@cache
def _words(*fields: str) -> tuple[str, ...]:
    """The words of the fields, case-folded, longest first ("을 졸업했어요" before "졸업")."""
    return tuple(sorted({word.casefold() for field in fields for word in word_list(field)},
                        key=len, reverse=True))


def _after_opener(text: str) -> str:
    for word in _words("institution_openers"):
        rest = text[len(word):]
        if text[:len(word)].casefold() == word and rest[:1].isspace() and rest.strip():
            return rest.strip()
    return text


def _before_ending(text: str) -> str:
    for word in _words("institution_endings", "copulas"):
        rest = text[:len(text) - len(word)].rstrip()
        # A spaced ending ("IIT है") follows a space; a CJK one may be attached ("京大です").
        attached = is_wide(word[0]) or len(rest) < len(text) - len(word)
        if text[len(text) - len(word):].casefold() == word and rest and attached:
            return rest
    return text


def bare_name(text: str) -> str:
    """`text` without the opening words and the ending (a copula, "graduated") around a name,
    when a name is left."""
    return _before_ending(_after_opener(text.strip(_PUNCTUATION))).strip(_PUNCTUATION)


@cache
def _separator() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, word_list("name_separators"))))


def several_names(text: str) -> tuple[str, ...]:
    """The names of a message listing several ("서울대, 카이스트、東大"), each stripped."""
    return tuple(part.strip() for part in _separator().split(text) if part.strip())
