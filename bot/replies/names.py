"""Replies that cannot be the name of an institution: a degree ("MSc", "석사"), a yes, no or
"not sure", a "none" ("not applicable"), a number ("34", "two"), an amount ("月入8萬", "HKD 80k",
"I earn 80k a month"), a count of years or months ("I have 9 years 6 months of experience"),
a button's or a step's word ("Done", "next"), a sentence ("I studied computer science"), a
country ("India"), languages ("English and Hindi"), a year with a word or two ("in 2015",
"عام 2015", "2015年") or a year named otherwise ("去年", "令和元年", "2023年3月卒業"), nonsense
("lol", "asdfgh", "哈哈哈"), or no letters at all."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from bot.i18n.fold import fold, folded, width
from bot.replies.countries import is_country_name
from bot.replies.errors import NUMBER_ERROR, read_or_none
from bot.replies.institutions import bare_name
from bot.replies.languages import parse_languages
from bot.replies.lexicon import Sort, scan
from bot.replies.nonsense import is_nonsense
from bot.replies.number_words import number_lexicon
from bot.replies.numbers import parse_number, read
from bot.replies.words import folded_list, parse_synonym, word_list
from bot.replies.years import parse_year
from bot.replies.yesno import parse_none, parse_tri, says

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# Around a year, at most this many words of at most this width: "graduated in", "عام", "年毕业";
# a longer name with a year in it ("Universitas 17 Agustus 1945") is still a name.
_YEAR_WORDS = 2
_YEAR_WORD_WIDTH = 9


def not_a_name(text: str, locale: str, day: date) -> bool:
    """Whether `text` is plainly something other than a name, in any of our languages; `day`
    is the conversation's, against which a relative year ("去年") is read."""
    return (not any(c.isalpha() for c in text) or is_nonsense(text)
            or parse_synonym(text, "degrees") is not None
            or parse_tri(text, locale) is not None or parse_none(text, locale)
            or says(text, "controls", wholly=True) or says(text, "same", wholly=True)
            or _counts_time(text, locale)
            or _a_sentence(text)
            or is_country_name(text)
            or read_or_none(parse_languages, text, locale) is not None
            or read_or_none(parse_number, text, locale, whole=True) is not None
            or _is_amount(text, locale) or _is_year(text)
            or parse_year(text, locale, day) is not None)


def _is_year(text: str) -> bool:
    """Whether the reply is a year and a word or two ("in 2015"), not a name with a year."""
    if len(_YEAR.findall(text)) != 1:
        return False
    rest = _YEAR.sub(" ", text).split()
    return len(rest) <= _YEAR_WORDS and not any(
        any(char.isdigit() for char in word) or width(word) > _YEAR_WORD_WIDTH for word in rest)


def _is_amount(text: str, locale: str) -> bool:
    """Whether the reply is an amount, alone or among other words: a number with a currency or a
    period word ("I earn 80k a month")."""
    reading = read_or_none(read, text, locale, NUMBER_ERROR, money=True)
    return reading is not None and (bool(reading.currencies) or reading.per_year is not None)


def _counts_time(text: str, locale: str) -> bool:
    """Whether a number in the reply counts years, months or a percentage ("9 years", "5年間",
    "3년", "50%"): a sentence about work or age, where a name's number stands alone ("Paris 8",
    "17 Agustus 1945"); a year ("2015年卒業") is no count."""
    tokens = scan(fold(text).text, number_lexicon(locale), numerals=True)
    return any(token.sort is Sort.NUMBER and after.sort in (Sort.UNIT, Sort.PERIOD)
               and not _YEAR.fullmatch(str(token.value))
               for token, after in pairwise(tokens))


def _a_sentence(text: str) -> bool:
    """Whether the reply is a sentence rather than a name: once the words before a name are left
    out, it opens with a pronoun ("I studied computer science", "It was a small college"), or
    as typed it ends in a verb ("काठमाडौंमा बस्छु", "मैंने स्टैनफ़ोर्ड से एमएस किया")."""
    words, typed = bare_name(text).split(), text.strip(" .!?।").split()
    return bool(words) and (folded(words[0]) in folded_list("pronouns")
                            or typed[-1].endswith(word_list("sentence_endings"))
                            or any(" ".join(typed[-len(verb.split()):]) == verb
                                   for verb in word_list("sentence_verbs")))
