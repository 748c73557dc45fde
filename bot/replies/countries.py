"""Reading a country as typed: ISO codes, names in any of our languages, informal names, typos."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import cache

from babel import Locale
from babel.core import get_global

from bot.i18n.display_names import territory_names
from bot.i18n.fold import LOCALES, folded, is_narrow_letter, is_wide
from bot.replies.institutions import joined_names, several_names
from bot.replies.segments import fewest_parts
from bot.replies.words import endings, without_ending, without_opening, word_list, word_table


@cache
def _countries() -> frozenset[str]:
    """Two-letter territory codes that are countries (Babel lists languages for them), which
    leaves out groupings such as EU, UN and the pseudo-regions."""
    spoken = get_global("territory_languages")
    return frozenset(code for code in Locale.parse("en").territories
                     if isinstance(code, str) and len(code) == 2 and code in spoken)


def name_variants(name: str) -> set[str]:
    """Folded name, also without a trailing remark ("Hindi (Latin)") and with "&" as "and"."""
    form = folded(name)
    short = re.sub(r" ?\(.*\)$", "", form)
    return {form, short, form.replace(" & ", " and ")}


@cache
def _territory_names(locale: str) -> Mapping[str, tuple[str, ...]]:
    names: dict[str, tuple[str, ...]] = {}
    shown = [*Locale.parse(locale).territories.items(), *territory_names(locale).items()]
    for code, name in shown:
        if code in _countries():
            for variant in map(_country_key, name_variants(name)):
                names[variant] = (*names.get(variant, ()), code)
    return names


@cache
def _informal_countries() -> Mapping[str, tuple[str, ...]]:
    return {_country_key(name): tuple(codes)
            for name, codes in word_table("countries").items()}


_PUNCTUATION = " .,;:!?\"'()"


def _country_key(text: str) -> str:
    """Folded, without surrounding punctuation or a leading "the" ("the U.S." is "u.s")."""
    return folded(text).strip(_PUNCTUATION).removeprefix("the ")


_REGIONAL_A = 0x1F1E6   # flags are two "regional indicator" letters: 🇺🇸 is U+1F1FA U+1F1F8


def _flags(text: str) -> list[str]:
    """The countries of the flag emoji in a reply ("USA 🇺🇸" has US)."""
    letters = "".join(chr(ord("A") + ord(c) - _REGIONAL_A) if 0 <= ord(c) - _REGIONAL_A < 26
                      else " " for c in text)
    return [code for code in re.findall(r"[A-Z]{2}", letters) if code in _countries()]


def parse_countries(text: str, locale: str = "en") -> list[str]:
    """ISO alpha-2 candidates for a typed country, best first; one candidate means a sure match.

    A flag settles a name that means several countries ("Korea 🇰🇷") and alone is its country;
    other emoji are ignored. A code or an exact name in the user's language, English or
    informal English wins; else exact names in our other languages together with names starting
    with the typed words ("Congo" is two countries); else close spellings ("Inida").
    """
    flags = _flags(text)
    named = _named_countries(text, locale)
    if flags and (not named or set(flags) & set(named)):
        return [code for code in dict.fromkeys(flags) if not named or code in named][:5]
    return named


def without_opener(text: str) -> str:
    """A reply as typed without its opening words and copula ("I am Korean" is "Korean",
    "मैं कोरियाई हूँ" is "कोरियाई"), so that "which one do you mean?" quotes only the nationality."""
    bare = without_ending(without_opening(text, "nationality_openers"), "copulas")
    return bare.strip(_PUNCTUATION) or text.strip()


def _demonym(form: str) -> tuple[str, ...]:
    """A demonym without its article, then without its feminine or plural ending: "المصرية",
    "مصرية", "مصري"; "سعوديون", "سعودي"."""
    article = next((word for word in endings("articles")
                    if form.startswith(word) and len(form) > len(word) + 1), "")
    stem = form[len(article):]
    return stem, without_ending(stem, "demonym_endings")


def _forms(typed: str) -> tuple[str, ...]:
    """A typed nationality, then without its copula, then without its nationality word:
    "미국인입니다", "미국인", "미국"; "アメリカ人でした", "アメリカ人", "アメリカ"; each also
    without its opening words ("I am Indian", "أنا مغربي"); last, each as a demonym's stem
    ("المصرية" is "مصري")."""
    forms: list[str] = []
    for start in dict.fromkeys((typed, without_opening(typed, "nationality_openers"))):
        bare = without_ending(start, "copulas")
        forms += (start, bare, without_ending(bare, "nationality_words"))
    forms += [demonym for form in forms for demonym in _demonym(form)]
    return tuple(dict.fromkeys(forms))


def _exact_countries(text: str, locale: str) -> list[str]:
    """A code, or the countries of an exact name in the user's language, English or informal
    English, in any of its forms ("미국인입니다"); else []."""
    typed = _country_key(text)
    # A code is typed in Latin letters: Vietnamese "Mỹ" (the US) folds to "my" but is no code.
    code = typed.upper() if typed and text.strip().isascii() else None
    found = [code] if code in _countries() else []
    for form in _forms(typed) if typed else ():
        for table in _tables(locale):
            found += table.get(form, ())
        if found:
            break
    return list(dict.fromkeys(found))


def _tables(locale: str) -> tuple[Mapping[str, tuple[str, ...]], ...]:
    return _territory_names(locale), _territory_names("en"), _informal_countries()


def _named_countries(text: str, locale: str) -> list[str]:
    typed = _country_key(text)
    if not typed:
        return []
    if found := _exact_countries(text, locale):
        return found
    tables = _tables(locale)
    for other in LOCALES:
        found += next(filter(None, map(_territory_names(other).get, _forms(typed))), ())
    # Beginnings and close spellings of what is left of the reply, not of its words around
    # the name: "मेक्सिकी नागरिक" is near "अमेरिकी नागरिक" (US) as a whole.
    typed = min(_forms(typed), key=len)
    if len(typed) >= (2 if is_wide(typed[0]) else 3):
        for table in tables:
            found += [code for name, codes in table.items() for code in codes
                      if name.startswith(typed) and len(name) > len(typed)
                      and not is_narrow_letter(name[len(typed)])]
    if not found:
        names = [name for table in tables for name in table]
        for name in difflib.get_close_matches(typed, names, n=5, cutoff=0.8):
            for table in tables:
                found += table.get(name, ())
    return list(dict.fromkeys(found))[:5]


def is_country_name(text: str) -> bool:
    """Whether a reply is exactly a country's name in one of our languages, or an informal one
    ("India", "Inde", "UK"); not a code, a beginning or a close spelling, which may be another
    name ("Indiana")."""
    typed = _country_key(text)
    return bool(typed) and (typed in _informal_countries()
                            or any(typed in _territory_names(locale) for locale in LOCALES))


@cache
def _stateless_words() -> frozenset[str]:
    return frozenset(map(_country_key, word_list("stateless")))


def is_stateless(text: str) -> bool:
    """Whether a reply to the nationality question says the person has no nationality."""
    return _country_key(text) in _stateless_words()


def several_countries(text: str, locale: str) -> list[str]:
    """The countries of a reply naming several, each sure ("Indian and British", "한국 미국
    이중국적": cut at commas and "and"s, else between words), else []."""
    bare = without_opener(text)

    def one(name: str) -> bool:
        return len(parse_countries(name, locale)) == 1

    parts = [name for part in several_names(bare) for name in joined_names(part, one)]
    if len(parts) < 2:   # names exactly as written, not near spellings: one cut of many
        words = bare.split()
        parts = fewest_parts(len(words), lambda first, end: (
            name if len(_exact_countries(name := " ".join(words[first:end]), locale)) == 1
            else None)) or []
    codes = [parse_countries(part, locale) for part in parts]
    if len(parts) < 2 or any(len(found) != 1 for found in codes):
        return []
    return list(dict.fromkeys(found[0] for found in codes))


def without_country(text: str) -> str | None:
    """The rest of a name opened by a country's exact name, in any of our languages, when
    something is left ("英國蘭卡斯特大學", "UK University of Warwick"); else None."""
    typed = text.strip()
    words = typed.split()
    cuts = [len(" ".join(words[:count])) for count in range(1, min(len(words), 4))]
    if typed and is_wide(typed[0]):
        cuts += range(2, min(len(typed), 7))
    return next((typed[cut:].strip(_PUNCTUATION) for cut in sorted(cuts, reverse=True)
                 if typed[cut:].strip(_PUNCTUATION) and is_country_name(typed[:cut])), None)
