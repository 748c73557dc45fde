"""Translatable text as a value: the domain says *what* to say, a front end says it in a language.

Scoring and the questionnaire engine stay pure by returning `Text` values instead of strings;
`t()` and `tn()` are also the gettext keywords that `pybabel extract` looks for.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal, NamedTuple

from bot.common.money import Money

# CLDR's list styles, and two of ours for lists of figures, which some languages join otherwise
# (Korean "7·8번 기준", amounts with commas only); a language without its own pattern for them
# joins them as "standard".
CldrListStyle = Literal["standard", "standard-short", "or", "or-short", "unit", "unit-short",
                        "unit-narrow"]
ListStyle = CldrListStyle | Literal["numbers", "amounts"]
FIGURES = ("numbers", "amounts")


class Text(NamedTuple):
    """A message id (English source), an optional plural form, and named placeholders.

    A named tuple rather than a dataclass: scoring builds ~80 per assessment, and tuples are
    several times cheaper to create.
    """

    msgid: str
    params: tuple[tuple[str, object], ...] = ()
    plural: str | None = None
    n: int | None = None

    def param_dict(self) -> dict[str, object]:
        """Placeholders as a dict, for `str.format`."""
        return dict(self.params)

    def filled(self, **params: object) -> Text:
        """This text with its placeholders given now: a question defines the words, the reader
        the values ("from {minimum} to {maximum}", from the answer's limit)."""
        return self._replace(params=tuple(params.items()))


@dataclass(frozen=True)
class TextList:
    """Several values joined as a list in the reader's locale ("A, B and C")."""

    items: tuple[object, ...]
    style: ListStyle = "standard"


_new_tuple = tuple.__new__


def t(msgid: str, /, **params: object) -> Text:
    """Mark `msgid` for translation; placeholders are `{name}` fields filled at render time."""
    # tuple.__new__ skips the named tuple's keyword-argument wrapper: t() is on the hot path.
    return _new_tuple(Text, (msgid, tuple(params.items()), None, None))


def tn(singular: str, plural: str, n: int, /, **params: object) -> Text:
    """Plural-aware text; `{n}` is available as a placeholder."""
    return Text(singular, (("n", n), *params.items()), plural, n)


def join(*items: object, style: ListStyle = "standard") -> TextList:
    """A list of values to be joined in the reader's language."""
    return TextList(tuple(items), style)


@dataclass(frozen=True)
class LanguageName:
    """A language code (ISO 639-1, or three letters for a language without one), shown as the
    language's name in the reader's locale."""

    code: str


@dataclass(frozen=True)
class CountryName:
    """An ISO 3166-1 alpha-2 code, shown as the territory's name in the reader's locale."""

    code: str


@dataclass(frozen=True)
class CurrencyName:
    """An ISO 4217 code, shown as the currency's name in the reader's locale ("Indian rupees"):
    readers know the name better than the code."""

    code: str


@dataclass(frozen=True)
class InstitutionName:
    """A listed institution's official name, shown as the reader's language names it when the
    data has that name ("香港大學" for "The University of Hong Kong"); `listed` keeps the list's
    own spelling, quoted as the list writes it, while the words around it still agree with it."""

    name: str
    listed: bool = False


@dataclass(frozen=True)
class Percent:
    """A share in percent (60 for 60%), written as the locale writes percentages ("60 %")."""

    value: Decimal


@dataclass(frozen=True)
class Figure:
    """An amount's figure with its currency, as the language writes it ("HK$50,000 × 12",
    "50万円"); `compact` as the locale shortens it ("500만", "30万"), for an amount the user
    counted in a multiplier, with the currency only where written as a word around it."""

    value: Decimal
    currency: str | None = None
    compact: bool = False


@dataclass(frozen=True)
class Duration:
    """A length of time said as the locale says it ("4 years", "1 year and 6 months", "10,5
    años"): CLDR's unit and list patterns choose the words and the plural forms."""

    years: Decimal = Decimal(0)
    months: int = 0

    @classmethod
    def of_months(cls, months: int) -> Duration:
        """Whole years and the months left over: 48 months are said as 4 years, 18 as 1 year
        and 6 months."""
        years, left = divmod(months, 12)
        return cls(Decimal(years), left)

    @classmethod
    def of_years(cls, years: Decimal) -> Duration:
        """A stored number of years as typed: a whole number of months (1.25, 1.08 for 1 year and
        1 month, kept to 0.01) in years and months, else the years as they are ("4.6 years")."""
        months = whole_months(years)
        return cls(years) if months is None else cls.of_months(months)


def whole_months(years: Decimal) -> int | None:
    """The months a number of years comes to when it is a whole number of them, else None.
    Kept to 0.01, years are at most 0.06 months off; tenths other than halves are 0.2 off."""
    months = years * 12
    whole = months.to_integral_value()
    return int(whole) if abs(months - whole) < Decimal("0.1") else None


@dataclass(frozen=True)
class Year:
    """A calendar year, written as the locale writes a year alone (CLDR's "y" pattern: "2015",
    "2015年", "2015년"), never grouped as a number ("2,015"); with a month, as the locale writes
    a month of a year ("December 1990", "1990年12月", "tháng 12 năm 1990")."""

    value: int
    month: int | None = None


@dataclass(frozen=True)
class Checked:
    """A selected option's label, shown with a check mark in front."""

    label: object


@dataclass(frozen=True)
class Capitalized:
    """A value that opens a line, with its first letter upper-cased once rendered ("Chinois et
    anglais ✓"): language names are lower case in French, Spanish and Vietnamese. An
    institution's name is kept as written: a typed one ("xyz") is said back as typed."""

    value: object


@dataclass(frozen=True)
class AfterColon:
    """A text set mid-sentence, after a colon ("{label}: {how}") or in brackets: in languages that
    write a lower-case letter there (`Language.lower_after_colon`) its first word is lowered
    unless it is a name, or the translation starts a sentence there instead."""

    value: object


def profit(money: Money) -> Money | Text:
    """A profit as said back: a negative one is "a loss of HK$500,000", never "HK$-500,000"."""
    if money.amount < 0:
        return t("a loss of {amount}", amount=replace(money, amount=-money.amount))
    return money
