"""What Arabic speakers type, read as they mean it, driven in-process as a user lives it: a
loss written in words, a degree with its subject or after "holder of", a nationality after
"الجنسية:" or as a feminine or plural demonym, a bare "سنة" for one year, amounts in number
words ("مائتا ألف"), Amazigh among languages, and Arabic-Indic digits at every kind of
question. The degree's subject is checked in the other languages that say it the same way.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.i18n.languages import by_code
from bot.i18n.translator import translator_for
from bot.replies.degrees import UNFINISHED
from tests.support.chat_client import Conversation, answers, conversation, user_at
from tests.test_understanding import plain

TODAY = date(2026, 11, 24)
TO_DEGREE = ["India", "34"]
TO_WORK = [*TO_DEGREE, "Master's", "Imperial College London", "Yes", "University of Delhi",
           "English, Hindi"]
TO_PROFIT = [*TO_WORK, "7", "4", "3", "2", "HKD 900000", "60"]
TO_BACHELOR_YEAR = [*TO_DEGREE[:1], "22", "Bachelor's", "University of Oxford", "Yes", "English",
                    "1", "0", "0", "0", "1"]


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


@pytest.mark.parametrize("loss", ["خسارة 200 ألف دولار هونغ كونغ",
                                  "خسارة قدرها 200 ألف دولار هونغ كونغ",
                                  "عجز 200 ألف دولار هونغ كونغ",
                                  "عجز قدره ٢٠٠ ألف دولار هونغ كونغ"])
async def test_a_loss_in_words_is_a_negative_profit(chat: Conversation, loss: str) -> None:
    user = await user_at(chat, "ar", TO_PROFIT)
    await user.send(loss)
    assert (await answers(chat, user))["business_profit"] == {"amount": -200000,
                                                              "currency": "HKD"}


async def test_the_loss_the_profit_hint_shows_is_read_as_one(chat: Conversation) -> None:
    user = await user_at(chat, "ar", TO_PROFIT)
    example = user.last.text.rsplit("مثل: ", 1)[1].rstrip(".")   # "خسارة 200 ألف دولار"
    await user.send(example)
    assert (await answers(chat, user))["business_profit"] == {"amount": -200000,
                                                              "currency": "USD"}


@pytest.mark.parametrize("typed", ["ربح 200 ألف دولار نيوزلندي", "ربح 200 ألف دولار نيوزيلندي"])
async def test_new_zealand_dollars_as_readers_spell_them(chat: Conversation, typed: str) -> None:
    user = await user_at(chat, "ar", TO_PROFIT)
    await user.send(typed)
    assert (await answers(chat, user))["business_profit"] == {"amount": 200000,
                                                              "currency": "NZD"}


async def test_a_profit_stays_positive(chat: Conversation) -> None:
    user = await user_at(chat, "ar", TO_PROFIT)
    await user.send("ربح 200 ألف دولار هونغ كونغ")
    assert (await answers(chat, user))["business_profit"] == {"amount": 200000,
                                                              "currency": "HKD"}


@pytest.mark.parametrize(("tag", "degree", "value"), [
    ("ar", "دكتوراه في الهندسة", "doctorate"),
    ("ar", "ماجستير في إدارة الأعمال", "master"),
    ("ar", "بكالوريوس علوم", "bachelor"),
    ("ar", "حاصل على الماجستير", "master"),
    ("ar", "حاصلة على درجة الدكتوراه في الفيزياء", "doctorate"),
    ("ar", "بكالوريوس في القانون", "bachelor"),
    ("ar", "ليسانس حقوق", "bachelor"),
    ("ar", "بكالوريوس العلوم", "bachelor"),
    ("ar", "بكالوريوس من جامعة القاهرة", "bachelor"),
    ("ar", "ماجستير تنفيذي في إدارة الأعمال", "master"),
    ("ar", "لدي شهادة ماجستير", "master"),
    ("ar", "دبلوم عالي في المحاسبة", "none"),
    ("en", "Master's from LSE", "master"),
    ("en", "Master's in Finance", "master"),
    ("en", "I have a PhD in physics", "doctorate"),
    ("es", "máster en finanzas", "master"),
    ("es", "licenciatura en derecho", "bachelor"),
    ("fr", "master en finance", "master"),
    ("fr", "doctorat de physique", "doctorate"),
    ("hi", "फाइनेंस में मास्टर्स", "master"),
    ("hi", "मास्टर्स इन फाइनेंस", "master"),
    ("id", "magister di bidang keuangan", "master"),
    ("id", "S2 jurusan manajemen", "master"),
    ("vi", "thạc sĩ ngành tài chính", "master"),
    ("vi", "tiến sĩ về vật lý", "doctorate"),
    ("vi", "thạc sĩ tài chính", "master"),
    ("id", "sarjana teknik", "bachelor"),
])
async def test_a_degree_with_its_subject_is_the_degree(chat: Conversation, tag: str, degree: str,
                                                        value: str) -> None:
    user = await user_at(chat, tag, TO_DEGREE)
    await user.send(degree)
    assert (await answers(chat, user))["highest_degree"] == value


@pytest.mark.parametrize(("tag", "degree"), [
    ("ar", "ماجستير قيد الدراسة"), ("ar", "دكتوراه (لم أكملها)"), ("en", "Master's in progress"),
    ("en", "PhD in progress"), ("es", "máster en curso"), ("fr", "master en cours"),
    ("vi", "thạc sĩ chưa xong"),
])
async def test_an_unfinished_degree_is_no_degree_yet(chat: Conversation, tag: str,
                                                     degree: str) -> None:
    user = await user_at(chat, tag, TO_DEGREE)
    await user.send(degree)   # only completed degrees count: the question is asked again
    assert "highest_degree" not in await answers(chat, user)
    reason = translator_for(by_code(tag))(UNFINISHED)
    assert reason in user.text, user.text   # with the reason, not "choose one of the buttons"


@pytest.mark.parametrize(("tag", "name"), [("ar", "جامعة القاهرة"), ("en", "University of Delhi"),
                                           ("es", "Universidad de Chile")])
async def test_a_university_is_no_degree(chat: Conversation, tag: str, name: str) -> None:
    user = await user_at(chat, tag, TO_DEGREE)
    await user.send(name)
    assert "highest_degree" not in await answers(chat, user)


@pytest.mark.parametrize(("typed", "code"), [
    ("الجنسية: مصرية", "EG"), ("جنسيتي: مغربي", "MA"), ("أنا من مصر", "EG"), ("من مصر", "EG"),
    ("مصرية", "EG"), ("سعوديون", "SA"), ("السعوديون", "SA"), ("مصريين", "EG"),
    ("أردنيات", "JO"), ("الجنسية المصرية", "EG"), ("مصري الجنسية", "EG"), ("المغربية", "MA"),
    ("كويتيون", "KW"), ("الصين", "CN"), ("الإمارات", "AE"), ("البحرين", "BH"),
    ("غاني", "GH"), ("سويدية", "SE"), ("تشيكي", "CZ"), ("هولندية", "NL"), ("دولة الكويت", "KW"),
    ("مملكة البحرين", "BH"), ("جمهورية مصر العربية", "EG"), ("الجمهورية الفرنسية", "FR"),
    ("جمهورية الصين الشعبية", "CN"), ("المملكة المتحدة", "GB"), ("إنجلترا", "GB"),
])
async def test_a_nationality_as_arabic_speakers_say_it(chat: Conversation, typed: str,
                                                       code: str) -> None:
    user = await user_at(chat, "ar", [typed])
    assert (await answers(chat, user))["nationality"] == code


async def test_a_korean_is_asked_which_korea(chat: Conversation) -> None:
    user = await user_at(chat, "ar", ["كوري"])
    assert "nationality" not in await answers(chat, user)
    assert {"كوريا الجنوبية", "كوريا الشمالية"} <= {plain(label) for label in user.last.labels}


async def test_a_nationality_after_a_colon_in_english(chat: Conversation) -> None:
    user = await user_at(chat, "en", ["Nationality: Indian"])
    assert (await answers(chat, user))["nationality"] == "IN"


@pytest.mark.parametrize(("typed", "years"), [
    ("سنة", 1), ("عام", 1), ("سنة واحدة", 1), ("سنتين", 2), ("سنة ونصف", 1.5),
    ("سنة و6 أشهر", 1.5), ("12 سنة", 12), ("أحد عشر عاما", 11), ("٣ سنوات", 3),
])
async def test_a_bare_year_is_one_year(chat: Conversation, typed: str, years: float) -> None:
    user = await user_at(chat, "ar", TO_WORK)
    await user.send(typed)
    assert (await answers(chat, user))["years_graduate_work"] == years


@pytest.mark.parametrize(("typed", "amount"), [
    ("مائتا ألف دولار", 200000), ("مئتا ألف دولار", 200000),
    ("مليون ومئتا ألف دولار", 1200000), ("مليونان ونصف دولار", 2500000),
    ("مليونين ونصف دولار", 2500000), ("ثلاث مئة ألف دولار", 300000),
    ("ست مئة وخمسون ألف دولار", 650000), ("ميت ألف دولار", 100000),
    ("إحدى عشر ألف دولار", 11000),
])
async def test_an_income_in_arabic_number_words(chat: Conversation, typed: str,
                                                amount: int) -> None:
    user = await user_at(chat, "ar", [*TO_WORK, "7", "4", "3", "2"])
    await user.send(typed)
    assert (await answers(chat, user))["annual_income"] == {"amount": amount, "currency": "USD"}


@pytest.mark.parametrize(("typed", "codes"), [
    ("العربية والإنجليزية والأمازيغية", ["ar", "en", "tzm"]),
    ("العربية والقبائلية والفرنسية", ["ar", "kab", "fr"]),
    ("اللغتين العربية والإنجليزية", ["ar", "en"]), ("الملايو والعربية", ["ms", "ar"]),
])
async def test_languages_as_arabic_speakers_list_them(chat: Conversation, typed: str,
                                                      codes: list[str]) -> None:
    user = await user_at(chat, "ar", TO_WORK[:-1])
    await user.send(typed)
    assert (await answers(chat, user))["languages"] == codes


@pytest.mark.parametrize("typed", ["ليس لدي سجل جنائي", "لا توجد سوابق"])
async def test_no_criminal_record_is_a_clean_record(chat: Conversation, typed: str) -> None:
    user = await user_at(chat, "ar", [*TO_WORK, "7", "4", "3", "2", "HKD 900000", "0", "0", "لا",
                                      "لا", "نعم أستطيع إعالة أسرتي"])
    await user.send(typed)
    assert (await answers(chat, user))["good_character"] == "yes"


@pytest.mark.parametrize(("typed", "value"), [("نعم أنا مقيم دائم", "yes"),
                                              ("لا لست مقيمًا دائمًا", "no")])
async def test_a_permanent_resident_says_so(chat: Conversation, typed: str, value: str) -> None:
    user = await user_at(chat, "ar", ["كندي"])
    await user.send(typed)
    assert (await answers(chat, user))["hk_permanent_resident"] == value


# --- Arabic-Indic digits, at every kind of question -------------------------------------------

async def test_arabic_indic_digits_at_number_questions(chat: Conversation) -> None:
    user = await user_at(chat, "ar", ["الهند", "٣٤", "٣", "Imperial College London", "نعم",
                                      "University of Delhi", "English, Hindi", "١٫٥", "١", "٠",
                                      "١٬٥", "١٥٠٬٠٠٠ دولار", "٦٠", "خسارة ١٢٠٬٠٠٠ دولار"])
    assert {key: value for key, value in (await answers(chat, user)).items()
            if key in ("age", "highest_degree", "years_graduate_work", "years_renowned_employer",
                       "years_international", "annual_income",
                       "business_share_pct", "business_profit")} == {
        "age": 34, "highest_degree": "master", "years_graduate_work": 1.5,
        "years_renowned_employer": 1, "years_international": 1.5,
        "annual_income": {"amount": 150000, "currency": "USD"}, "business_share_pct": 60,
        "business_profit": {"amount": -120000, "currency": "USD"}}


@pytest.mark.parametrize("typed", ["٢٠٢٤", "عام ٢٠٢٤", "سنة 2024", "٢٠٢٤م", "2024 ميلادي"])
async def test_arabic_indic_digits_for_a_year(chat: Conversation, typed: str) -> None:
    user = await user_at(chat, "ar", TO_BACHELOR_YEAR)
    await user.send(typed)   # "عام" before a year names it, and is no year of its own
    assert (await answers(chat, user))["bachelor_year"] == 2024


async def test_arabic_indic_digits_after_fees(chat: Conversation) -> None:
    user = chat.user(1, tag="ar")
    await user.send("/fees ٣")
    western = user.text
    await user.send("/fees 3")
    assert western == user.text and "5,700" in western
