"""Readers: how a question reads a typed reply, which buttons it offers and how it shows answers.

A question definition picks one (`Number(AGE)`, `Choice(options)`, `Institution(match, …)`) so the
engine stays generic: it knows no question, no list and no limit of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from bot.engine.options import Answers, Option, Renderable
from bot.i18n.text import (
    Capitalized,
    Duration,
    Percent,
    Text,
    Year,
    join,
    t,
    tn,
    whole_months,
)
from bot.replies import (
    ParseError,
    choice_number,
    parse_number,
    parse_tri,
)
from bot.replies.calendars import (
    bikram_sambat_month,
    gregorian_years,
    hijri_days,
    hijri_gregorian_years,
    hijri_year,
    is_bikram_sambat,
)
from bot.replies.errors import (
    BOUND_ERROR,
    MONEY_NOT_PERCENT,
    MONEY_NOT_YEARS,
    read_or_none,
)
from bot.replies.money import names_money
from bot.replies.numbers import share_said
from bot.replies.words import without_closing, without_opening
from bot.replies.years import (
    age_said,
    birth_month,
    parse_birth_year,
    parse_school_year,
    parse_year,
    reckoned_age,
)
from bot.replies.yesno import says
from bot.scoring.answers import Limit, Tri, json_number

_BS = "BS"   # marks a candidate read from a Bikram Sambat year
_AH = "AH"   # marks a candidate read from a Hijri year
_RECKONED = "r"   # starts the source of a candidate read from a reckoned age ("r36")
_MONTH_STEP = Decimal("0.01")   # years with their months: 1.08 × 12 gives back 13
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
    typed: str | None = None     # the words the candidates were read from, when not the reply
    understood: Text | None = None   # said back instead of the value alone ("2024年（2023年度）")


class Reader:
    """The defaults: no buttons, shown as stored, "out of range" when the contract refuses it."""

    options: tuple[Option, ...] = ()
    typed = False          # the question wants typed input; its buttons are only shortcuts
    several = False        # buttons toggle a selection, confirmed with Done
    keeps_typed = False    # a "Did you mean …?" may be answered "no: keep what I typed"
    typed_again = False    # a typed reply to "which one?" that names none is a new answer
    unsure_value: str | None = None   # "not sure" is stored as this value (else: unanswered)
    zero_is_none = True    # "0" picks the none option (not at a yes/no question: "0" is no answer)

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

    def asked_about(self, names: tuple[str, ...]) -> Text | None:
        """The question asked about the candidates, when "Which one do you mean?" would not
        say why they are offered."""
        return None

    def not_found(self, typed: str) -> bool:
        """Whether `typed` matched nothing, so the candidates shown are only the nearest."""
        return False

    def kept(self, typed: str) -> Text | None:
        """Said when the user keeps what they typed over the candidates."""
        return None

    def states_anew(self, text: str) -> bool:
        """Whether a reply to "Is that right?" gives the answer anew in the question's own
        words ("سجلي نظيف", "my record is clean"), rather than saying yes to the check."""
        return False

    def settles_check(self, names: tuple[str, ...]) -> bool:
        """Whether choosing one of these candidates answers the question's check too."""
        return False

    def understood(self, value: object, day: date) -> Text | None:
        """What a typed reply was read as, said back ("indai" → "India ✓") on `day`."""
        return said_back(self.display(value))

    def range_error(self, day: date) -> Text:
        return t("That answer is out of range; please check it.")


@dataclass(frozen=True)
class Choice(Reader):
    """One of the options, by button, by typing its label or its number."""

    options: tuple[Option, ...] = ()
    synonyms: Callable[[str], str | None] | None = None   # reads other names of the options

    def read(self, text: str, locale: str, day: date, selection: list[str],
             answers: Answers) -> Read:
        choices = self.choices()
        number = choice_number(text)
        if number is not None and 1 <= number <= len(choices):
            return Read(choices[number - 1].value)
        if self.synonyms is not None and (value := self.synonyms(text)):
            return Read(value)
        raise ParseError(CHOOSE)


@dataclass(frozen=True)
class Number(Reader):
    """A number within `limit` (the contract's, evaluated on the day of the answer)."""

    limit: Limit
    options: tuple[Option, ...] = ()
    year: bool = False      # a calendar year: shown as the locale writes one ("2026年")
    age: bool = False       # an age: shown as the language says one ("34 years old", "34歳")
    expect: Text | None = None   # what to send, said when a reply is refused ("your age…")
    ranged: Text | None = None   # said out of range: its {minimum} and {maximum} are `limit`'s
    percent: bool = False   # a share: "60%" is fine (elsewhere a "%" is refused)
    step: Decimal | None = None  # answers are rounded to this (years: 0.1)
    in_years: bool = False  # a length of time: said back in years and months, keeping months
    typed = True
    typed_again = True      # an age typed after the ages a birth year gives is a new answer
    all_of: str | None = None   # a part of this earlier answer: "all of them" is all of it

    def read(self, text: str, locale: str, day: date, selection: list[str],
             answers: Answers) -> Read:
        if self.all_of in answers and says(text, "all", wholly=True):
            return Read(answers[str(self.all_of)])
        if self.all_of in answers and (share := share_said(text, locale)) is not None:
            return Read(json_number((Decimal(str(answers[str(self.all_of)])) * share)   # "half"
                                    .quantize(_MONTH_STEP if self.in_years
                                              else self.step or Decimal(1))))
        if self.all_of is not None:   # "all 5": the number, not 5 Albanian lek (ALL)
            text = without_opening(text, "all")
        low, high = self.limit.bounds(day)
        text = without_closing(text)   # "मेरो उमेर ३४ वर्ष छ": छ is "is", not six
        if (self.age or self.year) and (hijri := hijri_year(text)) is not None:   # "١٤١٠ هـ"
            return self._hijri(hijri, day)
        if self.age and (age := age_said(text, locale, day)) and low <= age <= high:
            return Read(age)   # "1990年生まれの36歳です", "15/03/1990"
        if self.age and (born := parse_birth_year(text, locale, day)) is not None:
            if is_bikram_sambat(born, text, locale, day):   # "२०४७ सालमा जन्मेको"
                return self._bikram_sambat(born, day, bikram_sambat_month(text, locale))
            return self._ages(born, birth_month(text, locale), day)
        if self.age and (reckoned := reckoned_age(text, locale)) is not None:
            return self._ages(day.year - reckoned + 1, None, day, f"{_RECKONED}{reckoned}")
        if self.age:   # Korean "만 34" with no unit after it: the international age, not 10,034
            text = without_opening(text, "age_prefixes")
        if not any(char.isdigit() for char in text) and read_or_none(parse_tri, text, locale) \
                is Tri.YES:   # Nepali "हो, छ" ("yes, there is"): छ is also six, not meant here
            raise ParseError(self._expected(day, self.range_error(day)))
        if not self.percent and any(sign in text for sign in "%٪％"):
            raise ParseError(self.range_error(day))
        if (self.percent or self.in_years) and names_money(text, locale):   # "$50" is neither
            raise ParseError(MONEY_NOT_PERCENT if self.percent else MONEY_NOT_YEARS)
        if self.percent and (typed := text.strip())[:1] in ("%", "٪", "％"):   # "%60", RTL
            text = typed[1:] + typed[:1]
        school = parse_school_year(text, locale) if self.year else None
        try:
            named = school.ended if school else parse_year(text, locale, day) if self.year else None
            number = Decimal(named) if named is not None else parse_number(text, locale)
        except ParseError as exc:   # a limit keeps its own reason ("nearly 3")
            raise ParseError(exc.message if exc.message == BOUND_ERROR else self._expected(
                day, exc.message)) from None
        if self.percent and number < 1 and not any(c.isdigit() for c in text):
            number *= 100   # a share said in words: "half", "반", "一半" is 50%
        if self.step is not None:   # a length of time with its months keeps them
            months = whole_months(number) if self.in_years else None
            try:
                number = number.quantize(self.step if months is None else _MONTH_STEP)
            except InvalidOperation:   # more digits than Decimal keeps: far out of range
                raise ParseError(self.range_error(day)) from None
        if (self.limit.whole or self.year) and number != number.to_integral_value():
            raise ParseError(self._expected(day, t("Please send a whole number.")))
        if (self.age or self.year) and number > 999 \
                and is_bikram_sambat(int(number), text, locale, day):   # "२०७९ साल"
            return self._bikram_sambat(int(number), day)
        if self.age and high < number <= day.year - low:   # "1990" at the age question
            return self._ages(int(number), None, day)
        if not low <= number <= high:
            raise ParseError(self.range_error(day))
        return Read(json_number(number), understood=school.said() if school else None)

    def show(self, value: object) -> Renderable:
        if (self.percent or self.in_years) and isinstance(value, int | float):
            return (Percent if self.percent else Duration.of_years)(Decimal(str(value)))
        if self.year and isinstance(value, int):
            return Year(value)
        if self.age and isinstance(value, int):
            return tn("{n} year old", "{n} years old", value)
        return super().show(value)

    def _ages(self, born: int, month: int | None, day: date, source: str | None = None) -> Read:
        """The ages a birth year gives on `day`, before and after this year's birthday, offered
        as candidates named "age year" ("35 1990", "35 1990-12" with the month, "35 r37" for a
        reckoned age); only the one on 31 December or when the month of birth is not this
        month."""
        if month is not None and month != day.month:
            ages = [day.year - born - (month > day.month)]
        elif (day.month, day.day) == (12, 31):
            ages = [day.year - born]
        else:
            ages = [day.year - born - 1, day.year - born]
        return self._offered(ages, source or (str(born) if month is None else f"{born}-{month}"),
                             day)

    def _bikram_sambat(self, year: int, day: date, month: int | None = None) -> Read:
        """A Bikram Sambat year: the Gregorian years it spans (a graduation), or the ages a
        birth in it gives on `day`, offered as candidates named "value year BS"; its month
        settles the Gregorian year (बैशाख to मंसिर the first, माघ to चैत the second; पुस
        both) and, but near its birthday, the age."""
        first, second = gregorian_years(year)
        if month is not None:   # from about the 14th of a Gregorian month (साउन: 14 July)
            start = (month + 2) % 12 + 1
            begin = date(first if start >= 4 else second, start, 14)
            births = [begin + timedelta(days=days) for days in range(31)]
            years = sorted({born.year for born in births})
            ages = sorted({day.year - born.year - ((day.month, day.day) < (born.month, born.day))
                           for born in births})
            return self._offered(years if self.year else ages,
                                 f"{year} {_BS}" if len(years) > 1 else str(years[0]), day)
        ages = [day.year - first - 2, day.year - first - 1, day.year - first]
        return self._offered([first, second] if self.year else ages, f"{year} {_BS}", day)

    def _hijri(self, year: int, day: date) -> Read:
        """A Hijri year: the Gregorian years its first and last days fall in (a graduation), or
        the ages a birth in it gives on `day`, offered as candidates named "value year AH"."""
        first, last = hijri_days(year)
        births = [first + timedelta(days=days) for days in range((last - first).days + 1)]
        ages = sorted({day.year - born.year - ((day.month, day.day) < (born.month, born.day))
                       for born in births})
        return self._offered(sorted({first.year, last.year}) if self.year else ages,
                             f"{year} {_AH}", day)

    def _offered(self, values: list[int], source: str, day: date) -> Read:
        """The values within the question's bounds: one is the answer, several are offered
        as candidates named "value source"; none is out of range."""
        low, high = self.limit.bounds(day)
        values = [value for value in values if low <= value <= high]
        if not values:
            raise ParseError(self.range_error(day))
        if len(values) == 1:
            return Read(values[0])
        return Read(candidates=tuple(f"{value} {source}" for value in values))

    def candidate(self, name: str) -> Renderable:
        return self.show(int(name.split()[0]))

    def picked(self, name: str) -> object:
        return int(name.split()[0])

    def asked_about(self, names: tuple[str, ...]) -> Text | None:
        """"Born in 1990, you are 35 or 36 now…": why both ages are offered; for a Bikram
        Sambat year, the Gregorian years it spans."""
        if names[0].endswith(_AH):
            values, year = [int(name.split()[0]) for name in names], int(names[0].split()[1])
            first, second = (Year(value) for value in hijri_gregorian_years(year))
            if self.year:
                return t("{year} in the Hijri calendar is {first} or {second}, depending on the "
                         "month: which year?", year=Year(year), first=first, second=second)
            return t("Born in {year} in the Hijri calendar ({first} or {second}), your age now "
                     "is {ages}, depending on your birthday: how old will you be when you apply?",
                     year=Year(year), first=first, second=second, ages=join(*values, style="or"))
        if names[0].endswith(_BS):
            values, year = [int(name.split()[0]) for name in names], int(names[0].split()[1])
            first, second = (Year(value) for value in gregorian_years(year))
            if self.year:
                return t("{year} in the Bikram Sambat calendar is {first} or {second}, "
                         "depending on the month: which year?", year=Year(year), first=first,
                         second=second)
            return t("Born in {year} in the Bikram Sambat calendar ({first} or {second}), your "
                     "age now is {ages}, depending on your birthday: how old will you be when "
                     "you apply?", year=Year(year), first=first, second=second,
                     ages=join(*values, style="or"))
        (younger, born), (older, _) = (name.split() for name in names)
        if born.startswith(_RECKONED):   # "虛歲36": not said back as a birth year
            return tn("Counted from 1 at birth, {reckoned} means you are {younger} or {n} year "
                      "old now, depending on your birthday: how old will you be when you apply?",
                      "Counted from 1 at birth, {reckoned} means you are {younger} or {n} years "
                      "old now, depending on your birthday: how old will you be when you apply?",
                      int(older), reckoned=int(born.removeprefix(_RECKONED)),
                      younger=int(younger))
        born_year, _, month = born.partition("-")
        if month:   # born this month: said back with it ("1990年12月生まれの場合")
            return tn("Born in {month}, you are {younger} or {n} year old now, depending on "
                      "your birthday: how old will you be when you apply?",
                      "Born in {month}, you are {younger} or {n} years old now, depending on "
                      "your birthday: how old will you be when you apply?",
                      int(older), month=Year(int(born_year), int(month)),
                      younger=int(younger))
        return tn("Born in {year}, you are {younger} or {n} year old now, depending on your "
                  "birthday: how old will you be when you apply?",
                  "Born in {year}, you are {younger} or {n} years old now, depending on your "
                  "birthday: how old will you be when you apply?",
                  int(older), year=Year(int(born_year)), younger=int(younger))

    def _expected(self, day: date, otherwise: Text) -> Text:
        """What to send after an unread reply: a year question asks for a year ("2015"), not
        for a number such as 5.5."""
        return self.expect or (self.range_error(day) if self.year else otherwise)

    def range_error(self, day: date) -> Text:
        low, high = self.limit.bounds(day)
        if self.ranged is not None:   # bare numbers: the text says what they count (2026, 18)
            return self.ranged.filled(minimum=str(low), maximum=str(high))
        return self.expect or t("Please send a number from {minimum} to {maximum}.",
                                minimum=low, maximum=high)
