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
from bot.stats.cells import WEEKLY, publish
from bot.stats.figures import read_statistics, reading, statistics
from bot.stats.page import (
    FUNNEL,
    NOT_APPLICABLE,
    OUTCOMES,
    STEPS,
    campaign_name,
    language_name,
    report_filename,
    stats_report_html,
)
from bot.stats.period import Period
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


def shown(cell: int | str) -> str:
    """A JSON cell as the page shows it."""
    return cell if isinstance(cell, str) else f"{cell:,}"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "seeded.sqlite3"
    asyncio.run(seed(path, copies=3))
    return path


def cli(args: list[str], db: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("QMAS_DB_PATH", str(db))
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def pairs(line: str) -> dict[str, str]:
    """'Completed by campaign: fb2026: 18, -: < 5' -> {'fb2026': '18', '-': '< 5'}."""
    listed = re.split(r"\): |^[^(:]*: ", line, maxsplit=1)[-1]
    return dict(item.rsplit(": ", 1) for item in listed.split(", "))


def test_text_json_and_html_show_the_same_cells(
        seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every figure of the page is the JSON's cell, and so is every figure of the text."""
    text = cli(["stats"], seeded, capsys, monkeypatch)
    data = json.loads(cli(["stats", "--format", "json"], seeded, capsys, monkeypatch))
    page = tmp_path / "report.html"
    assert cli(["stats", "--format", "html", "-o", str(page)], seeded, capsys, monkeypatch) == ""
    report = Tables(page.read_text(encoding="utf-8"))
    lines = {line.split(":")[0]: line for line in text.splitlines()}
    total = {key: shown(cell) for key, cell in data["total"].items()}
    assert (total["new_users"], total["started"], total["completed"]) == ("51", "51", "36")
    assert (f"New users: {total['new_users']}. Questionnaires started: {total['started']}, "
            f"completed: {total['completed']}.") in text
    assert (f"Meeting the threshold: {total['meeting']} of {total['finished']} people with a "
            f"result (50%).") in text
    assert report.cards == {
        "New users": total["new_users"], "Questionnaires started": total["started"],
        "Questionnaires completed": total["completed"],
        "Not applicable": total["not_applicable"], "Completion rate": "–",
        "People with a result": total["finished"],
        "Meeting the threshold": f"{total['meeting']} (50%)"}

    for anchor, what, names in (("campaign", "by_campaign", campaign_name),
                                ("language", "by_language", language_name)):
        for part, columns in FUNNEL:
            for label, key in columns:
                assert report.column(f"From start to result, by {anchor}: {part}", label) == {
                    names(name): shown(row[key]) for name, row in data[what].items()}
        assert pairs(lines[f"Completed by {anchor}"]) == {
            name or "-": shown(row["completed"]) for name, row in data[what].items()}
    assert pairs(lines["Opened the next steps / the report, by campaign (users)"]) == {
        name or "-": f"{shown(row['next_steps'])}/{shown(row['report'])}"
        for name, row in data["by_campaign"].items()}

    assert (f"Was it useful (people): yes {total['useful']}, not sure {total['not_sure']}, no "
            f"{total['not_useful']}; gave a reason: {total['reasons']}.") in text
    assert (total["useful"], total["not_sure"], total["not_useful"]) == ("21", "< 5", "9")
    assert pairs(lines["Useful / applied, by language (people)"]) == {
        name or "-": f"{shown(row['useful'])}/{shown(row['applied'])}"
        for name, row in data["by_language"].items()}
    assert data["placement_funnel_steps"] == [key for _, key in STEPS]
    assert pairs(lines["By campaign, links opened → started → completed → meeting the "
                       "threshold → useful → applied"].replace("; ", ", ")) == {
        name or "-": " → ".join(shown(row[key]) for _, key in STEPS)
        for name, row in data["by_campaign"].items()}
    for label, key in STEPS:
        assert report.column("From the link to an application, by campaign (people)",
                             label) == {campaign_name(name): shown(row[key])
                                        for name, row in data["by_campaign"].items()}
    assert data["by_campaign"]["fb2026"]["useful"] == 15   # the column's small cells hidden
    assert data["by_campaign"]["expo"]["useful"] == data["by_campaign"][""]["useful"] == "< 5"

    prompts = {q.id: q.prompt.msgid for q in QMAS.questions}
    assert report.column("Unfinished questionnaires by the question they wait at",
                         "Unfinished questionnaires") == {
        prompts[q]: shown(n) for q, n in data["drop_off"].items()}
    assert pairs(lines["Where unfinished questionnaires stopped"]) == {
        q: shown(n) for q, n in data["drop_off"].items()}
    missed = report.column("Criteria most often not met", "People")
    assert {k.split(".")[0]: v for k, v in missed.items()} == {
        n: shown(c) for n, c in data["missed"].items()} == pairs(
        lines["Criteria most often not met (criterion"])
    assert report.column("People by outcome", "People") == {
        label: shown(data["outcomes"][key]) for key, label in OUTCOMES}
    assert report.column("Not applicable: QMAS is not for these people (not in the shares "
                         "above)", "People") == {
        label: shown(data["outcomes"][key]) for key, label in NOT_APPLICABLE}
    assert report.column("People by outcome", "Share")["Meets the threshold"] == "50%"
    weeks = report.tables["Per week (weeks start on Monday; the first is cut at the period's "
                          "start)"][1:]
    assert [row[1:] for row in weeks] == [
        [shown(week[key]) for key in WEEKLY] for week in data["weeks"]]


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
    assert re.findall(r"https?://[^\s\"']+", html) == ["http://www.w3.org/2000/svg"] * 7   # charts


@pytest.mark.slow
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
        return report_filename(stats.period), stats_report_html(publish(stats), QMAS)

    name, page = asyncio.run(build())
    assert re.fullmatch(r"qmas-stats-2026-11-01-\d{4}-\d\d-\d\d\.html", name)
    assert page.startswith("<!doctype html>") and "From start to result, by campaign" in page


@pytest.mark.slow
async def test_the_real_bot_stack_feeds_the_report(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Through PTB and the fake Bot API: a repeat /start and an answer without /start."""
    db = tmp_path / "bot.sqlite3"
    async with running_bot(db) as bot:
        first, second = bot.tg.user(5101), bot.tg.user(5102)
        await first.send_and_wait("/start es_expo")
        for reply in MEETS:
            await answer(first, reply)
        await first.send_and_wait("/start es_expo")   # "complete": no greeting
        await answer(second, "India")                # no /start
    monkeypatch.setenv("QMAS_DB_PATH", str(db))
    page = tmp_path / "report.html"
    for args in (["--format", "html", "-o", str(page)],
                 ["--format", "json", "-o", str(tmp_path / "s.json")]):
        assert await asyncio.to_thread(main, ["stats", *args]) == 0
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["total"][
        "started"] == "< 5"
    with reading(db) as read:
        stats = read_statistics(read, Period(date.today(), date.today()))
    assert (stats.started, stats.completed, stats.finished) == (2, 1, 1)
    assert stats.by_campaign["expo"].meeting == 1
    assert stats.drop_off == {"age": 1}
    report = Tables(page.read_text(encoding="utf-8"))
    assert report.cards["Questionnaires completed"] == "< 5"


@pytest.mark.slow
def test_an_empty_year_still_makes_a_whole_page(seeded: Path, tmp_path: Path) -> None:
    """No data at all, over 53 weeks: every section says so or shows "< 5", nothing overflows."""
    async def build() -> str:
        store = await Store.open(seeded)
        try:
            stats = await statistics(store, Period(date(2020, 1, 1),
                                                                 date(2020, 12, 31)))
        finally:
            await store.close()
        return stats_report_html(publish(stats), QMAS)

    page = tmp_path / "empty.html"
    page.write_text(asyncio.run(build()), encoding="utf-8")
    report = Tables(page.read_text(encoding="utf-8"))
    assert page.read_text(encoding="utf-8").count("No data in this period.") == 6
    assert len(report.tables["Per week (weeks start on Monday; the first is cut at the period's "
                             "start)"]) == 1 + 53
    assert set(report.cards.values()) == {"< 5", "< 5 (–)", "–"}
    assert overflowing(page) == []
