"""Country and language names where ImmD, our catalogs or our readers differ from CLDR's: Hong
Kong's 朝鮮, not 北韓; Arabic readers' الأمازيغية, not a variety of it."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib.resources import files


def _overrides(file: str, locale: str) -> Mapping[str, str]:
    """The names by code that replace CLDR's in `locale`, from one of data/*-names.toml."""
    text = files("bot.i18n").joinpath("data", file).read_text("utf-8")
    entries = tomllib.loads(text).get(locale, {})
    return {code: entry["name"] for code, entry in entries.items()}


@cache
def territory_names(locale: str) -> Mapping[str, str]:
    """Names by ISO alpha-2 code that replace CLDR's in `locale` (data/territory-names.toml)."""
    return _overrides("territory-names.toml", locale)


@cache
def language_names(locale: str) -> Mapping[str, str]:
    """Names by language code that replace CLDR's in `locale` (data/language-names.toml)."""
    return _overrides("language-names.toml", locale)
