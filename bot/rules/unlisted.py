"""Well-known institutions that are not on the eligible list, and names that stand for another
institution in one language: a correctly typed name is told "not on the list", never "try the
full name", and "北大" is Hokkaido University to a Japanese reader.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from bot.i18n.fold import width
from bot.i18n.native_names import typed_names
from bot.rules.name_keys import distinctive, normalise
from bot.rules.schools import school_table
from bot.rules.university_list import read_data

_UNLISTED_FILE = "unlisted-universities.toml"
_LANGUAGE_FILE = "language-aliases.toml"
_MIN_CORE_WIDTH = 4   # shorter distinctive parts (UI, NU) name too many institutions


@dataclass(frozen=True)
class UnlistedInstitution:
    """A well-known institution that is not on the list: its official name and country."""

    name: str
    country: str


@cache
def unlisted_institutions() -> tuple[tuple[UnlistedInstitution, tuple[str, ...]], ...]:
    """Every institution of the data file with its aliases, the names of names/*.toml included."""
    data = tomllib.loads(read_data(_UNLISTED_FILE))
    return tuple((UnlistedInstitution(entry["name"], entry["country"]),
                  tuple(dict.fromkeys((*entry["aliases"], *typed_names(entry["name"])))))
                 for entry in data["institution"])


@cache
def _by_key() -> Mapping[str, UnlistedInstitution]:
    """Names and aliases, then the distinctive part of each ("northeastern" of "Northeastern
    University", also typed "Universidad Northeastern") where it names one institution."""
    keys = {normalise(name): institution for institution, aliases in unlisted_institutions()
            for name in (institution.name, *aliases)}
    cores: dict[str, set[UnlistedInstitution]] = {}
    for key, institution in keys.items():
        if width(core := distinctive(key)) >= _MIN_CORE_WIDTH:
            cores.setdefault(core, set()).add(institution)
    return {**{core: found.pop() for core, found in cores.items() if len(found) == 1}, **keys}


def unlisted_named(text: str) -> UnlistedInstitution | None:
    """The unlisted institution a typed name, an alias or its distinctive part denotes, if any:
    such a name is no typo of a listed one ("Northeastern" is not Northwestern)."""
    key = normalise(text)
    return _by_key().get(key) or _by_key().get(distinctive(key)) or _of_faculty(key)


def _of_faculty(key: str) -> UnlistedInstitution | None:
    """The unlisted university whose full name a faculty's holds ("كلية الهندسة بجامعة
    القاهرة", "Faculty of Engineering, Cairo University"): a faculty's degrees are its
    university's, so it is said to be that university's."""
    spaced = f" {key} "
    if not any(f" {word} " in spaced for word in _faculty_words()):
        return None
    return next((institution for name, institution in _full_keys() if f" {name} " in spaced),
                None)


@cache
def _faculty_words() -> tuple[str, ...]:
    return tuple(filter(None, map(normalise, school_table().faculty_words)))


@cache
def _full_keys() -> tuple[tuple[str, UnlistedInstitution], ...]:
    """Names and aliases of two words or more, longest first: a one-word alias ("GUC") inside a
    faculty's name may be a word of another name."""
    return tuple(sorted(((key, institution) for institution, aliases in unlisted_institutions()
                         for name in (institution.name, *aliases)
                         if " " in (key := normalise(name))), key=lambda pair: -len(pair[0])))


@cache
def _language_aliases() -> Mapping[str, Mapping[str, str]]:
    data = tomllib.loads(read_data(_LANGUAGE_FILE))
    return {locale: {normalise(alias): name for alias, name in names.items()}
            for locale, names in data.items()}


def in_language(text: str, locale: str) -> str:
    """The official name a typed name stands for in the language of `locale` ("北大" in
    Japanese: "Hokkaido University"); the text itself when the language gives it no meaning of
    its own."""
    return _language_aliases().get(locale, {}).get(normalise(text), text)
