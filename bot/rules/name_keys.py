"""The key a name is matched by: folded, without the ways people vary names, and its
distinctive part. Shared by the list's matcher and the data of unlisted institutions."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from itertools import groupby

from bot.i18n.fold import is_wide
from bot.i18n.fold import words as fold_words
from bot.rules.university_list import read_data

_WORDS_FILE = "name-words.toml"
_GENERIC_CJK = re.compile("大学|大學|学院|學院|대학교")


@dataclass(frozen=True)
class NameWords:
    """The words of the name-words data file, folded: read as another, dropped, or generic."""

    substitutes: Mapping[str, str]
    dropped: frozenset[str]
    generic: frozenset[str]


@cache
def name_words() -> NameWords:
    data = tomllib.loads(read_data(_WORDS_FILE))
    return NameWords({fold_words(word): fold_words(other)
                      for word, other in data["substitutes"].items()},
                      frozenset(map(fold_words, data["dropped"])),
                      frozenset(map(fold_words, data["generic"])))


def join_words(words: list[str]) -> str:
    """Words joined by spaces, except where CJK writing meets: it has none."""
    text = ""
    for word in words:
        text += word if not text or is_wide(text[-1]) or is_wide(word[0]) else " " + word
    return text


def _glued_initials(words: list[str]) -> list[str]:
    """Glue lone letters back together: "M. I. T." -> "mit", "M. D. Anderson" -> "md anderson"."""
    joined: list[str] = []
    for initials, group in groupby(words, key=lambda w: len(w) == 1 and w.isascii()):
        run = list(group)
        joined.extend(["".join(run)] if initials else run)
    return joined


def normalise(text: str) -> str:
    """A name folded like all typed text (`bot.i18n.fold`), then without the ways people
    vary names: "the", "Univ.", "&", spaced initials."""
    known = name_words()
    words = [known.substitutes.get(w, w) for w in fold_words(text.replace("&", " and ")).split()
             if w not in known.dropped]
    words = _glued_initials(words)
    if words[:1] == ["the"]:
        words = words[1:]
    return join_words(words)


def distinctive(key: str) -> str:
    """The distinctive part of a normalised name, without words like "university" or "of"."""
    generic = name_words().generic
    return _GENERIC_CJK.sub("", join_words([w for w in key.split() if w not in generic]))
