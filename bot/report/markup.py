"""Tiny markup adapters so one text renderer serves Telegram (HTML) and the terminal (plain)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Protocol

from bot.i18n.text import t

if TYPE_CHECKING:
    from bot.i18n.translator import Translator


class Markup(Protocol):
    def escape(self, text: str) -> str: ...
    def bold(self, text: str) -> str: ...
    def link(self, text: str, url: str, tr: Translator) -> str: ...
    def code(self, text: str) -> str: ...


class Plain:
    """Terminal and CLI output."""

    def escape(self, text: str) -> str:
        return text

    def bold(self, text: str) -> str:
        return text

    def link(self, text: str, url: str, tr: Translator) -> str:
        """The title, then the address, punctuated as the reader's language writes it."""
        return tr(t("{title}: {url}", title=text, url=url)) if url else text

    def code(self, text: str) -> str:
        return text


class Html:
    """Telegram's HTML parse mode: everything user-derived is escaped."""

    def escape(self, text: str) -> str:
        return html.escape(text, quote=False)

    def bold(self, text: str) -> str:
        return f"<b>{self.escape(text)}</b>"

    def link(self, text: str, url: str, tr: Translator) -> str:
        if not url:
            return self.escape(text)
        return f'<a href="{html.escape(url)}">{self.escape(text)}</a>'

    def code(self, text: str) -> str:
        return f"<pre>{self.escape(text)}</pre>"
