"""The database schema, versioned with `PRAGMA user_version` and migrated forward at start-up."""

from __future__ import annotations

# Each entry upgrades the schema from version i to i + 1. Never edit a released step: add one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE users (
        user_key   TEXT PRIMARY KEY,          -- "tg:<id>" or "terminal": no names, no usernames
        language   TEXT,                      -- chosen with /language (NULL: follow Telegram)
        campaign   TEXT,                      -- from the deep link that brought the user
        first_seen TEXT NOT NULL,
        last_seen  TEXT NOT NULL
    );
    CREATE TABLE questionnaires (
        user_key   TEXT PRIMARY KEY REFERENCES users(user_key) ON DELETE CASCADE,
        state      TEXT NOT NULL,             -- engine State as JSON
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE assessments (
        id              INTEGER PRIMARY KEY,
        user_key        TEXT NOT NULL REFERENCES users(user_key) ON DELETE CASCADE,
        answers         TEXT NOT NULL,        -- the assess contract's answers JSON
        outcome         TEXT NOT NULL,
        met_count       INTEGER NOT NULL,
        unknown_count   INTEGER NOT NULL,
        criteria        TEXT NOT NULL,        -- statuses of the 12 criteria, JSON list
        rules_effective TEXT NOT NULL,
        assessed_on     TEXT NOT NULL,
        language        TEXT NOT NULL,
        campaign        TEXT,
        created_at      TEXT NOT NULL
    );
    CREATE INDEX assessments_user ON assessments(user_key);
    CREATE TABLE events (
        id        INTEGER PRIMARY KEY,
        user_key  TEXT REFERENCES users(user_key) ON DELETE CASCADE,
        kind      TEXT NOT NULL,              -- started, answered, completed, restarted
        question  TEXT,
        language  TEXT,
        campaign  TEXT,
        at        TEXT NOT NULL
    );
    CREATE INDEX events_kind_at ON events(kind, at);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
