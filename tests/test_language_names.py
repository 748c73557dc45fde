"""The names of listed institutions in our readers' languages (`bot/rules/data/names/`): each is
shown to its readers, each finds its institution when typed, and none names two."""

from __future__ import annotations

from collections import defaultdict

import pytest

from bot.i18n.languages import LANGUAGES
from bot.i18n.native_names import chosen_names
from bot.i18n.text import InstitutionName
from bot.i18n.translator import Translator
from bot.rules.business_schools import all_business_schools, match_business_school
from bot.rules.name_keys import normalise
from bot.rules.schools import school_table
from bot.rules.universities import match_university
from bot.rules.university_list import all_institutions
from bot.rules.unlisted import unlisted_institutions, unlisted_named

_ENTRIES = [(code, official, names) for code, table in sorted(chosen_names().items())
            for official, names in table.items()]


def _found(typed: str) -> str | None:
    """The official name of what typing `typed` finds: a school, an institution, a well-known
    unlisted one or a business school."""
    match = match_university(typed)
    if match.school is not None:
        return match.school.name
    if match.institution is not None:
        return match.institution.name
    if (unlisted := unlisted_named(typed)) is not None:
        return unlisted.name
    school = match_business_school(typed)
    return school.name if school else None


def test_every_file_is_a_language_of_ours() -> None:
    assert set(chosen_names()) <= {language.code for language in LANGUAGES}


# Universities named only as the university of a school (Darden's University of Virginia): not
# matched themselves, so their names find what the English name finds.
_PARENTS = {s.university for s in school_table().schools if s.university} \
    - {i.name for i in all_institutions()}


def test_every_key_is_a_listed_institution_a_school_or_a_school_s_university() -> None:
    known = {i.name for i in all_institutions()} | {s.name for s in school_table().schools} \
        | {s.name for s in all_business_schools()} | _PARENTS \
        | {i.name for i, _ in unlisted_institutions()}
    assert [(code, official) for code, official, _ in _ENTRIES if official not in known] == []



@pytest.mark.parametrize(("code", "official", "names"), _ENTRIES,
                         ids=[f"{code}-{official}" for code, official, _ in _ENTRIES])
def test_a_name_is_shown_to_its_readers_and_found_when_typed(code: str, official: str,
                                                             names: tuple[str, ...]) -> None:
    assert names, "an empty list"
    assert Translator.for_code(code)(InstitutionName(official)) == names[0]
    expected = _found(official) if official in _PARENTS else official
    assert {name: _found(name) for name in names} == {name: expected for name in names}


def test_no_name_is_given_to_two_institutions() -> None:
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for _, official, names in _ENTRIES:
        for name in names:
            owners[normalise(name)].add(official)
    assert {name: found for name, found in owners.items() if len(found) > 1} == {}
