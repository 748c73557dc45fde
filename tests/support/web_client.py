"""The web chat served for real on 127.0.0.1 over a real SQLite file, and a visitor's HTTP client.

`web_chat` runs the production `WebChat` (tornado) around a `ChatService`; `WebVisitor` does what
the page's script does: loads the page (cookies, XSRF token), posts actions, keeps the messages
shown with edits applied.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bot.chat.service import ChatService
from bot.common.markup import Html
from bot.engine.engine import Engine
from bot.frontends.allowlist import text_of
from bot.frontends.web import Shared, WebChat
from bot.storage.inbox import Inbox
from bot.storage.store import Store
from conversations.qmas import QMAS
from tests.support.ports import free_port

TELEGRAM = "https://t.me/qmas_test_bot"


@dataclass
class Served:
    base: str
    store: Store
    shared: Shared


@contextlib.asynccontextmanager
async def web_chat(db: Path, *, flood_limit: int = 1000, port: int | None = None
                   ) -> AsyncIterator[Served]:
    """The web chat listening on 127.0.0.1 until the block ends."""
    store = await Store.open(db)
    inbox = Inbox(store)
    shared = Shared(ChatService(store, Engine(QMAS), Html()), flood_limit=flood_limit,
                    flood_window=10.0, retention_days=90, telegram_link=TELEGRAM,
                    healthy=inbox.healthy)
    port = port or free_port()
    web = WebChat(shared, listen="127.0.0.1", port=port)
    await web.start()
    try:
        yield Served(f"http://127.0.0.1:{port}", store, shared)
    finally:
        await web.stop()
        await store.close()


@dataclass
class Message:
    text: str
    buttons: list[list[dict[str, str]]] = field(default_factory=list)


class WebVisitor:
    """One browser: its own cookies, the page's XSRF token and language."""

    def __init__(self, base: str, accept_language: str | None = None) -> None:
        self.base = base
        headers = {"Accept-Language": accept_language} if accept_language else {}
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True),
                                          headers=headers)
        self.xsrf = ""
        self.lang = "en"
        self.messages: list[Message] = []
        self.documents: dict[str, bytes] = {}
        self.last: dict[str, Any] = {}

    async def close(self) -> None:
        await self.http.close()

    async def open(self, query: str = "") -> str:
        """Load the page, as a browser would: its cookies, token and language."""
        async with self.http.get(self.base + "/" + query) as response:
            assert response.status == 200
            page = await response.text()
        found = re.search(r'<meta name="xsrf" content="([^"]+)"', page)
        lang = re.search(r'<html lang="([^"]+)"', page)
        assert found is not None and lang is not None
        self.xsrf, self.lang = found.group(1), lang.group(1)
        return page

    async def post(self, action: str, body: dict[str, Any], *,
                   headers: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
        """One post as the page's script makes it (headers can be overridden)."""
        sent = {"Content-Type": "application/json", "X-XSRFToken": self.xsrf,
                "Origin": self.base, "X-Page-Language": self.lang, **(headers or {})}
        async with self.http.post(f"{self.base}/api/{action}", data=json.dumps(body),
                                  headers={k: v for k, v in sent.items() if v}) as response:
            data: dict[str, Any] = await response.json()
            return response.status, data

    async def act(self, action: str, body: dict[str, Any],
                  pressed: Message | None = None) -> dict[str, Any]:
        status, data = await self.post(action, body)
        assert status == 200, data
        self.last = data
        self.lang = data["language"]
        if data["edit"] and pressed is not None:
            pressed.text, pressed.buttons = text_of(data["edit"]["nodes"]), \
                data["edit"]["buttons"]
        for out in data["messages"]:
            self.messages.append(Message(text_of(out["nodes"]), out["buttons"]))
        for doc in data["documents"]:
            self.documents[doc["filename"]] = base64.b64decode(doc["data"])
        return data

    async def start(self, payload: str = "") -> dict[str, Any]:
        return await self.act("start", {"payload": payload})

    async def say(self, text: str) -> dict[str, Any]:
        return await self.act("say", {"text": text})

    async def press(self, label: str) -> dict[str, Any]:
        """The button with this label in the latest message that has it."""
        for message in reversed(self.messages):
            for row in message.buttons:
                for button in row:
                    if button["label"] == label:
                        return await self.act("press", {"data": button["data"]}, message)
        raise AssertionError(f"no button {label!r}")

    async def answer(self, reply: str) -> dict[str, Any]:
        """Press the button labelled `reply` if the last message has one, else type it."""
        last = self.messages[-1] if self.messages else None
        if last is not None and any(b["label"] == reply for row in last.buttons for b in row):
            return await self.press(reply)
        return await self.say(reply)
