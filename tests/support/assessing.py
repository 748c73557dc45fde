"""Assess a dict of answers exactly as the contract's JSON output does."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.i18n.translator import Translator
from bot.report.contract import to_json
from bot.scoring.answers import parse_answers
from bot.scoring.assess import assess

TODAY = date(2026, 11, 24)


def assess_dict(answers: dict[str, Any], day: date = TODAY, lang: str = "en") -> dict[str, Any]:
    """Validate, assess and render exactly as `qmas-bot assess --format json` does."""
    return to_json(assess(parse_answers(answers, day), day), Translator.for_code(lang))


def criterion(result: dict[str, Any], number: int) -> dict[str, Any]:
    found: dict[str, Any] = result["criteria"][number - 1]
    assert found["number"] == number
    return found
