"""Replies that cannot be the name of an institution: a degree ("MSc", "석사"), a yes, no or
"not sure", a "none" ("not applicable"), a number ("34", "two"), an amount ("月入8萬", "HKD 80k",
"I earn 80k a month"), a country ("India"), languages ("English and Hindi"), nonsense ("lol",
"asdfgh", "哈哈哈"), or no letters at all."""

from __future__ import annotations

from bot.replies.countries import is_country_name
from bot.replies.errors import NUMBER_ERROR, read_or_none
from bot.replies.languages import parse_languages
from bot.replies.nonsense import is_nonsense
from bot.replies.numbers import parse_number, read
from bot.replies.words import parse_synonym
from bot.replies.yesno import parse_none, parse_tri


def not_a_name(text: str, locale: str = "en") -> bool:
    """Whether `text` is plainly something other than a name, in any of our languages."""
    return (not any(c.isalpha() for c in text) or is_nonsense(text)
            or parse_synonym(text, "degrees") is not None
            or parse_tri(text, locale) is not None or parse_none(text, locale)
            or is_country_name(text)
            or read_or_none(parse_languages, text, locale) is not None
            or read_or_none(parse_number, text, locale, whole=True) is not None
            or _is_amount(text, locale))


def _is_amount(text: str, locale: str) -> bool:
    """Whether the reply is an amount, alone or among other words: a number with a currency or a
    period word ("I earn 80k a month")."""
    reading = read_or_none(read, text, locale, NUMBER_ERROR, money=True)
    return reading is not None and (bool(reading.currencies) or reading.per_year is not None)
