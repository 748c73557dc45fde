"""The reader of institution names: a typed name checked against a list, an unlisted one kept.

Apart from the other readers because its matcher, notices and refusals come from the rules layer
through the question definition, which the engine does not know.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bot.engine.options import Answers, Renderable
from bot.engine.readers import Read, Reader
from bot.i18n.text import InstitutionName, Text, t
from bot.replies import ParseError
from bot.replies.names import not_a_name
from bot.replies.yesno import says
from bot.scoring.answers import NAME_LENGTH


@dataclass(frozen=True)
class Match:
    """What a matcher found: the listed name (`exact`: as typed), else names to ask about."""

    name: str | None
    exact: bool = False
    candidates: tuple[str, ...] = ()
    echo: Text | None = None   # what the name counts as, said back instead of "on the list"
    unlisted: str | None = None   # a known institution that is not on the list, kept so named


_SEVERAL = " +"   # marks a candidate as one of several names typed


@dataclass(frozen=True)
class Institution(Reader):
    """A name checked against a list; an unlisted one is kept, with `unlisted_notice(typed)`;
    a reply that is no name (a language, a country, a number, a yes) is refused with
    `refused(typed, answers)`, which says what to type."""

    matcher: Callable[[str], Match]
    unlisted_notice: Callable[[str], Text]
    refused: Callable[[str, Answers], Text]
    nearest: Callable[[str], tuple[str, ...]] = lambda _text: ()   # listed names like it
    # Why a listed name does not count on a day (removed, or added later), else None.
    not_listed_on: Callable[[str, date], Text | None] = lambda _name, _day: None
    # The name a typed one stands for in the reader's language (by Babel locale), else the text.
    in_language: Callable[[str, str], str] = lambda text, _locale: text
    # The names of a reply naming several ("서울대, 하버드"), else ().
    names_in: Callable[[str, str], tuple[str, ...]] = lambda _text, _locale: ()
    same_as: str | None = None   # the question whose answer "the same" stands for
    keeps_typed = True

    def read(self, text: str, locale: str, day: date, selection: list[str],
             answers: Answers) -> Read:
        if self.same_as in answers and says(text, "same", wholly=True):   # "同上"
            return self.read(str(answers[str(self.same_as)]), locale, day, selection, answers)
        named = self.in_language(text, locale)
        match = self.matcher(named)
        if match.name is not None and match.exact:
            return Read(match.name)
        if match.unlisted is not None:
            return Read(match.unlisted, notice=self.unlisted_notice(match.unlisted))
        if names := self._several(text, locale):   # which one awarded the degree?
            return Read(candidates=tuple(name + _SEVERAL for name in names), typed=named)
        if not_a_name(text, locale, day):
            raise ParseError(self.refused(text, answers))
        # Asked about as the name typed, without the words around it ("hice un doctorado en
        # Harvrd" is "Harvrd").
        if match.name is not None:
            return Read(candidates=(match.name,), typed=named)
        if match.candidates:
            return Read(candidates=match.candidates, typed=named)
        if nearest := self.nearest(named):
            return Read(candidates=nearest, typed=named)
        return Read(named, notice=self.unlisted_notice(named))

    def _several(self, text: str, locale: str) -> tuple[str, ...]:
        """The institutions a reply names, when it names several and each is known (listed,
        known to be unlisted, or a short name several listed ones share), else ()."""
        names: list[str] = []
        for part in self.names_in(text, locale):
            match = self.matcher(part)
            name = match.name if match.name is not None and match.exact else match.unlisted
            if name is None and not match.candidates:
                return ()
            names += [name] if name is not None else match.candidates   # "NTU": both NTUs
        return tuple(dict.fromkeys(names)) if len(set(names)) > 1 else ()

    def picked(self, name: str) -> object:
        return name.removesuffix(_SEVERAL)

    def asked_about(self, names: tuple[str, ...]) -> Text | None:
        """Several institutions typed: which one awarded the degree, not "which one do you
        mean"."""
        if all(name.endswith(_SEVERAL) for name in names):
            return t("You named more than one university: which one awarded this degree?")
        return None

    def show(self, value: object) -> Renderable:
        return InstitutionName(value) if isinstance(value, str) else super().show(value)

    def candidate(self, name: str) -> Renderable:
        return InstitutionName(name.removesuffix(_SEVERAL))

    def not_found(self, typed: str) -> bool:
        match = self.matcher(typed)
        return match.name is None and not match.candidates

    def kept(self, typed: str) -> Text | None:
        """A name kept over the suggestions is not the listed one they named ("Harvrd")."""
        name = typed.removesuffix(_SEVERAL)
        match = self.matcher(name)
        return None if match.name is not None and match.exact else self.unlisted_notice(name)

    def range_error(self, day: date) -> Text:
        """The contract refuses only a name longer than it takes (a pasted text)."""
        return t("That name is too long: please send at most {limit} characters.",
                 limit=NAME_LENGTH)

    def understood(self, value: object, day: date) -> Text | None:
        """A listed name with its official spelling, or why the list in force on `day` leaves it
        out; an unlisted one has its own notice."""
        if isinstance(value, str) and (match := self.matcher(value)).name == value:
            return self.not_listed_on(value, day) or match.echo or t(
                "{name} ✓ (on the list of eligible universities)", name=InstitutionName(value))
        return None
