"""Replies that cannot be the name of an institution: a degree ("MSc", "석사"), a yes, no or
"not sure", or no letters at all ("34")."""

from __future__ import annotations

from bot.replies.words import parse_synonym
from bot.replies.yesno import parse_tri


def not_a_name(text: str, locale: str = "en") -> bool:
    """Whether `text` is plainly something other than a name, in any of our languages."""
    return (not any(c.isalpha() for c in text) or parse_synonym(text, "degrees") is not None
            or parse_tri(text, locale) is not None)
