"""Campaign links: the Telegram deep link and the web-chat link for one placement.

A link carries the campaign (and optionally a language) in the payload that `/start` reads, so
the same rule builds it here and parses it there; a name that `/start` would read differently
is refused with the reason, never silently changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from bot.chat.answering import CAMPAIGN, parse_payload
from bot.i18n.languages import Language

PAYLOAD_LIMIT = 64                                   # Telegram's limit on a /start payload
USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")  # Telegram's rule for a bot's username


class LinkError(ValueError):
    """A campaign, language or address that would not reach the bot as meant; says why."""


@dataclass(frozen=True)
class CampaignLinks:
    """The links of one placement: Telegram always, the web chat when it is deployed."""

    campaign: str
    language: Language | None
    telegram: str
    web: str | None


def payload(campaign: str, language: Language | None) -> str:
    """The `/start` payload for this campaign, checked by the parser that will read it."""
    if not CAMPAIGN.fullmatch(campaign):
        raise LinkError(f"campaign {campaign!r}: use 1 to 64 lower-case letters, digits, _ or -")
    text = f"{language.code}_{campaign}" if language is not None else campaign
    if len(text) > PAYLOAD_LIMIT:
        raise LinkError(f"campaign {campaign!r}: with the language the link's payload has "
                        f"{len(text)} characters; Telegram allows {PAYLOAD_LIMIT}")
    read_language, read_campaign = parse_payload(text)
    if (read_language, read_campaign) != (language, campaign):
        raise LinkError(f"campaign {campaign!r} would be read as the language "
                        f"{read_language.code if read_language else '?'} and not as a campaign; "
                        "choose another name (or add the language with --lang)")
    return text


def campaign_links(campaign: str, language: Language | None, bot_username: str,
                   web_url: str | None) -> CampaignLinks:
    """Both links for a placement; `web_url` is the web chat's public address, if deployed."""
    if not USERNAME.fullmatch(bot_username.removeprefix("@")):
        raise LinkError(f"bot username {bot_username!r}: 5 to 32 letters, digits or _")
    start = payload(campaign, language)
    telegram = f"https://t.me/{bot_username.removeprefix('@')}?start={start}"
    web = None
    if web_url is not None:
        if not web_url.startswith("https://"):
            raise LinkError(f"web chat address {web_url!r}: must start with https://")
        web = f"{web_url.rstrip('/')}/?{urlencode({'start': start})}"
    return CampaignLinks(campaign, language, telegram, web)
