"""Other ways into Hong Kong that fit the answers: one line and an official link each.

These are never scored: each line says who the scheme is for, so the reader can judge, and the
official page decides. Excluded nationals and Hong Kong permanent residents get none.
"""

from __future__ import annotations

from bot.i18n.text import Text, t
from bot.rules.ruleset import route_sources
from bot.scoring.answers import Degree, Tri
from bot.scoring.facts import Facts
from bot.scoring.model import Route
from bot.scoring.universities import in_hong_kong

# Who the schemes aged "between 18 and 40" are for (ImmD's TP Stream and ASSG pages).
YOUNG = range(18, 41)


def _hong_kong_graduate(facts: Facts) -> bool:
    """May have studied in Hong Kong as a non-local student (IANG's audience)."""
    answers = facts.answers
    postgraduate = answers.postgraduate_university
    if postgraduate is not None and in_hong_kong(postgraduate):
        return True
    nonlocal_student = answers.bachelor_nonlocal_student_hk
    return nonlocal_student is Tri.YES or (facts.bachelor_in_hong_kong
                                           and nonlocal_student is not Tri.NO)


def _lines(facts: Facts) -> list[tuple[str, Text]]:
    answers = facts.answers
    age = answers.age
    lines: list[tuple[str, Text]] = []
    if _hong_kong_graduate(facts):
        lines.append(("iang", t(
            "IANG: for non-local students who graduated from a full-time, locally-accredited "
            "programme in Hong Kong; within six months of graduating no job offer is needed.")))
    if answers.nationality == "CN":
        lines.append(("asmtp", t(
            "ASMTP: with a job offer from a Hong Kong employer, Chinese residents of the Mainland "
            "can come to work as professionals.")))
    else:
        lines.append(("gep", t(
            "GEP: with a job offer from a Hong Kong employer, professionals can come to work; "
            "no quota.")))
    if answers.postgraduate_stem is Tri.YES:
        lines.append(("techtas", t(
            "TechTAS: for STEM graduates hired to do research and development by a company that "
            "holds a TechTAS quota.")))
    if answers.highest_degree is Degree.NONE and age is not None and age in YOUNG:
        lines.append(("tp_stream", t(
            "Technical Professionals Stream: for experienced non-degree professionals aged 18 to "
            "40 with a job offer in one of the listed skilled trades (quota).")))
    if age is not None and age in YOUNG:
        lines.append(("assg", t(
            "ASSG: if you were born overseas and a parent is a Chinese Hong Kong permanent "
            "resident who had settled overseas when you were born (ages 18 to 40).")))
    lines.append(("talent_engage", t(
        "Hong Kong Talent Engage: the government's matching tool shows which admission schemes "
        "fit your situation.")))
    return lines


def other_routes(facts: Facts, closed: bool) -> tuple[Route, ...]:
    """The routes that fit; none when every route is `closed` (excluded nationality, resident)."""
    if closed:
        return ()
    sources = route_sources()
    return tuple(Route(rid, text, sources[rid]) for rid, text in _lines(facts))
