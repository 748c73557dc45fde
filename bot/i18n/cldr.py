"""CLDR data the translator needs in parts, where Babel's public functions use it only whole.

`babel.lists.format_list` and `babel.units.format_unit` take a style or a length and write the
result; the translator puts a language's own list parts over CLDR's and falls back from a long
unit to a short one as CLDR does, so it reads the parts here. tests/test_cldr.py checks them
against what those two functions write, so a Babel release that changes them fails there.
"""

from __future__ import annotations

from collections.abc import Mapping

from babel import Locale
from babel.localedata import load

from bot.i18n.text import CldrListStyle

# CLDR root's aliases between list styles (root.xml, listPatterns), which Babel applies only
# inside `format_list`: a locale without "unit" lists (zh, ja, ko, fr) lists units as
# "unit-short", else as "standard".
_STYLE_FALLBACKS: Mapping[str, tuple[str, ...]] = {
    "standard-short": ("standard",), "or-short": ("or",), "unit-short": ("standard",),
    "unit": ("unit-short", "standard"), "unit-narrow": ("unit-short", "unit", "standard"),
}


def list_patterns(locale: Locale, style: CldrListStyle) -> Mapping[str, str]:
    """The locale's list patterns ("start", "middle", "end", "2") for `style`, or for the style
    CLDR falls back to; they may lack parts ("unit" in es has only "end")."""
    styles: Mapping[str, Mapping[str, str]] = locale.list_patterns
    for candidate in (style, *_STYLE_FALLBACKS.get(style, ())):
        if candidate in styles:
            return styles[candidate]
    raise KeyError(f"{locale} has no {style!r} list patterns")


def long_unit_patterns(locale: Locale, unit: str) -> Mapping[str, str]:
    """A unit's patterns in full words by plural form ("{0} years"), only the forms the locale
    has: no public Babel API tells them, and `format_unit` writes "4 duration-year" for a
    missing one. Read from `babel.localedata.load`, the locale's CLDR data."""
    patterns: Mapping[str, Mapping[str, str]] = load(str(locale))["unit_patterns"][unit]
    return patterns.get("long", {})
