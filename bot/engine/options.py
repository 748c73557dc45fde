"""What questions and their readers share: an option, the answers so far, what is rendered."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from bot.common.money import Money
from bot.i18n.text import (
    Capitalized,
    Checked,
    CountryName,
    Duration,
    InstitutionName,
    LanguageName,
    Percent,
    Text,
    TextList,
    Year,
)

Answers = Mapping[str, object]
# Anything `Translator.__call__` renders: what labels, answers shown back and placeholders may be.
Renderable = (Text | TextList | Checked | LanguageName | CountryName | InstitutionName | Money
              | Percent | Duration | Year | Capitalized | Decimal | int | float | str)


@dataclass(frozen=True)
class Option:
    """A button: the label shown and the JSON value stored when it is chosen."""

    value: object
    label: Text
    none: bool = False   # the "none / zero / I don't own one" exit: "no", "nothing", "0" pick it
