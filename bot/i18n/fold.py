"""The one text folding of the bot: every comparison of typed text with known words uses it.

Typed replies, Babel's names, our word lists, option labels and university names are all
compared folded: case-folded, compatibility-normalised (full-width forms become ASCII), without
accents and other non-spacing marks, digits of every script as ASCII digits, single spaces.
Marks are dropped on both sides of every comparison, so "Universite" finds "Université" and an
Arabic word matches with or without its short vowels, its hamza (أ, إ, آ are ا) or tatweel, and
with ة written ه or ى written ي. Emoji and other pictographs are spaces
("USA 🇺🇸", "yes 👍"), but the triangles Japanese accounts write a loss with are minus signs
("▲500万円"): callers that read them (flags, 👍) look at the text before folding, and
vulgar fractions stand apart from the digits before them ("3½" is "3 ½").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

from bot.i18n.languages import LANGUAGES

LOCALES: tuple[str, ...] = tuple(language.locale for language in LANGUAGES)

_DROPPED_CATEGORIES = frozenset({"Mn", "Me", "Cf"})   # accents, enclosing marks, bidi controls
_EXTRA_FOLDS = str.maketrans({
    "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l",   # letters without a decomposition
    "\u2212": "-", "\u2013": "-",                         # minus sign, en dash
    # Japanese accounting writes a loss with a triangle: "▲500万円", "△500万円".
    "▲": "-", "△": "-",
    "\u2018": "'", "\u2019": "'", "\u02bc": "'",          # curly apostrophes
    # Arabic letters written for one another: tā' marbūṭa as hā' ("جامعه"), alif maqṣūra as
    # yā'; the tatweel only stretches a word. Hamza on alif is a mark, dropped like accents.
    "ة": "ه", "ى": "ي", "\u0640": "",
})
_APOSTROPHES = frozenset("'`")
_EMOJI_MODIFIERS = frozenset(map(chr, range(0x1F3FB, 0x1F400)))   # skin tones (category Sk)


def numbering_systems(locale: str) -> set[str]:
    """Latin digits and the locale's native ones (Arabic-Indic for ar, Devanagari for hi)."""
    systems = Locale.parse(locale).other_numbering_systems
    return {"latn", systems.get("native", "latn")}


@cache
def _native_separators() -> Mapping[str, str]:
    """Decimal and group marks of our locales' native digits (Arabic ٫ and ٬) as "." and ","."""
    marks: dict[str, str] = {}
    for locale in LOCALES:
        for system in numbering_systems(locale):
            marks[get_decimal_symbol(locale, numbering_system=system)] = "."
            marks[get_group_symbol(locale, numbering_system=system)] = ","
    return {mark: ascii_mark for mark, ascii_mark in marks.items()
            if len(mark) == 1 and mark not in ".," and not mark.isspace()}


@cache
def _fold_char(char: str) -> str:
    """One character folded (cached: replies are made of few distinct characters)."""
    category = unicodedata.category(char)
    if char.isspace() or (category == "So" and ord(char) not in _EXTRA_FOLDS) \
            or char in _EMOJI_MODIFIERS:
        return " "
    if category == "No" and 0 < unicodedata.numeric(char, 1) < 1:
        return " " + char
    if category == "Nd":
        return str(unicodedata.decimal(char))
    if char in _native_separators():
        return _native_separators()[char]
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in _DROPPED_CATEGORIES)
    return unicodedata.normalize("NFC", kept).translate(_EXTRA_FOLDS)


@dataclass(frozen=True)
class Folded:
    """Folded text with single spaces, and where each folded character came from."""

    text: str
    origin: tuple[int, ...]

    def source(self, original: str, start: int, end: int) -> str:
        """The part of `original` that folded characters `start` to `end` came from, with the
        combining marks folding dropped after the last one ("नहीं", not "नही")."""
        stop = self.origin[end - 1] + 1
        while stop < len(original) and unicodedata.category(original[stop]) in ("Mn", "Mc", "Me"):
            stop += 1
        return original[self.origin[start]:stop]


def fold(text: str) -> Folded:
    """`text` folded, keeping the position of each character in the original for messages."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded in _fold_char(char):
            if folded == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(folded)
            origin.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return Folded("".join(chars), tuple(origin))


def folded(text: str) -> str:
    """The folded form used as a dictionary key."""
    return fold(text).text


def words(text: str) -> str:
    """Folded words only: apostrophes dropped, other punctuation and symbols as spaces, so
    "Yes!", "Master's" and "don't know" match "yes", "masters" and "dont know"."""
    kept = "".join("" if c in _APOSTROPHES else " " if unicodedata.category(c)[0] in "PSZC"
                   else c for c in folded(text))
    return " ".join(kept.split())


def is_wide(char: str) -> bool:
    """CJK characters: written without spaces between words."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def width(text: str) -> int:
    """Columns the text takes: a CJK character counts twice, as it is about as distinctive as a
    word of two letters."""
    return sum(2 if is_wide(char) else 1 for char in text)


def is_narrow_letter(char: str) -> bool:
    """Letters of scripts that separate words with spaces; CJK words may touch each other."""
    is_letter = char.isalpha() or unicodedata.category(char) == "Mc"
    return is_letter and not is_wide(char)
