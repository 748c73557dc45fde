"""Catalogs: complete, faithful placeholders, valid plurals, and in step with the source."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from bot.i18n.languages import LANGUAGES, resolve
from bot.i18n.text import t, tn
from bot.i18n.translator import Translator, locales_dir

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")
LOCALES = [language.locale for language in LANGUAGES]


def catalog(locale: str) -> Catalog:
    with (locales_dir() / locale / "LC_MESSAGES" / "messages.po").open("rb") as fp:
        return read_po(fp, locale=locale)


def source_messages() -> set[str]:
    """Every t()/tn() msgid in bot/ and conversations/ and the checklist's texts, as `pybabel
    extract` sees them (babel.cfg)."""
    found: set[str] = set()
    methods = [("**.py", "python"),
               ("rules/data/checklist.toml", "bot.rules.checklist.extract_messages")]
    for folder in ("bot", "conversations"):
        for _, _, message, _, _ in extract_from_dir(
                ROOT / folder, method_map=methods,
                keywords={"t": None, "tn": (1, 2)}):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_is_complete_and_faithful(locale: str) -> None:
    cat = catalog(locale)
    problems = []
    for message in cat:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(("fuzzy", ids[0]))
        if not all(strings):
            problems.append(("untranslated", ids[0]))
            continue
        expected = placeholders(ids[0]) | placeholders(ids[-1])
        for string in strings:
            found = placeholders(string)
            # A plural form may leave {n} out ("one" in some languages); nothing else may differ.
            if found - expected or (expected - found) - {"n"}:
                problems.append(("placeholders", ids[0], string))
    assert not problems, problems[:10]


@pytest.mark.parametrize("locale", LOCALES)
def test_plural_forms_match_the_locale(locale: str) -> None:
    cat = catalog(locale)
    assert cat.num_plurals == get_plural(Locale.parse(locale)).num_plurals
    for message in cat:
        if message.pluralizable and message.id:
            assert len(message.string) == cat.num_plurals, message.id


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_is_up_to_date_with_the_source(locale: str) -> None:
    """Fails when a text was added or changed without `make messages` and a translation."""
    in_catalog = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog(locale) if m.id}
    source = source_messages()
    assert source - in_catalog == set(), "run `make messages` and translate the new texts"
    assert in_catalog - source == set(), "run `make messages` to drop obsolete texts"


@pytest.mark.parametrize("locale", LOCALES)
def test_no_entry_is_flagged_as_a_percent_format(locale: str) -> None:
    """Our texts are `str.format` only; a python-format flag ("{share}% of" reads as "% o") makes
    `msgfmt -c` reject any translation that moves the "%". Read as text: Babel re-adds the flag."""
    po = (locales_dir() / locale / "LC_MESSAGES" / "messages.po").read_text("utf-8")
    flagged = [line for line in po.splitlines()
               if line.startswith("#,") and "python-format" in line[2:].replace(" ", "").split(",")]
    assert flagged == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("locale", LOCALES)
def test_msgfmt_check_accepts_the_catalog(locale: str) -> None:
    """GNU msgfmt's checks (brace placeholders, plural forms, header) pass on every catalog."""
    po = locales_dir() / locale / "LC_MESSAGES" / "messages.po"
    done = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_renders(locale: str) -> None:
    """Each translation formats with sample values (no stray braces), in every plural form."""
    tr = Translator(next(lang for lang in LANGUAGES if lang.locale == locale))
    for message in catalog(locale):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        names = placeholders(ids[0]) | placeholders(ids[-1])
        params = {name: "X" for name in names if name != "n" or not message.pluralizable}
        for n in (0, 1, 2, 3, 11, 100):
            text = tn(ids[0], ids[1], n, **params) if message.pluralizable else t(ids[0], **params)
            rendered = tr(text)
            assert "{" not in rendered and rendered.strip(), (locale, ids[0], rendered)


@pytest.mark.parametrize(("tag", "code"), [
    ("zh-hant", "zh-hant"), ("zh-hk", "zh-hant"), ("zh-TW", "zh-hant"), ("zh-mo", "zh-hant"),
    ("zh", "zh-hans"), ("zh-hans", "zh-hans"), ("zh-cn", "zh-hans"), ("zh-SG", "zh-hans"),
    ("pt-br", None), ("en-GB", "en"), ("fr-CA", "fr"), ("es-419", "es"), ("ar-EG", "ar"),
    ("hi", "hi"), ("ne-NP", "ne"), ("xx", None), ("", None), (None, None),
])
def test_language_tags_map_explicitly(tag: str | None, code: str | None) -> None:
    language = resolve(tag)
    assert (language.code if language else None) == code


@pytest.mark.parametrize(("locale", "msgid", "expected"), [
    ("ja", "Owns a listed company", "上場企業を所有"),
    ("ko", "Owns a listed company", "상장 기업 소유"),
    ("es", "Owns a listed company", "Propiedad de una empresa cotizada"),
    ("fr", "Owns a listed company", "Propriétaire d'une société cotée"),
    ("ar", "Owns a listed company", "امتلاك شركة مدرجة في البورصة"),
    ("hi", "Owns a listed company", "लिस्टेड कंपनी का मालिक होना"),
])
def test_criterion_12_says_owns_not_holds_shares(locale: str, msgid: str, expected: str) -> None:
    """Translation review: the label was broadened to 'holds shares of' in six catalogs."""
    assert catalog(locale)[msgid].string == expected


@pytest.mark.parametrize("locale", ["zh_Hant_HK", "zh_Hans_CN"])
def test_chinese_ttps_categories_are_a_b_c(locale: str) -> None:
    """ImmD and applicants write 高才通A類/B類/C類, not 甲/乙/丙類."""
    strings = [m.string for m in catalog(locale) if m.id and isinstance(m.string, str)]
    assert not any(old in s for s in strings for old in ("甲類", "乙類", "丙類", "甲类", "乙类",
                                                        "丙类"))
    assert any("C類" in s or "C类" in s for s in strings)


@pytest.mark.parametrize(("locale", "name"), [
    ("vi", "Sở Di trú Hồng Kông"), ("id", "Departemen Imigrasi Hong Kong"),
    ("hi", "हांगकांग इमिग्रेशन डिपार्टमेंट"), ("ne", "हङकङ अध्यागमन विभाग")])
def test_immd_is_spelled_out_where_users_first_meet_it(locale: str, name: str) -> None:
    for msgid in ("This is a prerequisite, and ImmD checks it: an honest answer gives a useful "
                  "result.", "ImmD decides on good character; only you can check your records."):
        assert f"{name} (ImmD)" in catalog(locale)[msgid].string
