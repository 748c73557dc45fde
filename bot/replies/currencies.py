"""Currency words of every kind (codes, symbols, names in our languages, informal words) and
which currency a word means for a given user."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

from babel import Locale
from babel.core import get_global
from babel.numbers import get_currency_name, get_territory_currencies

from bot.i18n.fold import LOCALES, folded, words
from bot.i18n.text import join, t
from bot.replies.errors import ParseError
from bot.replies.words import folded_list, locale_table, locale_words, word_table
from bot.rules.currency import load_rates

# When a currency word is shared (dollar, pound, rupee, dirham, won) and neither the default
# currency nor the user's home currency settles it, the one most applicants mean.
_TIE_BREAK = ("USD", "GBP", "INR", "AED", "KRW")
_COUNTS = (0, 1, 2, 3, 11, 100)   # one number per plural category of our languages


@cache
def _current_currencies() -> frozenset[str]:
    """ISO codes that are legal tender somewhere today."""
    return frozenset(code for entries in get_global("territory_currencies").values()
                     for code, _start, end, tender in entries if end is None and tender)


def _names(code: str, locale: str) -> set[str]:
    names = {get_currency_name(code, count, locale) for count in _COUNTS}
    names.add(Locale.parse(locale).currencies.get(code, code))
    return names


def _home_symbol(code: str) -> str | None:
    """The symbol in the currency's own country ("RM", "R$", "₺"): its code starts with it."""
    likely = get_global("likely_subtags").get(f"und_{code[:2]}")
    return Locale.parse(likely).currency_symbols.get(code) if likely else None


@cache
def currency_index() -> Mapping[str, frozenset[str]]:
    """Every folded currency code, symbol and name, with the currencies it may mean."""
    index: dict[str, set[str]] = {}

    def add(word: str, codes: Iterable[str]) -> None:
        form = folded(word)
        index.setdefault(form, set()).update(codes)
        if form.endswith(".") and len(form) > 1:   # "kr." and "Rs." are typed without the dot
            index.setdefault(form[:-1], set()).update(codes)

    families: dict[str, set[str]] = {}
    for code in _current_currencies():
        for name in _names(code, "en"):
            families.setdefault(folded(name).split()[-1], set()).add(code)
        for locale in LOCALES:
            for name in _names(code, locale):
                add(name, {code})
            add(Locale.parse(locale).currency_symbols.get(code, code), {code})
    for code in load_rates().hkd_per_unit:
        symbol = _home_symbol(code)
        if symbol:
            add(symbol, {code})
    for family, codes in families.items():
        add(family, codes)
    for word, meaning in word_table("currencies").items():
        for each in meaning if isinstance(meaning, list) else [meaning]:
            add(word, families.get(each, {each}))
    for code in _current_currencies():   # an ISO code means exactly that currency
        index[code.casefold()] = {code}
    return {word: frozenset(codes) for word, codes in index.items()}


@cache
def _home_currency(locale: str) -> str | None:
    """The currency of the locale's country (its likely one when the locale names none)."""
    parsed = Locale.parse(locale)
    territory = parsed.territory
    if territory is None:
        likely = get_global("likely_subtags").get(parsed.language)
        territory = Locale.parse(likely).territory if likely else None
    return country_currency(territory) if territory else None


def country_currency(country: str) -> str | None:
    """The currency of a country (ISO 3166 code) today: a passport's "$" is its own dollar."""
    currencies = get_territory_currencies(country)
    return str(currencies[0]) if currencies else None


class AmbiguousCurrency(ParseError):
    """A currency word that several currencies share and nothing settles: ask which one."""

    def __init__(self, codes: tuple[str, ...]) -> None:
        super().__init__(t("Which currency do you mean: {currencies}? Please write the currency "
                           "code with the amount.", currencies=join(*codes, style="or")))
        self.codes = codes


# The currencies offered first when "$" is asked about: those of most applicants.
_USUAL = ("USD", "HKD", "SGD", "AUD", "CAD", "NZD", "TWD", "CNY", "JPY")
_ASKED = 6   # at most this many buttons


def resolve(word: str, locale: str, default: str | None, home: str | None = None) -> str:
    """One currency for a currency word: the default, else the passport's (`home`), else the
    user's country's; a word people use for several currencies ("$") is asked about, others take
    their usual meaning ("rupees" is INR); ask when none of them fits ("¥" outside ja and
    zh_Hans)."""
    codes = currency_index()[word]
    if len(codes) == 1:
        return next(iter(codes))
    if folded(word) in folded_list("ambiguous_currencies"):
        choices: tuple[str | None, ...] = (default, home, _region_currency(locale))
    else:
        choices = (default, home, _home_currency(locale), *_TIE_BREAK)
    for choice in choices:
        if choice in codes:
            return choice
    rates = load_rates()
    supported = sorted((code for code in codes if rates.supports(code)),
                       key=lambda code: ((*_USUAL, code).index(code), code)) or sorted(codes)
    raise AmbiguousCurrency(tuple(supported[:_ASKED]))


def _region_currency(locale: str) -> str | None:
    """The currency of the country a locale names (zh_Hant_HK: HKD), not of a likely one."""
    territory = Locale.parse(locale).territory
    return country_currency(territory) if territory else None


def _typed_words(text: str) -> set[str]:
    """The folded words of a reply, digits apart ("월500" holds "월")."""
    return set(re.sub(r"\d", " ", words(text)).split())


def home_scale_currencies(text: str) -> frozenset[str]:
    """The currencies whose country's own multipliers the reply uses ("60 triệu" is in VND's,
    "15 lakh" in INR's and NPR's): `home_scales` of the languages of those countries."""
    typed = _typed_words(text)
    return frozenset(code for locale in LOCALES if (code := _home_currency(locale)) is not None
                     and typed & {folded(word) for word in locale_words("home_scales", locale)})


@cache
def _unsaid_scales() -> Mapping[str, tuple[str, int]]:
    """Each language's salary words, folded, with its country's currency and the power of ten
    they leave unsaid."""
    return {folded(word): (code, power) for locale in LOCALES
            if (code := _home_currency(locale))
            for word, power in locale_table("unsaid_scales", locale).items()}


def unsaid_scale(text: str) -> tuple[str, int] | None:
    """The currency and the power of ten of the multiplier a reply's salary words leave unsaid
    (Korean "월 500": KRW, 4 for 만 원), from the `unsaid_scales` of its language; None when
    it has no such word."""
    typed = _typed_words(text)
    return next((scale for word, scale in _unsaid_scales().items() if word in typed), None)
