"""A turn's writes: plain sqlite3 statements that `Store.save` runs as one transaction in one
hop to the connection's thread (`Store.write`), with the update's applied mark.

Each function takes the `sqlite3.Connection` of aiosqlite's worker thread and runs inside the
caller's open transaction; none of them commits.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.storage.tallies import channel_of, tally_events, tally_result, tally_user

JSON = dict[str, Any]


@dataclass(frozen=True)
class NewAssessment:
    """A result to keep: the answers, the contract's assessment JSON (at least the keys of
    `bot.report.contract.record`), the language shown in."""

    answers: JSON
    result: JSON
    language: str


@dataclass(frozen=True)
class Write:
    """Everything one update changes, saved together or not at all."""

    state: JSON | None = None              # the questionnaire state (engine `State.to_json`)
    current_question: str | None = None    # where that state stands (None: complete), for stats
    events: Sequence[tuple[str, str | None]] = ()   # (kind, question id)
    language: str | None = None            # a newly chosen language
    campaign: str | None = None            # kept only if the user has none yet
    assessment: NewAssessment | None = None


def save_turn(db: sqlite3.Connection, user_key: str, write: Write, update_id: int | None,
              now: str) -> None:
    """The user row (created or touched), the questionnaire, the events and their tallies, the
    result, and the update's applied mark."""
    created = db.execute(
        "INSERT INTO users (user_key, language, campaign, first_seen, last_seen, pseudonym) "
        "VALUES (?, ?, ?, ?, ?, lower(hex(randomblob(8)))) ON CONFLICT (user_key) DO NOTHING",
        (user_key, write.language, write.campaign, now, now))
    campaign, language = write.campaign, write.language
    if created.rowcount == 1:
        tally_user(db, now, campaign, language)
    else:
        campaign, language = db.execute(
            "UPDATE users SET last_seen = ?, language = COALESCE(?, language), "
            "campaign = COALESCE(campaign, ?) WHERE user_key = ? RETURNING campaign, language",
            (now, write.language, write.campaign, user_key)).fetchone() or (campaign, language)
    if write.state is not None:
        db.execute(
            "INSERT INTO questionnaires (user_key, state, current_question, started_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_key) DO UPDATE SET "
            "state = excluded.state, current_question = excluded.current_question, "
            "updated_at = excluded.updated_at",
            (user_key, json.dumps(write.state), write.current_question, now, now))
    if write.events:
        db.executemany(
            "INSERT INTO events (user_key, kind, question, language, campaign, at, channel) "
            "SELECT user_key, ?, ?, language, campaign, ?, ? FROM users WHERE user_key = ?",
            [(kind, question, now, channel_of(user_key), user_key)
             for kind, question in write.events])
        tally_events(db, user_key, (kind for kind, _ in write.events), now, campaign, language)
    if write.assessment is not None:
        _record_assessment(db, user_key, write.assessment, now)
    mark_applied(db, update_id, now)


def mark_applied(db: sqlite3.Connection, update_id: int | None, now: str) -> None:
    """The inbox's applied mark, in the caller's transaction: the changes and the mark commit
    together, so a replayed update is never applied twice (`bot.storage.inbox`)."""
    if update_id is not None:
        db.execute("UPDATE inbox SET applied_at = ? WHERE update_id = ?", (now, update_id))


def _record_assessment(db: sqlite3.Connection, user_key: str, new: NewAssessment,
                       now: str) -> None:
    result = new.result
    inserted = db.execute(
        "INSERT INTO assessments (user_key, pseudonym, answers, outcome, met_count, "
        "unknown_count, criteria, rules_effective, assessed_on, language, campaign, "
        "created_at) SELECT user_key, pseudonym, ?, ?, ?, ?, ?, ?, ?, ?, campaign, ? "
        "FROM users WHERE user_key = ?",
        (json.dumps(new.answers), result["outcome"], result["met_count"],
         result["unknown_count"], json.dumps([c["status"] for c in result["criteria"]]),
         result["rules_effective"], result["assessed_on"], new.language, now, user_key))
    if inserted.rowcount == 1 and inserted.lastrowid is not None:
        tally_result(db, inserted.lastrowid)
    db.execute(
        "INSERT INTO events (user_key, kind, question, language, campaign, at, channel) "
        "SELECT user_key, 'completed', NULL, ?, campaign, ?, ? FROM users WHERE user_key = ?",
        (new.language, now, channel_of(user_key), user_key))
