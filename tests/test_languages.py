"""A whole conversation to a result in every language, and locale-aware formatting."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from gettext import c2py
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.chat.views import RATINGS, ROW
from bot.common.money import Money
from bot.i18n.bidi import strip_controls
from bot.i18n.languages import LANGUAGES, Language, by_code
from bot.i18n.text import Duration, join, t, tn
from bot.i18n.translator import Translator, locales_dir
from bot.replies import parse_money, parse_number
from tests.support.assessing import assess_dict
from tests.support.bot_harness import running_bot
from tests.support.chat_client import conversation
from tests.support.fake_telegram import FakeUser
from tests.support.storing import stored_state

# ("type", text) or ("press", n): the n-th button of the current question, whatever its label.
STEPS: list[tuple[str, str | int]] = [
    ("type", "IN"), ("type", "34"), ("press", 2), ("type", "Imperial College London"),
    ("press", 0), ("type", "University of Toronto"), ("press", 0), ("press", 1), ("press", 2),
    ("press", 11), ("type", "7"), ("type", "4"), ("type", "3"), ("type", "2"), ("type", "5"),
    ("type", "INR 4500000"), ("type", "0"), ("type", "0"), ("press", 1), ("press", 1),
    ("press", 0), ("press", 0),
]


async def step(user: FakeUser, kind: str, value: str | int) -> list[str]:
    if kind == "type":
        replies = await user.send_and_wait(str(value), expect=1)    # every step gets a reply
    else:
        last = user.last_message
        assert last is not None
        data = [d for row in last.buttons for _, d in row][int(value)]
        assert data is not None
        replies = await user.press_and_wait(data, expect=1)
    return [r.text for r in replies]


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
async def test_whole_conversation_in_each_language(tmp_path: Path, language: Language) -> None:
    """In-process (the real service and SQLite file): every catalog through every question."""
    tr = Translator.for_code(language.code)
    async with conversation(tmp_path / "db", today=date(2026, 11, 24)) as chat:
        user = chat.user(700, tag="en")
        await user.send(f"/start {language.code}_langtest")
        for kind, value in STEPS:
            if kind == "type":
                await user.send(str(value))
            else:
                await user.press_data(user.last.buttons[int(value) // ROW][int(value) % ROW][1],
                                      user.last)
        shown_result, rating = user.messages[-2:]     # the result, then "was it useful?"
        summary = shown_result.text
        await user.press_data(shown_result.buttons[0][0][1], shown_result)   # the 12 criteria
        state = await stored_state(chat.store, "tg:700")
        assert state is not None
        result = assess_dict(state.answers)
    assert result["outcome"] == "meets_threshold"
    shown = strip_controls(summary + shown_result.text)
    assert strip_controls(tr(t("You meet {met} of the 12 criteria: {threshold} are needed, so you "
                               "may apply.", met=result["met_count"], threshold=6))) in shown
    assert strip_controls(tr(t("{explanation} (provisional)", explanation="")).strip()) in shown
    assert rating.labels == [tr(label) for label in RATINGS.values()]
    if language.code != "en":
        assert "criteria met" not in shown            # no English left in the result
        assert "useful" not in (rating.text + "".join(rating.labels)).lower()


@pytest.mark.slow
@pytest.mark.parametrize("language", [by_code("ar")], ids=lambda lang: lang.code)
async def test_whole_conversation_through_telegram(tmp_path: Path, language: object) -> None:
    code = language.code  # type: ignore[attr-defined]
    tr = Translator.for_code(code)
    async with running_bot(tmp_path / "db", today=date(2026, 11, 24)) as bot:
        user = bot.tg.user(700, language_code="en")
        await user.send_and_wait(f"/start {code}_langtest")
        texts: list[str] = []
        for kind, value in STEPS:
            texts = await step(user, kind, value)
        state = await stored_state(bot.store, "tg:700")
        assert state is not None
        result = assess_dict(state.answers)
        criteria = tr(t("The 12 criteria ({met} of 12 met)", met=result["met_count"]))
        shown_result = bot.tg.transcript(700)[-2]     # above "was it useful?"
        texts += [m.text for m in await user.press_and_wait(criteria, shown_result, timeout=30,
                                                            expect=1)]
    assert result["outcome"] == "meets_threshold"
    shown = strip_controls("\n".join(texts))
    assert strip_controls(tr(t("You meet {met} of the 12 criteria: {threshold} are needed, so you "
                               "may apply.", met=result["met_count"], threshold=6))) in shown
    assert strip_controls(tr(t("{explanation} (provisional)", explanation="")).strip()) in shown
    if code != "en":
        assert "criteria met" not in shown            # no English left in the result
    if language.rtl:  # type: ignore[attr-defined]
        assert all(m.text.startswith("\u200f") for m in user.messages if not m.edited)


@pytest.mark.parametrize(("code", "amount", "expected"), [
    ("en", Decimal(1_000_000), "HK$1,000,000"),
    ("hi", Decimal(1_000_000), "HK$10,00,000"),
    ("fr", Decimal(1_000_000), "1\u202f000\u202f000\u00a0HKD"),
    ("zh-hant", Decimal("1234.5"), "HK$1,234.50"),
    ("es", Decimal(1200), "1200\u00a0HKD"),          # four digits stand ungrouped in Spanish
    ("es", Decimal(12_000), "12.000\u00a0HKD"),
])
def test_money_is_formatted_in_the_locale(code: str, amount: Decimal, expected: str) -> None:
    assert Translator.for_code(code).money(Money(amount, "HKD")) == expected


@pytest.mark.parametrize(("code", "currency", "expected"), [
    ("en", "SAR", "SAR\u00a0180,000"), ("ja", "CHF", "CHF\u00a0180,000"),
    ("id", "INR", "Rs\u00a0180.000"), ("es", "SAR", "180.000\u00a0SAR"),
    ("en", "INR", "₹180,000"), ("en", "USD", "US$180,000"),
])
def test_a_currency_written_in_letters_keeps_apart_from_the_digits(code: str, currency: str,
                                                                    expected: str) -> None:
    """CLDR's currency spacing: "SAR 180,000", never "SAR180,000"; symbols such as ₹ stay close."""
    assert Translator.for_code(code).money(Money(Decimal(180_000), currency)) == expected


# A first of the month and another day, as each language writes a date in running text.
DATES = {
    "en": ("1 November 2024", "15 June 2027"),
    "zh-hant": ("2024年11月1日", "2027年6月15日"), "zh-hans": ("2024年11月1日", "2027年6月15日"),
    "hi": ("1 नवंबर 2024", "15 जून 2027"), "id": ("1 November 2024", "15 Juni 2027"),
    "vi": ("1 tháng 11 năm 2024", "15 tháng 6 năm 2027"), "ne": ("1 नोभेम्बर 2024", "15 जुन 2027"),
    "ja": ("2024年11月1日", "2027年6月15日"), "ko": ("2024년 11월 1일", "2027년 6월 15일"),
    "es": ("1 de noviembre de 2024", "15 de junio de 2027"),
    "fr": ("1er novembre 2024", "15 juin 2027"), "ar": ("1 نوفمبر 2024", "15 يونيو 2027"),
}
POINTS_NOTE = ("Since 1 November 2024 the General Points Test no longer adds up points: ImmD lists "
               "12 criteria, and an application needs at least {threshold} of them. Calculators "
               "that still add up points towards a pass mark are out of date.")


def test_every_language_has_its_dates_checked() -> None:
    assert set(DATES) == {language.code for language in LANGUAGES}


@pytest.mark.parametrize("code", DATES)
def test_dates_in_the_locale(code: str) -> None:
    tr = Translator.for_code(code)
    assert (tr(date(2024, 11, 1)), tr(date(2027, 6, 15))) == DATES[code]


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang.code != "en"],
                         ids=lambda lang: lang.code)
def test_a_date_reads_as_the_catalog_writes_one(language: Language) -> None:
    """The translators' own "1 November 2024" in running text is the bot's date, word for word
    (vi "1 tháng 11 năm 2024", fr "1er novembre", ne day first). English msgids are the source
    text; its dates are CLDR's English ones."""
    with (locales_dir() / language.locale / "LC_MESSAGES" / "messages.po").open("rb") as fp:
        written = read_po(fp, locale=language.locale)[POINTS_NOTE].string
    assert Translator(language)(date(2024, 11, 1)) in written


@pytest.mark.parametrize(("months", "expected"), [
    (1, "بعد مدة قدرها شهر من"), (2, "بعد مدة قدرها شهران من"), (5, "بعد مدة قدرها 5 أشهر من"),
    (11, "بعد مدة قدرها 11 شهرًا من"), (24, "بعد مدة قدرها سنتان من"),
    (36, "بعد مدة قدرها 3 سنوات من"), (18, "بعد مدة قدرها سنة و6 أشهر من"),
    (1212, "بعد مدة قدرها 101 سنة من"),
])
def test_a_duration_takes_the_arabic_form_its_number_needs(months: int, expected: str) -> None:
    """A length of time made at run time takes CLDR's Arabic forms (six of them: 101 takes the
    singular noun, 11 the accusative), after "مدة قدرها", where it stands in the nominative."""
    text = Translator.for_code("ar")(t(
        "Criterion {number} needs {need} years of qualifying work and you have none so far: it "
        "would be met {duration} after you start such work.", number=7, need=3,
        duration=Duration.of_months(months)))
    assert expected in strip_controls(text)


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_plural_form_is_chosen_by_the_locales_rule(language: object) -> None:
    """For n = 0..120 the rendered text is the catalog form the locale's formula selects."""
    singular = "Your reminders (each is sent {n} day before its date):"
    plural = "Your reminders (each is sent {n} days before its date):"
    locale = language.locale  # type: ignore[attr-defined]
    with (locales_dir() / locale / "LC_MESSAGES" / "messages.po").open("rb") as fp:
        catalog = read_po(fp, locale=locale)
    forms = catalog[singular].string
    choose = c2py(catalog.plural_expr)
    tr = Translator(language)  # type: ignore[arg-type]
    for n in range(121):
        assert strip_controls(tr(tn(singular, plural, n))) == forms[choose(n)].format(n=n)


@pytest.mark.parametrize(("text", "locale", "value"), [
    ("٣٤", "ar", Decimal(34)), ("३४", "hi", Decimal(34)), ("３４", "ja", Decimal(34)),
    ("12 lakh", "hi", Decimal(1_200_000)), ("1.5 crore", "en", Decimal(15_000_000)),
    ("120万", "zh_Hans_CN", Decimal(1_200_000)), ("1.2億", "zh_Hant_HK", Decimal(120_000_000)),
    ("5,5", "fr", Decimal("5.5")), ("1.200", "es", Decimal(1200)),
])
def test_input_in_the_users_conventions(text: str, locale: str, value: Decimal) -> None:
    assert parse_number(text, locale) == value


def test_money_input_with_local_words() -> None:
    assert parse_money("500 triệu đồng", "vi") == Money(Decimal(500_000_000), "VND")
    assert parse_money("रु 25 लाख", "ne") == Money(Decimal(2_500_000), "NPR")


def test_korean_lists_with_commas_and_chinese_losses_with_the_sign_in_front() -> None:
    """Korean readers write "영어, 힌디어", not CLDR's formal "영어 및 힌디어"; a loss in yuan
    is "-人民币2,000,000元", not "人民币-2,000,000元"."""
    assert Translator.for_code("ko")(join("영어", "힌디어")) == "영어, 힌디어"
    assert Translator.for_code("zh-hans")(Money(Decimal(-2_000_000), "CNY")) == "-人民币2,000,000元"
    assert Translator.for_code("ja")(Money(Decimal(-3_000_000), "JPY")) == "-3,000,000円"
