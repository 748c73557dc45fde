"""Many people written quickly through the store's own code (`Store.save`), spread over days.

Each person is one of the personas of `seeding` (their answers, state and result come from a
real conversation), arriving on a random day by a random campaign and language: a start with
a few answers, for most a result, for some an opened next-steps page or report. Used by the
statistics benchmark (bench/stats.py) and by the test that chats during a year of /stats.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.chat.service import ChatService
from bot.common.markup import Plain
from bot.engine.engine import Engine
from bot.i18n.languages import LANGUAGES
from bot.storage import store as store_module
from bot.storage.events import OPENED_NEXT_STEPS, OPENED_REPORT
from bot.storage.store import Store
from bot.storage.writes import NewAssessment, Write
from conversations.qmas import QMAS
from tests.support.seeding import BELOW, EXCLUDED, MEETS, PREREQUISITE_NOT_MET, Visitor, chat

CAMPAIGNS = (None, "fb2026", "expo", "hku-fair", "ig-reels", "newsletter", "radio")
PERSONAS = {"meets": MEETS, "below": BELOW, "prerequisite": PREREQUISITE_NOT_MET,
            "excluded": EXCLUDED, "resident": ["Hong Kong"]}
WEIGHTS = {"meets": 3, "below": 5, "prerequisite": 1, "excluded": 0.3, "resident": 0.3}
BATCH = 1000


@dataclass(frozen=True)
class Persona:
    """What one kind of person leaves in the database."""

    state: dict[str, Any]
    answered: tuple[str, ...]            # question ids, in order
    result: dict[str, Any]
    answers: dict[str, Any]


async def personas() -> dict[str, Persona]:
    """Each persona's state, answers and result, from a real conversation on a scratch file."""
    with tempfile.TemporaryDirectory() as scratch:
        store = await Store.open(Path(scratch) / "personas.sqlite3")
        service = ChatService(store, Engine(QMAS), Plain())
        found = {}
        for name, replies in PERSONAS.items():
            await chat(service, Visitor(f"tg:{name}", "", "en", replies))
            data = await store.user_data(f"tg:{name}")
            _, state = await store.load(f"tg:{name}")
            assert state is not None
            last = data["results"][-1]
            found[name] = Persona(
                state, tuple(e["question"] for e in data["events"] if e["kind"] == "answered"),
                {**{k: last[k] for k in ("outcome", "met_count", "unknown_count",
                                         "rules_effective", "assessed_on")},
                 "criteria": [{"status": s} for s in last["criteria"]]}, last["answers"])
        await store.close()
    return found


@contextmanager
def store_clock(at: list[datetime]) -> Iterator[None]:
    """Make the store stamp its rows with `at[0]` (the crowd arrives over many days)."""
    real = store_module.timestamp
    store_module.timestamp = lambda: at[0].isoformat(timespec="seconds")
    try:
        yield
    finally:
        store_module.timestamp = real


async def seed_crowd(store: Store, people: int, first_day: datetime, days: int,
                     rng: random.Random, known: dict[str, Persona] | None = None) -> None:
    """`people` people over `days` days from `first_day`, each through 2–3 `Store.save` calls,
    a thousand people to a transaction (`Store.batch`)."""
    known = known or await personas()
    clock = [first_day]
    with store_clock(clock):
        for begin in range(0, people, BATCH):
            async with store.batch():
                for n in range(begin, min(people, begin + BATCH)):
                    clock[0] = first_day + timedelta(seconds=rng.randrange(days * 86400))
                    await _arrive(store, f"crowd:{n}", known, rng, clock)


async def _arrive(store: Store, key: str, known: dict[str, Persona], rng: random.Random,
                  clock: list[datetime]) -> None:
    """One person: begins, stops or gets a result, and perhaps opens what follows it."""
    persona = known[rng.choices(list(WEIGHTS), list(WEIGHTS.values()))[0]]
    language = rng.choice([None, None, *(lang.code for lang in LANGUAGES)])
    stop = rng.randrange(1, len(persona.answered) + 1)
    await store.save(key, Write(
        persona.state, persona.answered[min(stop, len(persona.answered) - 1)],
        [("started", None), *(("answered", q) for q in persona.answered[:stop])],
        language=language, campaign=rng.choice(CAMPAIGNS)), update_id=None)
    if rng.random() < 0.35:
        return                                              # stops before the result
    clock[0] += timedelta(minutes=rng.randrange(2, 40))
    await store.save(key, Write(persona.state, None, [
        ("answered", q) for q in persona.answered[stop:]], assessment=NewAssessment(
            persona.answers, persona.result, language or "en")), update_id=None)
    if rng.random() < 0.4:
        clock[0] += timedelta(minutes=1)
        opened = [(OPENED_NEXT_STEPS, None)] * rng.randrange(1, 3)
        await store.save(key, Write(events=[*opened, *[(OPENED_REPORT, None)] * (
            rng.random() < 0.5)]), update_id=None)


def year_ending(day: datetime) -> datetime:
    """The first moment of the 365 days that end on `day`."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(days=364)
