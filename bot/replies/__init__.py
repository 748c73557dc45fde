"""Reading free-text replies in our 12 languages: numbers, money, countries, languages, yes/no.

People answer in their own script and shorthand ("1.2m", "120万", "12 lakh", "٥ سنوات"), so
everything a locale defines comes from Babel; `data/words.toml` holds only the informal forms
Babel lacks, by language. All comparisons go through `fold`. The functions are pure; Babel
lookups are cached per process.
"""

from bot.replies.countries import parse_countries
from bot.replies.errors import ParseError
from bot.replies.languages import parse_languages
from bot.replies.money import parse_money
from bot.replies.numbers import choice_number, is_zero, parse_number
from bot.replies.yesno import parse_tri

__all__ = [
    "ParseError",
    "choice_number",
    "is_zero",
    "parse_countries",
    "parse_languages",
    "parse_money",
    "parse_number",
    "parse_tri",
]
