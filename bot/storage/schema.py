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
    # v4: opt-in reminders and rule-change notices. Everything here belongs to one
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
    # v7: the view and its trigger go: a turn's writes are plain statements in `Store.save`.
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
    # v10: figures SQLite computes cheaply (bot/storage/tallies.py, docs/statistics.md).
    # `daily_counts` holds per-day tallies that outlive /delete and retention: a user's first
    # row, a questionnaire begun, a result (by class). Each result row says whether it repeats
    # the person's previous one, when a later result superseded it, and which criteria it
    # missed or left unsettled (bit n-1 for criterion n). The indexes cover the statistics'
    # queries. Existing rows are backfilled; people deleted before v10 are missing from the
    # new-user tallies.
    """
    CREATE TABLE daily_counts (
        day      TEXT NOT NULL,               -- YYYY-MM-DD (UTC)
        kind     TEXT NOT NULL,               -- new_user, started, completed, not_applicable,
                                              -- opened_next_steps, opened_report (v11)
        campaign TEXT NOT NULL,               -- '' for none
        language TEXT NOT NULL,               -- '' when not chosen (the app's language)
        n        INTEGER NOT NULL,
        PRIMARY KEY (day, kind, campaign, language)
    ) WITHOUT ROWID;
    ALTER TABLE assessments ADD COLUMN repeat INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE assessments ADD COLUMN superseded_at TEXT;
    ALTER TABLE assessments ADD COLUMN missed INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE assessments ADD COLUMN unsettled INTEGER NOT NULL DEFAULT 0;
    UPDATE assessments SET repeat = 1 FROM (
        SELECT id, answers IS LAG(answers) OVER w AND outcome IS LAG(outcome) OVER w
               AND criteria IS LAG(criteria) OVER w AS same
        FROM assessments WINDOW w AS (PARTITION BY pseudonym ORDER BY id)) AS p
        WHERE p.id = assessments.id AND p.same;
    UPDATE assessments SET superseded_at = n.next FROM (
        SELECT id, LEAD(created_at) OVER (PARTITION BY pseudonym ORDER BY id) AS next
        FROM assessments WHERE NOT repeat) AS n
        WHERE n.id = assessments.id AND n.next IS NOT NULL;
    UPDATE assessments SET
        missed = (SELECT COALESCE(SUM(1 << key), 0) FROM json_each(criteria)
                  WHERE value = 'not_met'),
        unsettled = (SELECT COALESCE(SUM(1 << key), 0) FROM json_each(criteria)
                     WHERE value = 'unknown');
    CREATE INDEX assessments_figures ON assessments (created_at, repeat, superseded_at, outcome,
                                                     campaign, language, missed, unsettled);
    CREATE INDEX questionnaires_waiting ON questionnaires (updated_at, current_question)
        WHERE current_question IS NOT NULL;
    DROP INDEX events_kind_at;
    CREATE INDEX events_kind_at ON events (kind, at, campaign, language, user_key);
    INSERT INTO daily_counts
        SELECT substr(first_seen, 1, 10), 'new_user', COALESCE(campaign, ''),
               COALESCE(language, ''), count(*) FROM users GROUP BY 1, 3, 4;
    INSERT INTO daily_counts
        SELECT substr(at, 1, 10), 'started', COALESCE(campaign, ''), COALESCE(language, ''),
               count(*) FROM events WHERE kind = 'started' GROUP BY 1, 3, 4;
    INSERT INTO daily_counts
        SELECT substr(created_at, 1, 10),
               CASE WHEN outcome IN ('already_resident', 'nationality_excluded')
                    THEN 'not_applicable' ELSE 'completed' END,
               COALESCE(campaign, ''), language, count(*)
        FROM assessments WHERE NOT repeat GROUP BY 1, 2, 3, 4;
    """,
    # v11: people who opened the next steps or the report, counted in `daily_counts` on the day
    # of their first opening (a person who deletes and comes back counts again), so a year's
    # figure needs no distinct count over the events. The partial index serves the look-up of
    # an earlier opening (bot/storage/tallies.py).
    """
    CREATE INDEX events_opened ON events (user_key, kind)
        WHERE kind IN ('opened_next_steps', 'opened_report');
    INSERT INTO daily_counts
        SELECT substr(at, 1, 10), kind, COALESCE(campaign, ''), COALESCE(language, ''),
               count(*) FROM events
        WHERE id IN (SELECT min(id) FROM events WHERE kind IN ('opened_next_steps',
                                                               'opened_report')
                     GROUP BY kind, COALESCE(user_key, 'event:' || id))
        GROUP BY 1, 2, 3, 4;
    """,
    # v12: the latest results, tallied per day as well: `result_counts` by outcome, campaign and
    # language, `criteria_counts` by criterion and status (applicable results only). `until` is
    # '' while the result is its person's latest, else the day a later result replaced it, so
    # "each person's latest result in a period" is a sum over the period's days. Kept by
    # bot/storage/tallies.py in the transaction that saves or erases a result; backfilled here.
    """
    CREATE TABLE result_counts (
        day      TEXT NOT NULL,               -- the result's day (UTC)
        until    TEXT NOT NULL,               -- '' or the day a later result superseded it
        outcome  TEXT NOT NULL,
        campaign TEXT NOT NULL,
        language TEXT NOT NULL,
        n        INTEGER NOT NULL,
        PRIMARY KEY (day, until, outcome, campaign, language)
    ) WITHOUT ROWID;
    CREATE TABLE criteria_counts (
        day       TEXT NOT NULL,
        until     TEXT NOT NULL,
        criterion INTEGER NOT NULL,           -- 1 to 12
        status    TEXT NOT NULL,              -- not_met, unknown
        n         INTEGER NOT NULL,
        PRIMARY KEY (day, until, criterion, status)
    ) WITHOUT ROWID;
    INSERT INTO result_counts
        SELECT substr(created_at, 1, 10), COALESCE(substr(superseded_at, 1, 10), ''), outcome,
               COALESCE(campaign, ''), language, count(*)
        FROM assessments WHERE NOT repeat GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO criteria_counts
        SELECT substr(a.created_at, 1, 10), COALESCE(substr(a.superseded_at, 1, 10), ''),
               c.key + 1, c.value, count(*)
        FROM assessments AS a, json_each(a.criteria) AS c
        WHERE NOT a.repeat AND a.outcome NOT IN ('already_resident', 'nationality_excluded')
          AND c.value IN ('not_met', 'unknown')
        GROUP BY 1, 2, 3, 4;
    DROP INDEX assessments_figures;
    """,
    # v13: the channel (telegram, web, terminal) of each event, a dimension of the statistics.
    # Store.save writes it from the user key, so it outlives a purge or /delete.
    """
    ALTER TABLE events ADD COLUMN channel TEXT;
    UPDATE events SET channel = CASE WHEN user_key LIKE 'tg:%' THEN 'telegram'
        WHEN user_key LIKE 'web:%' THEN 'web' ELSE 'terminal' END WHERE user_key IS NOT NULL;
    """,
    # The bot asked for the month and year of birth (the age reminder) and reads the user's next
    # typed message as it, also after a restart; any command or button ends the wait.
    """
    ALTER TABLE reminder_optins ADD COLUMN birth_month_asked INTEGER NOT NULL DEFAULT 0;
    """,
    # Feedback: "was it useful?" after a result and "did you apply?" 60 days later, one row per
    # person, deleted with them (ON DELETE CASCADE). The answers are counted once, when first
    # given, in `daily_counts` (kinds useful, not_sure, not_useful, gave_reason, applied,
    # not_yet, decided_not) by bot/storage/feedback.py; the reason text is never counted or
    # shown, only kept with the person's data.
    """
    CREATE TABLE feedback (
        user_key TEXT PRIMARY KEY REFERENCES users(user_key) ON DELETE CASCADE,
        useful   TEXT,                        -- useful, not_sure, not_useful (NULL: not asked)
        reason   TEXT,                        -- the person's own words, optional
        awaiting INTEGER NOT NULL DEFAULT 0,  -- 1: their next typed message is the reason
        asked_on TEXT,                        -- the day "did you apply?" was queued (once)
        applied  TEXT                         -- applied, not_yet, decided_not
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
