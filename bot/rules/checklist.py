"""What applying involves, as data: fees, stay, links and typical evidence from `checklist.toml`.

The evidence texts are English message ids kept in the data file so that a change in what ImmD
asks for is one edit; `extract_messages` lets `pybabel extract` (babel.cfg) find them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import IO, Any

from bot.i18n.text import Text
from bot.rules.currency import Money
from bot.rules.ruleset import Source


@dataclass(frozen=True)
class Evidence:
    """One typical document for some prerequisites, criteria or groups (`always`, `dependants`)."""

    targets: frozenset[str]
    text: Text
    source: Source


@dataclass(frozen=True)
class Fees:
    application: Money
    visa_issuance: Money
    visa_issuance_short: Money


@dataclass(frozen=True)
class Stay:
    initial_months: int
    achievement_years: int
    top_tier_years: int
    top_tier_income: Money
    permanent_after_years: int


@dataclass(frozen=True)
class Checklist:
    last_verified: date
    status_phone: str
    guidance: Source
    scheme_page: Source
    fees_page: Source
    fees: Fees
    stay: Stay
    evidence: tuple[Evidence, ...]

    def for_target(self, target: str) -> tuple[Evidence, ...]:
        """The items for one prerequisite or criterion id, in file order."""
        return tuple(e for e in self.evidence if target in e.targets)


def _hkd(value: int) -> Money:
    return Money(Decimal(value), "HKD")


def _raw() -> dict[str, Any]:
    text = resources.files("bot.rules").joinpath("data/checklist.toml").read_text("utf-8")
    return tomllib.loads(text)


def _evidence(item: dict[str, Any], sources: dict[str, Source]) -> Evidence:
    # Text() rather than t(): the message id is data, extracted by `extract_messages` below.
    return Evidence(frozenset(item["for"]), Text(item["text"]), sources[item["source"]])


@cache
def checklist() -> Checklist:
    """The data file, parsed once."""
    raw = _raw()
    sources = {key: Source(id=key, **s) for key, s in raw["sources"].items()}
    fees, stay = raw["fees"], raw["stay"]
    return Checklist(
        last_verified=raw["last_verified"],
        status_phone=raw["status_phone"],
        guidance=sources["GUIDANCE"],
        scheme_page=sources["QMAS"],
        fees_page=sources["FEES"],
        fees=Fees(*(_hkd(fees[k]) for k in ("application", "visa_issuance",
                                            "visa_issuance_short"))),
        stay=Stay(stay["initial_months"], stay["achievement_years"], stay["top_tier_years"],
                  _hkd(stay["top_tier_income_hkd"]), stay["permanent_after_years"]),
        evidence=tuple(_evidence(item, sources) for item in raw["evidence"]),
    )


def extract_messages(fileobj: IO[bytes], keywords: object, comment_tags: object,
                     options: object) -> Iterator[tuple[int, str, str, list[str]]]:
    """A Babel extraction method for the data file: one message per evidence `text`."""
    data = tomllib.loads(fileobj.read().decode("utf-8"))
    for number, item in enumerate(data.get("evidence", []), start=1):
        yield number, "t", item["text"], []
