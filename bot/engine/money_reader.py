"""The amount reader: an amount for a year with its currency, asked about where the reply leaves
the currency or the size open, and said back with its HK$ value."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from babel.numbers import get_currency_symbol

from bot.common.money import Money as Amount
from bot.engine.options import Answers, Option, Renderable
from bot.engine.readers import Read, Reader
from bot.i18n.languages import LANGUAGES
from bot.i18n.text import Capitalized, CurrencyName, Figure, Text, profit, t
from bot.replies import ParseError, is_zero, parse_money
from bot.replies.currencies import AmbiguousCurrency, country_currency
from bot.replies.errors import read_or_none
from bot.replies.money import read_money, read_unsaid_scale
from bot.replies.words import without_ending
from bot.replies.yesno import says
from bot.rules.currency import HKD, load_rates
from bot.scoring.answers import MAX_AMOUNT, json_number

_COMPACT = "~"   # ends a candidate's name whose month's amount is shown as counted ("500만")


@dataclass(frozen=True)
class Money(Reader):
    """An amount for a year with its currency, in the user's conventions (lakh, 万, k…); a
    monthly amount counts twelve times, and a "$" the passport does not settle is asked about."""

    options: tuple[Option, ...] = ()
    refused: Text | None = None   # why the contract refuses an amount ("cannot be negative")
    typed = True
    typed_again = True

    def read(self, text: str, locale: str, day: date, selection: list[str],
             answers: Answers) -> Read:
        if (even := says(text, "break_even", wholly=True)) or is_zero(text, locale):
            # "0" or "break even" needs no currency: the "none" button, else HK$0 ("0円": ¥0);
            # a break-even is said back as such, not as an amount
            none = next((o for o in self.options if o.none), None)
            said = read_or_none(parse_money, text, locale)
            zero = said if said is not None and not said.amount else Amount(Decimal(0), HKD)
            return Read(none.value if none else _value(zero),   # where no "none": a profit
                        understood=t("No profit and no loss ✓") if even or not none else None)
        nationality = answers.get("nationality")
        home = country_currency(nationality) if isinstance(nationality, str) else None
        if (counted := read_unsaid_scale(text, locale, home)) is not None:   # "월 500": 500만 원?
            scaled, typed = counted
            return Read(candidates=(_candidate(scaled.yearly, scaled.monthly, compact=True),
                                    _candidate(typed.yearly, typed.monthly)),
                        typed=without_ending(text, "copulas"))   # "월급 500이요": "월급 500"
        try:
            amount = read_money(text, locale, home=home)
        except AmbiguousCurrency as exc:
            reading = read_money(text, locale, default_currency=exc.codes[0])
            if reading.yearly.amount < 0 and self.refused is not None:   # no currency asked
                raise ParseError(self.refused) from None
            named = reading.monthly is None and _look_alike(exc.codes, locale)
            return Read(candidates=tuple(_candidate(replace(reading.yearly, currency=code),
                                                    reading.monthly)
                                         + (f" {_NAMED}" if named else "")
                                         for code in exc.codes),
                        typed=without_ending(text, "copulas"))
        if abs(amount.yearly.amount) > MAX_AMOUNT:
            raise ParseError(t("That amount is too large: please send at most {maximum}, with "
                               "its currency.", maximum=Amount(MAX_AMOUNT, amount.yearly.currency)))
        return Read(_value(amount.yearly), notice=amount.notice())

    def candidate(self, name: str) -> Renderable:
        """The yearly amount, and for a month's amount how the year's was made of it; one
        counted in a multiplier left unsaid shows it as counted ("500만 × 12"); a loss as one."""
        amount = _from_candidate(name)
        shown: Renderable = amount
        if (parts := name.split())[2:] == [_NAMED]:   # "30 000 000 F CFA (francs CFA …)"
            shown = t("{amount} ({currency})", amount=profit(amount),
                      currency=CurrencyName(amount.currency))
        elif len(parts) >= 3:
            monthly = abs(Decimal(parts[2]))   # a loss's month: "a loss of … (50,000 × 12)"
            shown = t("{yearly} a year ({monthly} × 12)", yearly=profit(amount),
                      monthly=Figure(monthly, amount.currency,
                                     compact=parts[3:] == [_COMPACT]))
        elif amount.amount < 0:
            shown = profit(amount)
        return Capitalized(shown) if amount.amount < 0 else shown   # "A loss of US$200,000"

    def settles_check(self, names: tuple[str, ...]) -> bool:
        """Amounts of different sizes offered ("₩5,000,000 or ₩500 a month?"): the one chosen
        is the size meant, not a slip to ask about again."""
        return len({name.split()[0] for name in names}) > 1

    def picked(self, name: str) -> object:
        return _value(_from_candidate(name))

    def pick(self, text: str, candidates: list[str]) -> str | None:
        """"SGD", "S$" or "Singapore dollars" typed for the amount asked about; an amount typed
        ("100万港币") is a new answer, not a currency for the old one."""
        if read_or_none(parse_money, text) is not None \
                or (amount := read_or_none(parse_money, f"1 {text}")) is None:
            return None
        return next((name for name in candidates if name.split()[1] == amount.currency), None)

    def show(self, value: object) -> Renderable:
        if isinstance(value, dict):
            return profit(_from_value(value))
        return super().show(value)

    def understood(self, value: object, day: date) -> Text | None:
        """The amount (a negative one as a loss), and in another currency its HK$ value at the
        rate table's date."""
        rates = load_rates()
        if not isinstance(value, dict) or value in (o.value for o in self.options) \
                or value["currency"] == HKD or not rates.supports(value["currency"]):
            return super().understood(value, day)
        shown = _from_value(value)
        hkd = Amount(abs(rates.to_hkd(shown)).quantize(Decimal(1)), HKD)   # a loss said once
        if shown.amount < 0:   # the HK$ value in brackets, so that it reads as the loss's
            return t("{loss} (≈ {hkd}) ✓ (at the reference rate of {date})",
                     loss=Capitalized(profit(shown)), hkd=hkd, date=rates.as_of)
        return t("{amount} ≈ {hkd} ✓ (at the reference rate of {date})",
                 amount=shown, hkd=hkd, date=rates.as_of)

    def range_error(self, day: date) -> Text:
        return self.refused or super().range_error(day)


_NAMED = "named"   # marks candidates whose currencies' symbols look alike: named in full


def _look_alike(codes: tuple[str, ...], locale: str) -> bool:
    """Whether two of the currencies have the same symbol, spaces aside ("FCFA", "F CFA"), or
    all show bare codes (Spanish "XAF", "XOF"), in a language that shows symbols (Arabic names
    every currency already)."""
    if any(language.currencies_by_name for language in LANGUAGES if language.locale == locale):
        return False
    symbols = [re.sub(r"\s", "", get_currency_symbol(code, locale)) for code in codes]
    return len(set(symbols)) < len(symbols) or symbols == list(codes)


def _value(money: Amount) -> dict[str, object]:
    """An amount as the contract's JSON value."""
    return {"amount": json_number(money.amount), "currency": money.currency}


def _from_value(value: dict[str, object]) -> Amount:
    """An amount from the contract's JSON value."""
    return Amount(Decimal(str(value["amount"])), str(value["currency"]))


def _candidate(money: Amount, monthly: Amount | None = None, compact: bool = False) -> str:
    """An amount as a candidate's name ("150000 SGD"), read back by `_from_candidate`; a
    month's amount typed follows ("540000 USD 45000"), to say the year's is twelve of it, and
    then `_COMPACT` when it was counted in a multiplier left unsaid ("월 500")."""
    name = f"{json_number(money.amount)} {money.currency}"
    if monthly is None:
        return name
    return f"{name} {json_number(monthly.amount)}" + (f" {_COMPACT}" if compact else "")


def _from_candidate(name: str) -> Amount:
    amount, currency = name.split()[:2]
    return Amount(Decimal(amount), currency)
