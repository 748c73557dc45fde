"""A printable A4 flyer per language: one sentence, the QR code, the link, the privacy promise.

Self-contained HTML (inline CSS and SVG, no font or image fetched) in the report's style, one
page per language, each page in its own script direction; Chromium prints it to PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.i18n.languages import Language
from bot.i18n.text import t
from bot.i18n.translator import translator_for
from bot.outreach.links import CampaignLinks
from bot.outreach.qr import qr_svg
from bot.report.sources import source_title
from bot.report.style import CSS
from bot.rules.ruleset import RuleSet

HEADING = t("Could you move to Hong Kong on a talent scheme?")
PITCH = t("This free assistant checks, question by question, whether you could apply to Hong "
          "Kong's Quality Migrant Admission Scheme (QMAS): under the General Points Test you need "
          "to meet at least 6 of the 12 criteria. It takes 13 to 25 answers, in your language.")
SCAN = t("Scan the code with your phone's camera, or open this link in Telegram:")
WEB = t("No Telegram? The same assistant in your browser:")
PRIVACY = t("Your privacy: no name, username or phone number is stored, and /delete erases "
            "your answers at any time.")
DISCLAIMER = t("A pre-screening, not legal advice: the Immigration Department decides.")

FLYER_CSS = """
@page { size: A4; margin: 14mm; }
.flyer { max-width: 40rem; margin: 0 auto; padding: 1rem 0; text-align: center;
  break-after: page; }
.flyer:last-child { break-after: auto; }
.flyer h1 { font-size: 2rem; margin: 1rem 0; }
.flyer .pitch { font-size: 1.2rem; margin: 0 0 1.5rem; }
.flyer svg { width: 70mm; height: 70mm; display: block; margin: .5rem auto; }
.flyer .link { font-size: 1.1rem; font-weight: 700; direction: ltr; unicode-bidi: isolate; }
.flyer .privacy { margin-top: 1.5rem; }
.flyer .small { color: var(--mute); font-size: .85rem; margin-top: 1rem; }
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _page(links: CampaignLinks, language: Language, rules: RuleSet) -> str:
    tr = translator_for(language)
    source = next(s for s in rules.sources if s.url)
    web = ""
    if links.web is not None:
        web = (f'<p>{_e(tr(WEB))}</p><p class="link"><a href="{_e(links.web)}">'
               f"{_e(links.web)}</a></p>")
    rules_line = tr(t("Rules in force since {effective}; source: {source}",
                      effective=rules.effective, source=source_title(source, tr)))
    direction = "rtl" if language.rtl else "ltr"
    lang = language.locale.replace("_", "-")
    return (f'<section class="flyer" lang="{lang}" dir="{direction}">'
            f"<h1>{_e(tr(HEADING))}</h1><p class=\"pitch\">{_e(tr(PITCH))}</p>"
            f"<p>{_e(tr(SCAN))}</p>{qr_svg(links.telegram)}"
            f'<p class="link"><a href="{_e(links.telegram)}">{_e(links.telegram)}</a></p>{web}'
            f'<p class="privacy">{_e(tr(PRIVACY))}</p>'
            f'<p class="small">{_e(tr(DISCLAIMER))}<br>{_e(rules_line)}<br>'
            f'<bdi>{_e(source.url_for(language.code))}</bdi></p></section>')


def render_flyer(pages: Sequence[tuple[CampaignLinks, Language]], rules: RuleSet) -> str:
    """One HTML document, one A4 page per (links, language) pair, in the order given."""
    if not pages:
        raise ValueError("a flyer needs at least one language")
    body = "".join(_page(links, language, rules) for links, language in pages)
    first = pages[0][1]
    return (f'<!DOCTYPE html>\n<html lang="{first.locale.replace("_", "-")}"><head>'
            '<meta charset="utf-8"><meta name="viewport" content="width=device-width, '
            f'initial-scale=1"><title>QMAS</title><style>{CSS}{FLYER_CSS}</style></head>'
            f"<body>{body}</body></html>\n")
