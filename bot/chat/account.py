"""Use cases about the user rather than the questionnaire: language, privacy, their data."""

from __future__ import annotations

from typing import Any

from bot.chat.answering import stale
from bot.chat.messages import Response
from bot.chat.turn import Deps, Extra, Turn, play
from bot.engine.turns import Show
from bot.i18n.languages import resolve
from bot.i18n.text import t
from bot.i18n.translator import translator_for

PRIVACY = t("What I store: your answers to these questions, your results, your chosen language, "
            "the campaign link you came from, and when you used the bot, under your Telegram "
            "user id. No name, username or phone number. Why: to let you continue later and to "
            "count, anonymously, how many people complete the questionnaire. How long: a "
            "questionnaire untouched for 90 days is deleted. /mydata shows everything; /delete "
            "erases it.")


async def language_menu(deps: Deps, turn: Turn) -> Response:
    return deps.views.language_menu(turn.tr)


async def pick_language(deps: Deps, turn: Turn, code: str) -> Response:
    """A language chosen from the menu: stored, then the conversation goes on in it."""
    language = resolve(code)
    if language is None or language.code != code:
        return await stale(deps, turn)
    turn.tr = translator_for(language)
    done = t("Language changed. Your answers are kept.")
    return await play(deps, turn, Show(), toast=turn.tr(done), edit=deps.views.out(turn.tr, done),
                      extra=Extra(language=code))


async def privacy(deps: Deps, turn: Turn) -> Response:
    return deps.views.say(turn.tr, PRIVACY)


async def my_data(deps: Deps, turn: Turn) -> Response:
    """/mydata: the stored answers (assess contract JSON) and the latest result."""
    latest = await deps.store.latest_assessment(turn.user_key)
    data: dict[str, Any] = {"answers": dict(turn.state.answers)}
    if latest is not None:
        data["latest_result"] = {"outcome": latest.outcome, "met_count": latest.met_count,
                                 "unknown_count": latest.unknown_count,
                                 "criteria": latest.criteria,
                                 "rules_effective": latest.rules_effective,
                                 "assessed_on": latest.assessed_on,
                                 "answers": latest.answers}
    return deps.views.data(turn.tr, data)


async def delete(deps: Deps, turn: Turn) -> Response:
    """/delete: ask first; the data goes only after the confirming button."""
    return deps.views.confirm(turn.tr, t("Delete all your answers and results? This cannot be "
                                         "undone."), t("Delete everything"), "delete",
                              turn.state.revision)


async def delete_confirmed(deps: Deps, turn: Turn) -> Response:
    await deps.store.delete_user(turn.user_key, update_id=turn.caller.update_id)
    return deps.views.done(turn.tr, t("All your data has been deleted. Send /start to begin "
                                      "again."))
