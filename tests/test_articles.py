"""Articles before institution names in Spanish and French: each name takes its own, through the
real catalogs."""

from __future__ import annotations

import re
from datetime import date

import pytest
from babel.messages.pofile import read_po

from bot.i18n.articles import agree, kind
from bot.i18n.native_names import chosen_names
from bot.i18n.text import InstitutionName, t
from bot.i18n.translator import Translator, locales_dir
from bot.rules.universities import match_university
from bot.scoring.universities import institution_status

DAY = date(2026, 12, 7)
# One name of each kind per language: masculine, feminine, elided, plural, bare, unknown.
SAMPLES = {
    "es": ("Instituto Tecnológico de Massachusetts", "Universidad de Tokio", "Harvard University",
           "Escuela de Negocios de Harvard"),
    "fr": ("Institut de technologie du Massachusetts", "Université d'Oxford", "Sorbonne Université",
           "Harvard University", "Haute école de gestion", "London Business School"),
}
WRONG = {
    "es": r"\b(de el|a el|el la|la el|la la|el el|El La|La El)\b",
    "fr": r"\b(de le|à le|de les|à les|le la|la le|la la|le le|de du|de de)\b"
          r"|\b(le|la|Le|La|de|que) [AEIOUÉaeiouéè]|\bl' |\bL' ",
}


def _entries(locale: str) -> list[tuple[str, str]]:
    with (locales_dir() / locale / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return [(m.id, m.string) for m in read_po(file) if isinstance(m.id, str) and m.string
                and re.search(r"\{(university|school)\}", m.id)]


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_every_institution_sentence_reads_right_with_every_kind_of_name(language: str) -> None:
    entries = _entries(language)
    assert entries
    for _, template in entries:
        for name in SAMPLES[language]:
            shown = agree(template, {"university": name, "school": name}, language)
            assert not re.search(WRONG[language], shown), shown


@pytest.mark.parametrize(("language", "typed", "start"), [
    ("es", "University of Oxford", "La Universidad de Oxford figura"),
    ("fr", "University of Oxford", "L'Université d'Oxford figure"),
    ("fr", "Massachusetts Institute of Technology", "L'Institut de technologie du Massachusetts"),
    ("es", "KU Leuven", "La KU Leuven figura"),
    ("fr", "Adelaide University", "L'établissement Adelaide University"),
])
def test_a_sentence_opening_with_a_name_gives_it_its_article(language: str, typed: str,
                                                             start: str) -> None:
    why = institution_status(typed, match_university(typed), DAY)[1]
    assert Translator.for_code(language)(why).startswith(start)


def test_articles_contract_and_elide() -> None:
    es, fr = "es", "fr"
    assert agree("pertenece al {u}", {"u": "Universidad de Tokio"}, es) \
        == "pertenece a la Universidad de Tokio"
    assert agree("los títulos del {u}", {"u": "Instituto Tecnológico"}, es) \
        == "los títulos del Instituto Tecnológico"
    assert agree("relève du {u}", {"u": "Université d'Oxford"}, fr) \
        == "relève de l'Université d'Oxford"
    assert agree("affiliée au {u}", {"u": "Institut Pasteur"}, fr) \
        == "affiliée à l'Institut Pasteur"
    assert agree("relève du {u}", {"u": "Sorbonne Université"}, fr) \
        == "relève de Sorbonne Université"
    assert agree("Le {u} figure", {"u": "Harvard University"}, fr) \
        == "L'établissement Harvard University figure"
    assert agree("les diplômes du {u}", {"u": "The Wharton School"}, fr) \
        == "les diplômes de la Wharton School"


def test_only_institution_placeholders_change() -> None:
    rendered = Translator.for_code("es")(t("{university} is added to the eligible list only on "
                                           "{joins}, so it is not on the list in force on {day}.",
                                           university=InstitutionName("University of Oxford"),
                                           joins=DAY, day=DAY))
    assert rendered.startswith("La Universidad de Oxford")
    assert "el 7 de diciembre de 2026" in rendered


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_every_name_shown_in_the_language_has_a_known_article(language: str) -> None:
    names = [names[0] for names in chosen_names().get(language, {}).values()]
    assert [name for name in names if kind(name, language) is None] == []


@pytest.mark.parametrize(("name", "shown"), [
    ("हार्वर्ड विश्वविद्यालय", "{university}को एक्सटेन्सन स्कुल"),
    ("KU Leuven", "{university} को एक्सटेन्सन स्कुल"),
])
def test_a_nepali_postposition_joins_a_devanagari_name_only(name: str, shown: str) -> None:
    assert agree("{university} को एक्सटेन्सन स्कुल", {"university": name}, "ne") == shown
    assert agree("{day} मा", {"university": name}, "ne") == "{day} मा"
