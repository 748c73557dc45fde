"""The business schools that the QMAS list adds to the Consolidated List, as dated data.

Criteria 2 and 3 of QMAS accept them; the Top Talent Pass Scheme does not. Until an official page
names them, each is marked provisional and the scoring says the criterion is not settled.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from difflib import get_close_matches
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from bot.i18n.native_names import with_typed_names
from bot.rules.name_keys import normalise

_FILE = "qmas-business-schools.toml"


@dataclass(frozen=True)
class BusinessSchool:
    """One school of the QMAS list beyond the Consolidated List, and how sure we are of it."""

    name: str
    country: str
    listed_from: date
    listed_until: date | None
    provisional: bool
    source: str
    source_url: str
    aliases: tuple[str, ...]

    def listed_on(self, day: date) -> bool:
        return self.listed_from <= day and (self.listed_until is None or day <= self.listed_until)


def _school(raw: dict[str, Any]) -> BusinessSchool:
    return BusinessSchool(raw["name"], raw["country"], raw["listed_from"], raw.get("listed_until"),
                          raw["provisional"], raw["source"], raw["source_url"],
                          with_typed_names(raw["name"], raw.get("aliases", ())))


@cache
def all_business_schools() -> tuple[BusinessSchool, ...]:
    """Every school in the data file, in file order."""
    text = files("bot.rules").joinpath("data", _FILE).read_text(encoding="utf-8")
    return tuple(_school(raw) for raw in tomllib.loads(text)["school"])


@cache
def _by_key() -> dict[str, BusinessSchool]:
    return {normalise(name): school for school in all_business_schools()
            for name in (school.name, *school.aliases)}


# A misspelt long name ("London Busness School") still denotes one school when it is this close
# to one of its names; short names (LBS, HEC, IESE) must be exact.
_TYPO_CUTOFF = 0.95   # "ESSEC Business School" (0.93 to IESE) and "Ivey" (0.90) are other schools
_TYPO_MIN_LENGTH = 12


@lru_cache(maxsize=1024)
def match_business_school(text: str) -> BusinessSchool | None:
    """The school this typed name denotes (full, short or Chinese name, or a long name with a
    typo that fits one school only), or None."""
    key = normalise(text)
    found = _by_key().get(key)
    if found is not None or len(key) < _TYPO_MIN_LENGTH:
        return found
    long_names = [name for name in _by_key() if len(name) >= _TYPO_MIN_LENGTH]
    close = {_by_key()[name] for name in get_close_matches(key, long_names, n=3,
                                                            cutoff=_TYPO_CUTOFF)}
    return close.pop() if len(close) == 1 else None
