"""Reading numbers as people type them: "5,5", "about 5 years", "1.2m", "120万", "三十歲"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
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
class _Term:
    """A number and its multipliers, as typed: "3", "三十", "1.2 million", "五万"."""

    value: Decimal
    word: bool          # a number word ("twenty", "서른"), not digits
    scale: Decimal      # the product of its multipliers
    last: Decimal       # its last multiplier
    wide: bool          # that multiplier is a CJK word (万, 억)


def _add_up(terms: list[_Term]) -> Decimal | None:
    """The value of several terms, or None when they do not make one number.

    Each term must be smaller than the multiplier before it ("3万5千", "1억 2천만"); a CJK
    multiplier larger than the terms before it multiplies them too ("一百二十万" = 120 × 10⁴);
    a tens word takes one units word ("twenty five", "서른다섯").
    """
    parts: list[tuple[Decimal, Decimal]] = []   # (amount, scale) of the terms so far
    previous: _Term | None = None
    for term in terms:
        amount = term.value * term.scale
        if previous is None:
            parts.append((amount, term.scale))
        elif _tens_and_units(previous, term):
            parts[-1] = (parts[-1][0] + amount, Decimal(1))
            term = replace(term, word=False)   # "twenty five six" is not a number
        elif parts[-1][1] == 1 or amount >= parts[-1][1]:
            group = 0   # the trailing terms below this CJK multiplier ("一百二十" of "…万")
            while group < len(parts) and parts[-1 - group][1] < term.last:
                group += 1
            if not (term.wide and any(scale > 1 for _, scale in parts[len(parts) - group:])):
                return None
            inner = sum(part[0] for part in parts[len(parts) - group:]) + amount / term.last
            del parts[len(parts) - group:]
            parts.append((inner * term.last, term.last))
        else:
            parts.append((amount, term.scale))
        previous = term
    return sum((amount for amount, _ in parts), Decimal(0)) if parts else None


def _tens_and_units(tens: _Term, units: _Term) -> bool:
    """A tens word followed by a units word: "twenty five", "서른다섯"."""
    return (tens.word and units.word and tens.scale == units.scale == 1
            and tens.value >= 10 and tens.value % 10 == 0 and units.value < 10)


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

    def term() -> _Term | None:
        """`number [scale...]`; a CJK multiplier alone counts once ("十五" = 15)."""
        number = take(Sort.NUMBER)
        at = tokens[position] if position < len(tokens) else None
        if number is None and not (at and at.sort is Sort.SCALE and is_wide(folded[at.start])):
            return None
        value = Decimal(1) if number is None else (
            number.value if isinstance(number.value, Decimal)
            else numeral(number.value, locale, money=money))
        if value is None:
            raise ParseError(error)
        scale = last = Decimal(1)
        wide = False
        while (multiplier := take(Sort.SCALE)) is not None:
            factor = Decimal(multiplier.value)
            if factor <= last:   # "千万" multiplies; "million thousand" is not a number
                raise ParseError(error)
            scale, last, wide = scale * factor, factor, is_wide(folded[multiplier.start])
        word = number is not None and isinstance(number.value, Decimal)
        return _Term(value, word, scale, last, wide)

    while position < len(tokens) and tokens[position].sort in (Sort.SIGN, Sort.CURRENCY):
        token = tokens[position]
        position += 1
        if token.sort is Sort.CURRENCY:
            currencies.append(str(token.value))
        elif signed:
            raise ParseError(error)
        else:
            sign, signed = (-1 if token.value == "-" else 1), True
    terms: list[_Term] = []
    while (found := term()) is not None:
        terms.append(found)
    total = _add_up(terms)
    if total is None:
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
