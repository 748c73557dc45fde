"""Right-to-left display: Unicode bidi controls so Latin runs and commands read right in Arabic.

Telegram lays out each line as its own bidi paragraph. Without help, "/back" in an Arabic sentence
shows as "back/", a help line that starts with "/review" runs left to right, and "HK$" drifts to
the wrong side of its amount. Isolates (UAX #9) fix each case without changing visible text.
"""

from __future__ import annotations

import re

RLM = "\u200f"   # right-to-left mark: a strong RTL character that sets a line's direction
LRI = "\u2066"   # left-to-right isolate …
FSI = "\u2068"   # first-strong isolate: direction from its own content …
PDI = "\u2069"   # … closed by pop directional isolate
CONTROLS = frozenset((RLM, LRI, FSI, PDI))

# A whole left-to-right value: a /command with its Latin arguments ("/university Imperial College
# London"); a run of Latin words with the numbers and separators inside it ("HKD 1,200,000",
# "MM/YYYY", "U.S.", "ID(E)982"); a number with inner separators ("3+2", "03/1980"). Separators
# count only between characters, so a full stop or comma after the run stays with the Arabic text.
_WORD = r"[A-Za-z0-9&'’\-]*(?:[.,/+()][A-Za-z0-9&'’\-]+)*"
_LATIN_RUN = re.compile(rf"/[a-z]+(?:_[a-z]+)*(?: [A-Za-z0-9]{_WORD})*"
                        rf"|[A-Za-z]{_WORD}(?: [A-Za-z0-9]{_WORD})*"
                        r"|[0-9]+(?:[.,/+:][0-9]+)+")
_URL = re.compile(rf"(?<!{LRI})(?<!href=\")https?://[^\s<>\"{PDI}]+")
_PLACEHOLDER = re.compile(r"(\{[^{}]*\})")


def isolate_latin(template: str) -> str:
    """Wrap /commands and Latin runs of a translated template in LTR isolates, sparing {fields}."""
    parts = _PLACEHOLDER.split(template)
    return "".join(part if _PLACEHOLDER.fullmatch(part)
                   else _LATIN_RUN.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", part)
                   for part in parts)


def isolate(value: str) -> str:
    """An inserted value (a name, a number, an amount) as its own isolate, direction from itself."""
    return f"{FSI}{value}{PDI}" if value else value


def rtl_lines(text: str) -> str:
    """Start every line with a right-to-left mark, so each line is laid out right to left
    whatever its first character (ℹ️ is left to right), and isolate web addresses, whose final
    "/" would otherwise jump to their other end."""
    text = _URL.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)
    return "\n".join(line if line.startswith(RLM) else RLM + line for line in text.split("\n"))


def strip_controls(text: str) -> str:
    """The visible text without bidi controls (for comparisons and plain-text exports)."""
    return "".join(ch for ch in text if ch not in CONTROLS)
