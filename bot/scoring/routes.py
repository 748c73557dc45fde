"""Other ways into Hong Kong that fit the answers: one line and an official link each.

These are never scored: each line says who the scheme is for, so the reader can judge, and the
official page decides. Excluded nationals and Hong Kong permanent residents get none.
"""

from __future__ import annotations

from bot.i18n.text import Text, t
from bot.rules.ruleset import route_pages, route_sources
from bot.scoring.answers import Answers, Degree, Tri
from bot.scoring.facts import Facts
from bot.scoring.model import Route
from bot.scoring.universities import in_hong_kong

# Who the schemes aged "between 18 and 40" are for (ImmD's TP Stream and ASSG pages).
YOUNG = range(18, 41)
# Nationals for whom IANG counts only UGC-funded programmes (ImmD's IANG page, rev. 15-12-2025).
IANG_UGC_ONLY = frozenset({"VN", "LA", "NP"})
# Lines that rest on another route's page: the page that states them.
PAGE_OF = {"clear_record": "gep", "iang_ugc": "iang", "gep_overseas_chinese": "gep"}
# Nationals VPAS does not apply to (ImmD's VPAS page, rev. 30-09-2025).
VPAS_EXCLUDED = frozenset({"AF", "CU", "LA", "KP", "NP", "VN"})
# What a page asks of the applicant's record (its `record` in routes.toml), for a user with a
# record or unsure of it.
RECORD_CAVEATS = {
    "serious_crime": t("If you have a criminal record, this is not settled: ImmD's page requires "
                       "that you have no known record of serious crime, and ImmD decides."),
    "no_adverse_record": t("If you have a criminal or adverse immigration record, this is not "
                           "settled: ImmD's page requires that you have no adverse immigration "
                           "record, meet normal immigration and security requirements and provide "
                           "a certificate of no criminal conviction; ImmD decides."),
}
# Which Chinese nationals a page admits (its `chinese_nationals`), said to every CN national:
# the answers do not show where a Chinese national lives or holds permanent residence.
CHINESE_NATIONALS = {
    "overseas_residence": t("Not open to Chinese residents of the Mainland: a Chinese national "
                            "with a PRC passport may apply only with permanent residence overseas, "
                            "or after living overseas for at least a year immediately before "
                            "applying, and only if applying from overseas."),
    "foreign_permanent_residence": t("Open to Chinese nationals only if they have obtained "
                                     "permanent resident status in a foreign country."),
}


def _hong_kong_graduate(facts: Facts) -> bool:
    """May have studied in Hong Kong as a non-local student (IANG's audience)."""
    answers = facts.answers
    nonlocal_student = answers.bachelor_nonlocal_student_hk
    if nonlocal_student is Tri.NO:   # a local student: IANG is for those on a student visa
        return False
    postgraduate = answers.postgraduate_university
    return (nonlocal_student is Tri.YES or facts.bachelor_in_hong_kong
            or (postgraduate is not None and in_hong_kong(postgraduate)))


def _with_record(answers: Answers, rid: str, line: Text) -> Text:
    """A route line with its page's record caveat, for a user with a record or unsure of it."""
    record = route_pages()[PAGE_OF.get(rid, rid)].record
    if record and answers.good_character in (Tri.NO, Tri.UNSURE):
        return t("{line} {caveat}", line=line, caveat=RECORD_CAVEATS[record])
    return line


def _for_chinese_nationals(answers: Answers, rid: str, line: Text) -> Text:
    """A route line with the Chinese nationals its page admits, for a CN national."""
    admitted = route_pages()[rid].chinese_nationals
    if admitted and answers.nationality == "CN":
        return t("{line} {caveat}", line=line, caveat=CHINESE_NATIONALS[admitted])
    return line


def _business_lines(answers: Answers) -> list[tuple[str, Text]]:
    """Investment routes for business owners, with what each page asks of a Chinese national."""
    if not answers.business_share_pct:
        return []
    lines = [("investment", t(
                "Investment as Entrepreneurs (GEP): to establish or join a business in Hong Kong "
                "that contributes substantially to its economy, shown with a business plan, or to "
                "set up a start-up backed by a government programme.")),
             ("new_cies", t(
                "New Capital Investment Entrant Scheme: for people with net assets of at least "
                "HK$30 million who invest at least HK$30 million in permitted assets in Hong "
                "Kong."))]
    return [(rid, _with_record(answers, rid, _for_chinese_nationals(answers, rid, line)))
            for rid, line in lines]


def _lines(facts: Facts) -> list[tuple[str, Text]]:
    answers = facts.answers
    age = answers.age
    lines: list[tuple[str, Text]] = []
    if _hong_kong_graduate(facts):
        lines.append(("iang", t(
            "IANG: for non-local students who graduated from a full-time, locally accredited "
            "undergraduate or higher programme in Hong Kong, or from a Greater Bay Area campus "
            "run with a Hong Kong university. If you apply within six months of graduating, no "
            "job offer is needed; after that, a job offer is needed at a level commonly taken up "
            "by degree holders, with pay at market level.")))
        if answers.nationality in IANG_UGC_ONLY:
            lines.append(("iang_ugc", t(
                "IANG for nationals of Vietnam, Laos and Nepal: only UGC-funded programmes count, "
                "not self-financed, continuing-education or exchange programmes.")))
    if answers.nationality == "CN":
        lines.append(("asmtp", _with_record(answers, "asmtp", t(
            "ASMTP: with a job offer from a Hong Kong employer, Chinese residents of the Mainland "
            "can come to work as professionals."))))
        lines.append(("gep_overseas_chinese", _with_record(answers, "gep_overseas_chinese", t(
            "GEP, not ASMTP, is for Chinese nationals with a PRC passport who have permanent "
            "residence overseas, or who have lived overseas for at least a year immediately "
            "before applying and apply from overseas; it needs a job offer from a Hong Kong "
            "employer."))))
    else:
        lines.append(("gep", _with_record(answers, "gep", t(
            "GEP: with a job offer from a Hong Kong employer, professionals can come to work; "
            "no quota."))))
    lines += _business_lines(answers)
    if answers.postgraduate_stem is Tri.YES:
        lines.append(("techtas", _with_record(answers, "techtas", t(
            "TechTAS: for STEM graduates hired to do research and development by a company that "
            "holds a TechTAS quota."))))
    if (answers.highest_degree is Degree.NONE and answers.nationality not in VPAS_EXCLUDED
            and (age is None or age >= facts.rules.minimum_age)):
        lines.append(("vpas", t(
            "VPAS: for non-local students who completed an eligible full-time Higher Diploma "
            "programme of the Vocational Training Council in Hong Kong (2024/25 and 2025/26 "
            "intakes), within 12 months of graduating.")))
    if answers.highest_degree is Degree.NONE and age is not None and age in YOUNG:
        lines.append(("tp_stream", t(
            "Technical Professionals Stream: for experienced non-degree professionals aged 18 to "
            "40 with a job offer in one of the listed skilled trades (quota).")))
    if age is not None and age in YOUNG:
        lines.append(("assg", t(
            "ASSG: if you were born overseas and a parent is a Chinese Hong Kong permanent "
            "resident who had settled overseas when you were born (ages 18 to 40).")))
    if answers.good_character in (Tri.NO, Tri.UNSURE):     # after the schemes it sums up, so
        lines.append(("clear_record", t(                  # each scheme's line keeps its link
            "Every other admission scheme also expects a clear criminal record and no adverse "
            "immigration record (ImmD's normal immigration requirements); ImmD decides each "
            "case.")))
    lines.append(("talent_engage", t(
        "Hong Kong Talent Engage: the government's matching tool shows which admission schemes "
        "fit your situation.")))
    return lines


def other_routes(facts: Facts, closed: bool) -> tuple[Route, ...]:
    """The routes that fit; none when every route is `closed` (excluded nationality, resident)."""
    if closed:
        return ()
    sources = route_sources()
    return tuple(Route(rid, text, sources[PAGE_OF.get(rid, rid)]) for rid, text in _lines(facts))
