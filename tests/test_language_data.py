"""How each language writes lists, currency symbols, institution names and its own button labels:
per-language data, checked through the real catalogs and Babel."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.engine.engine import Engine
from bot.engine.state import State
from bot.engine.turns import Typed
from bot.i18n.languages import LANGUAGES, Language
from bot.i18n.text import InstitutionName, join, t
from bot.i18n.translator import Translator
from bot.replies import parse_tri
from bot.rules.currency import Money
from bot.rules.native_names import own_names
from bot.rules.universities import match_university
from bot.scoring.answers import Tri
from conversations.qmas import QMAS

NE = Translator.for_code("ne")


def test_nepali_lists_have_a_space_after_each_comma() -> None:
    assert NE(join("HK$ 3,800", "3 जना", "5 वर्ष")) == "HK$ 3,800, 3 जना र 5 वर्ष"
    assert NE(join("क", "ख", "ग", "घ")) == "क, ख, ग र घ"
    assert NE(join("क", "ख")) == "क र ख"
    assert NE(join("क")) == "क"


def test_languages_without_a_list_override_keep_cldrs_pattern() -> None:
    assert Translator.for_code("en")(join("a", "b", "c")) == "a, b, and c"
    assert Translator.for_code("zh-hans")(join("a", "b", "c", style="or")) == "a、b或c"


def test_nepali_rupees_read_as_nepali_readers_write_them() -> None:
    assert NE(Money(Decimal(2_500_000), "NPR")) == "रु.\xa025,00,000"
    assert NE(Money(Decimal("1500.50"), "NPR")) == "रु.\xa01,500.50"
    assert NE(Money(Decimal(3_800), "HKD")) == "HK$\xa03,800"


def test_other_symbols_are_unchanged() -> None:
    en = Translator.for_code("en")
    assert en(Money(Decimal(1_000), "USD")) == "US$1,000"
    assert en(Money(Decimal(1_000), "NPR")) == "NPR1,000"


@pytest.mark.parametrize("official", ["Imperial College London", "University of Melbourne",
                                      "Massachusetts Institute of Technology (MIT)"])
def test_nepali_readers_see_the_official_name_not_the_hindi_one(official: str) -> None:
    assert match_university(official).institution is not None
    assert NE(InstitutionName(official)) == official


def test_hindi_readers_keep_their_names() -> None:
    assert Translator.for_code("hi")(InstitutionName("Imperial College London")) \
        == "इंपीरियल कॉलेज लंदन"


def test_own_names_are_official_names_and_typed_aliases() -> None:
    """A name listed for a language is one typing finds, of the institution it is listed for."""
    for names in own_names().values():
        for official, name in names.items():
            assert NE(InstitutionName(official)) == name
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
    after = engine.apply(state, Typed(label), tr, date(2026, 11, 24)).state
    assert asked.id in after.not_sure


@pytest.mark.parametrize("typed", ["잘 모름", "잘 모르겠어요", "모름"])
def test_korean_not_sure_labels_old_and_new(typed: str) -> None:
    assert parse_tri(typed, "ko") is Tri.UNSURE
