"""A typed institution's name without the words around it ("I graduated from MIT", "東京大学を
卒業しました", "서울대 나왔어요"): the list knows names, not sentences."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

from bot.i18n.fold import is_wide
from bot.replies.segments import fewest_parts
from bot.replies.words import without_ending, without_opening, word_list

_PUNCTUATION = " .!。！,，、"


# A year or an acronym in brackets after a name: "MIT (2019)", "Universitas Indonesia (UI)".
_BRACKET_AFTER = re.compile(r"\s*\((?:(?:19|20)\d\d|[A-Z]{2,8})\)$")


def bare_name(text: str) -> str:
    """`text` without the opening words and the ending (a copula, "graduated") around a name,
    without a year before it ("我2015年喺港大畢業", "in 2015 I graduated from MIT") and without
    a year or an acronym in brackets after it, when a name is left."""
    opened = without_opening(text.strip(_PUNCTUATION), "institution_openers")
    if (year := _year_before().match(opened)) and year.end() < len(opened):
        opened = without_opening(opened[year.end():], "institution_openers")
    named = without_ending(opened, "institution_endings", "copulas").strip(_PUNCTUATION)
    return _BRACKET_AFTER.sub("", named).strip(_PUNCTUATION) or named


def without_year(name: str) -> tuple[str, bool] | None:
    """The name without a year after it ("University of Toronto 2015"), and whether a word
    said it is a year ("عام 2015", "in 2019", "2015年畢業"), else None: without such a word the
    caller keeps it only when it names an institution, as some names end in a year
    ("Universitas 17 Agustus 1945")."""
    found = _year_after().search(name)
    shorter = name[:found.start()].strip(_PUNCTUATION) if found else ""
    return (shorter, bool(found[1] or found[2])) if found and shorter else None


@cache
def _year_after() -> re.Pattern[str]:
    """A year at the end of a reply, perhaps in brackets, with a word for "in the year" before
    it ("in 2019", "năm 2019", "tahun 2015", "عام 2010") or after it ("2015年畢業"); CJK
    writing glues it to the name ("港大2015年畢業")."""
    def alternatives(field: str) -> str:
        return "|".join(map(re.escape, sorted(word_list(field), key=len, reverse=True)))
    return re.compile(rf"(?:[\s,，、]+|(?<=[\u3040-\u9fff\uac00-\ud7a3]))[(（]?"
                      rf"(?:({alternatives('year_words')})\s*)?(?:(?:19|20)\d\d|\d\d(?=\s*[年년]))"
                      rf"(?:\s*({alternatives('year_endings')}))?[)）]?$", re.IGNORECASE)


@cache
def _year_before() -> re.Pattern[str]:
    """A year opening a reply, with a word for "in the year" before it or 年/년 after it, and
    the punctuation after it ("2015年", "in 2015, ", "năm 2015 ")."""
    words = "|".join(map(re.escape, sorted(word_list("year_words"), key=len, reverse=True)))
    return re.compile(rf"(?:(?:{words})\s*)?(?:19|20)\d\d(?:\s*[年년])?[\s,，、]*",
                      re.IGNORECASE)


@cache
def _separator() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, word_list("name_separators"))))


def several_names(text: str) -> tuple[str, ...]:
    """The names of a message listing several ("서울대, 카이스트、東大"), each stripped."""
    return tuple(part.strip() for part in _separator().split(text) if part.strip())


@cache
def _joiner() -> re.Pattern[str]:
    """"and" between names: a word of its own in spaced scripts, any occurrence in CJK, and
    Arabic و also written attached to the next name ("مصري وكندي")."""
    def pattern(word: str) -> str:
        if is_wide(word[0]):
            return re.escape(word)
        attached = unicodedata.name(word[0], "").startswith("ARABIC")
        return rf"\s{re.escape(word)}" + (r"\s*" if attached else r"\s")
    return re.compile("|".join(map(pattern, word_list("name_joiners"))))


def joined_names(text: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """The names of a message cut at its "and"s ("Oxford and Cambridge", "清華和北大") into the
    fewest parts that each are `known`, as a name may hold an "and" ("MIT and the London School
    of Economics and Political Science" is two); the message alone when no cut gives two."""
    joiners = list(_joiner().finditer(text))
    starts = [0, *(joiner.end() for joiner in joiners)]
    ends = [*(joiner.start() for joiner in joiners), len(text)]

    def part(first: int, end: int) -> str | None:   # pieces first to end - 1, joined
        name = text[starts[first]:ends[end - 1]].strip()
        return name if name and known(name) else None

    parts = fewest_parts(len(starts), part) or []
    return tuple(parts) if len(parts) > 1 else (text.strip(),)
