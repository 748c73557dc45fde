"""Deployment: the Dockerfile lints clean, backups are taken safely from a running bot, logs
are one line per event (JSON on request), and the image runs where a Docker daemon exists."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.support.fake_telegram import DEFAULT_TOKEN, FakeTelegram
from tests.test_inbox import start_bot

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_dockerfile_passes_hadolint() -> None:
    done = subprocess.run([str(BIN / "hadolint"), "--failure-threshold", "info",
                           str(ROOT / "Dockerfile")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def qmas_bot(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "QMAS_DB_PATH": str(db)})


def test_backup_while_the_bot_answers_is_complete_and_consistent(tmp_path: Path) -> None:
    db = tmp_path / "live.sqlite3"
    with FakeTelegram.in_thread(DEFAULT_TOKEN, seed=21) as tg:
        process = start_bot(tg, db)
        try:
            users = [tg.user(7200 + i) for i in range(5)]
            for user in users:
                tg.run(user.send_and_wait("/start", timeout=30, expect=2))
            busy = threading.Thread(target=lambda: [tg.run(user.send_and_wait(
                "India", timeout=30, expect=1)) for user in users])
            busy.start()                          # the bot writes while the backups are taken
            copies = [tmp_path / f"backup-{i}.sqlite3" for i in range(3)]
            for copy in copies:
                done = qmas_bot("backup", str(copy), db=db)
                assert done.returncode == 0, done.stderr
                assert f"to {copy}" in done.stdout
            busy.join(timeout=60)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    for copy in copies:
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("SELECT count(*) FROM users").fetchone() == (5,)
    assert not list(tmp_path.glob("*.partial"))
    restored = tmp_path / "restored.sqlite3"    # a backup is a database the bot opens as is
    shutil.copy(copies[-1], restored)
    stats = qmas_bot("stats", "--format", "json", db=restored)
    assert stats.returncode == 0 and json.loads(stats.stdout)["total"]["new_users"] == 5


def test_backup_refuses_to_overwrite_or_to_copy_a_foreign_file(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE other (x)")
    done = qmas_bot("backup", str(tmp_path / "copy"), db=db)
    assert done.returncode == 2 and "not a database of this bot" in done.stderr
    existing = tmp_path / "existing"
    existing.write_text("precious")
    done = qmas_bot("backup", str(existing), db=db)
    assert done.returncode == 2 and "already exists" in done.stderr
    assert existing.read_text() == "precious"
    done = qmas_bot("backup", str(tmp_path / "x"), db=tmp_path / "missing")
    assert done.returncode == 2 and "no such database" in done.stderr


def test_json_logs_are_one_object_per_line_without_the_token(tmp_path: Path) -> None:
    with FakeTelegram.in_thread(DEFAULT_TOKEN, seed=22) as tg:
        process = start_bot(tg, tmp_path / "db", QMAS_LOG_FORMAT="json")
        try:
            user = tg.user(7300)
            tg.run(user.send_and_wait("/start", timeout=30, expect=2))
            tg.inject("sendMessage", 502, "Bad Gateway", times=6)     # an error gets logged
            tg.run(user.send_and_wait("India", timeout=30, quiet=2.0))
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=30)
    lines = stderr.strip().splitlines()
    entries = [json.loads(line) for line in lines]        # every line is one JSON object
    assert {"time", "level", "logger", "message"} <= set(entries[0])
    assert any(e["level"] == "ERROR" and "Bad Gateway" in e["message"] for e in entries)
    assert entries[-1]["message"] == "stopped; database closed"
    assert DEFAULT_TOKEN.partition(":")[2] not in stderr


def _docker_daemon() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True, timeout=30).returncode == 0


@pytest.mark.skipif(not _docker_daemon(), reason="no Docker daemon on this machine")
def test_image_builds_and_answers_against_the_fake_server(tmp_path: Path) -> None:
    subprocess.run(["docker", "build", "-t", "qmas-bot:test", str(ROOT)], check=True,
                   timeout=900)
    with FakeTelegram.in_thread(DEFAULT_TOKEN, seed=23) as tg:
        container = subprocess.run(
            ["docker", "run", "--detach", "--network", "host", "-e",
             f"TELEGRAM_BOT_TOKEN={DEFAULT_TOKEN}", "-e", f"TELEGRAM_API_URL={tg.api_url}",
             "qmas-bot:test"], check=True, capture_output=True, text=True).stdout.strip()
        try:
            tg.run(tg.wait_for_call("getUpdates", timeout=60))
            user = tg.user(7400)
            replies = tg.run(user.send_and_wait("/start", timeout=30, expect=2))
            assert "Welcome" in replies[0].text
            subprocess.run(["docker", "stop", container], check=True, timeout=60)
            state = subprocess.run(["docker", "inspect", "-f", "{{.State.ExitCode}}", container],
                                   capture_output=True, text=True, check=True).stdout.strip()
            assert state == "0"                   # SIGTERM: a graceful stop
        finally:
            subprocess.run(["docker", "rm", "-f", container], capture_output=True)
