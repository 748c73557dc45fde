"""Schools, faculties and arms of universities, as dated data: which university each belongs to
and whether its degrees count as that university's (ImmD's note on eligible universities)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import Any

from bot.i18n.native_names import with_typed_names

_FILE = "university-schools.toml"


class SchoolKind(StrEnum):
    """What a school is to its university: only a faculty's degrees are the university's own."""

    FACULTY = "faculty"
    CONTINUING = "continuing"
    EXTENSION = "extension"
    BRANCH = "branch"
    SUBSIDIARY = "subsidiary"
    AFFILIATED = "affiliated"
    ARM = "arm"          # recognised only by words such as "extension" in a name we do not hold


@dataclass(frozen=True)
class School:
    """A school as typed or listed, and the university it belongs to (None when not known)."""

    name: str
    university: str | None
    kind: SchoolKind
    aliases: tuple[str, ...] = ()

    @property
    def counts(self) -> bool:
        """A faculty's degree is conferred by its university; ImmD excludes every other arm."""
        return self.kind is SchoolKind.FACULTY


@dataclass(frozen=True)
class SchoolTable:
    """The data file: its schools, the words that mark arms and faculties, and its source."""

    schools: tuple[School, ...]
    excluded_words: tuple[str, ...]
    faculty_words: tuple[str, ...]
    source: str
    source_url: str
    last_verified: date


def _school(raw: dict[str, Any]) -> School:
    return School(raw["name"], raw["university"], SchoolKind(raw["kind"]),
                  with_typed_names(raw["name"], raw.get("aliases", ())))


@cache
def school_table() -> SchoolTable:
    """The schools data file, read once."""
    data = tomllib.loads(files("bot.rules").joinpath("data", _FILE).read_text(encoding="utf-8"))
    return SchoolTable(tuple(_school(raw) for raw in data["school"]),
                       tuple(data["excluded_words"]), tuple(data["faculty_words"]),
                       data["source"], data["source_url"], data["last_verified"])
