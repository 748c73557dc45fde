"""Load the rule set in force on a given day from `data/rulesets.toml`."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any


class NoRulesInForce(LookupError):
    """The day precedes every rule set we encode (the abolished 80-point test applied then)."""


IMMD = "https://www.immd.gov.hk/"   # ImmD's pages: English under /eng/, Chinese under /hkt/, /hks/
IMMD_SECTIONS = {"zh-hant": "hkt", "zh-hans": "hks"}   # our languages ImmD publishes in


@dataclass(frozen=True)
class Source:
    """An official page (or a press report, marked so) a rule or fact rests on.

    `title` is English and also a message id: `bot/report/sources.py` lists every title for
    translation. `revised` is the page's own revision date, when it shows one; `read` the day we
    read it; `url_zh` the Chinese version of a document whose name differs (ID(C)982);
    `language` the one language a page exists in, said to readers of any other.
    """

    id: str
    title: str
    url: str
    revised: date | None = None
    read: date | None = None
    press: bool = False
    url_zh: str = ""
    language: str = ""

    def url_for(self, language_code: str) -> str:
        """ImmD's page in the reader's script (/hkt/ Traditional, /hks/ Simplified); other
        readers get the page as recorded, English unless ImmD has it only in Chinese."""
        section = IMMD_SECTIONS.get(language_code)
        if section is not None and self.url_zh:
            return self.url_zh
        first, _, rest = self.url.removeprefix(IMMD).partition("/")
        if section is None or not self.url.startswith(IMMD) or first not in ("eng", "hkt", "hks"):
            return self.url
        return f"{IMMD}{section}/{rest}"

    def language_for(self, language_code: str) -> str:
        """The language of the page `url_for` sends a reader to, when it is one: `language` for
        a page in one language only; ImmD's English page for readers ImmD does not publish for."""
        if self.language:
            return self.language
        if self.url.startswith(IMMD) and language_code not in IMMD_SECTIONS:
            return "en"
        return ""


@dataclass(frozen=True)
class CriteriaThresholds:
    max_age: int
    graduate_work_years: Decimal
    renowned_employer_years: Decimal
    target_industry_years: Decimal
    international_work_years: Decimal
    income_hkd: Decimal
    business_profit_hkd: Decimal
    business_share_min_pct: Decimal
    listed_share_min_pct: Decimal


@dataclass(frozen=True)
class TtpsThresholds:
    a_income_hkd: Decimal
    b_min_work_years: Decimal
    c_graduated_within_years: int
    c_max_work_years: Decimal


@dataclass(frozen=True)
class RuleSet:
    """One version of the QMAS rules, with when it took effect and where it comes from."""

    scheme: str
    name: str
    effective: date
    sources_read: date
    excluded_nationalities: frozenset[str]
    minimum_age: int
    threshold: int
    criteria: CriteriaThresholds
    ttps: TtpsThresholds
    borderline_margin: Decimal
    provisional: frozenset[str]
    sources: tuple[Source, ...]


def _decimals(table: dict[str, Any], *int_keys: str) -> dict[str, Any]:
    return {k: (v if k in int_keys else Decimal(str(v))) for k, v in table.items()}


def _parse(raw: dict[str, Any]) -> RuleSet:
    return RuleSet(
        scheme=raw["scheme"],
        name=raw["name"],
        effective=raw["effective"],
        sources_read=raw["sources_read"],
        excluded_nationalities=frozenset(raw["excluded_nationalities"]),
        minimum_age=raw["minimum_age"],
        threshold=raw["threshold"],
        criteria=CriteriaThresholds(**_decimals(raw["criteria"], "max_age")),
        ttps=TtpsThresholds(**_decimals(raw["ttps"], "c_graduated_within_years")),
        borderline_margin=Decimal(raw["currency"]["borderline_margin"]),
        provisional=frozenset(raw["provisional"]),
        sources=tuple(Source(**s) for s in raw["sources"]),
    )


@cache
def all_rulesets() -> tuple[RuleSet, ...]:
    """Every rule set in the data file, oldest first."""
    text = resources.files("bot.rules").joinpath("data/rulesets.toml").read_text("utf-8")
    return tuple(sorted((_parse(r) for r in tomllib.loads(text)["ruleset"]),
                        key=lambda r: r.effective))


@dataclass(frozen=True)
class RoutePage:
    """Another scheme's page and the two conditions of it the answers cannot settle: which
    Chinese nationals it admits (`chinese_nationals`) and what record it asks for (`record`);
    "" when the page sets none that the result must say."""

    source: Source
    chinese_nationals: str = ""
    record: str = ""


@cache
def route_pages() -> dict[str, RoutePage]:
    """The official pages of the other admission schemes (`data/routes.toml`), by route id."""
    text = resources.files("bot.rules").joinpath("data/routes.toml").read_text("utf-8")
    pages = {}
    for raw in tomllib.loads(text)["route"]:
        conditions = {key: raw.pop(key) for key in ("chinese_nationals", "record") if key in raw}
        pages[raw["id"]] = RoutePage(Source(**raw), **conditions)
    return pages


def route_sources() -> dict[str, Source]:
    """The official page of each other admission scheme, by route id."""
    return {rid: page.source for rid, page in route_pages().items()}


def ruleset_for(day: date) -> RuleSet:
    """The rule set in force on `day`; `NoRulesInForce` before the first one."""
    in_force = [r for r in all_rulesets() if r.effective <= day]
    if not in_force:
        first = all_rulesets()[0].effective
        raise NoRulesInForce(
            f"the current General Points Test applies to applications from {first.isoformat()}"
        )
    return in_force[-1]
