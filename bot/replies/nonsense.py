"""Replies that are no name although made of letters: laughs and hesitation sounds ("lol",
"哈哈哈", "ㅋㅋㅋ"), one letter repeated ("ممم"), a run along a keyboard row ("asdfgh"), or
letters that alone never write a name (hiragana, bare Hangul jamo). Each rule's words are data
in `data/words.toml`; short acronyms ("UCL", "ITB", "UiO") match none of them."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from bot.i18n import fold
from bot.replies.words import word_list

_MIN_KEYBOARD_RUN = 4
_RUNS = re.compile(r"(.)\1+")


def _reduced(word: str) -> str:
    """A word with repeated letters run together and a repeated syllable written once:
    "hmmm" is "hm", "hahaha" and "hahah" are "ha", "ممم" is "م"."""
    word = _RUNS.sub(r"\1", word)
    for size in range(1, len(word) // 2 + 1):
        unit = word[:size]
        if (unit * (len(word) // size + 1)).startswith(word):
            return unit
    return word


@cache
def _interjections() -> frozenset[str]:
    return frozenset(_reduced(fold.words(word)) for word in word_list("interjections"))


@cache
def _keyboard_rows() -> tuple[str, ...]:
    rows = tuple(fold.words(row) for row in word_list("keyboard_rows"))
    return rows + tuple(row[::-1] for row in rows)


@cache
def _nameless_scripts() -> tuple[str, ...]:
    return word_list("nameless_scripts")


def _nameless_letter(char: str) -> bool:
    return unicodedata.name(char, "").startswith(_nameless_scripts())


def _is_nonsense_word(word: str) -> bool:
    reduced = _reduced(word)
    return (reduced in _interjections() or (len(reduced) == 1 < len(word))
            or (len(word) >= _MIN_KEYBOARD_RUN and any(word in row for row in _keyboard_rows()))
            or all(map(_nameless_letter, word)))


def is_nonsense(text: str) -> bool:
    """Whether every word of a reply is a laugh, a hesitation, a letter repeated, a keyboard run
    or made of nameless letters."""
    words = fold.words(text).split()
    return bool(words) and all(map(_is_nonsense_word, words))
