"""Articles before institution names in Spanish and French, and Arabic words agreeing with them:
each name takes its own, through the real catalogs."""

from __future__ import annotations

import re
from datetime import date

import pytest
from babel.messages.pofile import read_po

from bot.common.markup import Plain
from bot.i18n.articles import _rules, agree, kind
from bot.i18n.bidi import strip_controls
from bot.i18n.native_names import chosen_names
from bot.i18n.text import CountryName, InstitutionName, t
from bot.i18n.translator import Translator, locales_dir
from bot.report.lookup import lookup_text
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
    rendered = Translator.for_code("es")(t("“{university}” is added to the eligible list only on "
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


AR_MASCULINE, AR_FEMININE = "معهد ماساتشوستس للتكنولوجيا", "جامعة هارفارد"


def _ar(msgid: str, **names: str) -> str:
    """An Arabic catalog sentence with these names shown, without its direction marks."""
    params = {field: InstitutionName(name) for field, name in names.items()}
    return strip_controls(Translator.for_code("ar")(t(msgid, what="", day=DAY, country="",
                                                        since=DAY, **params)))


def test_every_arabic_agreeing_fragment_is_in_the_catalog() -> None:
    """Each fragment the Arabic rules rewrite is a piece of a real msgstr, or of what an earlier
    rule wrote, so none is dead."""
    written = ["\n".join(string for _, string in _ar_entries())]
    for rule in _rules()["ar"]["agreeing"]:
        assert any(rule["f"] in text for text in written), rule
        written.append(rule["m"])


def _ar_entries() -> list[tuple[str, str]]:
    with (locales_dir() / "ar" / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return [(m.id, m.string) for m in read_po(file) if isinstance(m.id, str) and m.string]


@pytest.mark.parametrize(("university", "school", "said"), [
    (AR_FEMININE, "كلية داردن", f"{AR_FEMININE}، التي تتبعها كلية داردن، ليست"),
    (AR_MASCULINE, "كلية داردن", f"{AR_MASCULINE}، الذي تتبعه كلية داردن، ليس"),
    (AR_FEMININE, "معهد الدراسات", f"{AR_FEMININE}، التي يتبعها معهد الدراسات، ليست"),
    (AR_MASCULINE, "معهد الدراسات", f"{AR_MASCULINE}، الذي يتبعه معهد الدراسات، ليس"),
])
def test_arabic_words_agree_with_each_name_s_gender(university: str, school: str,
                                                    said: str) -> None:
    """Relatives, verbs and pronouns follow the name they agree with: التي/تتبع/ليست for a
    feminine name (جامعة, كلية), الذي/يتبع/ليس for a masculine one (معهد, مركز)."""
    assert said in _ar("“{university}”, to which “{school}” belongs, is not on the list of "
                       "eligible universities.", university=university, school=school)


@pytest.mark.parametrize(("name", "words", "not_words"), [
    (AR_MASCULINE, ("هو الذي يمنح", "كلياته، وهو مدرج", "يُحتسب بوصفه", "الذي يمنح درجاته وهو"),
     ("هي التي", "تُحتسب بوصفها", "التي تمنح")),
    (AR_FEMININE, ("هي التي تمنح", "كلياتها، وهي مدرجة", "تُحتسب بوصفها", "التي تمنح درجاتها وهي"),
     ("هو الذي", "يُحتسب", "يمنح")),
])
def test_arabic_sentences_read_right_for_a_masculine_and_a_feminine_name(
        name: str, words: tuple[str, ...], not_words: tuple[str, ...]) -> None:
    """The same name as university and school of the sentences that name both."""
    said = "\n".join((
        _ar("“{university}” confers the degrees of “{school}”, one of its schools, and is on the "
            "eligible list in force on {day}: it counts.", university=name, school="كلية"),
        _ar("{school} ✓: counted as “{university}”, which confers its degrees and is on the list "
            "of eligible universities", university=name, school=name)))
    assert all(word in said for word in words) and not any(w in said for w in not_words), said


def test_an_arabic_lookup_of_a_masculine_institution_says_its_name_as_his() -> None:
    """/university MIT in Arabic: "اسمه بلغتك", not "اسمها"; Harvard keeps "اسمها"."""
    tr = Translator.for_code("ar")
    mit = strip_controls(lookup_text("Massachusetts Institute of Technology", DAY, tr, Plain()))
    harvard = strip_controls(lookup_text("Harvard University", DAY, tr, Plain()))
    assert "اسمه بلغتك: معهد" in mit and "اسمها" not in mit, mit
    assert "اسمها بلغتك: جامعة هارفارد" in harvard, harvard


@pytest.mark.parametrize(("name", "said"), [
    ("Massachusetts Institute of Technology", ("✅ مدرج في", "⏳ ليس في", "سيُدرج", "❌ ليس في",
                                               "كان «Massachusetts Institute of Technology» "
                                               "(الولايات المتحدة) مدرجًا")),
    ("Harvard University", ("✅ مدرجة في", "⏳ ليست في", "ستُدرج", "❌ ليست في",
                            "كانت «Harvard University» (الولايات المتحدة) مدرجة")),
])
def test_an_arabic_lookup_line_agrees_with_the_listed_name(name: str, said: tuple[str, ...]
                                                          ) -> None:
    """/university's lines quote the list's own (English) spelling; an institute is still
    masculine in Arabic: مدرج, ليس, سيُدرج, كان."""
    tr = Translator.for_code("ar")
    params = {"name": InstitutionName(name, listed=True), "country": CountryName("US"),
              "since": DAY, "until": DAY, "version": DAY}
    lines = "\n".join(strip_controls(tr(t(msgid, **params))) for msgid in (
        "✅ On the list in force (version of {version}) as “{name}” ({country}), since {since}.",
        "⏳ Not on the list in force yet: “{name}” ({country}) will be on it from {since}.",
        "❌ Not on the list in force (version of {version}): “{name}” ({country}) was on it from "
        "{since} to {until}."))
    assert all(words in lines for words in said) and f"«{name}»" in lines, lines
