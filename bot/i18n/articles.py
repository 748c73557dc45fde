"""Articles and postpositions around institution names, as `data/articles.toml` describes:
Spanish and French translations write "El {university}" as for any masculine noun and the name
brings its own gender, number and elision ("La Universidad de Tokio", "L'Université d'Oxford");
Nepali ones write "{university} को" and the postposition joins a Devanagari name; Arabic ones
write the words that agree with a name in the feminine, as for جامعة, and a masculine name (معهد,
مركز) turns them masculine.

The article stays plain text before a plain placeholder, so GNU msgfmt still checks every
placeholder of the catalog against the source text."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def _rules() -> Mapping[str, Any]:
    return tomllib.loads(files("bot.i18n").joinpath("data", "articles.toml").read_text("utf-8"))


def has_articles(language: str) -> bool:
    """Whether `language`'s translations put articles or postpositions around institution
    names."""
    return language in _rules()


@cache
def kind(name: str, language: str) -> str | None:
    """The name's gender and number (m, f, mp, fp, bare), "other" for a name kept without an
    article, or None when no rule knows it."""
    rules = _rules()[language]
    for found, names in rules.get("names", {}).items():
        if name in names:
            return str(found)
    for found, patterns in rules.get("patterns", {}).items():
        if any(re.search(pattern, name) for pattern in patterns):
            return str(found)
    head = name.split(" ", 1)[0].split("-", 1)[0]
    return next((str(found) for found, heads in rules.get("heads", {}).items() if head in heads),
                None)


def with_article(name: str, slot: str, language: str) -> str:
    """`name` after the article of `forms[slot]` that it takes; a name of unknown kind after the
    language's general noun ("la institución Harvard University"), never a guessed article."""
    rules = _rules()[language]
    found = kind(name, language)
    for word in rules.get("dropped", ()):
        name = name.removeprefix(word)
    if found in (None, "other"):
        found, name = rules["other"]["kind"], rules["other"]["noun"] + name
    elides = name[:1] in rules.get("elide_before", "")
    return f"{rules['vowel' if elides else 'forms'][slot][found]}{name}"


@cache
def _article_before_placeholder(language: str) -> re.Pattern[str]:
    slots = sorted(_rules()[language]["slots"], key=len, reverse=True)
    return re.compile(rf"(?<!\w)({'|'.join(map(re.escape, slots))})\{{(\w+)\}}")


@cache
def _postposition_after_placeholder(language: str) -> re.Pattern[str]:
    words = "|".join(map(re.escape, _rules()[language]["attached"]))
    return re.compile(rf"\{{(\w+)\}} ({words})(?!\w)")


def _attach(template: str, names: Mapping[str, str], language: str) -> str:
    """`template` with the space before a postposition dropped after names in the script."""
    script = re.compile(f"[{_rules()[language]['script']}]$")

    def replace(found: re.Match[str]) -> str:
        field, word = found.groups()
        shown = names.get(field, "")
        return f"{{{field}}}{word}" if script.search(shown) else found.group(0)

    return _postposition_after_placeholder(language).sub(replace, template)


def _masculine(template: str, names: Mapping[str, str], language: str) -> str:
    """`template` with each `agreeing` fragment written for a feminine name in its masculine
    form, where the placeholder it agrees with holds a masculine name."""
    for rule in _rules()[language]["agreeing"]:
        shown = names.get(rule["field"])
        if shown is not None and kind(shown, language) == "m":
            template = template.replace(rule["f"], rule["m"])
    return template


def agree(template: str, names: Mapping[str, str], language: str) -> str:
    """`template` with each article written before an institution's placeholder replaced by the
    name after its own article, postpositions joined to it, and the words agreeing with it in
    its gender; `names` maps those placeholders to the names shown."""
    rules = _rules()[language]
    if "attached" in rules:
        template = _attach(template, names, language)
    if "agreeing" in rules:
        template = _masculine(template, names, language)
    if "slots" not in rules:
        return template
    slots = rules["slots"]

    def replace(found: re.Match[str]) -> str:
        article, field = found.groups()
        if field not in names:
            return found.group(0)
        shown = with_article(names[field], slots[article], language)
        return shown.replace("{", "{{").replace("}", "}}")

    return _article_before_placeholder(language).sub(replace, template)
