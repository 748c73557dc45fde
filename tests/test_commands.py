"""One registry of commands: the routing, Telegram's handlers and menu, /help and every front
end's parsing read it, so none can drift from another."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from telegram.ext import CommandHandler

from bot.chat.commands import COMMANDS, split_command
from bot.chat.messages import Out, Response
from bot.chat.service import ChatService
from bot.chat.turn import Caller, Deps, Turn
from bot.common.markup import Html
from bot.config import Config
from bot.engine.engine import Engine
from bot.frontends.telegram import build_application
from bot.i18n.translator import Translator
from bot.storage.inbox import Inbox
from bot.storage.store import Store
from conversations.qmas import QMAS
from tests.support.chat_client import Conversation, conversation

EN = Translator.for_code("en")


@pytest.mark.parametrize(("text", "split"), [
    ("/help", ("help", "")),
    ("/University@qmas_bot  MIT ", ("university", "MIT")),
    ("/start fb2026", ("start", "fb2026")),
    ("/fees 3 people", ("fees", "3 people")),
    ("help", None),
    ("", None),
])
def test_split_command(text: str, split: tuple[str, str] | None) -> None:
    assert split_command(text) == split


def test_every_command_is_named_once_and_listed_where_it_belongs() -> None:
    names = [c.name for c in COMMANDS]
    assert len(names) == len(set(names))
    assert all(c.menu is None and c.help_line is None for c in COMMANDS if c.admin)
    for c in COMMANDS:
        if c.help_line is not None:   # the line names the command it describes
            assert EN(c.help_line).startswith(f"/{c.name}")


async def test_telegram_handles_exactly_the_registry(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "db")
    try:
        service = ChatService(store, Engine(QMAS), Html())
        config = Config(token="1:test", api_url=None, db_path=tmp_path / "db",
                        admin_ids=frozenset({7}), webhook_url=None, webhook_port=8443,
                        rate_limit=False)
        app = build_application(config, store, service, Inbox(store))
        handled = {name for group in app.handlers.values() for handler in group
                   if isinstance(handler, CommandHandler) for name in handler.commands}
        assert handled == {c.name for c in COMMANDS}
    finally:
        await store.close()


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "db") as running:
        yield running


async def test_help_has_a_line_for_every_listed_command_in_the_menu_order(
        chat: Conversation) -> None:
    user = chat.user(1)
    await user.send("/help")
    text = user.text
    lines = [EN(c.help_line) for c in COMMANDS if c.help_line is not None and not c.reminders]
    assert "\n".join(lines) in text
    assert "/reminders" not in text        # the terminal and the web cannot send reminders


async def test_help_lists_every_command_a_user_has_in_one_message(chat: Conversation) -> None:
    user = chat.user(1)
    response = await user.send("/help")
    assert len(response.messages) == 1
    starts = {line.split(":")[0].split()[0] for line in user.text.splitlines()
              if line.startswith("/")}
    assert starts == {f"/{c.name}" for c in COMMANDS if not c.admin and not c.reminders}


async def test_an_admins_command_is_unknown_to_anyone_else(chat: Conversation) -> None:
    other = chat.user(1)
    await other.send("/stats 7")
    assert "don't know that command" in other.text
    admin = chat.user(2, admin=True)
    await admin.send("/stats 7")
    assert "Statistics from" in admin.text


async def test_a_replaced_registry_entry_is_what_the_service_routes(chat: Conversation) -> None:
    async def fees(deps: Deps, turn: Turn) -> Response:
        return Response((Out(f"fees for {turn.arg}"),))

    chat.service.commands["fees"] = replace(chat.service.commands["fees"], use_case=fees)
    response = await chat.service.command(Caller("tg:3", "en"), "fees", "2")
    assert response.messages == (Out("fees for 2"),)
