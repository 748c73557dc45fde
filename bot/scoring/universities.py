"""Whether a degree-awarding institution, as typed, is on the eligible list on the day."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from bot.i18n.text import InstitutionName, Text, join, t, tn
from bot.replies.countries import without_country
from bot.replies.institutions import bare_name, joined_names, several_names, without_year
from bot.rules.business_schools import BusinessSchool, match_business_school
from bot.rules.name_keys import normalise
from bot.rules.schools import School, SchoolKind
from bot.rules.universities import UniversityMatch, match_university
from bot.rules.university_list import institution_named
from bot.rules.unlisted import in_language, unlisted_named
from bot.scoring.model import Status


def _arm(school: School) -> Text:
    """What an arm of a university is, in words ("an extension school of Harvard University")."""
    if school.university is None:
        return t("a continuing-education, extension, branch or subsidiary school")
    university = InstitutionName(school.university)
    phrases = {
        SchoolKind.CONTINUING: t("the continuing and professional education arm of “{university}”",
                                 university=university),
        SchoolKind.EXTENSION: t("an extension school of “{university}”", university=university),
        SchoolKind.BRANCH: t("a branch campus of “{university}”", university=university),
        SchoolKind.SUBSIDIARY: t("a subsidiary school of “{university}”", university=university),
        SchoolKind.AFFILIATED: t("a college affiliated with “{university}” that awards its own "
                                 "degrees", university=university),
    }
    return phrases.get(school.kind, t("a continuing-education, extension or branch school of "
                                      "“{university}”", university=university))


def school_not_counted(school: School) -> Text:
    """Why a school's degree does not count: an excluded arm, or a school of an unlisted
    university."""
    if school.counts:
        return t("“{university}”, to which “{school}” belongs, is not on the list of eligible "
                 "universities.", school=InstitutionName(school.name),
                 university=InstitutionName(school.university or ""))
    return t("“{school}” is {what}, and ImmD does not accept degrees from the continuing and "
             "professional education arms, branch, extension or subsidiary schools of the "
             "eligible universities.", school=InstitutionName(school.name), what=_arm(school))


def _school_status(school: School, match: UniversityMatch, day: date) -> tuple[Status, Text]:
    """A school: a faculty counts as its listed university; ImmD excludes every other arm."""
    if not school.counts:
        return Status.NOT_MET, school_not_counted(school)
    found = match.institution
    if found is None or not found.listed_on(day):
        return Status.NOT_MET, t(
            "“{university}”, to which “{school}” belongs, is not on the eligible list in force on "
            "{day}.", school=InstitutionName(school.name),
            university=InstitutionName(school.university or ""), day=day)
    return Status.MET, t(
        "“{university}” confers the degrees of “{school}”, one of its schools, and is on the "
        "eligible list in force on {day}: it counts.", school=InstitutionName(school.name),
        university=InstitutionName(found.name), day=day)


def institution_status(typed: str, match: UniversityMatch, day: date) -> tuple[Status, Text]:
    """Met when the named institution is on the list in force on `day`; say why either way."""
    if match.school is not None:
        return _school_status(match.school, match, day)
    found = None if match.corrected else match.institution   # "Harvrd" is not Harvard
    if found is None and match.ambiguous and all(c.listed_on(day) for c in match.candidates):
        names = join(*(InstitutionName(c.name) for c in match.candidates), style="or")
        return Status.MET, t("“{typed}” could be {names}; each is on the eligible list in force on "
                             "{day}.", typed=typed, names=names, day=day)
    if found is None:
        return Status.NOT_MET, t("“{typed}” is not on the eligible list in force on {day}.",
                                 typed=InstitutionName(typed), day=day)
    if found.listed_on(day):
        return Status.MET, t("“{university}” is on the eligible list in force on {day}.",
                             university=InstitutionName(found.name), day=day)
    if found.listed_from > day:
        return Status.NOT_MET, t(
            "“{university}” is added to the eligible list only on {joins}, so it is not on the "
            "list in force on {day}.",
            university=InstitutionName(found.name), joins=found.listed_from, day=day)
    assert found.listed_until is not None
    return Status.NOT_MET, t(
        "“{university}” was removed from the eligible list on {removed}; the list in force on the "
        "day you apply counts.", university=InstitutionName(found.name),
        removed=found.listed_until + timedelta(days=1))


HONG_KONG = "Hong Kong SAR"


@lru_cache(maxsize=8192)
def in_hong_kong(typed: str) -> bool:
    """Whether a typed institution is in Hong Kong: a listed one there, or "Hong Kong" in its name.

    Unlisted Hong Kong institutions matter too: their non-local graduates use IANG. Cached like
    `match_university`: an unlisted name is folded again otherwise, a seventh of an assessment.
    """
    match = match_university(typed)
    school = match.school
    if school is not None and school.kind is not SchoolKind.BRANCH and school.university:
        found = institution_named(school.university)   # HKU SPACE is in Hong Kong
    else:
        found = match.institution
    if found is not None:
        return found.country == HONG_KONG
    if (unlisted := unlisted_named(typed)) is not None:
        return unlisted.country == HONG_KONG
    key = normalise(typed)
    return "hong kong" in key or "香港" in key



def business_school_status(school: BusinessSchool, day: date) -> tuple[Status, Text]:
    """Criterion 2 for a school the QMAS list adds: open while its listing is provisional."""
    if not school.listed_on(day):
        return Status.NOT_MET, t("{school} is not on the QMAS list of eligible universities in "
                                 "force on {day}.", school=InstitutionName(school.name), day=day)
    if school.provisional:
        return Status.UNKNOWN, t(
            "{school} is not on the Consolidated List of eligible universities, but it is most "
            "likely one of the six business schools (ranked in the world's top ten over the past "
            "five years) that ImmD's QMAS list adds. No official page naming the six was found, "
            "so this criterion is not settled.", school=InstitutionName(school.name))
    return Status.MET, t("{school} is one of the business schools on the QMAS list of eligible "
                         "universities in force on {day}.", school=InstitutionName(school.name),
                         day=day)


def did_you_mean(count: int) -> Text:
    """Asked above the `count` listed names offered for one that matched none."""
    return tn("Did you mean this one?", "Did you mean one of these?", count)


def names_an_institution(name: str) -> bool:
    """Whether `name` names one institution exactly: listed as typed, a known unlisted one, or
    a business school."""
    return (match_university(name).exact or unlisted_named(name) is not None
            or match_business_school(name) is not None)


# A place after a name, after a comma or in brackets: "…, Surabaya", "NUS (Singapura)".
_PLACE_AFTER = re.compile(r"(.+?)\s*(?:[,，、]\s*([^,，、]+)|[(（]([^)）]+)[)）])")


def typed_institution(text: str, locale: str) -> str:
    """The official name a reply stands for in the language of `locale`, without the words
    around it ("I studied at MIT") or a year after it when a word says it is one ("… عام
    2015") or the rest names an institution ("University of Toronto 2015"). A capitalised
    article the name begins with stays, unless the rest is a known name ("La Trobe
    University", "Le Moyne College"; "La UNAM")."""
    named = in_language(bare_name(text), locale)
    typed = text.strip()
    article = typed[:len(typed) - len(named)]
    if typed.endswith(named) and article[:1].isupper() and len(article.split()) == 1 \
            and not names_an_institution(named):
        return typed
    if not names_an_institution(named) and (rest := without_country(named)) is not None \
            and names_an_institution(rest := in_language(rest, locale)):
        return rest   # "英國蘭卡斯特大學", "UK University of Warwick"
    if not names_an_institution(named) and (place := _PLACE_AFTER.fullmatch(named)) \
            and names_an_institution(head := in_language(place[1], locale)) \
            and len((place[2] or place[3]).split()) <= 2 \
            and not names_an_institution(place[2] or place[3]):
        return head   # "Universitas Melbourne, Australia", "NUS (Singapura)"; not "NUS, NTU"
    found = without_year(named)
    if found is not None and not names_an_institution(named):
        shorter, worded = in_language(bare_name(found[0]), locale), found[1]   # "…讀嘅博士，2019年"
        if worded or names_an_institution(shorter):   # "جامعة بيرزيت عام 2015": a year said
            return shorter
    return named


def institutions_named(text: str, locale: str) -> tuple[str, ...]:
    """The institutions of a reply naming several ("서울대, 하버드", "東京大学と京都大学", "Oxford
    and Cambridge"), each as `typed_institution` gives it, cut at "and" only between known
    names; () when the reply is one name ("University of California, Davis"), though a known
    name may hold others ("جامعة القاهرة، كلية وارتون" is two)."""
    query = typed_institution(text, locale)

    def known(part: str) -> bool:
        return names_an_institution(typed_institution(part, locale))

    names = [typed_institution(part, locale) for name in several_names(query)
             for part in joined_names(name, known)]
    if len(names) < 2 or (names_an_institution(query)
                          and not all(map(names_an_institution, names))):
        return ()   # one name, perhaps a faculty's ("كلية الهندسة، جامعة القاهرة")
    return tuple(names)
