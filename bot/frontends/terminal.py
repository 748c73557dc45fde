"""The terminal chat: the same conversation as on Telegram, with numbered choices."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TextIO

from bot.chat.messages import Document, Out, Response
from bot.chat.service import ChatService
from bot.chat.turn import Caller
from bot.engine.readers import choice_number
from bot.i18n.text import t

USER_KEY = "terminal"


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

    def show(self, response: Response) -> None:
        if response.toast and response.edit is None:
            self._write(f"({response.toast})")
        if response.edit is not None:
            self._write(response.edit.text)
        for out in response.messages:
            self._show_out(out)
        for document in response.documents:
            self._save(document)
        shown = [*response.messages, *([response.edit] if response.edit else [])]
        for out in reversed(shown):
            if out.buttons:
                self.choices = [b.data for row in out.buttons for b in row]
                if out.typed_reply:
                    self.choices = []
                break

    def _show_out(self, out: Out) -> None:
        self._write(out.text)
        buttons = [b for row in out.buttons for b in row]
        if not buttons:
            return
        if out.typed_reply:
            self._write("(" + " / ".join(b.label for b in buttons) + ")")
        else:
            self._write("\n".join(f"  {i}. {b.label}" for i, b in enumerate(buttons, start=1)))

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
        if text.startswith("/"):
            name = text[1:].split()[0].lower() if len(text) > 1 else ""
            if name == "start":
                return await self.service.start(self.caller, None)
            return await self.service.command(self.caller, name)
        number = choice_number(text)
        if number is not None and 1 <= number <= len(self.choices):
            return await self.service.button(self.caller, self.choices[number - 1])
        return await self.service.text(self.caller, text)

    async def run(self) -> None:
        self.show(await self.service.start(self.caller, None))
        tr = await self.service.translator(self.caller)
        self._write(tr(t("(Type /quit to leave; your answers are saved.)")))
        while True:
            self.stdout.write("> ")
            self.stdout.flush()
            line = await asyncio.to_thread(self.stdin.readline)
            if not line:
                return
            response = await self.handle(line)
            if response is None:
                return
            self.show(response)
