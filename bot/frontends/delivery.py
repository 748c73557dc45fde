"""A `Response` sent through the Bot API: the callback answered, the pressed message edited, the
messages split to Telegram's limit and sent in order, with retries where they are safe."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.constants import MessageLimit, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError, TimedOut
from telegram.ext import CallbackContext, ExtBot

from bot.chat.messages import Out, Response
from bot.i18n.bidi import rtl_lines
from bot.i18n.languages import by_code

log = logging.getLogger(__name__)
T = TypeVar("T")
ATTEMPTS = 3       # of one Bot API call, network faults included
RETRY_PAUSE = 0.2  # seconds, doubled per attempt: 0.4 s, then 0.8 s
AnyContext = CallbackContext[ExtBot[Any], Any, Any, Any]


def _markup(out: Out) -> InlineKeyboardMarkup | None:
    if not out.buttons:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.data)
                                  for b in row] for row in out.buttons])


def split_text(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Split at paragraph, then line boundaries so each part fits in one message."""
    parts: list[str] = []
    current = ""
    for paragraph in text.split("\n"):
        candidate = f"{current}\n{paragraph}" if current else paragraph
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        while len(paragraph) > limit:
            parts.append(paragraph[:limit])
            paragraph = paragraph[limit:]
        current = paragraph
    return [*parts, current] if current else parts


async def _with_retries(call: Callable[[], Awaitable[T]], *, idempotent: bool) -> T:
    """Retry network faults and 5xx with backoff: our only retry layer (429s are left to
    `AIORateLimiter`). A timed-out request may have been delivered, so only an idempotent one
    (an edit) is repeated after a timeout. A final failure goes to `on_error`, logged once.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await call()
        except (BadRequest, Forbidden):
            raise
        except TimedOut:
            if not idempotent or attempt == ATTEMPTS:
                raise
        except NetworkError:
            if attempt == ATTEMPTS:
                raise
        await asyncio.sleep(RETRY_PAUSE * 2 ** attempt)
    raise AssertionError("unreachable")


# chat_data key: the message id of the last question or result sent with buttons, whose
# buttons go when a newer one is sent (kept in memory: after a restart old ones stay, harmless).
KEYBOARD = "keyboard"
# The answer said back on top of the current question (its message id and text): an edit after a
# press keeps it above the question (kept in memory, like the keyboard).
LEAD = "lead"


async def _retire_keyboard(context: AnyContext, chat_id: int, message_id: int) -> None:
    """Remove the buttons of an earlier question or result (answered by typing, or asked again
    after an error): best effort and tried once, as the answer itself is already delivered."""
    try:
        await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
    except TelegramError as exc:   # gone, already without buttons, or Telegram unreachable
        log.info("keyboard not removed: %s", exc.message)


async def deliver(update: Update, context: AnyContext, response: Response) -> None:
    """Answer the callback, edit the pressed message, then send the new messages.

    The answer is already stored when this runs, so a failing call costs at most a message:
    the callback and the edit are best effort, and the new messages go out in order. Once a new
    question or result is sent, the buttons come off the one before (after it: the reader needs
    the reply first), so only the current one has any.
    """
    query = update.callback_query
    chat = update.effective_chat
    if query is not None:
        try:
            await query.answer(response.toast[:200] if response.toast else None)
        except BadRequest as exc:   # "query is too old": the press was still handled
            log.info("callback answer refused: %s", exc.message)
    data = context.chat_data
    if response.edit is not None and query is not None and query.message is not None:
        edit = response.edit
        lead = data.get(LEAD) if data is not None else None
        text = edit.text
        if lead is not None and lead[0] == query.message.message_id and lead[1]:
            text = f"{lead[1]}\n\n{text}"
        text = rtl_lines(text) if by_code(response.language).rtl else text
        try:
            await _with_retries(lambda: query.edit_message_text(
                text, parse_mode=ParseMode.HTML, reply_markup=_markup(edit)),
                idempotent=True)
        except BadRequest as exc:   # not modified, or the message is gone: nothing to fix
            if "not modified" not in exc.message:
                log.info("edit refused: %s", exc.message)
    if chat is None:
        return
    # Right to left, Telegram lays out each line as its own paragraph: a RIGHT-TO-LEFT MARK on
    # every line keeps one that opens with a number, Latin or an emoji (ℹ️ is left to right) Arabic.
    layout = rtl_lines if by_code(response.language).rtl else str
    retired = data.pop(KEYBOARD, None) if data is not None and any(
        out.current for out in response.messages) else None
    pressed = query.message.message_id if query is not None and query.message else None
    for out in response.messages:
        chunks = split_text(layout(out.text))
        for i, chunk in enumerate(chunks):
            markup = _markup(out) if i == len(chunks) - 1 else None
            try:
                sent = await _with_retries(functools.partial(
                    context.bot.send_message, chat.id, chunk, parse_mode=ParseMode.HTML,
                    reply_markup=markup), idempotent=False)
            except TimedOut:   # most likely delivered: not repeated, and the rest still goes
                log.info("a reply timed out; not repeated, as it may have been delivered")
                continue
            if out.current and markup is not None and data is not None:
                data[KEYBOARD] = sent.message_id
                data[LEAD] = (sent.message_id, out.lead)
    for document in response.documents:
        await _with_retries(functools.partial(
            context.bot.send_document, chat.id,
            InputFile(document.data, filename=document.filename),
            caption=document.caption or None), idempotent=False)
    if retired is not None and retired != pressed:   # the pressed one was edited above
        await _retire_keyboard(context, chat.id, retired)
