"""Eligible universities: the dated Consolidated List as data.

The list changes every January, so each institution carries the dates it was listed and
eligibility is always asked for a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from importlib.resources import files

_LIST_FILE = "eligible-universities.txt"


@dataclass(frozen=True)
class Institution:
    """One institution of the Consolidated List and the days it was on it."""

    name: str
    country: str
    basis: str
    listed_from: date
    listed_until: date | None

    def listed_on(self, day: date) -> bool:
        """Whether the list in force on ``day`` includes this institution."""
        return self.listed_from <= day and (self.listed_until is None or day <= self.listed_until)


def _parse_line(line: str, lineno: int) -> Institution:
    fields = [field.strip() for field in line.split("|")]
    if len(fields) != 5 or not all(fields[:4]):
        raise ValueError(f"{_LIST_FILE}:{lineno}: expected 5 '|'-separated fields: {line!r}")
    name, country, basis, listed_from, listed_until = fields
    try:
        return Institution(
            name,
            country,
            basis,
            date.fromisoformat(listed_from),
            date.fromisoformat(listed_until) if listed_until else None,
        )
    except ValueError as error:
        raise ValueError(f"{_LIST_FILE}:{lineno}: {error}") from error


def read_data(filename: str) -> str:
    """A data file of `bot/rules/data`, as text."""
    return files("bot.rules").joinpath("data", filename).read_text(encoding="utf-8")


@cache
def all_institutions() -> tuple[Institution, ...]:
    """Every institution ever in the data, in file order, including removed ones."""
    return tuple(
        _parse_line(line, lineno)
        for lineno, line in enumerate(read_data(_LIST_FILE).splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    )


@lru_cache(maxsize=256)
def institutions_in_force(day: date) -> tuple[Institution, ...]:
    """The list in force on ``day`` (empty before the first modelled version, 1 Nov 2024)."""
    return tuple(institution for institution in all_institutions() if institution.listed_on(day))


@cache
def _version_dates() -> tuple[date, ...]:
    """Days on which the list changed: additions take effect, removals the day after the last."""
    changes = {institution.listed_from for institution in all_institutions()}
    changes |= {i.listed_until + timedelta(days=1) for i in all_institutions() if i.listed_until}
    return tuple(sorted(changes))


def list_versions() -> tuple[date, ...]:
    """Effective dates of every list version in the data, oldest first (future ones too)."""
    return _version_dates()


def list_version(day: date) -> date | None:
    """Effective date of the list version in force on ``day``; None before the first version."""
    return max((change for change in _version_dates() if change <= day), default=None)


@cache
def institution_named(name: str) -> Institution | None:
    """The institution with this official name, if the data has one."""
    return next((i for i in all_institutions() if i.name == name), None)
