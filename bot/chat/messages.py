"""What the chat service hands to a front end: rendered text with buttons, nothing Telegram."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OutButton:
    label: str
    data: str          # callback data, at most 64 bytes (Telegram's limit)


@dataclass(frozen=True)
class Out:
    """One message to send."""

    text: str
    buttons: tuple[tuple[OutButton, ...], ...] = ()
    typed_reply: bool = False   # the question wants typed input: show buttons as words to type


@dataclass(frozen=True)
class Response:
    """Everything the front end does in answer to one user action, in order."""

    messages: tuple[Out, ...] = ()
    edit: Out | None = None           # replace the message whose button was pressed
    toast: str | None = None          # the callback query's answer
    language: str = "en"
    extras: dict[str, str] = field(default_factory=dict)
