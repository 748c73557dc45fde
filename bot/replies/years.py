"""Calendar years named otherwise than by their number: "last year", "작년", "去年" (counted from
the day passed in, never from the clock), Japanese era years ("令和5年", "H30"), a year with its
month ("2023年3月卒業"), a Japanese school year ("2023年度", which ends in 2024) and a birth year
("born 1990", "90년생"). The words are data in `data/words.toml`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from babel import Locale

from bot.i18n.fold import fold, folded, is_wide
from bot.i18n.text import Text, Year, t
from bot.replies.calendars import bikram_sambat_months
from bot.replies.errors import read_or_none
from bot.replies.lexicon import Sort, scan
from bot.replies.number_words import number_lexicon
from bot.replies.numbers import parse_number
from bot.replies.words import (
    endings,
    folded_list,
    locale_table,
    locale_words,
    longest_first,
    with_postpositions,
    without_word,
    word_table,
)

_ENGLISH = "en"


def parse_year(text: str, locale: str, today: date) -> int | None:
    """The calendar year a reply names by a word, an era or with its month, else None (a year
    typed as a number alone is `parse_number`'s)."""
    said = fold(text).text.strip(" .!?。")
    dated = _without_month(said)
    return (_relative(dated, locale, today) or _era(dated, locale)
            or _with_month(said, locale, today) or _with_month_name(said, locale)
            or _with_month_number(said, locale) or _digit_by_digit(said, locale)
            or _two_digits(said, locale, today))


@cache
def _relative_words(locale: str) -> Mapping[str, int]:
    """The user's language's words for a year counted from this one, and English's, longest
    first ("一昨年" before "昨年"); only these, as a word may count otherwise elsewhere (Chinese
    "前年" is two years ago, Japanese "前年" the year before another)."""
    table = {**locale_table("relative_years", _ENGLISH), **locale_table("relative_years", locale)}
    return longest_first({folded(word): offset for word, offset in table.items()})


def _relative(said: str, locale: str, today: date) -> int | None:
    for word, offset in _relative_words(locale).items():
        if (rest := without_word(said, word)) is not None and _only_fillers(rest, locale):
            return today.year + offset
    return None


def parse_birth_year(text: str, locale: str, today: date) -> int | None:
    """The year a reply says one was born in ("born 1990", "1990년생", "平成2年生まれ", "مواليد
    1990"), else None; two digits ("90년생", "soy del 90") are the latest such year by `today`.
    A full date is one too ("10/12/1990", where day and month may be either way round)."""
    rest, said = fold(text).text.strip(" .!?。"), False
    if dates := _birth_dates(rest, locale):
        return min(dates).year
    for word in _birth_words(locale):
        while (cut := without_word(rest, word)) is not None:
            rest, said = cut, True
    rest = _without_month_name(rest, locale).strip(" /.-")   # "tháng 3/1990"
    if not said or not rest:
        return None
    if (named := parse_year(rest, locale, today)) is not None:
        return named
    if (number := _whole(rest, locale)) is None:
        return None
    if number < 100 and sum(char.isdigit() for char in rest) == 2:
        return _in_full(number, today)
    return number


def age_said(text: str, locale: str, today: date) -> int | None:
    """The age a full date of birth gives on `today` ("15/03/1990", "1990年3月15日", "15 March
    1990"; "03/04/1990" only when both readings of day and month give one age), or an age said
    beside the birth year it agrees with on `today` ("1990年生まれの36歳です",
    "born in 1990, I'm 36", "90년생 36살", "平成2年生まれの35歳"): the age, else None. Only two
    numbers, one a year (in full, with two digits or of an era) the other is an age of, this
    year's birthday passed or not; of two such readings ("90년생 36살" could be born in 1936,
    aged 90) the younger age."""
    said = fold(text).text
    if dates := _birth_dates(said, locale):
        ages = {today.year - day.year - ((today.month, today.day) < (day.month, day.day))
                for day in dates}
        return ages.pop() if len(ages) == 1 else None
    numbers = [int(number) for number in re.findall(r"\d+", _era_years(said))]
    if len(numbers) != 2:
        return None
    ages = {age for year, age in (numbers, numbers[::-1])
            if (year > 999 or sum(char.isdigit() for char in str(year)) == 2)
            and 0 <= today.year - (born := year if year > 999 else _in_full(year, today)) - age
            <= 1 and born <= today.year}
    return min(ages, default=None)


def _birth_dates(said: str, locale: str) -> set[date]:
    """The dates a reply's full date can be: day, month and year in figures either way round
    (day or month first: both), or with the month by its name ("15 de marzo de 1990")."""
    if (found := _full_date().search(said)) is not None:
        if found[3]:
            first, second, year = int(found[1]), int(found[2]), int(found[3])
            readings = {(year, second, first), (year, first, second)}
        else:
            readings = {(int(found[4]), int(found[5]), int(found[6]))}
    else:
        month = next(((number, cut) for name, number in _month_numbers(locale).items()
                      if (cut := without_word(said, name)) is not None), None)
        numbers = sorted(map(int, re.findall(r"\d+", month[1]))) if month else []
        if len(numbers) != 2 or not (numbers[0] <= 31 < 999 < numbers[1]):
            return set()
        readings = {(numbers[1], month[0], numbers[0])} if month else set()
    dates = set()
    for year, month_number, day in readings:
        try:
            dates.add(date(year, month_number, day))
        except ValueError:
            continue
    return dates


@cache
def _full_date() -> re.Pattern[str]:
    """A date in figures: "15/03/1990", "15.3.1990", "1990-03-15", "1990年3月15日"."""
    months = _either("calendar_months")
    return re.compile(r"(?<!\d)(?:(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})"
                      rf"|(\d{{4}})\s*(?:[/.\-]|年|년)\s*(\d{{1,2}})\s*(?:[/.\-]|{months})\s*"
                      r"(\d{1,2}))(?!\d)")


def birth_month(text: str, locale: str) -> int | None:
    """The month a birth year is said with ("March 1990", "1990年3月生まれ", "tháng 6 năm
    1990"), by its number and month word or by its CLDR name in the user's language or English;
    None for a full date (`age_said` reads it)."""
    said = fold(text).text.strip(" .!?。")
    if _birth_dates(said, locale):   # a full date that leaves its month open ("10/12/1990")
        return None
    if (found := _numbered_month().search(said)) is not None:
        return int(found[1])
    if (found := _numeric_month().search(said)) is not None:   # "03/1990"
        return int(found[1] or found[4])
    return next((number for name, number in _month_numbers(locale).items()
                 if without_word(said, name) is not None), None)


def _without_month_name(said: str, locale: str) -> str:
    """A date without its month's name and the words CLDR writes between a month and its
    year ("marzo de 1990", "tháng 6 năm 1990", "साउन २०४५"): the year that is left."""
    for name in (*_month_numbers(locale), *bikram_sambat_months(locale)):
        if (cut := without_word(said, name)) is not None:
            return " ".join(word for word in cut.split() if word not in _month_joiners(locale))
    return said


@cache
def _month_joiners(locale: str) -> frozenset[str]:
    """The words of the locale's month-and-year pattern ('de' in "MMMM 'de' y")."""
    pattern = Locale.parse(locale).datetime_skeletons.get("yMMMM")
    return frozenset(folded(word) for word in re.findall(r"'([^']+)'", str(pattern or "")))


@cache
def _numbered_month() -> re.Pattern[str]:
    return re.compile(rf"(?<!\d)(1[0-2]|0?[1-9])\s*(?:{_either('calendar_months')})")


@cache
def _month_numbers(locale: str) -> Mapping[str, int]:
    """Months by name, CLDR's wide and abbreviated ("march", "mar", "tháng 3", "marzo"), in
    the user's language, its regional names (`month_locales`: آذار) and English, longest
    first; not a name folded to fewer than three letters (Nepali मे, May, folds as मा, "in",
    does)."""
    names: dict[str, int] = {}
    for source in (locale, *locale_words("month_locales", locale), _ENGLISH):
        months = Locale.parse(source).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    names.setdefault(folded(name).rstrip("."), number)
    return with_postpositions(names, locale, shortest=3)


def reckoned_age(text: str, locale: str) -> int | None:
    """An age reckoned from 1 at birth and a year more each new year ("한국 나이로 36", "虛歲36":
    born in the year 35 years ago), else None."""
    said = fold(text).text
    for word in endings("reckoned_ages"):
        if (rest := without_word(said, word)) is not None:
            age = read_or_none(parse_number, rest, locale)
            return int(age) if age is not None and age == int(age) and age > 0 else None
    return None


def _in_full(year: int, today: date) -> int:
    """A year written with two digits ("90년생", "22년 2월") in full: the latest by `today`."""
    century = today.year // 100 * 100
    return year + (century if century + year <= today.year else century - 100)


@dataclass(frozen=True)
class SchoolYear:
    """A school year named by its first calendar year ("2023年度") and the year it ends in,
    when one graduates (March 2024)."""

    named: int
    ended: int

    def said(self) -> Text:
        """The year read, with the school year it was named by: "2024年（2023年度）"."""
        return t("{year} (school year {school_year}) ✓", year=Year(self.ended),
                 school_year=str(self.named))


def parse_school_year(text: str, locale: str) -> SchoolYear | None:
    """The school year a reply names with the user's language's marker ("2023年度卒業",
    "令和5年度"), else None; `school_years` in `data/words.toml` says how many years later
    such a year ends."""
    said = fold(text).text.strip(" .!?。")
    for marker, later in locale_table("school_years", locale).items():
        if (rest := without_word(said, folded(marker))) is not None:
            named = _era(rest.strip(), locale) or _whole(rest, locale)
            return SchoolYear(named, named + later) if named is not None and named > 999 else None
    return None


def _whole(text: str, locale: str) -> int | None:
    """A whole number of nought or more that is the whole reply ("1990年", "90"), else None."""
    number = read_or_none(parse_number, text, locale, whole=True)
    if number is None or number < 0 or number != number.to_integral_value():
        return None
    return int(number)


@cache
def _birth_words(locale: str) -> tuple[str, ...]:
    """The words saying a year is one's birth year, in the user's language and English,
    longest first (the one-character "生" of Chinese and Japanese is read only in those)."""
    words = {folded(word) for source in (_ENGLISH, locale)
             for word in locale_words("birth_words", source)}
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _eras() -> Mapping[str, int]:
    return longest_first({folded(era): start for era, start in word_table("eras").items()})


def _era_years(said: str) -> str:
    """`said` with its era years in digits written as the calendar's ("平成2年" → "1990年")."""
    def gregorian(found: re.Match[str]) -> str:
        year = 1 if found[2] in folded_list("era_first_year") else int(found[2])
        return str(_eras()[found[1]] + year)
    eras = "|".join(map(re.escape, _eras()))
    first = "|".join(map(re.escape, folded_list("era_first_year")))
    return re.sub(rf"({eras})\s*(\d{{1,2}}|{first})(?=\s*年)", gregorian, said)


def _era(said: str, locale: str) -> int | None:
    """"令和5年", "平成三十年", "R5", "H30", "令和元年": the era's year before its first, plus
    the year of the era; a Latin initial only right before digits."""
    for era, start in _eras().items():
        rest = said.removeprefix(era).strip()
        if rest == said or not rest or (not is_wide(era[0]) and not rest[0].isdigit()):
            continue
        first = next((word for word in folded_list("era_first_year") if rest.startswith(word)),
                     None)
        if first is not None:
            return start + 1 if _only_fillers(rest[len(first):], locale) else None
        number = read_or_none(parse_number, rest, locale, whole=True)
        if number is not None and number >= 1 and number == number.to_integral_value():
            return start + int(number)
    return None


@cache
def _month_pattern() -> re.Pattern[str]:
    """A year's digits, then a month's number and a month word: "2023年3月", "2023년 3월", and
    with two digits "22년 2월", "22年3月卒業"."""
    return re.compile(rf"(?<!\d)(\d{{4}}|\d{{2}})(\D*?)(\d{{1,2}})\s*"
                      rf"(?:{_either('calendar_months')})(.*)")


@cache
def _month() -> re.Pattern[str]:
    """A month by its number and month word ("3月", "2월") or by its name ("June")."""
    return re.compile(rf"(?<!\d)(?:1[0-2]|0?[1-9])\s*(?:{_either('calendar_months')})"
                      rf"|(?<!\w)(?:{_either('month_names')})(?!\w)")


def _without_month(said: str) -> str:
    """The reply without the month of its year, which tells nothing more: "작년 2월",
    "令和5年3月卒業", "June last year"."""
    return _month().sub(" ", said, count=1).strip()


def _with_month(said: str, locale: str, today: date) -> int | None:
    """The year of a year with its month ("2023年3月卒業"), whose month tells nothing more; a
    year of two digits is the latest by `today` ("22년 2월" is 2022)."""
    match = _month_pattern().search(said)
    if match is None or not 1 <= int(match[3]) <= 12:
        return None
    if not all(_only_fillers(part, locale) for part in (said[:match.start()], match[2],
                                                         match[4])):   # "我是…的"
        return None
    year = int(match[1])
    return _in_full(year, today) if len(match[1]) == 2 else year


def _with_month_name(said: str, locale: str) -> int | None:
    """The year of a month named with its year ("June 2022", "tháng 6 năm 2022", "junio de
    2022")."""
    rest = _without_month_name(said, locale)
    year = read_or_none(parse_number, rest, locale) if rest != said else None   # "in 2022"
    return int(year) if year is not None and year == int(year) and 999 < year < 10000 else None


@cache
def _numeric_month() -> re.Pattern[str]:
    """A month and a year in figures, either way round: "06/2022", "2023/3", "2022-06"."""
    return re.compile(r"(?<!\d)(?:(1[0-2]|0?[1-9])[/.\-](\d{4})|(\d{4})[/.\-](1[0-2]|0?[1-9]))"
                      r"(?![\d/.\-])")


def _with_month_number(said: str, locale: str) -> int | None:
    """The year of "06/2022" or "2023/3", with nothing else but fillers ("2023/3卒業")."""
    found = _numeric_month().search(said)
    if found is None or not _only_fillers(said[:found.start()] + " " + said[found.end():],
                                          locale):
        return None
    return int(found[2] or found[3])


def _two_digits(said: str, locale: str, today: date) -> int | None:
    """A year written with two digits and a year word, then words that say nothing more
    ("23年畢業", "22년에 졸업했어요", "22년도 졸업"), in full: the latest by `today`."""
    found = re.fullmatch(r"(\d{2})\s*(?:年|년도|년)(.*)", said)
    if found is None or not _only_fillers(found[2].removeprefix("도"), locale):
        return None
    return _in_full(int(found[1]), today)


def _digit_by_digit(said: str, locale: str) -> int | None:
    """A year written in CJK numerals digit by digit ("二〇二三年"), which no count reads."""
    tokens = [token for token in scan(said, number_lexicon(locale), numerals=True)
              if token.sort not in (Sort.FILLER, Sort.UNIT)]
    digits = [token.value for token in tokens if token.sort is Sort.NUMBER
              and token.end - token.start == 1 and is_wide(said[token.start])]
    if len(tokens) != 4 or len(digits) != 4 or tokens[-1].end - tokens[0].start != 4 \
            or any(not 0 <= Decimal(digit) <= 9 for digit in digits):
        return None
    return int("".join(str(digit) for digit in digits))


def _either(field: str) -> str:
    """A pattern for any word of a list field, longest first."""
    return "|".join(map(re.escape, endings(field)))


def _only_fillers(rest: str, locale: str) -> bool:
    """Whether what is left says nothing more: fillers ("に卒業しました") and year units."""
    return all(token.sort in (Sort.FILLER, Sort.UNIT)
               for token in scan(rest, number_lexicon(locale), numerals=True))
