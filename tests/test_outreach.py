"""Outreach kit: campaign links that `/start` reads back as meant, QR codes that decode to them,
and an A4 flyer per language printed by Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from bot.chat.answering import parse_payload
from bot.cli import main
from bot.i18n.languages import LANGUAGES, by_code
from bot.outreach.links import LinkError, campaign_links, payload
from tests.support.browser import render_pdf, render_png

BOT = "QmasCheckBot"


def decoded(png: Path) -> list[str]:
    """Every QR code's text in a picture, top to bottom."""
    return [code.text for code in zxingcpp.read_barcodes(Image.open(png))]


@pytest.mark.parametrize(("campaign", "code", "expected"), [
    ("hku-fair", None, "hku-fair"),
    ("hku-fair", "zh-hant", "zh-hant_hku-fair"),
    ("de_berlin2026", None, "de_berlin2026"),       # "de" is not one of our languages
    ("ar", "en", "en_ar"),                          # with a language first, "ar" is a campaign
])
def test_payload_is_read_back_as_meant(campaign: str, code: str | None, expected: str) -> None:
    language = by_code(code) if code else None
    assert payload(campaign, language) == expected
    assert parse_payload(expected) == (language, campaign)


@pytest.mark.parametrize(("campaign", "code", "reason"), [
    ("ar", None, "read as the language ar"),
    ("zh-hant_fair", None, "read as the language zh-hant"),
    ("HKU-Fair", None, "lower-case"),
    ("fair 2026", None, "lower-case"),
    ("", None, "lower-case"),
    ("x" * 65, None, "lower-case"),
    ("x" * 60, "zh-hant", "Telegram allows 64"),
])
def test_a_campaign_read_otherwise_is_refused_with_the_reason(
        campaign: str, code: str | None, reason: str) -> None:
    with pytest.raises(LinkError, match=reason):
        payload(campaign, by_code(code) if code else None)


@given(st.from_regex(r"[a-z0-9_-]{1,50}", fullmatch=True),
       st.sampled_from([None, *LANGUAGES]))
def test_every_accepted_payload_parses_back(campaign: str, language: object) -> None:
    try:
        text = payload(campaign, language)  # type: ignore[arg-type]
    except LinkError:
        return
    assert parse_payload(text) == (language, campaign)


def test_links_for_both_channels() -> None:
    links = campaign_links("hku-fair", by_code("ar"), "@" + BOT, "https://qmas.example.org/")
    assert links.telegram == f"https://t.me/{BOT}?start=ar_hku-fair"
    assert links.web == "https://qmas.example.org/?start=ar_hku-fair"
    with pytest.raises(LinkError, match="https://"):
        campaign_links("hku-fair", None, BOT, "http://qmas.example.org")
    with pytest.raises(LinkError, match="username"):
        campaign_links("hku-fair", None, "qm", None)


def test_link_command_prints_links_and_writes_qr_codes_that_decode(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QMAS_WEB_URL", "https://qmas.example.org")
    png, svg = tmp_path / "code.png", tmp_path / "code.svg"
    assert main(["link", "--campaign", "hku-fair", "--lang", "zh-hant", "--bot", BOT, "--web",
                 "--qr", str(png)]) == 0
    link = f"https://t.me/{BOT}?start=zh-hant_hku-fair"
    assert capsys.readouterr().out.splitlines() == [
        link, "https://qmas.example.org/?start=zh-hant_hku-fair"]
    assert decoded(png) == [link]
    assert main(["link", "--campaign", "hku-fair", "--bot", BOT, "--qr", str(svg)]) == 0
    assert svg.read_text().lstrip().startswith(("<?xml", "<svg"))


@pytest.mark.parametrize(("argv", "message"), [
    (["link", "--campaign", "ar", "--bot", BOT], "read as the language ar"),
    (["link", "--campaign", "fair", "--bot", BOT, "--lang", "de"], "--lang de: not one of ours"),
    (["link", "--campaign", "fair"], "QMAS_BOT_USERNAME"),
    (["link", "--campaign", "fair", "--bot", BOT, "--web"], "QMAS_WEB_URL"),
    (["link", "--campaign", "fair", "--bot", BOT, "--qr", "code.gif"], ".svg or .png"),
])
def test_link_command_refuses_clearly(argv: list[str], message: str,
                                      capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QMAS_BOT_USERNAME", raising=False)
    monkeypatch.delenv("QMAS_WEB_URL", raising=False)
    assert main(argv) == 2
    assert message in capsys.readouterr().err


@pytest.mark.slow
def test_flyer_in_three_languages_prints_and_its_codes_decode(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QMAS_WEB_URL", "https://qmas.example.org")
    flyer = tmp_path / "flyer.html"
    assert main(["flyer", "--campaign", "hku-fair", "--lang", "en", "--lang", "zh-hant",
                 "--lang", "ar", "--bot", BOT, "--web", "-o", str(flyer)]) == 0
    html = flyer.read_text("utf-8")
    assert "Could you move to Hong Kong on a talent scheme?" in html
    assert "您能透過人才計劃移居香港嗎？" in html
    assert 'lang="ar" dir="rtl"' in html and "هونغ كونغ" in html
    assert "http://" not in html.replace("http://www.w3.org", "")   # nothing fetched
    assert render_pdf(flyer, tmp_path / "flyer.pdf") == 3       # one A4 page per language
    png = tmp_path / "flyer.png"
    render_png(flyer, png, width=900, height=3 * 1350)
    assert decoded(png) == [f"https://t.me/{BOT}?start={code}_hku-fair"
                            for code in ("en", "zh-hant", "ar")]
