"""Table-driven checks of every criterion, prerequisite, test, alternative and outcome."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.support.assessing import TODAY, assess_dict, criterion

MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"


def hkd(amount: float) -> dict[str, Any]:
    return {"amount": amount, "currency": "HKD"}


@pytest.mark.parametrize(("number", "answers", "status"), [
    # 1: aged 50 or below
    (1, {"age": 50}, MET), (1, {"age": 49}, MET), (1, {"age": 51}, NOT_MET), (1, {}, UNKNOWN),
    # 2: master's or doctorate from an eligible university
    (2, {"highest_degree": "master", "postgraduate_university": "Tsinghua University"}, MET),
    (2, {"highest_degree": "doctorate", "postgraduate_university": "MIT"}, MET),
    (2, {"highest_degree": "master", "postgraduate_university": "University of Nowhere"}, NOT_MET),
    (2, {"highest_degree": "bachelor", "bachelor_university": "Harvard University"}, NOT_MET),
    (2, {"highest_degree": "none"}, NOT_MET),
    (2, {"highest_degree": "master"}, UNKNOWN),
    (2, {}, UNKNOWN),
    # 3: STEM (implies 2)
    (3, {"highest_degree": "master", "postgraduate_university": "MIT",
         "postgraduate_stem": "yes"}, MET),
    (3, {"highest_degree": "master", "postgraduate_university": "MIT",
         "postgraduate_stem": "no"}, NOT_MET),
    (3, {"highest_degree": "master", "postgraduate_university": "MIT",
         "postgraduate_stem": "unsure"}, UNKNOWN),
    (3, {"highest_degree": "master", "postgraduate_university": "University of Nowhere",
         "postgraduate_stem": "yes"}, NOT_MET),
    (3, {"highest_degree": "master", "postgraduate_stem": "yes"}, UNKNOWN),
    (3, {"highest_degree": "bachelor", "postgraduate_stem": "yes"}, NOT_MET),
    # 4 and 5: languages
    (4, {"languages": ["zh", "en"]}, MET), (4, {"languages": ["zh"]}, NOT_MET),
    (4, {"languages": ["hi", "ne"]}, MET), (4, {"languages": []}, NOT_MET), (4, {}, UNKNOWN),
    (4, {"languages": ["mai", "bho"]}, MET), (4, {"languages": ["mai"]}, NOT_MET),
    (5, {"languages": ["en"]}, MET), (5, {"languages": ["zh", "hi"]}, NOT_MET), (5, {}, UNKNOWN),
    # 6-9: years of work, at, just below and just above
    (6, {"years_graduate_work": 5}, MET), (6, {"years_graduate_work": 4.9}, NOT_MET),
    (6, {"years_graduate_work": 5.1}, MET), (6, {}, UNKNOWN),
    (7, {"years_renowned_employer": 3}, MET), (7, {"years_renowned_employer": 2.9}, NOT_MET),
    (7, {"years_renowned_employer": 3.5}, MET), (7, {}, UNKNOWN),
    (8, {"years_target_industry": 3}, MET), (8, {"years_target_industry": 2.99}, NOT_MET),
    (8, {"years_target_industry": 4}, MET), (8, {}, UNKNOWN),
    (9, {"years_international": 2}, MET), (9, {"years_international": 1.9}, NOT_MET),
    (9, {"years_international": 2.5}, MET), (9, {}, UNKNOWN),
    # 10: income, HKD exact; foreign currency with the 5% borderline
    (10, {"annual_income": hkd(1_000_000)}, MET), (10, {"annual_income": hkd(999_999)}, NOT_MET),
    (10, {"annual_income": hkd(1_000_001)}, MET), (10, {}, UNKNOWN),
    (10, {"annual_income": {"amount": 200_000, "currency": "USD"}}, MET),
    (10, {"annual_income": {"amount": 100_000, "currency": "USD"}}, NOT_MET),
    (10, {"annual_income": {"amount": 128_000, "currency": "USD"}}, UNKNOWN),
    # 11: business, provisional 50% share and HK$5M profit
    (11, {"business_share_pct": 50, "business_profit": hkd(5_000_000)}, MET),
    (11, {"business_share_pct": 50, "business_profit": hkd(4_999_999)}, NOT_MET),
    (11, {"business_share_pct": 49, "business_profit": hkd(9_000_000)}, NOT_MET),
    (11, {"business_share_pct": 100, "business_profit": hkd(5_000_001)}, MET),
    (11, {"business_share_pct": 0}, NOT_MET),
    (11, {"business_share_pct": 60}, UNKNOWN),
    (11, {"business_share_pct": 60, "business_profit": hkd(-100)}, NOT_MET),
    (11, {}, UNKNOWN),
    # 12: listed company, provisional 10%
    (12, {"listed_company_share_pct": 10}, MET), (12, {"listed_company_share_pct": 9.9}, NOT_MET),
    (12, {"listed_company_share_pct": 0}, NOT_MET), (12, {}, UNKNOWN),
])
def test_criterion(number: int, answers: dict[str, Any], status: str) -> None:
    found = criterion(assess_dict(answers), number)
    assert found["status"] == status, found["explanation"]


def test_languages_without_a_two_letter_code_are_named() -> None:
    found = criterion(assess_dict({"languages": ["hi", "mai", "bho"]}), 4)
    assert "Maithili" in found["explanation"] and "Bhojpuri" in found["explanation"]
    assert found["explanation"] and found["how_to_meet"]


@pytest.mark.parametrize(("answers", "prerequisite", "status"), [
    ({"age": 18}, "age", MET), ({"age": 17}, "age", NOT_MET), ({}, "age", UNKNOWN),
    ({"financial_support": "yes"}, "financial_support", MET),
    ({"financial_support": "no"}, "financial_support", NOT_MET),
    ({"financial_support": "unsure"}, "financial_support", UNKNOWN),
    ({"good_character": "yes"}, "good_character", MET),
    ({"good_character": "no"}, "good_character", NOT_MET),
    ({}, "good_character", UNKNOWN),
    ({"highest_degree": "bachelor"}, "basic_education", MET),
    ({"highest_degree": "doctorate"}, "basic_education", MET),
    ({"highest_degree": "none", "professional_standing": "no"}, "basic_education", NOT_MET),
    ({"highest_degree": "none", "professional_standing": "yes"}, "basic_education", UNKNOWN),
    ({"highest_degree": "none", "professional_standing": "unsure"}, "basic_education", UNKNOWN),
    ({"highest_degree": "none"}, "basic_education", UNKNOWN),
    ({}, "basic_education", UNKNOWN),
])
def test_prerequisite(answers: dict[str, Any], prerequisite: str, status: str) -> None:
    result = assess_dict(answers)
    assert [p["id"] for p in result["prerequisites"]] == [
        "age", "financial_support", "good_character", "basic_education"]
    found = next(p for p in result["prerequisites"] if p["id"] == prerequisite)
    assert found["status"] == status


@pytest.mark.parametrize(("code", "eligible"), [
    ("AF", False), ("CU", False), ("KP", False), ("kp", False),
    ("VN", True), ("LA", True), ("NP", True), ("IN", True), ("CN", True), (None, None),
])
def test_nationality_scope(code: str | None, eligible: bool | None) -> None:
    result = assess_dict({"nationality": code})
    assert result["nationality_eligible"] is eligible
    if eligible is False:
        assert result["outcome"] == "nationality_excluded"
        assert all(alt["status"] == NOT_MET for alt in result["alternatives"])


STRONG = {
    "nationality": "IN", "age": 34, "financial_support": "yes", "good_character": "yes",
    "highest_degree": "master", "postgraduate_university": "Indian Institute of Science",
    "postgraduate_stem": "yes", "bachelor_university": "University of Delhi",
    "bachelor_full_time": "yes", "bachelor_year": 2013,
    "languages": ["en", "hi"], "years_graduate_work": 9, "years_renowned_employer": 6,
    "years_target_industry": 9, "years_international": 0, "years_work_last_5": 5,
    "annual_income": {"amount": 4_000_000, "currency": "INR"},
    "business_share_pct": 0, "listed_company_share_pct": 0,
    "exceptional_award": "no", "peer_recognition": "no",
}


@pytest.mark.parametrize(("changes", "outcome"), [
    ({}, "meets_threshold"),  # 1, 4, 5, 6, 7, 8 = 6
    ({"nationality": "AF"}, "nationality_excluded"),
    ({"nationality": "AF", "age": 15}, "nationality_excluded"),
    ({"age": 17}, "prerequisite_not_met"),
    ({"good_character": "no"}, "prerequisite_not_met"),
    ({"years_target_industry": 1}, "below_threshold"),
    ({"years_target_industry": None}, "undetermined"),
    ({"languages": None}, "undetermined"),
    ({"financial_support": "unsure"}, "undetermined"),   # v3: every prerequisite met first
])
def test_outcome_precedence(changes: dict[str, Any], outcome: str) -> None:
    result = assess_dict({**STRONG, **changes})
    assert result["outcome"] == outcome
    assert result["threshold"] == 6
    assert result["met_count"] == sum(c["status"] == MET for c in result["criteria"])
    assert result["unknown_count"] == sum(c["status"] == UNKNOWN for c in result["criteria"])


def test_strong_profile_counts() -> None:
    result = assess_dict(STRONG)
    statuses = [c["status"] for c in result["criteria"]]
    assert statuses == [MET, NOT_MET, NOT_MET, MET, MET, MET, MET, MET, NOT_MET, NOT_MET,
                        NOT_MET, NOT_MET]
    assert result["met_count"] == 6 and result["unknown_count"] == 0


@pytest.mark.parametrize(("answers", "status"), [
    ({"exceptional_award": "yes"}, MET),
    ({"exceptional_award": "no", "peer_recognition": "yes"}, MET),
    ({"exceptional_award": "no", "peer_recognition": "no"}, NOT_MET),
    ({"exceptional_award": "no", "peer_recognition": "unsure"}, UNKNOWN),
    ({}, UNKNOWN),
])
def test_achievement_test(answers: dict[str, Any], status: str) -> None:
    assert assess_dict(answers)["achievement_test"]["status"] == status


GRAD = {"highest_degree": "bachelor", "bachelor_university": "University of Toronto",
        "bachelor_full_time": "yes"}


@pytest.mark.parametrize(("answers", "scheme", "status"), [
    ({"annual_income": hkd(2_500_000)}, "ttps-a", MET),
    ({"annual_income": hkd(2_499_999)}, "ttps-a", NOT_MET),
    ({}, "ttps-a", UNKNOWN),
    ({**GRAD, "years_work_last_5": 3}, "ttps-b", MET),
    ({**GRAD, "years_work_last_5": 2.9}, "ttps-b", NOT_MET),
    ({**GRAD, "bachelor_full_time": "no", "years_work_last_5": 4}, "ttps-b", NOT_MET),
    ({**GRAD, "bachelor_university": "Nowhere College", "years_work_last_5": 4}, "ttps-b",
     NOT_MET),
    ({"highest_degree": "none", "years_work_last_5": 5}, "ttps-b", NOT_MET),
    ({"highest_degree": "master", "postgraduate_university": "MIT", "years_work_last_5": 5},
     "ttps-b", UNKNOWN),
    ({**GRAD, "bachelor_year": 2024, "years_work_last_5": 1}, "ttps-c", MET),
    ({**GRAD, "bachelor_year": 2022, "years_work_last_5": 2.9}, "ttps-c", MET),
    ({**GRAD, "bachelor_year": 2021, "years_work_last_5": 1}, "ttps-c", MET),  # by year
    ({**GRAD, "bachelor_year": 2020, "years_work_last_5": 1}, "ttps-c", NOT_MET),
    ({**GRAD, "bachelor_year": 2024, "years_work_last_5": 3}, "ttps-c", NOT_MET),
    # Category C: less than 3 years of work in all, not only in the last 5 years.
    ({**GRAD, "bachelor_year": 2022, "years_work_last_5": 2, "years_graduate_work": 12},
     "ttps-c", NOT_MET),
    ({**GRAD, "bachelor_year": 2022, "years_work_last_5": 2, "years_graduate_work": 2.5},
     "ttps-c", MET),
    ({**GRAD, "bachelor_university": "The University of Hong Kong", "bachelor_year": 2024,
      "years_work_last_5": 1}, "ttps-c", UNKNOWN),
])
def test_ttps(answers: dict[str, Any], scheme: str, status: str) -> None:
    result = assess_dict(answers)
    assert [a["scheme"] for a in result["alternatives"]] == ["ttps-a", "ttps-b", "ttps-c"]
    found = next(a for a in result["alternatives"] if a["scheme"] == scheme)
    assert found["status"] == status, found["explanation"]


@pytest.mark.parametrize(("university", "day", "status"), [
    ("University of Freiburg", date(2025, 12, 31), MET),
    ("University of Freiburg", date(2026, 1, 1), NOT_MET),
    ("Politecnico di Milano", date(2025, 12, 31), NOT_MET),
    ("Politecnico di Milano", date(2026, 1, 1), MET),
    ("Radboud University", date(2024, 12, 31), MET),
    ("Radboud University", date(2025, 1, 1), NOT_MET),
    ("University of Massachusetts", date(2024, 11, 1), NOT_MET),
    ("University of Massachusetts", date(2025, 1, 1), MET),
])
def test_university_list_by_date(university: str, day: date, status: str) -> None:
    result = assess_dict({"highest_degree": "master", "postgraduate_university": university}, day)
    assert criterion(result, 2)["status"] == status, criterion(result, 2)["explanation"]


def test_contract_shape() -> None:
    result = assess_dict(STRONG)
    assert result["scheme"] == "qmas-gpt"
    assert result["rules_effective"] == "2024-11-01"
    assert result["assessed_on"] == TODAY.isoformat()
    assert [c["number"] for c in result["criteria"]] == list(range(1, 13))
    assert result["criteria"][0]["id"] == "age_50_or_below"
    assert set(result["achievement_test"]) >= {"status", "explanation"}
    for item in [*result["prerequisites"], *result["criteria"], *result["alternatives"],
                 result["achievement_test"]]:
        assert item["status"] in {MET, NOT_MET, UNKNOWN}
        assert isinstance(item["explanation"], str) and item["explanation"]


def test_what_if_prefers_time_over_degree() -> None:
    answers = {**STRONG, "years_target_industry": 2.5, "years_international": 1.5}
    result = assess_dict(answers)
    assert result["outcome"] == "below_threshold"
    plan = result["what_if"]["plan"]
    assert result["what_if"]["needed"] == 1
    assert [step["kind"] for step in plan] == ["time"]
    assert plan[0]["months"] == 6 and "6 months" in plan[0]["text"]


def test_what_if_degree_counts_twice() -> None:
    answers = {**STRONG, "years_graduate_work": 1, "years_renowned_employer": 0,
               "years_target_industry": 0, "highest_degree": "bachelor"}
    plan = assess_dict(answers)["what_if"]["plan"]
    covered = {n for step in plan for n in step["criteria"]}
    assert len(covered) >= 3


def test_what_if_warns_at_fifty() -> None:
    result = assess_dict({**STRONG, "age": 50})
    assert any("51" in w for w in result["what_if"]["warnings"])
