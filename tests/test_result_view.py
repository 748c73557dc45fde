"""The result as a phone shows it, shown once, and /university.

In-process: the real service, engine, catalogs and SQLite file (tests/support/chat_client.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.chat.callbacks import OpenSection, encode
from bot.common.markup import Plain
from bot.engine.engine import COMPLETE, OUTDATED
from bot.i18n.bidi import strip_controls
from bot.i18n.text import CountryName, Duration, Text, t
from bot.i18n.translator import Translator
from bot.report.lookup import country, lookup_text
from bot.rules.business_schools import all_business_schools
from bot.rules.university_list import all_institutions
from tests.support.chat_client import ChatClient, Conversation, conversation
from tests.test_conversation import BELOW, MEETS, TODAY, answer

# Meets 8 of 12: criterion 9 needs 2 years abroad and time alone gives it the second one.
MEETS_BUT_ONE_YEAR_ABROAD = [*MEETS[:10], "1", *MEETS[11:]]
SECTIONS = [t("What would change the result"), t("Other routes"), t("About this result")]


def meets(met: int) -> Text:
    """The headline of a result that meets the threshold, which says the count once."""
    return t("You meet {met} of the 12 criteria: {threshold} are needed, so you may apply.",
             met=met, threshold=6)


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


async def finished(chat: Conversation, user_id: int, replies: list[str],
                   lang: str = "en") -> ChatClient:
    user = chat.user(user_id, tag="en")
    await user.send(f"/start {lang}")
    for reply in replies:
        await answer(user, reply)
    return user


def count(path: Path, sql: str) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute(sql).fetchone()[0])


@pytest.mark.parametrize("lang", ["en", "zh-hant", "ar"])
async def test_summary_first_then_every_section_in_place(chat: Conversation, lang: str) -> None:
    user = await finished(chat, 1, MEETS, lang)
    tr = Translator.for_code(lang)
    summary = user.messages[-2]                           # above "was it useful?"
    assert tr(meets(9)) in summary.text
    assert tr(t("{met} of 12 criteria met", met=9)) not in summary.text   # said once
    assert summary.text.count("✅") >= 10 and summary.text.count("❌") == 3   # 9 met, 3 missed
    assert "💡" in summary.text                           # the single most useful change
    assert len(summary.text) < 2000                       # it fits a phone's screen
    criteria = tr(t("The 12 criteria ({met} of 12 met)", met=9))
    assert summary.labels == [criteria, *map(tr, SECTIONS), tr(t("Next steps"))]
    shown = len(user.messages)
    for label in [criteria, *map(tr, SECTIONS)]:
        await user.press(label)
        assert len(user.messages) == shown                # opened in place, nothing new sent
        assert summary.text.startswith(tr(label).split(" (")[0].split("（")[0])
        assert tr(t("Summary")) in summary.labels and tr(label) not in summary.labels
    about = summary.text
    assert tr(t("This is a pre-screening, not legal advice: meeting the threshold is not "
                "approval. The Immigration Department decides.")) in about
    await user.press(tr(t("Summary")))
    assert "💡" in summary.text and summary.labels[0] == criteria


@pytest.mark.parametrize("lang", ["en", "zh-hant", "ar"])
async def test_what_would_change_lists_further_criteria_when_already_met(
        chat: Conversation, lang: str) -> None:
    user = await finished(chat, 2, MEETS_BUT_ONE_YEAR_ABROAD, lang)
    tr = Translator.for_code(lang)
    result = user.messages[-2]
    assert tr(meets(8)) in result.text
    soon = t("Criterion {number} will be met in about {duration}, when you reach {need} years of "
             "qualifying work, if you keep doing it.", number=9, need=2,
             duration=Duration.of_months(12))
    assert f"💡 {tr(t('The most useful change:'))}\n{tr(soon)}" in result.text
    await user.press(tr(t("What would change the result")))
    text = result.text
    assert tr(t("You already meet the threshold; each further criterion you meet counts in your "
                "favour.")) in text
    assert text.index(tr(soon)) < text.index("1,000,000")   # the cheapest (time) first


async def test_below_threshold_summary_names_the_quickest_change(chat: Conversation) -> None:
    user = await finished(chat, 3, BELOW)
    result = user.messages[-2]
    assert "The most useful change" in result.text
    await user.press("What would change the result")
    assert "The quickest way" in result.text


@pytest.mark.parametrize("lang", ["en", "zh-hant", "ar"])
async def test_after_completion_unrelated_actions_do_not_resend_the_result(
        chat: Conversation, lang: str) -> None:
    tr = Translator.for_code(lang)
    met, complete = tr(meets(9)), tr(COMPLETE)
    user = await finished(chat, 4, MEETS[:-1], lang)
    question = user.last
    data = question.buttons[0][0][1]                                 # "Yes"
    await user.press_data(data, question)
    await user.press_data(data)                                      # the double tap
    assert user.text == "" and complete in (user.toasts[-1] or "")
    await user.send("/help")
    assert "/report" in user.text and complete in user.text
    await user.sticker()
    assert complete in user.text
    await user.send("/restart")
    await user.press(tr(t("Cancel")))
    await user.send("/start")
    response = await user.press_data(encode(OpenSection(1, "criteria")))   # an old result's
    assert not response.messages and response.edit is not None            # button: marked
    assert response.edit.text == tr(OUTDATED) and not response.edit.buttons
    assert sum(met in m.text for m in user.messages) == 1
    await user.send("/result")                                        # asked for: shown
    assert met in user.text and user.last.labels


async def test_next_steps_open_below_and_are_counted(chat: Conversation) -> None:
    user = await finished(chat, 5, MEETS)
    before = len(user.messages)
    await user.press("Next steps")
    new = user.messages[before:]
    assert new and new[0].text.startswith("Next steps") and "What to prepare" in user.text
    await user.press("Next steps")
    assert count(chat.path, "SELECT count(*) FROM events WHERE kind = 'opened_next_steps'") == 2


async def test_a_section_of_an_earlier_result_is_marked_out_of_date(chat: Conversation) -> None:
    user = await finished(chat, 6, MEETS)
    old = user.messages[-2]
    await user.send("/back")
    await user.press("Yes")                              # the same result again, a new revision
    await user.press_data(old.buttons[0][0][1], old)
    assert old.text == ("This result may be out of date: you have answered again since it was "
                        "shown. Send /result to see the current one.") and old.buttons == []
    assert not user.last_response.messages


async def test_report_is_a_document_and_counted(chat: Conversation) -> None:
    user = await finished(chat, 7, MEETS)
    await user.send("/report")
    document = user.documents[-1]
    assert document.filename.endswith("-en.html") and b"<html" in document.data
    assert "browser" in document.caption
    assert count(chat.path, "SELECT count(*) FROM events WHERE kind = 'opened_report'") == 1
    nobody = chat.user(8)
    await nobody.send("/report")
    assert not nobody.documents and "Answer a few questions first" in nobody.text


@pytest.mark.parametrize(("lang", "school"), [("en", "schools that the QMAS list has added"),
                                              ("zh-hant", "商學院"),
                                              ("ar", "كليات إدارة الأعمال")])
async def test_university_lookup(chat: Conversation, lang: str, school: str) -> None:
    user = chat.user(9, tag=lang)
    tr = Translator.for_code(lang)

    async def lookup(name: str) -> str:
        await user.send(f"/university {name}".strip())
        return strip_controls(user.text)

    shown = await lookup("MIT")                                # an alias: its listed name
    assert shown.startswith("✅") and "Massachusetts Institute of Technology" in shown
    assert strip_controls(tr(CountryName("US"))) in shown and "U.S.A." not in shown
    assert strip_controls(tr(date(2024, 11, 1))) in shown      # listed since
    assert school in await lookup("INSEAD")
    assert "/university Imperial College London" in await lookup("")
    shown = await lookup("Xyzzy Institute of Nothing")
    assert "Xyzzy Institute of Nothing" in shown and "✅" not in shown
    assert len(user.messages) == 4                             # no question for a mere lookup


@pytest.mark.parametrize(("code", "region", "passport"), [
    ("zh-hant", "（中國內地）", "中國"), ("zh-hans", "（中国内地）", "中国"),
    ("en", "(Chinese Mainland)", "China"), ("ja", "（中国本土）", "中国")])
def test_the_lists_mainland_region_is_named_as_immd_names_it(code: str, region: str,
                                                             passport: str) -> None:
    """The list's "Chinese Mainland" is a region, not the passport's country (CLDR's 中國)."""
    tr = Translator.for_code(code)
    assert region in lookup_text("Tsinghua University", date(2026, 12, 7), tr, Plain())
    assert tr(country("China")) == passport


def test_every_listed_country_is_named_in_the_readers_language() -> None:
    listed = {i.country for i in all_institutions()} | {s.country for s in all_business_schools()}
    assert [name for name in sorted(listed) if isinstance(country(name), str)] == []
    fr = Translator.for_code("fr")
    assert fr(country("France / Singapore")) == "France et Singapour"


@pytest.mark.parametrize(("lang", "first"), [
    ("en", "Sorbonne University"), ("fr", "Sorbonne Université (Sorbonne University)"),
    ("zh-hant", "索邦大學（Sorbonne University）")])
def test_near_names_are_offered_one_a_line(lang: str, first: str) -> None:
    """Each near name as the reader knows it, with the list's name when that differs."""
    shown = lookup_text("Sorbonne", TODAY, Translator.for_code(lang), Plain())
    assert shown.splitlines()[-2:] == [f"• {first}", "• Université Sorbonne Paris Cité (USPC)"]


async def test_university_lookup_mid_questionnaire_keeps_the_question(
        chat: Conversation) -> None:
    user = chat.user(10)
    await user.send("/start")
    await answer(user, "India")
    await user.send("/university Oxford")
    assert "University of Oxford" in user.messages[-2].text
    assert "How old" in user.last.text
    assert count(chat.path, "SELECT count(*) FROM assessments") == 0


async def test_stats_usage_text_and_document(tmp_path: Path) -> None:
    async with conversation(tmp_path / "db") as chat:
        user = chat.user(11)
        await user.send("/start fb2026")
        await answer(user, "India")
        admin = chat.user(12, admin=True)
        await admin.send("/stats abc")
        assert "Usage: /stats" in admin.text and not admin.documents
        await admin.send("/stats 7")
        today = date.today()
        assert "New users: < 5" in admin.text and "Reminders sent: < 5" in admin.text
        assert "Opened the next steps / the report" in admin.text
        (document,) = admin.documents
        assert document.filename.startswith("qmas-stats-") and document.filename.endswith(
            f"{today}.html") and b"<svg" in document.data


async def test_a_new_language_after_the_result_shows_the_result_in_it(chat: Conversation) -> None:
    """The result is not resent for unrelated actions, but a language change re-renders it."""
    user = await finished(chat, 6, MEETS)
    await user.send("/language")
    await user.press("繁體中文（香港）")
    zh = Translator.for_code("zh-hant")
    assert zh(meets(9)) in user.last.text
    assert zh(t("What would change the result")) in user.last.labels
