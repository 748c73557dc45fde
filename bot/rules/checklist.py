"""What applying involves, as data: fees, stay, links, what happens after applying and typical
evidence, from `checklist.toml`.

The evidence texts are English message ids kept in the data file so that a change in what ImmD
asks for is one edit; `extract_messages` lets `pybabel extract` (babel.cfg) find them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import IO, Any

from bot.common.money import Money
from bot.i18n.text import Text
from bot.rules.ruleset import Source


@dataclass(frozen=True)
class Evidence:
    """One typical document for some prerequisites, criteria or groups (`always`, `dependants`)."""

    targets: frozenset[str]
    text: Text
    source: Source


@dataclass(frozen=True)
class Fact:
    """One thing that happens after applying (`when`: dependants, selection, arrival, stay,
    extension, ttps, warning), with the source it rests on; the text may use the fees as
    {application} and {visa_issuance}, the stay as {months}, {income} and {years}."""

    when: str
    text: str
    source: Source


@dataclass(frozen=True)
class Fees:
    application: Money
    visa_issuance: Money

    def for_people(self, people: int) -> tuple[Money, Money, Money]:
        """What ImmD charges `people` applicants (the principal and dependants): on applying,
        on approval and in all (each fee is per person)."""
        applying = self.application.amount * people
        approval = self.visa_issuance.amount * people
        return (Money(applying, "HKD"), Money(approval, "HKD"),
                Money(applying + approval, "HKD"))


@dataclass(frozen=True)
class Stay:
    initial_months: int
    achievement_years: int
    top_tier_years: int
    top_tier_income: Money
    permanent_after_years: int
    household_sizes: tuple[int, ...]


@dataclass(frozen=True)
class Checklist:
    status_phone: str
    guidance: Source
    scheme_page: Source
    fees_page: Source
    fees: Fees
    stay: Stay
    evidence: tuple[Evidence, ...]
    facts: tuple[Fact, ...]

    def for_target(self, target: str) -> tuple[Evidence, ...]:
        """The items for one prerequisite or criterion id, in file order."""
        return tuple(e for e in self.evidence if target in e.targets)

    def facts_for(self, when: str) -> tuple[Fact, ...]:
        """The facts for one moment (dependants, selection, arrival, stay, extension, ttps,
        warning), in file order."""
        return tuple(f for f in self.facts if f.when == when)


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
    sources = {key: Source(key, **s) for key, s in raw["sources"].items()}
    fees, stay = raw["fees"], raw["stay"]
    return Checklist(
        status_phone=raw["status_phone"],
        guidance=sources["GUIDANCE"],
        scheme_page=sources["QMAS"],
        fees_page=sources["FEES"],
        fees=Fees(_hkd(fees["application"]), _hkd(fees["visa_issuance"])),
        stay=Stay(stay["initial_months"], stay["achievement_years"], stay["top_tier_years"],
                  _hkd(stay["top_tier_income_hkd"]), stay["permanent_after_years"],
                  tuple(stay["household_sizes"])),
        evidence=tuple(_evidence(item, sources) for item in raw["evidence"]),
        facts=tuple(Fact(f["when"], f["text"], sources[f["source"]]) for f in raw["fact"]),
    )


def extract_messages(fileobj: IO[bytes], keywords: object, comment_tags: object,
                     options: object) -> Iterator[tuple[int, str, str, list[str]]]:
    """A Babel extraction method for the data file: one message per evidence or fact `text`."""
    data = tomllib.loads(fileobj.read().decode("utf-8"))
    items = [*data.get("fact", []), *data.get("evidence", [])]
    for number, item in enumerate(items, start=1):
        yield number, "t", item["text"], []
