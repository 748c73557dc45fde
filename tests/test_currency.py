"""Tests for HKD conversion and the borderline band around QMAS thresholds."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from importlib.resources import files
from typing import Any

import pytest
from babel.numbers import list_currencies

from bot.common.money import Money
from bot.rules.currency import (
    Comparison,
    RateTable,
    UnknownCurrency,
    _parse_table,
    compare_with_threshold,
    load_rates,
)

MARGIN = Decimal("0.05")
CENT = Decimal("0.01")
THRESHOLDS = [Decimal(1_000_000), Decimal(2_500_000), Decimal(5_000_000)]
# fmt: off
REQUIRED = [
    "HKD", "CNY", "USD", "EUR", "GBP", "INR", "JPY", "KRW", "SGD", "AUD", "CAD", "MYR",
    "IDR", "PHP", "VND", "THB", "NPR", "TWD", "MOP", "AED", "CHF", "NZD", "SEK", "NOK",
    "DKK", "PKR", "BDT", "LKR", "SAR", "QAR", "KWD", "ZAR", "BRL", "MXN", "RUB", "TRY",
    "EGP", "NGN", "KES", "ILS", "PLN", "CZK", "HUF", "CLP", "COP", "PEN", "BHD", "OMR",
    "JOD", "XOF", "XAF",
]
# fmt: on
# Currencies with large and tiny rates, so the band maths is exercised at both scales.
BAND_CURRENCIES = ["USD", "CNY", "EUR", "GBP", "INR", "JPY", "IDR", "KWD"]


@pytest.fixture(scope="module")
def rates() -> RateTable:
    return load_rates()


def check(money: Money, threshold: Decimal, rates: RateTable) -> Comparison:
    return compare_with_threshold(money, threshold, rates, MARGIN).comparison


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1000000", Comparison.AT_OR_ABOVE),
        ("999999.99", Comparison.BELOW),
        ("1000000.01", Comparison.AT_OR_ABOVE),
        ("950000", Comparison.BELOW),  # HKD has no borderline band
        ("1040000", Comparison.AT_OR_ABOVE),
        ("0", Comparison.BELOW),
        ("-1", Comparison.BELOW),
    ],
)
def test_hkd_is_compared_exactly(amount: str, expected: Comparison, rates: RateTable) -> None:
    result = compare_with_threshold(Money(Decimal(amount), "HKD"), THRESHOLDS[0], rates, MARGIN)
    assert result.comparison is expected
    assert result.amount_hkd == Decimal(amount)
    assert result.converted is False
    assert result.rate == 1


def _ceil(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_CEILING)


def _floor(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_FLOOR)


# Each case maps (threshold, rate) to a foreign amount; edge amounts are rounded to the cent
# on the inside of the band, so one cent further out must leave the band.
AmountFor = Callable[[Decimal, Decimal], Decimal]
BAND_CASES: list[tuple[str, AmountFor, Comparison]] = [
    ("clearly_above", lambda t, r: t * 2 / r, Comparison.AT_OR_ABOVE),
    ("clearly_below", lambda t, r: t / 2 / r, Comparison.BELOW),
    ("inside_band_below", lambda t, r: t * Decimal("0.97") / r, Comparison.BORDERLINE),
    ("inside_band_above", lambda t, r: t * Decimal("1.03") / r, Comparison.BORDERLINE),
    ("at_threshold", lambda t, r: t / r, Comparison.BORDERLINE),
    ("lower_edge_inside", lambda t, r: _ceil(t * (1 - MARGIN) / r), Comparison.BORDERLINE),
    ("lower_edge_outside", lambda t, r: _ceil(t * (1 - MARGIN) / r) - CENT, Comparison.BELOW),
    ("upper_edge_inside", lambda t, r: _floor(t * (1 + MARGIN) / r), Comparison.BORDERLINE),
    (
        "upper_edge_outside",
        lambda t, r: _floor(t * (1 + MARGIN) / r) + CENT,
        Comparison.AT_OR_ABOVE,
    ),
]


@pytest.mark.parametrize("threshold", THRESHOLDS, ids=str)
@pytest.mark.parametrize("currency", BAND_CURRENCIES)
@pytest.mark.parametrize(
    ("amount_for", "expected"),
    [case[1:] for case in BAND_CASES],
    ids=[case[0] for case in BAND_CASES],
)
def test_foreign_amount_band(
    amount_for: AmountFor,
    expected: Comparison,
    currency: str,
    threshold: Decimal,
    rates: RateTable,
) -> None:
    rate = rates.hkd_per_unit[currency]
    amount = amount_for(threshold, rate)
    result = compare_with_threshold(Money(amount, currency), threshold, rates, MARGIN)
    assert result.comparison is expected
    assert result.converted is True
    assert result.rate == rate
    assert result.amount_hkd == amount * rate


@pytest.mark.parametrize("currency", BAND_CURRENCIES)
@pytest.mark.parametrize("units", [Decimal(1_900_000), Decimal(2_100_000)], ids=str)
def test_band_edges_are_inclusive(currency: str, units: Decimal, rates: RateTable) -> None:
    # Dividing a round HKD threshold by a rate is rarely exact in Decimal, so put the
    # threshold at 2,000,000 units of the currency: the ±5% edges are then exactly 1.9M/2.1M.
    threshold = rates.hkd_per_unit[currency] * 2_000_000
    assert check(Money(units, currency), threshold, rates) is Comparison.BORDERLINE


def test_negative_profit_is_below(rates: RateTable) -> None:
    assert check(Money(Decimal(-250_000), "USD"), THRESHOLDS[2], rates) is Comparison.BELOW


@pytest.mark.parametrize("code", ["usd", "Usd", "USD", " usd "])
def test_codes_are_case_insensitive(code: str, rates: RateTable) -> None:
    money = Money(Decimal(200_000), code)
    assert money.currency == "USD"
    assert rates.supports(code)
    assert rates.to_hkd(money) == Decimal(200_000) * rates.hkd_per_unit["USD"]


@pytest.mark.parametrize("code", ["XXX", "ABC", "", "US"])
def test_unknown_currency_raises(code: str, rates: RateTable) -> None:
    assert not rates.supports(code)
    with pytest.raises(UnknownCurrency):
        rates.to_hkd(Money(Decimal(1), code))
    with pytest.raises(ValueError):  # UnknownCurrency is a ValueError for callers
        compare_with_threshold(Money(Decimal(1), code), THRESHOLDS[0], rates, MARGIN)


def test_negative_margin_is_rejected(rates: RateTable) -> None:
    with pytest.raises(ValueError):
        compare_with_threshold(Money(Decimal(1), "USD"), THRESHOLDS[0], rates, Decimal("-0.05"))


def test_table_has_required_currencies(rates: RateTable) -> None:
    assert len(rates.hkd_per_unit) >= 30
    assert set(REQUIRED) <= set(rates.hkd_per_unit)


def test_codes_are_real_iso_4217(rates: RateTable) -> None:
    assert set(rates.hkd_per_unit) <= list_currencies()


def test_rates_are_positive_and_hkd_is_one(rates: RateTable) -> None:
    assert all(rate > 0 for rate in rates.hkd_per_unit.values())
    assert rates.hkd_per_unit["HKD"] == 1
    assert Decimal("7.75") <= rates.hkd_per_unit["USD"] <= Decimal("7.85")  # the HKD peg band


def test_table_metadata(rates: RateTable) -> None:
    assert isinstance(rates.as_of, date)
    assert load_rates() is rates


def test_a_table_without_its_source_is_refused() -> None:
    text = files("bot.rules").joinpath("data", "hkd-rates.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    _parse_table(data)
    del data["source"]
    with pytest.raises(ValueError, match="source"):
        _parse_table(data)


@pytest.mark.parametrize(
    "bad",
    [
        {"hkd_per_unit": {"HKD": "1", "USD": 7.78}},  # float: would lose exactness
        {"hkd_per_unit": {"HKD": "1", "USD": "-7.78"}},
        {"hkd_per_unit": {"HKD": "1", "USD": "seven"}},
        {"hkd_per_unit": {"HKD": "1", "usd": "7.78"}},
        {"hkd_per_unit": {"USD": "7.78"}},
        {"as_of": "2026-11-01"},
    ],
)
def test_bad_data_is_rejected(bad: dict[str, Any]) -> None:
    data: dict[str, Any] = {
        "as_of": date(2026, 11, 1),
        "source": "s",
        "note": "n",
        "hkd_per_unit": {"HKD": "1"},
    }
    with pytest.raises(ValueError):
        _parse_table(data | bad)
