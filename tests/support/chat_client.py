"""An in-process chat with the real service and a real SQLite file: no PTB, no sockets.

In the spirit of aiogram_dialog's `BotClient`: `send` text or a command, `press` a button by its
label, then read what the user sees (`messages`, with edits applied as Telegram would). Routing
of commands follows the Telegram front end, so a test here reads like a chat.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bot.chat.commands import split_command
from bot.chat.messages import Document, Out, Response
from bot.chat.service import ChatService
from bot.chat.turn import Caller
from bot.common.markup import Plain
from bot.engine.engine import Engine
from bot.i18n.bidi import strip_controls
from bot.i18n.translator import Translator
from bot.storage.store import Store
from conversations.qmas import QMAS
from tests.support.storing import stored_state

ENGINE = Engine(QMAS)


@dataclass
class Shown:
    """One message in the user's chat, as it looks now."""

    text: str
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)   # (label, data)
    typed_reply: bool = False

    @property
    def labels(self) -> list[str]:
        return [label for row in self.buttons for label, _ in row]


class ChatClient:
    """One user chatting with the service."""

    _update_ids = itertools.count(1)

    def __init__(self, service: ChatService, user_id: int = 1, tag: str | None = "en",
                 admin: bool = False) -> None:
        self.service = service
        self.user_key = f"tg:{user_id}"
        self.tag = tag
        self.admin = admin
        self.messages: list[Shown] = []
        self.documents: list[Document] = []
        self.toasts: list[str | None] = []
        self.last_response = Response()

    @property
    def last(self) -> Shown:
        return self.messages[-1]

    @property
    def result(self) -> Shown:
        """The newest result message (the one with section buttons), whatever came after it."""
        return next(m for m in reversed(self.messages)
                    if any(data.startswith("r:") for row in m.buttons for _, data in row))

    @property
    def text(self) -> str:
        """Everything the last action showed, new messages and edits, as one text."""
        r = self.last_response
        return "\n".join(o.text for o in (*([r.edit] if r.edit else []), *r.messages))

    def _caller(self) -> Caller:
        return Caller(self.user_key, self.tag, next(self._update_ids))

    async def send(self, text: str) -> Response:
        """Type a message (a command when it starts with "/")."""
        caller = self._caller()
        if (command := split_command(text)) is not None:
            response = await self.service.command(caller, *command, admin=self.admin)
        else:
            response = await self.service.text(caller, text)
        return self._show(response, None)

    async def sticker(self) -> Response:
        return self._show(await self.service.not_text(self._caller()), None)

    async def press(self, label: str) -> Response:
        """Press the newest button with this label (like a finger on the newest message)."""
        for message in reversed(self.messages):
            for row in message.buttons:
                for shown, data in row:
                    if shown == label:
                        return await self.press_data(data, message)
        raise AssertionError(f"no button {label!r}; last: {self.messages[-1:]}")

    async def press_data(self, data: str, message: Shown | None = None) -> Response:
        """Press a button with this data (forged, if no message shows it)."""
        response = await self.service.button(self._caller(), data)
        return self._show(response, message)

    def _show(self, response: Response, pressed: Shown | None) -> Response:
        self.last_response = response
        self.toasts.append(response.toast)
        if response.edit is not None and pressed is not None:
            edited = _shown(response.edit)
            pressed.text, pressed.buttons = edited.text, edited.buttons
        self.messages.extend(_shown(out) for out in response.messages)
        self.documents.extend(response.documents)
        return response

    async def mydata(self) -> dict[str, Any]:
        """/mydata's full file (`qmas-mydata.json`) as JSON."""
        response = await self.send("/mydata")
        files = {document.filename: document.data for document in response.documents}
        data: dict[str, Any] = json.loads(files["qmas-mydata.json"])
        return data


def _shown(out: Out) -> Shown:
    return Shown(out.text, [[(b.label, b.data) for b in row] for row in out.buttons],
                 out.typed_reply)


@dataclass
class Conversation:
    """The service over a store, and a way to open chats with it."""

    service: ChatService
    store: Store
    path: Path

    def user(self, user_id: int = 1, tag: str | None = "en", admin: bool = False) -> ChatClient:
        return ChatClient(self.service, user_id, tag, admin)


@contextlib.asynccontextmanager
async def conversation(path: Path, today: date | None = None,
                       clock: Callable[[], float] = time.time,
                       pdf: Callable[[bytes], Awaitable[bytes | None]] | None = None,
                       numbered: bool = False) -> AsyncIterator[Conversation]:
    """A service over a fresh SQLite file at `path`, closed afterwards; `numbered` as the
    terminal runs it (choices typed by number)."""
    store = await Store.open(path)
    try:
        yield Conversation(ChatService(store, ENGINE, Plain(),
                                       today=(lambda: today) if today else date.today,
                                       clock=clock, pdf=pdf, numbered=numbered), store, path)
    finally:
        await store.close()


async def user_at(chat: Conversation, tag: str, replies: list[str], user_id: int = 1
                  ) -> ChatClient:
    """A user of language `tag` who started and sent `replies` ("Done" presses the last
    button, which ends a selection)."""
    user = chat.user(user_id, tag)
    await user.send("/start")
    for reply in replies:
        if reply == "Done":
            await user.press_data(user.last.buttons[-1][-1][1], user.last)
        else:
            await user.send(reply)
    return user


async def answers(chat: Conversation, user: ChatClient) -> dict[str, Any]:
    """The answers stored for `user`."""
    state = await stored_state(chat.store, user.user_key)
    assert state is not None
    return dict(state.answers)


def shown(text: str) -> str:
    """Text as read: without bidi marks, and CLDR's no-break spaces ("1\u00a0an") as spaces."""
    return strip_controls(text).replace("\u00a0", " ")


def said(tag: str, text: object) -> str:
    """A text as the bot says it in a language, without bidi marks, to find in a reply."""
    return strip_controls(Translator.for_code(tag)(text))
