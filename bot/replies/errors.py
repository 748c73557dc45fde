"""What a reply that cannot be read raises, and the messages telling the user what we expect."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from bot.i18n.text import Text, t

_Args = ParamSpec("_Args")
_Value = TypeVar("_Value")


class ParseError(ValueError):
    """A reply we could not understand; `.message` is a Text telling the user what we expect."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.msgid)
        self.message = message


def read_or_none(parse: Callable[_Args, _Value], *args: _Args.args,
                 **kwargs: _Args.kwargs) -> _Value | None:
    """What `parse` reads from a reply, or None when it cannot: for callers that only ask
    whether a reply is something ("is it zero?", "is it an amount?")."""
    try:
        return parse(*args, **kwargs)
    except ParseError:
        return None


NUMBER_ERROR = t("Please send a number, for example 5 or 5.5.")
BOUND_ERROR = t("Please send the figure itself, not a limit such as “less than” or “almost”: the "
                "criteria are assessed on the exact figure.")
VAGUE_ERROR = t("Please send the figure itself, not an estimate such as “a few thousand”: the "
                "criteria are assessed on the exact figure.")
MONEY_ERROR = t("Please send an amount with its currency, for example HKD 1,200,000 or "
                "USD 150,000.")
CURRENCY_MISSING = t("Which currency? For example: HKD 1,200,000 or USD 150,000.")
ONE_CURRENCY = t("Please send one amount in one currency, for example HKD 1,200,000.")
NO_LANGUAGES = t("Please write the languages you speak, separated by commas.")
# A number or an amount at a question that wants something else ("1 tỷ 2 đồng" for a
# nationality, "100円" for a share, "50k USD" for years of work): refused rather than matched
# by a fragment or read as its number.
NUMBER_NOT_COUNTRY = t("That is a number or an amount, not a country. Please type the name of "
                       "the country whose passport you hold, for example India, or its "
                       "two-letter code, such as IN.")
MONEY_NOT_PERCENT = t("That is an amount of money, not a percentage. Please send the "
                      "percentage you own, for example 60.")
MONEY_NOT_YEARS = t("That is an amount of money, not a number of years. Please send the number "
                    "of years, for example 4.5.")
