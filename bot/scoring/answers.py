"""The answers of the assess contract: validation with one clear message per bad field.

Validation is strict on purpose: an unknown key or a wrong type is a bug in whoever produced the
answers, and silently ignoring it would produce a wrong assessment.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import Any, TypeGuard

from babel import Locale

from bot.common.money import Money
from bot.i18n.display_names import language_names
from bot.rules.currency import load_rates

MAX_AMOUNT = Decimal("1e15")   # of any money answer, in its currency: beyond any real income


class InvalidAnswer(ValueError):
    """One field is wrong; `str()` is the one line the contract prints (`field: what is wrong`)."""

    def __init__(self, field: str, problem: str, value: object = None, *, show_value: bool = True):
        got = f', got {json.dumps(value, ensure_ascii=False)}' if show_value else ""
        super().__init__(f"{field}: {problem}{got}")
        self.field = field


class Tri(StrEnum):
    """A yes/no answer that admits honest doubt."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


class Degree(StrEnum):
    NONE = "none"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"

    @property
    def postgraduate(self) -> bool:
        return self in (Degree.MASTER, Degree.DOCTORATE)


@dataclass(frozen=True)
class Answers:
    """Validated answers; `None` everywhere means "not answered"."""

    nationality: str | None = None
    hk_permanent_resident: Tri | None = None
    age: int | None = None
    financial_support: Tri | None = None
    good_character: Tri | None = None
    highest_degree: Degree | None = None
    professional_standing: Tri | None = None
    postgraduate_university: str | None = None
    postgraduate_stem: Tri | None = None
    bachelor_university: str | None = None
    bachelor_year: int | None = None
    bachelor_full_time: Tri | None = None
    bachelor_nonlocal_student_hk: Tri | None = None
    languages: frozenset[str] | None = None
    years_graduate_work: Decimal | None = None
    years_renowned_employer: Decimal | None = None
    years_target_industry: Decimal | None = None
    years_international: Decimal | None = None
    years_work_last_5: Decimal | None = None
    annual_income: Money | None = None
    business_share_pct: Decimal | None = None
    business_profit: Money | None = None
    listed_company_share_pct: Decimal | None = None
    exceptional_award: Tri | None = None
    peer_recognition: Tri | None = None


# --- field parsers: each takes (field name, raw JSON value, day of application) -------------

def _tri(name: str, raw: object, _day: date) -> Tri:
    if isinstance(raw, str) and raw.strip().lower() in Tri._value2member_map_:
        return Tri(raw.strip().lower())
    raise InvalidAnswer(name, 'must be "yes", "no" or "unsure"', raw)


def _degree(name: str, raw: object, _day: date) -> Degree:
    if isinstance(raw, str) and raw.strip().lower() in Degree._value2member_map_:
        return Degree(raw.strip().lower())
    raise InvalidAnswer(name, 'must be "none", "bachelor", "master" or "doctorate"', raw)


def _finite(raw: object) -> TypeGuard[int | float]:
    """A JSON number that is not NaN or infinite (an int of any size is finite: asking
    `math.isfinite` about one too large for a float raises instead)."""
    return not isinstance(raw, bool) and (isinstance(raw, int)
                                          or (isinstance(raw, float) and math.isfinite(raw)))


def _whole(name: str, raw: object, low: int, high: int) -> int:
    if _finite(raw) and low <= raw <= high and float(raw).is_integer():
        return int(raw)
    raise InvalidAnswer(name, f"must be a whole number between {low} and {high}", raw)


def _decimal(name: str, raw: object, low: Decimal | None, high: Decimal | None,
             problem: str) -> Decimal:
    if _finite(raw):
        value = Decimal(str(raw))
        if (low is None or value >= low) and (high is None or value <= high):
            return value
    raise InvalidAnswer(name, problem, raw)


@dataclass(frozen=True)
class Limit:
    """An answer's allowed range, shared by this validation and the questions that ask for it.

    A `high` of None means "the year of the day of application" (the year a degree was
    awarded), so the bound moves with the calendar instead of being fixed when code loads.
    """

    low: Decimal
    high: Decimal | None
    whole: bool = False
    problem: str = ""          # the contract's message when out of range ("" for whole numbers)

    def bounds(self, day: date) -> tuple[Decimal, Decimal]:
        return self.low, Decimal(day.year) if self.high is None else self.high


AGE = Limit(Decimal(0), Decimal(130), whole=True)
YEARS = Limit(Decimal(0), Decimal(80), problem="must be a number of years from 0 to 80")
YEARS_LAST_5 = Limit(Decimal(0), Decimal(5), problem="must be a number of years from 0 to 5")
PERCENT = Limit(Decimal(0), Decimal(100), problem="must be a percentage from 0 to 100")
YEAR = Limit(Decimal(1940), None, whole=True)


def _limited(limit: Limit) -> Callable[[str, object, date], object]:
    def parse(name: str, raw: object, day: date) -> object:
        low, high = limit.bounds(day)
        if limit.whole:
            return _whole(name, raw, int(low), int(high))
        return _decimal(name, raw, low, high, limit.problem)
    return parse


NAME_LENGTH = 300   # the longest institution name the contract takes


def _institution(name: str, raw: object, _day: date) -> str:
    if isinstance(raw, str) and raw.strip() and len(raw) <= NAME_LENGTH:
        return raw.strip()
    raise InvalidAnswer(name, f"must be the institution's name (1 to {NAME_LENGTH} characters)",
                        raw)


@cache
def _territories() -> frozenset[str]:
    return frozenset(str(code) for code in Locale.parse("en").territories if len(str(code)) == 2)


_UNKNOWN_LANGUAGE = ("must be a list of ISO 639-1 language codes such as \"zh\" or \"en\"; "
                     "unknown code")


@cache
def _language_codes() -> frozenset[str]:
    """ISO 639-1 codes, the three-letter codes Babel uses for languages without one ("mai",
    Maithili), and the ones we name where CLDR does not ("taj", Tamang)."""
    return frozenset(str(code) for code in Locale.parse("en").languages
                     if len(str(code)) in (2, 3)) | frozenset(language_names("en"))


def _nationality(name: str, raw: object, _day: date) -> str:
    if isinstance(raw, str) and raw.strip().upper() in _territories():
        return raw.strip().upper()
    raise InvalidAnswer(name, "must be an ISO 3166-1 alpha-2 country code such as \"IN\"", raw)


def _languages(name: str, raw: object, _day: date) -> frozenset[str]:
    if not isinstance(raw, list):
        raise InvalidAnswer(name, "must be a list of ISO 639-1 language codes", raw)
    codes = set()
    for item in raw:
        if not isinstance(item, str) or item.strip().lower() not in _language_codes():
            raise InvalidAnswer(name, _UNKNOWN_LANGUAGE, item)
        codes.add(item.strip().lower())
    return frozenset(codes)


def _money(name: str, raw: object, allow_negative: bool) -> Money:
    shape = 'must be an object {"amount": number, "currency": "HKD"}'
    if not isinstance(raw, Mapping) or set(raw) != {"amount", "currency"}:
        raise InvalidAnswer(name, shape, raw)
    low = None if allow_negative else Decimal(0)
    amount = _decimal(f"{name}.amount", raw["amount"], low, MAX_AMOUNT,
                      "must be a number" + ("" if allow_negative else " of at least 0"))
    currency = raw["currency"]
    if not isinstance(currency, str) or not load_rates().supports(currency.strip()):
        raise InvalidAnswer(f"{name}.currency", "must be a supported ISO 4217 currency code",
                            currency)
    return Money(amount, currency.strip().upper())


def _income(name: str, raw: object, _day: date) -> Money:
    return _money(name, raw, allow_negative=False)


def _profit(name: str, raw: object, _day: date) -> Money:
    return _money(name, raw, allow_negative=True)


_PARSERS: dict[str, Callable[[str, object, date], object]] = {
    "nationality": _nationality,
    "hk_permanent_resident": _tri,
    "age": _limited(AGE),
    "financial_support": _tri,
    "good_character": _tri,
    "highest_degree": _degree,
    "professional_standing": _tri,
    "postgraduate_university": _institution,
    "postgraduate_stem": _tri,
    "bachelor_university": _institution,
    "bachelor_year": _limited(YEAR),
    "bachelor_full_time": _tri,
    "bachelor_nonlocal_student_hk": _tri,
    "languages": _languages,
    "years_graduate_work": _limited(YEARS),
    "years_renowned_employer": _limited(YEARS),
    "years_target_industry": _limited(YEARS),
    "years_international": _limited(YEARS),
    "years_work_last_5": _limited(YEARS_LAST_5),
    "annual_income": _income,
    "business_share_pct": _limited(PERCENT),
    "business_profit": _profit,
    "listed_company_share_pct": _limited(PERCENT),
    "exceptional_award": _tri,
    "peer_recognition": _tri,
}


def parse_answer(key: str, raw: object, day: date) -> object:
    """Validate one answer; `InvalidAnswer` names the field and the problem."""
    if key not in _PARSERS:
        raise InvalidAnswer(key, "unknown answer key", show_value=False)
    return None if raw is None else _PARSERS[key](key, raw, day)


WORK_TOTAL = "years_graduate_work"
WORK_PARTS = ("years_renowned_employer", "years_target_industry", "years_international")


def work_parts_exceeding(answers: Mapping[str, object]) -> tuple[str, ...]:
    """The parts of `years_graduate_work` answered with more years than the total itself.

    Works on raw JSON answers (the chat's stored answers) as well as on parsed ones, so the chat
    can ask to correct exactly these questions; unanswered or non-numeric values are ignored.
    """
    total = _as_number(answers.get(WORK_TOTAL))
    if total is None:
        return ()
    return tuple(part for part in WORK_PARTS
                 if (value := _as_number(answers.get(part))) is not None and value > total)


def check_work_parts(answers: Mapping[str, object]) -> None:
    """Raise `InvalidAnswer` for the first part of the work experience that exceeds the total."""
    for part in work_parts_exceeding(answers):
        value, total = _as_number(answers[part]), _as_number(answers[WORK_TOTAL])
        assert value is not None and total is not None
        raise InvalidAnswer(part, f"{json_number(value)} is more than {WORK_TOTAL} "
                                  f"({json_number(total)})", show_value=False)


def json_number(value: Decimal) -> int | float:
    """A number as the contract's JSON stores it (whole numbers without a fraction)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _as_number(value: object) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return Decimal(str(value))
    return None


def parse_contract_answers(raw: object, day: date) -> Answers:
    """The contract's input: `parse_answers`, with languages limited to the ISO 639-1 codes the
    contract names (the chat also keeps Babel's three-letter codes: "mai" for Maithili)."""
    languages = raw.get("languages") if isinstance(raw, Mapping) else None
    for item in languages if isinstance(languages, list) else ():
        if isinstance(item, str) and len(item.strip()) != 2:
            raise InvalidAnswer("languages", _UNKNOWN_LANGUAGE, item)
    return parse_answers(raw, day)


def parse_answers(raw: object, day: date, *, consistent: bool = True) -> Answers:
    """Validate a whole answers object (the contract's JSON) for an application on `day`.

    `consistent=False` skips the check across fields, for a chat that asks to correct them
    itself (scoring caps each part at the total anyway).
    """
    if not isinstance(raw, Mapping):
        raise InvalidAnswer("answers", "must be a JSON object", show_value=False)
    for key in raw:
        if not isinstance(key, str) or key not in _PARSERS:
            raise InvalidAnswer(str(key), "unknown answer key", show_value=False)
    values: dict[str, Any] = {key: parse_answer(key, value, day) for key, value in raw.items()}
    if consistent:
        check_work_parts(values)
    return Answers(**values)
