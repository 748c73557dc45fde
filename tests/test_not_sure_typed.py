""""Don't know" typed to a number question: said back like every other typed answer, in the
user's language, in every front end (in-process chat, terminal, Telegram through PTB, web)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from bot.frontends.terminal import TerminalChat
from tests.support.chat_client import conversation
from tests.support.chatting import answer
from tests.support.fake_telegram import FakeUser
from tests.support.ptb_client import offline_bot
from tests.support.storing import stored_state
from tests.support.web_client import WebVisitor, web_chat

TODAY = date(2026, 11, 24)
# From the first question to "How many years of graduate- or specialist-level work…?"
TO_YEARS_OF_WORK = ["India", "34", "Master's", "Imperial College London", "Yes",
                    "University of Delhi", "No", "English, Hindi"]
NEXT_QUESTION = {"en": "Of those years, how many", "es": "De esos años",
                 "fr": "Parmi ces années", "id": "Dari tahun-tahun tersebut",
                 "zh-hans": "其中有多少年"}


@pytest.mark.parametrize(("tag", "typed", "said"), [
    ("es", "no lo sé", "No lo sé ✓"), ("fr", "je ne sais pas", "Je ne sais pas ✓"),
    ("id", "tidak yakin", "Tidak yakin ✓"), ("zh-hans", "不知道", "不确定 ✓"),
    ("en", "I don't know", "Not sure ✓"),
])
async def test_dont_know_is_said_back_and_left_unanswered(tmp_path: Path, tag: str, typed: str,
                                                          said: str) -> None:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as chat:
        user = chat.user(1, tag)
        for reply in ["/start", *TO_YEARS_OF_WORK]:
            await user.send(reply)
        await user.send(typed)
        assert user.last.text.startswith(f"{said}\n\n")
        assert NEXT_QUESTION[tag] in user.last.text
        state = await stored_state(chat.store, user.user_key)
        assert state is not None
        assert "years_graduate_work" in state.not_sure
        assert "years_graduate_work" not in state.answers


async def test_dont_know_is_said_back_in_the_terminal(tmp_path: Path) -> None:
    async with conversation(tmp_path / "t.db", today=TODAY) as running:
        out = io.StringIO()
        stdin = io.StringIO("".join(f"{line}\n" for line in [*TO_YEARS_OF_WORK, "I don't know"]))
        await TerminalChat(running.service, stdin, out, "en", folder=tmp_path).run()
    assert "Not sure ✓\n\nQuestion 9 of about 20" in out.getvalue()


async def test_dont_know_is_said_back_on_telegram(tmp_path: Path) -> None:
    async with offline_bot(tmp_path / "bot.sqlite3", today=TODAY) as bot:
        user: FakeUser = bot.tg.user(7, language_code="fr")
        await user.send_and_wait("/start")
        for reply in TO_YEARS_OF_WORK:
            await answer(user, reply)
        replies = await answer(user, "je ne sais pas")
        [new] = [r.text for r in replies if not r.edited]
        assert new.startswith("Je ne sais pas ✓\n\nQuestion 9 sur environ 20")


async def test_dont_know_is_said_back_on_the_web(tmp_path: Path) -> None:
    async with web_chat(tmp_path / "web.sqlite3") as served:
        visitor = WebVisitor(served.base)
        try:
            await visitor.open("?lang=id")
            await visitor.start()
            for reply in TO_YEARS_OF_WORK:
                await visitor.answer(reply)
            await visitor.say("tidak yakin")
            assert visitor.messages[-1].text.startswith("Tidak yakin ✓")
            assert NEXT_QUESTION["id"] in visitor.messages[-1].text
        finally:
            await visitor.close()


@pytest.mark.parametrize(("tag", "typed"), [("ja", "わからない"), ("en", "not sure"),
                                            ("fr", "je ne sais pas")])
async def test_not_sure_of_the_university_leaves_criterion_2_unsettled(
        tmp_path: Path, tag: str, typed: str) -> None:
    """The university questions offer "not sure" like the others: typed in the user's language it
    is said back, the question stays unanswered and the result counts criterion 2 as unknown."""
    from bot.i18n.text import t
    from bot.i18n.translator import Translator
    from bot.scoring.answers import parse_answers
    from bot.scoring.assess import assess
    from bot.scoring.model import Status
    from conversations.qmas import QMAS

    not_sure = Translator.for_code(tag)(t("Not sure"))
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as chat:
        user = chat.user(1, tag)
        for reply in ["/start", "India", "34", "Master's"]:
            await user.send(reply)
        assert not_sure in user.last.labels
        await user.send(typed)
        assert user.last.text.startswith(f"{not_sure} ✓\n\n")
        state = await stored_state(chat.store, user.user_key)
        assert state is not None
        assert "postgraduate_university" in state.not_sure
        assert "postgraduate_university" not in state.answers
        assert Translator.for_code(tag)(QMAS.question("postgraduate_stem").prompt) \
            in user.last.text
    answers = parse_answers(dict(state.answers), TODAY)
    assert assess(answers, TODAY).criteria[1].status is Status.UNKNOWN


@pytest.mark.parametrize(("tag", "typed"), [
    ("ne", "निश्चित छैन"), ("zh-hant", "不確定"), ("ja", "わからない"), ("en", "not sure"),
    ("es", "no estoy seguro"),
])
async def test_not_sure_at_the_languages_says_what_the_question_needs(
        tmp_path: Path, tag: str, typed: str) -> None:
    """The languages question offers no "not sure": typed there it is not read as a language
    name ("I could not recognise “निश्चित” as a language"); the user is told what to send, loses
    nothing, and names the languages next."""
    from bot.i18n.translator import Translator
    from bot.replies.errors import NO_LANGUAGES
    from conversations.qmas import QMAS

    question = QMAS.question("languages")
    assert question.unsure_refused is not None
    tr = Translator.for_code(tag)
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as chat:
        user = chat.user(1, tag)
        for reply in ["/start", *TO_YEARS_OF_WORK[:-1]]:
            await user.send(reply)
        await user.press(tr(question.reader.choices()[1].label))   # English, toggled on
        await user.send(typed)
        assert tr(question.unsure_refused) in user.text
        assert tr(NO_LANGUAGES) not in user.text and "“" + typed.split()[0] not in user.text
        state = await stored_state(chat.store, user.user_key)
        assert state is not None and "languages" not in (*state.answers, *state.not_sure)
        await user.send("Hindi")
        state = await stored_state(chat.store, user.user_key)
        assert state is not None and set(state.answers["languages"]) == {"en", "hi"}
