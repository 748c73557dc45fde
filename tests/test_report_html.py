"""The HTML report's content and structure: every section and criterion, language, direction,
nothing fetched from outside, no user id; and `qmas-bot assess --format html` writes the same."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bot.cli import main
from bot.i18n.bidi import strip_controls
from bot.i18n.text import Text, t
from bot.i18n.translator import Translator
from bot.report.explanation import explanation
from bot.report.html_report import render_html, report_document
from bot.scoring.answers import parse_answers
from bot.scoring.assess import assess
from bot.scoring.criteria import CRITERIA
from tests.support.assessing import TODAY
from tests.support.reporting import MADE_AT, VARIANTS, assessed, example_answers


class Page(HTMLParser):
    """The parts of a document the tests look at: tags with attributes, ids and visible text."""

    def __init__(self, document: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(document)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    @property
    def ids(self) -> set[str | None]:
        return {attrs.get("id") for _, attrs in self.tags}

    @property
    def visible(self) -> str:
        return " ".join(self.text)


def report(outcome: str = "meets_threshold", lang: str = "en") -> str:
    a, answers = assessed(outcome)
    return render_html(a, answers, Translator.for_code(lang), MADE_AT)


@pytest.mark.parametrize(("lang", "html_lang", "direction"), [
    ("en", "en", "ltr"), ("zh-hant", "zh-Hant-HK", "ltr"), ("ar", "ar", "rtl"),
    ("zh-hans", "zh-Hans-CN", "ltr"), ("hi", "hi", "ltr")])
def test_language_and_direction_are_declared(lang: str, html_lang: str, direction: str) -> None:
    page = Page(report(lang=lang))
    assert page.find("html") == [{"lang": html_lang, "dir": direction}]
    assert page.find("meta")[0] == {"charset": "utf-8"}


@pytest.mark.parametrize("outcome", VARIANTS)
def test_every_section_and_every_criterion_is_there(outcome: str) -> None:
    a, answers = assessed(outcome)
    document = render_html(a, answers, Translator.for_code("en"), MADE_AT)
    page = Page(document)
    text = page.visible
    assert {cid for _, cid, _ in CRITERIA} <= page.ids
    assert {"nationality", "age", "financial_support", "good_character", "basic_education",
            "achievement_test", "ttps-a", "ttps-b", "ttps-c"} <= page.ids
    for check in a.criteria:
        assert f"{check.number}" in text
        assert explanation(check.finding, Translator.for_code("en")) in text   # marked or not
    sections = [attrs["id"] for attrs in page.find("section")]
    expected = ["summary", "prerequisites", "criteria", "what-if", "other-routes", "next-steps",
                "prepare", "about"]
    if outcome in ("prerequisite_not_met", "nationality_excluded"):
        expected.remove("prepare")
    assert sections == expected
    assert re.findall(r"<h2>(.*?)</h2>", document)[4:6] == (
        ["Next steps", "What to prepare"] if "prepare" in expected else
        ["Next steps", "About this result"])
    assert "This is a pre-screening, not legal advice" in text


@pytest.mark.parametrize("lang", ["zh-hant", "ar", "hi"])
def test_no_english_is_left_in_a_translated_report(lang: str) -> None:
    text = Page(report("undetermined", lang)).visible
    for english in ("Next steps", "What to prepare", "What would change", "Made on",
                    "Typical evidence", "Every applicant", "Met", "Not settled", "criteria"):
        assert english not in text, english


@pytest.mark.parametrize("lang", ["zh-hant", "ja", "hi", "ar"])
def test_link_titles_and_marks_are_in_the_readers_language(lang: str) -> None:
    """The checklist and fee links, "(if this is confirmed)" and "(provisional)" are translated;
    a full-width colon is not followed by a space."""
    document = report("undetermined", lang)
    text = Page(document).visible
    for english in ("Guidance Notes ID(E)982", "New Fee Structure", "(revision",
                    "if this is confirmed", "(provisional)"):
        assert english not in text, english
    assert "：</b> " not in document
    english = Page(report("undetermined", "en")).visible
    assert "(if this is confirmed)" in english and "(provisional)" in english


def test_what_would_change_each_unmet_criterion_is_said() -> None:
    a, _ = assessed("below_threshold")
    text = Page(report("below_threshold")).visible
    tr = Translator.for_code("en")
    unmet = [c for c in a.criteria if c.status != "met" and c.finding.how_to_meet is not None]
    assert unmet
    for check in unmet:
        assert check.finding.how_to_meet is not None
        how = tr(check.finding.how_to_meet)
        assert how[:1].lower() + how[1:] in text   # after "What would change it:"


def test_it_says_when_it_was_made_and_under_which_rules() -> None:
    text = Page(report()).visible
    assert "Made on 29 November 2026 at 20:05 UTC, under the rules in force since " \
           "1 November 2024." in text
    assert "as read on 20 January 2026" in text
    assert "https://www.immd.gov.hk/pdf/aggregate_list.pdf" in text


def test_nothing_is_fetched_from_outside() -> None:
    document = report()
    page = Page(document)
    for tag in ("script", "img", "link", "iframe", "object", "embed", "video", "audio", "source"):
        assert page.find(tag) == [], tag
    assert not any("src" in attrs for _, attrs in page.tags)
    assert "@import" not in document and "url(" not in document
    assert all(attrs.get("href", "").startswith("https://") for attrs in page.find("a"))  # type: ignore[union-attr]
    assert re.search(r"@page\s*\{\s*size:\s*A4", document)
    assert "@media print" in document


@pytest.mark.parametrize(("lang", "section"), [("en", "eng"), ("zh-hant", "hkt"),
                                                 ("zh-hans", "hks")])
def test_other_routes_link_their_page_in_the_readers_script(lang: str, section: str) -> None:
    a, answers = assessed("below_threshold")
    tr = Translator.for_code(lang)
    page = Page(render_html(a, answers, tr, MADE_AT))
    gep = next(r for r in a.other_routes if r.id == "gep")
    assert tr(gep.text) in page.visible and tr(Text(gep.source.title)) in page.visible
    assert {"href": f"https://www.immd.gov.hk/{section}/services/visas/GEP.html"} in page.find("a")


def test_user_text_is_escaped() -> None:
    answers = parse_answers(example_answers(postgraduate_university="<script>x</script> U"),
                            TODAY)
    a = assess(answers, TODAY)
    document = render_html(a, answers, Translator.for_code("en"), MADE_AT)
    assert "<script>" not in document and "&lt;script&gt;" in document


def test_the_document_for_the_chat_is_named_and_encoded() -> None:
    a, answers = assessed("meets_threshold")
    document = report_document(a, answers, Translator.for_code("ar"), MADE_AT)
    assert document.filename == "qmas-report-2026-11-29-ar.html"
    assert document.content.decode("utf-8").startswith("<!DOCTYPE html>")
    assert strip_controls(document.caption).startswith("تقرير")


def test_the_command_line_writes_the_same_report(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(example_answers()), "utf-8")
    assert main(["assess", "--date", "2026-11-24", "--lang", "zh-hant", "--format", "html",
                 str(answers_file)]) == 0
    out = capsys.readouterr().out
    a, answers = assessed("meets_threshold")
    expected = render_html(a, answers, Translator.for_code("zh-hant"), MADE_AT)
    made = re.compile(r'<p class="meta">.*?</p>')
    assert made.sub("", out) == made.sub("", expected)
    assert '<html lang="zh-Hant-HK" dir="ltr">' in out and "優秀人才入境計劃初步評估報告" in out


@pytest.mark.parametrize("code", ["en", "zh-hant", "ja", "ko", "vi", "id", "hi", "ne", "es", "fr",
                                  "ar", "zh-hans"])
def test_a_prerequisite_left_unsure_says_why_without_repeating_its_badge(code: str) -> None:
    """The badge already says "Not settled"; the reason says what the user answered."""
    a, _ = assessed("undetermined", financial_support="unsure", good_character="unsure")
    tr = Translator.for_code(code)
    badge = strip_controls(tr(t("Not settled")))
    for check in a.prerequisites:
        if check.id in ("financial_support", "good_character"):
            why = strip_controls(explanation(check.finding, tr))
            assert not why.startswith(badge), why
            assert strip_controls(tr(t("Not sure"))) in why, why
