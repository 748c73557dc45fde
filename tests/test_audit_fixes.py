"""What the bot says beyond the 12 criteria, checked against ImmD's pages: next steps, notes,
sources and their links, and what applicants need after applying, each fact with its source."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.common.markup import Plain
from bot.i18n.text import Text
from bot.i18n.translator import Translator
from bot.report.lookup import lookup_text
from bot.report.next_steps import evidence_groups, next_steps
from bot.report.next_steps_text import applying_sections, next_steps_text
from bot.report.text import result_sections
from bot.rules.checklist import checklist
from bot.rules.ruleset import all_rulesets, route_pages, route_sources
from bot.rules.universities import match_university
from bot.scoring.answers import parse_answers
from bot.scoring.assess import assess
from bot.scoring.model import Route, Status
from bot.scoring.routes import CHINESE_NATIONALS as CHINESE_NATIONALS_WORDING
from bot.scoring.routes import RECORD_CAVEATS
from bot.scoring.universities import institution_status
from conversations.qmas import QUESTIONS
from tests.support.assessing import TODAY
from tests.support.chat_client import conversation
from tests.support.reporting import assessed, example_answers

EN = Translator.for_code("en")


def _text(outcome: str, lang: str = "en", **changes: object) -> str:
    a, answers = assessed(outcome, **changes)
    return "\n".join(applying_sections(a, answers, Translator.for_code(lang), Plain()))


def _result(outcome: str, lang: str = "en", **changes: object) -> str:
    a, _ = assessed(outcome, **changes)
    return "\n".join(result_sections(a, Translator.for_code(lang), Plain()))


def test_both_tests_met_offers_the_achievement_based_choice_and_its_8_years() -> None:
    text = _text("meets_threshold", exceptional_award="yes")
    assert ("You meet the Achievement-based Points Test too, and may choose to be assessed "
            "under it instead: its entrants are normally granted 8 years at first, not 36 "
            "months.") in text
    assert "may choose to be assessed under it" not in _text("meets_threshold")


def test_the_achievement_path_does_not_promise_that_more_criteria_count() -> None:
    text = _text("below_threshold", exceptional_award="yes")
    assert "you may apply under it" in text
    assert "more criteria met count in your favour" not in text
    assert "more criteria met count in your favour" in _text("meets_threshold")


@pytest.mark.parametrize("where", ["next steps", "notes"])
def test_the_mainland_exception_has_all_three_conditions(where: str) -> None:
    text = (_text("meets_threshold", nationality="CN") if where == "next steps"
            else _result("meets_threshold", nationality="CN"))
    for condition in ("only if the application is submitted from overseas",
                      "permanent residence overseas or have lived overseas for at least a year "
                      "immediately before applying",
                      "overseas means outside the Mainland, Hong Kong, Macao and Taiwan",
                      "who are selected must then submit a consent letter"):
        assert condition in text, condition


def test_ttps_stays_can_be_extended() -> None:
    text = _result("meets_threshold", annual_income={"amount": 3_000_000, "currency": "HKD"})
    assert "granted only once; it can then be extended, by up to 3 years at a time" in text
    assert "24 months (B and C), granted once." not in text


def test_rules_as_of_is_the_day_the_sources_were_read() -> None:
    text = _result("meets_threshold")
    assert ("Rules in force since 1 November 2024, from ImmD's pages as read on 20 January "
            "2026;") in text
    assert "last checked" not in text


def test_the_lookup_does_not_claim_an_unconfirmed_business_school_is_listed() -> None:
    shown = lookup_text("INSEAD", TODAY, EN, Plain())
    assert "probably one of the six business schools" in shown and "not confirmed" in shown
    assert "it is one of the business schools" not in shown


def test_ttps_work_is_full_time_after_graduation_in_question_and_help() -> None:
    question = next(q for q in QUESTIONS if q.id == "years_work_last_5")
    assert "full-time" in EN(question.prompt) and "after graduating" in EN(question.prompt)
    assert "Only full-time employment or self-employment after your degree counts" in EN(
        question.help)
    assert "Any work counts" not in EN(question.help)


def test_no_agents_site_among_the_sources() -> None:
    urls = [s.url for r in all_rulesets() for s in r.sources]
    urls += [s.url for s in route_sources().values()]
    assert urls and not any("immiknow" in url for url in urls)
    assert all(s.url == "" or s.press or "gov.hk" in s.url or "hkengage" in s.url
               for r in all_rulesets() for s in r.sources)


def test_the_self_assessment_tool_is_linked_in_the_readers_language() -> None:
    assert "(in Chinese)" not in _result("meets_threshold")
    assert ("https://www.immd.gov.hk/eng/services/visas/quality-migrant-admission/"
            "self-assessment-tool.html") in _result("meets_threshold")
    assert ("https://www.immd.gov.hk/hkt/services/visas/quality-migrant-admission/"
            "self-assessment-tool.html") in _result("meets_threshold", "zh-hant")


@pytest.mark.parametrize(("lang", "section", "guidance"), [
    ("en", "eng", "ID(E)982"), ("zh-hant", "hkt", "ID(C)982"), ("zh-hans", "hks", "ID(C)982"),
    ("ar", "eng", "ID(E)982")])
def test_chat_next_steps_links_are_localised(lang: str, section: str, guidance: str) -> None:
    tr = Translator.for_code(lang)
    text = _text("meets_threshold", lang)
    assert f"https://www.immd.gov.hk/{section}/services/visas/quality_migrant_admission_scheme" \
           f".html" in text
    assert f"https://www.immd.gov.hk/pdforms/{guidance}.pdf" in text
    for page in (checklist().scheme_page, checklist().guidance, checklist().fees_page):
        assert tr(Text(page.title)) in text
    if lang != "en":
        assert "ImmD, Quality Migrant Admission Scheme" not in text


# --- what applicants need next, from official sources -----------------------------------------

def test_after_selection_arrival_and_extension_are_spelled_out() -> None:
    text = _text("meets_threshold")
    for fact in ("If you are selected, ImmD tells you in writing",
                 "It may ask for originals or further documents",
                 "includes a link to pay the visa issuance fee of HK$1,300 for each person by "
                 "the deadline it states",
                 "download or print the e-Visa",
                 "When to register for a Hong Kong identity card after you arrive is not "
                 "settled here",
                 "apply online for an extension before your stay expires",
                 "You must be in Hong Kong when you apply and when you pay and collect the "
                 "e-Visa, and the fees of HK$600 and HK$1,300 per person apply again",
                 "not a de facto partner or a fiancé(e)",
                 "Their stay is normally tied to yours",
                 "ImmD's fees per person: HK$600 on applying and HK$1,300 on approval, "
                 "HK$1,900 in all; for a household, HK$3,800 for 2 people, HK$5,700 for 3 "
                 "people and HK$7,600 for 4 people.",
                 "ImmD's only charges are its own fees above"):
        assert fact in text, fact


def test_the_press_report_behind_the_extension_window_is_marked_and_dated() -> None:
    text = _text("meets_threshold")
    assert ("the press reports 3 months from 1 March 2026, so check ImmD's page for the window"
            in text)
    assert "(press report in Chinese, read 6 December 2026)" in text


def test_every_fact_rests_on_a_source_read_on_a_known_day_or_says_what_to_check() -> None:
    for fact in checklist().facts:
        assert fact.source.read is not None or "check" in fact.text, fact.text
        assert not fact.source.press or "press" in fact.text, fact.text
    for item in checklist().evidence:
        assert item.source.read is not None, item.text


@pytest.mark.parametrize(("nationality", "shown"), [("CN", True), ("MO", True), ("TW", True),
                                                     ("IN", False)])
def test_the_checklist_has_what_every_e_application_asks_for(nationality: str,
                                                               shown: bool) -> None:
    a, answers = assessed("meets_threshold", nationality=nationality)
    items = {EN(item.text) for group in evidence_groups(a, answers) for item in group.items}
    assert "A recent photograph of yourself." in items
    assert "Your Hong Kong identity card, if you have one." in items
    assert any("credential verification organisation" in item for item in items)
    assert any("STEM reference list" in item for item in items)
    assert any("PRC resident identity card" in item for item in items) is shown


def test_nothing_to_do_next_for_a_failed_prerequisite_beyond_the_reason() -> None:
    a, answers = assessed("prerequisite_not_met")
    text = "\n".join(next_steps_text(a, answers, EN, Plain()))
    assert "identity card" not in text and "extension" not in text
    assert next_steps(a, answers).links == (checklist().scheme_page,)


def test_the_read_dates_are_those_of_the_snapshots() -> None:
    assert all_rulesets()[-1].sources_read == date(2026, 1, 20)
    assert checklist().scheme_page.read == date(2026, 1, 20)


async def test_fees_for_the_household_the_user_names(tmp_path: Path) -> None:
    async with conversation(tmp_path / "bot.sqlite3", today=TODAY) as chat:
        user = chat.user(1, tag="en")
        await user.send("/fees 3")
        assert user.text == ("ImmD's fees for 3 people: HK$1,800 on applying and HK$3,900 on "
                             "approval, HK$5,700 in all. They are paid again for each extension "
                             "of stay.")
        await user.send("/fees 1")
        assert user.text.startswith("ImmD's fees for 1 person: HK$600 on applying")
        await user.send("/fees many")
        assert user.text == ("Send /fees with the number of people applying, yourself included, "
                             "for example: /fees 3")
        await user.send("/start")
        await user.send("/fees 2")                   # mid-questionnaire: the question follows
        assert "HK$3,800 in all" in user.text and "Question 1 of about" in user.text
        helper = chat.user(2, tag="zh-hant")
        await helper.send("/start zh-hant")
        await helper.send("/fees 4")
        assert "4人須繳的入境事務處費用" in helper.text and "HK$7,600" in helper.text


# --- the claims the second audit found without a source of their own ---------------------------

def test_the_extension_window_says_when_imm_d_s_page_was_copied() -> None:
    text = _text("meets_threshold")
    assert "ImmD's QMAS page said within 4 weeks on 20 January 2026" in text
    assert "still says" not in text


def test_the_five_year_extension_rests_on_the_qmas_page() -> None:
    [stay] = checklist().facts_for("stay")
    assert stay.source == checklist().scheme_page and stay.source.read == date(2026, 1, 20)
    assert ("if, after 2 years in Hong Kong, your assessable income for salaries tax in the "
            "previous year of assessment was HK$2,000,000 or more, the extension is for 5 years"
            in _text("meets_threshold"))


def test_the_identity_card_step_is_not_settled_without_a_page_that_says_it() -> None:
    text = _text("meets_threshold")
    assert "When to register for a Hong Kong identity card after you arrive is not settled" in text
    assert "30 days" not in text and "general rule" not in text


def test_every_source_in_the_rules_has_a_link() -> None:
    sources = all_rulesets()[-1].sources
    assert all(s.url for s in sources)
    assert not any("press release" in s.title for s in sources)


def test_the_rthk_article_is_cited_for_what_it_says_only() -> None:
    rthk = {s.title for s in (*all_rulesets()[-1].sources, *(f.source for f in checklist().facts))
            if "rthk" in s.url}
    assert rthk == {"RTHK, 1 Nov 2024: the QMAS list adds six top business schools, without "
                    "naming them",
                    "RTHK, 1 Nov 2024: the revamped QMAS aims to process applications in about "
                    "six months"}


@pytest.mark.parametrize(("lang", "marked"), [
    ("en", None), ("zh-hant", "（英文網頁）"), ("zh-hans", "（英语网页）"),
    ("fr", "(en anglais)")])
def test_a_page_in_english_only_is_said_to_be_so(lang: str, marked: str | None) -> None:
    text = _result("meets_threshold", lang)
    assert "https://www.hkengage.gov.hk/en/" in text
    lines = text.splitlines()          # a link: its title, then its address on the next line
    talent_engage = next(lines[i - 1] for i, line in enumerate(lines) if "hkengage" in line)
    if marked is None:
        assert "(in English)" not in text
    else:
        assert marked in talent_engage


def test_the_eligible_list_is_not_counted_for_the_reader() -> None:
    typed = "University of Delhi"
    _, why = institution_status(typed, match_university(typed), TODAY)
    assert EN(why).startswith(f"“{typed}” is not on the eligible list in force on ")
    assert "200" not in EN(why) and "institutions" not in EN(why)


# --- other routes: VPAS, the investment routes, and the record each page asks for ---------------

def _routes(**changes: object) -> tuple[Route, ...]:
    return assess(parse_answers(example_answers(**changes), TODAY), TODAY).other_routes


@pytest.mark.parametrize(("changes", "route"), [
    ({"highest_degree": "none"}, "vpas"),
    ({"business_share_pct": 60}, "investment"),
    ({"business_share_pct": 60}, "new_cies")])
def test_the_other_routes_include_vpas_and_the_investment_routes(changes: dict[str, object],
                                                                  route: str) -> None:
    [found] = [r for r in _routes(nationality="IN", **changes) if r.id == route]
    assert found.source.read is not None and found.source.revised is not None


@pytest.mark.parametrize("good_character", ["no", "unsure"])
def test_gep_techtas_and_investment_lines_carry_the_record_caveat(good_character: str) -> None:
    routes = _routes(nationality="IN", good_character=good_character, postgraduate_stem="yes",
                     business_share_pct=60)
    caveat = "If you have a criminal record, this is not settled"
    lines = {r.id: EN(r.text) for r in routes}
    for route in ("gep", "techtas", "investment"):
        assert caveat in lines[route], route
    clean = _routes(nationality="IN", postgraduate_stem="yes", business_share_pct=60)
    assert not any(caveat in EN(r.text) for r in clean)


@pytest.mark.parametrize("good_character", ["no", "unsure"])
def test_the_asmtp_line_carries_the_record_caveat_of_its_page(good_character: str) -> None:
    caveat = "If you have a criminal record, this is not settled"
    lines = {r.id: EN(r.text) for r in _routes(nationality="CN", good_character=good_character)}
    assert caveat in lines["asmtp"] and caveat in lines["gep_overseas_chinese"]
    assert caveat not in {r.id: EN(r.text) for r in _routes(nationality="CN")}["asmtp"]


# The page's words on Chinese nationals (routes.toml): neither route is hidden from them, and
# neither is promised, since the answers do not show where a Chinese national lives.
CHINESE_NATIONALS = {
    "investment": "Not open to Chinese residents of the Mainland: a Chinese national with a PRC "
                  "passport may apply only with permanent residence overseas, or after living "
                  "overseas for at least a year immediately before applying, and only if applying "
                  "from overseas.",
    "new_cies": "Open to Chinese nationals only if they have obtained permanent resident status "
                "in a foreign country."}


@pytest.mark.parametrize("route", sorted(CHINESE_NATIONALS))
def test_a_chinese_national_is_told_the_investment_routes_condition(route: str) -> None:
    chinese = {r.id: EN(r.text) for r in _routes(nationality="CN", business_share_pct=60)}
    assert chinese[route].endswith(CHINESE_NATIONALS[route])
    others = {r.id: EN(r.text) for r in _routes(nationality="IN", business_share_pct=60)}
    assert CHINESE_NATIONALS[route] not in others[route]


@pytest.mark.parametrize(("nationality", "shown"), [("CN", True), ("IN", True), ("HK", False)])
def test_the_investment_routes_are_for_business_owners_of_any_admitted_nationality(
        nationality: str, shown: bool) -> None:
    ids = {r.id for r in _routes(nationality=nationality, business_share_pct=60)}
    assert ({"investment", "new_cies"} <= ids) is shown
    assert not {"investment", "new_cies"} & {r.id for r in _routes(nationality=nationality,
                                                                    business_share_pct=0)}


@pytest.mark.parametrize("good_character", ["no", "unsure"])
def test_the_new_cies_line_says_what_its_page_asks_of_a_record(good_character: str) -> None:
    caveat = ("If you have a criminal or adverse immigration record, this is not settled: ImmD's "
              "page requires that you have no adverse immigration record, meet normal immigration "
              "and security requirements and provide a certificate of no criminal conviction; "
              "ImmD decides.")
    line = {r.id: EN(r.text) for r in _routes(nationality="CN", business_share_pct=60,
                                               good_character=good_character)}["new_cies"]
    assert line.endswith(f"{CHINESE_NATIONALS['new_cies']} {caveat}")
    clean = {r.id: EN(r.text) for r in _routes(nationality="CN", business_share_pct=60)}
    assert "criminal" not in clean["new_cies"]


def test_every_route_condition_in_the_data_is_worded() -> None:
    pages = route_pages()
    assert all(p.record in {"", *RECORD_CAVEATS} for p in pages.values())
    assert all(p.chinese_nationals in {"", *CHINESE_NATIONALS_WORDING} for p in pages.values())
    assert {rid for rid, p in pages.items() if p.record} == {"gep", "asmtp", "techtas",
                                                             "investment", "new_cies"}
    assert pages["investment"].source.read == pages["new_cies"].source.read == date(2026, 12, 7)


# --- what the second audit found missing: dependants, ordinary residence, TTPS extensions --------

def test_dependants_right_to_work_or_study_is_not_settled_for_qmas() -> None:
    [fact] = checklist().facts_for("dependants")
    assert fact.source.id == "TTPS" and fact.source.read == date(2026, 1, 20)
    assert ("Whether your dependants may work or study in Hong Kong is not settled for QMAS"
            in _text("meets_threshold"))


@pytest.mark.parametrize("outcome", ["meets_threshold", "achievement"])
def test_the_seven_years_count_only_with_ordinary_residence(outcome: str) -> None:
    text = (_text("meets_threshold") if outcome == "meets_threshold"
            else _text("below_threshold", exceptional_award="yes"))
    assert ("The 7 years of residence before you may apply for the right of abode count only "
            "while you ordinarily reside in Hong Kong") in text
    assert "https://www.immd.gov.hk/eng/services/roa/term.html" in text


def test_staying_on_under_ttps_needs_a_stable_income_and_commission_only_is_not_settled() -> None:
    ttps = _text("below_threshold", annual_income={"amount": 3_000_000, "currency": "HKD"})
    assert "each extension needs a Hong Kong job at degree level with a stable income" in ttps
    assert "Whether commission-only pay counts as stable is not settled" in ttps
    assert "commission-only" not in _text("meets_threshold")


@pytest.mark.parametrize("lang", ["id", "es", "fr", "en"])
def test_the_record_caveat_is_conditional_for_who_is_not_sure(lang: str) -> None:
    """Said to a user unsure of a record too, the caveat reads "if you have", never as if the
    record were known ("Dengan catatan kriminal…")."""
    from bot.i18n.translator import Translator
    tr = Translator.for_code(lang)
    line = {r.id: tr(r.text) for r in _routes(nationality="CN", good_character="unsure")}["asmtp"]
    opening = {"id": "Jika Anda memiliki catatan kriminal", "es": "Si tiene antecedentes penales",
               "fr": "Si vous avez un casier judiciaire", "en": "If you have a criminal record"}
    assert opening[lang] in line, line


def test_university_lookup_names_both_institutions_a_shared_short_name_stands_for() -> None:
    """/university NTU: not "not found", but the two listed institutions it is short for."""
    shown = lookup_text("NTU", TODAY, EN, Plain())
    assert "is the short name of more than one institution" in shown
    assert "Nanyang Technological University" in shown and "National Taiwan University" in shown
    assert "did not find" not in shown and "Did you mean" not in shown


def test_no_graduate_work_at_all_settles_its_parts() -> None:
    """No graduate work: criteria 7–9, whose questions are then not asked, are not met, not
    "not known yet"."""
    answers = parse_answers({"nationality": "KR", "age": 30, "years_graduate_work": 0}, TODAY)
    found = {c.number: c.status for c in assess(answers, TODAY).criteria}
    assert {found[7], found[8], found[9]} == {Status.NOT_MET}
