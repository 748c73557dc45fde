"""Reading the store back in tests: the user's record and questionnaire state."""

from __future__ import annotations

from bot.engine.state import State
from bot.storage.store import Store, UserRecord


async def stored_user(store: Store, user_key: str) -> UserRecord:
    return (await store.load(user_key))[0]


async def stored_state(store: Store, user_key: str) -> State | None:
    raw = (await store.load(user_key))[1]
    return State.from_json(raw) if raw is not None else None
