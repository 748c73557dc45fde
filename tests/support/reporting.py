"""Assessments for the report and next-steps tests: the example applicant and variants of them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.scoring.answers import Answers, parse_answers
from bot.scoring.assess import assess
from bot.scoring.model import Assessment
from tests.support.assessing import TODAY

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.json"
MADE_AT = datetime(2026, 11, 29, 20, 5, tzinfo=UTC)

# The example applicant meets 7 criteria; each variant changes what decides one outcome.
VARIANTS: dict[str, dict[str, Any]] = {
    "meets_threshold": {},
    "undetermined": {"languages": None, "years_renowned_employer": None},
    "below_threshold": {"age": 55, "years_international": 0, "years_renowned_employer": 0,
                        "highest_degree": "bachelor", "postgraduate_university": None,
                        "postgraduate_stem": None},
    "prerequisite_not_met": {"good_character": "no"},
    "nationality_excluded": {"nationality": "AF"},
}


def example_answers(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
    return {**answers, **changes}


def assessed(outcome: str, **changes: Any) -> tuple[Assessment, Answers]:
    """The example applicant changed so that the result has `outcome` (checked)."""
    answers = parse_answers(example_answers(**{**VARIANTS[outcome], **changes}), TODAY)
    assessment = assess(answers, TODAY)
    assert assessment.outcome == outcome, (outcome, assessment.outcome)
    return assessment, answers
