"""Facts derived once from the answers, shared by the criteria, tests and alternatives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from bot.rules.business_schools import BusinessSchool, match_business_school
from bot.rules.currency import RateTable, load_rates
from bot.rules.ruleset import RuleSet
from bot.rules.universities import UniversityMatch, match_university
from bot.scoring.answers import WORK_PARTS, Answers
from bot.scoring.universities import in_hong_kong


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

    def work_part(self, key: str) -> Decimal | None:
        """A part of the graduate work, never more than the total (a chat may not have checked);
        none of it when there is no graduate work at all, where the part is not asked."""
        years: Decimal | None = getattr(self.answers, key)
        total = self.answers.years_graduate_work
        if years is None:
            return total if total == 0 else None
        return years if total is None else min(years, total)

    def least_graduate_work(self) -> Decimal | None:
        """The years of graduate work the parts alone prove (the largest one), when the total
        is unknown: 10 years abroad are at least 10 years of graduate-level work."""
        parts = [getattr(self.answers, key) for key in WORK_PARTS]
        return max((years for years in parts if years is not None), default=None)

    @cached_property
    def postgraduate_school(self) -> BusinessSchool | None:
        """A business school that only the QMAS list (not the Consolidated List) names."""
        name = self.answers.postgraduate_university
        return match_business_school(name) if name else None

    @cached_property
    def bachelor_in_hong_kong(self) -> bool:
        name = self.answers.bachelor_university
        return name is not None and in_hong_kong(name)

    @cached_property
    def bachelor_match(self) -> UniversityMatch | None:
        name = self.answers.bachelor_university
        return match_university(name) if name else None
