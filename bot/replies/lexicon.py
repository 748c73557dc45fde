"""Scanning folded text into the longest known words of a lexicon."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, auto

from bot.i18n.fold import folded, is_narrow_letter, is_wide


class Sort(Enum):
    """What a word of a lexicon is."""

    NUMBER = auto()     # value: a numeral as typed (str) or a number word's value (Decimal)
    SCALE = auto()      # value: the multiplier
    UNIT = auto()       # years or percent: allowed after a number and ignored
    FRACTION = auto()   # value: added after a whole number, or alone ("and a half", "半")
    PREFIX = auto()     # value: a fraction added to the number after it (Hindi साढ़े = +½)
    PERIOD = auto()     # value: how many per year ("a month" = 12, "per year" = 1)
    FILLER = auto()     # "about", "de"
    SIGN = auto()       # value: "-" or "+"
    CURRENCY = auto()   # value: the folded currency word, resolved later
    LANGUAGE = auto()   # value: ISO 639-1 code, or three letters for a language without one
    JOINER = auto()     # list separators, and "language" words ("bahasa Inggris")
    AND = auto()        # "and" between number words (Arabic و, also attached: "وعشرون")
    UNKNOWN = auto()


@dataclass(frozen=True)
class Token:
    """A word found in folded text, with its position there."""

    sort: Sort
    value: Decimal | str
    start: int
    end: int


@dataclass(frozen=True)
class Lexicon:
    """Folded words and what they mean; when two sources disagree the first one wins."""

    entries: Mapping[str, tuple[Sort, Decimal | str]]
    longest: int
    attached: frozenset[str] = frozenset()   # words written attached to the next (Arabic و)


def lexicon(words: Iterable[tuple[str, Sort, Decimal | str]],
            attached: Iterable[str] = ()) -> Lexicon:
    """A lexicon of (word, sort, value) triples; words are folded, the first meaning wins.
    `attached` words may end inside a longer word, as a prefix of the next one."""
    entries: dict[str, tuple[Sort, Decimal | str]] = {}
    for word, sort, value in words:
        form = folded(word)
        if form:
            entries.setdefault(form, (sort, value))
    return Lexicon(entries, max(map(len, entries), default=1),
                   frozenset(folded(word) for word in attached))


_NUMERAL = re.compile(r"[0-9]+(?:[.,' ][0-9]+)*|[.,][0-9]+")


def scan(text: str, words: Lexicon, *, numerals: bool) -> list[Token]:
    """Split folded text into the longest known words; unknown stretches become UNKNOWN."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == " ":
            i += 1
            continue
        if numerals and text[i] in ".," and _after_abbreviation(tokens, text, i):
            i += 1   # the abbreviation's own dot: "रु.25 लाख" is 25 lakh, not 0.25
            continue
        numeral = _NUMERAL.match(text, i) if numerals else None
        if numeral:
            tokens.append(Token(Sort.NUMBER, numeral.group(), i, numeral.end()))
            i = numeral.end()
            continue
        for j in range(min(n, i + words.longest), i, -1):
            entry = words.entries.get(text[i:j])
            # A word must not end inside a longer word ("rs" in "rsvp"), except in CJK and
            # for a prefix ("و" of "وعشرون").
            if entry and (text[i:j] in words.attached
                          or not (j < n and is_narrow_letter(text[j - 1])
                                  and is_narrow_letter(text[j]))):
                tokens.append(Token(entry[0], entry[1], i, j))
                i = j
                break
        else:
            j = i + 1
            while j < n and not _word_ends(text, j, numerals):
                j += 1
            tokens.append(Token(Sort.UNKNOWN, text[i:j], i, j))
            i = j
    return tokens


def _after_abbreviation(tokens: list[Token], text: str, i: int) -> bool:
    """Whether the mark at `i` ends a currency abbreviation it is glued to ("Rs.", "रु."),
    which a currency symbol ("HK$.5m") does not: the mark after a symbol is a decimal point."""
    before = tokens[-1] if tokens else None
    return (before is not None and before.sort is Sort.CURRENCY and before.end == i
            and unicodedata.category(text[i - 1])[0] in "LM")


def _word_ends(text: str, j: int, numerals: bool) -> bool:
    """Whether an unknown word ends before `text[j]`: at a space or punctuation, and when
    reading numbers also at a digit or around a CJK character ("在谷歌工作了4年")."""
    char = text[j]
    if char == " " or unicodedata.category(char).startswith("P"):
        return True
    return numerals and (char.isdigit() or is_wide(char) or is_wide(text[j - 1]))
