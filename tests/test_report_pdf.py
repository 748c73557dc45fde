"""/report as a PDF printed by Chromium from the same HTML: every criterion's title is in the
PDF's text, in English, Traditional Chinese and Arabic, and the first page renders."""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from bot.report.pdf import PdfPrinter
from tests.support.chat_client import conversation
from tests.test_conversation import MEETS

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only

TODAY = date(2026, 11, 24)


def criterion_titles(page: str) -> list[str]:
    """The 12 criteria's titles as the HTML report shows them."""
    section = re.search(r'<section id="criteria">(.*?)</section>', page, re.S)
    assert section is not None
    return [html.unescape(title) for title in
            re.findall(r'<p class="head">.*?<b>(.*?)</b>', section.group(1))]


def pdf_text(data: bytes) -> str:
    """Every page's text, as pdfium reads it back through the fonts' Unicode maps."""
    document = pdfium.PdfDocument(data)
    return "".join(page.get_textpage().get_text_bounded() for page in document)


def comparable(text: str) -> str:
    """Letters only, compatibility-folded: line breaks, hyphenation and Arabic presentation
    forms (which the PDF keeps for shaped glyphs) do not count."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalnum())


def in_pdf(title: str, text: str, rtl: bool) -> bool:
    """Whether the title is in the PDF's text. A right-to-left PDF keeps its glyph runs in
    visual order, some reversed, and a final letter with its mark (ةً) may be a run of its own:
    there every word of three letters or more must be found forward or reversed, whole or
    but its last letter."""
    if not rtl:
        return comparable(title) in text
    words = [comparable(word) for word in title.split()]
    return all(any(form in text for form in (w, w[::-1], w[:-1], w[:-1][::-1]))
               for w in words if len(w) >= 3)


@pytest.mark.parametrize("lang", ["en", "zh-hant", "ar"])
async def test_report_pdf_holds_every_criterion_title(tmp_path: Path, lang: str) -> None:
    printer = PdfPrinter.find()
    assert printer is not None, "Chromium is not installed: run scripts/install-browser"
    async with conversation(tmp_path / "db", today=TODAY, pdf=printer) as chat:
        user = chat.user(tag=lang)
        await user.send("/start")
        for reply in MEETS:
            await user.send(reply)
        response = await user.send("/report")
    pdf, page = response.documents
    assert pdf.filename.endswith(f"-{lang}.pdf") and pdf.data.startswith(b"%PDF")
    assert page.filename.endswith(f"-{lang}.html") and pdf.caption != page.caption
    titles = criterion_titles(page.data.decode("utf-8"))
    assert len(titles) == 12
    text = comparable(pdf_text(pdf.data))
    missing = [title for title in titles if not in_pdf(title, text, rtl=lang == "ar")]
    assert not missing
    first = pdfium.PdfDocument(pdf.data)[0].render(scale=1).to_pil()
    first.save(tmp_path / f"report-{lang}-page1.png")
    assert first.size[0] > 500 and first.getextrema() != ((255, 255),) * 3


async def test_report_without_a_printer_is_html_only(tmp_path: Path) -> None:
    async with conversation(tmp_path / "db", today=TODAY) as chat:
        user = chat.user()
        await user.send("/start")
        for reply in MEETS:
            await user.send(reply)
        response = await user.send("/report")
    assert [d.filename[-5:] for d in response.documents] == [".html"]
    assert "browser" in response.documents[0].caption
