"""The report as a PDF, printed by Debian's headless Chromium from the very same HTML.

Chromium rather than WeasyPrint: it is already the project's browser (the tests render every
document in it), it shapes Arabic, Devanagari and CJK text with the Noto fonts that
`scripts/install-browser` installs, and it honours the report's print stylesheet exactly as a
user's browser would. Telegram on a phone opens a PDF in place; an HTML file it does not.
Without Chromium the bot still sends the HTML report, and says once in the log why no PDF.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

# Headless, sandbox-free (root in a container) and silent on a closed network.
HEADLESS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync")
TIMEOUT = 60.0      # seconds for one report; a hung browser is killed, the HTML still goes


def find_chromium() -> str | None:
    """Debian's Chromium, under either of its names."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


class PdfPrinter:
    """Prints HTML documents to PDF, one at a time (a browser takes ~150 MB while it prints)."""

    def __init__(self, browser: str) -> None:
        self.browser = browser
        self._one_at_a_time = asyncio.Semaphore(1)

    @classmethod
    def find(cls) -> PdfPrinter | None:
        """The printer when Chromium is installed; None (and one log line) when it is not."""
        browser = find_chromium()
        if browser is None:
            log.warning("reports: Chromium is not installed, /report sends HTML only "
                        "(run scripts/install-browser)")
            return None
        return cls(browser)

    async def __call__(self, html: bytes) -> bytes | None:
        """The PDF, or None when the browser failed or took too long (logged, never raised)."""
        async with self._one_at_a_time:
            with tempfile.TemporaryDirectory(prefix="qmas-pdf-") as folder:
                page, pdf = Path(folder) / "report.html", Path(folder) / "report.pdf"
                page.write_bytes(html)
                process = await asyncio.create_subprocess_exec(
                    self.browser, *HEADLESS, "--no-pdf-header-footer",
                    f"--user-data-dir={folder}/profile", f"--print-to-pdf={pdf}", page.as_uri(),
                    stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
                try:
                    code = await asyncio.wait_for(process.wait(), TIMEOUT)
                except TimeoutError:
                    process.kill()
                    await process.wait()
                    log.warning("reports: Chromium took over %.0f s to print a PDF", TIMEOUT)
                    return None
                if code != 0 or not pdf.exists() or pdf.stat().st_size == 0:
                    log.warning("reports: Chromium failed to print a PDF (exit %s)", code)
                    return None
                return pdf.read_bytes()
