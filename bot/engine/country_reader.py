"""The country reader: a passport's country by name in any language or by ISO code, and which
passport when a reply names several."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.engine.options import Answers, Renderable
from bot.engine.readers import Read, Reader
from bot.i18n.text import CountryName, Text, t
from bot.replies import ParseError
from bot.replies.countries import is_stateless, parse_countries, several_countries, without_opener
from bot.replies.errors import NUMBER_NOT_COUNTRY, read_or_none
from bot.replies.money import names_money
from bot.replies.numbers import parse_number
from bot.replies.words import without_closing, without_opening
from bot.replies.yesno import parse_tri
from bot.scoring.answers import Tri


@dataclass(frozen=True)
class Country(Reader):
    """A country by name (any language) or ISO code, stored as ISO 3166-1 alpha-2."""

    def read(self, text: str, locale: str, day: date, selection: list[str],
             answers: Answers) -> Read:
        text = without_closing(without_opening(text, "yes"))   # "Dạ, em là người Việt Nam", "VN ạ"
        if names_money(text, locale) or (any(c.isdigit() for c in text) and read_or_none(
                parse_number, text, locale, whole=True) is not None):   # Korean 오만 is Oman
            raise ParseError(NUMBER_NOT_COUNTRY)   # "1 tỷ 2 đồng" is no fragment of a name
        # A yes or no is no country, though a close spelling may find one (vi "không có" is
        # near Mông Cổ); a two-letter code such as NO (Norway) is one.
        said = None if text.isascii() and len(text) == 2 else parse_tri(text, locale)
        codes = [] if said in (Tri.YES, Tri.NO) else parse_countries(text, locale)
        if not codes and is_stateless(text):
            raise ParseError(t(
                "QMAS and the Top Talent Pass Scheme exclude only nationals of Afghanistan, Cuba "
                "and Korea (DPR); none of the ImmD pages read for this bot says how a stateless "
                "applicant is treated, so ask ImmD before you apply. To continue, type the "
                "country or territory that issued your travel document."))
        if not codes and parse_tri(text, locale) is Tri.UNSURE:
            raise ParseError(t("The result depends on your nationality, so please type the "
                               "country whose passport you hold, for example India or IN."))
        if not codes and (passports := several_countries(text, locale)):
            return Read(candidates=tuple(f"{code} {_PASSPORT}" for code in passports))
        if not codes:
            raise ParseError(t("I did not recognise that country. Please type its name, for "
                               "example India, or its two-letter code, such as IN."))
        if len(codes) == 1:
            return Read(codes[0])
        return Read(candidates=tuple(codes), typed=without_opener(text))

    def show(self, value: object) -> Renderable:
        return CountryName(value) if isinstance(value, str) else super().show(value)

    def candidate(self, name: str) -> Renderable:
        return CountryName(name.split()[0])

    def picked(self, name: str) -> object:
        return name.split()[0]

    def pick(self, text: str, candidates: list[str]) -> str | None:
        """A passport named by typing its country ("Spain") instead of pressing it."""
        codes = parse_countries(text)
        return next((name for name in candidates
                     if name.endswith(_PASSPORT) and codes[:1] == [name.split()[0]]), None)

    def asked_about(self, names: tuple[str, ...]) -> Text | None:
        """Two nationalities typed ("soy argentino y español"): which passport, not "which one
        do you mean"."""
        if all(name.endswith(_PASSPORT) for name in names):
            return t("You named more than one country: which passport will you apply with?")
        return None


_PASSPORT = "passport"   # marks a candidate as one of several passports named
