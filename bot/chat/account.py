"""Use cases about the user rather than the questionnaire: language, privacy, their data."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from bot.chat import reminders
from bot.chat.answering import stale
from bot.chat.messages import Response
from bot.chat.turn import Deps, Extra, Turn, play
from bot.engine.turns import Show
from bot.i18n.languages import resolve
from bot.i18n.text import Text, t, tn
from bot.i18n.translator import translator_for
from bot.reminders.messages import PRIVACY as REMINDERS_PRIVACY
from bot.storage.feedback import feedback_of


def privacy_text(days: int) -> Text:
    """What is stored, why and for how long (`days`: the configured retention)."""
    return tn("What I store: your answers to these questions, your results, your chosen language, "
              "the campaign link you came from, when you first and last used the bot, and a log "
              "of when you answered each question, under your Telegram user ID (on the web page: "
              "a random identifier kept in a browser cookie). No name, username or phone number. "
              "Why: to let you continue later and to count, anonymously, how many people complete "
              "the questionnaire. How long: everything linked to you is deleted {n} day after "
              "your last message. Your results are then kept only for statistics, unlinked from "
              "you and without your answers (only which criteria were met), with no time limit. "
              "/mydata sends you all of it; /delete erases it now, results included.",
              "What I store: your answers to these questions, your results, your chosen language, "
              "the campaign link you came from, when you first and last used the bot, and a log "
              "of when you answered each question, under your Telegram user ID (on the web page: "
              "a random identifier kept in a browser cookie). No name, username or phone number. "
              "Why: to let you continue later and to count, anonymously, how many people complete "
              "the questionnaire. How long: everything linked to you is deleted {n} days after "
              "your last message. Your results are then kept only for statistics, unlinked from "
              "you and without your answers (only which criteria were met), with no time limit. "
              "/mydata sends you all of it; /delete erases it now, results included.", days)


def backups_text(days: int) -> Text:
    """How long copies of the database outlive /delete: the operator keeps each backup no
    longer than the retention (docs/operations.md)."""
    return tn("Backups: to recover from a fault, the operator keeps copies of the database, "
              "each for at most {n} day. /delete erases your data from the bot at once; copies "
              "made before it still hold it until they are deleted, at most {n} day later.",
              "Backups: to recover from a fault, the operator keeps copies of the database, "
              "each for at most {n} days. /delete erases your data from the bot at once; copies "
              "made before it still hold it until they are deleted, at most {n} days later.",
              days)


FEEDBACK = t("If you tell me whether this pre-screening was useful (and why), or whether you "
             "applied, your answers are kept with your data and erased with it by /delete; "
             "the statistics only count them.")


async def language_menu(deps: Deps, turn: Turn) -> Response:
    return deps.views.language_menu(turn.tr)


async def pick_language(deps: Deps, turn: Turn, code: str) -> Response:
    """A language chosen from the menu: stored, then the conversation goes on in it."""
    language = resolve(code)
    if language is None or language.code != code:
        return await stale(deps, turn)
    turn.tr = translator_for(language)
    done = t("Language changed. Your answers are kept.")
    return await play(deps, turn, Show(result=True), toast=turn.tr(done),
                      edit=deps.views.out(turn.tr, done), extra=Extra(language=code))


async def privacy(deps: Deps, turn: Turn) -> Response:
    """/privacy: what is stored, why, for how long (the configured retention) and reminders."""
    return deps.views.say(turn.tr, privacy_text(deps.retention_days), REMINDERS_PRIVACY,
                          FEEDBACK, backups_text(deps.retention_days))


async def my_data(deps: Deps, turn: Turn) -> Response:
    """/mydata: everything held about the user, and their answers as an assess file."""
    answers = dict(turn.state.answers)
    everything: dict[str, Any] = {"answers": answers,
                                  **await deps.store.user_data(turn.user_key)}
    reminder_data = await reminders.my_data(deps, turn.user_key)
    if reminder_data is not None:
        everything["reminders"] = reminder_data
    said = await feedback_of(deps.feedback, turn.user_key)
    if said is not None:
        everything["feedback"] = asdict(said)
    return deps.views.data(turn.tr, answers, everything)


async def delete(deps: Deps, turn: Turn) -> Response:
    """/delete: ask first; the data goes only after the confirming button."""
    return deps.views.confirm(turn.tr, t("Delete all your answers and results? This cannot be "
                                         "undone."), t("Delete everything"), "delete",
                              turn.state.revision)

