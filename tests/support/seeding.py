"""A database filled through the real conversation (ChatService on a real SQLite file).

Several campaigns, languages and outcomes, unfinished questionnaires, and the repeats that must
not count twice (another /start after the result, /back and the same answer again).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from bot.chat.callbacks import Rate, encode
from bot.chat.service import ChatService
from bot.chat.turn import Caller
from bot.common.markup import Plain
from bot.engine.engine import Engine
from bot.storage.store import Store
from conversations.qmas import QMAS

MEETS = ["India", "34", "Master's", "Imperial College London", "Yes", "University of Delhi",
         "English, Hindi", "7", "4", "3", "2", "5", "INR 4,500,000",
         "I don't own any", "I don't own any", "No", "No", "Yes", "Yes"]
BELOW = ["India", "55", "Bachelor's", "University of Delhi", "Hindi", "1", "0", "0", "0",
         "1", "2000", "INR 300,000", "I don't own any", "I don't own any", "No", "No", "Yes",
         "Yes"]
PREREQUISITE_NOT_MET = [*MEETS[:-1], "No", "Yes, that's right"]   # a record, confirmed
EXCLUDED = ["Afghanistan"]


@dataclass(frozen=True)
class Visitor:
    """One person: how they arrived (deep link or none) and what they typed."""

    user_key: str
    payload: str | None            # None: they typed without ever sending /start
    tag: str                       # Telegram's language_code
    answers: Sequence[str]
    rating: str | None = None      # their answer to "was it useful?" under the result
    reason: str | None = None      # and the reason they type after it


async def chat(service: ChatService, visitor: Visitor) -> None:
    caller = Caller(visitor.user_key, visitor.tag)
    if visitor.payload is not None:
        await service.start(caller, visitor.payload or None)
    for reply in visitor.answers:
        await service.text(caller, reply)
    if visitor.rating is not None:
        await service.button(caller, encode(Rate(visitor.rating)))
    if visitor.reason is not None:
        await service.text(caller, visitor.reason)


async def confirmed(service: ChatService, caller: Caller, command: str) -> None:
    """/restart or /delete, then the confirmation button the reply offers."""
    response = await service.command(caller, command)
    await service.button(caller, response.messages[-1].buttons[0][0].data)


def visitors() -> list[Visitor]:
    """17 people: 7 via zh-hant_fb2026, 4 via es_expo, 6 without a campaign (English); 11
    of them answer "was it useful?", 2 with a reason."""
    people = [Visitor(f"tg:1{n}", "zh-hant_fb2026", "zh-hk", MEETS, "useful",
                      "清楚" if n < 2 else None) for n in range(5)]
    people += [Visitor("tg:15", "zh-hant_fb2026", "zh-hk", BELOW, "not_sure"),
               Visitor("tg:16", "zh-hant_fb2026", "zh-hk", MEETS[:3]),          # stops
               Visitor("tg:20", "es_expo", "es", MEETS, "useful"),
               Visitor("tg:21", "es_expo", "es", PREREQUISITE_NOT_MET),
               Visitor("tg:22", "es_expo", "es", EXCLUDED),
               Visitor("tg:23", "es_expo", "es", MEETS[:1])]                      # stops
    people += [Visitor(f"tg:3{n}", "", "en", BELOW, "not_useful" if n else "useful")
               for n in range(4)]
    people += [Visitor("tg:34", None, "en", MEETS[:2]),      # answers without /start, stops
               Visitor("tg:35", "", "en", [])]               # opens the bot, answers nothing
    return people


async def seed(path: Path, today: date | None = None, copies: int = 1) -> None:
    """Run every visitor through the conversation, then the repeats that add nothing.

    With `copies`, the visitors come again under new ids ending in the copy's number (to draw a
    fuller picture, as for docs/stats-report.png).
    """
    store = await Store.open(path)
    service = ChatService(store, Engine(QMAS), Plain(),
                          today=(lambda: today) if today else date.today)
    try:
        for copy in range(copies):
            for visitor in visitors():
                key = visitor.user_key + (str(copy) if copy else "")
                await chat(service, replace(visitor, user_key=key))
        for _ in range(3):                                  # "Start" tapped again after the result
            await service.start(Caller("tg:10", "zh-hk"), "zh-hant_fb2026")
        await service.command(Caller("tg:11", "zh-hk"), "back")   # /back, then the same answer
        await service.text(Caller("tg:11", "zh-hk"), MEETS[-1])
    finally:
        await store.close()
