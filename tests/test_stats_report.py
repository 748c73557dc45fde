"""The HTML statistics report: the same numbers as the text statistics, private, self-contained."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bot.cli import main
from bot.report.stats_html import campaign_name, language_name, report_filename, stats_report_html
from bot.storage.stats import Period, statistics
from bot.storage.store import Store
from conversations.qmas import QMAS
from tests.support.bot_harness import running_bot
from tests.support.browser import overflowing, render_pdf, render_png
from tests.support.chatting import answer
from tests.support.seeding import MEETS, seed


class Tables(HTMLParser):
    """Every table by caption (rows of cell texts), the summary cards (term -> value) and the
    texts in the charts but their axis ticks."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.cards: dict[str, str] = {}
        self.svg_texts: list[str] = []
        self._text: list[str] | None = None
        self._caption = ""
        self._term = ""
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("caption", "td", "th", "dt", "dd") or (
                tag == "text" and "tick" not in (dict(attrs).get("class") or "")):
            self._text = []
        elif tag == "tr":
            self.tables[self._caption].append([])

    def handle_endtag(self, tag: str) -> None:
        if self._text is None or tag not in ("caption", "td", "th", "dt", "dd", "text"):
            return
        text, self._text = "".join(self._text).strip(), None
        if tag == "caption":
            self._caption = text
            self.tables[text] = []
        elif tag in ("td", "th"):
            self.tables[self._caption][-1].append(text)
        elif tag == "dt":
            self._term = text
        elif tag == "dd":
            self.cards[self._term] = text
        else:
            self.svg_texts.append(text)

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def column(self, caption: str, header: str) -> dict[str, str]:
        """First cell of each body row -> the cell under `header`."""
        head, *rows = self.tables[caption]
        return {row[0]: row[head.index(header)] for row in rows}


def shown(n: int) -> str:
    return "< 5" if n < 5 else f"{n:,}"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "seeded.sqlite3"
    asyncio.run(seed(path))
    return path


def cli(args: list[str], db: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("QMAS_DB_PATH", str(db))
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def pairs(line: str) -> dict[str, int]:
    """'Completed by campaign: fb2026: 6, -: 4' -> {'fb2026': 6, '-': 4}."""
    found = re.findall(r"([^\s,:][^,:]*): (\d+)", re.split(r"\): |^[^(:]*: ", line, maxsplit=1)[-1])
    return {key: int(value) for key, value in found}


def test_the_report_shows_the_numbers_of_the_text_statistics(
        seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = cli(["stats"], seeded, capsys, monkeypatch)
    figures = json.loads(cli(["stats", "--format", "json"], seeded, capsys, monkeypatch))
    page = tmp_path / "report.html"
    assert cli(["stats", "--format", "html", "-o", str(page)], seeded, capsys, monkeypatch) == ""
    report = Tables(page.read_text(encoding="utf-8"))
    lines = {line.split(":")[0]: line for line in text.splitlines()}
    totals = re.search(r"New users: (\d+)\. Questionnaires started: (\d+), completed: (\d+)",
                       text)
    meeting = re.search(r"Meeting the threshold: (\d+) \((\d+)%\)", text)
    assert totals and meeting
    new_users, started, completed = map(int, totals.groups())
    assert (new_users, started, completed) == (17, 17, 13)
    assert report.cards["New users"] == shown(new_users)
    assert report.cards["People who started"] == shown(started)
    assert report.cards["Questionnaires completed"] == shown(completed)
    assert report.cards["Meeting the threshold"] == f"{meeting[1]} ({meeting[2]}%)"

    by_campaign = report.column("From start to result, by campaign (people; questionnaires in "
                                "their own column)", "Questionnaires completed")
    assert by_campaign == {campaign_name("" if key == "-" else key): shown(n) for key, n in
                           pairs(lines["Completed by campaign"]).items()}
    by_language = report.column("From start to result, by language (people; questionnaires in "
                                "their own column)", "Questionnaires completed")
    assert {k: v for k, v in by_language.items() if k != "(not recorded)"} == {
        language_name(key): shown(n) for key, n in pairs(lines["Completed by language"]).items()}
    assert by_language["Chinese (Traditional, Hong Kong SAR China) · 中文 (繁體字, "
                       "中國香港特別行政區)"] == "6"
    started_by_language = report.column("From start to result, by language (people; "
                                        "questionnaires in their own column)", "Started")
    assert started_by_language == {language_name(k): shown(f["started"]) for k, f in
                                   figures["funnel_by_language"].items()}

    prompts = {q.id: q.prompt.msgid for q in QMAS.questions}
    waiting = report.column("Unfinished questionnaires by the question they wait at",
                            "Unfinished questionnaires")
    assert waiting == {prompts[q]: shown(n) for q, n in
                       pairs(lines["Where unfinished questionnaires stopped"]).items()}
    missed = report.column("Criteria most often not met", "People")
    assert {k.split(".")[0]: v for k, v in missed.items()} == {
        key: shown(n) for key, n in pairs(lines["Criteria most often not met (criterion"]).items()}

    outcomes = report.column("People by outcome", "People")
    assert outcomes["Meets the threshold"] == "6" == meeting[1]
    assert outcomes["Below the threshold"] == "5"
    assert report.column("People by outcome", "Share")["Below the threshold"] == "38%"
    assert outcomes["Nationality not eligible"] == "< 5"
    weeks = report.tables["Per week (weeks start on Monday; the first is cut at the period's "
                          "start)"]
    assert sum(int(row[3]) for row in weeks[1:] if row[3] != "< 5") == completed


def test_the_report_never_shows_a_count_under_five_or_a_person(
        seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    html = cli(["stats", "--format", "html"], seeded, capsys, monkeypatch)
    report = Tables(html)
    cells = [cell for rows in report.tables.values() for row in rows[1:] for cell in row[1:]]
    cells += list(report.cards.values()) + report.svg_texts
    small = [c for c in cells if re.fullmatch(r"[0-4]( \(.*\))?", c)]
    assert small == []
    assert "< 5" in cells and "–" in cells
    assert "tg:" not in html and not re.search(r"\b[0-9a-f]{16}\b", html)   # no ids, pseudonyms
    assert not re.search(r"<(script|link|img|iframe)\b|@import|url\(http|src=", html)
    assert re.findall(r"https?://[^\s\"']+", html) == ["http://www.w3.org/2000/svg"] * 7


def test_the_report_renders_in_chromium_without_overflow(
        seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "report.html"
    cli(["stats", "--format", "html", "-o", str(page)], seeded, capsys, monkeypatch)
    render_png(page, tmp_path / "report.png")
    assert (tmp_path / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert overflowing(page) == []              # at 1000 and 390 pixels
    assert 3 <= render_pdf(page, tmp_path / "report.pdf") <= 10


def test_the_document_for_telegram(seeded: Path) -> None:
    """What /stats attaches: the same page under a name that says the period."""
    async def build() -> tuple[str, str]:
        store = await Store.open(seeded)
        try:
            stats = await statistics(store, Period(date(2026, 11, 1), date.today()))
        finally:
            await store.close()
        return report_filename(stats), stats_report_html(stats, QMAS)

    name, page = asyncio.run(build())
    assert re.fullmatch(r"qmas-stats-2026-11-01-\d{4}-\d\d-\d\d\.html", name)
    assert page.startswith("<!doctype html>") and "From start to result, by campaign" in page


async def test_the_real_bot_stack_feeds_the_report(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Through PTB and the fake Bot API: a repeat /start and an answer without /start."""
    db = tmp_path / "bot.sqlite3"
    async with running_bot(db) as bot:
        first, second = bot.tg.user(5101), bot.tg.user(5102)
        await first.send_and_wait("/start es_expo")
        for reply in MEETS:
            await answer(first, reply)
        await first.send_and_wait("/start es_expo", expect=2)
        await answer(second, "India")                # no /start
    monkeypatch.setenv("QMAS_DB_PATH", str(db))
    page = tmp_path / "report.html"
    for args in (["--format", "html", "-o", str(page)],
                 ["--format", "json", "-o", str(tmp_path / "s.json")]):
        assert await asyncio.to_thread(main, ["stats", *args]) == 0
    figures = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert (figures["started"], figures["completed"], figures["finished"]) == (2, 1, 1)
    assert figures["funnel_by_campaign"]["expo"]["meeting"] == 1
    assert figures["drop_off"] == {"age": 1}
    report = Tables(page.read_text(encoding="utf-8"))
    assert report.cards["Questionnaires completed"] == "< 5"


def test_an_empty_year_still_makes_a_whole_page(seeded: Path, tmp_path: Path) -> None:
    """No data at all, over 53 weeks: every section says so or shows "< 5", nothing overflows."""
    async def build() -> str:
        store = await Store.open(seeded)
        try:
            stats = await statistics(store, Period(date(2020, 1, 1),
                                                                 date(2020, 12, 31)))
        finally:
            await store.close()
        return stats_report_html(stats, QMAS)

    page = tmp_path / "empty.html"
    page.write_text(asyncio.run(build()), encoding="utf-8")
    report = Tables(page.read_text(encoding="utf-8"))
    assert page.read_text(encoding="utf-8").count("No data in this period.") == 6
    assert len(report.tables["Per week (weeks start on Monday; the first is cut at the period's "
                             "start)"]) == 1 + 53
    assert set(report.cards.values()) == {"< 5", "< 5 (–)"}
    assert overflowing(page) == []
