"""A consistent copy of the live database, taken with SQLite's online backup API.

Safe while the bot runs: in WAL mode the copy reads one snapshot and never blocks the bot's
writers. The copy is written next to the target and renamed into place only once it passes
SQLite's integrity check, so a half-written backup never carries the target's name.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from bot.storage.schema import SCHEMA_VERSION
from bot.storage.store import StoreError


def backup(source: Path, target: Path) -> int:
    """Copy `source` to `target` (which must not exist); return the copy's size in bytes."""
    if not source.is_file():
        raise StoreError(f"{source}: no such database")
    if target.exists():
        raise StoreError(f"{target}: already exists; choose a new file name")
    if not target.parent.is_dir():
        raise StoreError(f"{target}: no such directory; create it first")
    partial = target.with_name(target.name + ".partial")
    try:
        with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if not 0 < version <= SCHEMA_VERSION:
                raise StoreError(f"{source}: not a database of this bot (schema {version})")
            with contextlib.closing(sqlite3.connect(partial)) as copy:
                db.backup(copy)    # all pages in one step: one consistent snapshot
                copy.execute("PRAGMA journal_mode=DELETE")   # one self-contained file
                check = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise StoreError(f"{target}: the copy failed SQLite's integrity check: {check}")
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise StoreError(f"{source}: backup failed ({exc})") from None
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size
