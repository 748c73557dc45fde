"""The rules at their boundaries, table-driven: answer keys, residents, the QMAS list, TTPS
category C, the gates, other routes, notes, sources, result wording and the command line.

Each table row is one rule at or around its boundary.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.common.markup import Plain
from bot.i18n.bidi import strip_controls
from bot.i18n.translator import Translator
from bot.report.sources import TITLES
from bot.report.text import result_sections, summary
from bot.rules import business_schools
from bot.rules.business_schools import all_business_schools, match_business_school
from bot.rules.checklist import checklist
from bot.rules.ruleset import all_rulesets, route_sources
from bot.rules.universities import match_university
from bot.scoring.answers import InvalidAnswer, Tri, parse_answers, work_parts_exceeding
from bot.scoring.assess import assess
from bot.scoring.universities import in_hong_kong
from tests.support.assessing import TODAY, assess_dict, criterion

MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"
ROOT = Path(__file__).resolve().parents[1]


def alternative(result: dict[str, Any], scheme: str) -> dict[str, Any]:
    found: dict[str, Any] = next(a for a in result["alternatives"] if a["scheme"] == scheme)
    return found


def text_result(answers: dict[str, Any], lang: str = "en") -> str:
    assessment = assess(parse_answers(answers, TODAY), TODAY)
    return "\n\n".join(result_sections(assessment, Translator.for_code(lang), Plain()))


# --- answer keys and their validation -------------------------------------------------------

@pytest.mark.parametrize(("answers", "message"), [
    ({"hk_permanent_resident": "maybe"},
     'hk_permanent_resident: must be "yes", "no" or "unsure", got "maybe"'),
    ({"hk_permanent_resident": True},
     'hk_permanent_resident: must be "yes", "no" or "unsure", got true'),
    ({"bachelor_nonlocal_student_hk": 1},
     'bachelor_nonlocal_student_hk: must be "yes", "no" or "unsure", got 1'),
    # parts of the graduate work may not exceed it
    ({"years_graduate_work": 2, "years_renowned_employer": 4},
     "years_renowned_employer: 4 is more than years_graduate_work (2)"),
    ({"years_graduate_work": 2, "years_target_industry": 2.5},
     "years_target_industry: 2.5 is more than years_graduate_work (2)"),
    ({"years_graduate_work": 0, "years_international": 0.5},
     "years_international: 0.5 is more than years_graduate_work (0)"),
])
def test_invalid_answers(answers: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidAnswer) as error:
        parse_answers(answers, TODAY)
    assert str(error.value) == message


@pytest.mark.parametrize("answers", [
    {"hk_permanent_resident": "no", "bachelor_nonlocal_student_hk": "unsure"},
    {"hk_permanent_resident": None, "bachelor_nonlocal_student_hk": None},
    {"years_graduate_work": 2, "years_renowned_employer": 2, "years_target_industry": 2,
     "years_international": 2},                          # equal to the total: fine
    {"years_renowned_employer": 9},                      # no total given: nothing to compare
    {"years_graduate_work": 3, "years_renowned_employer": None},
])
def test_valid_answers(answers: dict[str, Any]) -> None:
    parsed = parse_answers(answers, TODAY)
    expected = {key: None if value is None else Tri(value) if isinstance(value, str)
                else Decimal(value) for key, value in answers.items()}
    assert {key: getattr(parsed, key) for key in answers} == expected


@pytest.mark.parametrize(("answers", "exceeding"), [
    ({"years_graduate_work": 2, "years_renowned_employer": 4, "years_target_industry": 4,
      "years_international": 3},
     ("years_renowned_employer", "years_target_industry", "years_international")),
    ({"years_graduate_work": 5, "years_renowned_employer": 4, "years_international": 6},
     ("years_international",)),
    ({"years_graduate_work": 5, "years_renowned_employer": 5}, ()),
    ({"years_renowned_employer": 5}, ()),
    ({"years_graduate_work": "abc", "years_renowned_employer": 5}, ()),
])
def test_work_parts_exceeding_for_the_chat(answers: dict[str, Any],
                                           exceeding: tuple[str, ...]) -> None:
    """The chat calls this on its raw stored answers to ask for corrections."""
    assert work_parts_exceeding(answers) == exceeding


def test_scoring_caps_parts_the_chat_has_not_checked() -> None:
    """With the check skipped, criteria 7-9 never count more years than the total."""
    answers = parse_answers({"years_graduate_work": 2, "years_renowned_employer": 4,
                             "years_target_industry": 4, "years_international": 3}, TODAY,
                            consistent=False)
    statuses = [c.status for c in assess(answers, TODAY).criteria[5:9]]
    assert statuses == [NOT_MET, NOT_MET, NOT_MET, MET]   # 9 needs 2 years: 2 of 2 count


# --- Hong Kong permanent residents ------------------------------------------------------------

@pytest.mark.parametrize(("answers", "outcome"), [
    ({"nationality": "HK"}, "already_resident"),
    ({"hk_permanent_resident": "yes"}, "already_resident"),
    ({"nationality": "AF", "hk_permanent_resident": "yes"}, "already_resident"),
    ({"nationality": "GB", "hk_permanent_resident": "yes", "age": 10}, "already_resident"),
    ({"nationality": "GB", "hk_permanent_resident": "no", "age": 10}, "prerequisite_not_met"),
    ({"nationality": "GB", "hk_permanent_resident": "unsure"}, "undetermined"),
    ({"nationality": "AF", "hk_permanent_resident": "no"}, "nationality_excluded"),
])
def test_already_resident_comes_first(answers: dict[str, Any], outcome: str) -> None:
    result = assess_dict(answers)
    assert result["outcome"] == outcome
    assert len(result["criteria"]) == 12 and len(result["prerequisites"]) == 4


def test_resident_result_is_one_short_message() -> None:
    """/restart is a chat command: only the chat's summary names it, not `assess`'s text."""
    assessment = assess(parse_answers({"nationality": "HK"}, TODAY), TODAY)
    tr = Translator.for_code("en")
    text = result_sections(assessment, tr, Plain())
    assert len(text) == 1
    assert "you do not need QMAS" in text[0] and "/restart" not in text[0]
    assert "criteria" not in text[0]
    assert "send /restart to begin again" in summary(assessment, tr, Plain())


# --- the QMAS list: business schools beside the Consolidated List ----------------------------

@pytest.mark.parametrize("typed", [
    "LBS", "London Business School", "london business school", "伦敦商学院", "倫敦商學院",
    "INSEAD", "HEC Paris", "IESE", "SDA Bocconi", "CEIBS", "中欧国际工商学院", "中歐國際工商學院",
])
def test_business_school_gives_criterion_2_unknown_with_reason(typed: str) -> None:
    answers = {"highest_degree": "master", "postgraduate_university": typed,
               "postgraduate_stem": "yes"}
    result = assess_dict(answers)
    second = criterion(result, 2)
    assert second["status"] == UNKNOWN
    assert "six business schools" in second["explanation"]
    assert "No official page" in second["explanation"]
    assert second["provisional"] is True
    assert criterion(result, 3)["status"] == UNKNOWN


@pytest.mark.parametrize("typed", ["London School of Economics", "MIT", "CUHK"])
def test_consolidated_list_still_decides_for_universities(typed: str) -> None:
    result = assess_dict({"highest_degree": "master", "postgraduate_university": typed})
    assert criterion(result, 2)["status"] == MET


def test_business_schools_do_not_count_for_ttps() -> None:
    result = assess_dict({"highest_degree": "bachelor", "bachelor_university": "LBS",
                          "bachelor_full_time": "yes", "years_work_last_5": 4})
    assert alternative(result, "ttps-b")["status"] == NOT_MET


def test_business_schools_are_provisional_data_off_the_consolidated_list() -> None:
    schools = all_business_schools()
    assert len(schools) == 6
    for school in schools:
        assert school.provisional and school.source and school.source_url.startswith("https://")
        assert school.listed_on(date(2024, 11, 1)) and not school.listed_on(date(2024, 10, 31))
        assert not match_university(school.name).eligible_on(TODAY), school.name
    assert match_business_school("Central Europe") is None


def test_confirmed_school_meets_criterion_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """When an official page names the six, one data flag turns `unknown` into `met`."""
    confirmed = tuple(replace(s, provisional=False) for s in all_business_schools())
    monkeypatch.setattr(business_schools, "all_business_schools", lambda: confirmed)
    business_schools._by_key.cache_clear()
    business_schools.match_business_school.cache_clear()
    try:
        second = criterion(assess_dict({"highest_degree": "master",
                                        "postgraduate_university": "INSEAD"}), 2)
    finally:
        business_schools._by_key.cache_clear()
        business_schools.match_business_school.cache_clear()
    assert second["status"] == MET and "business schools on the QMAS list" in second["explanation"]


# --- TTPS category C -------------------------------------------------------------------------

HKU = {"highest_degree": "bachelor", "bachelor_university": "HKU", "bachelor_full_time": "yes",
       "bachelor_year": 2024, "years_work_last_5": 1}


@pytest.mark.parametrize(("changes", "status"), [
    ({"bachelor_nonlocal_student_hk": "yes"}, NOT_MET),
    ({"bachelor_nonlocal_student_hk": "no"}, MET),
    ({"bachelor_nonlocal_student_hk": "unsure"}, UNKNOWN),
    ({}, UNKNOWN),
    ({"bachelor_university": "香港中文大學", "bachelor_nonlocal_student_hk": "yes"}, NOT_MET),
    ({"bachelor_university": "University of Toronto"}, MET),        # not in Hong Kong
    ({"bachelor_university": "University of Toronto", "bachelor_nonlocal_student_hk": "no"},
     MET),
    ({"bachelor_university": "University of Toronto", "bachelor_nonlocal_student_hk": "yes"},
     NOT_MET),                                                      # contract: "yes" excludes
    ({"bachelor_year": 2021, "bachelor_nonlocal_student_hk": "no"}, MET),  # by year: 2026-5
    ({"bachelor_year": 2020, "bachelor_nonlocal_student_hk": "no"}, NOT_MET),
    ({"years_work_last_5": 3, "bachelor_nonlocal_student_hk": "no"}, NOT_MET),
])
def test_ttps_c_exclusion_is_for_non_local_students_only(changes: dict[str, Any],
                                                         status: str) -> None:
    found = alternative(assess_dict({**HKU, **changes}), "ttps-c")
    assert found["status"] == status, found["explanation"]
    if status == MET:
        assert "annual quota" in found["explanation"]


def test_category_b_is_open_to_non_local_hong_kong_graduates() -> None:
    result = assess_dict({**HKU, "years_work_last_5": 4, "bachelor_nonlocal_student_hk": "yes"})
    assert alternative(result, "ttps-b")["status"] == MET


@pytest.mark.parametrize(("typed", "in_hk"), [
    ("HKU", True), ("The University of Hong Kong", True), ("香港科技大學", True),
    ("Hong Kong Baptist University", True), ("香港浸會大學", True),
    ("University of Toronto", False), ("MIT", False), ("Hong", False),
])
def test_in_hong_kong(typed: str, in_hk: bool) -> None:
    assert in_hong_kong(typed) is in_hk


# --- gates: what-if, achievement test and routes agree with the outcome ----------------------

AWARD = {"exceptional_award": "yes", "age": 30, "financial_support": "yes"}


@pytest.mark.parametrize(("answers", "outcome", "gate_words", "route_words"), [
    ({**AWARD, "nationality": "AF"}, "nationality_excluded", "closed to nationals of Afghanistan",
     "Closed to nationals of Afghanistan, like the rest of QMAS."),
    ({**AWARD, "good_character": "no"}, "prerequisite_not_met",
     "Only meeting the missing prerequisite",
     "An application under this test is also refused at once while a prerequisite is not met."),
])
def test_a_closed_gate_decides_everything(answers: dict[str, Any], outcome: str,
                                          gate_words: str, route_words: str) -> None:
    result = assess_dict(answers)
    assert result["outcome"] == outcome
    assert gate_words in result["what_if"]["gate"]
    assert result["what_if"]["plan"] == [] and result["what_if"]["reachable"] is False
    assert result["achievement_test"]["status"] == NOT_MET
    assert result["achievement_test"]["explanation"] == route_words


@pytest.mark.parametrize("lang", ["en", "ja", "fr", "ar"])
def test_a_failed_prerequisite_is_explained_once(lang: str) -> None:
    """The Achievement-based test row under "other routes" says in one line that it is closed
    too; the paragraph on what would change the result is not repeated there."""
    answers = {**AWARD, "age": 17, "nationality": "IN"}
    assessment = assess(parse_answers(answers, TODAY), TODAY)
    tr = Translator.for_code(lang)
    assert assessment.what_if.gate is not None
    text = text_result(answers, lang)
    assert text.count(tr(assessment.what_if.gate)) == 1
    assert tr(assessment.achievement_test.finding.explanation) in text


def test_excluded_nationals_get_no_routes_and_the_honest_reason() -> None:
    result = assess_dict({**AWARD, "nationality": "KP", "highest_degree": "none"})
    assert result["other_routes"] == []
    assert all(alt["status"] == NOT_MET for alt in result["alternatives"])
    text = text_result({**AWARD, "nationality": "KP"})
    assert "You need" not in text and "Criterion 1 is not settled" not in text
    assert "closed to nationals of North Korea" in text


def test_prerequisite_failure_no_longer_says_the_threshold_is_reached() -> None:
    text = text_result({**AWARD, "good_character": "no", "languages": ["en", "zh"],
                        "years_graduate_work": 6, "years_renowned_employer": 6,
                        "years_target_industry": 6, "years_international": 6})
    assert "You already meet the threshold" not in text
    assert "✅ Achievement-based Points Test" not in text


def test_open_gate_keeps_the_plan() -> None:
    result = assess_dict({"nationality": "IN", "age": 30})
    assert result["what_if"]["gate"] is None and result["what_if"]["plan"]


# --- other routes ----------------------------------------------------------------------------

@pytest.mark.parametrize(("answers", "routes"), [
    ({"nationality": "IN", "age": 45}, ["gep", "talent_engage"]),
    ({"nationality": "IN", "age": 30}, ["gep", "assg", "talent_engage"]),
    ({"nationality": "IN", "age": 41}, ["gep", "talent_engage"]),
    ({"nationality": "IN", "age": 18}, ["gep", "assg", "talent_engage"]),
    # PRC-passport holders settled overseas use GEP, not ASMTP.
    ({"nationality": "CN", "age": 45}, ["asmtp", "gep_overseas_chinese", "talent_engage"]),
    # With a criminal record: every other scheme expects a clear record too.
    ({"nationality": "IN", "age": 45, "good_character": "no"},
     ["gep", "clear_record", "talent_engage"]),
    # Unsure of it: said before ASSG, whose line carries no record caveat of its own.
    ({"nationality": "IN", "age": 30, "good_character": "unsure"},
     ["gep", "assg", "clear_record", "talent_engage"]),
    # IANG's limit for Vietnam, Laos and Nepal.
    ({**HKU, "nationality": "VN", "age": 45, "bachelor_nonlocal_student_hk": "yes"},
     ["iang", "iang_ugc", "gep", "talent_engage"]),
    # IANG is not for a local student, even with a Hong Kong master's.
    ({**HKU, "age": 45, "bachelor_nonlocal_student_hk": "no", "highest_degree": "master",
      "postgraduate_university": "HKUST"}, ["gep", "talent_engage"]),
    ({"nationality": "IN", "age": 45, "highest_degree": "master",
      "postgraduate_university": "MIT", "postgraduate_stem": "yes"},
     ["gep", "techtas", "talent_engage"]),
    ({"nationality": "PH", "age": 40, "highest_degree": "none"},
     ["gep", "vpas", "tp_stream", "assg", "talent_engage"]),
    ({"nationality": "PH", "age": 41, "highest_degree": "none"},
     ["gep", "vpas", "talent_engage"]),
    # VPAS is closed to nationals of Vietnam, Laos and Nepal.
    ({"nationality": "VN", "age": 41, "highest_degree": "none"}, ["gep", "talent_engage"]),
    # Business owners: the investment routes; a Chinese national is told which of them admit
    # Chinese nationals (tests/test_audit_fixes.py).
    ({"nationality": "IN", "age": 45, "business_share_pct": 60},
     ["gep", "investment", "new_cies", "talent_engage"]),
    ({"nationality": "CN", "age": 45, "business_share_pct": 60},
     ["asmtp", "gep_overseas_chinese", "investment", "new_cies", "talent_engage"]),
    ({**HKU, "age": 45, "bachelor_nonlocal_student_hk": "yes"},
     ["iang", "gep", "talent_engage"]),
    ({**HKU, "age": 45, "bachelor_nonlocal_student_hk": "unsure"},
     ["iang", "gep", "talent_engage"]),
    ({**HKU, "age": 45, "bachelor_nonlocal_student_hk": "no"}, ["gep", "talent_engage"]),
    ({"age": 45, "highest_degree": "master", "postgraduate_university": "HKUST"},
     ["iang", "gep", "talent_engage"]),
    ({"nationality": "CU", "age": 30}, []),
    ({"nationality": "HK", "age": 30}, []),
    ({"hk_permanent_resident": "yes", "age": 30}, []),
])
def test_other_routes_fit_the_answers(answers: dict[str, Any], routes: list[str]) -> None:
    result = assess_dict(answers)
    assert [r["id"] for r in result["other_routes"]] == routes
    for route in result["other_routes"]:
        assert route["text"] and route["title"] and route["url"].startswith("https://")
        assert "score" not in route and "status" not in route


def test_routes_appear_in_the_chat_result_with_official_links() -> None:
    text = text_result({**HKU, "age": 30, "bachelor_nonlocal_student_hk": "yes"})
    assert "➡️ IANG:" in text
    assert "https://www.immd.gov.hk/eng/services/visas/IANG.html" in text
    assert "https://www.hkengage.gov.hk/" in text


# --- notes that the answers make relevant (§7) ------------------------------------------------

@pytest.mark.parametrize(("answers", "phrase", "shown"), [
    ({"nationality": "CN"}, "Exit-entry Permit", True),
    ({"nationality": "IN"}, "Exit-entry Permit", False),
    ({**HKU, "bachelor_nonlocal_student_hk": "yes"}, "fresh entrants", True),
    ({**HKU, "bachelor_nonlocal_student_hk": "no"}, "fresh entrants", False),
    ({**HKU, "bachelor_nonlocal_student_hk": "no"}, "counted by year of graduation", True),
    ({"nationality": "AF", **HKU}, "counted by year of graduation", False),
    ({"annual_income": {"amount": 1, "currency": "HKD"}, "highest_degree": "none"},
     "counted by year of graduation", False),
])
def test_notes_follow_the_answers(answers: dict[str, Any], phrase: str, shown: bool) -> None:
    notes = assess_dict(answers)["notes"]
    assert any(phrase in note for note in notes) is shown


def test_language_prerequisite_note_is_official_not_provisional() -> None:
    notes = assess_dict({})["notes"]
    language = next(n for n in notes if "no longer a prerequisite" in n)
    assert "provisional" not in language
    assert all("language" not in p for p in all_rulesets()[-1].provisional)


# --- sources: revision dates, localised links and titles -------------------------------------

def _data_titles() -> set[str]:
    titles = {s.title for r in all_rulesets() for s in r.sources}
    facts = checklist()
    pages = (facts.guidance, facts.scheme_page, facts.fees_page, *(f.source for f in facts.facts),
             *(e.source for e in facts.evidence))
    return titles | {s.title for s in route_sources().values()} | {s.title for s in pages}


def test_every_source_title_is_translatable() -> None:
    assert _data_titles() <= {text.msgid for text in TITLES}


@pytest.mark.parametrize(("lang", "section"), [
    ("en", "eng"), ("ja", "eng"), ("ar", "eng"), ("zh-hant", "hkt"), ("zh-hans", "hks"),
])
def test_sources_follow_the_reader(lang: str, section: str) -> None:
    result = assess_dict({"nationality": "IN"}, lang=lang)
    sources = {s["id"]: s for s in result["rules"]["sources"]}
    qmas = sources["S60"]
    assert qmas["url"] == ("https://www.immd.gov.hk/" + section
                           + "/services/visas/quality_migrant_admission_scheme.html")
    assert qmas["revised"] == "2025-12-15" and sources["S63"]["revised"] == "2026-01-01"
    assert sources["LIST"]["url"] == "https://www.immd.gov.hk/pdf/aggregate_list.pdf"
    if lang != "en":
        assert qmas["title"] != "ImmD, Quality Migrant Admission Scheme"


def test_chinese_reader_gets_chinese_titles_and_pages() -> None:
    text = text_result({"nationality": "IN"}, lang="zh-hant")
    assert "入境事務處：優秀人才入境計劃（網頁修訂日期：2025年12月15日）" in text
    assert "/hkt/services/visas/quality_migrant_admission_scheme.html" in text
    assert "/hkt/services/visas/quality-migrant-admission/self-assessment-tool.html" in text


# --- result wording ----------------------------------------------------------------------------

@pytest.mark.parametrize(("answers", "lang", "phrase"), [
    ({"years_graduate_work": 1}, "en",
     "1 year of graduate- or specialist-level work; 5 years are"),
    ({"years_graduate_work": 1.5}, "en", "1 year and 6 months of graduate-"),
    ({"years_graduate_work": 1.3}, "en", "1.3 years of graduate-"),
    ({"years_graduate_work": 3, "years_renowned_employer": 1}, "en",
     "1 year of graduate-level work in multinational"),
    ({"annual_income": {"amount": 130000, "currency": "USD"}}, "en",
     "Your annual income is US$130,000, about"),
    ({"annual_income": {"amount": 130000, "currency": "USD"}}, "ja", "US$130,000"),
    ({"annual_income": {"amount": 130000, "currency": "USD"}}, "ko", "US$130,000"),
    ({"annual_income": {"amount": 2_000_000, "currency": "HKD"}}, "en",
     "Your annual income is HK$2,000,000; the threshold is HK$1,000,000 (provisional)."),
    ({"annual_income": {"amount": 2_000_000, "currency": "HKD"}}, "ko", "입니다(잠정)."),
    ({"financial_support": "no"}, "es", "que falta (solvencia económica) cambiaría este resultado"),
    ({"financial_support": "no"}, "fr",
     "manquante (ressources financières) changerait ce résultat"),
    ({"financial_support": "no"}, "vi", "bị từ chối: điều kiện tài chính."),
    ({"listed_company_share_pct": 5}, "zh-hant", "%（暫定）。"),
    ({"listed_company_share_pct": 5}, "ja", "（暫定）"),
    ({"business_share_pct": 0}, "zh-hant", "我尚未知道您是否擁有上市公司。"),
    ({"business_share_pct": 0}, "en", "You do not own a business.\n"),
    ({"business_share_pct": 60, "business_profit": {"amount": -500_000, "currency": "HKD"}},
     "en", "Your business made a loss of HK$500,000; the threshold is a profit of "
           "HK$5,000,000.\n"),
    ({"business_share_pct": 60, "business_profit": {"amount": -5_000_000, "currency": "JPY"}},
     "ja", "事業は5,000,000円の損失でした。基準額はHK$5,000,000の利益です。"),
    ({"business_share_pct": 60, "business_profit": {"amount": -500_000, "currency": "HKD"}},
     "zh-hant", "您的業務實體虧損HK$500,000；門檻為盈利HK$5,000,000。"),
    ({"business_share_pct": 60, "business_profit": {"amount": -500_000, "currency": "HKD"}},
     "ar", "سجّلت شركتك خسارة قدرها"),
])
def test_result_wording(answers: dict[str, Any], lang: str, phrase: str) -> None:
    shown = text_result(answers, lang)
    assert phrase in shown
    assert "-HK$" not in shown and "HK$-" not in shown and "-5,000,000" not in shown


@pytest.mark.parametrize(("answers", "fact", "interpretation"), [
    ({"business_share_pct": 0, "listed_company_share_pct": 0},
     ["You do not own a business.", "You do not own a listed company."], []),
    ({"business_share_pct": 30, "listed_company_share_pct": 5}, [],
     ["You own 30% of a business", "You own 5% of a listed company"]),
    ({"business_share_pct": 60, "business_profit": {"amount": 1_000_000, "currency": "HKD"}},
     ["Your business's profit is HK$1,000,000; the threshold is HK$5,000,000."], []),
    ({"business_share_pct": 60, "business_profit": {"amount": 6_000_000, "currency": "HKD"}},
     [], ["Your business's profit is HK$6,000,000"]),
])
def test_provisional_marks_the_interpretation_not_the_users_facts(
        answers: dict[str, Any], fact: list[str], interpretation: list[str]) -> None:
    """A criterion failed on the user's own answer is not provisional; one decided by the bot's
    reading of an unsettled rule is."""
    lines = text_result(answers).splitlines()
    for phrase in fact:
        line = next(line for line in lines if phrase in line)
        assert "(provisional)" not in line, line
    for phrase in interpretation:
        line = next(line for line in lines if phrase in line)
        assert line.rstrip().endswith("(provisional)."), line


@pytest.mark.parametrize(("answers", "number", "provisional"), [
    ({"business_share_pct": 0}, 11, False), ({}, 11, False), ({}, 10, False),
    ({"business_share_pct": 30}, 11, True),
    ({"listed_company_share_pct": 0}, 12, False), ({"listed_company_share_pct": 5}, 12, True),
    ({"listed_company_share_pct": 20}, 12, True),
    ({"business_share_pct": 60, "business_profit": {"amount": 6_000_000, "currency": "HKD"}},
     11, True),
    ({"annual_income": {"amount": 2_000_000, "currency": "HKD"}}, 10, True),
])
def test_provisional_marks_only_what_the_provisional_reading_decides(
        answers: dict[str, Any], number: int, provisional: bool) -> None:
    """A missing answer or owning none rests on no reading; a share below the minimum is judged
    by the provisional rule, and says so once."""
    found = criterion(assess_dict(answers), number)
    assert found["provisional"] is provisional
    for lang, mark in (("en", "(provisional)"), ("hi", "(अपुष्ट)"), ("zh-hant", "（暫定）")):
        line = text_result(answers, lang).split(f"{number}. ", 1)[1].split("\n\n", 1)[0]
        assert line.count(mark) == (1 if provisional else 0), line


def test_no_capital_after_too_close_to_call() -> None:
    text = text_result({"annual_income": {"amount": 130000, "currency": "USD"}})
    assert "too close to call" in text and "Too close to call: Your" not in text
    assert " $130,000" not in text


# --- the command line --------------------------------------------------------------------------

@pytest.mark.parametrize(("answers", "message"), [
    ({"hk_permanent_resident": "maybe"},
     'hk_permanent_resident: must be "yes", "no" or "unsure", got "maybe"'),
    ({"bachelor_nonlocal_student_hk": "oui"},
     'bachelor_nonlocal_student_hk: must be "yes", "no" or "unsure", got "oui"'),
    ({"years_graduate_work": 2, "years_renowned_employer": 4},
     "years_renowned_employer: 4 is more than years_graduate_work (2)"),
    ({"languages": ["en", "mai"]},    # the chat keeps Maithili; the contract names ISO 639-1 only
     'languages: must be a list of ISO 639-1 language codes such as "zh" or "en"; unknown code, '
     'got "mai"'),
    ({"languages": ["en", "xx"]},
     'languages: must be a list of ISO 639-1 language codes such as "zh" or "en"; unknown code, '
     'got "xx"'),
])
def test_cli_rejects_bad_input_with_one_line(tmp_path: Path, answers: dict[str, Any],
                                             message: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert main(["assess", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err == message + "\n" and captured.out == ""


def test_cli_accepts_the_resident_and_student_keys(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"hk_permanent_resident": "no",
                                "bachelor_nonlocal_student_hk": "unsure"}), encoding="utf-8")
    assert main(["assess", "--date", "2026-11-29", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["outcome"] == "undetermined"


EXAMPLES = {
    "answers.json": "meets_threshold",
    "hk-permanent-resident.json": "already_resident",
    "hku-non-local-graduate.json": "below_threshold",
    "lbs-mba.json": "undetermined",
}


@pytest.mark.slow
@pytest.mark.parametrize(("name", "outcome"), sorted(EXAMPLES.items()))
def test_example_files(name: str, outcome: str) -> None:
    """The real command on the shipped examples."""
    done = subprocess.run([sys.executable, "-m", "bot", "assess", "--date", "2026-11-29",
                           str(ROOT / "examples" / name)], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    assert json.loads(done.stdout)["outcome"] == outcome


def test_business_school_data_file_documents_each_school() -> None:
    data = tomllib.loads((ROOT / "bot/rules/data/qmas-business-schools.toml")
                         .read_text(encoding="utf-8"))
    assert {"name", "listed_from", "provisional", "source", "source_url", "aliases"} \
        <= set(data["school"][0])


def test_excluded_result_leaves_out_what_cannot_matter() -> None:
    text = text_result({"nationality": "AF"})
    assert "The 12 criteria" not in text and "Financial requirement" not in text
    assert "What would change the result" in text and "not legal advice" in text


def test_resident_what_if_speaks_of_residence_and_tests_stay_for_information() -> None:
    result = assess_dict({**AWARD, "nationality": "HK",
                          "annual_income": {"amount": 3_000_000, "currency": "HKD"}})
    assert result["outcome"] == "already_resident"
    assert "Nothing needs to change" in result["what_if"]["gate"]
    assert result["what_if"]["plan"] == []
    assert result["achievement_test"]["status"] == MET
    assert alternative(result, "ttps-a")["status"] == MET
    assert result["other_routes"] == []


@pytest.mark.parametrize(("answers", "present", "absent"), [
    ({**AWARD, "nationality": "AF"}, "closed to nationals of Afghanistan",
     "No realistic change would bring you to the threshold"),
    ({**HKU, "age": 30, "bachelor_nonlocal_student_hk": "yes"},
     "https://www.immd.gov.hk/eng/services/visas/IANG.html", "Nothing needs to change"),
])
def test_html_report_shows_the_gate_and_the_routes(answers: dict[str, Any], present: str,
                                                   absent: str) -> None:
    from datetime import UTC, datetime

    from bot.report.html_report import render_html

    parsed = parse_answers(answers, TODAY)
    page = render_html(assess(parsed, TODAY), parsed, Translator.for_code("en"),
                       datetime(2026, 11, 29, tzinfo=UTC))
    assert present in page and absent not in page


def test_a_criterion_not_settled_is_not_also_marked_provisional() -> None:
    """"Not settled" already says it; the note on provisional results counts settled ones."""
    answers = {"highest_degree": "master", "postgraduate_university": "London Business School"}
    line = next(line for line in text_result(answers).splitlines()
                if "London Business School is not on the Consolidated List" in line)
    assert line.endswith("so this criterion is not settled."), line
    assert criterion(assess_dict(answers), 2)["status"] == "unknown"


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "No work in the last 5 years; category B needs 3 years."),
    ("ar", "لم تعمل خلال السنوات الخمس الأخيرة")])
def test_no_work_in_the_last_five_years_is_said_in_words(lang: str, said: str) -> None:
    """Not "0 years of work" («0 سنوات»): a zero reads as a sentence of its own."""
    answers = {"nationality": "IN", "age": 30, "highest_degree": "bachelor",
               "bachelor_university": "Harvard University", "years_work_last_5": 0}
    assert said in strip_controls(text_result(answers, lang))
