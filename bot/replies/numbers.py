"""Reading numbers as people type them: "5,5", "about 5 years", "1.2m", "120万", "三十歲"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.numbers import format_decimal
from babel.units import format_unit

from bot.i18n.text import Text
from bot.replies.currencies import currency_index
from bot.replies.errors import NUMBER_ERROR, ParseError
from bot.replies.fold import LOCALES, fold, is_wide, key, numbering_systems
from bot.replies.informal import word_list, word_table
from bot.replies.lexicon import Lexicon, Sort, Token, lexicon, scan
from bot.replies.numerals import numeral

# Babel locales we do not speak but whose data users type anyway: 萬/億 (zh_Hant) and the
# Indian L/Cr abbreviations (en_IN).
_EXTRA_NUMBER_SOURCES = ("zh_Hant", "en_IN")


@cache
def _scales(locale: str) -> Mapping[str, Decimal]:
    """Multiplier words of Babel's compact number formats: "0 million", "0万", "00 लाख".

    Short forms override long ones: CLDR's long Nepali forms put करोड (ten million) at a million.
    """
    words: dict[str, Decimal] = {}
    formats = Locale.parse(locale).compact_decimal_formats
    for style in ("long", "short"):
        for patterns in formats.get(style, {}).values():
            for magnitude, pattern in patterns.items():
                word = (pattern.prefix[0] + pattern.suffix[0]).strip()
                digits = max(pattern.int_prec[0], 1)   # "mille" alone means one thousand
                if word:
                    words[key(word)] = Decimal(int(magnitude) // 10 ** (digits - 1))
    return words


@cache
def _units(locale: str) -> frozenset[str]:
    """Year units ("years", "yrs", "年", "سنوات") and percent signs, from Babel's patterns."""
    words: set[str] = set()
    for length in ("long", "short", "narrow"):
        for count in (0, 1, 2, 3, 11, 100, Decimal("1.5")):
            formatted = format_unit(count, "duration-year", length=length, locale=locale)
            if "duration" not in formatted:   # Babel falls back to the unit id when it lacks one
                words.add(formatted.replace(format_decimal(count, locale=locale), "").strip())
    symbols = Locale.parse(locale).number_symbols
    words.update(symbols[system]["percentSign"] for system in numbering_systems(locale)
                 if "percentSign" in symbols[system])
    return frozenset(key(word) for word in words if key(word))


@cache
def _shared_number_words() -> Mapping[str, tuple[Sort, Decimal | str]]:
    """Scale, unit and number words of every other source, kept only where all agree."""
    meanings: dict[str, set[tuple[Sort, Decimal | str]]] = {}
    for source in (*LOCALES, *_EXTRA_NUMBER_SOURCES):
        for word, scale in _scales(source).items():
            meanings.setdefault(word, set()).add((Sort.SCALE, scale))
        for word in _units(source):
            meanings.setdefault(word, set()).add((Sort.UNIT, ""))
    for word, exponent in word_table("scales", english=False).items():
        meanings.setdefault(key(word), set()).add((Sort.SCALE, Decimal(10) ** exponent))
    for word, value in word_table("numbers", english=False).items():
        meanings.setdefault(key(word), set()).add((Sort.NUMBER, Decimal(value)))
    for word in word_list("year_units"):
        meanings.setdefault(key(word), set()).add((Sort.UNIT, ""))
    return {word: next(iter(found)) for word, found in meanings.items() if len(found) == 1}


@cache
def _number_lexicon(locale: str) -> Lexicon:
    """The user's locale first, then English, then other locales and currency words."""
    words: list[tuple[str, Sort, Decimal | str]] = []
    for source in (locale, "en"):
        words += [(word, Sort.SCALE, scale) for word, scale in _scales(source).items()]
        words += [(word, Sort.UNIT, "") for word in _units(source)]
    english = word_table("scales", english=True)
    words += [(word, Sort.SCALE, Decimal(10) ** exponent) for word, exponent in english.items()]
    numbers = word_table("numbers", english=True)
    words += [(word, Sort.NUMBER, Decimal(value)) for word, value in numbers.items()]
    words += [(word, Sort.FILLER, "") for word in word_list("fillers")]
    words += [("-", Sort.SIGN, "-"), ("+", Sort.SIGN, "+")]
    words += [(word, sort, value) for word, (sort, value) in _shared_number_words().items()]
    words += [(word, Sort.CURRENCY, word) for word in currency_index()]
    return lexicon(words)


@dataclass(frozen=True)
class Reading:
    """A number as read from a reply, with the currency words it mentioned."""

    amount: Decimal
    currencies: tuple[str, ...]
    has_unit: bool


def read(text: str, locale: str, error: Text, *, money: bool = False) -> Reading:
    """Read `[sign] [currency] number [scale...] [currency] [unit]`, ignoring fillers.

    Several scaled terms add up when each is smaller than the scale before it, as in Chinese
    and Korean ("1억 2천만" = 120,000,000, "3万5千" = 35,000); a CJK multiplier starting a term
    counts once ("十五" = 15, "三十歲" = 30).
    """
    folded = fold(text).text.rstrip(" .!?。")
    tokens = [token for token in scan(folded, _number_lexicon(locale), numerals=True)
              if token.sort is not Sort.FILLER]
    position, sign, signed = 0, 1, False
    currencies: list[str] = []

    def take(sort: Sort) -> Token | None:
        nonlocal position
        if position < len(tokens) and tokens[position].sort is sort:
            position += 1
            return tokens[position - 1]
        return None

    def term_value() -> Decimal | None:
        number = take(Sort.NUMBER)
        if number is None:
            at = tokens[position] if position < len(tokens) else None
            wide_scale = at is not None and at.sort is Sort.SCALE and is_wide(folded[at.start])
            return Decimal(1) if wide_scale else None
        value = (number.value if isinstance(number.value, Decimal)
                 else numeral(number.value, locale, money=money))
        if value is None:
            raise ParseError(error)
        return value

    while position < len(tokens) and tokens[position].sort in (Sort.SIGN, Sort.CURRENCY):
        token = tokens[position]
        position += 1
        if token.sort is Sort.CURRENCY:
            currencies.append(str(token.value))
        elif signed:
            raise ParseError(error)
        else:
            sign, signed = (-1 if token.value == "-" else 1), True
    total, previous_scale = Decimal(0), None
    while (value := term_value()) is not None:
        scale = last = Decimal(1)
        while (multiplier := take(Sort.SCALE)) is not None:
            factor = Decimal(multiplier.value)
            if factor <= last:   # "千万" multiplies; "million thousand" is not a number
                raise ParseError(error)
            scale, last = scale * factor, factor
        term = value * scale
        if previous_scale is not None and (previous_scale == 1 or term >= previous_scale):
            raise ParseError(error)
        total, previous_scale = total + term, scale
    if previous_scale is None:
        raise ParseError(error)
    while (currency := take(Sort.CURRENCY)) is not None:
        currencies.append(str(currency.value))
    has_unit = take(Sort.UNIT) is not None
    if position != len(tokens):
        raise ParseError(error)
    amount = sign * total
    whole = amount.to_integral_value()
    amount = whole if amount == whole else amount.normalize()   # 1.2m is 1200000, not 1200000.0
    return Reading(amount, tuple(currencies), has_unit)


def parse_number(text: str, locale: str = "en") -> Decimal:
    """A number as people type it: "5", "5,5", "about 5 years", "1.2m", "120万", "三十歲".

    A currency in the reply is ignored; negative numbers are returned (callers check ranges).
    """
    return read(text, locale, NUMBER_ERROR).amount
