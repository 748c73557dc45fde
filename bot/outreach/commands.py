"""`qmas-bot link` and `qmas-bot flyer`: what an outreach team prints or posts for a placement."""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path
from typing import Any

from bot.i18n.languages import LANGUAGES, Language, by_code
from bot.outreach.flyer import render_flyer
from bot.outreach.links import CampaignLinks, LinkError, campaign_links
from bot.outreach.qr import save_qr
from bot.rules.ruleset import ruleset_for


def _language(code: str) -> Language:
    try:
        return by_code(code.lower())
    except KeyError:
        codes = ", ".join(lang.code for lang in LANGUAGES)
        raise LinkError(f"--lang {code}: not one of ours ({codes})") from None


def _links(args: argparse.Namespace, language: Language | None) -> CampaignLinks:
    """The placement's links from the command line and the environment."""
    bot = args.bot or os.environ.get("QMAS_BOT_USERNAME")
    if not bot:
        raise LinkError("the bot's username: give --bot NAME or set QMAS_BOT_USERNAME")
    web = os.environ.get("QMAS_WEB_URL") if args.web else None
    if args.web and not web:
        raise LinkError("--web: set QMAS_WEB_URL to the web chat's public https address")
    return campaign_links(args.campaign, language, bot, web)


def cmd_link(args: argparse.Namespace) -> int:
    """Print the placement's links; write the Telegram link's QR code when asked."""
    links = _links(args, _language(args.lang) if args.lang else None)
    print(links.telegram)
    if links.web is not None:
        print(links.web)
    if args.qr is not None:
        try:
            save_qr(links.telegram, Path(args.qr))
        except (ValueError, OSError) as exc:
            raise LinkError(f"--qr {args.qr}: {exc}") from None
    return 0


def cmd_flyer(args: argparse.Namespace) -> int:
    """Write an A4 flyer, one page per language, each page's link in that page's language."""
    languages = [_language(code) for code in args.lang]
    pages = [(_links(args, language), language) for language in languages]
    html = render_flyer(pages, ruleset_for(date.today()))
    try:
        Path(args.output).write_text(html, encoding="utf-8")
    except OSError as exc:
        raise LinkError(f"{args.output}: cannot write: {exc.strerror}") from None
    return 0


def add_commands(sub: argparse._SubParsersAction[Any]) -> None:
    """Register both commands on the `qmas-bot` parser."""
    for name, handler, help_text in (
            ("link", cmd_link, "a campaign's Telegram (and web chat) link, and its QR code"),
            ("flyer", cmd_flyer, "a printable A4 flyer for a campaign, a page per language")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--campaign", required=True, help="the placement's name, e.g. hku-fair")
        p.add_argument("--bot", help="the bot's username (default: $QMAS_BOT_USERNAME)")
        p.add_argument("--web", action="store_true",
                       help="add the web chat's link ($QMAS_WEB_URL)")
        if name == "link":
            p.add_argument("--lang", help="open the chat in this language, e.g. zh-hant")
            p.add_argument("--qr", metavar="FILE", help="write the QR code (.svg or .png)")
        else:
            p.add_argument("--lang", action="append", required=True,
                           help="a page in this language (repeat for more)")
            p.add_argument("--output", "-o", required=True, help="the HTML file to write")
        p.set_defaults(handler=handler)
