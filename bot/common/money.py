"""An amount of money in one currency: the value that readers, rules, scoring and translators
pass between them, so none of them imports another for it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


def currency_code(currency: str) -> str:
    """Users type codes in any case; ISO 4217 codes are upper case."""
    return currency.strip().upper()


@dataclass(frozen=True)
class Money:
    """An amount in one currency; the code is normalised to upper case on creation."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "currency", currency_code(self.currency))
