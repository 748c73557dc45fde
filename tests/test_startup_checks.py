"""What the bot refuses at start, in one clear line: unusable settings, a database it cannot
open or whose pages are damaged, a backup into a missing directory."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Config, ConfigError
from bot.storage.store import Store, StoreError
from bot.storage.writes import Write

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only

SECRET = "0123456789abcdef" * 3


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "QMAS_"))}
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True,
                          timeout=120, check=False,
                          env={**clean, "TELEGRAM_BOT_TOKEN": "1:x", **env})


@pytest.mark.parametrize(("env", "error"), [
    ({"QMAS_WEBHOOK_PORT": "99999"}, "QMAS_WEBHOOK_PORT: must be a port number, 1 to 65535"),
    ({"QMAS_WEBHOOK_URL": "https://bot.example.org", "QMAS_WEBHOOK_SECRET": "a" * 40},
     "QMAS_WEBHOOK_SECRET: too easy to guess"),
    ({"QMAS_WEBHOOK_URL": "http://bot.example.org", "QMAS_WEBHOOK_SECRET": SECRET},
     "QMAS_WEBHOOK_URL: must be https://host"),
    ({"QMAS_WEBHOOK_URL": "https://bot.example.org:x/", "QMAS_WEBHOOK_SECRET": SECRET},
     "QMAS_WEBHOOK_URL: must be https://host"),
    ({"QMAS_WEBHOOK_URL": "https://bot.example.org/?a=1", "QMAS_WEBHOOK_SECRET": SECRET},
     "QMAS_WEBHOOK_URL: must be https://host"),
    ({"QMAS_CONFLICT_GRACE": "soon"}, "QMAS_CONFLICT_GRACE: must be a whole number"),
])
def test_unusable_settings_are_named(env: dict[str, str], error: str) -> None:
    with pytest.raises(ConfigError, match=error):
        Config.from_env(env)


def test_usable_webhook_settings_pass() -> None:
    config = Config.from_env({"QMAS_WEBHOOK_URL": "https://bot.example.org:8443/qmas",
                              "QMAS_WEBHOOK_SECRET": SECRET, "QMAS_WEBHOOK_PORT": "65535"})
    assert config.webhook_port == 65535 and config.webhook_secret == SECRET


def test_a_database_in_a_missing_directory_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "qmas.sqlite3"
    done = _run("run", QMAS_DB_PATH=str(path))
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        f"{path}: cannot open (unable to open database file); does its directory exist and "
        "may this user write there?"]


def _damaged(path: Path) -> bytes:
    """A bot database whose header is fine but whose users table's pages are garbage."""
    async def fill() -> None:
        store = await Store.open(path)
        for n in range(300):
            await store.save(f"tg:{n}", Write(language="en", campaign=f"c{n}" * 20),
                             update_id=None)
        await store.close()
    asyncio.run(fill())
    with sqlite3.connect(path) as db:
        [(root,)] = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'users'")
        size = db.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(root - 1) * size:root * size] = bytes(range(256)) * (size // 256)
    path.write_bytes(bytes(data))
    return bytes(data)


def test_a_database_with_damaged_pages_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "qmas.sqlite3"
    before = _damaged(path)
    done = _run("run", QMAS_DB_PATH=str(path))
    assert done.returncode == 2, done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith(f"{path}: damaged (") and line.endswith("restore a backup")
    assert path.read_bytes() == before
    with pytest.raises(StoreError, match="damaged"):
        asyncio.run(Store.open(path))


def test_a_backup_into_a_missing_directory_names_the_target(tmp_path: Path) -> None:
    source = tmp_path / "qmas.sqlite3"
    asyncio.run(_opened_and_closed(source))
    target = tmp_path / "missing" / "backup.sqlite3"
    done = _run("backup", str(target), QMAS_DB_PATH=str(source))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"{target}: no such directory; create it first"]


async def _opened_and_closed(path: Path) -> None:
    await (await Store.open(path)).close()


def test_ctrl_c_during_start_up_leaves_quietly(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """An interrupt before the chat installs its own handler: status 130, no traceback."""
    import bot.app
    from bot.cli import main

    async def interrupted(config: Config, language: str | None) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(bot.app, "run_terminal", interrupted)
    assert main(["chat", "--lang", "en"]) == 130
    assert "Traceback" not in capsys.readouterr().err
