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
    # v2: updates applied once (redelivery after a crash), pseudonyms for exports, and results
    # and events that outlive a purged user anonymously (user_key set to NULL).
    """
    CREATE TABLE processed_updates (
        update_id INTEGER PRIMARY KEY,
        at        TEXT NOT NULL
    );
    ALTER TABLE users ADD COLUMN pseudonym TEXT;
    UPDATE users SET pseudonym = lower(hex(randomblob(8)));
    CREATE TABLE assessments_v2 (
        id              INTEGER PRIMARY KEY,
        user_key        TEXT REFERENCES users(user_key) ON DELETE SET NULL,
        pseudonym       TEXT NOT NULL,
        answers         TEXT NOT NULL,
        outcome         TEXT NOT NULL,
        met_count       INTEGER NOT NULL,
        unknown_count   INTEGER NOT NULL,
        criteria        TEXT NOT NULL,
        rules_effective TEXT NOT NULL,
        assessed_on     TEXT NOT NULL,
        language        TEXT NOT NULL,
        campaign        TEXT,
        created_at      TEXT NOT NULL
    );
    INSERT INTO assessments_v2
        SELECT a.id, a.user_key, COALESCE(u.pseudonym, lower(hex(randomblob(8)))), a.answers,
               a.outcome, a.met_count, a.unknown_count, a.criteria, a.rules_effective,
               a.assessed_on, a.language, a.campaign, a.created_at
        FROM assessments a LEFT JOIN users u ON u.user_key = a.user_key;
    DROP TABLE assessments;
    ALTER TABLE assessments_v2 RENAME TO assessments;
    CREATE INDEX assessments_user ON assessments(user_key);
    CREATE INDEX assessments_created ON assessments(created_at);
    CREATE TABLE events_v2 (
        id        INTEGER PRIMARY KEY,
        user_key  TEXT REFERENCES users(user_key) ON DELETE SET NULL,
        kind      TEXT NOT NULL,
        question  TEXT,
        language  TEXT,
        campaign  TEXT,
        at        TEXT NOT NULL
    );
    INSERT INTO events_v2 SELECT * FROM events;
    DROP TABLE events;
    ALTER TABLE events_v2 RENAME TO events;
    CREATE INDEX events_kind_at ON events(kind, at);
    """,
    # v3: where each questionnaire stands, saved with its state, so statistics need no engine.
    # States saved before v3 have none and count as finished in the drop-off figures.
    """
    ALTER TABLE questionnaires ADD COLUMN current_question TEXT;
    """,
    # v4: opt-in reminders and rule-change notices (issue 14). Everything here belongs to one
    # user and goes with them (/delete, retention purge) through ON DELETE CASCADE; the counts
    # of sent, cancelled and blocked reminders live on as anonymous `events` rows.
    """
    CREATE TABLE reminder_optins (
        user_key    TEXT PRIMARY KEY REFERENCES users(user_key) ON DELETE CASCADE,
        answers     TEXT NOT NULL,            -- contract answers JSON the reminders re-assess
        answered_on TEXT NOT NULL,            -- the day those answers describe (YYYY-MM-DD)
        rules_day   TEXT NOT NULL,            -- a day whose rules and list the user last heard of
        birth_month TEXT,                     -- 'YYYY-MM', only when asked for the age reminder
        language    TEXT NOT NULL,            -- the language the user opted in with
        known       TEXT NOT NULL,            -- rule and list versions the plan knew, JSON list
        opted_at    TEXT NOT NULL,
        blocked_at  TEXT                      -- Telegram answered 403: nothing more is sent
    );
    CREATE TABLE reminders (
        id        INTEGER PRIMARY KEY,
        user_key  TEXT NOT NULL REFERENCES users(user_key) ON DELETE CASCADE,
        kind      TEXT NOT NULL,              -- 'time' (a date reached) or 'rules' (new rules)
        event_on  TEXT NOT NULL,              -- the day the result changes
        due_on    TEXT NOT NULL,              -- the day to send the reminder
        since     TEXT,                       -- 'rules': a day of the rules it compares with
        status    TEXT NOT NULL DEFAULT 'pending',  -- pending, sending, sent, cancelled, ...
        done_at   TEXT,
        UNIQUE (user_key, kind, event_on)
    );
    CREATE INDEX reminders_due ON reminders(status, due_on);
    """,
    # v5: the inbox. Every update is stored here before Telegram is told it arrived, and marked
    # done once handled; after a crash the undone ones are replayed (bot/storage/inbox.py).
    # Bodies (the users' messages) live in their own table and go as soon as the update is
    # handled, which frees whole pages for reuse; the small id rows stay two days for dedup.
    """
    CREATE TABLE inbox (
        update_id   INTEGER PRIMARY KEY,
        received_at TEXT NOT NULL,
        done_at     TEXT                      -- NULL: not yet handled
    );
    CREATE TABLE inbox_bodies (
        update_id INTEGER PRIMARY KEY REFERENCES inbox(update_id) ON DELETE CASCADE,
        body      TEXT NOT NULL               -- the update's JSON, until it is handled
    );
    """,
    # v6: one update's writes as one statement (`Store.save`): a row inserted into this view
    # is applied by its trigger, so a turn costs one round trip to aiosqlite's thread and
    # SQLite makes the statement all or nothing. `events` is a JSON list of [kind, question].
    """
    CREATE VIEW turn_writes (user_key, language, campaign, state, current_question, events,
                             update_id, at) AS
        SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL WHERE 0;
    CREATE TRIGGER turn_write INSTEAD OF INSERT ON turn_writes BEGIN
        INSERT INTO users (user_key, language, campaign, first_seen, last_seen, pseudonym)
            VALUES (NEW.user_key, NEW.language, NEW.campaign, NEW.at, NEW.at,
                    lower(hex(randomblob(8))))
            ON CONFLICT (user_key) DO UPDATE SET
                last_seen = excluded.last_seen,
                language = COALESCE(excluded.language, users.language),
                campaign = COALESCE(users.campaign, excluded.campaign);
        INSERT INTO questionnaires (user_key, state, current_question, started_at, updated_at)
            SELECT NEW.user_key, NEW.state, NEW.current_question, NEW.at, NEW.at
            WHERE NEW.state IS NOT NULL
            ON CONFLICT (user_key) DO UPDATE SET
                state = excluded.state, current_question = excluded.current_question,
                updated_at = excluded.updated_at;
        INSERT INTO events (user_key, kind, question, language, campaign, at)
            SELECT u.user_key, json_extract(e.value, '$[0]'), json_extract(e.value, '$[1]'),
                   u.language, u.campaign, NEW.at
            FROM json_each(NEW.events) AS e JOIN users AS u ON u.user_key = NEW.user_key
            ORDER BY e.key;
        INSERT OR IGNORE INTO processed_updates (update_id, at)
            SELECT NEW.update_id, NEW.at WHERE NEW.update_id IS NOT NULL;
    END;
    """,
    # v7: a turn's writes are plain statements in `Store.save` again; the view and its trigger go.
    """
    DROP TRIGGER turn_write;
    DROP VIEW turn_writes;
    """,
    # v8: an update's changes and its inbox mark commit together (`Store.save`), so the inbox
    # alone says what was applied: `applied_at` (was `done_at`) is set in the answer's own
    # transaction, and an update is finished once its body is gone. Updates that
    # `processed_updates` knew as applied keep that knowledge; then the table goes.
    """
    ALTER TABLE inbox RENAME COLUMN done_at TO applied_at;
    UPDATE inbox SET applied_at = (SELECT p.at FROM processed_updates p
                                   WHERE p.update_id = inbox.update_id)
        WHERE applied_at IS NULL
          AND update_id IN (SELECT update_id FROM processed_updates);
    DROP TABLE processed_updates;
    """,
    # v9: updates that could not be read, kept as counts (id, field names, error type, never
    # the content), confirmed so they cannot block polling; and the health check's heartbeat,
    # one row rewritten by each probe to prove that a write reaches the disk.
    """
    CREATE TABLE dead_letters (
        update_id   INTEGER PRIMARY KEY,
        received_at TEXT NOT NULL,
        kinds       TEXT NOT NULL,            -- the update's top-level fields, e.g. "message"
        error       TEXT NOT NULL             -- the type of the parsing error
    );
    CREATE TABLE heartbeat (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        at TEXT NOT NULL
    );
    INSERT INTO heartbeat (id, at) VALUES (1, '');
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
