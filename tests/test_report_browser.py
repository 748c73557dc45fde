"""The report in a real browser (headless Chromium): it renders in English, Traditional Chinese
and Arabic, to a screenshot and to A4 PDF pages, and no text overflows its box."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.i18n.translator import Translator
from bot.report.html_report import render_html
from tests.support.browser import hangul_breaks, overflowing, render_pdf, render_png
from tests.support.reporting import MADE_AT, assessed

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def write_report(folder: Path, lang: str, outcome: str = "meets_threshold") -> Path:
    a, answers = assessed(outcome)
    path = folder / f"report-{lang}.html"
    path.write_text(render_html(a, answers, Translator.for_code(lang), MADE_AT), "utf-8")
    return path


@pytest.mark.parametrize("lang", ["en", "zh-hant", "ar"])
def test_the_report_renders_cleanly(tmp_path: Path, lang: str) -> None:
    html = write_report(tmp_path, lang)
    png, pdf = tmp_path / f"{lang}.png", tmp_path / f"{lang}.pdf"
    render_png(html, png)
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    assert png.stat().st_size > 20_000, "a near-empty screenshot: nothing was drawn"
    pages = render_pdf(html, pdf)
    # The whole result, next steps and checklist: several A4 pages, never dozens.
    assert 3 <= pages <= 8, pages
    assert overflowing(html) == []


def test_the_longest_outcome_also_fits(tmp_path: Path) -> None:
    html = write_report(tmp_path, "ar", outcome="undetermined")
    assert overflowing(html) == []
    assert 3 <= render_pdf(html, tmp_path / "undetermined.pdf") <= 8


def test_korean_lines_break_between_words(tmp_path: Path) -> None:
    """Korean spaces its words: a line never ends inside one ("기준 / 을")."""
    assert hangul_breaks(write_report(tmp_path, "ko", outcome="below_threshold")) == []


def test_the_hangul_check_catches_a_broken_word(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="ko"><body><p style="width:60px">'
                    "이 기준을 충족하며 신청할 수 있습니다</p></body></html>", "utf-8")
    assert hangul_breaks(page)


def test_the_overflow_check_catches_overflowing_text(tmp_path: Path) -> None:
    """The check itself works: an unbreakable line in a narrow box is reported."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html><body><p style="width:120px;white-space:nowrap">'
                    "https://www.immd.gov.hk/eng/services/visas/quality_migrant_admission_scheme"
                    "</p></body></html>", "utf-8")
    found = overflowing(page)
    assert found and all("quality_migrant" in item for item in found), found
