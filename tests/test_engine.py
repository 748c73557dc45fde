"""The questionnaire engine, driven reply by reply as a user would."""

from __future__ import annotations

import ast
import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from babel.core import get_global

from bot.engine.engine import (
    COMPLETE,
    CONFIRMED,
    NO_ANSWERS,
    NOT_ANSWERED,
    OUTDATED,
    PARTIAL_RESULT,
    STALE,
    Engine,
)
from bot.engine.interpret import DONE, NONE_OF_THESE, NOT_SURE, asked
from bot.engine.state import Candidates, Doubt, Pending, Refused, Selecting, State
from bot.engine.turns import (
    Aside,
    Back,
    Change,
    Confirmed,
    Erase,
    ListAnswers,
    Open,
    Outcome,
    Pressed,
    Report,
    Restart,
    Result,
    Review,
    Section,
    SendReport,
    Show,
    Stale,
    Start,
    Typed,
)
from bot.i18n.text import CountryName
from bot.i18n.translator import Translator
from conversations.qmas import QMAS

DAY = date(2026, 11, 24)
EN = Translator.for_code("en")
engine = Engine(QMAS)


def say(state: State, *replies: str, tr: Translator = EN) -> State:
    """Type each reply in turn; every one must be accepted."""
    for reply in replies:
        outcome = typed(state, reply, tr)
        assert outcome.changed, (reply, outcome.say)
        state = outcome.state
    return state


def typed(state: State, text: str, tr: Translator = EN) -> Outcome:
    return engine.apply(state, Typed(text), tr, DAY)


def refusal(outcome: Outcome) -> str | None:
    """What a refused reply was told (in English): nothing changed, one thing said."""
    if outcome.changed or len(outcome.say) != 1:
        return None
    return EN(outcome.say[0])


def press(state: State, action: str) -> Outcome:
    """Press a button of the prompt on screen (stamped with the state's revision)."""
    return engine.apply(state, Pressed(state.revision, action), EN, DAY)


def current_id(state: State) -> str | None:
    question = engine.current(state)
    return question.id if question else None


TYPICAL = [
    "India", "34", "Master's", "Imperial College London", "yes",
    "University of Toronto", "yes", "English, Hindi", "7", "4", "3", "2", "5",
    "INR 4,500,000", "0", "0", "no", "no", "yes", "yes",
]


def test_typical_profile_completes_in_twenty_answers() -> None:
    state = say(State(), *TYPICAL)
    assert current_id(state) is None
    assert len(TYPICAL) <= 20
    answers = state.answers
    assert answers["nationality"] == "IN"
    assert answers["postgraduate_university"] == "Imperial College London"
    assert answers["languages"] == ["en", "hi"]
    assert answers["annual_income"] == {"amount": 4_500_000, "currency": "INR"}
    assert "bachelor_year" not in answers          # 5 years of recent work: category C moot
    assert "business_profit" not in answers        # owns no business


@pytest.mark.parametrize(("degree", "asked", "skipped"), [
    ("No degree", {"professional_standing"},
     {"postgraduate_university", "bachelor_university", "years_work_last_5"}),
    ("Bachelor's", {"bachelor_university"},
     {"postgraduate_university", "postgraduate_stem", "professional_standing"}),
    ("Doctorate (PhD)", {"postgraduate_university", "postgraduate_stem"},
     {"professional_standing"}),
])
def test_skip_logic_follows_degree(degree: str, asked: set[str], skipped: set[str]) -> None:
    state = say(State(), "Vietnam", "30", degree)
    ids = {q.id for q in engine.applicable(state.answers)}
    assert asked <= ids
    assert not skipped & ids


@pytest.mark.parametrize(("share", "next_id"), [
    ("60", "business_profit"), ("50", "business_profit"), ("49", "listed_company_share_pct"),
    ("0", "listed_company_share_pct"), ("not sure", "listed_company_share_pct"),
])
def test_profit_only_asked_after_a_known_share_that_makes_it_count(share: str,
                                                                    next_id: str) -> None:
    state = say(State(), "Nepal", "40", "No degree", "yes", "Nepali, English", "0",
                "NPR 3,000,000")
    assert current_id(state) == "business_share_pct"
    assert current_id(say(state, share)) == next_id


@pytest.mark.parametrize(("reply", "stored"), [
    ("34", 34), ("34 years", 34), ("٣٤", 34), ("３４", 34),
])
def test_age_formats(reply: str, stored: int) -> None:
    assert say(State(), "India", reply).answers["age"] == stored


@pytest.mark.parametrize("reply", ["abc", "200", "-1", "34.5", "🙂"])
def test_bad_age_is_refused_and_nothing_lost(reply: str) -> None:
    state = say(State(), "India")
    outcome = typed(state, reply)
    assert refusal(outcome) and not outcome.events
    assert outcome.state == state and current_id(outcome.state) == "age"


def test_excluded_nationality_ends_at_once() -> None:
    assert current_id(say(State(), "Afghanistan")) is None


def test_ambiguous_country_asks_which() -> None:
    state = say(State(), "Korea")
    prompt = engine.prompt(state, DAY)
    assert prompt is not None and isinstance(state.pending, Candidates)
    assert state.pending.names[:2] == ("KR", "KP")
    state = press(state, "0").state
    assert state.answers["nationality"] == "KR" and current_id(state) == "age"


@pytest.mark.parametrize(("code", "reply", "word"), [
    ("en", "I am Korean", "Korean"), ("en", "I am Dominican", "Dominican"),
    ("en", "I'm Congolese", "Congolese"), ("fr", "je suis coréen", "coréen"),
    ("es", "soy coreano", "coreano"), ("ar", "أنا كوري", "كوري"),
    ("id", "saya orang Korea", "Korea"), ("hi", "मैं कोरियाई हूँ", "कोरियाई"),
    ("ne", "म कोरियाली हुँ", "कोरियाली"),
])
def test_which_one_quotes_only_the_nationality(code: str, reply: str, word: str) -> None:
    state = typed(State(), reply, Translator.for_code(code)).state
    assert isinstance(state.pending, Candidates) and state.pending.typed == word


def test_university_short_name_is_taken_at_once() -> None:
    state = say(State(), "India", "30", "Master's")
    outcome = typed(state, "MIT")
    assert outcome.understood is not None and EN(outcome.understood) == (
        "Massachusetts Institute of Technology ✓ (on the list of eligible universities)")
    assert outcome.state.answers["postgraduate_university"] == \
        "Massachusetts Institute of Technology"
    assert current_id(outcome.state) == "postgraduate_stem"


def test_a_misspelt_university_is_confirmed() -> None:
    state = say(State(), "India", "30", "Master's", "Massachusets Inst of Technology")
    prompt = engine.prompt(state, DAY)
    assert prompt is not None
    assert EN(prompt.text) == "Did you mean “Massachusetts Institute of Technology”?"
    state = press(state, "0").state
    assert state.answers["postgraduate_university"] == "Massachusetts Institute of Technology"
    assert current_id(state) == "postgraduate_stem"


def test_unlisted_university_offers_the_nearest_then_is_kept_with_a_notice() -> None:
    state = say(State(), "India", "30", "Master's")
    asked = typed(state, "Univ of Tokio")
    assert asked.prompt is not None and EN(asked.prompt.text) == (
        "Did you mean “The University of Tokyo”?")
    labels = [EN(b.label) for b in asked.prompt.buttons]
    assert labels == ["The University of Tokyo", "No: keep what I typed"]   # named, never "Yes"
    outcome = press(asked.state, "x")
    assert outcome.changed and len(outcome.say) == 1
    assert "criteria 2 and 3" in EN(outcome.say[0])
    assert outcome.state.answers["postgraduate_university"] == "Univ of Tokio"
    by_no = typed(asked.state, "no")                  # typed instead of pressed
    assert by_no.state.answers["postgraduate_university"] == "Univ of Tokio"
    chosen = press(asked.state, "0")
    assert chosen.state.answers["postgraduate_university"] == "The University of Tokyo"
    for far in ("Zzyzx", "University of Nowhere"):    # nothing plausibly the same: kept at once
        kept = typed(state, far)
        assert kept.say and kept.state.answers["postgraduate_university"] == far


def test_ambiguous_university_offers_candidates_and_none_of_these() -> None:
    state = say(State(), "India", "30", "Master's", "NTU")
    assert isinstance(state.pending, Candidates) and len(state.pending.names) == 2
    kept = press(state, NONE_OF_THESE).state
    assert kept.answers["postgraduate_university"] == "NTU"


def test_back_reasks_the_previous_question() -> None:
    state = say(State(), "India", "30")
    outcome = engine.apply(state, Back(), EN, DAY)
    assert outcome.events == (("back", None),)
    back = outcome.state
    assert current_id(back) == "age" and "age" not in back.answers
    assert back.answers["nationality"] == "IN"
    assert outcome.prompt is not None and EN(outcome.prompt.previous or "") == "30 years old"
    reopened = engine.apply(state, Change("nationality"), EN, DAY).state
    dropped = engine.apply(reopened, Back(), EN, DAY)    # only the reopening goes: no answer
    assert current_id(dropped.state) == "highest_degree"
    assert dropped.state.answers == state.answers
    assert dropped.prompt is not None and dropped.prompt.previous is None


def test_changing_degree_drops_answers_that_no_longer_apply() -> None:
    state = say(State(), *TYPICAL)
    outcome = engine.apply(state, Change("highest_degree"), EN, DAY)
    state = outcome.state
    assert current_id(state) == "highest_degree"
    prompt = outcome.prompt
    assert prompt is not None and prompt.previous is not None
    state = say(state, "No degree")
    assert "postgraduate_university" not in state.answers
    assert "bachelor_university" not in state.answers
    assert current_id(state) == "professional_standing"    # newly applicable, asked now
    state = say(state, "yes")
    assert current_id(state) is None                         # everything else was kept


def test_not_sure_on_a_number_leaves_it_unanswered() -> None:
    state = say(State(), "India", "30", "Bachelor's", "University of Toronto", "yes",
                "English", "6")
    assert current_id(state) == "years_renowned_employer"
    state = press(state, NOT_SURE).state
    assert "years_renowned_employer" not in state.answers
    assert "years_renowned_employer" in state.not_sure
    assert current_id(state) == "years_target_industry"


def test_languages_by_buttons() -> None:
    state = say(State(), "India", "30", "Bachelor's", "University of Toronto", "yes")
    assert current_id(state) == "languages"
    state = press(state, "0").state     # Chinese
    state = press(state, "1").state     # English
    state = press(state, "0").state     # Chinese again: unselected
    state = press(state, DONE).state
    assert state.answers["languages"] == ["en"]


def test_money_needs_a_currency() -> None:
    """A bare number is not stored: the passport's currency and HKD are offered."""
    state = say(State(), "India", "30", "No degree", "yes", "English", "0")
    assert current_id(state) == "annual_income"
    assert "annual_income" not in say(state, "1200000").answers
    assert say(state, "HK$ 1.2 million").answers["annual_income"] == {
        "amount": 1_200_000, "currency": "HKD"}


def test_progress_counts_up() -> None:
    state = State()
    numbers = []
    for reply in TYPICAL:
        prompt = engine.prompt(state, DAY)
        assert prompt is not None
        numbers.append(prompt.number)
        assert prompt.number <= prompt.total <= 25
        state = say(state, reply)
    assert numbers == list(range(1, len(TYPICAL) + 1))


def test_state_survives_json() -> None:
    state = say(State(), "India", "30", "Master's", "MIT")
    assert State.from_json(state.to_json()) == state


def test_stale_button_action_is_refused() -> None:
    state = say(State(), "India", "30")
    outcome = press(state, "99")
    assert outcome.toast == STALE and not outcome.changed and outcome.state == state
    old = engine.apply(state, Pressed(state.revision - 1, "0"), EN, DAY)
    assert old.toast == STALE and old.state == state


@pytest.mark.parametrize(("reply", "stored"), [
    ("yes", "Massachusetts Institute of Technology"),
    ("是", "Massachusetts Institute of Technology"),
    ("no", "Massachusets Inst of Technology"),
])
def test_did_you_mean_answered_by_typing(reply: str, stored: str) -> None:
    state = say(State(), "India", "30", "Master's", "Massachusets Inst of Technology", reply)
    assert state.answers["postgraduate_university"] == stored


def test_review_shows_not_sure_in_words() -> None:
    state = say(State(), "India", "30", "Master's", "MIT", "not sure")
    shown = {q.id: EN(value) for q, value in engine.review(state)}
    assert shown["postgraduate_stem"] == "Not sure"


def test_year_limit_is_the_year_of_the_answer_not_of_start_up() -> None:
    """A bot started in 2026 and still running in January 2027 accepts a 2027 degree."""
    state = say(State(), "India", "24", "Bachelor's", "University of Toronto", "yes", "English",
                "0", "0")
    assert current_id(state) == "bachelor_year"
    january = date(2027, 1, 5)
    accepted = engine.apply(state, Typed("2027"), EN, january)
    assert accepted.changed and accepted.state.answers["bachelor_year"] == 2027
    refused = engine.apply(state, Typed("2028"), EN, january)
    assert refusal(refused) == "Please send the year, from 1940 to 2027, for example 2015."


def test_first_question_back_restart_and_completion_are_decided_here() -> None:
    first = engine.apply(State(), Back(), EN, DAY)
    assert [EN(x) for x in first.say] == ["This is the first question."]
    assert not first.changed and current_id(first.state) == "nationality"
    done = engine.apply(say(State(), *TYPICAL[:-1]), Typed(TYPICAL[-1]), EN, DAY)
    assert done.record_result and done.result and done.prompt is None
    assert done.events == (("answered", "good_character"),)
    again = engine.apply(done.state, Typed("hello"), EN, DAY)
    assert not again.changed and not again.record_result and not again.result
    assert again.say == (COMPLETE,)
    fresh = engine.apply(done.state, Restart(), EN, DAY)
    assert fresh.state.answers == {} and fresh.state.revision > done.state.revision
    assert engine.apply(State(), Change("age"), EN, DAY).toast == STALE    # not asked yet


def test_what_follows_a_show_a_result_an_aside_and_a_stale_button_is_decided_here() -> None:
    middle = say(State(), "India", "30")
    done = say(State(), *TYPICAL)
    shown = engine.apply(done, Show(), EN, DAY)
    assert shown.say == (COMPLETE,) and not shown.result and shown.prompt is None
    relabelled = engine.apply(done, Show(result=True), EN, DAY)     # a new language
    assert relabelled.say == () and relabelled.result and not relabelled.record_result
    assert not engine.apply(middle, Show(result=True), EN, DAY).result
    partial = engine.apply(middle, Result(), EN, DAY)
    assert partial.say == (PARTIAL_RESULT,) and partial.result and partial.prompt is not None
    assert not partial.changed and not partial.record_result
    final = engine.apply(done, Result(), EN, DAY)
    assert final.say == () and final.result and final.prompt is None
    aside = engine.apply(middle, Aside(), EN, DAY)
    assert aside.prompt is not None and aside.say == () and not aside.changed
    assert engine.apply(done, Aside(), EN, DAY).prompt is None
    assert engine.apply(State(), Aside(), EN, DAY, new_revision=5).prompt is None   # not begun
    assert engine.apply(middle, Stale(), EN, DAY).toast == STALE
    late = engine.apply(done, Stale(), EN, DAY)
    assert late.toast == COMPLETE and late.say == () and late.prompt is None and not late.result


def test_a_confirmation_acts_once_and_only_from_the_state_that_drew_it() -> None:
    middle = say(State(), "India", "30")
    restarted = engine.apply(middle, Confirmed(middle.revision, "restart"), EN, DAY)
    assert restarted.changed and restarted.state.answers == {}
    assert restarted.events == (("restarted", None),) and EN(restarted.edit or "") == \
        "Starting again."
    assert current_id(restarted.state) == "nationality" and restarted.prompt is not None
    twice = engine.apply(restarted.state, Confirmed(middle.revision, "restart"), EN, DAY)
    assert twice.toast == STALE and not twice.changed and twice.edit is None
    erased = engine.apply(middle, Confirmed(middle.revision, "delete"), EN, DAY)
    assert erased.act == Erase() and not erased.changed and erased.events == ()
    assert erased.edit == erased.toast == CONFIRMED["delete"] and erased.prompt is None
    kept = engine.apply(middle, Confirmed(middle.revision, "keep"), EN, DAY)
    assert kept.edit == CONFIRMED["keep"] and kept.act is None and not kept.changed
    assert kept.prompt is not None and kept.prompt.question.id == "highest_degree"
    done = say(State(), *TYPICAL)
    assert engine.apply(done, Confirmed(done.revision, "keep"), EN, DAY).say == (COMPLETE,)
    for stale in (Confirmed(middle.revision - 1, "delete"), Confirmed(middle.revision, "forged")):
        refused = engine.apply(middle, stale, EN, DAY)
        assert refused.toast == STALE and refused.act is None and not refused.changed


def test_a_result_section_opens_only_from_the_result_of_these_answers() -> None:
    done = say(State(), *TYPICAL)
    offered = ("criteria", "summary", "steps")
    section = engine.apply(done, Open(done.revision, "criteria", offered), EN, DAY)
    assert section.act == Section("criteria") and section.events == () and not section.changed
    steps = engine.apply(done, Open(done.revision, "steps", offered), EN, DAY)
    assert steps.act == Section("steps") and steps.events == (("opened_next_steps", None),)
    earlier = engine.apply(done, Open(done.revision - 1, "criteria", offered), EN, DAY)
    assert earlier.act is None and earlier.edit == OUTDATED and earlier.events == ()
    unknown = engine.apply(done, Open(done.revision, "tests", offered), EN, DAY)
    assert unknown.act is None and unknown.toast == COMPLETE and unknown.events == ()
    empty = engine.apply(State(), Open(0, "summary", offered), EN, DAY)
    assert empty.act is None and empty.toast == STALE and empty.prompt is not None


def test_what_review_and_report_show_is_decided_here() -> None:
    nothing = engine.apply(State(), Review(), EN, DAY)
    assert nothing.act is None and nothing.say == (NOT_ANSWERED,) and nothing.prompt is not None
    unasked = engine.apply(State(), Report(), EN, DAY)
    assert unasked.say == (NO_ANSWERS,) and unasked.act is None and unasked.events == ()
    assert unasked.prompt is None
    middle = say(State(), "India", "30")
    listed = engine.apply(middle, Review(), EN, DAY)
    assert isinstance(listed.act, ListAnswers) and listed.prompt is None and listed.say == ()
    assert [(q.id, EN(shown)) for q, shown in listed.act.answered] == [
        ("nationality", "India"), ("age", "30 years old")]
    report = engine.apply(middle, Report(), EN, DAY)
    assert report.act == SendReport(unfinished=True) and not report.changed
    assert report.events == (("opened_report", None),)
    done = say(State(), *TYPICAL)
    assert engine.apply(done, Report(), EN, DAY).act == SendReport(unfinished=False)


def test_a_new_questionnaire_starts_at_the_given_revision_with_a_started_event() -> None:
    begun = engine.apply(State(), Start(), EN, DAY, new_revision=1_000)
    assert begun.changed and begun.state.revision == 1_000
    assert begun.events == (("started", None),)
    answered = engine.apply(State(), Typed("India"), EN, DAY, new_revision=1_000)
    assert answered.state.revision == 1_001
    assert answered.events == (("started", None), ("answered", "nationality"))
    refused = engine.apply(State(), Typed(""), EN, DAY, new_revision=1_000)
    assert not refused.changed and refused.events == ()
    stored = engine.apply(State(), Start(), EN, DAY)       # a stored state: nothing begins
    assert not stored.changed and stored.events == ()
    assert not engine.apply(State(), Show(), EN, DAY, new_revision=1_000).changed


def test_multi_select_toggle_redraws_in_place() -> None:
    state = say(State(), "India", "30", "Bachelor's", "University of Toronto", "yes")
    toggled = press(state, "0")
    assert toggled.redraw and toggled.changed and not toggled.events
    assert toggled.prompt is not None and toggled.prompt.question.id == "languages"


@pytest.mark.parametrize("pending", [
    Candidates("postgraduate_university", "MIT", ("Massachusetts Institute of Technology",)),
    Selecting("languages", ("zh", "en"), "1"),
    Doubt("age", 15),
    Refused("years_renowned_employer", 7, "years_graduate_work"),
])
def test_state_json_round_trip_covers_every_field(pending: Pending) -> None:
    """`State.to_json` is written by hand (speed): a new field it forgets fails here."""
    state = State(answers={"age": 30}, not_sure=["postgraduate_stem"], history=["age"],
                  pending=pending, reopened="age", revision=7)
    for data in (state, pending):
        for f in dataclasses.fields(data):
            default = f.default if f.default_factory is dataclasses.MISSING \
                else f.default_factory()
            assert getattr(data, f.name) != default, f"give {f.name} a non-default value here"
    assert State.from_json(json.loads(json.dumps(state.to_json()))) == state


# States as today's code saved them, before pending modes had a kind: each still loads, and
# the conversation goes on from it (a refusal kept only its text, so its question is asked
# again).
SAVED = {
    "candidates": '{"answers": {"nationality": "IN", "age": 30, "highest_degree": "master"}, '
                  '"unsure": [], "history": ["nationality", "age", "highest_degree"], '
                  '"pending": {"question": "postgraduate_university", "typed": "MIT", '
                  '"candidates": ["Massachusetts Institute of Technology"], "selection": [], '
                  '"unconfirmed": null, "doubt": [], "fix": null, "toggled": ""}, '
                  '"reopened": null, "revision": 4}',
    "doubt": '{"answers": {"nationality": "IN"}, "unsure": [], "history": ["nationality"], '
             '"pending": {"question": "age", "typed": "", "candidates": [], "selection": [], '
             '"unconfirmed": 15, "doubt": ["Is {age} really your age when you apply? Applicants '
             'must be 18 or older.", {"age": 15}], "fix": null, "toggled": ""}, '
             '"reopened": null, "revision": 2}',
    "refused": '{"answers": {"nationality": "IN", "age": 34, "highest_degree": "none", '
               '"professional_standing": "yes", "languages": ["en"], "years_graduate_work": 6}, '
               '"unsure": [], "history": ["nationality", "age", "highest_degree", '
               '"professional_standing", "languages", "years_graduate_work"], "pending": '
               '{"question": "years_renowned_employer", "typed": "", "candidates": [], '
               '"selection": [], "unconfirmed": null, "doubt": ["That is more than the {total} '
               'years of graduate-level work you gave in total. Please send a number up to '
               '{total}, or change the total.", {"total": 6}], "fix": "years_graduate_work", '
               '"toggled": ""}, "reopened": null, "revision": 7}',
    "selecting": '{"answers": {"nationality": "IN", "age": 30, "highest_degree": "bachelor", '
                 '"bachelor_university": "University of Toronto", "bachelor_full_time": "yes"}, '
                 '"unsure": [], "history": ["nationality", "age", "highest_degree", '
                 '"bachelor_university", "bachelor_full_time"], "pending": {"question": '
                 '"languages", "typed": "", "candidates": [], "selection": ["zh", "en"], '
                 '"unconfirmed": null, "doubt": [], "fix": null, "toggled": "1"}, '
                 '"reopened": null, "revision": 7}',
}


def test_states_saved_before_pending_had_kinds_still_load_and_go_on() -> None:
    states = {name: State.from_json(json.loads(saved)) for name, saved in SAVED.items()}
    assert states["candidates"].pending == Candidates(
        "postgraduate_university", "MIT", ("Massachusetts Institute of Technology",))
    assert press(states["candidates"], "0").state.answers["postgraduate_university"] == \
        "Massachusetts Institute of Technology"
    assert states["doubt"].pending == Doubt("age", 15)
    doubt = engine.prompt(states["doubt"], DAY)
    assert doubt is not None and EN(doubt.text) == (
        "Will you really be 15 years old when you apply? Applicants must be 18 or older: if "
        "you are younger, you can check again once you are 18.")
    assert press(states["doubt"], "keep").state.answers["age"] == 15
    assert states["refused"].pending is None
    assert current_id(states["refused"]) == "years_renowned_employer"
    assert typed(states["refused"], "7").state.pending == Refused(
        "years_renowned_employer", 7, "years_graduate_work")
    assert states["selecting"].pending == Selecting("languages", ("zh", "en"), "1")
    done = press(states["selecting"], "done").state
    assert done.answers["languages"] == ["zh", "en"] and done.pending is None


def test_a_saved_state_holds_no_rendered_text() -> None:
    """What a pending question says is worked out from the question each time: the saved state
    carries values, never a sentence (an edited sentence would otherwise resurface)."""
    refused = typed(say(State(), *WORKING), "7")
    doubt = typed(say(State(), "India"), "15")
    for outcome in (refused, doubt):
        saved = json.dumps(outcome.state.to_json())
        assert outcome.prompt is not None and outcome.prompt.text.msgid not in saved


def test_no_follow_up_that_cannot_change_a_result() -> None:
    """An unlisted bachelor's meets no Top Talent Pass category, so whether it
    was full-time, its year and the recent work are not asked; a listed one asks them."""
    unlisted = say(State(), "Vietnam", "30", "Bachelor's", "University of Nowhere")
    ids = {q.id for q in engine.applicable(unlisted.answers)}
    assert not {"bachelor_full_time", "years_work_last_5", "bachelor_year"} & ids
    assert current_id(unlisted) == "languages"
    listed = say(State(), "Vietnam", "30", "Bachelor's", "University of Toronto")
    assert current_id(listed) == "bachelor_full_time"
    number, total = engine.progress(unlisted, engine.questionnaire.question("languages"))
    assert number == 5           # nationality, age, degree, university, then languages
    assert total < engine.progress(listed, engine.questionnaire.question("bachelor_full_time"))[1]


# --- checks, refusals and consistency ---------------------------------------------------------

WORKING = ("India", "34", "No degree", "yes", "English", "6")


def test_an_odd_answer_waits_for_yes_and_survives_a_stored_round_trip() -> None:
    asked = typed(say(State(), "India"), "15")
    assert asked.state.pending == Doubt("age", 15) and "age" not in asked.state.answers
    assert asked.prompt is not None and [b.action for b in asked.prompt.buttons] == [
        "keep", "redo"]
    stored = State.from_json(json.loads(json.dumps(asked.state.to_json())))
    assert engine.prompt(stored, DAY) == asked.prompt        # the question survives a restart
    kept = press(stored, "keep")
    assert kept.state.answers["age"] == 15 and current_id(kept.state) == "highest_degree"
    redo = press(stored, "redo")
    assert redo.state.pending is None and current_id(redo.state) == "age"


def test_a_part_above_the_total_is_refused_and_offers_the_total() -> None:
    state = say(State(), *WORKING)
    refused = typed(state, "7")
    assert "years_renowned_employer" not in refused.state.answers
    assert refused.prompt is not None and [b.action for b in refused.prompt.buttons] == [
        "fix", "redo"]
    assert not press(refused.state, "keep").changed       # no way to keep it
    total = press(refused.state, "fix")
    assert current_id(total.state) == "years_graduate_work"
    raised = typed(total.state, "8")
    assert current_id(raised.state) == "years_renowned_employer"
    assert say(raised.state, "7").answers["years_renowned_employer"] == 7


def test_lowering_the_total_drops_the_parts_above_it() -> None:
    state = say(State(), *WORKING, "5", "4", "1")
    lowered = typed(engine.apply(state, Change("years_graduate_work"), EN, DAY).state, "3")
    assert lowered.say
    assert lowered.state.answers["years_international"] == 1     # still fits: kept
    assert not {"years_renowned_employer", "years_target_industry"} & set(lowered.state.answers)
    assert current_id(lowered.state) == "years_renowned_employer"
    old = State(answers={**state.answers, "years_graduate_work": 2},
                history=list(state.history))         # saved before the check existed
    assert "years_renowned_employer" not in engine.repaired(old).answers


def test_a_changed_answer_keeps_its_place_for_back_and_the_counter() -> None:
    state = say(State(), "India", "34", "No degree", "yes")
    reopened = engine.apply(state, Change("age"), EN, DAY).state
    prompt = engine.prompt(reopened, DAY)
    assert prompt is not None and prompt.number == 2
    changed = say(reopened, "35")
    back = engine.apply(changed, Back(), EN, DAY).state
    assert current_id(back) == "professional_standing" and back.answers["age"] == 35


def test_the_engines_modules_import_no_circle() -> None:
    """Each engine module imports only modules below it (a definition can be read bottom up)."""
    root = Path(__file__).parent.parent / "bot" / "engine"
    imports = {path.stem: {node.module.rpartition(".")[2] for node in ast.walk(ast.parse(
                   path.read_text())) if isinstance(node, ast.ImportFrom) and node.module
                   and node.module.startswith("bot.engine.")}
               for path in root.glob("*.py")}
    done: list[str] = []
    while len(done) < len(imports):      # peel off the modules whose imports are all done
        ready = [m for m, used in imports.items() if m not in done and used <= set(done)]
        assert ready, f"an import circle among {sorted(set(imports) - set(done))}"
        done.extend(ready)


@pytest.mark.parametrize(("names", "question"), [
    (("The University of Tokyo",), "Did you mean this one?"),
    (("The University of Tokyo", "Kyoto University", "Osaka University"),
     "Did you mean one of these?"),
])
def test_names_offered_for_one_not_found_are_asked_about_in_the_right_number(
        names: tuple[str, ...], question: str) -> None:
    pending = Candidates("postgraduate_university", "Zzyzx Qwv", names)
    text = asked(QMAS.question("postgraduate_university"), pending, {}, date(2026, 12, 7))
    assert EN(text) == f"I could not find “Zzyzx Qwv” on the list. {question}"
    assert ("ces établissements" in Translator.for_code("fr")(text)) is (len(names) > 1)


NONE_WORDS = [("en", "none"), ("en", "nothing"), ("zh-hant", "沒有"), ("zh-hans", "没有"),
              ("ja", "ありません"), ("ja", "ないです"), ("ko", "없습니다"), ("vi", "không có"),
              ("id", "tidak punya"), ("hi", "कोई नहीं"), ("ne", "केही छैन"), ("es", "ninguno"),
              ("fr", "aucun"), ("ar", "لا شيء")]


# Languages whose "there is none" answers the record question's "no record" as a native reads it.
CLEAN_BY_ABSENCE = {"zh-hant", "zh-hans", "ja", "ko", "vi", "id"}


@pytest.mark.parametrize(("locale", "word"), NONE_WORDS)
def test_none_answers_no_where_the_question_asks_what_one_has(locale: str, word: str) -> None:
    """"Have you received an award?" — "ありません": none is No there. At the record question,
    whose wording asks whether there is no record, "沒有"/"ありません"/"없습니다" say there is
    none: a clean record. Elsewhere "none" could mean either: it is refused, or where it is also
    a "no" word, confirmed before it counts."""
    tr = Translator.for_code(locale)
    at_award = say(State(), *TYPICAL[:16])
    assert current_id(at_award) == "exceptional_award"
    answered = say(at_award, word, tr=tr)
    assert answered.answers["exceptional_award"] == "no"
    at_record = say(answered, "no", "yes")
    assert current_id(at_record) == "good_character"
    answers = typed(at_record, word, tr).state.answers
    if locale in CLEAN_BY_ABSENCE:
        assert answers["good_character"] == "yes"
    else:
        assert "good_character" not in answers


@pytest.mark.parametrize(("locale", "word"), [
    ("zh-hant", "沒有"), ("zh-hant", "冇"), ("zh-hant", "沒有刑事紀錄"), ("zh-hans", "没有"),
    ("zh-hans", "没有犯罪记录"), ("ja", "ありません"), ("ja", "ない"),
    ("ko", "없어요"), ("ko", "없습니다"), ("ko", "범죄 기록 없어요"), ("vi", "không có"),
    ("id", "tidak ada"), ("id", "tidak punya"),
])
def test_there_is_none_is_a_clean_record(locale: str, word: str) -> None:
    """"有沒有刑事紀錄？" — "沒有": no record, so a clean one, answered at once (no
    confirmation)."""
    at_record = say(State(), *TYPICAL[:19])
    assert current_id(at_record) == "good_character"
    outcome = typed(at_record, word, Translator.for_code(locale))
    assert outcome.state.answers["good_character"] == "yes"
    assert current_id(outcome.state) is None


@pytest.mark.parametrize(("locale", "word"), [("ja", "いいえ"), ("ja", "いいえ、ありません"),
                                              ("ja", "いいえ、ないです"), ("ko", "아니요"),
                                              ("zh-hant", "不是"), ("zh-hans", "不是"),
                                              ("zh-hant", "沒有，但有入境不良記錄")])
def test_a_plain_no_at_the_record_question_is_still_confirmed(locale: str, word: str) -> None:
    """"いいえ" to "クリーンな経歴をお持ちですか？" says the record is not clean, and
    "いいえ、ありません" ("No, I don't") may say so too: asked again first."""
    at_record = say(State(), *TYPICAL[:19])
    outcome = typed(at_record, word, Translator.for_code(locale))
    assert "good_character" not in outcome.state.answers
    assert isinstance(outcome.state.pending, Doubt)


POSSESSION = [("en", "I have"), ("zh-hant", "有"), ("zh-hans", "有"), ("ja", "あります"),
              ("ko", "있어요"), ("id", "ada"), ("es", "tengo"), ("ar", "لدي")]


@pytest.mark.parametrize(("locale", "word"), POSSESSION)
def test_i_have_one_is_yes_where_asked_and_open_at_the_record_question(locale: str,
                                                                         word: str) -> None:
    """"Have you received an award?" — "있어요": yes. "Is your record clean, with no criminal
    record?" — "있어요" ("there is"): it may mean a record, so it is refused, never a clean yes."""
    tr = Translator.for_code(locale)
    at_award = say(State(), *TYPICAL[:16])
    assert say(at_award, word, tr=tr).answers["exceptional_award"] == "yes"
    at_record = say(at_award, "no", "no", "yes")
    assert current_id(at_record) == "good_character"
    refused = typed(at_record, word, tr)
    assert not refused.changed and "good_character" not in refused.state.answers


@pytest.mark.parametrize(("locale", "word"), [("ar", "سجلي نظيف"),
                                             ("en", "my record is clean")])
def test_a_clean_record_said_at_the_record_check_is_a_new_answer(locale: str, word: str) -> None:
    """"No" at the record question asks "you have a record: is that right?"; "my record is
    clean" there is not a yes to that check, but the answer given anew."""
    tr = Translator.for_code(locale)
    at_record = say(say(State(), *TYPICAL[:16]), "no", "no", "yes")
    checked = typed(at_record, "no", tr)
    assert "good_character" not in checked.state.answers   # asked to confirm
    assert typed(checked.state, word, tr).state.answers["good_character"] == "yes"


@pytest.mark.parametrize(("locale", "word"), [
    ("ar", "عندي مخالفة مرورية"), ("en", "I have a speeding fine"), ("ko", "있어요 음주운전"),
    ("ar", "نعم، لكن عندي مخالفة مرورية"), ("en", "yes, but I was fined once")])
def test_i_have_and_why_is_no_clean_record(locale: str, word: str) -> None:
    """"عندي" ("I have") opening a sentence at the record question is not read as its yes."""
    tr = Translator.for_code(locale)
    at_record = say(say(State(), *TYPICAL[:16]), "no", "no", "yes")
    assert current_id(at_record) == "good_character"
    refused = typed(at_record, word, tr)
    assert "good_character" not in refused.state.answers


@pytest.mark.parametrize(("locale", "word"), [
    ("en", "not sure"), ("zh-hant", "不確定"), ("zh-hans", "不确定"), ("ja", "わかりません"),
    ("ko", "잘 모르겠어요"), ("vi", "không biết"), ("id", "tidak tahu"), ("hi", "पता नहीं"),
    ("ne", "थाहा छैन"), ("es", "no sé"), ("fr", "je ne sais pas"), ("ar", "لا أعرف"),
])
def test_not_sure_of_ones_nationality_asks_for_the_passports_country(locale: str,
                                                                     word: str) -> None:
    """"잘 모르겠어요" at the nationality question (which offers no "not sure"): the result needs
    it, so the passport's country is asked for, in the user's language; not "country not
    recognised"."""
    tr = Translator.for_code(locale)
    outcome = typed(State(), word, tr)
    assert refusal(outcome) == ("The result depends on your nationality, so please type the "
                                "country whose passport you hold, for example India or IN.")
    shown = tr(outcome.say[0])
    assert (shown == EN(outcome.say[0])) is (locale == "en")


@pytest.mark.parametrize("locale", ["en", "zh-hant", "zh-hans", "ja", "ko", "vi", "id", "hi",
                                    "ne", "es", "fr", "ar"])
@pytest.mark.parametrize("reply", ["Cote d'Ivoire", "Côte d'Ivoire", "Côte d’Ivoire",
                                   "cote divoire"])
def test_cote_divoire_is_read_with_either_apostrophe(locale: str, reply: str) -> None:
    """CLDR writes "Côte d’Ivoire" with a curly apostrophe; a keyboard types a straight one."""
    answered = say(State(), reply, tr=Translator.for_code(locale))
    assert answered.answers["nationality"] == "CI"


@pytest.mark.parametrize(("locale", "reply"), [
    ("vi", "Bờ Biển Ngà"), ("id", "Pantai Gading"), ("zh-hant", "象牙海岸"),
    ("es", "Costa de Marfil"), ("en", "Ivory Coast"), ("ar", "ساحل العاج"),
])
def test_cote_divoire_is_read_by_the_name_its_readers_use(locale: str, reply: str) -> None:
    answered = say(State(), reply, tr=Translator.for_code(locale))
    assert answered.answers["nationality"] == "CI"


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_country_names_use_the_catalogs_straight_apostrophe(locale: str) -> None:
    """Our English and French catalogs write "'": so do the country names said back."""
    tr = Translator.for_code(locale)
    outcome = typed(State(), "Cote d'Ivoire", tr)
    assert "Côte d'Ivoire ✓" in tr(outcome.understood)
    countries = get_global("territory_languages")   # countries, not regions ("030")
    assert not [code for code in countries if "’" in tr(CountryName(code))]


def test_a_yes_no_question_says_what_it_wants_of_an_unread_reply() -> None:
    """"Universidad de Guadalajara" at "Have you received an award?": yes or no, not "the
    number of your choice"."""
    at_award = say(State(), *TYPICAL[:16])
    assert refusal(typed(at_award, "Universidad de Guadalajara")) == \
        "Please answer yes or no with the buttons."
