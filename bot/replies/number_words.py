"""The words of numbers: Babel's compact-number multipliers ("million", "万", "लाख") and year
units in every locale, plus the informal number words of `data/words.toml`."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.numbers import format_decimal
from babel.units import format_unit

from bot.i18n.fold import LOCALES, folded, numbering_systems
from bot.replies.currencies import currency_index
from bot.replies.lexicon import Lexicon, Sort, lexicon
from bot.replies.words import locale_words, word_list, word_table

# Babel locales we do not speak but whose data users type anyway: 萬/億 (zh_Hant) and the
# Indian L/Cr abbreviations (en_IN).
_EXTRA_NUMBER_SOURCES = ("zh_Hant", "en_IN")


def _decimal(value: float) -> Decimal:
    """A data file's number as written there (1.5, not the float's binary expansion)."""
    return Decimal(str(value))


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
                    words[folded(word)] = Decimal(int(magnitude) // 10 ** (digits - 1))
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
    # "a", CLDR's narrow year in French and Spanish ("3 a"), is also the folded "à" ("3 ans à
    # Paris") and English "a" ("a few"): no unit.
    return frozenset(folded(word) for word in words if folded(word) not in ("", "a"))


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
        meanings.setdefault(folded(word), set()).add((Sort.SCALE, Decimal(10) ** exponent))
    for word, value in word_table("numbers", english=False).items():
        meanings.setdefault(folded(word), set()).add((Sort.NUMBER, _decimal(value)))
    for word in word_list("year_units"):
        meanings.setdefault(folded(word), set()).add((Sort.UNIT, ""))
    return {word: next(iter(found)) for word, found in meanings.items() if len(found) == 1}


@cache
def number_lexicon(locale: str) -> Lexicon:
    """The user's locale first, then English, then other locales and currency words."""
    # The user's own "and" first: Spanish "y" joins "treinta y cinco", elsewhere it is "years".
    words: list[tuple[str, Sort, Decimal | str]] = [
        (word, Sort.AND, "") for word in locale_words("number_joiners", locale)]
    for source in (locale, "en"):
        words += [(word, Sort.SCALE, scale) for word, scale in _scales(source).items()]
        words += [(word, Sort.UNIT, "") for word in _units(source)]
    english = word_table("scales", english=True)
    words += [(word, Sort.SCALE, Decimal(10) ** exponent) for word, exponent in english.items()]
    numbers = word_table("numbers", english=True)
    words += [(word, Sort.NUMBER, _decimal(value)) for word, value in numbers.items()]
    words += [(word, Sort.NUMBER, Decimal(value))
              for word, value in word_table("after_tens").items()]
    words += [(word, Sort.FILLER, "") for word in word_list("fillers")]
    words += [(word, Sort.FRACTION, _decimal(value))
              for word, value in word_table("fractions").items()]
    words += [(word, Sort.PREFIX, _decimal(value))
              for word, value in word_table("fraction_prefixes").items()]
    words += [(word, Sort.PERIOD, Decimal(value))
              for word, value in word_table("periods").items()]
    words += [(word, Sort.PERIOD, Decimal(12)) for word in word_list("month_units")]
    words += [(word, Sort.AND, "") for word in word_list("number_joiners")]
    words += [("-", Sort.SIGN, "-"), ("+", Sort.SIGN, "+")]
    # A loss word counts in the user's language only: Vietnamese "lỗ" folds to Spanish "lo".
    words += [(word, Sort.SIGN, "-") for source in (locale, "en")
              for word in locale_words("minus", source)]
    words += [(word, sort, value) for word, (sort, value) in _shared_number_words().items()]
    words += [(word, Sort.CURRENCY, word) for word in currency_index()]
    return lexicon(words, attached=word_list("attached_joiners"))
