"""The web chat in-process, without a browser: the real tornado server on 127.0.0.1, a real
SQLite file, real catalogs, and an HTTP client doing what the page's script does."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import urllib.request
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from yarl import URL

from bot.frontends.allowlist import nodes, text_of
from bot.frontends.web import (
    CSP,
    MAX_TEXT,
    VISITOR_COOKIE,
    WebChat,
    accepted_language,
    visitor_key,
)
from tests.support.ports import free_port
from tests.support.seeding import MEETS
from tests.support.web_client import TELEGRAM, Served, WebVisitor, web_chat

STATIC = Path(__file__).parents[1] / "bot" / "frontends" / "webpage"


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[Served]:
    async with web_chat(tmp_path / "web.sqlite3") as running:
        yield running


@pytest.fixture
async def visitor(served: Served) -> AsyncIterator[WebVisitor]:
    browser = WebVisitor(served.base)
    yield browser
    await browser.close()


async def finished(visitor: WebVisitor, replies: list[str] = MEETS) -> None:
    await visitor.open()
    await visitor.start()
    for reply in replies:
        await visitor.answer(reply)


# --- the page -----------------------------------------------------------------------------------

async def test_the_page_has_a_strict_policy_and_a_private_visitor_cookie(served: Served) -> None:
    async with aiohttp.ClientSession() as http, http.get(served.base + "/") as response:
        assert response.status == 200
        headers = response.headers
        page = await response.text()
        cookies = headers.getall("Set-Cookie")
    assert headers["Content-Security-Policy"] == CSP
    assert "default-src 'none'" in CSP and "'unsafe-inline'" not in CSP
    visitor = next(c for c in cookies if c.startswith(VISITOR_COOKIE + "="))
    assert "HttpOnly" in visitor and "SameSite=Lax" in visitor
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", visitor.split(";")[0].split("=", 1)[1])
    assert 'role="log"' in page and 'aria-live="polite"' in page
    assert "<button" in page and TELEGRAM in page and "Telegram" in page
    assert "<style" not in page and "<script>" not in page and " style=" not in page


def test_the_page_names_no_other_host() -> None:
    """No CDN, web font or any other host: only the Telegram link, which is a plain link."""
    for path in [STATIC / "page.html", *sorted((STATIC / "static").iterdir())]:
        text = path.read_text("utf-8")
        assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.I), path
        assert not re.search(r"@import|@font-face|\burl\(", text), path
        assert "innerHTML" not in text and "eval(" not in text, path


@pytest.mark.parametrize(("query", "accept", "lang", "direction"), [
    ("", None, "en", "ltr"), ("?lang=ar", None, "ar", "rtl"),
    ("", "zh-TW,zh;q=0.9,en;q=0.5", "zh-hant", "ltr"), ("", "de-DE,fr;q=0.7", "fr", "ltr"),
    ("?lang=ja", "ar", "ja", "ltr")])
async def test_the_language_comes_from_the_query_or_the_browser(
        served: Served, query: str, accept: str | None, lang: str, direction: str) -> None:
    visitor = WebVisitor(served.base, accept)
    try:
        page = await visitor.open(query)
        assert f'<html lang="{lang}" dir="{direction}">' in page
        data = await visitor.start()
        assert data["language"] == lang and data["dir"] == direction
    finally:
        await visitor.close()


def test_accept_language_honours_q_values() -> None:
    assert accepted_language("de;q=1, es;q=0.4, ko;q=0.8").code == "ko"   # type: ignore[union-attr]
    assert accepted_language("zh-CN") is not None
    assert accepted_language("de, *;q=0.1") is None and accepted_language(None) is None
    assert accepted_language("en;q=0, vi") .code == "vi"   # type: ignore[union-attr]


# --- the conversation ---------------------------------------------------------------------------

async def test_a_questionnaire_to_the_result_and_its_sections(visitor: WebVisitor) -> None:
    await finished(visitor)
    result, rating = visitor.messages[-2:]
    labels = [b["label"] for row in result.buttons for b in row]
    assert "Next steps" in labels and not any("remind" in x.lower() for x in labels)
    for label in [x for x in labels if x != "Next steps"]:
        await visitor.press(label)
        assert visitor.last["edit"] is not None, label
    await visitor.press("Next steps")
    assert visitor.last["messages"], "the next steps are sent below the result"
    assert [b["label"] for row in rating.buttons for b in row] == [
        "Useful", "Not sure", "Not useful"]
    await visitor.press("Useful")                 # "was it useful?" on the web too
    assert "→ Useful" in text_of(visitor.last["edit"]["nodes"])


async def test_a_reload_resumes_where_the_visitor_was(visitor: WebVisitor) -> None:
    await visitor.open()
    await visitor.start()
    for reply in MEETS[:3]:
        await visitor.answer(reply)
    question = visitor.messages[-1].text.split("\n\n")[-1]
    await visitor.open()              # a reload: same cookie, a new page
    data = await visitor.start()
    texts = [text_of(m["nodes"]) for m in data["messages"]]
    assert "Welcome back" in texts[0] and texts[-1].endswith(question.split("\n", 1)[1])


@pytest.mark.slow
async def test_the_report_and_mydata_download_and_assess_agrees(visitor: WebVisitor,
                                                                tmp_path: Path) -> None:
    await finished(visitor)
    await visitor.say("/report")
    [report] = [d for d in visitor.last["documents"]]
    assert report["type"] == "text/html"
    html = visitor.documents[report["filename"]].decode()
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html
    await visitor.say("/mydata")
    everything = json.loads(visitor.documents["qmas-mydata.json"])
    answers = tmp_path / "answers.json"
    answers.write_bytes(visitor.documents["qmas-answers.json"])
    run = subprocess.run([sys.executable, "-m", "bot", "assess", str(answers)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assessed = json.loads(run.stdout)
    assert (assessed["outcome"], assessed["met_count"]) == (
        everything["results"][-1]["outcome"], everything["results"][-1]["met_count"])
    assert assessed["outcome"] == "meets_threshold"


async def test_privacy_says_what_a_web_visitor_is_stored_under(visitor: WebVisitor) -> None:
    await visitor.open("?lang=zh-hant")
    await visitor.say("/privacy")
    assert "Cookie" in visitor.messages[0].text and "Telegram" in visitor.messages[0].text


async def test_delete_erases_the_visitor(served: Served, visitor: WebVisitor) -> None:
    await finished(visitor, MEETS[:4])
    cookie = visitor.http.cookie_jar.filter_cookies(URL(served.base))[VISITOR_COOKIE].value
    key = visitor_key(cookie)
    assert (await served.store.user_data(key))["user"] is not None
    await visitor.say("/delete")
    await visitor.press("Delete everything")
    assert "deleted" in visitor.messages[-1].text
    data = await served.store.user_data(key)
    assert data["user"] is None and data["results"] == [] and data["events"] == []


async def test_a_campaign_link_sets_language_and_campaign(served: Served,
                                                          visitor: WebVisitor) -> None:
    await visitor.open("?start=zh-hant_fb2026")
    data = await visitor.start("zh-hant_fb2026")
    assert data["language"] == "zh-hant" and data["ui"]["send"] != "Send"
    cookie = visitor.http.cookie_jar.filter_cookies(URL(served.base))[VISITOR_COOKIE].value
    user = (await served.store.user_data(visitor_key(cookie)))["user"]
    assert user["campaign"] == "fb2026" and user["language"] == "zh-hant"


# --- what is refused ----------------------------------------------------------------------------

async def test_posts_without_the_token_or_from_another_site_change_nothing(
        served: Served, visitor: WebVisitor) -> None:
    await visitor.open()
    for headers in ({"X-XSRFToken": ""}, {"X-XSRFToken": "2|00|00|00"},
                    {"Origin": "https://evil.example"}, {"Origin": ""}):
        status, data = await visitor.post("start", {"payload": ""}, headers=headers)
        assert status == 403 and "reload" in data["error"], headers
    cookie = visitor.http.cookie_jar.filter_cookies(URL(served.base))[VISITOR_COOKIE].value
    assert (await served.store.user_data(visitor_key(cookie)))["user"] is None


async def test_too_long_and_malformed_bodies_get_a_clear_answer(visitor: WebVisitor) -> None:
    await visitor.open("?lang=es")
    status, data = await visitor.post("say", {"text": "x" * (MAX_TEXT + 1)})
    assert (status, data["error"]) == (
        413, "Ese mensaje es demasiado largo. Envíe una respuesta más corta.")
    status, data = await visitor.post("say", {"text": "x", "padding": "y" * 20_000})
    assert status == 413 and data["error"].startswith("Ese mensaje")
    status, data = await visitor.post("say", {"text": 42})
    assert status == 400 and data["error"]
    await visitor.start()
    await visitor.say("India")      # nothing was lost: the questionnaire goes on
    assert "2" in visitor.messages[-1].text


async def test_a_flooding_visitor_is_paused_others_are_not(tmp_path: Path) -> None:
    async with web_chat(tmp_path / "db", flood_limit=5) as served:
        fast, calm = WebVisitor(served.base), WebVisitor(served.base)
        try:
            await fast.open()
            await calm.open()
            statuses = [(await fast.post("say", {"text": "hello"}))[0] for _ in range(7)]
            assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]
            status, data = await fast.post("say", {"text": "hello"})
            assert status == 429 and "very fast" in data["error"]
            assert (await calm.post("start", {"payload": ""}))[0] == 200
        finally:
            await fast.close()
            await calm.close()


async def test_one_address_has_its_own_limit(tmp_path: Path) -> None:
    """New cookies do not escape the limit: the address is counted too (10 × a visitor's)."""
    async with web_chat(tmp_path / "db", flood_limit=2) as served:
        statuses = []
        for _ in range(24):
            visitor = WebVisitor(served.base)
            try:
                await visitor.open()
                statuses.append((await visitor.post("start", {"payload": ""}))[0])
            finally:
                await visitor.close()
        assert statuses[:20] == [200] * 20 and set(statuses[20:]) == {429}


async def test_health(served: Served) -> None:
    async with aiohttp.ClientSession() as http, http.get(served.base + "/healthz") as response:
        assert response.status == 200 and await response.text() == "ok\n"
        assert VISITOR_COOKIE not in response.cookies


# --- the allow-list -----------------------------------------------------------------------------

def test_only_allowed_markup_reaches_the_page() -> None:
    tree = nodes('<b>Bold</b> <script>alert(1)</script><img src=x onerror=alert(1)>'
                 '<a href="javascript:alert(1)">bad</a> <a href="https://www.immd.gov.hk/">ok</a>'
                 '<pre>a &lt; b</pre><i onclick="x()">it</i>')
    assert tree[0] == {"t": "b", "c": ["Bold"]}
    links = [n for n in tree if isinstance(n, dict) and n["t"] == "a"]
    assert links == [{"t": "a", "c": ["ok"], "href": "https://www.immd.gov.hk/"}]
    assert {"t": "pre", "c": ["a < b"]} in tree and {"t": "i", "c": ["it"]} in tree
    assert "script" not in json.dumps(tree) and "onerror" not in json.dumps(tree)
    assert text_of(tree) == "Bold alert(1)bad ok" + "a < b" + "it"


# --- the commands -------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("command", ["web", "start"])
def test_the_web_command_serves_until_sigterm(tmp_path: Path, command: str) -> None:
    """`qmas-bot web`, and `qmas-bot start` with QMAS_WEB_PORT and no token, serve the chat."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env |= {"QMAS_DB_PATH": str(tmp_path / "db"), "QMAS_WEB_PORT": str(port),
            "QMAS_WEB_LISTEN": "127.0.0.1"}
    process = subprocess.Popen([sys.executable, "-m", "bot", command], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        for line in process.stderr:           # wait for the event: the server listens
            if "web chat: listening" in line:
                break
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as answer:
            assert answer.status == 200 and answer.read() == b"ok\n"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?lang=ko", timeout=10) as page:
            assert '<html lang="ko"' in page.read().decode()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        rest = process.stderr.read()
        assert "database closed" in rest and "Traceback" not in rest
    finally:
        process.kill()
        process.wait(timeout=10)


async def test_alive_tells_whether_the_web_chat_answers(tmp_path: Path) -> None:
    async with web_chat(tmp_path / "db") as served:
        port = int(served.base.rsplit(":", 1)[1])
        idle = WebChat(served.shared, listen="127.0.0.1", port=free_port())
        assert not await idle.alive()
        assert await WebChat(served.shared, listen="0.0.0.0", port=port).alive()
