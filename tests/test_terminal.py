"""The terminal chat, driven through stdin as a person at a keyboard would."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from bot.chat.messages import Document, Response
from bot.chat.turn import Deps, Turn
from bot.frontends.terminal import TerminalChat
from tests.support.chat_client import conversation


def chat(db: Path, lines: list[str]) -> str:
    env = {**os.environ, "QMAS_DB_PATH": str(db)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    done = subprocess.run([sys.executable, "-m", "bot", "chat", "--lang", "en"],
                          input="\n".join(lines) + "\n", capture_output=True, text=True,
                          env=env, timeout=60, check=True)
    assert "Traceback" not in done.stderr
    return done.stdout


FIRST_HALF = ["India", "34", "3", "MIT", "1", "1"]   # Master's, confirm MIT, STEM: Yes
SECOND_HALF = ["University of Delhi", "1", "English, Hindi", "7", "4", "3", "2", "5",
               "INR 4,500,000", "0", "0", "2", "2", "1", "1"]


def test_terminal_reaches_a_result(tmp_path: Path) -> None:
    out = chat(tmp_path / "t.db", FIRST_HALF + SECOND_HALF)
    assert "Did you mean Massachusetts Institute of Technology?" in out
    assert "  1. No degree" in out
    assert "You meet 9 of the 12 criteria" in out
    assert "not legal advice" in out


def test_terminal_resumes_after_quitting(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    first = chat(db, [*FIRST_HALF, "/quit"])
    assert "Which university awarded your bachelor's degree?" in first
    second = chat(db, SECOND_HALF)
    assert "Welcome back" in second
    assert "You meet 9 of the 12 criteria" in second


def test_terminal_commands_and_bad_input(tmp_path: Path) -> None:
    out = chat(tmp_path / "t.db", ["India", "abc", "/back", "Nepal", "/review", "/mydata"])
    assert "Please send" in out or "number" in out
    assert "This is the first question." not in out
    assert '"nationality": "NP"' in out


async def test_terminal_saves_documents_in_its_folder(tmp_path: Path) -> None:
    async def report(deps: Deps, turn: Turn) -> Response:
        return Response(documents=(Document("report.html", b"<p>hi</p>", "Your report"),))

    async with conversation(tmp_path / "t.db") as running:
        running.service.add_command("report", report)
        out = io.StringIO()
        terminal = TerminalChat(running.service, io.StringIO(), out, "en", folder=tmp_path)
        for _ in range(2):
            response = await terminal.handle("/report")
            assert response is not None
            terminal.show(response)
    assert (tmp_path / "report.html").read_bytes() == b"<p>hi</p>"
    assert (tmp_path / "report-2.html").read_bytes() == b"<p>hi</p>"    # never overwritten
    assert f"Your report\n{tmp_path / 'report.html'}" in out.getvalue()


async def test_terminal_unicode_digits_never_crash(tmp_path: Path) -> None:
    async with conversation(tmp_path / "t.db") as running:
        out = io.StringIO()
        terminal = TerminalChat(running.service, io.StringIO(), out, "en")
        for line in ("/start", "India", "34", "²", "/mydata"):
            response = await terminal.handle(line)
            assert response is not None
            terminal.show(response)
    assert '"highest_degree": "bachelor"' in out.getvalue()
