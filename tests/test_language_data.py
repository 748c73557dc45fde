"""How each language writes lists, currency symbols, institution names and its own button labels:
per-language data, checked through the real catalogs and Babel."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from decimal import Decimal
from html import escape
from importlib.resources import files

import pytest

from bot.common.markup import Html, Plain
from bot.common.money import Money
from bot.engine.engine import Engine
from bot.engine.state import State
from bot.engine.turns import Typed
from bot.i18n.bidi import strip_controls
from bot.i18n.languages import LANGUAGES, Language
from bot.i18n.native_names import chosen_names
from bot.i18n.text import (
    AfterColon,
    CountryName,
    InstitutionName,
    LanguageName,
    Text,
    join,
    t,
    tn,
)
from bot.i18n.translator import Translator
from bot.replies import parse_countries, parse_tri
from bot.report.html_report import render_html
from bot.report.lookup import lookup_text
from bot.report.sources import source_link, source_title
from bot.rules.checklist import checklist
from bot.rules.ruleset import Source
from bot.rules.universities import match_university
from bot.scoring.answers import Tri
from bot.scoring.model import ChangeKind, Suggestion
from conversations.qmas import QMAS
from tests.support.reporting import assessed

NE = Translator.for_code("ne")


def test_nepali_lists_have_a_space_after_each_comma() -> None:
    assert NE(join("HK$ 3,800", "3 जना", "5 वर्ष")) == "HK$ 3,800, 3 जना र 5 वर्ष"
    assert NE(join("क", "ख", "ग", "घ")) == "क, ख, ग र घ"
    assert NE(join("क", "ख")) == "क र ख"
    assert NE(join("क")) == "क"


def test_hindi_lists_have_no_comma_before_aur() -> None:
    hi = Translator.for_code("hi")
    assert hi(join("अंग्रेज़ी", "चीनी", "हिन्दी")) == "अंग्रेज़ी, चीनी और हिन्दी"
    assert hi(join("क", "ख")) == "क और ख"


def test_english_dates_are_written_day_first_as_immd_writes_them() -> None:
    assert Translator.for_code("en")(date(2024, 11, 1)) == "1 November 2024"


def _listed_countries() -> list[str]:
    text = files("bot.rules").joinpath("data/list-countries.toml").read_text("utf-8")
    return sorted(set(tomllib.loads(text).values()))


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_list_countries_are_named_without_a_bracket(language: Language) -> None:
    """/university names the country in brackets, so its name must not bring its own."""
    tr = Translator(language)
    for code in _listed_countries():
        name = tr(CountryName(code))
        assert not set(name) & set("()（）"), (code, name)
    said = strip_controls(lookup_text("University of Hong Kong", date(2026, 12, 7), tr, Plain()))
    depth = 0
    for char in said:
        depth += (char in "(（") - (char in ")）")
        assert depth <= 1, said


def test_hindi_names_the_united_states_as_its_readers_do() -> None:
    assert Translator.for_code("hi")(CountryName("US")) == "अमेरिका"
    assert parse_countries("अमेरिका", "hi") == ["US"]


def test_languages_without_a_list_override_keep_cldrs_pattern() -> None:
    assert Translator.for_code("zh-hans")(join("a", "b", "c", style="or")) == "a、b或c"


def test_british_english_writes_no_serial_comma() -> None:
    en = Translator.for_code("en")
    assert en(join("a", "b", "c")) == "a, b and c"
    assert en(join("a", "b", "c", style="or")) == "a, b or c"


def test_nepali_rupees_read_as_nepali_readers_write_them() -> None:
    assert NE(Money(Decimal(2_500_000), "NPR")) == "रु.\xa025,00,000"
    assert NE(Money(Decimal("1500.50"), "NPR")) == "रु.\xa01,500.50"
    assert NE(Money(Decimal(3_800), "HKD")) == "HK$\xa03,800"


def test_other_symbols_are_unchanged() -> None:
    en = Translator.for_code("en")
    assert en(Money(Decimal(1_000), "USD")) == "US$1,000"
    assert en(Money(Decimal(1_000), "NPR")) == "NPR\u00a01,000"


@pytest.mark.parametrize("official", ["Imperial College London", "University of Melbourne",
                                      "Massachusetts Institute of Technology (MIT)"])
def test_nepali_readers_see_the_official_name_not_the_hindi_one(official: str) -> None:
    assert match_university(official).institution is not None
    assert NE(InstitutionName(official)) == official


def test_hindi_readers_keep_their_names() -> None:
    assert Translator.for_code("hi")(InstitutionName("Imperial College London")) \
        == "इंपीरियल कॉलेज लंदन"


def test_chosen_names_are_shown_and_found_when_typed() -> None:
    """A name listed for a language is shown to its readers, and typing it finds the institution
    it is listed for."""
    for code, names in chosen_names().items():
        for official, name in names.items():
            assert Translator.for_code(code)(InstitutionName(official)) == name
            found = match_university(name).institution
            assert found is not None and found.name == official


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_each_catalogs_not_sure_label_is_understood_when_typed(language: Language) -> None:
    tr = Translator(language)
    label = tr(t("Not sure"))
    assert parse_tri(label, str(tr.locale)) is Tri.UNSURE
    engine = Engine(QMAS)
    state = State()
    for reply in ("India", "30", "Bachelor's", "University of Toronto", "yes", "English", "6"):
        state = engine.apply(state, Typed(reply), Translator.for_code("en"), date(2026, 11, 24)
                             ).state
    asked = engine.current(state)
    assert asked is not None and asked.id == "years_renowned_employer"
    outcome = engine.apply(state, Typed(label), tr, date(2026, 11, 24))
    assert asked.id in outcome.state.not_sure
    assert outcome.understood is not None     # said back, like every other typed answer
    assert tr(outcome.understood) == tr(t("{answer} ✓", answer=t("Not sure")))


@pytest.mark.parametrize("typed", ["잘 모름", "잘 모르겠어요", "모름"])
def test_korean_not_sure_labels_old_and_new(typed: str) -> None:
    assert parse_tri(typed, "ko") is Tri.UNSURE


PRESS = Source(id="PRESS", title="Sing Tao Daily, 26 Feb 2026: extensions under talent schemes "
               "may be applied for within 3 months before expiry, from 1 Mar 2026",
               url="https://www.stheadline.com/realtime-finance/3547696", read=date(2026, 12, 6),
               press=True, language="zh")
PAGE = Source(id="PAGE", title="ImmD, e-Visa", url="https://www.immd.gov.hk/eng/e-visa.html",
              revised=date(2025, 11, 27), language="en")


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
@pytest.mark.parametrize("source", [PRESS, PAGE], ids=["press", "page"])
def test_a_source_in_another_language_says_all_in_one_parenthesis(language: Language,
                                                                    source: Source) -> None:
    tr = Translator(language)
    title = tr(Text(source.title))
    said = strip_controls(source_title(source, tr))
    assert said.startswith(strip_controls(title))
    tail = said[len(strip_controls(title)):]
    foreign = language.code.partition("-")[0] != source.language
    if strip_controls(title).endswith((")", "）")):      # its own bracket: the note after a comma
        assert tail.count("(") + tail.count("（") == 0
    else:
        assert tail.count("(") + tail.count("（") == 1 and tail.rstrip().endswith((")", "）"))
    assert strip_controls(tr(LanguageName(source.language))) in tail or not foreign


GEP = Source(id="GEP", title="ImmD, General Employment Policy (GEP)",
             url="https://www.immd.gov.hk/eng/services/visas/GEP.html", revised=date(2026, 1, 1))


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_a_title_ending_in_its_acronym_takes_the_note_without_a_second_bracket(
        language: Language) -> None:
    tr = Translator(language)
    said = strip_controls(source_title(GEP, tr))
    title = strip_controls(tr(Text(GEP.title)))
    assert said.startswith(title) and len(said) > len(title)
    assert not any(pair in said for pair in (") (", ")(", "）（", ") （", "）("))
    tail = said[len(title):]
    brackets = tail.count("(") + tail.count("（")
    assert brackets == (0 if title.endswith((")", "）")) else 1), said
    if language.code == "en":
        assert said == "ImmD, General Employment Policy (GEP), page revised 1 January 2026"


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_the_html_report_titles_press_reports_in_one_parenthesis(language: Language) -> None:
    tr = Translator(language)
    a, answers = assessed("meets_threshold")
    html = render_html(a, answers, tr, datetime(2026, 12, 7, tzinfo=UTC))
    press = next(f.source for f in checklist().facts if f.source.press and f.source.language)
    assert escape(source_title(press, tr), quote=True) in html
    if language.code.partition("-")[0] != press.language:
        assert strip_controls(tr(LanguageName(press.language))) in strip_controls(html)


def test_english_and_french_source_lines() -> None:
    en, fr = Translator.for_code("en"), Translator.for_code("fr")
    assert source_link(PRESS, en, Plain()) == (
        "🔗 Sing Tao Daily, 26 Feb 2026: extensions under talent schemes may be applied for "
        "within 3 months before expiry, from 1 Mar 2026 (press report in Chinese, read 6 December "
        "2026)\nhttps://www.stheadline.com/realtime-finance/3547696")
    line = source_link(PAGE, fr, Plain())
    assert line == ("🔗 ImmD, e-Visa (page en anglais, révisée le 27 novembre 2025)\n"
                    "https://www.immd.gov.hk/eng/e-visa.html")
    assert source_link(PAGE, fr, Html()) == (
        '🔗 <a href="https://www.immd.gov.hk/eng/e-visa.html">ImmD, e-Visa (page en anglais, '
        'révisée le 27 novembre 2025)</a>')


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_university_suggestions_one_a_line(language: Language) -> None:
    tr = Translator(language)
    lines = strip_controls(lookup_text("NTU", date(2026, 12, 7), tr, Plain())).splitlines()
    assert lines[-3] == strip_controls(tr(tn("Did you mean this one?",
                                             "Did you mean one of these?", 2)))
    assert lines[-2:] == ["• Nanyang Technological University, Singapore",
                          "• National Taiwan University (NTU)"]


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_a_single_university_suggestion_is_asked_about_in_the_singular(
        language: Language) -> None:
    tr = Translator(language)
    lines = strip_controls(lookup_text("Univ of Tokio", date(2026, 12, 7), tr,
                                       Plain())).splitlines()
    assert lines[-2] == strip_controls(tr(tn("Did you mean this one?",
                                             "Did you mean one of these?", 1)))
    assert lines[-1] == "• The University of Tokyo"
    if language.code == "en":
        assert lines[-2] == "Did you mean this one?"


FAILED_GOOD_CHARACTER = t("With a criminal or adverse immigration record, an application would "
                          "be refused; no other answer changes that.")


@pytest.mark.parametrize(("code", "expected"), [
    ("fr", "Bonne moralité\u00a0: avec un casier judiciaire"),
    ("es", "Buena conducta: con antecedentes penales"),
    ("en", "Good character: With a criminal or adverse immigration record"),
    ("id", "Berkelakuan baik: Dengan catatan kriminal"),
])
def test_a_sentence_after_a_colon_starts_as_the_language_writes_it(code: str,
                                                                    expected: str) -> None:
    tr = Translator.for_code(code)
    joined = tr(t("{label}: {how}", label=t("Good character"),
                  how=AfterColon(FAILED_GOOD_CHARACTER)))
    assert joined.startswith(expected)


@pytest.mark.parametrize("code", ["fr", "es"])
def test_after_a_colon_names_and_filled_in_values_keep_their_capital(code: str) -> None:
    tr = Translator.for_code(code)
    for opening in (t("Top Talent Pass Scheme, category A (high income)"),
                    t("Hong Kong Talent Engage, admission scheme matching tool"),
                    t("{title} (in {language})", title="Imperial College London",
                      language=LanguageName("en"))):
        assert tr(AfterColon(opening)) == tr(opening)
    assert tr(AfterColon("Imperial College London")) == "Imperial College London"


def test_a_criterion_suggestion_reads_lower_case_after_its_colon() -> None:
    change = t("An income of {limit} or more in the year before you apply would meet it (salary, "
               "allowances, stock options and profits of your own business count; investment "
               "income does not: provisional interpretation).",
               limit=Money(Decimal(1_000_000), "HKD"))
    said = Suggestion(ChangeKind.EFFORT, (10,), change).said
    assert Translator.for_code("fr")(said).startswith("Critère 10\u00a0: un revenu d'au moins")
    assert Translator.for_code("es")(said).startswith("Criterio 10: unos ingresos de")
    assert Translator.for_code("en")(said).startswith("Criterion 10: An income of HK$")
