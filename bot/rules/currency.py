"""Convert foreign-currency amounts to HKD and compare them with QMAS thresholds.

Rates are approximate data shipped in ``data/hkd-rates.toml``; because the real rate on the
application day may differ, converted amounts close to a threshold are reported as borderline.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

from bot.common.money import Money, currency_code

HKD = "HKD"
_RATES_FILE = "hkd-rates.toml"


class UnknownCurrency(ValueError):
    """Raised for a currency code the rate table has no rate for."""


@dataclass(frozen=True)
class RateTable:
    """Approximate HKD per unit of each currency, dated so answers can say how old rates are."""

    as_of: date
    hkd_per_unit: Mapping[str, Decimal]

    def supports(self, currency: str) -> bool:
        return currency_code(currency) in self.hkd_per_unit

    def rate(self, currency: str) -> Decimal:
        """HKD per 1 unit of ``currency``; raises UnknownCurrency when the table lacks it."""
        code = currency_code(currency)
        try:
            return self.hkd_per_unit[code]
        except KeyError:
            raise UnknownCurrency(f"no HKD rate for currency {code!r}") from None

    def to_hkd(self, money: Money) -> Decimal:
        return money.amount * self.rate(money.currency)


class Comparison(StrEnum):
    """Result of comparing an amount with a threshold."""

    AT_OR_ABOVE = "at_or_above"
    BELOW = "below"
    BORDERLINE = "borderline"


@dataclass(frozen=True)
class ThresholdCheck:
    """A comparison plus the figures behind it, so the bot can show its working."""

    comparison: Comparison
    amount_hkd: Decimal
    converted: bool
    rate: Decimal


def _parse_rate(code: str, value: Any) -> Decimal:
    """Rates must be strings so they reach Decimal without passing through binary floats."""
    if not isinstance(value, str):
        raise ValueError(f"rate for {code} must be a string, got {value!r}")
    try:
        rate = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"rate for {code} is not a number: {value!r}") from None
    if not rate.is_finite() or rate <= 0:
        raise ValueError(f"rate for {code} must be positive, got {value!r}")
    return rate


def _parse_table(data: Mapping[str, Any]) -> RateTable:
    """Validate the data file so a bad edit fails loudly at load time, not mid-conversation."""
    as_of = data["as_of"]
    if not isinstance(as_of, date) or isinstance(as_of, datetime):
        raise ValueError(f"as_of must be a date, got {as_of!r}")
    rates: dict[str, Decimal] = {}
    for code, value in data["hkd_per_unit"].items():
        if code != currency_code(code):
            raise ValueError(f"currency code {code!r} must be upper case")
        rates[code] = _parse_rate(code, value)
    if rates.get(HKD) != 1:
        raise ValueError("the table must contain HKD with rate 1")
    # Where the rates come from is documentation for whoever updates the file, not for users.
    if not (isinstance(data.get("source"), str) and data["source"].strip()):
        raise ValueError("the table must name its source")
    return RateTable(as_of=as_of, hkd_per_unit=MappingProxyType(rates))


@cache
def load_rates() -> RateTable:
    """Load the packaged rate table once; it only changes with a new release."""
    text = files("bot.rules").joinpath("data", _RATES_FILE).read_text(encoding="utf-8")
    return _parse_table(tomllib.loads(text))


def compare_with_threshold(
    money: Money, threshold_hkd: Decimal, rates: RateTable, borderline_margin: Decimal
) -> ThresholdCheck:
    """Compare ``money`` with ``threshold_hkd``.

    HKD is compared exactly. A converted amount within ``threshold * borderline_margin`` of the
    threshold (edges included) is BORDERLINE, since the approximate rate could tip it either way.
    """
    if borderline_margin < 0:
        raise ValueError(f"borderline_margin must not be negative, got {borderline_margin}")
    rate = rates.rate(money.currency)
    amount_hkd = money.amount * rate
    converted = money.currency != HKD
    if converted and abs(amount_hkd - threshold_hkd) <= threshold_hkd * borderline_margin:
        comparison = Comparison.BORDERLINE
    elif amount_hkd >= threshold_hkd:
        comparison = Comparison.AT_OR_ABOVE
    else:
        comparison = Comparison.BELOW
    return ThresholdCheck(comparison, amount_hkd, converted, rate)
