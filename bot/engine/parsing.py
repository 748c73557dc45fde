"""Read free-text replies: numbers, money, countries, languages and yes/no, in our 12 languages.

People answer in their own script and shorthand ("1.2m", "120万", "12 lakh", "٥ سنوات"), so
everything a locale defines - number symbols, compact-number words, year units, currency names
and symbols, territory and language names - comes from Babel. The hand-written tables below hold
only informal forms Babel lacks. The functions are pure; Babel lookups are cached per process.

Text is compared in a folded form: case-folded, compatibility-normalised (full-width forms become
ASCII), without accents and other non-spacing marks, digits of every script as ASCII digits.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, auto
from functools import cache

from babel import Locale
from babel.core import get_global
from babel.numbers import (
    format_decimal,
    get_currency_name,
    get_decimal_symbol,
    get_group_symbol,
    get_territory_currencies,
)
from babel.units import format_unit

from bot.i18n.languages import LANGUAGES
from bot.i18n.text import Text, join, t
from bot.rules.currency import Money, load_rates
from bot.scoring.answers import Tri


class ParseError(ValueError):
    """A reply we could not understand; `.message` is a Text telling the user what we expect."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.msgid)
        self.message = message


NUMBER_ERROR = t("Please send a number, for example 5 or 5.5.")
MONEY_ERROR = t("Please send an amount with its currency, for example HKD 1,200,000 or "
                "USD 150,000.")
CURRENCY_MISSING = t("Which currency? For example: HKD 1,200,000 or USD 150,000.")
ONE_CURRENCY = t("Please send one amount in one currency, for example HKD 1,200,000.")
NO_LANGUAGES = t("Please write the languages you speak, separated by commas.")

_LOCALES: tuple[str, ...] = tuple(language.locale for language in LANGUAGES)
# Babel locales we do not speak but whose data users type anyway: 萬/億 (zh_Hant) and the
# Indian L/Cr abbreviations (en_IN).
_EXTRA_NUMBER_SOURCES = ("zh_Hant", "en_IN")

# --- hand-written informal forms (folded before use, so accents and case do not matter) ----

# Multiplier words people type that no Babel compact-number pattern contains. English ones
# rank right after the user's locale ("2 mil" is two million, except for Spanish readers, whose
# locale makes it two thousand); the others count only where no locale disagrees.
_ENGLISH_SCALES = {
    "thousands": 3, "mil": 6, "mn": 6, "mio": 6, "millions": 6, "bn": 9, "billions": 9,
    "lakh": 5, "lakhs": 5, "lac": 5, "lacs": 5, "crore": 7, "crores": 7,
}
_OTHER_SCALES = {"ngàn": 3, "百": 2, "千": 3, "백": 2}
_ENGLISH_NUMBERS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)
# Year units Babel's duration patterns lack (Hindi colloquial साल, Japanese 年間 "for N years"),
# and ages ("35 years old", "35岁").
_YEAR_WORDS = (
    "साल", "年間", "years old", "year old", "yrs old", "岁", "歲", "歳", "才", "살", "세", "tuổi",
)
# Words that carry no value: hedges ("about 5"), the Spanish/French "de" of "2 millions
# d'euros", and marks around amounts ("Rp. 500.000,-", "Rs. 5,00,000/-").
_FILLERS = (
    "de", "d'", ".", ",-", "/-",
    "about", "around", "approx", "approximately", "roughly", "circa", "~", "≈",
    "约", "約", "大约", "大約", "大概", "左右", "差不多", "くらい", "ぐらい", "ほど", "程度",
    "약", "정도", "대략", "sekitar", "kira-kira", "kurang lebih", "khoảng", "tầm", "chừng",
    "लगभग", "करीब", "क़रीब", "करिब", "झन्डै", "aproximadamente", "unos", "unas",
    "alrededor de", "cerca de", "environ", "à peu près", "حوالي", "حوالى", "تقريبا", "نحو",
)
# Currency words Babel lacks: each maps to an ISO code or to an English family word (the last
# word of Babel's English currency names, e.g. "dollar"), whose currencies it may mean.
_INFORMAL_CURRENCIES = {
    "$": "dollar", "s$": "SGD", "c$": "CAD", "rmb": "CNY", "美金": "USD", "港币": "HKD",
    "港幣": "HKD", "円": "JPY", "원": "KRW", "엔": "JPY", "위안": "CNY", "đ": "VND",
    "dolar": "dollar", "dolares": "dollar", "đô": "dollar", "đô la": "dollar", "ドル": "dollar",
    "달러": "dollar", "डॉलर": "dollar", "डलर": "dollar", "دولار": "dollar",
    "rs": "rupee", "रु": "rupee", "रुपये": "rupee", "रुपए": "rupee", "रुपया": "rupee",
    "रुपैयाँ": "rupee", "रूपैयाँ": "rupee", "rupia": "rupee", "rupias": "rupee", "roupie": "rupee",
    "roupies": "rupee", "루피": "rupee", "ルピー": "rupee", "روبية": "rupee",
}
# When a currency word is shared (dollar, pound, rupee, dirham, won) and neither the default
# currency nor the user's home currency settles it, the one most applicants mean.
_TIE_BREAK = ("USD", "GBP", "INR", "AED", "KRW")

_INFORMAL_COUNTRIES: dict[str, tuple[str, ...]] = {
    "usa": ("US",), "u.s.": ("US",), "u.s.a.": ("US",), "america": ("US",),
    "united states of america": ("US",), "american": ("US",),
    "uk": ("GB",), "britain": ("GB",), "great britain": ("GB",), "england": ("GB",),
    "scotland": ("GB",), "wales": ("GB",), "northern ireland": ("GB",), "british": ("GB",),
    "korea": ("KR", "KP"), "korean": ("KR", "KP"), "republic of korea": ("KR",),
    "rok": ("KR",), "south korean": ("KR",), "dprk": ("KP",), "north korean": ("KP",),
    "한국": ("KR",), "韓國": ("KR",), "韓国": ("KR",), "북한": ("KP",), "北韓": ("KP",),
    "china": ("CN",), "chinese": ("CN",), "prc": ("CN",), "mainland china": ("CN",),
    "中國大陸": ("CN",), "中国大陆": ("CN",), "大陆": ("CN",), "大陸": ("CN",), "内地": ("CN",),
    "內地": ("CN",), "hong kong": ("HK",), "香港": ("HK",), "taiwanese": ("TW",),
    "macau": ("MO",), "macao": ("MO",), "澳門": ("MO",), "澳门": ("MO",),
    "viet nam": ("VN",), "czech republic": ("CZ",), "turkey": ("TR",), "ivory coast": ("CI",),
    "uae": ("AE",), "emirates": ("AE",), "holland": ("NL",), "burma": ("MM",), "indian": ("IN",),
    "japanese": ("JP",), "filipino": ("PH",), "filipina": ("PH",), "indonesian": ("ID",),
    "vietnamese": ("VN",), "nepali": ("NP",), "nepalese": ("NP",), "pakistani": ("PK",),
    "bangladeshi": ("BD",), "sri lankan": ("LK",), "malaysian": ("MY",),
    "singaporean": ("SG",), "thai": ("TH",), "australian": ("AU",), "canadian": ("CA",),
    "french": ("FR",), "german": ("DE",), "spanish": ("ES",), "russian": ("RU",),
}

# Chinese varieties all count as Chinese ("zh"), as do the everyday words for written Chinese.
_CHINESE_NAMES = (
    "cantonese", "mandarin", "putonghua", "hokkien", "shanghainese", "teochew", "hakka",
    "taiwanese", "粤语", "粵語", "广东话", "廣東話", "白话", "白話", "普通话", "普通話",
    "国语", "國語", "华语", "華語", "中文", "汉语", "漢語", "闽南语", "閩南語", "台语", "台語",
    "客家话", "客家話", "上海话", "上海話", "潮州话", "潮州話",
)
# Babel's names of Chinese varieties in every locale (広東語, 광둥어, Tiếng Quảng Đông…) mean
# "Chinese" for the criteria: ImmD counts Chinese as one language.
_CHINESE_VARIETIES = frozenset({"yue", "cmn", "nan", "hak", "wuu", "hsn", "gan", "cdo", "cjy"})
_INFORMAL_LANGUAGES = {"filipino": "tl"}
# Words and marks joining items of a list in our languages, and words meaning "language"
# ("bahasa Inggris"). Arabic و also attaches to the next word: the language lexicon spells
# Arabic names with it too.
_LIST_JOINERS = (
    ",", ";", "/", "+", "&", "(", ")", "、", "。", "·", "،", "؛", "|", "and", "y", "e", "et",
    "dan", "và", "र", "और", "و", "和", "及", "与", "與", "跟", "以及", "と", "및", "그리고",
    "와", "과", "랑", "하고", "bahasa", "اللغة", "language", "languages",
)

_TRI_WORDS: dict[Tri, tuple[str, ...]] = {
    Tri.YES: (
        "yes", "y", "yeah", "yep", "yup", "sure", "true", "of course", "correct",
        "是", "是的", "有", "对", "對", "对的", "對的", "好", "嗯", "हाँ", "हां", "जी", "जी हाँ",
        "ya", "iya", "betul", "benar", "có", "vâng", "dạ", "đúng", "हो", "हजुर",
        "はい", "ええ", "うん", "네", "예", "응", "sí", "si", "claro", "oui", "ouais",
        "نعم", "أجل", "اجل",
    ),
    Tri.NO: (
        "no", "n", "nope", "nah", "false", "not really",
        "否", "不是", "没有", "沒有", "不", "没", "沒", "无", "無", "नहीं", "ना",
        "tidak", "nggak", "ngga", "gak", "enggak", "bukan", "tak", "không", "ko", "होइन", "छैन",
        "いいえ", "いや", "ううん", "아니요", "아니오", "아니", "non", "لا",
    ),
    Tri.UNSURE: (
        "not sure", "unsure", "don't know", "dont know", "i don't know", "i dont know",
        "maybe", "perhaps", "idk", "no idea", "not certain", "dunno",
        "不确定", "不確定", "不知道", "不清楚", "也许", "也許", "可能", "पता नहीं", "शायद",
        "मालूम नहीं", "tidak tahu", "tidak yakin", "nggak tahu", "gak tahu", "entah", "mungkin",
        "không chắc", "không biết", "có thể", "थाहा छैन", "थाहा भएन", "わからない", "分からない",
        "わかりません", "分かりません", "不明", "잘 모르겠어요", "모르겠어요", "모르겠습니다",
        "모름", "몰라요", "no sé", "no lo sé", "no estoy seguro", "no estoy segura", "quizás",
        "quizá", "tal vez", "je ne sais pas", "je sais pas", "pas sûr", "pas sûre", "peut-être",
        "لست متأكدا", "لست متأكدة", "لا أعرف", "لا أدري", "ربما",
    ),
}

# --- folding ---------------------------------------------------------------------------

_DROPPED_CATEGORIES = frozenset({"Mn", "Me", "Cf"})   # accents, enclosing marks, bidi controls
_EXTRA_FOLDS = str.maketrans({
    "đ": "d",                                  # Vietnamese đ has no decomposition
    "\u2212": "-", "\u2013": "-",               # minus sign, en dash
    "\u2018": "'", "\u2019": "'", "\u02bc": "'",  # curly apostrophes
})


def _numbering_systems(locale: str) -> set[str]:
    """Latin digits and the locale's native ones (Arabic-Indic for ar, Devanagari for hi)."""
    systems = Locale.parse(locale).other_numbering_systems
    return {"latn", systems.get("native", "latn")}


@cache
def _native_separators() -> Mapping[str, str]:
    """Decimal and group marks of our locales' native digits (Arabic ٫ and ٬) as "." and ","."""
    marks: dict[str, str] = {}
    for locale in _LOCALES:
        for system in _numbering_systems(locale):
            marks[get_decimal_symbol(locale, numbering_system=system)] = "."
            marks[get_group_symbol(locale, numbering_system=system)] = ","
    return {mark: ascii_mark for mark, ascii_mark in marks.items()
            if len(mark) == 1 and mark not in ".," and not mark.isspace()}


@cache
def _fold_char(char: str) -> str:
    """One character folded (cached: replies are made of few distinct characters)."""
    if char.isspace():
        return " "
    if unicodedata.category(char) == "Nd":
        return str(unicodedata.decimal(char))
    if char in _native_separators():
        return _native_separators()[char]
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in _DROPPED_CATEGORIES)
    return unicodedata.normalize("NFC", kept).translate(_EXTRA_FOLDS)


@dataclass(frozen=True)
class _Folded:
    """Folded text with single spaces, and where each folded character came from."""

    text: str
    origin: tuple[int, ...]


def _fold(text: str) -> _Folded:
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded in _fold_char(char):
            if folded == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(folded)
            origin.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return _Folded("".join(chars), tuple(origin))


def _key(text: str) -> str:
    """The folded form used as a dictionary key."""
    return _fold(text).text


def _is_narrow_letter(char: str) -> bool:
    """Letters of scripts that separate words with spaces; CJK words may touch each other."""
    is_letter = char.isalpha() or unicodedata.category(char) == "Mc"
    return is_letter and unicodedata.east_asian_width(char) not in ("W", "F")


# --- scanning text into known words ------------------------------------------------------

class _Kind(Enum):
    NUMBER = auto()     # value: a numeral as typed (str) or a number word's value (Decimal)
    SCALE = auto()      # value: the multiplier
    UNIT = auto()       # years or percent: allowed after a number and ignored
    FILLER = auto()     # "about", "de"
    SIGN = auto()       # value: "-" or "+"
    CURRENCY = auto()   # value: the folded currency word, resolved later
    LANGUAGE = auto()   # value: ISO 639-1 code
    JOINER = auto()     # list separators, and "language" words ("bahasa Inggris")
    UNKNOWN = auto()


@dataclass(frozen=True)
class _Token:
    kind: _Kind
    value: Decimal | str
    start: int
    end: int


@dataclass(frozen=True)
class _Lexicon:
    """Folded words and what they mean; when two sources disagree the first one wins."""

    entries: Mapping[str, tuple[_Kind, Decimal | str]]
    longest: int


def _lexicon(words: Iterable[tuple[str, _Kind, Decimal | str]]) -> _Lexicon:
    entries: dict[str, tuple[_Kind, Decimal | str]] = {}
    for word, kind, value in words:
        key = _key(word)
        if key:
            entries.setdefault(key, (kind, value))
    return _Lexicon(entries, max(map(len, entries), default=1))


_NUMERAL = re.compile(r"[0-9]+(?:[.,' ][0-9]+)*|[.,][0-9]+")


def _scan(text: str, lexicon: _Lexicon, *, numerals: bool) -> list[_Token]:
    """Split folded text into the longest known words; unknown stretches become UNKNOWN."""
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == " ":
            i += 1
            continue
        numeral = _NUMERAL.match(text, i) if numerals else None
        if numeral:
            tokens.append(_Token(_Kind.NUMBER, numeral.group(), i, numeral.end()))
            i = numeral.end()
            continue
        for j in range(min(n, i + lexicon.longest), i, -1):
            entry = lexicon.entries.get(text[i:j])
            # A word must not end inside a longer word ("rs" in "rsvp"), except in CJK.
            if entry and not (j < n and _is_narrow_letter(text[j - 1])
                              and _is_narrow_letter(text[j])):
                tokens.append(_Token(entry[0], entry[1], i, j))
                i = j
                break
        else:
            j = i + 1
            while j < n and text[j] != " " and not unicodedata.category(text[j]).startswith("P"):
                j += 1
            tokens.append(_Token(_Kind.UNKNOWN, text[i:j], i, j))
            i = j
    return tokens


# --- numbers ---------------------------------------------------------------------------

@cache
def _scales(locale: str) -> Mapping[str, Decimal]:
    """Multiplier words of Babel's compact number formats: "0 million", "0万", "00 लाख".

    Short forms override long ones: CLDR's long Nepali forms put करोड (ten million) at a million.
    """
    words: dict[str, Decimal] = {}
    formats = Locale.parse(locale).compact_decimal_formats
    for style in ("long", "short"):
        for patterns in formats.get(style, {}).values():
            for magnitude, pattern in patterns.items():
                word = (pattern.prefix[0] + pattern.suffix[0]).strip()
                digits = max(pattern.int_prec[0], 1)   # "mille" alone means one thousand
                if word:
                    words[_key(word)] = Decimal(int(magnitude) // 10 ** (digits - 1))
    return words


@cache
def _units(locale: str) -> frozenset[str]:
    """Year units ("years", "yrs", "年", "سنوات") and percent signs, from Babel's patterns."""
    words: set[str] = set()
    for length in ("long", "short", "narrow"):
        for count in (0, 1, 2, 3, 11, 100, Decimal("1.5")):
            formatted = format_unit(count, "duration-year", length=length, locale=locale)
            if "duration" not in formatted:   # Babel falls back to the unit id when it lacks one
                words.add(formatted.replace(format_decimal(count, locale=locale), "").strip())
    symbols = Locale.parse(locale).number_symbols
    words.update(symbols[system]["percentSign"] for system in _numbering_systems(locale)
                 if "percentSign" in symbols[system])
    return frozenset(_key(word) for word in words if _key(word))


@cache
def _shared_number_words() -> Mapping[str, tuple[_Kind, Decimal | str]]:
    """Scale and unit words of every other source, kept only where all sources agree."""
    meanings: dict[str, set[tuple[_Kind, Decimal | str]]] = {}
    for source in (*_LOCALES, *_EXTRA_NUMBER_SOURCES):
        for word, scale in _scales(source).items():
            meanings.setdefault(word, set()).add((_Kind.SCALE, scale))
        for word in _units(source):
            meanings.setdefault(word, set()).add((_Kind.UNIT, ""))
    for word, exponent in _OTHER_SCALES.items():
        meanings.setdefault(_key(word), set()).add((_Kind.SCALE, Decimal(10) ** exponent))
    for word in _YEAR_WORDS:
        meanings.setdefault(_key(word), set()).add((_Kind.UNIT, ""))
    return {word: next(iter(found)) for word, found in meanings.items() if len(found) == 1}


@cache
def _number_lexicon(locale: str) -> _Lexicon:
    """The user's locale first, then English, then other locales and currency words."""
    words: list[tuple[str, _Kind, Decimal | str]] = []
    for source in (locale, "en"):
        words += [(word, _Kind.SCALE, scale) for word, scale in _scales(source).items()]
        words += [(word, _Kind.UNIT, "") for word in _units(source)]
    words += [(word, _Kind.SCALE, Decimal(10) ** exp) for word, exp in _ENGLISH_SCALES.items()]
    words += [(word, _Kind.NUMBER, Decimal(value)) for value, word in enumerate(_ENGLISH_NUMBERS)]
    words += [(word, _Kind.FILLER, "") for word in _FILLERS]
    words += [("-", _Kind.SIGN, "-"), ("+", _Kind.SIGN, "+")]
    words += [(word, kind, value) for word, (kind, value) in _shared_number_words().items()]
    words += [(word, _Kind.CURRENCY, word) for word in _currency_index()]
    return _lexicon(words)


@cache
def _separators(locale: str) -> tuple[str, str]:
    """The locale's decimal and group marks, folded (French narrow no-break space is " ")."""
    return _key(get_decimal_symbol(locale)) or ".", _key(get_group_symbol(locale)) or " "


def _grouped(groups: list[str]) -> bool:
    """Thousands groups (1,200,000) or Indian lakh groups (12,00,000)."""
    head, rest = groups[0], groups[1:]
    if not 1 <= len(head) <= 3 or head.startswith("0") or not rest:
        return False
    western = all(len(group) == 3 for group in rest)
    indian = len(head) <= 2 and len(rest[-1]) == 3 and all(len(g) == 2 for g in rest[:-1])
    return western or indian


def _numeral(raw: str, locale: str, *, money: bool) -> Decimal | None:
    """The value of a numeral as typed, deciding which marks group digits and which is decimal.

    Several different marks: the last one is the decimal mark ("1.200,5", "1 200,5").
    Spaces and apostrophes, or one mark used repeatedly: grouping ("1 200", "1,00,000").
    One "." or "," not followed by exactly three digits: decimal ("1.5", "5,5", "0,500").
    One mark followed by three digits ("1.200") is ambiguous. In money it groups (amounts
    have at most two decimals); otherwise the locale's convention decides, and where the mark
    is neither the locale's decimal nor its group mark, English does ("1.200" is 1.2 in fr).
    """
    parts = re.split(r"([.,' ])", raw)
    groups, marks = parts[0::2], parts[1::2]
    if raw[0] in ".,":
        return Decimal("0." + groups[1])
    if not marks:
        return Decimal(raw)
    last = marks[-1]
    if len(set(marks)) > 1:
        if last in " '" or last in marks[:-1] or len(set(marks[:-1])) > 1:
            return None
        if not _grouped(groups[:-1]):
            return None
        return Decimal("".join(groups[:-1]) + "." + groups[-1])
    if last in " '" or len(marks) > 1:
        return Decimal("".join(groups)) if _grouped(groups) else None
    decimal_mark, group_mark = _separators(locale)
    if _grouped(groups) and (money or last == group_mark
                             or (last != decimal_mark and last == ",")):
        return Decimal(groups[0] + groups[1])
    return Decimal(groups[0] + "." + groups[1])


@dataclass(frozen=True)
class _Reading:
    """A number as read from a reply, with the currency words it mentioned."""

    amount: Decimal
    currencies: tuple[str, ...]
    has_unit: bool


def _read(text: str, locale: str, error: Text, *, money: bool = False) -> _Reading:
    """Read `[sign] [currency] number [scale...] [currency] [unit]`, ignoring fillers.

    Several scaled terms add up when each is smaller than the scale before it, as in Chinese
    and Korean ("1억 2천만" = 120,000,000, "3万5千" = 35,000).
    """
    folded = _fold(text).text.rstrip(" .!?。")
    tokens = [token for token in _scan(folded, _number_lexicon(locale), numerals=True)
              if token.kind is not _Kind.FILLER]
    position, sign, signed = 0, 1, False
    currencies: list[str] = []

    def take(kind: _Kind) -> _Token | None:
        nonlocal position
        if position < len(tokens) and tokens[position].kind is kind:
            position += 1
            return tokens[position - 1]
        return None

    while position < len(tokens) and tokens[position].kind in (_Kind.SIGN, _Kind.CURRENCY):
        token = tokens[position]
        position += 1
        if token.kind is _Kind.CURRENCY:
            currencies.append(str(token.value))
        elif signed:
            raise ParseError(error)
        else:
            sign, signed = (-1 if token.value == "-" else 1), True
    total, previous_scale = Decimal(0), None
    while (number := take(_Kind.NUMBER)) is not None:
        value = (number.value if isinstance(number.value, Decimal)
                 else _numeral(number.value, locale, money=money))
        if value is None:
            raise ParseError(error)
        scale = last = Decimal(1)
        while (multiplier := take(_Kind.SCALE)) is not None:
            factor = Decimal(multiplier.value)
            if factor <= last:   # "千万" multiplies; "million thousand" is not a number
                raise ParseError(error)
            scale, last = scale * factor, factor
        term = value * scale
        if previous_scale is not None and (previous_scale == 1 or term >= previous_scale):
            raise ParseError(error)
        total, previous_scale = total + term, scale
    if previous_scale is None:
        raise ParseError(error)
    while (currency := take(_Kind.CURRENCY)) is not None:
        currencies.append(str(currency.value))
    has_unit = take(_Kind.UNIT) is not None
    if position != len(tokens):
        raise ParseError(error)
    amount = sign * total
    whole = amount.to_integral_value()
    amount = whole if amount == whole else amount.normalize()   # 1.2m is 1200000, not 1200000.0
    return _Reading(amount, tuple(currencies), has_unit)


def parse_number(text: str, locale: str = "en") -> Decimal:
    """A number as people type it: "5", "5,5", "about 5 years", "1.2m", "120万", "12 lakh".

    A currency in the reply is ignored; negative numbers are returned (callers check ranges).
    """
    return _read(text, locale, NUMBER_ERROR).amount


# --- money -----------------------------------------------------------------------------

_COUNTS = (0, 1, 2, 3, 11, 100)   # one number per plural category of our languages


@cache
def _current_currencies() -> frozenset[str]:
    """ISO codes that are legal tender somewhere today."""
    return frozenset(code for entries in get_global("territory_currencies").values()
                     for code, _start, end, tender in entries if end is None and tender)


def _names(code: str, locale: str) -> set[str]:
    names = {get_currency_name(code, count, locale) for count in _COUNTS}
    names.add(Locale.parse(locale).currencies.get(code, code))
    return names


def _home_symbol(code: str) -> str | None:
    """The symbol in the currency's own country ("RM", "R$", "₺"): its code starts with it."""
    likely = get_global("likely_subtags").get(f"und_{code[:2]}")
    return Locale.parse(likely).currency_symbols.get(code) if likely else None


@cache
def _currency_index() -> Mapping[str, frozenset[str]]:
    """Every folded currency code, symbol and name, with the currencies it may mean."""
    index: dict[str, set[str]] = {}

    def add(word: str, codes: Iterable[str]) -> None:
        key = _key(word)
        index.setdefault(key, set()).update(codes)
        if key.endswith(".") and len(key) > 1:   # "kr." and "Rs." are typed without the dot
            index.setdefault(key[:-1], set()).update(codes)

    families: dict[str, set[str]] = {}
    for code in _current_currencies():
        for name in _names(code, "en"):
            families.setdefault(_key(name).split()[-1], set()).add(code)
        for locale in _LOCALES:
            for name in _names(code, locale):
                add(name, {code})
            add(Locale.parse(locale).currency_symbols.get(code, code), {code})
    for code in load_rates().hkd_per_unit:
        symbol = _home_symbol(code)
        if symbol:
            add(symbol, {code})
    for family, codes in families.items():
        add(family, codes)
    for word, meaning in _INFORMAL_CURRENCIES.items():
        add(word, families.get(meaning, {meaning}))
    for code in _current_currencies():   # an ISO code means exactly that currency
        index[code.casefold()] = {code}
    return {key: frozenset(codes) for key, codes in index.items()}


@cache
def _home_currency(locale: str) -> str | None:
    """The currency of the locale's country (its likely one when the locale names none)."""
    parsed = Locale.parse(locale)
    territory = parsed.territory
    if territory is None:
        likely = get_global("likely_subtags").get(parsed.language)
        territory = Locale.parse(likely).territory if likely else None
    currencies = get_territory_currencies(territory) if territory else []
    return str(currencies[0]) if currencies else None


def _resolve(word: str, locale: str, default: str | None) -> str:
    """One currency for a currency word: the default, else the user's home currency, else the
    usual meaning of a shared word; ask when none of them fits ("¥" outside ja and zh_Hans)."""
    codes = _currency_index()[word]
    if len(codes) == 1:
        return next(iter(codes))
    for choice in (default, _home_currency(locale), *_TIE_BREAK):
        if choice in codes:
            return choice
    rates = load_rates()
    supported = sorted(code for code in codes if rates.supports(code)) or sorted(codes)
    raise ParseError(t("Which currency do you mean: {currencies}? Please write the currency "
                       "code with the amount.", currencies=join(*supported, style="or")))


def parse_money(text: str, locale: str = "en", default_currency: str | None = None) -> Money:
    """An amount with an optional currency code, symbol or name: "HK$ 1.2m", "120万元",
    "1.5 crore rupees", "USD 150,000". Negative amounts are allowed (a business can lose)."""
    default = default_currency.strip().upper() if default_currency else None
    reading = _read(text, locale, MONEY_ERROR, money=True)
    if reading.has_unit:
        raise ParseError(MONEY_ERROR)
    codes = {_resolve(word, locale, default) for word in reading.currencies}
    if len(codes) > 1:
        raise ParseError(ONE_CURRENCY)
    code = codes.pop() if codes else default
    if code is None:
        raise ParseError(CURRENCY_MISSING)
    if not load_rates().supports(code):
        raise ParseError(t("Sorry, I cannot convert {currency} yet. Please send the amount in "
                           "HKD or USD.", currency=code))
    return Money(reading.amount, code)


# --- countries -------------------------------------------------------------------------

@cache
def _countries() -> frozenset[str]:
    """Two-letter territory codes that are countries (Babel lists languages for them), which
    leaves out groupings such as EU, UN and the pseudo-regions."""
    spoken = get_global("territory_languages")
    return frozenset(code for code in Locale.parse("en").territories
                     if isinstance(code, str) and len(code) == 2 and code in spoken)


def _name_variants(name: str) -> set[str]:
    """Folded name, also without a trailing remark ("Hindi (Latin)") and with "&" as "and"."""
    key = _key(name)
    short = re.sub(r" ?\(.*\)$", "", key)
    return {key, short, key.replace(" & ", " and ")}


@cache
def _territory_names(locale: str) -> Mapping[str, tuple[str, ...]]:
    names: dict[str, tuple[str, ...]] = {}
    for code, name in Locale.parse(locale).territories.items():
        if code in _countries():
            for variant in map(_country_key, _name_variants(name)):
                names[variant] = (*names.get(variant, ()), code)
    return names


@cache
def _informal_countries() -> Mapping[str, tuple[str, ...]]:
    return {_country_key(name): codes for name, codes in _INFORMAL_COUNTRIES.items()}


def _country_key(text: str) -> str:
    """Folded, without surrounding punctuation or a leading "the" ("the U.S." is "u.s")."""
    return _key(text).strip(" .,;:!?\"'()").removeprefix("the ")


def parse_countries(text: str, locale: str = "en") -> list[str]:
    """ISO alpha-2 candidates for a typed country, best first; one candidate means a sure match.

    A code or an exact name in the user's language, English or informal English wins; else
    exact names in our other languages together with names starting with the typed words
    ("Congo" is two countries); else close spellings ("Inida").
    """
    key = _country_key(text)
    if not key:
        return []
    tables = (_territory_names(locale), _territory_names("en"), _informal_countries())
    found = [key.upper()] if key.upper() in _countries() else []
    for table in tables:
        found += table.get(key, ())
    if found:
        return list(dict.fromkeys(found))
    for other in _LOCALES:
        found += _territory_names(other).get(key, ())
    wide = unicodedata.east_asian_width(key[0]) in ("W", "F")
    if len(key) >= (2 if wide else 3):
        for table in tables:
            found += [code for name, codes in table.items() for code in codes
                      if name.startswith(key) and len(name) > len(key)
                      and not _is_narrow_letter(name[len(key)])]
    if not found:
        names = [name for table in tables for name in table]
        for name in difflib.get_close_matches(key, names, n=5, cutoff=0.8):
            for table in tables:
                found += table.get(name, ())
    return list(dict.fromkeys(found))[:5]


# --- languages -------------------------------------------------------------------------

def _language_names(locale: str) -> Iterable[tuple[str, str]]:
    """(name, ISO 639-1 code) from Babel; regional names ("British English") count as the
    language, and Chinese 英语 is also written 英文."""
    for code, name in Locale.parse(locale).languages.items():
        base = code.split("_")[0]
        base = "zh" if base in _CHINESE_VARIETIES else base
        if len(base) != 2:
            continue
        for variant in _name_variants(name):
            yield variant, base
            if variant[-1] in "语語":
                yield variant[:-1] + "文", base


@cache
def _language_lexicon(locale: str) -> _Lexicon:
    """The user's language, English and Chinese varieties first, then other languages' names
    where they agree; Arabic names also with the attached conjunction و ("and")."""
    own = [*_language_names(locale), *_language_names("en"),
           *((name, "zh") for name in _CHINESE_NAMES), *_INFORMAL_LANGUAGES.items()]
    meanings: dict[str, set[str]] = {}
    for other in _LOCALES:
        for name, code in _language_names(other):
            meanings.setdefault(name, set()).add(code)
    shared = [(name, next(iter(codes))) for name, codes in meanings.items() if len(codes) == 1]
    words: list[tuple[str, _Kind, Decimal | str]] = []
    for name, code in (*own, *shared):
        words.append((name, _Kind.LANGUAGE, code))
        if unicodedata.name(name[0], "").startswith("ARABIC"):
            words.append(("و" + name, _Kind.LANGUAGE, code))
    words += [(joiner, _Kind.JOINER, "") for joiner in _LIST_JOINERS]
    return _lexicon(words)


@cache
def _fuzzy_language_names(locale: str) -> Mapping[str, str]:
    """Names a typo may be matched against: the user's language, English, Chinese varieties."""
    names = [*_language_names(locale), *_language_names("en"),
             *((name, "zh") for name in _CHINESE_NAMES)]
    return {_key(name): code for name, code in reversed(names)}


def parse_languages(text: str, locale: str = "en") -> list[str]:
    """ISO 639-1 codes of the languages in a list ("Chinese and English", "中文、英文"),
    deduplicated in order of mention; Chinese varieties (Cantonese, 普通话) are "zh"."""
    folded = _fold(text)
    codes: list[str] = []
    for token in _scan(folded.text, _language_lexicon(locale), numerals=False):
        if token.kind is _Kind.LANGUAGE:
            codes.append(str(token.value))
        elif token.kind is _Kind.UNKNOWN:
            fuzzy = _fuzzy_language_names(locale)
            close = difflib.get_close_matches(str(token.value), fuzzy, n=1, cutoff=0.85)
            if not close:
                word = text[folded.origin[token.start]:folded.origin[token.end - 1] + 1]
                raise ParseError(t("I did not recognise “{word}” as a language. Please write "
                                   "language names separated by commas.", word=word))
            codes.append(fuzzy[close[0]])
    if not codes:
        raise ParseError(NO_LANGUAGES)
    return list(dict.fromkeys(codes))


# --- yes / no / not sure -----------------------------------------------------------------

def _tri_key(text: str) -> str:
    """Folded words without punctuation or symbols, so "Yes!" and "don't know" match."""
    kept = "".join(" " if unicodedata.category(c)[0] in "PS" else c for c in _key(text))
    return " ".join(kept.split())


@cache
def _tri_words() -> Mapping[str, Tri]:
    return {_tri_key(word): tri for tri, words in _TRI_WORDS.items() for word in words}


def parse_tri(text: str, locale: str = "en") -> Tri | None:
    """Yes, no or not sure in any of our languages ("y", "是的", "いいえ", "no sé"), also when
    followed by more words after a comma ("yes, I do"); None for anything else.

    The word lists of all languages are used whatever the locale: they do not collide.
    """
    words = _tri_words()
    whole = _tri_key(text)
    first_clause = _tri_key(re.split(r"[,.;!?，。、！？]", _key(text), maxsplit=1)[0])
    return words.get(whole) or words.get(first_clause)
