"""Source links in the reader's language: a translated title, the page revision, ImmD's script.

The titles live in the data files (`bot/rules/data/*.toml`); listing each here with `t()` puts it
in the catalogs. `tests/test_rule_boundaries.py` checks that every title in the data is listed.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.common.markup import Markup
from bot.i18n.text import LanguageName, Text, t
from bot.i18n.translator import Translator
from bot.rules.ruleset import Source

TITLES: tuple[Text, ...] = (
    t("ImmD, Quality Migrant Admission Scheme"),
    t("ImmD, QMAS self-assessment tool"),
    t("ImmD, Consolidated List of Eligible Universities"),
    t("ImmD, Top Talent Pass Scheme"),
    t("RTHK, 1 Nov 2024: the QMAS list adds six top business schools, without naming them"),
    t("ImmD, Immigration Arrangements for Non-local Graduates (IANG)"),
    t("ImmD, General Employment Policy (GEP)"),
    t("ImmD, Admission Scheme for Mainland Talents and Professionals (ASMTP)"),
    t("ImmD, Technology Talent Admission Scheme (TechTAS)"),
    t("ImmD, Investment as Entrepreneurs"),
    t("ImmD, New Capital Investment Entrant Scheme"),
    t("ImmD, Vocational Professionals Admission Scheme (VPAS)"),
    t("ImmD, GEP and ASMTP: Technical Professionals Stream"),
    t("ImmD, Admission Scheme for the Second Generation of Chinese Hong Kong Permanent "
      "Residents (ASSG)"),
    t("Hong Kong Talent Engage, admission scheme matching tool"),
    t("ImmD, QMAS Guidance Notes ID(E)982, Part III: checklist of documents"),
    t("ImmD, New Fee Structure for Visa Applications under Specified Schemes"),
    t("ImmD, e-Visa"),
    t("Sing Tao Daily, 26 Feb 2026: extensions under talent schemes may be applied for within 3 "
      "months before expiry, from 1 Mar 2026"),
    t("ImmD, identity card pages (not read)"),
    t("ImmD, Meanings of Right of Abode and Other Terms"),
    t("RTHK, 1 Nov 2024: the revamped QMAS aims to process applications in about six months"),
)


def source_title(source: Source, tr: Translator) -> str:
    """The title in the reader's language, with the page's revision date when it has one, the
    day a press report was read (it is marked as one), and the page's language when it exists in
    one other than the reader's."""
    title = tr(Text(source.title))
    shown = source.language_for(tr.language.code)
    other = shown and shown != tr.language.code.partition("-")[0]
    language = LanguageName(shown) if other else None
    if source.press and source.read is not None:
        note = (t("press report in {language}, read {date}", language=language,
                  date=source.read) if language else
                t("press report, read {date}", date=source.read))
    elif source.revised is not None:
        note = (t("page in {language}, revised {date}", language=language,
                  date=source.revised) if language else
                t("page revised {date}", date=source.revised))
    elif language is not None:
        note = t("in {language}", language=language)
    else:
        return title
    # One bracket for the note, never two side by side: a title that ends in its own acronym
    # ("… (GEP)") takes the note after a comma.
    if title.endswith((")", "）")):
        return tr(t("{title}, {note}", title=title, note=note))
    return tr(t("{title} ({note})", title=title, note=note))


def source_json(source: Source, tr: Translator) -> dict[str, object]:
    """A source as the assessment's JSON gives it: localised title and link, revision date."""
    return {"id": source.id, "title": tr(Text(source.title)),
            "url": source.url_for(tr.language.code),
            "revised": source.revised.isoformat() if source.revised else None}


def source_link(source: Source, tr: Translator, m: Markup) -> str:
    """A chat line linking a source: its title in the reader's language, the page in the
    reader's script."""
    return f"🔗 {m.link(source_title(source, tr), source.url_for(tr.language.code))}"


def first_mentions(sources: Iterable[Source]) -> list[Source | None]:
    """Each source where its page first comes and None where it came before, so that a part of
    a report links each page once."""
    seen: set[str | None] = set()
    kept: list[Source | None] = []
    for source in sources:
        kept.append(None if source.url in seen else source)
        seen.add(source.url)
    return kept
