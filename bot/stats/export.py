"""The pseudonymous CSV export of completed questionnaires, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import json
import sqlite3
from typing import TextIO

from bot.stats.period import Period

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    """Neutralise formula injection: a cell starting like a formula is prefixed with '."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


EXPORT_COLUMNS = ("respondent", "completed_at", "language", "campaign", "outcome", "met_count",
                  "unknown_count", *(f"criterion_{n}" for n in range(1, 13)), "rules_effective",
                  "assessed_on")


def write_csv(db: sqlite3.Connection, period: Period, out: TextIO) -> int:
    """Completed questionnaires (repeats of a person's previous result left out), one row each,
    with pseudonymous ids, streamed row by row to `out`; returns the number of rows."""
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    rows = 0
    for person, at, language, campaign, outcome, met, unknown, criteria, rules, assessed in (
            db.execute("SELECT pseudonym, created_at, language, campaign, outcome, met_count, "
                       "unknown_count, criteria, rules_effective, assessed_on FROM assessments "
                       "WHERE created_at >= ? AND created_at < ? AND NOT repeat "
                       "ORDER BY created_at, id",
                       period.bounds)):
        cells = [person, at, language, campaign or "", outcome, met, unknown,
                 *json.loads(criteria), rules, assessed]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
        rows += 1
    return rows
