"""The informal words of `data/words.toml`, by field, merged over all languages, and the other
names of a question's options among them ("MSc" and "碩士" mean a master's degree).

Babel supplies what each locale formally defines; the data file holds what people type on top
of it, one section per language, so a translator can review and extend their own language.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any

from bot.i18n import fold

_FILE = "words.toml"
_LISTS = frozenset({"yes", "no", "unsure", "none", "break_even", "controls", "all", "fillers",
                    "year_units", "month_locales", "year_endings", "list_joiners", "minus",
                    "month_units", "number_joiners", "attached_joiners", "stateless",
                    "ambiguous_currencies", "one_year", "age_prefixes", "tenths_scales",
                    "interjections", "keyboard_rows", "nameless_scripts", "copulas",
                    "nationality_words", "three_letter_languages", "language_tests", "bounds",
                    "possession", "absence", "nationality_openers", "degree_openers",
                    "degree_subjects", "degree_fields", "degree_constructs", "degree_unfinished",
                    "demonym_endings", "institution_openers", "institution_endings",
                    "name_separators", "articles", "lone_units", "home_scales", "people_counters",
                    "one_month", "month_letters", "calendar_months", "month_names",
                    "era_first_year", "language_endings", "birth_words", "verb_forms", "little",
                    "name_joiners", "reckoned_ages", "bikram_sambat", "year_words", "vague",
                    "family", "hijri", "pronouns", "sentence_endings",
                    "month_postpositions", "sentence_verbs", "negations",
                    "same", "dependent_scales"})
_TABLES: Mapping[str, type | tuple[type, ...]] = {
    "numbers": (int, float), "scales": int, "fractions": float, "fraction_prefixes": float,
    "periods": int, "currencies": (str, list), "countries": list, "languages": str,
    "degrees": str, "after_tens": int, "unit_numbers": int, "counted_units": int,
    "leading_periods": int, "filler_numbers": int, "relative_years": int, "eras": int,
    "elided_scales": int, "language_letters": str, "unsaid_scales": int,
    "school_years": int, "bikram_sambat_months": int,
}
_ENGLISH = "en"


@cache
def _sections() -> Mapping[str, Mapping[str, Any]]:
    """The data file, checked once: a misspelt field or a wrong type fails at start-up."""
    text = files("bot.replies").joinpath("data", _FILE).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    for section, fields in data.items():
        for name, value in fields.items():
            if name in _LISTS:
                good = isinstance(value, list) and all(isinstance(v, str) for v in value)
            elif name in _TABLES:
                good = isinstance(value, dict) and all(
                    isinstance(v, _TABLES[name]) for v in value.values())
            else:
                raise ValueError(f"{_FILE} [{section}]: unknown field {name!r}")
            if not good:
                raise ValueError(f"{_FILE} [{section}]: {name} has values of the wrong type")
    return data


def _chosen(english: bool | None) -> list[Mapping[str, Any]]:
    """All sections in file order, or only English's (True), or all but English's (False)."""
    return [fields for section, fields in _sections().items()
            if english is None or (section == _ENGLISH) is english]


def word_list(field: str, *, english: bool | None = None) -> tuple[str, ...]:
    """The words of a list field ("yes", "fillers"…) of every (or the chosen) language."""
    return tuple(word for fields in _chosen(english) for word in fields.get(field, ()))


def locale_words(field: str, locale: str) -> tuple[str, ...]:
    """The words of a list field in one language's section only."""
    return tuple(_sections().get(locale, {}).get(field, ()))


def locale_table(field: str, locale: str) -> dict[str, Any]:
    """The word → meaning pairs of a table field in one language's section only."""
    return dict(_sections().get(locale, {}).get(field, {}))


def word_table(field: str, *, english: bool | None = None) -> dict[str, Any]:
    """The word → meaning pairs of a table field ("numbers", "countries"…), merged."""
    table: dict[str, Any] = {}
    for fields in _chosen(english):
        table.update(fields.get(field, {}))
    return table


@cache
def folded_list(field: str) -> frozenset[str]:
    """The words of a list field of every language, folded, to look a folded word up."""
    return frozenset(fold.folded(word) for word in word_list(field))


@cache
def elided_scales() -> Mapping[str, int]:
    """The `elided_scales` table of every language, folded: a multiplier and the power of ten
    a smaller one after it leaves unsaid ("1억 5천" = 1억 5천만)."""
    return {fold.folded(word): power for word, power in word_table("elided_scales").items()}


@cache
def endings(*fields: str) -> tuple[str, ...]:
    """The words of list fields folded, longest first, so "이에요" is dropped before "요"; not
    those folding to nothing (an emoji such as 👍)."""
    return tuple(sorted({fold.folded(word) for field in fields for word in word_list(field)}
                        - {""}, key=len, reverse=True))


def without_opening(text: str, field: str) -> str:
    """`text` as typed without the first of a field's words it starts with, compared folded,
    when a word follows ("I graduated from MIT" is "MIT", "我是中國人" is "中國人"). A word
    ending in CJK or in an elided article ("diplômée de l'ENS") may touch the next one."""
    form = fold.fold(text)
    typed = form.text
    opener = next((word for word in endings(field)
                   if typed.startswith(word) and len(typed) > len(word)
                   and (fold.is_wide(word[-1]) or word.endswith("'")
                        or not _in_word(typed[len(word)]))), "")
    rest = text[form.origin[len(opener)]:] if opener else text
    return rest.lstrip().lstrip(":,،，、").strip()   # "Nationality: Indian", "Dạ, Việt Nam"


def without_ending(text: str, *fields: str) -> str:
    """`text` as typed without the first of the fields' words it ends with, compared folded, if
    anything is left ("京大です" is "京大", "भारतबाट" is "भारत") and it does not end a verb
    ("수료했어요" keeps its 요: a sentence is quoted whole)."""
    form = fold.fold(text)
    typed = form.text
    ending = next((word for word in endings(*fields)
                   if typed.endswith(word) and len(typed) > len(word)
                   and not (_whole_word_only(word) and typed[-len(word) - 1] != " ")), "")
    left = typed[:len(typed) - len(ending)]
    if not ending or any(left.endswith(verb) for verb in endings("verb_forms")):
        return text.strip()
    return text[:form.origin[len(left)]].strip()


def mentions(text: str, field: str) -> bool:
    """Whether a reply holds one of a list field's words, compared folded: a word of its own
    outside CJK writing ("my wife and 2 kids", "妻と子供2人")."""
    typed = fold.folded(text)
    return any(without_word(typed, word) is not None for word in endings(field))


def without_word(said: str, word: str) -> str | None:
    """The reply without `word`, where it stands as a word of its own outside CJK writing."""
    edge = "" if fold.is_wide(word[0]) else r"(?<!\w)"
    end = "" if fold.is_wide(word[-1]) or not word[-1].isalnum() else r"(?!\w)"   # "b.1990"
    found = re.search(edge + re.escape(word) + end, said)
    return None if found is None else said[:found.start()] + " " + said[found.end():]


def longest_first(table: Mapping[str, int]) -> Mapping[str, int]:
    """A table of words with its longest words first, so that "一昨年" is tried before "昨年"."""
    return dict(sorted(table.items(), key=lambda item: -len(item[0])))


def with_postpositions(months: Mapping[str, int], locale: str,
                       shortest: int = 0) -> Mapping[str, int]:
    """Folded month names, also with each postposition the language attaches to them ("साउनमा"),
    longest first; a name shorter than `shortest` only with one (जुन folds to जन, "people")."""
    attached = [folded for word in locale_words("month_postpositions", locale)
                if (folded := fold.folded(word))]
    return longest_first({**{name: number for name, number in months.items()
                             if len(name) >= shortest},
                          **{name + word: number for name, number in months.items()
                             for word in attached}})


def without_closing(text: str) -> str:
    """`text` without a copula or a polite particle typed as its last word ("36 tuổi ạ", "VN ạ",
    "मेरो उमेर ३४ वर्ष छ"); glued endings stay ("卒業しました")."""
    words = text.split()
    return " ".join(words[:-1]) if len(words) > 1 and fold.folded(words[-1]) in \
        folded_list("copulas") else text


def _in_word(char: str) -> bool:
    """Whether `char` continues a word: a letter, a digit or a vowel sign ("मो" of "मोनाश",
    whose opener "मैं" folds to म)."""
    return char.isalnum() or unicodedata.category(char).startswith("M")


def _whole_word_only(word: str) -> bool:
    """Whether a folded ending is cut only as a word of its own: one Devanagari letter (है
    folds to ह), which ends many words ("माह"), or a word in Latin letters (Vietnamese ạ folds
    to "a", which ends "Korea")."""
    if len(word) == 1 and unicodedata.name(word, "").startswith("DEVANAGARI"):
        return True
    return word.isascii() and word.isalpha()


@cache
def _synonyms(field: str) -> Mapping[str, str]:
    return {fold.words(word): value for word, value in word_table(field).items()}


def parse_synonym(text: str, field: str) -> str | None:
    """The option value a whole reply names in the `field` table of any language, else None."""
    return _synonyms(field).get(fold.words(text))
