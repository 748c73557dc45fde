"""Each catalog keeps its glossary: the chosen term is used, no rejected variant appears."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest
from babel.messages.pofile import read_po

from bot.i18n.translator import locales_dir

TRANSLATED = sorted(p.name for p in locales_dir().iterdir()
                    if (p / "LC_MESSAGES" / "messages.po").exists() and p.name != "en")
REQUIRED = {"QMAS", "TTPS", "ImmD", "prerequisite", "criterion", "eligible university",
            "not settled", "provisional", "form of address"}


def glossary(locale: str) -> dict[str, Any]:
    return tomllib.loads((locales_dir() / locale / "glossary.toml").read_text(encoding="utf-8"))


def translations(locale: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) for every form of every entry."""
    with (locales_dir() / locale / "LC_MESSAGES" / "messages.po").open("rb") as fp:
        catalog = read_po(fp, locale=locale)
    found = []
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found += [(msgid, string) for string in strings]
    return found


def rejected(terms: list[dict[str, Any]], entries: list[tuple[str, str]]) -> list[str]:
    """Every use of a rejected variant: the term, the variant, the English text it is in."""
    return [f"{term['en']}: {variant!r} in {msgid[:60]!r}"
            for term in terms for variant in term["avoid"]
            for msgid, string in entries if re.search(variant, string)]


def test_every_translated_catalog_has_a_glossary_with_the_core_terms() -> None:
    assert len(TRANSLATED) == 11
    for locale in TRANSLATED:
        found = glossary(locale)
        assert found["language"] == locale and found["register"] and found["address"]
        assert {term["en"] for term in found["term"]} >= REQUIRED, locale


@pytest.mark.parametrize("locale", TRANSLATED)
def test_no_catalog_entry_uses_a_rejected_variant(locale: str) -> None:
    assert rejected(glossary(locale)["term"], translations(locale)) == []


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_chosen_term_is_used(locale: str) -> None:
    strings = [string for _, string in translations(locale)]
    unused = [term["en"] for term in glossary(locale)["term"]
              if not any(use in string for use in term["use"] for string in strings)]
    assert unused == []


def test_a_rejected_variant_is_flagged_with_its_entry() -> None:
    terms = glossary("ja")["term"]
    entries = [("Your result", "あなたの結果"), ("Prerequisites", "基本要件")]
    assert rejected(terms, entries) == ["form of address: 'あなた' in 'Your result'"]


def test_every_glossary_pattern_compiles() -> None:
    broken = []
    for locale in TRANSLATED:
        for variant in (v for term in glossary(locale)["term"] for v in term["avoid"]):
            try:
                re.compile(variant)
            except re.error as exc:
                broken.append((locale, variant, str(exc)))
    assert broken == []
