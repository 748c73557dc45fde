"""Reading numbers as people type them: "5,5", "about 5 years", "1.2m", "120万", "三十歲".

A reply is scanned into the words of `number_words` and numerals; a numeral's value is read
in `numerals`, in the user's conventions as well as their locale's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from itertools import pairwise

from bot.i18n.fold import fold, is_wide
from bot.i18n.text import Text
from bot.replies.errors import BOUND_ERROR, NUMBER_ERROR, VAGUE_ERROR, ParseError, read_or_none
from bot.replies.in_context import in_context
from bot.replies.lexicon import Sort, Token, scan
from bot.replies.number_words import number_lexicon
from bot.replies.numerals import numeral
from bot.replies.words import elided_scales, folded_list

# --- number words and numerals together ----------------------------------------------------

@dataclass(frozen=True)
class _Term:
    """A number and its multipliers, as typed: "3", "三十", "1.2 million", "五万"."""

    value: Decimal
    word: bool          # a number word ("twenty", "서른"), not digits
    scale: Decimal      # the product of its multipliers
    last: Decimal       # its last multiplier
    wide: bool          # that multiplier is a CJK word (万, 억)
    tenths: bool        # a digit after that multiplier counts tenths of it ("一萬二", "1 tỷ 2")
    joined: bool = False   # "and" came before it ("y cinco", Arabic "وعشرون")
    elided: Decimal = Decimal(1)   # what a smaller one ending the number leaves unsaid (億: 万)


def _add_up(terms: list[_Term]) -> Decimal | None:
    """The value of several terms, or None when they do not make one number.

    Each term must be smaller than the multiplier before it ("3万5千", "1억 2천만"); a CJK
    multiplier larger than the terms before it multiplies them too ("一百二十万" = 120 × 10⁴);
    a tens word takes one units word ("twenty five", "서른다섯"); "1억 5천" = 1억 5천만.
    """
    parts: list[tuple[Decimal, Decimal]] = []   # (amount, scale) of the terms so far
    previous: _Term | None = None
    for term in terms:
        amount = term.value * term.scale
        if previous is None:
            parts.append((amount, term.scale))
        elif _tens_and_units(previous, term) or _units_and_tens(previous, term):
            # "twenty five thousand", Arabic "خمسة وعشرون ألف": the pair takes the scale
            parts[-1] = ((parts[-1][0] + term.value) * term.scale, term.scale)
            term = replace(term, word=False)   # "twenty five six" is not a number
        elif _hundreds_and_rest(previous, term):
            # Arabic "مائة وخمسون ألف": 150 thousand, the hundreds and the rest take the scale
            parts[-1] = ((parts[-1][0] + term.value) * term.scale, term.scale)
        elif parts[-1][1] == 1 or amount >= parts[-1][1]:
            group = 0   # the trailing terms below this CJK multiplier ("一百二十" of "…万")
            while group < len(parts) and parts[-1 - group][1] < term.last:
                group += 1
            if not (term.wide and any(scale > 1 for _, scale in parts[len(parts) - group:])):
                return None
            inner = sum(part[0] for part in parts[len(parts) - group:]) + amount / term.last
            del parts[len(parts) - group:]
            parts.append((inner * term.last, term.last))
        else:
            parts.append((amount, term.scale))
        previous = term
    if (len(terms) >= 2 and terms[-2].tenths and terms[-2].last >= 100 and terms[-1].scale == 1
            and not terms[-1].joined and terms[-1].value == terms[-1].value.to_integral_value()
            and 1 <= terms[-1].value <= 9 and parts and parts[-1][1] == 1):
        # A digit after a CJK multiplier counts in the unit below it: "三萬五" = 35,000,
        # "一萬二" = 12,000, "三千五" = 3,500 (as people say prices), not 30,005; so after
        # the Vietnamese ones ("1 tỷ 2" = 1.2 billion).
        parts[-1] = (terms[-1].value * terms[-2].last / 10, Decimal(1))
    if len(terms) >= 2 and 1 < terms[-1].last <= terms[-1].scale == parts[-1][1] < terms[-2].elided:
        parts[-1] = (parts[-1][0] * terms[-2].elided, parts[-1][1] * terms[-2].elided)
    return sum((amount for amount, _ in parts), Decimal(0)) if parts else None


def _tens_and_units(tens: _Term, units: _Term) -> bool:
    """A tens word followed by a units word: "twenty five", "서른다섯", "treinta y cinco"."""
    return (tens.word and units.word and tens.scale == 1 and units.scale == units.last
            and 10 <= tens.value < 100 and tens.value % 10 == 0 and units.value < 10)


def _hundreds_and_rest(hundreds: _Term, rest: _Term) -> bool:
    """A hundreds word, "and", then a smaller number word, as Arabic says 150: "مائة وخمسون"."""
    return (hundreds.word and rest.word and rest.joined and hundreds.scale == 1
            and hundreds.value >= 100 and hundreds.value % 100 == 0 and rest.value < 100)


def _fraction_of(terms: list[_Term]) -> Decimal | None:
    """What a half after these terms is half of: one after a whole number or tens ("3년 반",
    "十年半", "mười năm rưỡi"), the multiplier after a whole number of it ("2 tỷ rưỡi" = 2.5
    billion, "3 million and a half"), else None."""
    if all(term.scale <= 10 for term in terms):
        return Decimal(1)
    single = terms[0]
    if len(terms) == 1 and not single.wide and single.value == single.value.to_integral_value():
        return single.last
    return None


def _units_and_tens(units: _Term, tens: _Term) -> bool:
    """A units word, "and", then a tens word, as Arabic says 25: "خمسة وعشرون"."""
    return (units.word and tens.word and tens.joined and units.scale == 1
            and tens.scale == tens.last and units.value < 10
            and tens.value >= 20 and tens.value % 10 == 0)


def _digit_and_scale(value: Decimal) -> tuple[Decimal, Decimal]:
    """A number word of whole thousands or more as its digit and its multiplier, as if typed
    "2 ألف": Arabic duals ("ألفان" = 2 × 1,000, "مليونا" = 2 × 1,000,000) and Indonesian
    "seribu" then take a smaller number after them ("ألفان وخمسمائة" = 2,500); other number
    words as they are, with no multiplier."""
    sign, digits, exponent = value.normalize().as_tuple()
    if sign or len(digits) != 1 or not isinstance(exponent, int) or exponent < 3:
        return value, Decimal(1)
    return Decimal(digits[0]), Decimal(10) ** exponent


@dataclass(frozen=True)
class Reading:
    """A number as read from a reply, with the currency words it mentioned."""

    amount: Decimal
    currencies: tuple[str, ...]
    has_unit: bool
    per_year: Decimal | None = None   # 12 for "a month", 1 for "a year", None: not said


# Tokens that belong to the number itself; the words around it may be anything when the reply
# holds only one number ("4 years at Google").
_NUMBER_SORTS = frozenset({Sort.NUMBER, Sort.SCALE, Sort.FRACTION, Sort.PREFIX, Sort.AND})


def read(text: str, locale: str, error: Text, *, money: bool = False,
         among_words: bool = True) -> Reading:
    """Read `[sign] [currency] [fraction] number [scale...] [fraction] [currency] [unit]`,
    ignoring fillers and a period word anywhere ("HKD 80k a month", "월 500만 원").

    Several scaled terms add up when each is smaller than the scale before it, as in Chinese
    and Korean ("1억 2천만" = 120,000,000, "3万5千" = 35,000); a CJK multiplier starting a term
    counts once ("十五" = 15, "三十歲" = 30); a half follows a whole number or stands alone
    ("3년 반", "three and a half", "半年"). A reply that does not read so but holds one number
    among other words gives that number ("4 years at Google"), unless `among_words` is False.
    """
    folded = fold(text).text.rstrip(" .!?。")
    if _bounded(folded):
        raise ParseError(BOUND_ERROR)
    scanned = scan(folded, number_lexicon(locale), numerals=True)
    if any(token.sort is Sort.SCALE and folded[before.start:before.end] in folded_list("vague")
           for before, token in pairwise(scanned)):   # "a few thousand", "几千", "몇천만"
        raise ParseError(VAGUE_ERROR)
    tokens = in_context(scanned, folded, money=money)

    def reading(tokens: list[Token]) -> Reading:
        periods = {Decimal(token.value) for token in tokens if token.sort is Sort.PERIOD}
        if len(periods) > 1 or (periods and not money):
            raise ParseError(error)
        tokens = [token for token in tokens if token.sort is not Sort.PERIOD]
        return replace(_Reader(tokens, folded, locale, error, money).reading(),
                       per_year=periods.pop() if periods else None)

    if not money and (months := _months(tokens, folded)) is not None:
        years, counted = months
        whole = reading(years).amount if any(t.sort in _NUMBER_SORTS for t in years) \
            else _bare_year([t for t in years if t.end <= counted[0].start])
        return Reading(whole + reading(counted).amount / 12, (), True)
    try:
        return reading(tokens)
    except ParseError:
        if not among_words or not _one_number_among_words(tokens):
            raise
        first = next(i for i, token in enumerate(tokens) if token.sort in _NUMBER_SORTS)
        return reading([token for i, token in enumerate(tokens) if token.sort is not Sort.UNKNOWN
                        and not (i < first and token.sort is Sort.UNIT)
                        and not _hyphen(tokens, i)])


def _hyphen(tokens: list[Token], index: int) -> bool:
    """Whether a sign is a hyphen glued to the unknown word before it ("zorglub-deux"): no
    minus."""
    token = tokens[index]
    return token.sort is Sort.SIGN and token.end - token.start == 1 and index > 0 \
        and tokens[index - 1].sort is Sort.UNKNOWN and tokens[index - 1].end == token.start


def _bare_year(tokens: list[Token]) -> int:
    """1 for a year word with no number before the months ("سنة و6 أشهر", "a year and 6
    months"), else 0."""
    return int(any(t.sort is Sort.UNIT for t in tokens))


@cache
def _phrases(field: str) -> re.Pattern[str]:
    """A list's words, each as a word of its own where its script spaces words ("under", not
    "understood"), anywhere in CJK writing ("3年弱", "不到3年"); longest first."""
    return re.compile("|".join(
        ("" if is_wide(word[0]) else r"(?<!\w)") + re.escape(word)
        + ("" if is_wide(word[-1]) else r"(?!\w)")
        for word in sorted(folded_list(field), key=len, reverse=True)))


def _bounded(folded: str) -> bool:
    """Whether a reply gives a limit ("less than 3", "거의 3년"): read as its number, it would
    overstate what was meant, and a criterion could be met that is not. A bound inside a longer
    filler is none: Hindi "कम से कम" ("at least") holds "से कम" ("less than")."""
    fillers = [m.span() for m in _phrases("fillers").finditer(folded)]
    return any(not any(start <= m.start() and m.end() <= end and end - start > len(m[0])
                       for start, end in fillers)
               for m in _phrases("bounds").finditer(folded))


def _months(tokens: list[Token], folded: str) -> tuple[list[Token], list[Token]] | None:
    """A duration with months ("3 years and 6 months", "2년 6개월", "18 months"): the tokens of
    its years and those of its number of months, or None when no number is followed by a month
    word ("一個月" says its one)."""
    units = folded_list("month_units") | folded_list("one_month") \
        | folded_list("month_letters")
    for at, token in enumerate(tokens):
        if token.sort is Sort.PERIOD and folded[token.start:token.end] in units and at > 0:
            start = at
            while start > 0 and tokens[start - 1].sort in (Sort.NUMBER, Sort.SCALE):
                start -= 1
            if start < at:
                return tokens[:start] + tokens[at + 1:], tokens[start:at]
    return None


def _one_number_among_words(tokens: list[Token]) -> bool:
    """Whether the reply holds words we do not know (or a unit before it: "year 2015") around
    one number, none of them right after it unless a unit said what it counts ("4 years at
    Google", "I am 35", "3년 반 일했어요"; not "5 months", "12abc" or "4 and 5"). A unit inside
    the number ("3년 반") does not end it; a half with no number is none ("several years and a
    half")."""
    runs, inside, run, unit, after = 0, False, False, False, False
    for token in tokens:
        starts = token.sort in _NUMBER_SORTS
        if inside and not unit and token.sort is Sort.UNKNOWN:
            after = True
        runs += starts and not run
        unit = (unit and run) or token.sort is Sort.UNIT
        inside, run = starts, starts or (run and token.sort is Sort.UNIT)
    counted = any(t.sort in (Sort.NUMBER, Sort.SCALE) for t in tokens)   # not a half alone
    sorts = [t.sort for t in tokens]   # "عام 2015", "year 2015", "عام 2015م"
    named = sorts[:2] == [Sort.UNIT, Sort.NUMBER] and set(sorts[2:]) <= {Sort.UNIT}
    around = named or any(t.sort is Sort.UNKNOWN for t in tokens)
    return runs == 1 and not after and counted and around


class _Reader:
    """One pass over a reply's tokens, from left to right."""

    def __init__(self, tokens: list[Token], folded: str, locale: str, error: Text,
                 money: bool) -> None:
        self.tokens, self.folded, self.locale = tokens, folded, locale
        self.error, self.money = error, money
        self.position = 0

    def take(self, sort: Sort) -> Token | None:
        if self.position < len(self.tokens) and self.tokens[self.position].sort is sort:
            self.position += 1
            return self.tokens[self.position - 1]
        return None

    def term(self, first: bool) -> _Term | None:
        """`number [scale...]`; a multiplier alone counts once: a CJK one anywhere ("十五" =
        15), others at the start of the number ("مليون دولار" = a million, "mười" = 10)."""
        number = self.take(Sort.NUMBER)
        at = self.tokens[self.position] if self.position < len(self.tokens) else None
        if number is None and not (at and at.sort is Sort.SCALE
                                   and (first or is_wide(self.folded[at.start]))
                                   and self.folded[at.start:at.end]
                                   not in folded_list("dependent_scales")):
            return None   # "成5年" is no 15: 成 only follows a number (三成, 30%)
        value = Decimal(1) if number is None else (
            number.value if isinstance(number.value, Decimal)
            else numeral(number.value, self.locale, money=self.money))
        if value is None:
            raise ParseError(self.error)
        scale = last = elided = Decimal(1)
        if number is not None and isinstance(number.value, Decimal):   # "ألفان" = 2 ألف
            value, scale = _digit_and_scale(value)
            last = scale
        wide = tenths = False
        while (multiplier := self.take(Sort.SCALE)) is not None:
            factor = Decimal(multiplier.value)
            if factor <= last:   # "千万" multiplies; "million thousand" is not a number
                raise ParseError(self.error)
            scale, last, wide = scale * factor, factor, is_wide(self.folded[multiplier.start])
            said = self.folded[multiplier.start:multiplier.end]
            tenths = wide or said in folded_list("tenths_scales")
            elided = Decimal(10) ** elided_scales().get(said, 0)
        word = number is not None and isinstance(number.value, Decimal)
        return _Term(value, word, scale, last, wide, tenths, elided=elided)

    def reading(self) -> Reading:
        sign, signed = 1, False
        currencies: list[str] = []
        tokens = self.tokens
        while self.position < len(tokens) and tokens[self.position].sort in (Sort.SIGN,
                                                                            Sort.CURRENCY):
            token = tokens[self.position]
            self.position += 1
            if token.sort is Sort.CURRENCY:
                currencies.append(str(token.value))
            elif signed:
                raise ParseError(self.error)
            else:
                sign, signed = (-1 if token.value == "-" else 1), True
        prefix = self.take(Sort.PREFIX)
        terms: list[_Term] = []
        while True:
            mark = self.position
            joined = bool(terms) and self.take(Sort.AND) is not None
            if (found := self.term(first=not terms)) is None:
                self.position = mark
                break
            terms.append(replace(found, joined=joined))
        if prefix is not None and terms:   # "साढ़े बारह लाख": twelve and a half lakh
            terms[0] = replace(terms[0], value=terms[0].value + Decimal(prefix.value))
        total = _add_up(terms)
        fraction, has_unit = prefix is not None, False
        while self.position < len(tokens):
            token = tokens[self.position]
            if token.sort is Sort.CURRENCY:
                currencies.append(str(token.value))
            elif token.sort is Sort.UNIT and not has_unit:
                has_unit = True
            elif token.sort is Sort.SIGN and token.value == "-" and not signed and total \
                    and self.folded[token.start].isalpha():   # a loss word after: "300万円の赤字"
                sign, signed = -1, True
            elif token.sort is Sort.FRACTION and not fraction \
                    and (of := _fraction_of(terms)) is not None \
                    and (total is None or total == total.to_integral_value()):
                # After the unit with no number, a half adds to one: "año y medio" is 1.5.
                whole = total if total is not None else Decimal(1 if has_unit else 0)
                total, fraction = whole + Decimal(token.value) * of, True
            else:
                raise ParseError(self.error)
            self.position += 1
        if total is None:
            raise ParseError(self.error)
        amount = sign * total
        whole = amount.to_integral_value()
        amount = whole if amount == whole else amount.normalize()   # 1.2m is 1200000
        return Reading(amount, tuple(currencies), has_unit)


def parse_number(text: str, locale: str = "en", *, whole: bool = False) -> Decimal:
    """A number as people type it: "5", "5,5", "about 5 years", "1.2m", "120万", "三十歲".

    A currency in the reply is ignored; negative numbers are returned (callers check ranges).
    With `whole`, the reply must be a number as a whole, so that a number word inside a name
    counts for nothing (Vietnamese "Đại học Thượng Hải" holds "hai", two).
    """
    return read(text, locale, NUMBER_ERROR, among_words=not whole).amount


def share_said(text: str, locale: str = "en") -> Decimal | None:
    """A share said with no number and no unit ("half of them", "la mitad", "一半"), at a
    question about a part of an earlier whole; else None ("half a year" is a duration)."""
    folded = fold(text).text
    tokens = scan(folded, number_lexicon(locale), numerals=True)
    shares = [token for token in tokens if token.sort is Sort.FRACTION]
    if len(shares) != 1 or any(token.sort not in (Sort.FRACTION, Sort.UNKNOWN, Sort.FILLER)
                               for token in tokens):
        return None
    months = folded_list("month_units")   # "six mois" is a fraction of a year
    if any(word in months for word in folded[shares[0].start:shares[0].end].split()):
        return None
    return Decimal(shares[0].value)


def is_zero(text: str, locale: str = "en") -> bool:
    """Whether the reply is the number zero and nothing else ("0", "zero", "零")."""
    return read_or_none(parse_number, text, locale, whole=True) == 0


def choice_number(text: str) -> int | None:
    """An option's number as typed: "2", "٢", "２", or one digit sign such as "②" or "²"."""
    if text.isdecimal():
        return int(text)
    return unicodedata.digit(text, None) if len(text) == 1 else None
