"""What Chinese, Japanese and Korean readers see that the catalogs alone cannot get right: marks
before the final stop, full-width brackets in the terminal, Hong Kong's country names, and
Japanese and Korean names of listed universities."""

from __future__ import annotations

import io
import tomllib
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest

from bot.common.markup import Plain
from bot.frontends.terminal import TerminalChat, _typed_hint
from bot.i18n.native_names import native_name
from bot.i18n.stops import split_final_stop
from bot.i18n.text import CountryName
from bot.i18n.translator import Translator
from bot.replies.countries import parse_countries
from bot.report.html_report import render_html
from bot.report.lookup import lookup_text
from bot.report.next_steps_text import checklist_text
from bot.report.text import headline, result_sections
from tests.support.assessing import TODAY
from tests.support.chat_client import conversation
from tests.support.reporting import MADE_AT, assessed

# Criterion 9 of the example applicant is met on a provisional interpretation of
# "international work".
PROVISIONAL = {
    "en": "2 years are needed (provisional).",
    "zh-hant": "要求至少2年（暫定）。",
    "zh-hans": "要求至少2年（暂定）。",
    "ja": "2年以上が必要です（暫定）。",
    "hi": "2 साल चाहिए (अपुष्ट)।",
    "fr": "(provisoire).",
}
STOP_THEN_MARK = ("。（暫定）", "。（暂定）", ". (provisional)", ".(provisional)", "। (अपुष्ट)",
                  ". (provisoire)")


@pytest.mark.parametrize(("sentence", "parts"), [
    ("需要2年。", ("需要2年", "。")), ("2 are needed.", ("2 are needed", ".")),
    ("2 चाहिए।", ("2 चाहिए", "।")), ("هل تملك شركة؟", ("هل تملك شركة", "؟")),
    ("3年です！ ", ("3年です", "！")), ("No stop", ("No stop", "")), ("", ("", ""))])
def test_a_sentence_splits_from_its_final_stop(sentence: str, parts: tuple[str, str]) -> None:
    assert split_final_stop(sentence) == parts


@pytest.mark.parametrize(("lang", "expected"), PROVISIONAL.items())
def test_the_provisional_mark_goes_before_the_final_stop(lang: str, expected: str) -> None:
    """In the chat's result and in the HTML report (which the PDF prints)."""
    a, answers = assessed("meets_threshold")
    tr = Translator.for_code(lang)
    for shown in ("\n".join(result_sections(a, tr, Plain())),
                  render_html(a, answers, tr, MADE_AT)):
        assert expected in shown
        assert not any(wrong in shown for wrong in STOP_THEN_MARK)


@pytest.mark.parametrize(("lang", "mark"), [
    ("zh-hant", "（如獲確認）"), ("ja", "（確認された場合）"), ("en", " (if this is confirmed)")])
def test_an_unconfirmed_checklist_group_is_marked_inside_its_title(lang: str, mark: str) -> None:
    a, answers = assessed("undetermined")
    tr = Translator.for_code(lang)
    lines = "\n".join(checklist_text(a, answers, tr, Plain())).splitlines()
    marked = [line for line in lines if line.endswith(mark)]
    assert marked
    assert not any(line[:-len(mark)].endswith(("。", ".")) for line in marked)


async def test_the_terminal_brackets_typed_options_as_the_language_writes_them(
        tmp_path: Path) -> None:
    lines = ["India", "34", "3", "MIT", "1", "1", "University of Delhi", "English, Hindi", "7"]
    async with conversation(tmp_path / "t.db") as running:
        out = io.StringIO()
        stdin = io.StringIO("".join(f"{line}\n" for line in lines))
        await TerminalChat(running.service, stdin, out, "zh-hant", folder=tmp_path).run()
    shown = out.getvalue()
    assert "（沒有／不確定）" in shown
    assert "(沒有" not in shown and " / " not in shown


@pytest.mark.parametrize(("lang", "shown"), [
    ("en", "(None / Not sure)"), ("ja", "（なし／わからない）"), ("ko", "(없음 / 잘 모르겠음)")])
def test_typed_option_hints_per_language(lang: str, shown: str) -> None:
    tr = Translator.for_code(lang)
    labels = shown.strip("()（）").replace("／", " / ").split(" / ")
    assert _typed_hint(labels, tr) == shown


def test_hong_kong_chinese_names_north_korea_as_immd_does() -> None:
    """朝鮮, as ImmD's Chinese pages and our catalog say; CLDR's 北韓 is Taiwan's usage."""
    assert Translator.for_code("zh-hant")(CountryName("KP")) == "朝鮮"
    assert Translator.for_code("zh-hans")(CountryName("KP")) == "朝鲜"
    assert Translator.for_code("ja")(CountryName("KP")) == "北朝鮮"
    assert parse_countries("朝鮮", "zh_Hant_HK") == ["KP"]
    assert parse_countries("北韓", "zh_Hant_HK") == ["KP"]   # still understood when typed
    a, _ = assessed("nationality_excluded", nationality="KP")
    said = Translator.for_code("zh-hant")(headline(a))
    assert "朝鮮" in said and "北韓" not in said


def test_every_country_name_override_says_where_it_comes_from() -> None:
    text = files("bot.i18n").joinpath("data", "territory-names.toml").read_text("utf-8")
    for locale, entries in tomllib.loads(text).items():
        for code, entry in entries.items():
            assert entry["name"] and entry["source"].startswith("https://"), (locale, code)
            assert isinstance(entry["read"], date)


@pytest.mark.parametrize(("lang", "query", "said"), [
    ("ja", "The University of Tokyo", "東京大学"), ("ja", "東京大学", "The University of Tokyo"),
    ("ja", "Tokyo Tech", "東京工業大学"), ("ja", "Tohoku University", "東北大学"),
    ("ko", "KAIST", "한국과학기술원"), ("ko", "Seoul National University", "서울대학교"),
    ("zh-hant", "The University of Tokyo", "東京大學")])
def test_university_answers_give_the_readers_name(lang: str, query: str, said: str) -> None:
    assert said in lookup_text(query, TODAY, Translator.for_code(lang), Plain())


def test_chinese_readers_keep_chinese_names() -> None:
    assert native_name("The University of Tokyo", "zh-hans") == "东京大学"
    assert native_name("Kyoto University", "zh-hant") == "京都大學"
