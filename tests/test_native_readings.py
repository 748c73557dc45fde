"""Replies as native speakers type them, through the whole conversation: several languages in
one word ("中英文", "한영"), Amazigh by the name its readers give it, Arabic duals of thousands
and millions, and salary talk in 만 원 or 万円 left unsaid (Korean "월 500", Japanese
"年収600")."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bot.common.money import Money
from bot.i18n.languages import by_code
from bot.i18n.text import Figure, t
from bot.i18n.translator import translator_for
from tests.support.chat_client import Conversation, answers, conversation, shown, user_at

TODAY = date(2026, 11, 24)
TO_LANGUAGES = ["India", "34", "Master's", "Imperial College London", "Yes",
                "University of Delhi", "No"]


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


@pytest.mark.parametrize(("tag", "typed", "codes"), [
    ("zh-hans", "中英文", ["zh", "en"]), ("zh-hans", "中英", ["zh", "en"]),
    ("zh-hans", "中英日", ["zh", "en", "ja"]), ("zh-hans", "英日文", ["en", "ja"]),
    ("zh-hans", "中文", ["zh"]), ("zh-hans", "英文", ["en"]),
    ("zh-hant", "中英文", ["zh", "en"]), ("zh-hant", "中英", ["zh", "en"]),
    ("zh-hant", "中英日", ["zh", "en", "ja"]), ("zh-hant", "英日文", ["en", "ja"]),
    ("zh-hant", "中英文、法文", ["zh", "en", "fr"]), ("zh-hant", "中文", ["zh"]),
    ("zh-hant", "英文", ["en"]), ("zh-hant", "中英文同印地文", ["zh", "en", "hi"]),
    ("zh-hans", "中英文和印地语", ["zh", "en", "hi"]),
    ("zh-hant", "普粵英同法文", ["zh", "en", "fr"]),
    ("ja", "日英", ["ja", "en"]), ("ja", "日英とフランス語", ["ja", "en", "fr"]),
    ("ja", "日英中", ["ja", "en", "zh"]), ("ja", "英語", ["en"]),
    ("ko", "한영", ["ko", "en"]), ("ko", "한중일", ["ko", "zh", "ja"]), ("ko", "영어", ["en"]),
])
async def test_languages_named_by_their_letters_in_one_word(chat: Conversation, tag: str,
                                                            typed: str,
                                                            codes: list[str]) -> None:
    user = await user_at(chat, tag, TO_LANGUAGES)
    await user.send(typed)
    assert (await answers(chat, user))["languages"] == codes


@pytest.mark.parametrize(("tag", "typed"), [("zh-hant", "中"), ("ko", "한"), ("ja", "日")])
async def test_one_letter_alone_names_no_language(chat: Conversation, tag: str,
                                                  typed: str) -> None:
    user = await user_at(chat, tag, TO_LANGUAGES)
    await user.send(typed)
    assert "languages" not in await answers(chat, user)
    assert typed in user.text   # "I did not recognise “中” as a language"


@pytest.mark.parametrize(("tag", "typed"), [("ko", "한영"), ("zh-hant", "中英"), ("ja", "日英")])
async def test_letters_of_languages_elsewhere_stay_a_name(chat: Conversation, tag: str,
                                                          typed: str) -> None:
    """Only the languages question reads such a word as languages: as a university (한영대학,
    Hanyoung) it is a name, kept as typed since no listed one matches."""
    user = await user_at(chat, tag, TO_LANGUAGES[:3])
    await user.send(typed)
    assert (await answers(chat, user))["postgraduate_university"] == typed


AMAZIGH = {"en": "Amazigh", "ar": "الأمازيغية", "fr": "amazighe", "es": "amazig",
           "zh-hant": "塔馬齊格特文", "zh-hans": "塔马齐格特语", "ja": "タマジクト語",
           "ko": "타마지트어", "vi": "tiếng Tamazight", "id": "Tamazight", "hi": "तमाज़ित",
           "ne": "टामाजिघट"}
ARABIC = {"en": "Arabic", "ar": "العربية", "fr": "arabe", "es": "árabe", "zh-hant": "阿拉伯文",
          "zh-hans": "阿拉伯语", "ja": "アラビア語", "ko": "아랍어", "vi": "tiếng Ả Rập",
          "id": "Arab", "hi": "अरबी", "ne": "अरबी"}


@pytest.mark.parametrize("tag", sorted(AMAZIGH))
async def test_amazigh_is_named_as_its_readers_name_it(chat: Conversation, tag: str) -> None:
    """Typed by its name in the reader's language, the language is said back by that name, not
    by CLDR's name of one of its varieties ("الأمازيغية وسط الأطلس")."""
    user = await user_at(chat, tag, TO_LANGUAGES)
    await user.send(f"{ARABIC[tag]}, {AMAZIGH[tag]}")
    assert (await answers(chat, user))["languages"] == ["ar", "tzm"]
    said = shown(user.text).casefold()   # said back at the start of a line, capitalised
    assert AMAZIGH[tag].casefold() in said and ARABIC[tag].casefold() in said
    assert not any(variety in said for variety in ("الأطلس", "atlas", "アトラス", "모로코",
                                                   "ma-rốc", "maroko", "एटलस", "एट्लास",
                                                   "阿特拉斯"))


@pytest.mark.parametrize("typed", ["tiếng Anh và tiếng Ý", "Anh, Ý", "tiếng Anh, tiếng Italy"])
async def test_italian_is_tieng_y_for_vietnamese_readers(chat: Conversation, typed: str) -> None:
    """Vietnamese readers call Italian tiếng Ý, not CLDR's "Tiếng Italy"; Ý alone is Italian
    to them, though folded it is Spanish y ("and")."""
    user = await user_at(chat, "vi", TO_LANGUAGES)
    await user.send(typed)
    assert (await answers(chat, user))["languages"] == ["en", "it"]
    assert "tiếng Ý" in shown(user.text) and "Italy" not in shown(user.text)
    spanish = await user_at(chat, "es", TO_LANGUAGES, user_id=2)
    await spanish.send("inglés y francés")
    assert (await answers(chat, spanish))["languages"] == ["en", "fr"]


@pytest.mark.parametrize(("tag", "typed", "codes"), [
    ("en", "English (IELTS 7.0), Hindi", ["en", "hi"]),
    ("en", "English (TOEFL 110) and French B2", ["en", "fr"]),
    ("zh-hans", "中文（HSK 6级）和英文", ["zh", "en"]),
    ("ja", "英語（英検1級）、日本語", ["en", "ja"]),
    ("ko", "한국어, 영어(토익 900점)", ["ko", "en"]), ("vi", "tiếng Anh (IELTS 7.0), tiếng Việt",
                                                    ["en", "vi"])])
async def test_a_language_test_and_its_score_beside_a_language_are_no_language(
        chat: Conversation, tag: str, typed: str, codes: list[str]) -> None:
    user = await user_at(chat, tag, TO_LANGUAGES)
    await user.send(typed)
    assert (await answers(chat, user))["languages"] == codes


async def test_done_typed_is_the_done_button(chat: Conversation) -> None:
    """Typed with nothing chosen it asks for a language, not for "Done" as a language name."""
    user = await user_at(chat, "en", TO_LANGUAGES)
    await user.send("Done")
    assert "Choose at least one, or type the names." in shown(user.text)
    assert "as a language" not in shown(user.text)
    await user.press("English")
    await user.send("done")
    assert (await answers(chat, user))["languages"] == ["en"]
    french = await user_at(chat, "fr", TO_LANGUAGES, user_id=2)
    await french.press("Anglais")
    await french.send("valider")
    assert (await answers(chat, french))["languages"] == ["en"]


@pytest.mark.parametrize(("tag", "typed", "codes", "said"), [
    ("ne", "नेपाली, तामाङ, अंग्रेजी", ["ne", "taj", "en"], "नेपाली, तामाङ र अङ्ग्रेजी ✓"),
    ("en", "Nepali, Tamang and English", ["ne", "taj", "en"], "Nepali, Tamang and English ✓"),
    ("ne", "नेपाली, मगर, थारू, गुरुङ, लिम्बू", ["ne", "mgp", "thl", "gvr", "lif"],
     "नेपाली, मगर, थारू, गुरुङ र लिम्बू ✓"),
    ("ne", "राई, शेर्पा, डोटेली र बज्जिका", ["bap", "xsr", "dty", "vjk"],
     "राई, शेर्पा, डोटेली र बज्जिका ✓"),
    ("en", "Sherpa, Rai and English", ["xsr", "bap", "en"], "Sherpa, Rai and English ✓")])
async def test_nepals_languages_without_cldr_names_are_read_and_named(
        chat: Conversation, tag: str, typed: str, codes: list[str], said: str) -> None:
    """Tamang, Magar, Tharu…: CLDR names none of them; our names are read and shown."""
    user = await user_at(chat, tag, TO_LANGUAGES)
    await user.send(typed)
    assert (await answers(chat, user))["languages"] == codes
    assert said in shown(user.text)
    await user.send("/result")                    # scored like any other language
    assert not any(re.search(rf"\b{code}\b", shown(user.text)) for code in codes if len(code) == 3)


@pytest.mark.parametrize(("tag", "typed", "kept", "left"), [
    ("zh-hant", "英文同埋少少日文", ["en"], "日文"), ("en", "English and a little French", ["en"],
                                                   "French"),
    ("ja", "日本語少し、英語", ["en"], "日本語"), ("ko", "한국어, 영어 조금", ["ko"], "영어"),
    ("ar", "العربية وقليل من الإنجليزية", ["ar"], "الإنجليزية"),
    ("fr", "anglais, un peu de français", ["en"], "français"),
    ("en", "English (basic), French", ["fr"], "English"),
    ("ko", "한국어 영어 스페인어 조금", ["ko", "en"], "스페인어"),
    ("id", "bahasa Indonesia, Inggris, sedikit bahasa Jepang dan Korea", ["id", "en"],
     "Jepang dan Korea"),                         # "a little" goes on over "and"
    ("en", "English and a little Japanese and Korean", ["en"], "Japanese and Korean")])
async def test_a_language_spoken_a_little_is_left_out_and_said(
        chat: Conversation, tag: str, typed: str, kept: list[str], left: str) -> None:
    """Only languages spoken and written well count (criteria 4 and 5): one said to be spoken
    a little is left out, and the reader is told so."""
    user = await user_at(chat, tag, TO_LANGUAGES)
    await user.send(typed)
    assert (await answers(chat, user))["languages"] == kept
    notice = translator_for(by_code(tag))(t(
        "Left out: {languages}, which you speak only a little. Only languages you speak and "
        "write well count.", languages=left))
    assert shown(notice) in shown(user.text)


async def test_only_languages_spoken_a_little_ask_again(chat: Conversation) -> None:
    user = await user_at(chat, "en", TO_LANGUAGES)
    await user.send("a little English")
    assert "languages" not in await answers(chat, user)
    assert "you said you speak English only a little" in user.text


TO_INCOME = [*TO_LANGUAGES, "English, Hindi", "7", "4", "3", "2"]


@pytest.mark.parametrize(("typed", "amount"), [
    ("ألفا دولار", 2000), ("ألفان دولار", 2000), ("ألفي دولار", 2000), ("ألفين دولار", 2000),
    ("مليونا دولار", 2_000_000), ("مليونان دولار", 2_000_000),
    ("مليوني دولار", 2_000_000), ("مليونين دولار", 2_000_000),
    ("ألفا دولار شهريا", 24_000), ("مليونا دولار سنويا", 2_000_000),
    ("ألفان وخمسمائة دولار", 2_500), ("ألفين و500 دولار", 2_500),
    ("مليونان وخمسمائة ألف دولار", 2_500_000),
])
async def test_an_arabic_dual_at_the_income_question(chat: Conversation, typed: str,
                                                     amount: int) -> None:
    """The dual ("ألفان"), and its construct form before the noun ("ألفا دولار"), is two of
    the thousand or million, and a smaller number may follow it ("ألفان وخمسمائة")."""
    user = await user_at(chat, "ar", TO_INCOME)
    await user.send(typed)
    assert (await answers(chat, user))["annual_income"] == {"amount": amount, "currency": "USD"}


@pytest.mark.parametrize("typed", ["ألفا", "ألفان", "مليونا", "مليونان"])
async def test_an_arabic_dual_of_thousands_is_no_household(chat: Conversation,
                                                           typed: str) -> None:
    """/fees counts households of 1 to 20 people: two thousand is told so, as 2000 is."""
    user = chat.user(1, tag="ar")
    await user.send("/fees 2000")
    digits = user.text
    await user.send(f"/fees {typed}")
    assert user.text == digits


async def test_an_indonesian_thousand_word_takes_the_hundreds_after_it(chat: Conversation
                                                                      ) -> None:
    user = await user_at(chat, "id", TO_INCOME)
    await user.send("seribu lima ratus dolar AS")
    assert (await answers(chat, user))["annual_income"] == {"amount": 1500, "currency": "USD"}


KOREAN = translator_for(by_code("ko"))
TO_KOREAN_INCOME = ["대한민국", *TO_INCOME[1:]]


def _offered(yearly: int, monthly: int | None, compact: bool = False) -> str:
    """A button as the Korean reader sees it: the year's amount, and a month's as counted."""
    money = Money(Decimal(yearly), "KRW")
    if monthly is None:
        return KOREAN(money)
    return KOREAN(t("{yearly} a year ({monthly} × 12)", yearly=money,
                    monthly=Figure(Decimal(monthly), "KRW", compact=compact)))


@pytest.mark.parametrize(("typed", "scaled", "as_typed", "amount"), [
    ("월 500", _offered(60_000_000, 5_000_000, compact=True), _offered(6_000, 500), 60_000_000),
    ("월급 300", _offered(36_000_000, 3_000_000, compact=True), _offered(3_600, 300),
     36_000_000),
    ("연봉 6000", _offered(60_000_000, None), _offered(6_000, None), 60_000_000),
    ("연봉 6천", _offered(60_000_000, None), _offered(6_000, None), 60_000_000),
])
async def test_korean_salary_talk_is_asked_about_in_man_won(chat: Conversation, typed: str,
                                                           scaled: str, as_typed: str,
                                                           amount: int) -> None:
    """"월 500" is ₩5,000,000 a month as Koreans talk of salaries, or ₩500 as typed: asked."""
    user = await user_at(chat, "ko", TO_KOREAN_INCOME)
    await user.send(typed)
    assert user.last.labels == [scaled, as_typed]
    await user.press(scaled)
    assert (await answers(chat, user))["annual_income"] == {"amount": amount, "currency": "KRW"}


async def test_salary_talk_with_another_passport_offers_its_currency_as_typed(
        chat: Conversation) -> None:
    """A US passport: "월 500" is ₩5,000,000 a month as Koreans talk, or US$500 as typed (not
    ₩500, which no salary is)."""
    user = await user_at(chat, "ko", ["미국", "아니요", *TO_INCOME[1:]])
    await user.send("월 500")
    as_typed = KOREAN(t("{yearly} a year ({monthly} × 12)", yearly=Money(Decimal(6000), "USD"),
                        monthly=Money(Decimal(500), "USD")))
    assert user.last.labels == [_offered(60_000_000, 5_000_000, compact=True), as_typed]
    await user.press(as_typed)
    assert (await answers(chat, user))["annual_income"] == {"amount": 6000, "currency": "USD"}


async def test_the_question_quotes_the_amount_without_its_copula(chat: Conversation) -> None:
    """"월급 500이요" is asked about as “월급 500”: the quote is the amount, not the sentence."""
    user = await user_at(chat, "ko", TO_KOREAN_INCOME)
    await user.send("월급 500이요")
    assert KOREAN(t("Which one do you mean by “{typed}”?", typed="월급 500")) in user.text


def test_a_months_amount_is_shown_as_counted_in_man_won() -> None:
    assert _offered(60_000_000, 5_000_000, compact=True) == "연 ₩60,000,000 (500만 × 12개월)"


async def test_the_amount_as_typed_is_not_asked_about_again(chat: Conversation) -> None:
    """Chosen over ₩5,000,000 a month, ₩500 a month is what was meant: the check of an amount
    that small ("is that right?") would ask the same question twice."""
    user = await user_at(chat, "ko", TO_KOREAN_INCOME)
    await user.send("월 500")
    await user.press(_offered(6_000, 500))
    assert (await answers(chat, user))["annual_income"] == {"amount": 6000, "currency": "KRW"}
    assert KOREAN(t("Yes, that's right")) not in user.last.labels


@pytest.mark.parametrize(("typed", "amount"), [
    ("월 500만 원", 60_000_000), ("연봉 6천만원", 60_000_000), ("월 500만", 60_000_000),
    ("연봉 1억", 100_000_000), ("월 5000달러", 60_000),
])
async def test_korean_salary_talk_with_its_multiplier_or_currency_is_read_at_once(
        chat: Conversation, typed: str, amount: int) -> None:
    user = await user_at(chat, "ko", TO_KOREAN_INCOME)
    await user.send(typed)
    stored = (await answers(chat, user))["annual_income"]
    assert stored == {"amount": amount, "currency": "USD" if "달러" in typed else "KRW"}


JAPANESE = translator_for(by_code("ja"))
TO_JAPANESE_INCOME = ["日本", *TO_INCOME[1:]]


@pytest.mark.parametrize(("typed", "scaled", "as_typed"), [
    ("年収600", JAPANESE(Money(Decimal(6_000_000), "JPY")), JAPANESE(Money(Decimal(600), "JPY"))),
    ("月収30", JAPANESE(t("{yearly} a year ({monthly} × 12)",
                          yearly=Money(Decimal(3_600_000), "JPY"),
                          monthly=Figure(Decimal(300_000), "JPY", compact=True))),
     JAPANESE(t("{yearly} a year ({monthly} × 12)", yearly=Money(Decimal(360), "JPY"),
                monthly=Figure(Decimal(30), "JPY")))),
])
async def test_japanese_salary_talk_is_asked_about_in_man_yen(chat: Conversation, typed: str,
                                                              scaled: str, as_typed: str) -> None:
    """"年収600" is ¥6,000,000 as people in Japan talk of salaries, or ¥600 as typed: asked."""
    user = await user_at(chat, "ja", TO_JAPANESE_INCOME)
    await user.send(typed)
    assert user.last.labels == [scaled, as_typed]
    assert typed != "月収30" or "（30万円 × 12か月）" in scaled   # the month's figure with 円
    await user.press(scaled)
    yearly = 6_000_000 if typed.startswith("年") else 3_600_000
    assert (await answers(chat, user))["annual_income"] == {"amount": yearly, "currency": "JPY"}


@pytest.mark.parametrize("typed", ["年収600万円", "月収50万円", "年収6,000,000円"])
async def test_japanese_salary_talk_with_its_multiplier_is_read_at_once(chat: Conversation,
                                                                        typed: str) -> None:
    user = await user_at(chat, "ja", TO_JAPANESE_INCOME)
    await user.send(typed)
    assert (await answers(chat, user))["annual_income"]["currency"] == "JPY"


async def test_a_loss_has_its_hong_kong_value_in_brackets(chat: Conversation) -> None:
    """"A loss of US$200,000 ≈ HK$1,556,000" read as a profit in HK$: the value is bracketed."""
    user = await user_at(chat, "en", ["India", "34", "Master's", "Imperial College London", "Yes",
                                      "University of Delhi", "No", "English, Hindi", "7", "4",
                                      "3", "2", "HKD 900000", "60"])
    await user.send("a loss of USD 200,000")
    assert "A loss of US$200,000 (≈ HK$" in shown(user.text), user.text
    assert "US$200,000 ≈" not in shown(user.text)


async def test_currencies_whose_symbols_look_alike_are_named_on_their_buttons(
        chat: Conversation) -> None:
    """"francs CFA" from a French passport: French writes both "FCFA", so two buttons would
    be the same but for their names."""
    user = await user_at(chat, "fr", ["France", *TO_INCOME[1:]])
    await user.send("30 millions de francs CFA")
    labels = [shown(label) for label in user.last.labels[:2]]
    assert labels == ["30\u202f000\u202f000 FCFA (francs CFA d'Afrique centrale)",
                      "30\u202f000\u202f000 FCFA (francs CFA d'Afrique de l'Ouest)"], labels


async def test_currencies_shown_by_bare_codes_are_named_on_their_buttons(
        chat: Conversation) -> None:
    """Spanish writes both CFA francs by their codes: "XAF" and "XOF" alone say nothing."""
    user = await user_at(chat, "es", ["España", *TO_INCOME[1:]])
    await user.send("30 millones de francos CFA")
    labels = [shown(label) for label in user.last.labels[:2]]
    assert all("XAF (" in label or "XOF (" in label for label in labels), labels
    assert any("África Central" in label or "África central" in label for label in labels), labels
