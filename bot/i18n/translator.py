"""Render `Text` values in one language: gettext catalogs for words, Babel for numbers and dates."""

from __future__ import annotations

import copy
import gettext
import io
import os
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import cast

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    format_percent,
    get_currency_name,
    get_currency_symbol,
    get_group_symbol,
)
from babel.support import Translations
from babel.units import format_unit

from bot.common.money import Money
from bot.i18n.articles import agree, has_articles
from bot.i18n.bidi import LRI, PDI, isolate, isolate_latin, rtl_lines
from bot.i18n.cldr import list_patterns, long_unit_patterns
from bot.i18n.display_names import language_names, territory_names
from bot.i18n.languages import DEFAULT, Language, by_code
from bot.i18n.native_names import native_name
from bot.i18n.text import (
    FIGURES,
    AfterColon,
    Capitalized,
    Checked,
    CldrListStyle,
    CountryName,
    CurrencyName,
    Duration,
    Figure,
    InstitutionName,
    LanguageName,
    ListStyle,
    Percent,
    Text,
    TextList,
    Year,
)

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
            return self._list([self(item) for item in value.items], value.style)
        if isinstance(value, Checked):
            return f"✓ {self(value.label)}"
        if isinstance(value, AfterColon):
            return self._after_colon(value.value)
        if isinstance(value, Capitalized):
            shown = self(value.value)
            if isinstance(value.value, InstitutionName):
                return shown   # a name, listed or typed ("xyz"), is said back as written
            return shown[:1].upper() + shown[1:]
        if isinstance(value, LanguageName):
            name = language_names(self.language.locale).get(value.code) or str(
                self.locale.languages.get(value.code, value.code))
            # CLDR capitalises Vietnamese names ("Tiếng Anh"); mid-sentence they are lower case.
            return name[:1].lower() + name[1:] if self.language.code == "vi" else name
        if isinstance(value, CountryName):
            return territory_names(self.language.locale).get(value.code) or str(
                self.locale.territories.get(value.code, value.code))
        if isinstance(value, CurrencyName):
            # "in Indian rupees"; a language with a dual names it in the singular, as
            # Arabic «درهم مغربي», since its count 2 form «درهمان» says "two dirhams"
            count = 1 if self.locale.plural_form(2) == "two" else 2
            name = self.language.currency_names.get(value.code) or get_currency_name(
                value.code, count=count, locale=self.locale)
            # CLDR capitalises Indonesian names ("Rupiah Indonesia"); KBBI writes "rupiah".
            return name[:1].lower() + name[1:] if self.language.code == "id" else name
        if isinstance(value, InstitutionName):
            return value.name if value.listed else (
                native_name(value.name, self.language.code) or value.name)
        if isinstance(value, Money):
            return self.money(value)
        if isinstance(value, Figure):
            number = str(format_compact_decimal(value.value, locale=self.locale,
                                                fraction_digits=2)) if value.compact \
                else _decimal(value.value, self.locale)
            written = self.language.currency_patterns.get(value.currency or "")
            if written is None and value.currency and not value.compact:   # "HK$50,000 × 12"
                return self.money(Money(value.value, value.currency))
            return number if written is None else written.format(number)
        if isinstance(value, Percent):
            return str(format_percent(value.value / 100, locale=self.locale,
                                      decimal_quantization=False))
        if isinstance(value, Duration):
            return self._duration(value)
        if isinstance(value, Year):
            return _year(value.value, value.month, self.locale)
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
        the amount is one left-to-right isolate "HK$ 1,000,000" so the symbol stays in front, with
        a no-break space so that no line ends between the symbol and its number.
        """
        whole = money.amount == money.amount.to_integral_value()
        if (written := self.language.currency_patterns.get(money.currency)) is not None:
            sign = "-" if money.amount < 0 else ""   # "-人民币2,000,000元", not "人民币-2,…"
            return sign + written.format(_amount(replace(money, amount=abs(money.amount)), whole,
                                                 self.locale))
        if self.language.currencies_by_name and money.currency not in ("HKD", "USD"):
            name = self.language.currency_names.get(money.currency) or get_currency_name(
                money.currency, count=money.amount, locale=self.locale)
            return f"{_amount(money, whole, self.locale)}\u00a0{name}"
        cldr_symbol = get_currency_symbol(money.currency, self.locale)
        symbol = self.language.currency_symbols.get(money.currency, cldr_symbol)
        if money.currency == "USD" and symbol == "$":
            symbol = "US$"
        if self.language.rtl:
            return f"{LRI}{symbol}\u00a0{_amount(money, whole, self.locale)}{PDI}"
        pattern = copy.copy(self.locale.currency_formats["standard"])
        if whole:
            pattern.frac_prec = (0, 0)
        text = _min_grouping(str(pattern.apply(money.amount, self.locale,
                                               currency=money.currency, currency_digits=False)),
                             money.amount, self.locale)
        text = text.replace(cldr_symbol, symbol, 1) if symbol not in text else text
        return _currency_spacing(text, symbol)

    def _list(self, items: list[str], style: ListStyle) -> str:
        """Items joined by the locale's list pattern, or by the language's own where it has one,
        with the conjunction spelled as the next word wants it."""
        joined = self._joined(items, style)
        for pattern, replacement in self.language.list_euphony:
            joined = re.sub(pattern, replacement, joined)
        return joined

    def _joined(self, items: list[str], style: ListStyle) -> str:
        """CLDR's patterns for the style (CLDR's fallback from one style to another), over the
        standard ones for parts Babel's data leaves out (es and ar "unit" lack the pair), under
        the language's own."""
        cldr_style = "standard" if style in FIGURES else cast(CldrListStyle, style)
        override = self.language.list_patterns.get(style) \
            or self.language.list_patterns.get(cldr_style) or {}
        patterns: dict[str, str] = {**self.locale.list_patterns["standard"],
                                    **list_patterns(self.locale, cldr_style), **override}
        if len(items) < 3:
            return patterns["2"].format(*items) if len(items) == 2 else "".join(items)
        joined = patterns["start"].format(items[0], items[1])
        for item in items[2:-1]:
            joined = patterns["middle"].format(joined, item)
        return patterns["end"].format(joined, items[-1])

    def _duration(self, duration: Duration) -> str:
        """Years, then months, each with its unit, joined as the locale lists units."""
        parts = []
        if duration.years or not duration.months:
            parts.append(self._unit(duration.years, "duration-year"))
        if duration.months:
            parts.append(self._unit(duration.months, "duration-month"))
        return self._list(parts, "unit")

    def _unit(self, value: Decimal | int, unit: str) -> str:
        """`value` with its unit in full words, the language's own where it has them."""
        own = self.language.unit_patterns.get(unit, {})
        pattern = own.get(str(self.locale.plural_form(value)), own.get("other"))
        if pattern is None:
            return _cldr_unit(value, unit, self.locale)
        return pattern.format(format_decimal(value, locale=self.locale))

    def _after_colon(self, value: object) -> str:
        """A text after a colon, its first word lowered where the language writes it so: only a
        word the translation itself opens with, never a name filled in or listed as a name."""
        if not self.language.lower_after_colon:
            return self(value)
        if isinstance(value, TextList):    # labels listed after a colon: each one mid-sentence
            return self._list([self._after_colon(item) for item in value.items], value.style)
        return self._render_text(value, lower_first=True) if isinstance(value, Text) \
            else self(value)

    def _render_text(self, text: Text, lower_first: bool = False) -> str:
        if text.plural is not None and text.n is not None:
            template = self._translations.ngettext(text.msgid, text.plural, text.n)
        else:
            template = self._translations.gettext(text.msgid)
        opening = None
        if lower_first:
            template = _lowered(template, self.language.names)
            opening = _opening_placeholder(template)
        params = {name: self._after_colon(value) if name == opening
                  else self(value.value) if isinstance(value, AfterColon)
                  and _opens_a_sentence(template, name) else self(value)
                  for name, value in text.params}
        if has_articles(self.language.code):   # "El {university}": the name's own article
            institutions = {name for name, value in text.params
                            if isinstance(value, InstitutionName)}
            template = agree(template, {name: shown for name, shown in params.items()
                                        if name in institutions}, self.language.code)
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


def _amount(money: Money, whole: bool, locale: Locale) -> str:
    """The number alone, grouped as the locale groups it, with cents only when it has them."""
    return _min_grouping(str(format_decimal(money.amount, format="#,##0" if whole else "#,##0.00",
                                            locale=locale)), money.amount, locale)


# CLDR's minimumGroupingDigits where it is 2, which Babel does not read: Spanish writes 1200 but
# 12.000 (RAE, Ortografía de la lengua española, 2010).
_MIN_GROUPING_TWO = frozenset({"es"})


def _min_grouping(text: str, value: Decimal | int, locale: Locale) -> str:
    """A number of four digits without its group separator where the locale writes it so."""
    if locale.language not in _MIN_GROUPING_TWO or not 1000 <= abs(Decimal(value)) < 10000:
        return text
    return text.replace(get_group_symbol(locale), "", 1)


def _cldr_unit(value: Decimal | int, unit: str, locale: Locale) -> str:
    """`value` with its unit in full words. CLDR falls back from the long form to the short one
    where a locale lacks it ("4 年"); Babel does not, so that fallback is made here."""
    if locale.plural_form(value) in long_unit_patterns(locale, unit):
        return str(format_unit(value, unit, "long", locale=locale))
    return str(format_unit(value, unit, "short", locale=locale))


def _currency_spacing(text: str, symbol: str) -> str:
    """CLDR's currency spacing, which Babel leaves out: a symbol that ends (or starts) with a
    letter keeps a no-break space from the digits ("SAR 180,000", not "SAR180,000")."""
    if symbol[-1:].isalpha():
        text = re.sub(rf"{re.escape(symbol)}(?=\d)", f"{symbol}\u00a0", text, count=1)
    if symbol[:1].isalpha():
        text = re.sub(rf"(?<=\d){re.escape(symbol)}", f"\u00a0{symbol}", text, count=1)
    return text


_FIRST_WORD = re.compile(r"[^\W\d_][^\W_]*")


def _opens_a_sentence(template: str, name: str) -> bool:
    """Whether the translation puts `{name}` where a sentence begins (it may end the sentence
    before it instead of writing a colon): the text there keeps its capital."""
    return re.search(r"(^|[.!?。！？]\s*)\{" + re.escape(name) + r"\}", template) is not None


def _opening_placeholder(template: str) -> str | None:
    """The placeholder a template opens with ("{degree} Your degree…"): a text filled in there
    is lowered after a colon as the template's own first word would be."""
    opening = re.match(r"\{(\w+)\}", template)
    return opening.group(1) if opening else None


def _lowered(template: str, names: frozenset[str]) -> str:
    """The template with its opening word lower case, unless that word is a name, an acronym
    ("ImmD", "QMAS") or a placeholder."""
    word = _FIRST_WORD.match(template)
    if word is None or word.group(0) in names or word.group(0)[1:].lower() != word.group(0)[1:]:
        return template
    return template[:1].lower() + template[1:]


def _decimal(value: float | Decimal, locale: Locale) -> str:
    """A fraction with the digits it has (up to ten), so 0.00001 is not shown as 0 and 29.9999
    not as 30; Babel's default pattern keeps three."""
    number = Decimal(str(value))
    exponent = number.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) else 0
    pattern = copy.copy(locale.decimal_formats[None])
    pattern.frac_prec = (0, min(max(places, 3), 10))
    return _min_grouping(str(pattern.apply(number, locale)), number, locale)


@lru_cache(maxsize=512)
def _year(year: int, month: int | None, locale: Locale) -> str:
    """A year alone as the locale writes it, CLDR's "y" skeleton ("2015年" in Japanese), or a
    month of it, its "yMMMM" one ("1990年12月")."""
    return str(format_skeleton("y" if month is None else "yMMMM", date(year, month or 1, 1),
                               locale=locale))


@lru_cache(maxsize=4096)
def _integer(value: int, locale: Locale) -> str:
    """An integer in the locale's digits and grouping; cached, as question numbers and counts
    recur on every turn and Babel's formatting is the costliest part of rendering them."""
    return _min_grouping(str(format_decimal(value, locale=locale)), value, locale)


@cache
def translator_for(language: Language) -> Translator:
    """One shared translator per language: building Babel's Locale on every update is costly."""
    return Translator(language)
