"""Right-to-left and script details of rendered text: Arabic commands, HK$, US$, casing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bot.common.money import Money
from bot.i18n.bidi import FSI, LRI, PDI, RLM, isolate_latin, rtl_lines, strip_controls
from bot.i18n.languages import LANGUAGES, by_code
from bot.i18n.text import Capitalized, LanguageName, join, t
from bot.i18n.translator import translator_for
from tests.support.chat_client import conversation


def test_commands_and_latin_runs_are_isolated_but_placeholders_are_not() -> None:
    template = "أرسل /review أو /result لبرنامج QMAS وTop Talent Pass Scheme: {what} {n}"
    done = isolate_latin(template)
    assert f"{LRI}/review{PDI}" in done and f"{LRI}/result{PDI}" in done
    assert f"{LRI}QMAS{PDI}" in done and f"{LRI}Top Talent Pass Scheme{PDI}" in done
    assert "{what} {n}" in done
    assert strip_controls(done) == template


def test_every_line_starts_right_to_left() -> None:
    assert rtl_lines("سطر\n/help: مساعدة\nآخر") == f"{RLM}سطر\n{RLM}/help: مساعدة\n{RLM}آخر"
    assert rtl_lines(f"{RLM}سطر\nℹ️ آخر") == f"{RLM}سطر\n{RLM}ℹ️ آخر"   # one mark per line


def test_web_addresses_are_isolated_but_not_inside_a_link_tag() -> None:
    shown = rtl_lines("الصفحة: https://example.org/a/\n<a href=\"https://example.org/\">هنا</a>")
    assert shown == (f"{RLM}الصفحة: {LRI}https://example.org/a/{PDI}\n"
                     f"{RLM}<a href=\"https://example.org/\">هنا</a>")
    assert rtl_lines(shown) == shown


@pytest.mark.parametrize(("template", "value"), [
    ("مثل HKD 1,200,000، أو 0", "HKD 1,200,000"),
    ("بالصيغة MM/YYYY، مثل 03/1980.", "MM/YYYY"),
    ("بالصيغة MM/YYYY، مثل 03/1980.", "03/1980"),
    ("بنمط 3+2 سنوات", "3+2"),
    ("مثلًا: /university Imperial College London", "/university Imperial College London"),
    ("مثلًا: /fees 3", "/fees 3"),
    ("الوثيقة ID(E)982، الجزء", "ID(E)982"),
])
def test_whole_values_are_one_isolate(template: str, value: str) -> None:
    assert f"{LRI}{value}{PDI}" in isolate_latin(template)


def test_commands_in_a_list_stay_apart() -> None:
    assert isolate_latin("/back، /review") == f"{LRI}/back{PDI}، {LRI}/review{PDI}"


def test_arabic_messages_isolate_commands_and_inserted_values() -> None:
    tr = translator_for(by_code("ar"))
    shown = tr(t("Your questionnaire is complete. Send /result to see the result again, "
                 "/review to change an answer, or /restart."))
    assert shown.startswith(RLM)
    for command in ("/result", "/review", "/restart"):
        assert f"{LRI}{command}{PDI}" in shown
    met = tr(t("{met} of 12 criteria met", met=9))
    assert f"{FSI}9{PDI}" in met


@pytest.mark.parametrize(("code", "expected"), [
    ("en", "HK$1,000,000"), ("zh-hant", "HK$1,000,000"), ("ja", "HK$1,000,000"),
    ("ar", f"{LRI}HK$\u00a01,000,000{PDI}"),   # no line break between symbol and amount
])
def test_hk_dollars_keep_the_symbol_in_front(code: str, expected: str) -> None:
    assert translator_for(by_code(code))(Money(Decimal(1_000_000), "HKD")) == expected


@pytest.mark.parametrize("code", ["en", "ja", "zh-hant", "zh-hans", "ko", "hi", "ar"])
def test_us_dollars_are_never_a_bare_dollar_sign(code: str) -> None:
    shown = strip_controls(translator_for(by_code(code))(Money(Decimal(130_000), "USD")))
    assert "US$" in shown or "$US" in shown


@pytest.mark.parametrize(("code", "expected"), [
    ("vi", "Tiếng Trung và tiếng Anh ✓"), ("es", "Chino e inglés ✓"),
    ("fr", "Chinois et anglais ✓"),
])
def test_an_answer_said_back_opens_with_a_capital(code: str, expected: str) -> None:
    answer = Capitalized(join(LanguageName("zh"), LanguageName("en")))
    assert translator_for(by_code(code))(t("{answer} ✓", answer=answer)) == expected


@pytest.mark.parametrize(("code", "day", "expected"), [
    ("vi", date(2024, 11, 1), "1 tháng 11 năm 2024"), ("fr", date(2027, 1, 1), "1er janvier 2027"),
    ("fr", date(2027, 1, 5), "5 janvier 2027"), ("ne", date(2027, 6, 1), "1 जुन 2027"),
    ("en", date(2027, 1, 1), "1 January 2027"),
])
def test_dates_read_as_each_language_writes_them(code: str, day: date, expected: str) -> None:
    assert translator_for(by_code(code))(day) == expected


def test_vietnamese_language_names_are_lower_case_inside_sentences() -> None:
    tr = translator_for(by_code("vi"))
    assert tr(join(LanguageName("en"), LanguageName("hi"))) == "tiếng Anh và tiếng Hindi"


def test_every_language_has_a_short_native_name() -> None:
    names = {lang.code: lang.native for lang in LANGUAGES}
    assert names["zh-hant"] == "繁體中文（香港）" and names["zh-hans"] == "简体中文"
    assert all(names.values()) and len(set(names.values())) == len(names)


async def test_the_language_menu_shows_short_native_names(tmp_path: Path) -> None:
    async with conversation(tmp_path / "db.sqlite3") as chat:
        user = chat.user()
        await user.send("/language")
        labels = user.last.labels
    assert labels[:3] == ["English", "繁體中文（香港）", "简体中文"]
    assert "العربية" in labels and all("(" not in label for label in labels)
