"""Arabic plural forms as a reader sees them: every plural text with a count renders the noun
in the form Arabic grammar gives that number (CLDR: zero, one, two, few 3–10, many 11–99,
other 100–102…), whatever order the catalog's forms are in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.i18n.text import tn
from bot.i18n.translator import Translator

CATALOG = Path(__file__).resolve().parents[1] / "locales" / "ar" / "LC_MESSAGES" / "messages.po"
AR = Translator.for_code("ar")
MARKS = str.maketrans("", "", "\u200e\u200f\u061c\u2066\u2067\u2068\u2069")
COUNTS = (0, 1, 2, 3, 10, 11, 90, 100, 101)

# The noun after a count, per English noun: one and two are said without the figure.
FORMS = {
    "days": {"zero": "{n} يوم", "one": "يوم واحد", "two": "يوم(ين|ان)", "few": "{n} أيام",
             "many": "{n} يومًا", "other": "{n} يوم"},
    "months": {"zero": "{n} شهر", "one": "شهر واحد", "two": "شهر(ين|ان)", "few": "{n} أشهر",
               "many": "{n} شهرًا", "other": "{n} شهر"},
    "people": {"zero": "{n} شخص", "one": "شخص واحد", "two": "شخص(ين|ان)", "few": "{n} أشخاص",
               "many": "{n} شخصًا", "other": "{n} شخص"},
    "years": {"zero": "{n} عام", "one": "عام واحد", "two": "عام(ين|ان)", "few": "{n} أعوام",
              "many": "{n} عامًا", "other": "{n} عام"},
    "criteria": {"zero": "{n} معيار", "one": "معيارًا واحدًا", "two": "معيار(ين|ان)",
                 "few": "{n} معايير", "many": "{n} معيارًا", "other": "{n} معيار"},
}


def category(n: int) -> str:
    """CLDR's Arabic plural category of a whole number."""
    if n in (0, 1, 2):
        return ("zero", "one", "two")[n]
    if 3 <= n % 100 <= 10:
        return "few"
    return "many" if n % 100 >= 11 else "other"


NOUN = re.compile(r"\{n\} (?:more )?(\w+)")


def counted() -> list[tuple[str, str]]:
    """The catalog's plural msgids whose text shows the count `{n}`."""
    with CATALOG.open("rb") as po:
        catalog = read_po(po)
    return [message.id for message in catalog
            if message.pluralizable and message.id[0] and "{n}" in message.id[1]]


def test_the_categories_follow_cldr() -> None:
    assert [category(n) for n in COUNTS] == ["zero", "one", "two", "few", "few", "many", "many",
                                             "other", "other"]


def test_every_counted_text_has_a_table() -> None:
    texts = counted()
    assert texts
    for _, plural in texts:
        found = NOUN.search(plural)
        assert found and found.group(1) in FORMS, plural


@pytest.mark.parametrize("n", COUNTS)
@pytest.mark.parametrize("msgid", counted(), ids=lambda msgid: msgid[1][:40])
def test_the_noun_agrees_with_the_count(msgid: tuple[str, str], n: int) -> None:
    singular, plural = msgid
    found = NOUN.search(plural)
    assert found is not None
    noun = found.group(1)
    params = {name: "X" for name in re.findall(r"\{(\w+)\}", plural) if name != "n"}
    shown = AR(tn(singular, plural, n, **params)).translate(MARKS)
    # Ends the word: "{n} يوم" must not pass for "{n} يومًا".
    expected = FORMS[noun][category(n)].replace("{n}", str(n)) + "(?![\u0621-\u0652])"
    assert re.search(expected, shown), (n, shown)
