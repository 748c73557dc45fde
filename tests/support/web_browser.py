"""The web chat in a real browser: Selenium driving Debian's Chromium through chromedriver,
against `qmas-bot web` run as in production (a subprocess on 127.0.0.1)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from tests.support.browser import chromium
from tests.support.ports import free_port
from tests.support.web_client import TELEGRAM

CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-dev-shm-usage")
WAIT = 60        # seconds for one reply on a loaded machine
PHONE, DESKTOP = (360, 740), (1280, 900)


@contextlib.contextmanager
def web_server(db: Path) -> Iterator[str]:
    """`qmas-bot web` on a free port until the block ends (stopped with SIGTERM)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env |= {"QMAS_DB_PATH": str(db), "QMAS_WEB_PORT": str(port),
            "QMAS_WEB_LISTEN": "127.0.0.1", "QMAS_TELEGRAM_LINK": TELEGRAM,
            "QMAS_FLOOD_LIMIT": "10000"}     # a test answers far faster than a person
    process = subprocess.Popen([sys.executable, "-m", "bot", "web"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        for line in process.stderr:            # the event: the server listens
            if "web chat: listening" in line:
                break
        else:
            raise RuntimeError("qmas-bot web did not start")
        yield f"http://127.0.0.1:{port}"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
        process.wait(timeout=10)


@contextlib.contextmanager
def chrome(downloads: Path, size: tuple[int, int] = PHONE) -> Iterator[webdriver.Chrome]:
    """Headless Chromium with a fresh profile, its network log on, downloads into a folder."""
    with tempfile.TemporaryDirectory(prefix="selenium-") as profile:
        options = Options()
        options.binary_location = chromium()
        for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        options.add_experimental_option("prefs", {
            "download.default_directory": str(downloads), "download.prompt_for_download": False})
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        if size[0] < 500:     # narrower than a headless window can be: a phone's viewport
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": True})
        try:
            yield driver
        finally:
            driver.quit()


def resize(driver: webdriver.Chrome, size: tuple[int, int]) -> None:
    """A desktop's window instead of the phone's viewport."""
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.set_window_size(*size)


def requested_urls(driver: webdriver.Chrome) -> list[str]:
    """Every network URL asked for since the last call (Chromium's performance log; its own
    chrome:// pages, such as the new tab shown before the first page, are not the network)."""
    urls = []
    for entry in driver.get_log("performance"):
        message: dict[str, Any] = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return [url for url in urls if not url.startswith(("chrome:", "chrome-untrusted:"))]


class ChatPage:
    """The chat as a person uses it: types, presses buttons, reads the messages."""

    def __init__(self, driver: webdriver.Chrome) -> None:
        self.driver = driver

    def bot_messages(self) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, "#log .msg.bot")

    def idle(self) -> bool:
        return bool(self.driver.execute_script("return document.body.dataset.busy === '0'"))

    def wait(self, condition: Any) -> None:
        WebDriverWait(self.driver, WAIT).until(lambda _: self.idle() and condition())

    def open(self, url: str) -> None:
        self.driver.get(url)
        self.wait(lambda: len(self.bot_messages()) >= 1)

    def buttons(self, message: WebElement | None = None) -> list[WebElement]:
        box = message or self.bot_messages()[-1]
        return box.find_elements(By.CSS_SELECTOR, "button.choice")

    def type(self, text: str) -> None:
        count = len(self.bot_messages())
        field = self.driver.find_element(By.ID, "text")
        field.send_keys(text)
        field.send_keys(Keys.ENTER)
        self.wait(lambda: len(self.bot_messages()) > count)

    def press(self, button: WebElement, *, edits: bool = False) -> None:
        """Press a button and wait for its answer: new messages, or (`edits`) the pressed
        message rewritten in place."""
        count = len(self.bot_messages())
        box = button.find_element(By.XPATH, "./ancestor::div[contains(@class, 'msg')]") \
            if edits else None
        before = box.text if box is not None else ""
        button.click()
        if box is not None:
            self.wait(lambda: box.text != before)
        else:
            self.wait(lambda: len(self.bot_messages()) > count)

    def overflows(self) -> bool:
        return bool(self.driver.execute_script(
            "return document.documentElement.scrollWidth > window.innerWidth + 1"))
