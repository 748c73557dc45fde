"""The result's wording as an applicant reads it, in English and Traditional Chinese: each thing
said once, every "it" with its referent, answers that disagree said so, institution names in the
reader's language, and pages in another language marked.

In-process: the real service, engine, catalogs and SQLite file (tests/support/chat_client.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.i18n.text import Duration, t
from bot.i18n.translator import Translator
from bot.report.html_report import render_html
from tests.support.chat_client import ChatClient, Conversation, conversation
from tests.support.reporting import assessed
from tests.test_conversation import BELOW, MEETS, TODAY, answer

EN, ZH = Translator.for_code("en"), Translator.for_code("zh-hant")
MADE_AT = datetime(2026, 11, 24, 9, tzinfo=UTC)
# The Traditional Chinese transcript's applicant: 4.5 years of graduate-level work in all, but 5
# years of full-time work after graduating in the last 5, an unlisted-in-English pair of names.
ZH_RUN = ["印度", "三十四歲", "碩士", "香港大學", "是", "清華大學", "是", "中文、英文", "4.5", "3",
          "2", "2", "5"]
ZH_REST = ["80萬港幣", "沒有", "沒有", "否", "否", "是", "是"]


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Conversation]:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as running:
        yield running


async def run(chat: Conversation, user_id: int, replies: list[str], lang: str = "en"
              ) -> ChatClient:
    user = chat.user(user_id, tag="en")
    await user.send(f"/start {lang}")
    await run_more(user, replies)
    return user


async def run_more(user: ChatClient, replies: list[str]) -> None:
    for reply in replies:
        await answer(user, reply)


async def test_the_headline_says_the_count_once(chat: Conversation) -> None:
    user = await run(chat, 1, MEETS)
    summary = user.result.text
    assert summary.count("9 of") == 1 and "You meet 9 of the 12 criteria" in summary
    assert "9 of 12 criteria met" not in summary


async def test_the_most_useful_change_names_its_criterion(chat: Conversation) -> None:
    user = await run(chat, 2, MEETS)
    assert "💡 The most useful change, for criterion 10:\nAn income of HK$1,000,000" \
        in user.result.text
    await user.press("What would change the result")
    bullets = [line for line in user.result.text.splitlines() if line.startswith("• ")]
    assert bullets and all(line.startswith(("• Criterion ", "• Criteria ")) for line in bullets)
    assert "• Criterion 12: owning at least 10% of a listed company" in user.result.text


async def test_the_quickest_way_names_the_criteria_of_each_change(chat: Conversation) -> None:
    user = await run(chat, 3, BELOW)
    await user.press("What would change the result")
    bullets = [line for line in user.result.text.splitlines() if line.startswith("• ")]
    assert bullets and all(line.startswith(("• Criterion ", "• Criteria ")) for line in bullets)


async def test_the_old_points_test_is_described_as_it_was(chat: Conversation) -> None:
    user = await run(chat, 4, MEETS)
    await user.press("About this result")
    about = user.result.text
    assert "80-point" not in about
    assert ("Since 1 November 2024 the General Points Test no longer adds up points: ImmD lists "
            "12 criteria, and an application needs at least 6 of them.") in about


async def test_category_c_does_not_repeat_category_b(chat: Conversation) -> None:
    user = await run(chat, 5, MEETS)          # bachelor's from the unlisted University of Delhi
    await user.press("Other routes")
    routes = user.result.text
    reason = "“University of Delhi” is not on the eligible list in force on"
    assert routes.count(reason) == 1
    assert "Category C needs the same bachelor's degree as category B, above." in routes


async def test_more_recent_work_than_work_in_all_is_asked_then_said(chat: Conversation) -> None:
    user = await run(chat, 6, ZH_RUN, "zh-hant")
    assert ZH(t("You gave {total} of graduate- or specialist-level work in all, and now "
                "{years} of full-time work after graduating in the last 5 years. Is {years} "
                "right? It can be, if some of that work was not at graduate level.",
                years=Duration.of_months(60), total=Duration.of_months(54))) in user.last.text
    await user.press(ZH(t("Yes, that's right")))
    assert user.last.text.startswith("5年 ✓")           # the confirmed answer, said back
    for reply in ZH_REST:
        await answer(user, reply)
    await user.press(ZH(t("Other routes")))
    routes = user.result.text
    assert "/review" in routes and "4年6個月" in routes   # which answer B counted, and the other
    assert ZH(t("{degree} You also have {years} of work in the last 5 years (at least {need} "
                "are needed).",
                degree="", years=Duration.of_months(60), need=3)) not in routes


async def test_institutions_are_named_in_the_readers_language(chat: Conversation) -> None:
    user = await run(chat, 7, ZH_RUN[:4], "zh-hant")
    assert user.last.text.startswith("香港大學 ✓")       # typed as listed in Chinese: counted
    assert "The University of Hong Kong" not in user.text
    await run_more(user, ["是", "University of Hongkong"])   # a near name: asked about
    assert "「香港大學」" in user.last.text and "The University" not in user.last.text
    await user.send("是")                                  # "yes" to the suggestion: said back
    assert user.last.text.startswith(ZH(t("{name} ✓ (on the list of eligible universities)",
                                          name="香港大學")))


async def test_a_suggestion_accepted_in_english_is_said_back(chat: Conversation) -> None:
    user = await run(chat, 8, ["India", "34", "Master's", "University of Hongkong"])
    assert "Did you mean “The University of Hong Kong”?" in user.last.text
    await user.send("yes")
    assert user.last.text.startswith("The University of Hong Kong ✓ (on the list of eligible "
                                      "universities)")


def link_titles(text: str) -> dict[str, str]:
    """Each address of a plain-text message with the "🔗 title" line above it."""
    lines = text.splitlines()
    return {line: lines[i - 1] for i, line in enumerate(lines)
            if line.startswith("https://") and i and lines[i - 1].startswith("🔗 ")}


async def test_pages_in_another_language_say_so(chat: Conversation) -> None:
    user = await run(chat, 9, [*ZH_RUN, "是", *ZH_REST], "zh-hant")
    await user.press(ZH(t("Other routes")))
    titled = link_titles(user.result.text)
    engage = next(title for url, title in titled.items() if "hkengage.gov.hk/en/" in url)
    assert engage.endswith("入境計劃配對工具（英文網頁）")
    assert all("英文網頁" not in title
               for url, title in titled.items() if "immd.gov.hk/hkt/" in url)


async def test_english_readers_are_told_a_press_report_is_in_chinese(chat: Conversation) -> None:
    user = await run(chat, 10, MEETS)
    await user.press("Next steps")
    titled = link_titles(user.text)
    press = next(title for url, title in titled.items() if "stheadline.com" in url)
    assert press.endswith("(press report in Chinese, read 6 December 2026)")
    assert all("(in " not in title for url, title in titled.items() if "immd.gov.hk/eng/" in url)


async def test_each_piece_of_evidence_is_listed_once(chat: Conversation) -> None:
    user = await run(chat, 11, MEETS)
    await user.press("Next steps")
    items = [line for line in user.text.splitlines() if line.startswith("☐ ")]
    assert items and len(items) == len(set(items))
    assert "\nAge\n☐ Your passport or birth certificate" in user.text


@pytest.mark.parametrize(("outcome", "changes", "count_line"), [
    ("meets_threshold", {}, False),
    ("below_threshold", {}, False),
    ("prerequisite_not_met", {"good_character": "yes", "financial_support": "no"}, True),
    ("prerequisite_not_met", {}, False)])   # a criminal record: no count can matter
def test_the_report_says_the_count_once(outcome: str, changes: dict[str, str],
                                        count_line: bool) -> None:
    a, answers = assessed(outcome, **changes)
    document = render_html(a, answers, EN, MADE_AT)
    assert (EN(t("{met} of 12 criteria met", met=a.met_count)) in document) is count_line


def test_the_report_marks_pages_in_another_language() -> None:
    a, answers = assessed("meets_threshold")
    document = render_html(a, answers, ZH, MADE_AT)
    assert "（英文網頁）" in document
    assert "（中文網頁）" not in document


async def test_university_lookup_gives_the_readers_name_beside_the_listed_one(
        chat: Conversation) -> None:
    user = chat.user(12, tag="zh-hant")
    await user.send("/university 香港科技大學")
    assert "「The Hong Kong University of Science and Technology」" in user.text   # as listed
    assert "中文名稱：香港科技大學。" in user.text
    english = chat.user(13, tag="en")
    await english.send("/university MIT")
    assert "your language" not in english.text


async def test_nextsteps_sends_what_the_next_steps_button_does(chat: Conversation) -> None:
    user = await run(chat, 40, MEETS)
    await user.press("Next steps")
    pressed = user.text
    await user.send("/nextsteps")
    assert user.text == pressed and "☐ " in pressed


async def test_nextsteps_before_the_end_shows_the_partial_result_and_the_question(
        chat: Conversation) -> None:
    user = await run(chat, 41, MEETS[:3])
    await user.send("/result")
    partial = user.text
    await user.send("/nextsteps")
    assert user.text == partial and "☐ " not in user.text


async def test_start_after_the_last_answer_says_complete_without_let_s_continue(
        chat: Conversation) -> None:
    user = await run(chat, 42, MEETS)
    await user.send("/start")
    assert "Your questionnaire is complete" in user.text and "Welcome back" not in user.text
