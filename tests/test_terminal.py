"""The terminal chat, driven through stdin as a person at a keyboard would."""

from __future__ import annotations

import io
import os
import select
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from bot.chat.messages import Document, Response
from bot.chat.turn import Deps, Turn
from bot.frontends.terminal import TerminalChat
from tests.support.chat_client import conversation

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only


def chat(db: Path, lines: list[str]) -> str:
    env = {**os.environ, "QMAS_DB_PATH": str(db)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    done = subprocess.run([sys.executable, "-m", "bot", "chat", "--lang", "en"],
                          input="\n".join(lines) + "\n", capture_output=True, text=True,
                          env=env, timeout=60, check=True, cwd=db.parent)
    assert "Traceback" not in done.stderr
    return done.stdout


def answers_file(folder: Path) -> str:
    """The answers file /mydata wrote in the chat's folder."""
    return (folder / "qmas-answers.json").read_text()


# Master's, a misspelt MIT confirmed, STEM: Yes
FIRST_HALF = ["India", "34", "3", "Massachusets Inst of Technology", "1", "1"]
SECOND_HALF = ["University of Delhi", "English, Hindi", "7", "4", "3", "2", "5",
               "INR 4,500,000", "0", "0", "2", "2", "1", "1"]


def test_terminal_reaches_a_result(tmp_path: Path) -> None:
    out = chat(tmp_path / "t.db", [*FIRST_HALF, *SECOND_HALF, "4", "1"])
    assert "Did you mean “Massachusetts Institute of Technology”?" in out
    assert "  1. No degree" in out
    assert "You meet 9 of the 12 criteria" in out
    summary, about, again = out.split("You meet 9 of the 12 criteria", 1)[1].split("\n> ")[:3]
    assert "  4. About this result" in summary
    assert "not legal advice" in about and "  1. Summary" in about   # a section keeps its choices
    assert "💡" in again


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
    assert '"nationality": "NP"' in answers_file(tmp_path)


async def test_terminal_saves_documents_in_its_folder(tmp_path: Path) -> None:
    async def report(deps: Deps, turn: Turn) -> Response:
        return Response(documents=(Document("report.html", b"<p>hi</p>", "Your report"),))

    async with conversation(tmp_path / "t.db") as running:
        commands = running.service.commands
        commands["report"] = replace(commands["report"], use_case=report)
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
        terminal = TerminalChat(running.service, io.StringIO(), out, "en", folder=tmp_path)
        for line in ("/start", "India", "34", "²", "/mydata"):
            response = await terminal.handle(line)
            assert response is not None
            terminal.show(response)
    assert '"highest_degree": "bachelor"' in answers_file(tmp_path)


async def run_chat(db: Path, lines: list[str]) -> str:
    """The terminal chat in-process (stdin read to its end), as `chat` runs it in a process."""
    async with conversation(db) as running:
        out = io.StringIO()
        stdin = io.StringIO("".join(f"{line}\n" for line in lines))
        await TerminalChat(running.service, stdin, out, "en", folder=db.parent).run()
    return out.getvalue()


async def test_numbers_pick_only_among_the_choices_shown(tmp_path: Path) -> None:
    """After /review, "Change 2" opens the age question: 19 is an age, not "Change 19"."""
    out = await run_chat(tmp_path / "t.db", [*FIRST_HALF, *SECOND_HALF, "/review", "2", "19",
                                             "/mydata"])
    assert '"age": 19' in answers_file(tmp_path) and "qmas-answers.json" in out


async def test_the_results_sections_stay_numbered_after_a_typed_reply(tmp_path: Path) -> None:
    """A reply without choices (/help) leaves the result's numbered sections live, as Telegram
    leaves the result's buttons: "2" still opens "What would change the result"."""
    out = await run_chat(tmp_path / "t.db", [*FIRST_HALF, *SECOND_HALF, "/help", "2"])
    after_help = out[out.rindex("/review: see and change your answers"):]
    assert "What would change the result\n" in after_help, after_help


def _read_until(proc: subprocess.Popen[bytes], marker: bytes | None, timeout: float = 120
                ) -> bytes:
    """The process's output up to `marker`, or up to its end (the process gone) when None; the
    bound only stops a hung process, it is not a pause."""
    assert proc.stdout is not None
    seen = b""
    deadline = time.monotonic() + timeout
    while marker is None or marker not in seen:
        ready, _, _ = select.select([proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
        assert ready, seen.decode()
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk and marker is None:
            return seen
        assert chunk, seen.decode()
        seen += chunk
    return seen


def test_ctrl_c_leaves_at_once_with_answers_saved(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    env = {**os.environ, "QMAS_DB_PATH": str(db)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "bot", "chat", "--lang", "en"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    assert proc.stdin is not None and proc.stderr is not None
    try:
        proc.stdin.write(b"India\n")
        proc.stdin.flush()
        _read_until(proc, b"How old")
        proc.send_signal(signal.SIGINT)
        # Its output ends while stdin is still open: it left without waiting for a line.
        assert _read_until(proc, None).endswith(b"\n")
        assert proc.wait(timeout=120) == 0
    finally:
        proc.kill()
    assert b"Traceback" not in proc.stderr.read()
    chat(db, ["/mydata"])
    assert '"nationality": "IN"' in answers_file(tmp_path)


async def test_end_of_input_ends_the_line(tmp_path: Path) -> None:
    assert (await run_chat(tmp_path / "t.db", ["India"])).endswith("> \n")
