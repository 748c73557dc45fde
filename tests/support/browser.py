"""Render the bot's HTML documents in Debian's headless Chromium: screenshot, PDF, overflow check.

A real browser is the only honest check that a document lays out: fonts, right-to-left text,
wrapping and A4 pagination. `scripts/install-browser` installs Chromium and the Noto fonts.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path

from bot.report.pdf import HEADLESS, find_chromium

FLAGS = (*HEADLESS, "--hide-scrollbars")
TIMEOUT = 120

# Run once the fonts have loaded; each writes its findings into the DOM as JSON, for
# `--dump-dom` to print.
_PROBE = """<script>
document.fonts.ready.then(() => {
  const found = [];
  FIND
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify(found);
  document.body.appendChild(out);
});
</script>"""

# Every element whose content is wider than its box or that sticks out of the page.
_OVERFLOW = """
  const page = document.documentElement.clientWidth;
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect(), style = getComputedStyle(el);
    const clipped = style.overflowX === "hidden" || style.overflowX === "clip";
    if ((el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && !clipped)
        || r.right > page + 1 || r.left < -1) {
      found.push(el.tagName.toLowerCase() + "." + el.className + ": "
                 + (el.textContent || "").trim().slice(0, 60));
    }
  }"""

# Every line that breaks between two Hangul syllables: inside a Korean word.
_HANGUL_BREAKS = """
  const hangul = /[\\uac00-\\ud7a3]/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    let top = null;
    for (let i = 0; i < text.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      const wrapped = top !== null && rect.top > top + 1;
      if (wrapped && hangul.test(text[i]) && hangul.test(text[i - 1])) {
        found.push(text.slice(Math.max(0, i - 8), i + 8));
      }
      top = rect.top;
    }
  }"""


def chromium() -> str:
    """The browser's path; a clear failure (never a skip) when the machine lacks it."""
    found = find_chromium()
    if found is None:
        raise RuntimeError("Chromium is not installed: run scripts/install-browser")
    return found


def _run(*args: str) -> str:
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        done = subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=TIMEOUT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def _written(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote nothing to {path}")


def render_png(html: Path, png: Path, width: int = 1000, height: int = 1400) -> None:
    """A screenshot of the top of the page at this window size."""
    png.unlink(missing_ok=True)
    _run(f"--screenshot={png}", f"--window-size={width},{height}", html.resolve().as_uri())
    _written(png)


def render_pdf(html: Path, pdf: Path) -> int:
    """Print to PDF with the document's own print stylesheet; returns the number of pages."""
    pdf.unlink(missing_ok=True)
    _run(f"--print-to-pdf={pdf}", "--no-pdf-header-footer", html.resolve().as_uri())
    _written(pdf)
    return page_count(pdf)


def page_count(pdf: Path) -> int:
    """Pages of a PDF: the page objects, or the page tree's count when they are compressed."""
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    if pages:
        return pages
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    return max(counts, default=0)


def _probed(html: Path, find: str) -> list[str]:
    """What a probe finds in the page at desktop and phone widths."""
    probe = _PROBE.replace("FIND", find)
    probed = html.read_text("utf-8").replace("</body>", probe + "</body>", 1)
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="probe-") as folder:
        copy = Path(folder) / html.name
        copy.write_text(probed, "utf-8")
        for width in (1000, 390):
            dom = _run("--dump-dom", "--virtual-time-budget=5000", f"--window-size={width},1400",
                       copy.as_uri())
            match = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
            if match is None:
                raise RuntimeError("the probe did not run")
            found = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&")
                               .replace("&lt;", "<").replace("&gt;", ">"))
            problems += [f"at {width}px: {item}" for item in found]
    return problems


def overflowing(html: Path) -> list[str]:
    """Elements wider than their box or the page, at desktop and phone widths; empty when fine."""
    return _probed(html, _OVERFLOW)


def hangul_breaks(html: Path) -> list[str]:
    """Lines broken inside a Korean word, at desktop and phone widths; empty when fine."""
    return _probed(html, _HANGUL_BREAKS)
