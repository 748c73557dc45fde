"""Next steps after each outcome, and the evidence checklist per prerequisite and criterion."""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.common.markup import Html, Plain
from bot.i18n.bidi import strip_controls
from bot.i18n.languages import LANGUAGES, Language
from bot.i18n.text import t, tn
from bot.i18n.translator import Translator
from bot.report.html_report import render_html
from bot.report.next_steps import evidence_groups, next_steps
from bot.report.next_steps_text import (
    MESSAGE_LIMIT,
    _messages,
    applying_sections,
    checklist_text,
    next_steps_text,
)
from bot.rules.checklist import checklist
from bot.scoring.answers import parse_answers
from bot.scoring.assess import assess
from bot.scoring.criteria import CRITERIA
from bot.scoring.model import Outcome, Status
from tests.support.assessing import TODAY
from tests.support.chat_client import conversation
from tests.support.reporting import VARIANTS, assessed, example_answers
from tests.test_conversation import MEETS, answer

EN = Translator.for_code("en")
PREREQUISITES = ("age", "financial_support", "good_character", "basic_education")


def english_steps(outcome: str, **changes: object) -> str:
    a, answers = assessed(outcome, **changes)
    return "\n".join(next_steps_text(a, answers, EN, Plain()))


def test_meeting_the_threshold_says_how_to_apply_what_it_costs_and_what_follows() -> None:
    text = english_steps("meets_threshold")
    for expected in ("Apply online", "upload every supporting document", "HK$600",
                     "for each dependant", "not refunded", "HK$1,300",
                     "unmarried dependent children under 18", "selection exercises",
                     "assessment panel", "(852) 3160 8663", "e-Visa", "36 months", "3+2",
                     "fresh entrants", "Part III of the Guidance Notes"):
        assert expected in text, expected
    assert "Mainland" not in text, "the Mainland note is for Chinese nationals only"


def test_mainland_note_for_chinese_nationals() -> None:
    text = english_steps("meets_threshold", nationality="CN")
    assert "consent letter" in text and "Exit-entry Permit" in text and "PRC passport" in text


def test_undetermined_names_each_unsettled_point_and_how_to_settle_it() -> None:
    a, answers = assessed("undetermined")
    steps = next_steps(a, answers)
    rendered = [EN(step) for step in steps.texts]
    assert rendered[0] == ("You meet 4 criteria and need 2 more from those below, which are not "
                           "settled yet. Find out whether you meet them, then check again:")
    unknown = [c for c in a.criteria if c.status == "unknown"]
    assert [c.number for c in unknown] == [4, 5, 7]
    for check, line in zip(unknown, rendered[1:], strict=True):
        assert line.startswith(f"Criterion {check.number} is not settled: ")
        assert check.finding.how_to_meet is not None
        how = EN(check.finding.how_to_meet)
        assert line.endswith(how[:1].lower() + how[1:])   # British English: lower after a colon


def test_undetermined_lead_says_criterion_in_the_singular_for_one_met() -> None:
    a, answers = assessed("undetermined")
    met = [c for c in a.criteria if c.status == "met"]
    unsettled = {c.id: dataclasses.replace(c, finding=dataclasses.replace(c.finding,
                                                                          status=Status.UNKNOWN))
                 for c in met[1:]}
    one = dataclasses.replace(a, criteria=tuple(unsettled.get(c.id, c) for c in a.criteria))
    assert one.met_count == 1 and one.outcome is Outcome.UNDETERMINED
    rendered = [EN(step) for step in next_steps(one, answers).texts]
    assert rendered[0] == (f"You meet 1 criterion and need {one.threshold - 1} more from those "
                           "below, which are not settled yet. Find out whether you meet them, "
                           "then check again:")


def test_undetermined_keeps_unsettled_prerequisites_apart_from_the_criteria() -> None:
    """Every prerequisite must be met, while only some of the unsettled criteria need be."""
    a, answers = assessed("undetermined", financial_support="unsure")
    rendered = [EN(step) for step in next_steps(a, answers).texts]
    assert rendered[0] == ("Every prerequisite must be met, or the application is refused at "
                           "once; find out whether you meet each of these:")
    assert rendered[1].startswith("Financial requirement: ")
    assert rendered[2].startswith("You meet 4 criteria and need 2 more from those below")
    assert all(line.startswith("Criterion ") for line in rendered[3:])
    assert not any("unsettled points" in line for line in rendered)


@pytest.mark.parametrize(("lang", "after_colon"), [
    ("es", "la Universidad de Toronto figura"), ("fr", "l'Université de Toronto figure"),
    ("en", "“University of Toronto” is"),
])
def test_the_open_category_c_line_goes_on_in_lower_case_after_its_colon(
        lang: str, after_colon: str) -> None:
    """"…categoría C (graduados recientes): la Universidad de Toronto figura…": the explanation
    filled in after the colon opens with the university's article, lowered where the language
    writes lower case after a colon."""
    a, answers = assessed("below_threshold", bachelor_university="University of Toronto",
                          bachelor_year=2024, years_graduate_work=1, years_work_last_5=1,
                          years_renowned_employer=0, years_target_industry=0)
    tr = Translator.for_code(lang)
    title = tr(t("Top Talent Pass Scheme, category C (recent graduate)"))
    text = "\n".join(next_steps_text(a, answers, tr, Plain()))
    line = next(line for line in text.splitlines() if title in line)
    assert line.split(title, 1)[1].lstrip(" \u00a0:").startswith(after_colon), line


def test_below_threshold_is_honest_and_shows_the_realistic_path() -> None:
    a, answers = assessed("below_threshold")
    text = "\n".join(next_steps_text(a, answers, EN, Plain()))
    assert "Do not apply yet" in text and "6 criteria" in text
    assert "Apply online" not in text
    if a.what_if.reachable:
        assert all(EN(s.said) in text for s in a.what_if.plan)
    else:
        assert "No realistic change would bring you to the threshold soon" in text


def test_each_step_of_the_plan_names_the_criterion_it_meets() -> None:
    """"A master's … would meet it": each step says which criterion it meets."""
    a, answers = assessed("below_threshold", annual_income={"amount": 4_500_000,
                                                            "currency": "INR"})
    text = "\n".join(next_steps_text(a, answers, EN, Plain()))
    steps = [line for line in text.splitlines() if line[:1].isdigit()]
    assert len(steps) == len(a.what_if.plan) > 0
    assert all(" Criterion " in step or " Criteria " in step for step in steps), steps


def test_below_the_threshold_but_meeting_the_achievement_test_may_apply() -> None:
    text = english_steps("below_threshold", exceptional_award="yes")
    assert "you may apply under it" in text and "Apply online" in text
    assert "normally granted 8 years at first" in text
    assert "Do not apply yet" not in text and "36 months" not in text


def test_the_achievement_test_met_with_a_prerequisite_unsettled_says_to_settle_it() -> None:
    """No "do not apply: 6 criteria are needed" beside a met Achievement-based test."""
    text = english_steps("below_threshold", exceptional_award="yes", financial_support="unsure")
    assert "You meet the Achievement-based Points Test, but every prerequisite must also" in text
    assert "Financial requirement" in text
    assert "Do not apply yet" not in text and "Apply online" not in text


def test_below_threshold_without_a_realistic_change_says_so() -> None:
    a, answers = assessed("below_threshold")
    hopeless = dataclasses.replace(a, what_if=dataclasses.replace(a.what_if, reachable=False,
                                                                  plan=()))
    text = "\n".join(next_steps_text(hopeless, answers, EN, Plain()))
    assert "No realistic change would bring you to the threshold soon" in text


def test_a_failed_prerequisite_gives_the_reason_and_no_checklist() -> None:
    a, answers = assessed("prerequisite_not_met")
    text = "\n".join(next_steps_text(a, answers, EN, Plain()))
    assert "refused at once" in text and "HK$600" in text
    assert "Good character: with a criminal or adverse immigration record" in text
    assert checklist_text(a, answers, EN, Plain()) == []
    assert len(applying_sections(a, answers, EN, Plain())) == 1


def test_an_excluded_nationality_gets_no_false_hope() -> None:
    a, answers = assessed("nationality_excluded")
    text = "\n".join(next_steps_text(a, answers, EN, Plain()))
    assert "closed to nationals of Afghanistan, Cuba and Korea (DPR)" in text
    assert "Apply online" not in text
    assert evidence_groups(a, answers) == ()


def test_a_permanent_resident_is_told_qmas_is_not_needed() -> None:
    answers = parse_answers(example_answers(hk_permanent_resident="yes"), TODAY)
    resident = assess(answers, TODAY)
    assert resident.outcome is Outcome.ALREADY_RESIDENT
    text = "\n".join(next_steps_text(resident, answers, EN, Plain()))
    assert "you do not need QMAS" in text
    assert checklist_text(resident, answers, EN, Plain()) == []


@pytest.mark.parametrize("target", [*PREREQUISITES, *(cid for _, cid, _ in CRITERIA),
                                    "achievement_test", "always", "dependants",
                                    "basic_education_no_degree"])
def test_the_checklist_data_covers_every_prerequisite_and_criterion(target: str) -> None:
    items = checklist().for_target(target)
    assert items, f"no evidence listed for {target} in checklist.toml"
    assert all(item.source.url.startswith("https://www.immd.gov.hk/") for item in items)


def test_the_checklist_lists_what_is_met_and_flags_what_is_unsettled() -> None:
    a, answers = assessed("undetermined")
    groups = {EN(g.title): g for g in evidence_groups(a, answers)}
    for check in a.criteria:
        title = EN(check.title)
        if check.status == "not_met":
            assert title not in groups
        elif title in groups:
            assert groups[title].settled is (check.status == "met")
            assert groups[title].number == check.number
        else:      # its evidence is all listed once already, under an earlier group
            listed = {item.text for group in groups.values() for item in group.items}
            own = checklist().for_target(check.id)
            assert own and all(item.text in listed for item in own)
    assert "Every applicant" in groups and "Dependants coming with you" in groups
    text = "\n".join(checklist_text(a, answers, EN, Plain()))
    assert "Typical evidence" in text and "https://www.immd.gov.hk/pdforms/ID(E)982.pdf" in text
    assert "7. At least 3 years of such work in multinational or renowned companies " \
           "(if this is confirmed)" in text


def test_without_a_degree_the_education_evidence_changes() -> None:
    a, answers = assessed("below_threshold", highest_degree="none",
                          professional_standing="yes", bachelor_university=None,
                          bachelor_year=None, bachelor_full_time=None)
    texts = [EN(item.text) for g in evidence_groups(a, answers) for item in g.items]
    assert any(text.startswith("Without a degree") for text in texts)
    assert "Your degree certificate and academic transcript." not in texts


def test_telegram_markup_is_escaped() -> None:
    a, answers = assessed("meets_threshold")
    text = "\n".join(applying_sections(a, answers, EN, Html()))
    assert '<a href="https://www.immd.gov.hk/pdforms/ID(E)982.pdf">' in text
    assert "“What to prepare”" in text


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_every_message_fits_in_telegram(language: Language) -> None:
    """The longest case (nothing answered: every point unsettled) in every language."""
    answers = parse_answers({}, TODAY)
    a = assess(answers, TODAY)
    messages = applying_sections(a, answers, Translator(language), Html())
    assert len(messages) >= 2
    assert all(0 < len(message) <= MESSAGE_LIMIT for message in messages)
    assert messages[0].startswith("<b>")
    text = "\n".join(messages)
    assert text.count("<b>") == text.count("</b>") and text.count("<a ") == text.count("</a>")


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
@pytest.mark.parametrize("outcome", VARIANTS)
def test_next_steps_speak_every_language(language: Language, outcome: str) -> None:
    """Every text is translated: nothing falls back to the English source."""
    tr = Translator(language)
    a, answers = assessed(outcome)
    steps = next_steps(a, answers)
    texts = [*steps.texts, *steps.notes,
             *(item.text for g in evidence_groups(a, answers) for item in g.items)]
    for text in texts:
        rendered = tr(text)
        assert rendered.strip() and "{" not in rendered
        if tr.language.code != "en" and text.msgid.isascii() and len(text.msgid) > 30:
            assert rendered != EN(text), (tr.language.code, text.msgid)


# --- as the user reads them: lead lines apart from the numbered steps, each source once -------

MARKS = str.maketrans("", "", "\u200e\u200f\u061c\u2066\u2067\u2068\u2069")
NUMBERED = re.compile(r"(\d+)\. ")
URL = re.compile(r"https?://[^\s\"<]+")
# The nurse of the QA review: 5 criteria met, 2 of them not settled, means of support not sure.
UNSETTLED = [*MEETS[:7], "4", "Not sure", "0", "Not sure", *MEETS[11:17], "Not sure", "Yes"]


def _numbers(lines: list[str]) -> list[int]:
    """The step numbers of the lines that follow a lead, up to the next unnumbered line."""
    numbers = []
    for line in lines:
        found = NUMBERED.match(line)
        if not found:
            break
        numbers.append(int(found.group(1)))
    return numbers


@pytest.mark.parametrize("lang", ["en", "zh-hant", "ar"])
async def test_undetermined_leads_are_not_numbered_in_the_chat_and_the_report(
        tmp_path: Path, lang: str) -> None:
    """Each lead line stands apart; the criteria and the prerequisites are numbered from 1."""
    tr = Translator.for_code(lang)
    async with conversation(tmp_path / "db.sqlite3", today=TODAY) as chat:
        user = chat.user()
        await user.send("/start")
        for reply in UNSETTLED:
            await answer(user, reply)
        assert user.result.text.startswith("❔ You meet 5 of the 12 criteria and 2 are not")
        await user.send("/language")
        await user.press(next(label for label in user.last.labels
                              if label == tr.language.native))
        await user.send("/result")
        await user.press(tr(t("Next steps")))
        lines = [line.translate(MARKS) for line in user.text.splitlines()]
        report = (await user.send("/report")).documents[0].data.decode()
    leads = (tr(t("Every prerequisite must be met, or the application is refused at once; "
                  "settle each of these:")),
             tr(tn("You meet {n} criterion; {needed} more of the following criteria, which are "
                   "not settled, must be met. Settle them, then check again:",
                   "You meet {n} criteria; {needed} more of the following criteria, which are "
                   "not settled, must be met. Settle them, then check again:", 5, needed=1)))
    prerequisites, criteria = (lead.translate(MARKS) for lead in leads)
    for lead, count in ((prerequisites, 1), (criteria, 2)):
        at = lines.index(lead)
        assert _numbers(lines[at + 1:]) == list(range(1, count + 1)), lines
    assert not any(NUMBERED.match(line) and (prerequisites in line or criteria in line)
                   for line in lines)
    section = report[report.index('<section id="next-steps">'):]
    section = section[:section.index("</section>")]
    for lead, count in zip(leads, (1, 2), strict=True):
        after = section[section.index(f'<p class="lead">{html.escape(lead, quote=True)}</p>'):]
        listed = after[after.index("<ol>"):after.index("</ol>")]
        assert listed.count("<li>") == count
    assert "<li>" + html.escape(leads[1], quote=True) not in section
    assert all(URL.findall(line) == [] or lines.count(line) == 1 for line in lines)


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
@pytest.mark.parametrize("outcome", [*VARIANTS, "achievement"])
def test_each_source_is_linked_once_in_the_next_steps_and_each_report_section(
        lang: str, outcome: str) -> None:
    """The Guidance Notes' checklist sits under "What to prepare" only, and no page repeats."""
    tr = Translator.for_code(lang)
    changes = {"exceptional_award": "yes"} if outcome == "achievement" else {}
    a, answers = assessed("below_threshold" if outcome == "achievement" else outcome,
                          **changes)
    reply = "\n".join(applying_sections(a, answers, tr, Plain()))
    links = URL.findall(reply)
    assert links and len(links) == len(set(links)), links
    report = render_html(a, answers, tr, datetime(2026, 12, 7, tzinfo=UTC))
    for section in re.findall(r"<section id=\"[^\"]+\".*?</section>", report, re.S):
        hrefs = re.findall(r'href="([^"]+)"', section)
        assert len(hrefs) == len(set(hrefs)), hrefs


@pytest.mark.parametrize("lang", ["id", "es", "fr"])
def test_a_checklist_heading_stays_with_its_items(lang: str) -> None:
    """Messages split between groups, never after a heading: a heading never ends a message
    with its items in the next. Nothing answered: every group, the longest checklist."""
    answers = parse_answers({}, TODAY)
    messages = checklist_text(assess(answers, TODAY), answers, Translator.for_code(lang), Plain())
    assert len(messages) > 1
    for message in messages:
        assert message.splitlines()[-1].startswith("☐ "), message[-200:]


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
async def test_nextsteps_messages_fit_telegram_and_split_between_sections(
        tmp_path: Path, language: Language) -> None:
    """/nextsteps after a result that meets the threshold (the longest list of steps): every
    message within 3,900 UTF-16 code units, and none starts inside a list of steps or a
    checklist group (with a numbered step or a ☐ item) or inside a line."""
    tr = Translator(language)
    async with conversation(tmp_path / "db.sqlite3", today=TODAY) as chat:
        user = chat.user()
        await user.send("/start")
        for reply in MEETS:
            await answer(user, reply)
        await user.send("/language")
        await user.press(language.native)
        messages = (await user.send("/nextsteps")).messages
    texts = [message.text for message in messages]
    assert len(texts) >= 2
    assert texts[0].translate(MARKS).startswith(tr(t("Next steps")).translate(MARKS))
    for text in texts:
        assert len(text.encode("utf-16-le")) // 2 <= 3900
        first = text.splitlines()[0].translate(MARKS)
        assert not NUMBERED.match(first) and not first.startswith("☐ "), first


def test_a_section_longer_than_a_message_is_cut_between_its_lines() -> None:
    """Emoji count twice, as Telegram counts them; a section too long for one message is the
    only one cut, between lines."""
    line = "🔗" * 30                                   # 60 UTF-16 code units
    messages = _messages(["short", "\n".join([line] * 3), "tail"], limit=130)
    assert messages == [f"short\n{line}\n{line}", f"{line}\ntail"]


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_the_report_states_the_fees_with_their_dated_page_and_no_chat_command(
        language: Language) -> None:
    """A report is read outside the chat: its fees note names no command and says when ImmD's fee
    page was revised; the chat's own note still points to /fees."""
    tr = Translator.for_code(language.code)
    a, answers = assessed("meets_threshold")
    page = html.unescape(render_html(a, answers, tr, datetime(2026, 11, 29, tzinfo=UTC)))
    revised = tr(checklist().fees_page.revised)
    fee = tr(checklist().fees.application)
    [note] = [line for line in page.split("<li>") if fee in line and revised in line]
    assert "/fees" not in page, note
    chat = [tr(note) for note in next_steps(a, answers).notes]
    assert any("/fees" in note and fee in note for note in chat), chat


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
async def test_fees_for_too_few_or_too_many_people_say_how_many_are_accepted(
        tmp_path: Path, language: Language) -> None:
    """/fees 0 and /fees 100 are told the households /fees counts (1 to 20 people), not the
    usage line that a reply without a number gets."""
    tr = Translator.for_code(language.code)
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as chat:
        user = chat.user(1, tag=language.code)
        await user.send(f"/start {language.code}")
        await user.send("/fees many")
        usage = user.text
        for people in ("0", "100"):
            await user.send(f"/fees {people}")
            said = strip_controls(user.text)
            assert user.text != usage and "/fees 3" in said, said
            assert tr(1) in said and tr(20) in said and "100" not in said, said
