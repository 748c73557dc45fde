"""What the chat service hands to a front end: rendered text with buttons, nothing Telegram."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutButton:
    label: str
    data: str          # callback data, at most 64 bytes (Telegram's limit): see `callbacks`


@dataclass(frozen=True)
class Out:
    """One message to send."""

    text: str
    buttons: tuple[tuple[OutButton, ...], ...] = ()
    typed_reply: bool = False   # the question wants typed input: show buttons as words to type
    current: bool = False       # the question or result on screen: a newer one retires its buttons
    lead: str = ""              # the start of `text` said back about the previous answer: an edit
                                # of this message after a press keeps it (see `Response.edit`)


@dataclass(frozen=True)
class Document:
    """A file to send (Telegram: a document; terminal: a file written in the current directory)."""

    filename: str
    data: bytes
    caption: str = ""


@dataclass(frozen=True)
class Response:
    """Everything the front end does in answer to one user action, in order.

    The callback is answered (`toast`), the pressed message edited (`edit`), then `messages`
    and `documents` are sent.
    """

    messages: tuple[Out, ...] = ()
    edit: Out | None = None           # replace the message whose button was pressed, below its lead
    toast: str | None = None          # the callback query's answer
    language: str = "en"
    documents: tuple[Document, ...] = ()
