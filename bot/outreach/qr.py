"""QR codes for campaign links, made by segno (a maintained, dependency-free encoder)."""

from __future__ import annotations

from pathlib import Path

import segno

# Level M survives a scuffed or partly covered print (15 % of the code) at a modest size.
ERROR_LEVEL = "m"


def qr_svg(link: str, scale: int = 8) -> str:
    """The code as an inline `<svg>` element for an HTML page (dark modules on a white square)."""
    code = segno.make(link, error=ERROR_LEVEL, micro=False)
    return code.svg_inline(scale=scale, dark="#000", light="#fff", border=4, omitsize=True)


def save_qr(link: str, path: Path, scale: int = 10) -> None:
    """Write the code to `path`; the suffix chooses the format (`.svg` or `.png`)."""
    if path.suffix.lower() not in (".svg", ".png"):
        raise ValueError(f"{path}: the QR code is written as .svg or .png")
    segno.make(link, error=ERROR_LEVEL, micro=False).save(str(path), scale=scale, border=4)
