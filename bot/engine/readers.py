"""Readers: how a question reads a typed reply, which buttons it offers and how it shows answers.

A question definition picks one (`Number(AGE)`, `Choice(options)`, `Institution(match, …)`) so the
engine stays generic: it knows no question, no list and no limit of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from bot.common.money import Money as Amount
from bot.engine.options import Answers, Option, Renderable
from bot.i18n.text import (
    Capitalized,
    CountryName,
    Duration,
    InstitutionName,
    LanguageName,
    Percent,
    Text,
    join,
    t,
)
from bot.replies import (
    ParseError,
    choice_number,
    is_zero,
    parse_countries,
    parse_languages,
    parse_money,
    parse_number,
    parse_tri,
)
from bot.replies.countries import is_stateless
from bot.replies.currencies import AmbiguousCurrency, country_currency
from bot.replies.errors import BOUND_ERROR, read_or_none
from bot.replies.money import read_money
from bot.replies.names import not_a_name
from bot.replies.words import parse_synonym
from bot.rules.currency import HKD, load_rates
from bot.scoring.answers import MAX_AMOUNT, NAME_LENGTH, Limit, Tri, json_number

TRI_LABELS = {Tri.YES: t("Yes"), Tri.NO: t("No"), Tri.UNSURE: t("Not sure")}
CHOOSE = t("Please choose one of the buttons.")


def said_back(shown: Renderable) -> Text:
    """A typed reply as read, on top of the next question ("India ✓", "Not sure ✓")."""
    return t("{answer} ✓", answer=Capitalized(shown))


@dataclass(frozen=True)
class Read:
    """A reply read: the JSON value to store (with a notice to show), or names to choose from."""

    value: object = None
    notice: Text | None = None
    candidates: tuple[str, ...] = ()


class Reader:
    """The defaults: no buttons, shown as stored, "out of range" when the contract refuses it."""

    options: tuple[Option, ...] = ()
    typed = False          # the question wants typed input; its buttons are only shortcuts
    several = False        # buttons toggle a selection, confirmed with Done
    keeps_typed = False    # a "Did you mean …?" may be answered "no: keep what I typed"
    typed_again = False    # a typed reply to "which one?" that names none is a new answer
    unsure_value: str | None = None   # "not sure" is stored as this value (else: unanswered)

    def choices(self) -> tuple[Option, ...]:
        """The buttons, in order (their index is the button's action)."""
        return self.options

    def none_option(self) -> Option | None:
        """The option that "none", "nothing", "no" or "0" typed in any language picks."""
        return next((o for o in self.choices() if o.none), None)

    def read(self, text: str, locale: str, day: date, selection: list[str],
             answers: Answers) -> Read:
        """Read a typed reply (`answers`: the earlier ones, which may settle what it means);
        `ParseError` says what was expected."""
        raise ParseError(CHOOSE)

    def display(self, value: object) -> Renderable:
        """An answer as the user would say it: its button's label, else `show(value)`."""
        for option in self.choices():
            if option.value == value:
                return option.label
        return self.show(value)

    def show(self, value: object) -> Renderable:
        return value if isinstance(value, int | float | str) else str(value)

    def candidate(self, name: str) -> Renderable:
        """A "Did you mean …?" candidate as shown."""
        return name

    def picked(self, name: str) -> object:
        """The value stored when a candidate is chosen."""
        return name

    def pick(self, text: str, candidates: list[str]) -> str | None:
        """The candidate a typed reply names, when it answers "which one?" by typing."""
        return None

    def not_found(self, typed: str) -> bool:
        """Whether `typed` matched nothing, so the candidates shown are only the nearest."""
        return False

    def kept(self, typed: str) -> Text | None:
        """Said when the user keeps what they typed over the candidates."""
        return None

    def understood(self, value: object, day: date) -> Text | None:
        """What a typed reply was read as, said back ("indai" → "India ✓") on `day`."""
        return said_back(self.display(value))

    def range_error(self, day: date) -> Text:
        return t("That answer is out of range; please check it.")


@dataclass(frozen=True)
class Choice(Reader):
    """One of the options, by button, by typing its label or its number."""

    options: tuple[Option, ...] = ()
    synonyms: str | None = None   # the words.toml table of other names for the options

    def read(self, text: str, locale: str, day: date, selection: list[str],
             answers: Answers) -> Read:
        choices = self.choices()
        number = choice_number(text)
        if number is not None and 1 <= number <= len(choices):
            return Read(choices[number - 1].value)
        if self.synonyms is not None and (value := parse_synonym(text, self.synonyms)):
            return Read(value)
        raise ParseError(CHOOSE)


@dataclass(frozen=True)
class Number(Reader):
    """A number within `limit` (the contract's, evaluated on the day of the answer)."""

    limit: Limit
    options: tuple[Option, ...] = ()
    year: bool = False      # a calendar year: shown as 2026, not "2,026"
    expect: Text | None = None   # what to send, said when a reply is refused ("your age…")
    ranged: Text | None = None   # said out of range: its {minimum} and {maximum} are `limit`'s
    percent: bool = False   # a share: "60%" is fine (elsewhere a "%" is refused)
    step: Decimal | None = None  # answers are rounded to this (years: 0.1)
    in_years: bool = False  # a length of time: said back with its unit ("10.5 years")
    typed = True

    def read(self, text: str, locale: str, day: date, selection: list[str],
             answers: Answers) -> Read:
        if not self.percent and any(sign in text for sign in "%٪％"):
            raise ParseError(self.range_error(day))
        if self.percent and (typed := text.strip())[:1] in ("%", "٪", "％"):   # "%60", RTL
            text = typed[1:] + typed[:1]
        try:
            number = parse_number(text, locale)
        except ParseError as exc:   # a limit keeps its own reason ("nearly 3")
            raise ParseError(exc.message if exc.message == BOUND_ERROR
                             else self.expect or exc.message) from None
        if self.percent and number < 1 and not any(c.isdigit() for c in text):
            number *= 100   # a share said in words: "half", "반", "一半" is 50%
        if self.step is not None:
            try:
                number = number.quantize(self.step)
            except InvalidOperation:   # more digits than Decimal keeps: far out of range
                raise ParseError(self.range_error(day)) from None
        if (self.limit.whole or self.year) and number != number.to_integral_value():
            raise ParseError(self.expect or t("Please send a whole number."))
        low, high = self.limit.bounds(day)
        if not low <= number <= high:
            raise ParseError(self.range_error(day))
        return Read(json_number(number))

    def show(self, value: object) -> Renderable:
        if (self.percent or self.in_years) and isinstance(value, int | float):
            return (Percent if self.percent else Duration)(Decimal(str(value)))
        return str(value) if self.year else super().show(value)

    def range_error(self, day: date) -> Text:
        low, high = self.limit.bounds(day)
        if self.ranged is not None:   # a calendar year's bounds are shown as 2026, not "2,026"
            return self.ranged.filled(minimum=self.show(low), maximum=self.show(high))
        return self.expect or t("Please send a number from {minimum} to {maximum}.",
                                minimum=low, maximum=high)


@dataclass(frozen=True)
class Money(Reader):
    """An amount for a year with its currency, in the user's conventions (lakh, 万, k…); a
    monthly amount counts twelve times, and a "$" the passport does not settle is asked about."""

    options: tuple[Option, ...] = ()
    refused: Text | None = None   # why the contract refuses an amount ("cannot be negative")
    typed = True
    typed_again = True

    def read(self, text: str, locale: str, day: date, selection: list[str],
             answers: Answers) -> Read:
        if (none := next((o for o in self.options if o.none), None)) and is_zero(text, locale):
            return Read(none.value)   # "0" needs no currency: it is the "none" button
        nationality = answers.get("nationality")
        home = country_currency(nationality) if isinstance(nationality, str) else None
        try:
            amount = read_money(text, locale, home=home)
        except AmbiguousCurrency as exc:
            reading = read_money(text, locale, default_currency=exc.codes[0])
            if reading.yearly.amount < 0 and self.refused is not None:   # no currency asked
                raise ParseError(self.refused) from None
            return Read(candidates=tuple(_candidate(replace(reading.yearly, currency=code))
                                         for code in exc.codes))
        if abs(amount.yearly.amount) > MAX_AMOUNT:
            raise ParseError(t("That amount is too large: please send at most {maximum}, with "
                               "its currency.", maximum=Amount(MAX_AMOUNT, amount.yearly.currency)))
        notice = None if amount.monthly is None else t(
            "{monthly} a month is {yearly} a year.", monthly=amount.monthly,
            yearly=amount.yearly)
        return Read(_value(amount.yearly), notice=notice)

    def candidate(self, name: str) -> Renderable:
        return _from_candidate(name)

    def picked(self, name: str) -> object:
        return _value(_from_candidate(name))

    def pick(self, text: str, candidates: list[str]) -> str | None:
        """"SGD", "S$" or "Singapore dollars" typed for the amount asked about; an amount typed
        ("100万港币") is a new answer, not a currency for the old one."""
        if read_or_none(parse_money, text) is not None \
                or (amount := read_or_none(parse_money, f"1 {text}")) is None:
            return None
        return next((name for name in candidates if name.endswith(f" {amount.currency}")),
                    None)

    def show(self, value: object) -> Renderable:
        if isinstance(value, dict):
            return Amount(Decimal(str(value["amount"])), value["currency"])
        return super().show(value)

    def understood(self, value: object, day: date) -> Text | None:
        """The amount, and in another currency its HK$ value at the rate table's date."""
        shown = self.display(value)
        rates = load_rates()
        if not isinstance(shown, Amount) or shown.currency == HKD \
                or not rates.supports(shown.currency):
            return super().understood(value, day)
        hkd = Amount(rates.to_hkd(shown).quantize(Decimal(1)), HKD)
        return t("{amount} ≈ {hkd} ✓ (at our reference rate of {date})", amount=shown,
                 hkd=hkd, date=rates.as_of)

    def range_error(self, day: date) -> Text:
        return self.refused or super().range_error(day)


@dataclass(frozen=True)
class Country(Reader):
    """A country by name (any language) or ISO code, stored as ISO 3166-1 alpha-2."""

    def read(self, text: str, locale: str, day: date, selection: list[str],
             answers: Answers) -> Read:
        codes = parse_countries(text, locale)
        if not codes and is_stateless(text):
            raise ParseError(t(
                "QMAS and the Top Talent Pass Scheme exclude only nationals of Afghanistan, Cuba "
                "and Korea (DPR); no ImmD page we read says how a stateless applicant is treated, "
                "so ask ImmD before you apply. To continue, type the country or territory that "
                "issued your travel document."))
        if not codes and parse_tri(text, locale) is Tri.UNSURE:
            raise ParseError(t("The result depends on your nationality, so please type the "
                               "country whose passport you hold, for example India or IN."))
        if not codes:
            raise ParseError(t("I did not recognise that country. Please type its name, for "
                               "example India, or its two-letter code, such as IN."))
        return Read(codes[0]) if len(codes) == 1 else Read(candidates=tuple(codes))

    def show(self, value: object) -> Renderable:
        return CountryName(value) if isinstance(value, str) else super().show(value)

    def candidate(self, name: str) -> Renderable:
        return CountryName(name)


@dataclass(frozen=True)
class Languages(Reader):
    """Several languages: buttons toggle the options, or names are typed (ISO 639-1 codes)."""

    options: tuple[Option, ...] = ()
    several = True

    def read(self, text: str, locale: str, day: date, selection: list[str],
             answers: Answers) -> Read:
        return Read(list(dict.fromkeys([*selection, *parse_languages(text, locale)])))

    def show(self, value: object) -> Renderable:
        if isinstance(value, list):
            return join(*(LanguageName(code) for code in value))
        return super().show(value)


@dataclass(frozen=True)
class Match:
    """What a matcher found: the listed name (`exact`: as typed), else names to ask about."""

    name: str | None
    exact: bool = False
    candidates: tuple[str, ...] = ()
    echo: Text | None = None   # what the name counts as, said back instead of "on the list"


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
    keeps_typed = True

    def read(self, text: str, locale: str, day: date, selection: list[str],
             answers: Answers) -> Read:
        match = self.matcher(text)
        if match.name is not None and match.exact:
            return Read(match.name)
        if not_a_name(text, locale):
            raise ParseError(self.refused(text, answers))
        if match.name is not None:
            return Read(candidates=(match.name,))
        if match.candidates:
            return Read(candidates=match.candidates)
        if nearest := self.nearest(text):
            return Read(candidates=nearest)
        return Read(text, notice=self.unlisted_notice(text))

    def show(self, value: object) -> Renderable:
        return InstitutionName(value) if isinstance(value, str) else super().show(value)

    def candidate(self, name: str) -> Renderable:
        return InstitutionName(name)

    def not_found(self, typed: str) -> bool:
        match = self.matcher(typed)
        return match.name is None and not match.candidates

    def kept(self, typed: str) -> Text | None:
        return self.unlisted_notice(typed) if self.matcher(typed).name is None else None

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


def _value(money: Amount) -> dict[str, object]:
    """An amount as the contract's JSON value."""
    return {"amount": json_number(money.amount), "currency": money.currency}


def _candidate(money: Amount) -> str:
    """An amount as a candidate's name ("150000 SGD"), read back by `_from_candidate`."""
    return f"{json_number(money.amount)} {money.currency}"


def _from_candidate(name: str) -> Amount:
    amount, currency = name.split()
    return Amount(Decimal(amount), currency)

