"""/university NAME: whether an institution counts, since when, and under which name it is listed.

The QMAS list for criteria 2 and 3 is the Consolidated List plus a few business schools, so a
name is looked up in both; only a confident match answers yes or no.
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from importlib.resources import files

from bot.common.markup import Markup
from bot.i18n.text import CountryName, InstitutionName, Text, TextList, join, t
from bot.i18n.translator import Translator
from bot.report.text import ICON
from bot.rules.business_schools import match_business_school
from bot.rules.universities import match_university
from bot.rules.university_list import list_version
from bot.rules.unlisted import unlisted_named
from bot.scoring.universities import (
    did_you_mean,
    institution_status,
    institutions_named,
    typed_institution,
)


@cache
def _territories() -> dict[str, str]:
    text = files("bot.rules").joinpath("data/list-countries.toml").read_text("utf-8")
    return tomllib.loads(text)


# Regions of the list that are not a country's name: the Mainland is named as ImmD names it, not
# as the passport's country (CLDR's 中國 for CN).
_REGIONS = {"Chinese Mainland": t("Chinese Mainland")}


def _region(part: str) -> CountryName | Text | None:
    if (region := _REGIONS.get(part)) is not None:
        return region
    code = _territories().get(part)
    return None if code is None else CountryName(code)


def country(listed: str) -> CountryName | Text | TextList | str:
    """The list's Country/Region ("U.S.A.", "France / Singapore") in the reader's language; as
    listed when the data file does not know it yet."""
    found = [_region(part.strip()) for part in listed.split("/")]
    names = [name for name in found if name is not None]
    if len(names) != len(found):
        return listed
    return names[0] if len(names) == 1 else join(*names)


USAGE = t("Send /university with a name, for example: /university Imperial College London")


def _found(query: str, day: date) -> Text:
    """Whether `query` is on the list in force, one mark first (✅, ❌, ❔, ⏳) and why."""
    school = match_business_school(query)
    if school is not None and school.provisional:
        return t("❔ “{name}” ({country}) is not on the Consolidated List of eligible "
                 "universities. It is probably one of the six business schools that the QMAS "
                 "list has added for criteria 2 and 3 since {since}, but ImmD has not published "
                 "their names: this is not confirmed, so check with ImmD before you count on "
                 "it.", name=InstitutionName(school.name),
                 country=country(school.country), since=school.listed_from)
    if school is not None:
        return t("✅ “{name}” ({country}) is not on the Consolidated List of eligible "
                 "universities, but it is one of the business schools that the QMAS list has "
                 "added for criteria 2 and 3 since {since}.", name=InstitutionName(school.name),
                 country=country(school.country), since=school.listed_from)
    version = list_version(day) or day
    if (unlisted := unlisted_named(query)) is not None:
        return t("❌ “{name}” ({country}) is not on the list of eligible universities in force "
                 "(version of {version}).", name=InstitutionName(unlisted.name),
                 country=country(unlisted.country), version=version)
    match = match_university(query)
    institution = match.institution
    if match.school is not None and (institution is None or institution.listed_on(day)):
        status, why = institution_status(query, match, day)   # what the school counts as
        return t("{icon} {label}", icon=ICON[status], label=why)
    if institution is None and match.ambiguous:
        return t("❔ “{query}” is the short name of more than one institution on the list in force "
                 "(version of {version}):", query=query, version=version)
    if institution is None:
        return t("❔ I did not find “{query}” on the list in force (version of {version}). Try the "
                 "institution's full official name.", query=query, version=version)
    params = {"name": InstitutionName(institution.name, listed=True),
              "country": country(institution.country),
              "since": institution.listed_from, "until": institution.listed_until,
              "version": version}
    if institution.listed_on(day):
        return t("✅ On the list in force (version of {version}) as “{name}” ({country}), since "
                 "{since}.", **params)
    if institution.listed_from > day:
        return t("⏳ Not on the list in force yet: “{name}” ({country}) will be on it from "
                 "{since}.", **params)
    return t("❌ Not on the list in force (version of {version}): “{name}” ({country}) was on it "
             "from {since} to {until}.", **params)


def _named(listed: str, tr: Translator) -> Text | str:
    """A listed name as the reader's language names it, then the listed name to match the list
    ("도쿄 대학 (The University of Tokyo)"); the listed name alone when the data has no other."""
    native = tr(InstitutionName(listed))
    return listed if native == listed else t("{native} ({listed})", native=native, listed=listed)


def lookup_text(query: str, day: date, tr: Translator, m: Markup) -> str:
    """The answer to `/university query` on `day`: the listed name, then the reader's name for
    it when the data has one, and near names, one a line, when no match is sure; several names
    are answered each in turn, without near names."""
    locale = str(tr.locale)
    query = typed_institution(query[:200], locale)
    if not query:
        return m.escape(tr(USAGE))
    if names := institutions_named(query, locale):   # "Harvard, Waseda and Sciences Po"
        return "\n".join(line for name in names for line in _answer(name, day, tr, m,
                                                                      near=False))
    return "\n".join(_answer(query, day, tr, m))


def _answer(query: str, day: date, tr: Translator, m: Markup, near: bool = True) -> list[str]:
    """The lines answering one name: its status, its name in the reader's language, and near
    names when `near` and no match is sure."""
    lines = [m.escape(tr(_found(query, day)))]
    if unlisted_named(query) is not None:   # an unlisted name is no near listed one
        return lines
    match = match_university(query)
    listed = match.institution
    if listed is not None and match.school is None \
            and tr(InstitutionName(listed.name)) != listed.name:
        lines.append(m.escape(tr(t("Its name in your language: {name}.",
                                   name=InstitutionName(listed.name)))))
    if near and listed is None and match_business_school(query) is None and match.candidates:
        if not match.ambiguous:   # the names it is short for need no "did you mean"
            lines.append(m.escape(tr(did_you_mean(len(match.candidates)))))
        lines += [m.escape(tr(t("• {name}", name=_named(c.name, tr)))) for c in match.candidates]
    return lines
