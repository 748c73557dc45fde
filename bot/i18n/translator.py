"""Render `Text` values in one language: gettext catalogs for words, Babel for numbers and dates."""

from __future__ import annotations

import copy
import gettext
import io
import os
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, get_currency_symbol
from babel.support import Translations

from bot.i18n.bidi import LRI, PDI, isolate, isolate_latin, rtl_lines
from bot.i18n.languages import DEFAULT, Language, by_code
from bot.i18n.territories import territory_names
from bot.i18n.text import (
    Capitalized,
    Checked,
    CountryName,
    InstitutionName,
    LanguageName,
    Text,
    TextList,
)
from bot.rules.currency import Money
from bot.rules.native_names import native_name

DOMAIN = "messages"


def locales_dir() -> Path:
    """Where the `.po` catalogs live: `$QMAS_LOCALES_DIR`, else the repository's `locales/`."""
    override = os.environ.get("QMAS_LOCALES_DIR")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "locales"


@cache
def load_translations(locale: str) -> gettext.NullTranslations:
    """Compile the locale's `.po` in memory at start-up, so no generated `.mo` is ever committed."""
    po_path = locales_dir() / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.exists():
        return gettext.NullTranslations()
    with po_path.open("rb") as fp:
        catalog = read_po(fp, locale=locale, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


class Translator:
    """Everything a front end needs to speak one language."""

    def __init__(self, language: Language = DEFAULT) -> None:
        self.language = language
        self.locale = Locale.parse(language.locale)
        self._translations = load_translations(language.locale)

    @classmethod
    def for_code(cls, code: str) -> Translator:
        """A translator for our language code (see `bot.i18n.languages`)."""
        return translator_for(by_code(code))

    def __call__(self, value: object) -> str:   # see bot.engine.questions.Renderable
        """Render any value that may appear in a message: text, numbers, money, dates, lists."""
        if isinstance(value, Text):
            return self._render_text(value)
        if isinstance(value, TextList):
            return str(format_list([self(item) for item in value.items], value.style,
                                   self.locale))
        if isinstance(value, Checked):
            return f"✓ {self(value.label)}"
        if isinstance(value, Capitalized):
            shown = self(value.value)
            return shown[:1].upper() + shown[1:]
        if isinstance(value, LanguageName):
            name = str(self.locale.languages.get(value.code, value.code))
            # CLDR capitalises Vietnamese names ("Tiếng Anh"); mid-sentence they are lower case.
            return name[:1].lower() + name[1:] if self.language.code == "vi" else name
        if isinstance(value, CountryName):
            return territory_names(self.language.locale).get(value.code) or str(
                self.locale.territories.get(value.code, value.code))
        if isinstance(value, InstitutionName):
            return native_name(value.name, self.language.code) or value.name
        if isinstance(value, Money):
            return self.money(value)
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            return _integer(value, self.locale)
        if isinstance(value, float | Decimal):
            return _decimal(value, self.locale)
        if isinstance(value, date):
            first = self.language.first_day_pattern if value.day == 1 else None
            return format_date(value, first or self.language.date_pattern, locale=self.locale)
        return str(value)

    def money(self, money: Money) -> str:
        """An amount in the locale's currency format, without decimals when it is whole.

        A bare "$" beside HK$ figures is ambiguous, so US dollars always read "US$". Right to left,
        the amount is one left-to-right isolate "HK$ 1,000,000" so the symbol stays in front.
        """
        whole = money.amount == money.amount.to_integral_value()
        symbol = get_currency_symbol(money.currency, self.locale)
        if money.currency == "USD" and symbol == "$":
            symbol = "US$"
        if self.language.rtl:
            number = format_decimal(money.amount, format="#,##0" if whole else "#,##0.00",
                                    locale=self.locale)
            return f"{LRI}{symbol} {number}{PDI}"
        pattern = copy.copy(self.locale.currency_formats["standard"])
        if whole:
            pattern.frac_prec = (0, 0)
        text = str(pattern.apply(money.amount, self.locale, currency=money.currency,
                                 currency_digits=False))
        return text.replace("$", symbol, 1) if symbol == "US$" and "US$" not in text else text

    def _render_text(self, text: Text) -> str:
        if text.plural is not None and text.n is not None:
            template = self._translations.ngettext(text.msgid, text.plural, text.n)
        else:
            template = self._translations.gettext(text.msgid)
        params = {name: self(value) for name, value in text.params}
        if self.language.rtl:
            template = isolate_latin(template)
            params = {name: isolate(value) for name, value in params.items()}
        try:
            rendered = template.format(**params)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never hide the message: fall back to the source text.
            source = text.msgid if text.n in (None, 1) or text.plural is None else text.plural
            rendered = source.format(**params)
        return rtl_lines(rendered) if self.language.rtl else rendered


def _decimal(value: float | Decimal, locale: Locale) -> str:
    """A fraction with the digits it has (up to ten), so 0.00001 is not shown as 0 and 29.9999
    not as 30; Babel's default pattern keeps three."""
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) else 0
    pattern = copy.copy(locale.decimal_formats[None])
    pattern.frac_prec = (0, min(max(places, 3), 10))
    return str(pattern.apply(Decimal(str(value)), locale))


@lru_cache(maxsize=4096)
def _integer(value: int, locale: Locale) -> str:
    """An integer in the locale's digits and grouping; cached, as question numbers and counts
    recur on every turn and Babel's formatting is the costliest part of rendering them."""
    return str(format_decimal(value, locale=locale))


@cache
def translator_for(language: Language) -> Translator:
    """One shared translator per language: building Babel's Locale on every update is costly."""
    return Translator(language)
