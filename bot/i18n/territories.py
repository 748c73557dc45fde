"""Country names where ImmD and our catalogs differ from CLDR's: Hong Kong's 朝鮮, not 北韓."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib.resources import files


@cache
def territory_names(locale: str) -> Mapping[str, str]:
    """Names by ISO alpha-2 code that replace CLDR's in `locale` (data/territory-names.toml)."""
    text = files("bot.i18n").joinpath("data", "territory-names.toml").read_text("utf-8")
    entries = tomllib.loads(text).get(locale, {})
    return {code: entry["name"] for code, entry in entries.items()}
