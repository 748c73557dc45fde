"""Arabic as a reader sees it: every text laid out by a UAX #9 implementation (python-bidi), one
paragraph per line as Telegram does, then read back in visual order."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bidi import get_base_level, get_display

from bot.common.markup import Plain
from bot.common.money import Money
from bot.frontends.delivery import split_text
from bot.i18n.bidi import rtl_lines, strip_controls
from bot.i18n.languages import by_code
from bot.i18n.text import Text, t, tn
from bot.i18n.translator import locales_dir, translator_for
from bot.report.next_steps_text import applying_sections
from bot.report.text import result_sections
from bot.scoring.answers import parse_answers
from bot.scoring.assess import assess
from tests.support.assessing import TODAY

ARABIC = re.compile(r"[\u0600-\u06ff]")
# What must read left to right, whole and in order: a command with its Latin arguments, an amount
# with its currency and separators, a date or a range of digits, a run of Latin words.
_W = r"[A-Za-z0-9&'’_-]"
ATOM = re.compile(r"https?://[^\s]+"
                  r"|[A-Z]{0,3}[$£€¥₹][ \u00a0]?[0-9][0-9,.]*"
                  rf"|/[a-z]+(?:_[a-z]+)*(?: [A-Z]{_W}*(?:\.{_W}+)*)*"
                  rf"|[A-Za-z]{_W}*(?:[.,/+()]{_W}+)*(?: [A-Za-z0-9$]{_W}*(?:[.,/+()]{_W}+)*)*"
                  r"|[0-9]+(?:[.,/+:][0-9]+)+"
                  r"|\(?[0-9]+\)?(?: [0-9]+)+")

NAMES = {"name": "Imperial College London", "school": "London Business School",
         "typed": "Imperial Colege", "university": "University of Oxford",
         "candidate": "Imperial College London", "query": "Oxford", "word": "Harvard"}
MONEY = {"amount", "hkd", "limit", "fee", "income", "short"}
DATES = {"date", "day", "since", "effective", "verified", "until", "start", "end", "next",
         "rates", "list_version", "version"}


def sample(name: str) -> object:
    """A value for a placeholder: a Latin name, an amount, a date, else a number."""
    if name in NAMES:
        return NAMES[name]
    if name in MONEY:
        return Money(Decimal(1_200_000), "HKD")
    if name in DATES:
        return date(2026, 11, 1)
    if name == "phone":
        return "(852) 3160 8663"
    return 12


def arabic_catalog() -> list[Text]:
    """Every Arabic text with a placeholder, a digit, a command or Latin, in each plural form."""
    with (locales_dir() / "ar" / "LC_MESSAGES" / "messages.po").open("rb") as fp:
        catalog = read_po(fp, locale="ar")
    texts: list[Text] = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not any(re.search(r"[{0-9/A-Za-z]", s) for s in strings):
            continue
        names = set(re.findall(r"\{(\w+)\}", ids[0] + ids[-1]))
        if message.pluralizable:
            names.discard("n")
        params = {name: sample(name) for name in names}
        if message.pluralizable:
            texts += [tn(ids[0], ids[1], n, **params) for n in (1, 2, 3, 11, 100)]
        else:
            texts.append(t(ids[0], **params))
    return texts


def visual_problems(message: str) -> list[str]:
    """How the lines of a message would read wrong: laid out left to right, or an LTR value
    broken up or out of order (right to left, the first value is the rightmost)."""
    problems = []
    for line in message.split("\n"):
        logical = strip_controls(line)
        if not ARABIC.search(logical):
            continue
        if get_base_level(line) != 1:
            problems.append(f"left to right: {logical}")
            continue
        shown = strip_controls(get_display(line))
        right = len(shown)
        for atom in (m.group(0).rstrip(".,:") for m in ATOM.finditer(logical)):
            at = shown.rfind(atom, 0, right)
            if at < 0:
                problems.append(f"{atom!r} broken or out of order in {shown!r}")
                break
            right = at
    return problems


ARABIC_TR = translator_for(by_code("ar"))


@pytest.mark.parametrize("text", arabic_catalog(), ids=lambda text: text.msgid[:50])
def test_every_arabic_text_reads_right_to_left_with_whole_values(text: Text) -> None:
    assert visual_problems(ARABIC_TR(text)) == []


def test_the_layout_reads_the_known_hard_cases() -> None:
    usage = ARABIC_TR(t("Send /university with a name, for example: /university Imperial College "
                        "London"))
    shown = strip_controls(get_display(usage))
    assert shown.startswith("/university Imperial College London")   # leftmost: read last
    hint = ARABIC_TR(t("Income cannot be negative. Please send an amount with its currency, "
                       "for example HKD 1,200,000, or 0 if you have no income."))
    assert "HKD 1,200,000" in strip_controls(get_display(hint))
    assert visual_problems("\u2139\ufe0f سطر عربي.") == ["left to right: \u2139\ufe0f سطر عربي."]
    assert visual_problems(rtl_lines("\u2139\ufe0f سطر عربي.")) == []


EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.json"))


@pytest.mark.parametrize(("example", "nationality"),
                         [(path, None) for path in EXAMPLES] + [(EXAMPLES[0], "CN")],
                         ids=lambda value: getattr(value, "stem", value))
def test_arabic_chat_messages_read_right_to_left_line_by_line(example: Path,
                                                              nationality: str | None) -> None:
    """The result, next steps and checklist, composed with icons (ℹ️ is left to right) and
    links, laid out as the Telegram front end sends them."""
    raw = json.loads(example.read_text())
    if nationality:
        raw["nationality"] = nationality
    answers = parse_answers(raw, TODAY)
    assessment = assess(answers, TODAY)
    messages = [*result_sections(assessment, ARABIC_TR, Plain()),
                *applying_sections(assessment, answers, ARABIC_TR, Plain())]
    assert len(messages) >= 2
    problems = [p for message in messages for chunk in split_text(rtl_lines(message))
                for p in visual_problems(chunk)]
    assert problems == []
