"""Render `Text` values in one language: gettext catalogs for words, Babel for numbers and dates."""

from __future__ import annotations

import copy
import gettext
import io
import os
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from bot.i18n.languages import DEFAULT, Language, by_code
from bot.i18n.text import Checked, CountryName, LanguageName, Text, TextList
from bot.rules.currency import Money

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

    def __call__(self, value: object) -> str:
        """Render any value that may appear in a message: text, numbers, money, dates, lists."""
        if isinstance(value, Text):
            return self._render_text(value)
        if isinstance(value, TextList):
            return str(format_list([self(item) for item in value.items], value.style,
                                   self.locale))
        if isinstance(value, Checked):
            return f"✓ {self(value.label)}"
        if isinstance(value, LanguageName):
            return str(self.locale.languages.get(value.code, value.code))
        if isinstance(value, CountryName):
            return str(self.locale.territories.get(value.code, value.code))
        if isinstance(value, Money):
            return self.money(value)
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int | float | Decimal):
            return format_decimal(value, locale=self.locale)
        if isinstance(value, date):
            return format_date(value, "long", locale=self.locale)
        return str(value)

    def gettext(self, message: str) -> str:
        """Translate a bare message id (no placeholders)."""
        return self._translations.gettext(message)

    def money(self, money: Money) -> str:
        """An amount in the locale's currency format, without decimals when it is whole."""
        pattern = copy.copy(self.locale.currency_formats["standard"])
        if money.amount == money.amount.to_integral_value():
            pattern.frac_prec = (0, 0)
        text = str(pattern.apply(money.amount, self.locale, currency=money.currency,
                                 currency_digits=False))
        # A bare "$" beside HK$ amounts is ambiguous: US dollars always say so.
        return text.replace("$", "US$") if money.currency == "USD" and "US" not in text else text

    def _render_text(self, text: Text) -> str:
        if text.plural is not None and text.n is not None:
            template = self._translations.ngettext(text.msgid, text.plural, text.n)
        else:
            template = self._translations.gettext(text.msgid)
        params = {name: self(value) for name, value in text.params}
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never hide the message: fall back to the source text.
            source = text.msgid if text.n in (None, 1) or text.plural is None else text.plural
            return source.format(**params)


@cache
def translator_for(language: Language) -> Translator:
    """One shared translator per language: building Babel's Locale on every update is costly."""
    return Translator(language)
