"""Reading the list of languages someone speaks: "Chinese and English", "中文、英文"."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from itertools import pairwise

from babel import Locale

from bot.i18n.display_names import language_names
from bot.i18n.fold import LOCALES, Folded, fold, folded, is_wide
from bot.i18n.text import t
from bot.replies.countries import name_variants
from bot.replies.errors import NO_LANGUAGES, ParseError
from bot.replies.lexicon import Lexicon, Sort, Token, lexicon, scan
from bot.replies.segments import fewest_parts
from bot.replies.words import without_ending, word_list, word_table

# Babel's names of Chinese varieties in every locale (広東語, 광둥어, Tiếng Quảng Đông…) mean
# "Chinese" for the criteria: ImmD counts Chinese as one language.
_CHINESE_VARIETIES = frozenset({"yue", "cmn", "nan", "hak", "wuu", "hsn", "gan", "cdo", "cjy"})


def _language_names(locale: str) -> Iterable[tuple[str, str]]:
    """(name, code) from Babel and our own names (`language_names`): ISO 639-1 codes, and the
    data's three-letter ones for languages without one (Maithili); regional names ("British
    English") count as the language, and Chinese 英语 is also written 英文."""
    three_letter = frozenset(word_list("three_letter_languages"))
    for code, name in (*Locale.parse(locale).languages.items(),
                       *language_names(locale).items()):
        base = code.split("_")[0]
        base = "zh" if base in _CHINESE_VARIETIES else base
        if len(base) != 2 and base not in three_letter:
            continue
        for variant in name_variants(name):
            yield variant, base
            if variant[-1] in "语語":
                yield variant[:-1] + "文", base


def _own_names(locale: str) -> list[tuple[str, str]]:
    """Names a user of `locale` is most likely to type: their language's, English, informal."""
    return [*_language_names(locale), *_language_names("en"),
            *word_table("languages").items()]


@cache
def _language_lexicon(locale: str) -> Lexicon:
    """The user's language, English and informal names first, then other languages' names
    where they agree; Arabic names also with the attached conjunction و ("and")."""
    meanings: dict[str, set[str]] = {}
    for other in LOCALES:
        for name, code in _language_names(other):
            meanings.setdefault(name, set()).add(code)
    shared = [(name, next(iter(codes))) for name, codes in meanings.items() if len(codes) == 1]
    joiners = word_list("list_joiners")
    folded_joiners = {folded(joiner) for joiner in joiners}
    words: list[tuple[str, Sort, Decimal | str]] = []
    own = dict(_language_names(locale))
    for name, code in (*_own_names(locale), *shared):
        words.append((name, Sort.LANGUAGE, code))
        if unicodedata.name(name[0], "").startswith("ARABIC"):
            words.append(("و" + name, Sort.LANGUAGE, code))
        head, _, rest = name.partition(" ")
        # Vietnamese "Tiếng Anh" is also "Anh"; "Ý" (Italian) only for Vietnamese readers,
        # since folded it is Spanish y ("and").
        if rest and head in folded_joiners and (folded(rest) not in folded_joiners
                                                or own.get(name) == code):
            words.append((rest, Sort.LANGUAGE, code))
    little = {folded(word) for word in word_list("little")}
    words += [(joiner, Sort.JOINER, _LITTLE if folded(joiner) in little else "")
              for joiner in joiners]
    words += [(test, Sort.JOINER, _TEST) for test in word_list("language_tests")]
    return lexicon(words)


_LITTLE = "little"   # the value of a joiner saying a language is spoken only a little
_TEST = "test"       # the value of a language test's name or level ("IELTS", "B2")


@dataclass(frozen=True)
class Spoken:
    """The languages of a list: spoken and written well, and named as spoken only a little
    ("a little French", "日本語少し"), which do not count."""

    codes: list[str]
    little: list[str]
    named: list[str]   # both, in order of mention


@cache
def _fuzzy_language_names(locale: str) -> Mapping[str, str]:
    """Names a typo may be matched against: the user's language, English, informal names."""
    return {folded(name): code for name, code in reversed(_own_names(locale))}


@cache
def _letters() -> Mapping[str, str]:
    """The letter each language is named by in a word naming several ("英" of "中英文")."""
    return {folded(letter): code for letter, code in word_table("language_letters").items()}


def _joined(word: str) -> list[str] | None:
    """The languages a word made of their letters names ("中英文", "英日", "한영"): two letters or
    more, then perhaps a word such as "文"; None for any other word."""
    stem = without_ending(word, "language_endings")
    if len(stem) < 2 or not all(letter in _letters() for letter in stem):
        return None
    return [_letters()[letter] for letter in stem]


def _cut(run: str, locale: str) -> list[str] | None:
    """The languages of a run of words written without spaces that no word covers whole
    ("中英文同印地文": 中英文, 同, 印地文), cut into language names, joiners and words made of
    letters, in the fewest pieces; None when it cannot be cut so."""
    if not is_wide(run[0]):
        return None
    entries = _language_lexicon(locale).entries

    def part(start: int, end: int) -> list[str] | None:
        piece = run[start:end]
        entry = entries.get(piece)
        if entry is not None and entry[0] in (Sort.LANGUAGE, Sort.JOINER):
            return [] if entry[0] is Sort.JOINER else [str(entry[1])]
        return _joined(piece)

    pieces = fewest_parts(len(run), part)
    return None if pieces is None else [code for codes in pieces for code in codes] or None


def parse_languages(text: str, locale: str = "en", *, joined: bool = False) -> list[str]:
    """Language codes (ISO 639-1, else the data's three-letter ones) of the languages in a list
    ("Chinese and English", "中文、英文"), deduplicated in order of mention, those said to be
    spoken a little included; Chinese varieties (Cantonese, 普通话) are "zh". With `joined`, a
    word made of the languages' letters names each ("中英文"): only where languages are asked
    for, since elsewhere such a word may be a name (한영 is also a university)."""
    return read_languages(text, locale, joined=joined).named


@dataclass
class _Part:
    """The languages between two joiners of a list, and where a "little" word is among them
    (how many languages came before it)."""

    languages: list[str] = field(default_factory=list)
    little_at: int | None = None

    @property
    def little(self) -> list[str]:
        """The languages the "little" word qualifies: all of a part of one, else the one it
        stands beside, in a list without joiners ("한국어 영어 스페인어 조금": Spanish)."""
        if self.little_at is None or not self.languages:
            return []
        if len(self.languages) == 1:
            return self.languages
        return [self.languages[max(self.little_at - 1, 0)]]


def read_languages(text: str, locale: str = "en", *, joined: bool = False) -> Spoken:
    """`parse_languages`, with the languages a "little" word qualifies apart: those in the same
    part of the list, between two joiners ("and a little French", "日本語少し、英語"), and after
    an "and" when the word opened the part ("a little Japanese and Korean"), or in the part
    before when the word stands alone ("English (basic)"). A language test and its score
    beside a name are no language ("English (IELTS 7.0)")."""
    folded = fold(text)
    tokens = scan(folded.text, _language_lexicon(locale), numerals=False)
    parts = [_Part()]
    for index, token in enumerate(tokens):
        if token.sort is Sort.JOINER and token.value == _LITTLE:
            after = tokens[index + 1] if index + 1 < len(tokens) else None
            if parts[-1].languages and after is not None and after.sort is not Sort.JOINER:
                parts.append(_Part())   # "العربية وقليل من الإنجليزية": a new part begins
            parts[-1].little_at = len(parts[-1].languages)
        elif token.sort is Sort.JOINER:   # a "little" opening a part goes on over an "and"
            carried = parts[-1].little_at == 0 and bool(parts[-1].languages) \
                and any(char.isalpha() for char in folded.text[token.start:token.end])
            parts.append(_Part(little_at=0 if carried else None))
        elif token.sort is Sort.LANGUAGE:
            parts[-1].languages.append(str(token.value))
        elif joined and (letters := _joined(str(token.value)) or _cut(str(token.value), locale)):
            parts[-1].languages += letters
        elif _scored(tokens, index):
            continue   # a test's score or level ("IELTS 7.0", "HSK 6级", "토익 900점")
        else:
            parts[-1].languages.append(_close_name(text, folded, tokens, index, locale))
    for before, part in pairwise(parts):
        if part.little_at is not None and not part.languages:   # "English (basic)": the level
            before.little_at = len(before.languages)            # after the name
    little = dict.fromkeys(code for part in parts for code in part.little)
    codes = dict.fromkeys(code for part in parts for code in part.languages
                          if code not in part.little)
    named = list(dict.fromkeys(code for part in parts for code in part.languages))
    if not named:
        raise ParseError(NO_LANGUAGES)
    return Spoken(list(codes), [code for code in little if code not in codes], named)


def _scored(tokens: Sequence[Token], index: int) -> bool:
    """Whether `tokens[index]` is a score after a language test's name ("7", ".0" of "IELTS
    7.0"): it opens with a digit or has no letter, and follows the test or its score."""
    before = index - 1
    while before >= 0 and tokens[before].sort is Sort.UNKNOWN \
            and not any(char.isalpha() for char in str(tokens[before].value)):
        before -= 1
    value = str(tokens[index].value)
    return (value[:1].isdigit() or not any(char.isalpha() for char in value)) \
        and before >= 0 and tokens[before].value == _TEST


def _close_name(text: str, folded: Folded, tokens: Sequence[Token], index: int,
                locale: str) -> str:
    """The language an unknown word is a typo of ("Englsh"), else the refusal quoting it."""
    fuzzy = _fuzzy_language_names(locale)
    close = difflib.get_close_matches(str(tokens[index].value), fuzzy, n=1, cutoff=0.85)
    if not close:
        start, end = _unknown_part(tokens, index)
        raise ParseError(t("I did not recognise “{word}” as a language. Please write language "
                           "names separated by commas.", word=folded.source(text, start, end)))
    return fuzzy[close[0]]


def _unknown_part(tokens: Sequence[Token], index: int) -> tuple[int, int]:
    """Where the unknown words around `tokens[index]` start and end, up to the nearest joiner or
    language, so that the whole unknown part is quoted ("bits of", not "bits")."""
    first = last = index
    while first > 0 and tokens[first - 1].sort is Sort.UNKNOWN:
        first -= 1
    while last + 1 < len(tokens) and tokens[last + 1].sort is Sort.UNKNOWN:
        last += 1
    return tokens[first].start, tokens[last].end
