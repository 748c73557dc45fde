"""The web chat in a real browser (Selenium, Debian's Chromium): a questionnaire to the result
and every section in English, Traditional Chinese and Arabic, on a phone's width and a desktop's,
the report downloaded, and not one request to another host."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.support.seeding import MEETS
from tests.support.web_browser import (
    DESKTOP,
    WAIT,
    ChatPage,
    chrome,
    requested_urls,
    resize,
    web_server,
)
from tests.support.web_client import TELEGRAM, WebVisitor

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only

Step = tuple[str, str | int]       # ("type", text) or ("press", index of the button)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with web_server(tmp_path_factory.mktemp("web") / "web.sqlite3") as base:
        yield base


async def _record(base: str) -> list[Step]:
    """The English questionnaire over HTTP: which answers are typed, which buttons pressed (by
    position, so the same steps replay in any language)."""
    visitor = WebVisitor(base)
    steps: list[Step] = []
    try:
        await visitor.open()
        await visitor.start()
        for reply in MEETS:
            labels = [b["label"] for row in visitor.messages[-1].buttons for b in row]
            steps.append(("press", labels.index(reply)) if reply in labels else ("type", reply))
            await visitor.answer(reply)
        assert "you may apply" in visitor.messages[-2].text   # above "was it useful?"
    finally:
        await visitor.close()
    return steps


@pytest.fixture(scope="module")
def steps(server: str) -> list[Step]:
    return asyncio.run(_record(server))


@pytest.mark.parametrize("lang", ["en", "zh-hant", "ar"])
def test_a_questionnaire_to_the_result_and_every_section(server: str, steps: list[Step],
                                                         lang: str, tmp_path: Path) -> None:
    with chrome(tmp_path) as driver:
        page = ChatPage(driver)
        page.open(f"{server}/?lang={lang}")
        html = driver.find_element(By.TAG_NAME, "html")
        assert html.get_attribute("lang") == lang
        assert html.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        assert driver.find_element(By.ID, "telegram").get_attribute("href").startswith(TELEGRAM)
        assert driver.find_element(By.ID, "log").get_attribute("aria-live") == "polite"
        for kind, value in steps:
            if kind == "press":
                assert isinstance(value, int)
                page.press(page.buttons()[value])
            else:
                page.type(str(value))
        result, rating = page.bot_messages()[-2:]   # the result, then "was it useful?"
        assert "✅" in result.text and len(page.buttons(rating)) == 3
        assert not page.overflows()
        shot = Path(os.environ.get("QMAS_WEB_SCREENSHOTS") or tmp_path)
        result.location_once_scrolled_into_view   # noqa: B018 (a property that scrolls)
        driver.save_screenshot(str(shot / f"web-{lang}-phone.png"))
        labels = [b.text for b in page.buttons(result)]
        assert len(labels) >= 4
        shown = [result.text]
        for label in labels[:-1]:                 # every section, opened in place
            page.press(next(b for b in page.buttons(result) if b.text == label), edits=True)
            shown.append(result.text)
        assert len(set(shown)) == len(shown)
        page.press(page.buttons(result)[-1])      # the next steps, below the result
        assert not page.overflows()
        page.type("/report")                       # the report, downloaded as a file
        link = page.bot_messages()[-1].find_element(By.CSS_SELECTOR, "a[download]")
        name = link.get_attribute("download")
        link.click()
        report = tmp_path / name
        WebDriverWait(driver, WAIT).until(lambda _: report.is_file())
        assert report.read_text("utf-8").startswith("<!DOCTYPE html>")
        resize(driver, DESKTOP)
        assert not page.overflows()
        driver.save_screenshot(str(shot / f"web-{lang}-desktop.png"))
        page.open(driver.current_url)              # a reload resumes where the visitor was
        assert "/result" in page.bot_messages()[-1].text
        for shot_file in (shot / f"web-{lang}-phone.png", shot / f"web-{lang}-desktop.png"):
            assert shot_file.stat().st_size > 20_000
        others = [url for url in requested_urls(driver)
                  if not url.startswith((server + "/", "blob:", "data:"))]
        assert others == []


def test_the_page_makes_no_request_to_another_host(server: str, tmp_path: Path) -> None:
    """Loading the page and chatting asks only its own host (several hosts are blocked in the
    Mainland): no CDN, no font, no analytics; the Telegram link is a link, not a request."""
    with chrome(tmp_path) as driver:
        page = ChatPage(driver)
        page.open(f"{server}/?lang=zh-hans")
        page.type("India")
        driver.find_element(By.ID, "menu").click()
        page.press(driver.find_element(By.ID, "cmd-help"))
        urls = requested_urls(driver)
        assert any(url.startswith(server + "/static/") for url in urls)
        assert any(url == server + "/api/say" for url in urls)
        assert [url for url in urls if not url.startswith((server + "/", "data:"))] == []


def test_a_press_keeps_the_answer_said_back_above_the_question(server: str,
                                                               tmp_path: Path) -> None:
    with chrome(tmp_path) as driver:
        page = ChatPage(driver)
        page.open(f"{server}/?lang=en")
        page.type("/start")
        for reply in ("India", "34"):
            page.type(reply)
        degree = page.bot_messages()[-1]
        assert degree.text.startswith("34 years old ✓")
        page.press(next(b for b in page.buttons(degree) if b.text == "Bachelor's"))
        lines = degree.text.splitlines()
        assert lines[0] == "34 years old ✓" and lines[-1] == "→ Bachelor's"
        assert any(line.startswith("Question 3 of about") for line in lines)
        assert page.buttons(degree) == []
