"""Listed institutions' names in the reader's language: the name chosen for that language, else
the first alias in its script.

The names are data: `names/<language>.toml` first (Japanese kanji names, which the script
alone cannot tell from Chinese ones, and Nepali, which shares Devanagari with Hindi: its readers
see only the names listed for it), else `university-aliases.toml`,
`qmas-business-schools.toml` and `unlisted-universities.toml`, whose order puts the preferred
name first. All are the rules' data, read as files: the translator imports no rules code, and the
matchers take every name listed here as an alias.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib.resources import files

_HAN = re.compile(r"^[\u3400-\u9fff]+$")


def _hant(alias: str) -> bool:
    """A full Traditional Chinese name ("香港大學", "帝國理工學院"), not a short form ("港大")."""
    return bool(_HAN.match(alias)) and "學" in alias


def _hans(alias: str) -> bool:
    return bool(_HAN.match(alias)) and "学" in alias and "學" not in alias


def _script(pattern: str) -> Callable[[str], bool]:
    found = re.compile(pattern)
    return lambda alias: bool(found.search(alias))


def _starting(*words: str) -> Callable[[str], bool]:
    return lambda alias: alias.startswith(words)


# Per language code: does an alias belong to it? A Japanese name is one with kana: a name in
# Han characters alone may as well be Chinese.
_BELONGS: Mapping[str, Callable[[str], bool]] = {
    "zh-hant": _hant,
    "zh-hans": _hans,
    "ja": _script(r"[\u3040-\u30ff]"),
    "ko": _script(r"[\uac00-\ud7af]"),
    "ar": _script(r"[\u0600-\u06ff]"),
    "hi": _script(r"[\u0900-\u097f]"),
    "vi": _starting("Đại học "),
    "id": _starting("Universitas "),
    "es": _starting("Universidad "),
    "fr": _starting("Université "),
}


@cache
def _aliases() -> Mapping[str, tuple[str, ...]]:
    """Every listed institution's aliases, the business schools the QMAS list adds and the
    well-known unlisted institutions included."""
    data = files("bot.rules").joinpath("data")
    listed = tomllib.loads(data.joinpath("university-aliases.toml").read_text("utf-8"))
    schools = tomllib.loads(data.joinpath("qmas-business-schools.toml").read_text("utf-8"))
    unlisted = tomllib.loads(data.joinpath("unlisted-universities.toml").read_text("utf-8"))
    return {**{name: tuple(aliases) for name, aliases in listed.items()},
            **{s["name"]: tuple(s.get("aliases", ())) for s in schools["school"]},
            **{i["name"]: tuple(i["aliases"]) for i in unlisted["institution"]}}


@cache
def chosen_names() -> Mapping[str, Mapping[str, tuple[str, ...]]]:
    """Per language code, the names of `names/<code>.toml` by official name, the shown one
    first."""
    folder = files("bot.rules").joinpath("data", "names")
    chosen: dict[str, Mapping[str, tuple[str, ...]]] = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text("utf-8"))
            chosen[entry.name.removesuffix(".toml")] = {
                official: (names,) if isinstance(names, str) else tuple(names)
                for official, names in data.items()}
    return chosen


@cache
def typed_names(official: str) -> tuple[str, ...]:
    """Every language's names for the institution or school `official`: aliases to match."""
    return tuple(name for names in chosen_names().values()
                 for name in names.get(official, ()))


def with_typed_names(official: str, aliases: Iterable[str]) -> tuple[str, ...]:
    """A data file's aliases of `official`, then every language's names for it, each once."""
    return tuple(dict.fromkeys((*aliases, *typed_names(official))))


@cache
def native_name(name: str, language: str) -> str | None:
    """The listed institution `name` as readers of `language` know it; None when the data has
    no name in that language (the official name is then shown)."""
    chosen = chosen_names().get(language, {}).get(name)
    if chosen:
        return chosen[0]
    aliases = _aliases().get(name, ())
    belongs = _BELONGS.get(language)
    return None if belongs is None else next((a for a in aliases if belongs(a)), None)
