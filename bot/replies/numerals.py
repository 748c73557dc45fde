"""Numerals: the value of digits as typed, with whichever marks group them or mark decimals.

`numeral` overlaps `babel.numbers.parse_decimal` on purpose, so do not "simplify" it back:
`parse_decimal` reads only the locale's own convention ("1.200,5" in de), while people type
their own way whatever their locale (a French user's "1,200,000", Indian lakh groups), and the
ambiguous "1.200" needs the money-or-not decision below.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from babel.numbers import get_decimal_symbol, get_group_symbol

from bot.i18n.fold import folded


@cache
def _separators(locale: str) -> tuple[str, str]:
    """The locale's decimal and group marks, folded (French narrow no-break space is " ")."""
    return folded(get_decimal_symbol(locale)) or ".", folded(get_group_symbol(locale)) or " "


def _grouped(groups: list[str]) -> bool:
    """Thousands groups (1,200,000) or Indian lakh groups (12,00,000)."""
    head, rest = groups[0], groups[1:]
    if not 1 <= len(head) <= 3 or head.startswith("0") or not rest:
        return False
    western = all(len(group) == 3 for group in rest)
    indian = len(head) <= 2 and len(rest[-1]) == 3 and all(len(g) == 2 for g in rest[:-1])
    return western or indian


def numeral(raw: str, locale: str, *, money: bool) -> Decimal | None:
    """The value of a numeral as typed, deciding which marks group digits and which is decimal.

    Several different marks: the last one is the decimal mark ("1.200,5", "1 200,5").
    Spaces and apostrophes, or one mark used repeatedly: grouping ("1 200", "1,00,000").
    One "." or "," not followed by exactly three digits: decimal ("1.5", "5,5", "0,500").
    One mark followed by three digits ("1.200") is ambiguous. In money it groups (amounts
    have at most two decimals); otherwise the locale's convention decides, and where the mark
    is neither the locale's decimal nor its group mark, English does ("1.200" is 1.2 in fr).
    """
    parts = re.split(r"([.,' ])", raw)
    groups, marks = parts[0::2], parts[1::2]
    if raw[0] in ".,":
        return Decimal("0." + groups[1])
    if not marks:
        return Decimal(raw)
    last = marks[-1]
    if len(set(marks)) > 1:
        if last in " '" or last in marks[:-1] or len(set(marks[:-1])) > 1:
            return None
        if not _grouped(groups[:-1]):
            return None
        return Decimal("".join(groups[:-1]) + "." + groups[-1])
    if last in " '" or len(marks) > 1:
        return Decimal("".join(groups)) if _grouped(groups) else None
    decimal_mark, group_mark = _separators(locale)
    if _grouped(groups) and (money or last == group_mark
                             or (last != decimal_mark and last == ",")):
        return Decimal(groups[0] + groups[1])
    return Decimal(groups[0] + "." + groups[1])
