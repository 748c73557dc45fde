"""A degree as people name it at the degree question: its name alone, after words such as
"holder of" ("حاصل على الماجستير"), or with its subject ("Master's in Finance", "दर्शनशास्त्र में
पीएचडी"). The subject never changes the answer, so only the degree's name is looked up."""

from __future__ import annotations

from functools import cache

from bot.i18n import fold
from bot.i18n.text import t
from bot.replies.errors import ParseError
from bot.replies.words import parse_synonym, word_list


@cache
def _words(field: str) -> tuple[str, ...]:
    """A list field's words as `fold.words` gives them, longest first."""
    return tuple(sorted({fold.words(word) for word in word_list(field)}, key=len, reverse=True))


def _named(said: str) -> tuple[str, ...]:
    """`said` without its opening words, then cut at a subject word: the degree before "in",
    "في", "en", after Hindi "में", or a degree whose subject follows with no word between
    ("بكالوريوس العلوم", "thạc sĩ tài chính")."""
    opener = next((w for w in _words("degree_openers") if said.startswith(w + " ")), "")
    said = said[len(opener):].strip()
    forms = [said]
    padded = f" {said} "
    forms += [padded.split(f" {w} ", 1)[0].strip() for w in _words("degree_subjects")
              if f" {w} " in padded]
    forms += [padded.rsplit(f" {w} ", 1)[1].strip() for w in _words("degree_fields")
              if f" {w} " in padded]
    forms += [w for w in _words("degree_constructs") if said.startswith(w + " ")]
    return tuple(dict.fromkeys(form for form in forms if form))


UNFINISHED = t("Only completed degrees count. Please choose the highest degree you have "
               "already completed.")


def parse_degree(text: str) -> str | None:
    """The answer ("none", "bachelor", "master", "doctorate") a reply names, else None. A degree
    said to be unfinished ("ماجستير قيد الدراسة", "PhD in progress") is refused with the reason,
    since only completed degrees count."""
    said = fold.words(text)
    if any(f" {w} " in f" {said} " for w in _words("degree_unfinished")):
        raise ParseError(UNFINISHED)
    return next(filter(None, (parse_synonym(form, "degrees") for form in (said, *_named(said)))),
                None)
