"""The reader of the languages one speaks and writes well: buttons toggled, or names typed in a
list, where a language said to be spoken only a little is left out and the reader told why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.engine.options import Answers, Option, Renderable
from bot.engine.readers import Read, Reader
from bot.i18n.text import LanguageName, join, t
from bot.replies import ParseError
from bot.replies.languages import read_languages
from bot.replies.yesno import parse_none

NO_LANGUAGE = t("Please choose at least one language: the ones you speak and write well, your "
                "first language included.")


@dataclass(frozen=True)
class Languages(Reader):
    """Several languages: buttons toggle the options, or names are typed (ISO 639-1 codes)."""

    options: tuple[Option, ...] = ()
    several = True

    def read(self, text: str, locale: str, day: date, selection: list[str],
             answers: Answers) -> Read:
        if not selection and parse_none(text, locale, zero=False):   # "no", "none", «لا»
            raise ParseError(NO_LANGUAGE)
        spoken = read_languages(text, locale, joined=True)
        codes = list(dict.fromkeys([*selection, *spoken.codes]))
        little = join(*(LanguageName(code) for code in spoken.little if code not in codes))
        if not codes:
            raise ParseError(t("Only languages you speak and write well count, and you said you "
                               "speak {languages} only a little. Please choose at least one "
                               "language you speak and write well, your first language included.",
                               languages=little))
        notice = t("Left out: {languages}, which you speak only a little. Only languages you "
                   "speak and write well count.", languages=little) if little.items else None
        return Read(codes, notice=notice)

    def show(self, value: object) -> Renderable:
        if isinstance(value, list):
            return join(*(LanguageName(code) for code in value))
        return super().show(value)
