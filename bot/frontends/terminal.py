"""The terminal chat: the same conversation as on Telegram, with numbered choices."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot.chat.callbacks import Confirm, decode
from bot.chat.commands import split_command
from bot.chat.messages import Document, Out, OutButton, Response
from bot.chat.service import ChatService
from bot.chat.turn import Caller
from bot.i18n.bidi import rtl_lines
from bot.i18n.fold import is_wide, words
from bot.i18n.text import t
from bot.i18n.translator import Translator
from bot.replies import choice_number
from bot.replies.yesno import parse_tri
from bot.scoring.answers import Tri

USER_KEY = "terminal"


def _typed_hint(labels: list[str], tr: Translator) -> str:
    """The answers a typed reply may give, bracketed and separated as the reader's language writes
    them: "(None / Not sure)", "（沒有／不確定）"."""
    options = functools.reduce(lambda shown, label: tr(t("{options} / {option}", options=shown,
                                                           option=label)), labels)
    return tr(t("({options})", options=options))


class TerminalChat:
    """Reads lines from `stdin`, writes the bot's messages to `stdout`."""

    def __init__(self, service: ChatService, stdin: TextIO, stdout: TextIO,
                 language: str | None = None, folder: Path | None = None) -> None:
        self.service = service
        self.stdin = stdin
        self.stdout = stdout
        self.caller = Caller(USER_KEY, language)
        self.folder = folder or Path.cwd()   # where documents are written
        self.choices: list[str] = []   # callback data of the last numbered buttons
        self.labels: list[str] = []    # their labels, which may be typed instead of a number

    def show(self, response: Response) -> None:
        if response.toast and response.edit is None:   # in CJK text, CJK brackets
            self._write(f"（{response.toast}）" if is_wide(response.toast[0])
                        else f"({response.toast})")
        # Right to left, as in Telegram: every line opens with a right-to-left mark.
        tr = Translator.for_code(response.language)
        layout = rtl_lines if tr.language.rtl else str
        # An edit keeps its buttons (a result's section). The choices of one response are
        # numbered on from one message to the next (a result, then the question under it), and
        # numbers typed next pick among them, unless the last message takes typed replies. A
        # reply with no choices leaves the last ones live, as Telegram leaves a message's buttons.
        outs = [*([response.edit] if response.edit else []), *response.messages]
        buttons: list[OutButton] = []
        for out in outs:
            buttons += self._show_out(out, tr, layout, len(buttons))
        for document in response.documents:
            self._save(document)
        if outs and (buttons or outs[-1].typed_reply):
            shown = [] if outs[-1].typed_reply else buttons
            self.choices, self.labels = [b.data for b in shown], [words(b.label) for b in shown]

    def _show_out(self, out: Out, tr: Translator, layout: Callable[[str], str],
                  numbered: int) -> list[OutButton]:
        """Write one message; its numbered choices, which follow `numbered` ones."""
        self._write(layout(out.text))
        buttons = [b for row in out.buttons for b in row]
        if not buttons:
            return []
        if out.typed_reply:
            self._write(layout(_typed_hint([b.label for b in buttons], tr)))
            return []
        self._write(layout("\n".join(f"  {i}. {b.label}"
                                     for i, b in enumerate(buttons, start=numbered + 1))))
        return buttons

    def _save(self, document: Document) -> None:
        """A document is written into the folder (never over another file) and its path shown."""
        path = self.folder / Path(document.filename).name
        stem, suffix, n = path.stem, path.suffix, 1
        while path.exists():
            n += 1
            path = path.with_name(f"{stem}-{n}{suffix}")
        path.write_bytes(document.data)
        self._write("\n".join(x for x in (document.caption, str(path)) if x))

    def _write(self, text: str) -> None:
        self.stdout.write(text + "\n\n")
        self.stdout.flush()

    async def handle(self, line: str) -> Response | None:
        """One line typed by the user; None means quit."""
        text = line.strip()
        if text in ("/quit", "/exit"):
            return None
        if (command := split_command(text)) is not None:
            return await self.service.command(self.caller, *command)
        number = choice_number(text)
        if number is not None and 1 <= number <= len(self.choices):
            return await self.service.button(self.caller, self.choices[number - 1])
        if (confirmation := self._confirmation(text)) is not None:
            return await self.service.button(self.caller, confirmation)
        return await self.service.text(self.caller, text)

    def _confirmation(self, text: str) -> str | None:
        """The button a typed yes or no, or a typed label, means under a confirmation
        (/restart's, /delete's), as buttons are pressed in the terminal by typing: its data, or
        None for other text."""
        shown = [(data, pressed) for data in self.choices
                 if isinstance(pressed := decode(data), Confirm)]
        labels = dict(zip(self.choices, self.labels, strict=True))
        if (typed := next((d for d, _ in shown if labels[d] == words(text)), None)) is not None:
            return typed   # its label typed ("Cancel", "キャンセル")
        answer = parse_tri(text) if shown else None
        if answer not in (Tri.YES, Tri.NO):
            return None
        cancel = answer is Tri.NO
        return next((data for data, pressed in shown if (pressed.what == "keep") == cancel), None)

    async def run(self) -> None:
        """Chat until /quit, end of input (Ctrl-D) or Ctrl-C; every answer is already saved."""
        self.show(await self.service.start(self.caller, None))
        tr = await self.service.translator(self.caller)
        self._write(tr(t("(Type /quit to leave; your answers are saved.)")))
        lines: asyncio.Queue[str] = asyncio.Queue()
        # A daemon thread, not the loop's executor: a read blocked in it must not keep the
        # process alive after Ctrl-C (asyncio.run would wait for the executor until Enter).
        threading.Thread(target=self._read_lines, args=(asyncio.get_running_loop(), lines),
                         daemon=True).start()
        try:
            while True:
                self.stdout.write("> ")
                self.stdout.flush()
                line = await lines.get()
                response = await self.handle(line) if line else None
                if response is None:
                    break
                self.show(response)
        except asyncio.CancelledError:   # Ctrl-C: asyncio.run cancels the chat; leave quietly
            pass
        self.stdout.write("\n")
        self.stdout.flush()

    def _read_lines(self, loop: asyncio.AbstractEventLoop, lines: asyncio.Queue[str]) -> None:
        with contextlib.suppress(RuntimeError):   # the chat may be over and its loop closed
            for line in iter(self.stdin.readline, ""):
                loop.call_soon_threadsafe(lines.put_nowait, line)
            loop.call_soon_threadsafe(lines.put_nowait, "")
