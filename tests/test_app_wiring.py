"""The production wiring: the configured retention reaches /privacy; reminders only in Telegram."""

from __future__ import annotations

from pathlib import Path

from bot.app import open_service
from bot.chat.turn import Caller
from bot.common.markup import Html, Plain
from bot.config import Config


async def test_privacy_states_the_configured_retention_and_reminders_follow_the_front_end(
        tmp_path: Path) -> None:
    config = Config.from_env({"QMAS_DB_PATH": str(tmp_path / "db.sqlite3"),
                              "QMAS_RETENTION_DAYS": "30"})
    for markup, reminders in ((Html(), True), (Plain(), False)):
        store, service = await open_service(config, markup, reminders=reminders)
        try:
            shown = (await service.command(Caller("tg:1", "en"), "privacy")).messages[0].text
            assert "30 days after your last message" in shown and "90 days" not in shown
            listed = (await service.command(Caller("tg:1", "en"), "reminders")).messages[0].text
            assert ("only available in Telegram" in listed) is not reminders
        finally:
            await store.close()
