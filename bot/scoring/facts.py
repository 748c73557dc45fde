"""Facts derived once from the answers, shared by the criteria, tests and alternatives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from bot.rules.currency import RateTable, load_rates
from bot.rules.ruleset import RuleSet
from bot.rules.universities import UniversityMatch, match_university
from bot.scoring.answers import Answers


@dataclass(frozen=True)
class Facts:
    """The answers plus the day, the rules and the reference data in force on it."""

    answers: Answers
    day: date
    rules: RuleSet
    rates: RateTable

    @classmethod
    def of(cls, answers: Answers, day: date, rules: RuleSet) -> Facts:
        return cls(answers, day, rules, load_rates())

    @cached_property
    def postgraduate_match(self) -> UniversityMatch | None:
        name = self.answers.postgraduate_university
        return match_university(name) if name else None

    @cached_property
    def bachelor_match(self) -> UniversityMatch | None:
        name = self.answers.bachelor_university
        return match_university(name) if name else None
