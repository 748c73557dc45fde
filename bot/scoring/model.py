"""What an assessment is made of: statuses, checks with their explanations, the outcome."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.i18n.text import AfterColon, Text, join, tn
from bot.rules.ruleset import RuleSet, Source


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


# Prerequisites whose failure nothing later lifts (a record stays on record).
FINAL_PREREQUISITES = frozenset({"good_character"})


class Outcome(StrEnum):
    ALREADY_RESIDENT = "already_resident"
    NATIONALITY_EXCLUDED = "nationality_excluded"
    PREREQUISITE_NOT_MET = "prerequisite_not_met"
    MEETS_THRESHOLD = "meets_threshold"
    BELOW_THRESHOLD = "below_threshold"
    UNDETERMINED = "undetermined"


@dataclass(frozen=True)
class Finding:
    """A status with the reason for it and, where it can change, what would change it."""

    status: Status
    explanation: Text
    how_to_meet: Text | None = None
    provisional: bool = False


@dataclass(frozen=True)
class Check:
    """One prerequisite, criterion, test or alternative scheme, as assessed."""

    id: str
    title: Text
    finding: Finding
    number: int | None = None

    @property
    def status(self) -> Status:
        return self.finding.status


class ChangeKind(StrEnum):
    """What a suggested change asks of the applicant, cheapest first."""

    ANSWER = "answer"
    TIME = "time"
    EFFORT = "effort"
    DEGREE = "degree"
    CAPITAL = "capital"


@dataclass(frozen=True)
class Suggestion:
    """One change that would meet one or more criteria."""

    kind: ChangeKind
    criteria: tuple[int, ...]
    text: Text
    months: int | None = None
    names_criteria: bool = False    # `text` already says which criteria it meets

    @property
    def said(self) -> Text:
        """The change as the reader sees it: with the criteria it meets named, so "would meet
        it" always has a referent."""
        if self.names_criteria:
            return self.text
        return tn("Criterion {numbers}: {change}", "Criteria {numbers}: {change}",
                  len(self.criteria), numbers=join(*self.criteria, style="numbers"),
                  change=AfterColon(self.text))


@dataclass(frozen=True)
class WhatIf:
    """The cheapest set of changes that reaches the threshold, plus warnings about time."""

    needed: int
    plan: tuple[Suggestion, ...]
    reachable: bool
    warnings: tuple[Text, ...]
    gate: Text | None = None   # set when a gate (nationality, a prerequisite) decides instead
    further: tuple[Suggestion, ...] = ()   # threshold met: the cheapest criteria still to gain


@dataclass(frozen=True)
class Route:
    """Another way into Hong Kong that fits the answers: one line and an official link, no score."""

    id: str
    text: Text
    source: Source


@dataclass(frozen=True)
class Counted:
    """A typed institution and what it counts as: the listed institution (None when none) and
    the school that was recognised in the name, if any."""

    answer: str
    typed: str
    institution: str | None
    school: str | None


@dataclass(frozen=True)
class Assessment:
    """The contract's assessment, with `Text` values still to be rendered in a language."""

    rules: RuleSet
    assessed_on: date
    already_resident: bool
    university_list_version: date | None
    rates_as_of: date
    nationality_eligible: bool | None
    nationality_check: Check
    prerequisites: tuple[Check, ...]
    criteria: tuple[Check, ...]
    achievement_test: Check
    alternatives: tuple[Check, ...]
    what_if: WhatIf
    notes: tuple[Text, ...]
    other_routes: tuple[Route, ...] = ()
    counted: tuple[Counted, ...] = ()   # the institutions typed, and what each counts as

    @property
    def met_count(self) -> int:
        return sum(c.status is Status.MET for c in self.criteria)

    @property
    def unknown_count(self) -> int:
        return sum(c.status is Status.UNKNOWN for c in self.criteria)

    @property
    def threshold(self) -> int:
        return self.rules.threshold

    @property
    def prerequisites_met(self) -> bool:
        """Every prerequisite shown: ImmD refuses at once an application that does not show one."""
        return all(p.status is Status.MET for p in self.prerequisites)

    @property
    def final(self) -> bool:
        """An outcome that no later answer, time or effort changes: a passport the schemes
        exclude, or a criminal or adverse immigration record."""
        outcome = self.outcome
        return outcome is Outcome.NATIONALITY_EXCLUDED or (
            outcome is Outcome.PREREQUISITE_NOT_MET
            and any(p.id in FINAL_PREREQUISITES and p.status is Status.NOT_MET
                    for p in self.prerequisites))

    @property
    def outcome(self) -> Outcome:
        """The contract's order of precedence."""
        if self.already_resident:
            return Outcome.ALREADY_RESIDENT
        if self.nationality_eligible is False:
            return Outcome.NATIONALITY_EXCLUDED
        if any(p.status is Status.NOT_MET for p in self.prerequisites):
            return Outcome.PREREQUISITE_NOT_MET
        if self.met_count >= self.threshold and self.prerequisites_met:
            return Outcome.MEETS_THRESHOLD
        if self.met_count + self.unknown_count < self.threshold:
            return Outcome.BELOW_THRESHOLD
        return Outcome.UNDETERMINED
