"""Years of other calendars said at a year or age question: Nepal's Bikram Sambat (56 or 57
years ahead, months from mid-April) and the Hijri calendar (354 or 355 days a year)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache

from bot.i18n.fold import fold, folded
from bot.replies.words import (
    endings,
    locale_table,
    locale_words,
    with_postpositions,
    without_word,
)


def bikram_sambat_month(text: str, locale: str) -> int | None:
    """The Bikram Sambat month a birth is said in ("साउन २०४५ मा जन्मेको": 4), else None."""
    said = fold(text).text
    return next((number for name, number in bikram_sambat_months(locale).items()
                 if without_word(said, name) is not None), None)


@cache
def bikram_sambat_months(locale: str) -> Mapping[str, int]:
    """The Bikram Sambat months by name (बैशाख = 1 … चैत = 12), longest first."""
    return with_postpositions({folded(name): number for name, number
                               in locale_table("bikram_sambat_months", locale).items()}, locale)


def is_bikram_sambat(year: int, text: str, locale: str, today: date) -> bool:
    """Whether `year`, read from `text`, counts in the Bikram Sambat calendar: marked so ("वि.सं.
    २०७९"), or in a language that counts in it (its `bikram_sambat` words) a year after this one
    that the calendar, 56 or 57 years ahead, names ("२०७९ साल")."""
    said = fold(text).text
    if any(without_word(said, marker) is not None for marker in endings("bikram_sambat")):
        return True
    return bool(locale_words("bikram_sambat", locale)) and today.year < year <= today.year + 57


def hijri_year(text: str) -> int | None:
    """A year marked as one of the Hijri calendar ("مواليد ١٤١٠ هـ", "تخرجت عام 1435 هجري"),
    else None."""
    said = re.sub(r"(\d)(?=[\u0600-\u06ff])", r"\1 ", fold(text).text)   # "١٤١٠هـ"
    for marker in endings("hijri"):
        if (rest := without_word(said, marker)) is not None:
            found = re.findall(r"(?<!\d)1[34]\d\d(?!\d)", rest)
            return int(found[0]) if len(found) == 1 else None
    return None


_HIJRA = date(622, 7, 19).toordinal()   # 1 Muharram of the year 1


def hijri_days(hijri: int) -> tuple[date, date]:
    """A Hijri year's first and last days, by the arithmetical calendar (within a day or two of
    the observed one): its 354 or 355 days may end in the next Gregorian year."""
    def first_day(year: int) -> date:
        return date.fromordinal(_HIJRA + 354 * (year - 1) + (3 + 11 * year) // 30)
    return first_day(hijri), first_day(hijri + 1) - timedelta(days=1)


def hijri_gregorian_years(hijri: int) -> tuple[int, int]:
    """The Gregorian years of a Hijri year's first and last days."""
    first, last = hijri_days(hijri)
    return first.year, last.year


def gregorian_years(bikram_sambat: int) -> tuple[int, int]:
    """The two Gregorian years a Bikram Sambat year spans: its year begins in mid-April."""
    return bikram_sambat - 57, bikram_sambat - 56
