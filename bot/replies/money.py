"""Reading an amount of money with its currency: "HK$ 1.2m", "120万元", "1.5 crore rupees"."""

from __future__ import annotations

from bot.i18n.text import t
from bot.replies.currencies import resolve
from bot.replies.errors import CURRENCY_MISSING, MONEY_ERROR, ONE_CURRENCY, ParseError
from bot.replies.numbers import read
from bot.rules.currency import Money, load_rates


def parse_money(text: str, locale: str = "en", default_currency: str | None = None) -> Money:
    """An amount with an optional currency code, symbol or name: "HK$ 1.2m", "120万元",
    "1.5 crore rupees", "USD 150,000". Negative amounts are allowed (a business can lose)."""
    default = default_currency.strip().upper() if default_currency else None
    reading = read(text, locale, MONEY_ERROR, money=True)
    if reading.has_unit:
        raise ParseError(MONEY_ERROR)
    codes = {resolve(word, locale, default) for word in reading.currencies}
    if len(codes) > 1:
        raise ParseError(ONE_CURRENCY)
    code = codes.pop() if codes else default
    if code is None:
        raise ParseError(CURRENCY_MISSING)
    if not load_rates().supports(code):
        raise ParseError(t("Sorry, I cannot convert {currency} yet. Please send the amount in "
                           "HKD or USD.", currency=code))
    return Money(reading.amount, code)
