"""Tiny markup adapters so one text renderer serves Telegram (HTML) and the terminal (plain)."""

from __future__ import annotations

import html
from typing import Protocol


class Markup(Protocol):
    def escape(self, text: str) -> str: ...
    def bold(self, text: str) -> str: ...
    def link(self, text: str, url: str) -> str: ...
    def code(self, text: str) -> str: ...


class Plain:
    """Terminal and CLI output."""

    def escape(self, text: str) -> str:
        return text

    def bold(self, text: str) -> str:
        return text

    def link(self, text: str, url: str) -> str:
        """The title, then the address on a line of its own: no colon of ours after a title in
        any language, and an address that never wraps into the title's line."""
        return f"{text}\n{url}" if url else text

    def code(self, text: str) -> str:
        return text


class Html:
    """Telegram's HTML parse mode: everything user-derived is escaped."""

    def escape(self, text: str) -> str:
        return html.escape(text, quote=False)

    def bold(self, text: str) -> str:
        return f"<b>{self.escape(text)}</b>"

    def link(self, text: str, url: str) -> str:
        if not url:
            return self.escape(text)
        return f'<a href="{html.escape(url)}">{self.escape(text)}</a>'

    def code(self, text: str) -> str:
        return f"<pre>{self.escape(text)}</pre>"
