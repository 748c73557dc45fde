"""Reading an amount of money with its currency: "HK$ 1.2m", "120万元", "1.5 crore rupees"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bot.common.money import Money
from bot.i18n.text import CurrencyName, Text, t
from bot.replies.currencies import (
    AmbiguousCurrency,
    home_scale_currencies,
    resolve,
    unsaid_scale,
)
from bot.replies.errors import (
    CURRENCY_MISSING,
    MONEY_ERROR,
    ONE_CURRENCY,
    ParseError,
    read_or_none,
)
from bot.replies.numbers import Reading, read
from bot.rules.currency import load_rates

MONTHS = 12


@dataclass(frozen=True)
class YearlyAmount:
    """An amount for a year, and the monthly amount it was typed as ("HKD 80k a month")."""

    yearly: Money
    monthly: Money | None = None
    home: bool = False   # the currency is the passport's, taken from a local multiplier

    def notice(self) -> Text | None:
        """What the user is told about how the amount was read: a month's amount as a year's,
        and the passport's currency with the way to give HK$ instead."""
        if self.home and self.monthly is not None:
            return t("I took this amount to be in {currency}, the currency of your passport: "
                     "{monthly} a month is {yearly} a year. If you meant Hong Kong dollars, send "
                     "/back and type the amount with HKD.",
                     currency=CurrencyName(self.yearly.currency), monthly=self.monthly,
                     yearly=self.yearly)
        if self.home:
            return t("I took this amount to be in {currency}, the currency of your passport. If "
                     "you meant Hong Kong dollars, send /back and type the amount with HKD.",
                     currency=CurrencyName(self.yearly.currency))
        if self.monthly is not None:
            return t("{monthly} a month is {yearly} a year.", monthly=self.monthly,
                     yearly=self.yearly)
        return None


def read_money(text: str, locale: str = "en", default_currency: str | None = None,
               home: str | None = None) -> YearlyAmount:
    """An amount with an optional currency code, symbol or name, for a year: "HK$ 1.2m",
    "120万元", "1.5 crore rupees"; a monthly amount ("HKD 80k/month", "月薪3万") times 12.
    `home` is the passport's currency, which settles a "$" and is offered, beside HKD, for an
    amount with no currency. Negative amounts are allowed (a business can lose).

    An amount with no currency but a multiplier people use only for their own country's money
    ("60 triệu" from a Vietnamese passport, "15 juta" from an Indonesian one, "15 lakh" from an
    Indian one) is in the passport's currency: asking "VND or HK$?" would be odd, since nobody
    counts Hong Kong dollars in triệu. The answer is said back with its HK$ value, and its
    `notice` says how to give HK$ instead, so a reply meant in HK$ is corrected in one step."""
    default = default_currency.strip().upper() if default_currency else None
    reading = read(text, locale, MONEY_ERROR, money=True)
    if reading.has_unit or _a_year(text, reading):
        raise ParseError(MONEY_ERROR)
    codes = {resolve(word, locale, default, home) for word in reading.currencies}
    if len(codes) > 1:
        raise ParseError(ONE_CURRENCY)
    code = codes.pop() if codes else default
    local = code is None and home in home_scale_currencies(text)
    if local:
        code = home
    if code is None and home not in (None, "HKD") and load_rates().supports(home):
        raise AmbiguousCurrency((home, "HKD"))   # "1,500,000" from an Indian passport: INR?
    if code is None:
        raise ParseError(CURRENCY_MISSING)
    if not load_rates().supports(code):
        raise ParseError(t("Sorry, I cannot convert {currency} ({code}) yet. Please send the "
                           "amount in HKD or USD.", currency=CurrencyName(code), code=code))
    return _yearly(reading, reading.amount, code, local)


def _a_year(text: str, reading: Reading) -> bool:
    """Whether the reply's number is a year typed among words, with no currency or period ("I
    graduated in 2023"): offered as an amount, it would be a wrong guess."""
    typed = str(reading.amount)
    return (not reading.currencies and reading.per_year is None
            and re.fullmatch(r"(?:19|20)\d\d", typed) is not None
            and re.search(rf"(?<!\d){typed}(?!\d)", text) is not None
            and any(char.isalpha() for char in text))


def _yearly(reading: Reading, amount: Decimal, code: str, home: bool = False) -> YearlyAmount:
    """`amount` for a year: twelve times it when the reply said "a month"."""
    typed = Money(amount, code)
    if reading.per_year == MONTHS:
        return YearlyAmount(Money(amount * MONTHS, code), typed, home)
    return YearlyAmount(typed, home=home)


def read_unsaid_scale(text: str, locale: str = "en", home: str | None = None
                      ) -> tuple[YearlyAmount, YearlyAmount] | None:
    """A salary said as Korean or Japanese salary talk counts it, in 만 원 or 万円 left unsaid
    ("월 500", "연봉 6천", "年収600"): with no currency and a number below that multiplier, which
    as won or yen would be no salary, the amount counted in it (₩5,000,000 a month) and as
    typed, for the user to choose: in the passport's currency (`home`) when it is another
    (US$500 a month), else in won or yen; None for any other reply. A larger number ("월
    500만") says its own."""
    if (scale := unsaid_scale(text)) is None:   # no salary word: the common case, no reading
        return None
    reading = read_or_none(read, text, locale, MONEY_ERROR, money=True)
    if reading is None or reading.currencies or reading.has_unit:
        return None
    code, power = scale
    multiplier = Decimal(10) ** power
    if not 0 < reading.amount < multiplier:
        return None
    return (_yearly(reading, reading.amount * multiplier, code),
            _yearly(reading, reading.amount, home or code))


def parse_money(text: str, locale: str = "en", default_currency: str | None = None) -> Money:
    """The yearly amount of `read_money` (the one a question stores)."""
    return read_money(text, locale, default_currency).yearly


def names_money(text: str, locale: str = "en") -> bool:
    """Whether a reply is an amount of money: a number with a currency ("100円", "$50") or with
    a multiplier of a country's money ("50 triệu"), which a percentage never has, and no unit
    saying it counts something else (Korean "만 3년" is a full 3 years)."""
    reading = read_or_none(read, text, locale, MONEY_ERROR, money=True)
    return reading is not None and not reading.has_unit \
        and bool(reading.currencies or home_scale_currencies(text))
