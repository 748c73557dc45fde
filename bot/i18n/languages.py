"""The languages the bot speaks, and how outside language tags map onto them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Language:
    """A supported language: our code (deep links, storage), its Babel locale, and its own name.

    `native` is the short name people look for in a menu ("简体中文"), not Babel's long display
    name ("中文 (简体, 中国)").
    """

    code: str
    locale: str
    native: str
    rtl: bool = False
    # A date as the language writes it in running text, when CLDR's "long" form is not that:
    # en "1 November 2024" (Hong Kong and ImmD usage; Babel's en is US), vi "1 tháng 11 năm 2024"
    # (catalogs put "ngày" before it), ne "1 नोभेम्बर 2024", and fr's "1er" for the first day.
    date_pattern: str = "long"
    first_day_pattern: str | None = None
    # Where CLDR's list patterns are not what the language's readers write, per list style and
    # part ("start", "middle", "end", "2"): ne's "{0},{1}" has no space after the comma, hi's
    # "{0}, और {1}" has a comma that Hindi does not write before और, ko joins criterion numbers
    # with "·" ("7·8번") and amounts with commas alone; British English writes no serial comma
    # ("A, B and C") and says "1 year and 6 months", not "1 year, 6 months"; Nepali writes a
    # duration without a comma ("1 वर्ष 6 महिना"); Korean lists with commas, not CLDR's formal
    # "및" ("영어, 힌디어"); Japanese joins two with と ("英語と日本語"),
    # not CLDR's "、".
    list_patterns: Mapping[str, Mapping[str, str]] = field(
        default_factory=lambda: MappingProxyType({}), compare=False)
    # Spellings a list's conjunction takes from the word after it, as (regex, replacement): the
    # Spanish "y" is "e" before an /i/ sound ("chino e inglés"), "o" is "u" before an /o/ sound.
    list_euphony: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    # Currency symbols readers write, where CLDR's is not it: Nepali readers write "रु." for NPR;
    # French running text writes the pound as GBP, beside HKD, not CLDR's "£GB", and both CFA
    # francs "FCFA" (CLDR writes the West African one "F CFA").
    currency_symbols: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({}), compare=False)
    # Amounts written with the unit around the number, where CLDR puts a symbol in front:
    # Japanese writes yen "9,600,000円" and yuan "300,000元" (CLDR: "￥9,600,000", "元 300,000"),
    # Chinese "人民币300,000元" (CLDR's zh "¥" is also the yen's sign). "{0}" is the number.
    currency_patterns: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({}), compare=False)
    # Amounts in currencies other than HK$ and US$ written as the number then the currency's
    # name ("40,000 درهم إماراتي"), where CLDR's symbols (د.إ.‏, UK£) are not what readers write;
    # `currency_names` corrects CLDR's names whose adjective does not agree (روبية هندي), that
    # are misspelt (Nepali रूपिँया) or capitalised mid-sentence (Vietnamese "Rupee Ấn Độ").
    currencies_by_name: bool = False
    currency_names: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({}), compare=False)
    # A unit of time as the language's glossary words it, where CLDR's word differs, per plural
    # form ("{0}" is the number; "other" for every form not given; CLDR's own where neither is):
    # Hindi says साल throughout, CLDR's Hindi वर्ष; Arabic's zero takes the plural (0 سنوات).
    unit_patterns: Mapping[str, Mapping[str, str]] = field(
        default_factory=lambda: MappingProxyType({}), compare=False)
    # Whether a sentence joined after a colon starts lower case (British English, es, fr, id, vi:
    # "Critère 10 : un revenu…"), and the capitalised words that open such sentences in its
    # catalog and are names, so keep their capital ("Hong Kong", "Top Talent Pass Scheme").
    lower_after_colon: bool = False
    names: frozenset[str] = field(default=frozenset(), compare=False)


# Chinese writes a duration closed up, as its catalogs write "{years}年": "1年6個月", not CLDR's
# "1 年 6 個月"; Japanese likewise ("1年6か月").
_UNITS_CLOSED_UP = MappingProxyType({"unit": {"2": "{0}{1}"}})
# Vietnamese and Indonesian write a duration with no comma: "1 năm 6 tháng", "1 tahun 6 bulan".
_UNITS_SPACED = MappingProxyType({"unit": {"2": "{0} {1}"}})

LANGUAGES: tuple[Language, ...] = (
    Language("en", "en", "English", date_pattern="d MMMM y", lower_after_colon=True,
             names=frozenset({"I", "Achievement", "Arabic", "Chinese", "English", "French",
                              "Hindi", "Hong", "Indonesian", "Investment", "Japanese", "Korean",
                              "Macao", "Mainland", "Nepali", "New", "Sing", "Spanish", "Taiwan",
                              "Technical", "Top", "Vietnamese"}),
             list_patterns=MappingProxyType({"standard": {"end": "{0} and {1}"},
                                             "or": {"end": "{0} or {1}"},
                                             "unit": {"2": "{0} and {1}"}})),
    Language("zh-hant", "zh_Hant_HK", "繁體中文（香港）",
             currency_patterns=MappingProxyType({"CNY": "人民幣{0}元", "JPY": "{0}日圓"}),
             list_patterns=_UNITS_CLOSED_UP,
             unit_patterns=MappingProxyType({"duration-year": {"other": "{0}年"},
                                             "duration-month": {"other": "{0}個月"}})),
    Language("zh-hans", "zh_Hans_CN", "简体中文",
             currency_patterns=MappingProxyType({"CNY": "人民币{0}元", "JPY": "{0}日元"}),
             list_patterns=_UNITS_CLOSED_UP),
    Language("hi", "hi", "हिन्दी",
             list_patterns=MappingProxyType({"standard": {"end": "{0} और {1}"}}),
             unit_patterns=MappingProxyType({"duration-year": {"other": "{0} साल"}})),
    Language("id", "id", "Bahasa Indonesia", lower_after_colon=True, list_patterns=_UNITS_SPACED,
             names=frozenset({"Anda", "Arab", "Departemen", "Hindi", "Hong", "Indonesia",
                              "Inggris", "Investment", "Jepang", "Korea", "Nepali", "New",
                              "Prancis", "Sing", "Spanyol", "Technical", "Tionghoa", "Top",
                              "Universitas", "Vietnam"})),
    Language("vi", "vi", "Tiếng Việt", date_pattern="d 'tháng' M 'năm' y",
             lower_after_colon=True, list_patterns=_UNITS_SPACED,
             names=frozenset({"Chương", "Hong", "Hồng", "Sing", "Sở", "Trung", "Việt", "Đại"}),
             currency_names=MappingProxyType({
                 "INR": "rupee Ấn Độ", "NPR": "rupee Nepal", "PKR": "rupee Pakistan",
                 "LKR": "rupee Sri Lanka", "BDT": "taka Bangladesh", "AUD": "đô la Úc",
                 "PHP": "peso Philippines", "TRY": "lira Thổ Nhĩ Kỳ", "CHF": "franc Thụy Sĩ"})),
    Language("ne", "ne", "नेपाली", date_pattern="d MMMM y",
             list_patterns=MappingProxyType({"standard": {"start": "{0}, {1}"},
                                             "or": {"end": "{0} वा {1}"},   # no comma before वा
                                             "unit": {"2": "{0} {1}"}}),
             currency_symbols=MappingProxyType({"NPR": "रु."}),
             currency_names=MappingProxyType({
                 "INR": "भारतीय रुपैयाँ", "NPR": "नेपाली रुपैयाँ", "PKR": "पाकिस्तानी रुपैयाँ",
                 "LKR": "श्रीलङ्काली रुपैयाँ", "CNY": "चिनियाँ युआन", "JOD": "जोर्डानियाली डिनार",
                 "NZD": "न्यूजिल्याण्ड डलर"})),
    Language("ja", "ja", "日本語",
             currency_patterns=MappingProxyType({"CNY": "{0}元", "JPY": "{0}円"}),
             list_patterns=MappingProxyType({"standard": {"2": "{0}と{1}"},
                                             "unit": {"2": "{0}{1}"}}),
             unit_patterns=MappingProxyType({"duration-year": {"other": "{0}年"},
                                             "duration-month": {"other": "{0}か月"}})),
    Language("ko", "ko", "한국어", list_patterns=MappingProxyType({
        "standard": {"2": "{0}, {1}", "end": "{0}, {1}"},
        "numbers": {"start": "{0}·{1}", "middle": "{0}·{1}", "end": "{0}·{1}", "2": "{0}·{1}"},
        "amounts": {"start": "{0}, {1}", "middle": "{0}, {1}", "end": "{0}, {1}",
                    "2": "{0}, {1}"}})),
    Language("es", "es", "Español", lower_after_colon=True,
             list_euphony=((r" y (?=[hH]?[iIíÍ](?![aeoáéó]))", " e "),
                           (r" o (?=[hH]?[oOóÓ])", " u ")),
             names=frozenset({"Hong", "Investment", "New", "Sing", "Technical", "Top"})),
    Language("fr", "fr", "Français", first_day_pattern="d'er' MMMM y", lower_after_colon=True,
             currency_symbols=MappingProxyType({"GBP": "GBP", "XOF": "FCFA"}),
             currency_names=MappingProxyType({"XOF": "francs CFA d'Afrique de l'Ouest",
                                              "XAF": "francs CFA d'Afrique centrale"}),
             names=frozenset({"Hong", "Investment", "New", "Sing", "Technical", "Top", "Test"})),
    Language("ar", "ar", "العربية", rtl=True, currencies_by_name=True,
             currency_names=MappingProxyType({
                 "INR": "روبية هندية", "PKR": "روبية باكستانية", "NPR": "روبية نيبالية",
                 "LBP": "ليرة لبنانية"}),   # CLDR: جنيه لبناني; Lebanon's pound is a lira
             unit_patterns=MappingProxyType({"duration-year": {"zero": "{0} سنوات"}})),
)
DEFAULT = LANGUAGES[0]
_BY_CODE = {lang.code: lang for lang in LANGUAGES}

# Telegram sends IETF tags such as "zh-hans", "zh-TW" or "pt-br"; Chinese needs explicit mapping
# because the script, not the region, decides which catalog a reader can read.
_CHINESE = {
    "zh-hant": "zh-hant", "zh-hk": "zh-hant", "zh-tw": "zh-hant", "zh-mo": "zh-hant",
    "zh": "zh-hans", "zh-hans": "zh-hans", "zh-cn": "zh-hans", "zh-sg": "zh-hans",
}


def by_code(code: str) -> Language:
    """The language with this code; `KeyError` when we do not speak it."""
    return _BY_CODE[code]


def resolve(tag: str | None) -> Language | None:
    """Map an outside tag (Telegram's `language_code`, a deep link) to a language we speak."""
    if not tag:
        return None
    tag = tag.strip().lower().replace("_", "-")
    if tag in _CHINESE:
        return _BY_CODE[_CHINESE[tag]]
    if tag.startswith("zh-hant"):
        return _BY_CODE["zh-hant"]
    if tag.startswith("zh"):
        return _BY_CODE["zh-hans"]
    return _BY_CODE.get(tag) or _BY_CODE.get(tag.split("-")[0])
