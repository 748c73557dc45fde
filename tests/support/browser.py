"""Headless Chromium for the tests of the HTML documents the bot produces: PNG, PDF, overflow."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from html import unescape
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")
# Appended to a copy of the page: lists the elements whose content is wider than their box.
PROBE = """<script>
const wide = [];
if (document.documentElement.scrollWidth > window.innerWidth + 1) wide.push("document");
for (const el of document.body.querySelectorAll("*")) {
  if (el instanceof HTMLElement && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
    wide.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + ": "
              + (el.textContent || "").trim().slice(0, 60));
}
const out = document.createElement("pre");
out.id = "overflow-probe"; out.textContent = JSON.stringify(wide);
document.body.appendChild(out);
</script>"""


def _chromium(*args: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def render_png(html: Path, png: Path, width: int = 1000, height: int = 1400) -> None:
    """A screenshot of the page's first `height` pixels at `width`."""
    _chromium(f"--screenshot={png}", f"--window-size={width},{height}", html.resolve().as_uri())
    assert png.stat().st_size > 0


def render_pdf(html: Path, pdf: Path) -> int:
    """Print the page to PDF as a browser would; the number of pages."""
    _chromium(f"--print-to-pdf={pdf}", "--no-pdf-header-footer", html.resolve().as_uri())
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))


def overflowing(html: Path, width: int = 1000) -> list[str]:
    """Elements (tag#id: text) whose content overflows their box at `width` pixels."""
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / html.name
        probe.write_text(html.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"),
                         encoding="utf-8")
        dom = _chromium("--dump-dom", f"--window-size={width},1400", probe.as_uri())
    found = re.search(r'<pre id="overflow-probe">(.*?)</pre>', dom, re.S)
    assert found, "the overflow probe did not run"
    wide: list[str] = json.loads(unescape(found.group(1)))
    return wide
