"""A forgiving matcher from typed names to the institutions of the Consolidated List.

Matching runs against every institution ever listed (`university_list`), so a removed one is
still recognised and the caller can say when it left the list.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from difflib import SequenceMatcher, get_close_matches
from functools import cache, lru_cache
from typing import TypeVar

from bot.i18n.fold import is_wide as _is_wide
from bot.i18n.fold import width
from bot.i18n.native_names import with_typed_names
from bot.rules.name_keys import distinctive, join_words, name_words, normalise
from bot.rules.schools import School, SchoolKind, school_table
from bot.rules.university_list import (
    Institution,
    all_institutions,
    institution_named,
    read_data,
)
from bot.rules.unlisted import unlisted_named

_T = TypeVar("_T")
_ALIAS_FILE = "university-aliases.toml"

_MAX_CANDIDATES = 5
# Similarity of the distinctive words (`distinctive`) needed to accept a fuzzy hit without asking...
_CONFIDENT = 0.9
# ...together with this similarity of the whole names, so "Hong Kong" is not taken for HKU...
_CONFIDENT_WHOLE = 0.85
# ...and this lead over the next institution.
_CONFIDENT_LEAD = 0.05
_CANDIDATE = 0.75
# A mistyped word is replaced by a known word at least this similar ("Havard" -> "harvard").
_TYPO_CUTOFF = 0.82
# Shorter distinctive parts (MIT, UCL, NUS) are matched exactly only: fuzzy hits there are noise.
_MIN_FUZZY_WIDTH = 4

@dataclass(frozen=True)
class UniversityMatch:
    """What a typed name matched: one institution when sure, otherwise candidates to ask about."""

    institution: Institution | None
    candidates: tuple[Institution, ...] = ()
    ambiguous: bool = False   # the name itself is shared by every candidate (e.g. "NTU")
    exact: bool = False   # a name or an alias as typed, not a corrected or near one
    # Found only by correcting the spelling ("Harvrd"): a suggestion for the user to confirm,
    # never counted as the institution (the contract matches names, not near spellings).
    corrected: bool = False
    # The school or arm typed; when it is a faculty of a listed university, `institution` is
    # that university (a faculty's degrees are the university's own), else None.
    school: School | None = None

    def eligible_on(self, day: date) -> bool:
        """True only for a confident match listed on ``day``, not found by correcting the
        spelling; candidates never count."""
        return self.institution is not None and not self.corrected \
            and self.institution.listed_on(day)


def _name_forms(name: str) -> Iterator[str]:
    """A name and the shorter forms people use for it.

    "Universidad de Buenos Aires (UBA)" also gives the name without the bracket and "UBA";
    "(formerly X)" gives X; US News style "Purdue University - West Lafayette" and
    "Ohio State University--Columbus" give the part before the dash.
    """
    yield name
    if bracketed := re.fullmatch(r"(.+?)\s*\((.+)\)", name):
        yield bracketed[1]
        yield bracketed[2].removeprefix("formerly ")
    yield re.split(r"\s+-\s+|--", name, maxsplit=1)[0]


def _swapped(key: str) -> str | None:
    """The other order of "university of x" / "x university", for names where no listing clashes."""
    if key.startswith("university of "):
        return key.removeprefix("university of ") + " university"
    if key.endswith(" university"):
        return "university of " + key.removesuffix(" university")
    return None


@cache
def _aliases() -> Mapping[str, tuple[str, ...]]:
    """Aliases by official name: the aliases data file's, then the names in our readers'
    languages."""
    data = tomllib.loads(read_data(_ALIAS_FILE))
    return {institution.name: with_typed_names(institution.name, data.get(institution.name, ()))
            for institution in all_institutions()}


@dataclass(frozen=True)
class _Index:
    exact: Mapping[str, tuple[Institution, ...]]
    fuzzy: tuple[tuple[str, str, Institution], ...]  # (normalised key, its core, institution)
    vocabulary: frozenset[str]  # Latin words of all keys, to correct typos against


@cache
def _index() -> _Index:
    """Normalised names and aliases, built once; listed names beat derived "X University" forms."""
    listed: defaultdict[str, list[Institution]] = defaultdict(list)
    aliases = _aliases()
    for institution in all_institutions():
        for name in (institution.name, *aliases.get(institution.name, ())):
            for form in _name_forms(name):
                key = normalise(form)
                if key and institution not in listed[key]:
                    listed[key].append(institution)
    derived: defaultdict[str, list[Institution]] = defaultdict(list)
    for key, institutions in listed.items():
        swapped = _swapped(key)
        if swapped and swapped not in listed:
            derived[swapped] += [i for i in institutions if i not in derived[swapped]]
    exact = {key: tuple(insts) for key, insts in (derived | listed).items()}
    fuzzy = tuple(
        (key, core, institution)
        for key, institutions in exact.items()
        if width(core := distinctive(key)) >= _MIN_FUZZY_WIDTH
        for institution in institutions
    )
    known = (*exact, *_school_keys(), *_marks(excluded=True), *_marks(excluded=False))
    vocabulary = frozenset(w for key in known for w in key.split() if w.isascii() and w.isalpha())
    return _Index(exact, fuzzy, vocabulary)


@cache
def _school_keys() -> Mapping[str, School]:
    """Normalised names and aliases of the schools in the schools data."""
    return {key: school for school in school_table().schools
            for name in (school.name, *school.aliases) if (key := normalise(name))}


@cache
def _marks(*, excluded: bool) -> tuple[str, ...]:
    """The schools data's words for an excluded arm, or for a faculty, normalised."""
    table = school_table()
    return tuple(normalise(w) for w in (table.excluded_words if excluded else table.faculty_words))


def _of_school(school: School, *, exact: bool = False) -> UniversityMatch:
    """A school's match: its university when the school is a faculty of a listed one."""
    university = institution_named(school.university or "") if school.counts else None
    return UniversityMatch(university, school=school, exact=exact)


@lru_cache(maxsize=1024)
def _spaced(text: str) -> str:
    """A name with a space wherever CJK and other letters meet ("港大space" -> " 港大 space ")."""
    spaced = []
    for before, char in zip(" " + text[:-1], text, strict=True):
        if " " not in (before, char) and _is_wide(before) != _is_wide(char):
            spaced.append(" ")
        spaced.append(char)
    return f" {''.join(spaced)} "


def _has(text: str, part: str) -> bool:
    """Whether `part` is in `text` as whole words (CJK text has no spaces between words)."""
    if _is_wide(part[0]) or _is_wide(part[-1]):
        return part in text
    return f" {part} " in _spaced(text)


def _longest_first(pairs: Iterator[tuple[str, _T]]) -> tuple[tuple[str, _T], ...]:
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@cache
def _full_names() -> tuple[tuple[str, Institution], ...]:
    """Keys naming one institution in full (with a word such as "university"): not "Oxford",
    which is also in "Oxford Brookes University"."""
    return _longest_first((key, insts[0]) for key, insts in _index().exact.items()
                          if len(insts) == 1 and distinctive(key) != key)


@cache
def _school_names() -> tuple[tuple[str, School], ...]:
    """School keys specific enough to find inside a longer name: not "Booth" or "Stern"."""
    return _longest_first((key, school) for key, school in _school_keys().items()
                          if (" " in key and all(len(word) > 1 for word in key.split()))
                          or (_is_wide(key[0]) and len(key) >= 4))   # not "y harvard" (Trường Y)


def _within(query: str, typed: str) -> UniversityMatch | None:
    """A school, arm or faculty named inside a longer name, when the name says which.

    "Harvard Business School Executive Education" is an arm of Harvard University (it awards no
    Harvard degree); "Duke University School of Medicine" is a faculty of Duke University.
    """
    school = next((s for key, s in _school_names() if _has(query, key)), None)
    if school is not None and not school.counts:
        return _of_school(school)
    named = next(((key, i) for key, i in _full_names() if _has(query, key)), None)
    if any(_has(query, word) for word in _marks(excluded=True)):
        parent = school.university if school else named[1].name if named else None
        return UniversityMatch(None, school=School(typed, parent, SchoolKind.ARM))
    if school is not None:
        return _of_school(school)
    if named is None:   # a short name first: "HKU Faculty of Law", "서울대 공과대학"
        words = query.split()
        heads = [query[:cut] for cut in range(len(query) - 1, 1, -1)] if _is_wide(query[0]) \
            else [" ".join(words[:cut]) for cut in range(len(words) - 1, 0, -1)]
        named = next(((head, found[0]) for head in heads
                      if len(found := _index().exact.get(head, ())) == 1), None)
    if named is not None:
        key, institution = named
        rest = query.replace(key, " ")
        if any(_has(rest, word) for word in _marks(excluded=False)):
            return UniversityMatch(institution,
                                   school=School(typed, institution.name, SchoolKind.FACULTY))
    return None


# Words saying what kind of institution a name is: a suggestion never swaps one kind for another
# ("Boston College" is not "Boston University").
_KIND_WORDS = {
    **dict.fromkeys(("universite", "universitat", "universiteit", "universita", "universidad",
                     "universidade", "universiti", "university"), "university"),
    **{word: word for word in ("college", "school", "institute", "academy")},
}
_SAME_WORD = 0.8
_SAME_JOINED = 0.9   # the words run together: stricter, or "Technology" would be "Royal Technology"


def _kind_and_words(key: str) -> tuple[frozenset[str], tuple[str, ...]]:
    words = key.split()
    kinds = frozenset(_KIND_WORDS[w] for w in words if w in _KIND_WORDS)
    generic = name_words().generic
    return kinds, tuple(w for w in words if w not in _KIND_WORDS and w not in generic)


def _close_word(word: str, others: tuple[str, ...]) -> bool:
    return word in others or any(SequenceMatcher(None, word, other).ratio() >= _SAME_WORD
                                 for other in others)


def plausibly_same(query: str, key: str) -> bool:
    """Whether a normalised typed name may be a misspelling of a normalised listed name: the same
    kind of institution and the same distinctive words up to typos, so that a suggestion never
    offers another institution ("Indian School of Business" is not "Rhode Island School of
    Design")."""
    if any(_is_wide(char) for char in query + key):
        return SequenceMatcher(None, distinctive(query), distinctive(key)).ratio() >= _SAME_WORD
    typed_kinds, typed_words = _kind_and_words(query)
    kinds, words = _kind_and_words(key)
    if (typed_kinds and kinds and typed_kinds != kinds) or not (typed_words and words):
        return False
    joined = SequenceMatcher(None, "".join(typed_words), "".join(words)).ratio()
    if joined >= _SAME_JOINED:                                   # "Poly U" is "PolyU"
        return True
    return all(_close_word(w, words) for w in typed_words) \
        and all(_close_word(w, typed_words) for w in words)


def _correct_typos(query: str, vocabulary: frozenset[str]) -> str:
    """Replace each unknown Latin word of five letters or more by the closest known word."""
    words = []
    for word in query.split():
        if len(word) >= 5 and word.isascii() and word.isalpha() and word not in vocabulary:
            word = next(iter(get_close_matches(word, vocabulary, n=1, cutoff=_TYPO_CUTOFF)), word)
        words.append(word)
    return join_words(words)


def _from_exact(institutions: tuple[Institution, ...], *, exact: bool) -> UniversityMatch:
    if len(institutions) == 1:
        return UniversityMatch(institutions[0], exact=exact)
    return UniversityMatch(None, institutions[:_MAX_CANDIDATES], ambiguous=True, exact=exact)


def _begins(query: str, key: str) -> bool:
    """Whether a name is the query and more words: "University of California, Davis" for
    "University of California"; in CJK, without a space ("カリフォルニア大学デービス校")."""
    if not key.startswith(query) or len(key) == len(query):
        return False
    after = key[len(query)]
    return after == " " or (_is_wide(query[-1]) and _is_wide(after))


def _fuzzy(query: str, index: _Index) -> UniversityMatch:
    """Similarity over all names and aliases: confident only for one clear, very close hit."""
    core = distinctive(query)
    if width(core) < _MIN_FUZZY_WIDTH:
        return UniversityMatch(None)
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(core)
    # Per institution its best (similarity of the distinctive words, of the whole names).
    best: dict[Institution, tuple[float, float]] = {}
    # "University of California" or "カリフォルニア大学" alone: the beginning of several names,
    # every campus is a candidate and none is the answer, however close another name is.
    shared: set[Institution] = set()
    for key, key_core, institution in index.fuzzy:
        matcher.set_seq1(key_core)
        score = matcher.ratio() if matcher.quick_ratio() >= _CANDIDATE else 0.0
        if _begins(query, key):
            shared.add(institution)
            score = max(score, _CANDIDATE)
        elif score >= _CANDIDATE and not plausibly_same(query, key):
            continue
        if score >= _CANDIDATE:
            scores = (score, SequenceMatcher(None, query, key).ratio())
            best[institution] = max(scores, best.get(institution, scores))
    ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
    if len(shared) > 1:
        campuses = tuple(institution for institution, _ in ranked if institution in shared)
        return UniversityMatch(None, campuses[:_MAX_CANDIDATES])
    if not ranked:
        return UniversityMatch(None)
    top, (score, whole) = ranked[0]
    runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
    if score >= _CONFIDENT and whole >= _CONFIDENT_WHOLE and score - runner_up >= _CONFIDENT_LEAD:
        return UniversityMatch(top, corrected=True)
    return UniversityMatch(None, tuple(institution for institution, _ in ranked[:_MAX_CANDIDATES]))


@lru_cache(maxsize=8192)
def match_university(text: str) -> UniversityMatch:
    """Match a typed institution name (any language we know, any case, typos) to the list."""
    query = normalise(text)
    if not query:
        return UniversityMatch(None)
    index = _index()
    if found := _exact(query, index, exact=True):
        return found
    if unlisted_named(query) is not None:   # a known unlisted one is no typo of a listed one
        return UniversityMatch(None)
    corrected = _correct_typos(query, index.vocabulary)
    found = _exact(corrected, index, exact=False) or _within(corrected, text.strip())
    if found is not None:
        return replace(found, corrected=corrected != query)
    return _fuzzy(corrected, index)


def _exact(key: str, index: _Index, *, exact: bool) -> UniversityMatch | None:
    """A school's or an institution's name or alias, exactly (after normalisation); `exact`
    when `key` is the name as typed, not a corrected one."""
    if school := _school_keys().get(key):
        return _of_school(school, exact=exact)
    if hit := index.exact.get(key):
        return _from_exact(hit, exact=exact)
    return None
