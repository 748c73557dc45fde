"""Reading yes, no, "not sure" and "none" replies in any of our languages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache

from bot.i18n.fold import folded, words
from bot.replies.errors import read_or_none
from bot.replies.numbers import parse_number
from bot.replies.words import word_list
from bot.scoring.answers import Tri

_FIELDS = {Tri.YES: "yes", Tri.NO: "no", Tri.UNSURE: "unsure"}
_JOINED = re.compile("\u200d.")
_CLAUSE_END = re.compile(r"[,.;!?，。、！？،؛؟]")


def reply_key(text: str) -> str:
    """The words of a reply, or for a reply of emoji only the emoji ("👍🏽" and "🤷‍♀️" are "👍"
    and "🤷": skin tones and what a zero-width joiner adds are left out)."""
    return words(text) or "".join(c for c in _JOINED.sub("", text)
                                  if unicodedata.category(c) == "So")


@cache
def _tri_words() -> Mapping[str, Tri]:
    return {reply_key(word): tri for tri, field in _FIELDS.items() for word in word_list(field)}


@cache
def _listed(field: str) -> frozenset[str]:
    return frozenset(reply_key(word) for word in word_list(field))


def _whole_or_first_clause(text: str) -> tuple[str, str]:
    """The reply's words, and those of its first clause ("yes, I do" → "yes")."""
    return reply_key(text), words(_CLAUSE_END.split(folded(text), maxsplit=1)[0])


def parse_tri(text: str, locale: str = "en") -> Tri | None:
    """Yes, no or not sure in any of our languages ("y", "是的", "いいえ", "no sé"), also when
    followed by more words after a comma ("yes, I do"); None for anything else.

    The word lists of all languages are used whatever the locale: they do not collide.
    """
    tri_words = _tri_words()
    whole, first_clause = _whole_or_first_clause(text)
    return tri_words.get(whole) or (tri_words.get(first_clause) if first_clause else None)


def says(text: str, field: str, *, wholly: bool = False) -> bool:
    """Whether a reply, whole or (unless `wholly`) its first clause, is one of a words.toml
    list's words."""
    whole, first_clause = _whole_or_first_clause(text)
    return whole in _listed(field) or (not wholly and bool(first_clause)
                                       and first_clause in _listed(field))


def parse_none(text: str, locale: str = "en", *, zero: bool = True) -> bool:
    """Whether a reply means "none" / "zero" / "I don't own one" in any of our languages:
    a none word ("nothing", "没有任何", "なし"), any "no" word, or (with `zero`) the number
    zero ("0", "零")."""
    if says(text, "none") or parse_tri(text, locale) is Tri.NO:
        return True
    return zero and read_or_none(parse_number, text, locale) == 0
