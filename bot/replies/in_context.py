"""Words whose part in a number depends on their neighbours: Korean "일" is 1 in "일 년" but the
stem of "일했어요", Vietnamese "năm" is five before a unit and "year" after a number, Arabic
"سنتان" is two years. The lexicon gives each word one meaning; these steps settle the others
from the tokens around it, with the words of `data/words.toml`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from functools import cache

from bot.i18n.fold import folded
from bot.replies.lexicon import Sort, Token
from bot.replies.words import folded_list, word_table

_COUNTED = (Sort.NUMBER, Sort.SCALE)


@cache
def _folded_table(field: str) -> Mapping[str, Decimal]:
    return {folded(word): Decimal(str(value)) for word, value in word_table(field).items()}


def in_context(tokens: list[Token], text: str, *, money: bool) -> list[Token]:
    """The tokens of folded `text` with each word's meaning where it stands."""
    tokens = _korean_words(_without_age_prefix(_without_fillers(tokens, text), text), text)
    tokens = _counted_units(_unit_numbers(_after_tens(tokens, text), text), text, money)
    tokens = tokens if money else _slashed_fractions(_month_letters(tokens, text), text)
    return _joiners_between_numbers(_leading_periods(tokens, text) if money
                                    else _years(tokens))


def _after_number(tokens: list[Token], index: int) -> bool:
    """Whether a number or a fraction ("nửa năm", half a year) comes right before `index`."""
    return index > 0 and tokens[index - 1].sort in (*_COUNTED, Sort.FRACTION)


def _before_number(tokens: list[Token], index: int) -> bool:
    """Whether a number comes right after `index`."""
    return index + 1 < len(tokens) and tokens[index + 1].sort in _COUNTED


def _without_fillers(tokens: list[Token], text: str) -> list[Token]:
    """Fillers dropped ("about 5"), but a number word folding onto one is that number unless a
    number follows after a space: Vietnamese "tám năm" is eight years, "tầm 5 năm" about five;
    Korean "한 4년" about four years, "한영" no number."""
    numbers = _folded_table("filler_numbers")
    kept: list[Token] = []
    for index, token in enumerate(tokens):
        word = text[token.start:token.end]
        spaced = index + 1 < len(tokens) and tokens[index + 1].start > token.end
        if token.sort is Sort.FILLER and word in numbers \
                and not (spaced and _before_number(tokens, index)):
            token = replace(token, sort=Sort.NUMBER, value=numbers[word])
        if token.sort is not Sort.FILLER:
            kept.append(token)
    return kept


def _without_age_prefix(tokens: list[Token], text: str) -> list[Token]:
    """An age prefix before a number and its unit says which age it is, and is no number:
    Korean "만 35세" is the international age, though 만 is 10,000 elsewhere."""
    return [token for index, token in enumerate(tokens)
            if not (text[token.start:token.end] in folded_list("age_prefixes")
                    and [t.sort for t in tokens[index + 1:index + 3]] == [Sort.NUMBER,
                                                                          Sort.UNIT])]


def _is_hangul(text: str) -> bool:
    return all("\uac00" <= char <= "\ud7a3" for char in text)


def _korean_words(tokens: list[Token], text: str) -> list[Token]:
    """Korean number words only where they stand as numbers: "일" is 1 in "일 년" but the
    stem of "일했어요" (worked), "이" the copula of "살이에요", "사" the end of "회사".

    Korean counts before its counters, so a Hangul number or multiplier is a number only when
    it is not glued to a preceding word that is not a number, nor to a following unknown word.
    """
    kept: list[Token] = []
    for index, token in enumerate(tokens):
        if token.sort in _COUNTED and _is_hangul(text[token.start:token.end]):
            before = kept[-1] if kept else None
            after = tokens[index + 1] if index + 1 < len(tokens) else None
            glued_after_word = (before is not None and before.end == token.start
                                and before.sort not in _COUNTED)
            glued_to_unknown = (after is not None and after.start == token.end
                                and after.sort is Sort.UNKNOWN)
            if glued_after_word or glued_to_unknown:
                token = Token(Sort.UNKNOWN, text[token.start:token.end], token.start,
                              token.end)
        kept.append(token)
    return kept


def _after_tens(tokens: list[Token], text: str) -> list[Token]:
    """Units words said only after a tens word are numbers there only: Vietnamese "hai mươi
    lăm" is 25, while "làm" (to work) and "từ" (since) fold to the same letters."""
    return [replace(token, sort=Sort.UNKNOWN, value=text[token.start:token.end])
            if text[token.start:token.end] in _folded_table("after_tens")
            and not (index > 0 and tokens[index - 1].sort is Sort.SCALE
                     and tokens[index - 1].value == 10)
            else token for index, token in enumerate(tokens)]


def _unit_numbers(tokens: list[Token], text: str) -> list[Token]:
    """A unit that is also a number word is the number where no number comes before it nor a
    number (not a multiplier) right after it: Vietnamese "năm năm" is five years, "mười năm"
    ten years, "năm mươi" fifty, "năm 2023" the year 2023."""
    numbers = _folded_table("unit_numbers")
    kept: list[Token] = []
    for index, token in enumerate(tokens):
        word = text[token.start:token.end]
        named = index + 1 < len(tokens) and tokens[index + 1].sort is Sort.NUMBER
        if (token.sort is Sort.UNIT and word in numbers and not named
                and not _after_number(kept, len(kept))):
            token = replace(token, sort=Sort.NUMBER, value=numbers[word])
        kept.append(token)
    return kept


_SLASHED = {("1", "2"), ("1", "4"), ("3", "4")}


def _slashed_fractions(tokens: list[Token], text: str) -> list[Token]:
    """A half or a quarter written with a slash after a number and its unit ("1 an 1/2",
    "3 years 3/4"): one fraction, not 1, "/" and 2."""
    kept: list[Token] = []
    index = 0
    while index < len(tokens):
        first, *rest = tokens[index:index + 3]
        if kept and len(rest) == 2 and text[rest[0].start:rest[0].end] == "/" \
                and first.sort is Sort.NUMBER and rest[1].sort is Sort.NUMBER \
                and first.end == rest[0].start and rest[0].end == rest[1].start \
                and (first.value, rest[1].value) in _SLASHED:
            share = Decimal(str(first.value)) / Decimal(str(rest[1].value))
            kept.append(Token(Sort.FRACTION, share, first.start, rest[1].end))
            index += 3
            continue
        kept.append(first)
        index += 1
    return kept


def _month_letters(tokens: list[Token], text: str) -> list[Token]:
    """A month letter after a number that follows years is months, not a scale: "3y 2m" is
    3 years and 2 months, though "2m" alone is two million."""
    letters = folded_list("month_letters")
    return [replace(token, sort=Sort.PERIOD, value=Decimal(12))
            if token.sort is Sort.SCALE and text[token.start:token.end] in letters
            and any(earlier.sort is Sort.UNIT for earlier in tokens[:index])
            and _after_number(tokens, index) else token
            for index, token in enumerate(tokens)]


@cache
def _counts(money: bool) -> Mapping[str, Decimal]:
    """The units that say how many: the `counted_units`, and outside an amount the `one_year`
    and `one_month` words, which in an amount are its period ("30 triệu đồng một năm")."""
    counts = dict(_folded_table("counted_units"))
    if not money:
        counts.update(dict.fromkeys(folded_list("one_year") | folded_list("one_month"),
                                    Decimal(1)))
    return counts


def _counted_units(tokens: list[Token], text: str, money: bool) -> list[Token]:
    """A unit that says how many is that number and the unit: the Arabic dual ("سنتان", two
    years; "شهرين", two months), "một năm" (one year: "một năm 6 tháng" is 1.5 years, and
    its "một" ends a number as in "mười một năm", eleven years); outside an amount a lone
    unit with no number next to it is one ("سنة", one year; "عام 2015" is the year 2015)."""
    found: list[Token] = []
    for index, token in enumerate(tokens):
        word = text[token.start:token.end]
        count = _counts(money).get(word)
        if count is None and not money and word in folded_list("lone_units") and not (
                _after_number(found, len(found)) or _before_number(tokens, index)):
            count = Decimal(1)
        if count is not None:
            found.append(Token(Sort.NUMBER, count, token.start, token.start))
            if token.sort is Sort.PERIOD and token.value == 1:   # a year's, so a year
                token = replace(token, sort=Sort.UNIT, value="")
        found.append(token)
    return found


def _leading_periods(tokens: list[Token], text: str) -> list[Token]:
    """Before an amount, a unit of the `leading_periods` says its period: Japanese
    "年間800万円" is 8,000,000 yen a year, while "5年間" is five years."""
    periods = _folded_table("leading_periods")
    first = next((i for i, token in enumerate(tokens) if token.sort in _COUNTED), len(tokens))
    return [replace(token, sort=Sort.PERIOD, value=periods[word])
            if index < first and (word := text[token.start:token.end]) in periods
            else token for index, token in enumerate(tokens)]


def _years(tokens: list[Token]) -> list[Token]:
    """Outside an amount a per-year word is a year: Nepali "३२ वर्षको" is 32 years old, "a year
    and 6 months" one year and a half."""
    return [replace(token, sort=Sort.UNIT, value="")
            if token.sort is Sort.PERIOD and token.value == 1 else token for token in tokens]


def _joiners_between_numbers(tokens: list[Token]) -> list[Token]:
    """An "and" counts between a number and a number word; elsewhere it is only a word."""
    return [token for index, token in enumerate(tokens)
            if token.sort is not Sort.AND
            or (0 < index < len(tokens) - 1
                and tokens[index - 1].sort in _COUNTED
                and tokens[index + 1].sort is Sort.NUMBER)]
