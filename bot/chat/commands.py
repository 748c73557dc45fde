"""Every command in one registry: the service routes by it, Telegram builds its handlers and its
menu from it, and /help lists it, so a new command is one line here."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.chat import account, admin, answering, lookup, reminders, result
from bot.chat.messages import Response
from bot.chat.turn import Deps, Turn
from bot.i18n.text import Text, t
from bot.reminders.messages import HELP_LINE as REMINDERS_HELP

UseCase = Callable[[Deps, Turn], Awaitable[Response]]


@dataclass(frozen=True)
class Command:
    """`/name`: what it does (`use_case`, reading what followed the name in `turn.arg`), its
    description in the client's menu and its line in /help (None only for an admin's)."""

    name: str
    use_case: UseCase
    menu: Text | None
    help_line: Text | None
    admin: bool = False        # only for the configured admins (never listed)
    reminders: bool = False    # listed in /help only where reminders can be sent


# In the order of the menu.
COMMANDS: tuple[Command, ...] = (
    Command("start", answering.start, t("Start or continue the questionnaire"),
            t("/start: start or continue the questionnaire")),
    Command("back", answering.back, t("Go back one question"),
            t("/back: go back one question")),
    Command("review", answering.review, t("See and change your answers"),
            t("/review: see and change your answers")),
    Command("result", answering.result, t("See your result"), t("/result: see your result")),
    Command("nextsteps", result.next_steps, t("Next steps"),
            t("/nextsteps: what to do next and what to prepare")),
    Command("language", account.language_menu, t("Change language"),
            t("/language: change language")),
    Command("restart", answering.restart, t("Start again"), t("/restart: start again")),
    Command("help", answering.help_, t("How this works"), t("/help: this list")),
    Command("privacy", account.privacy, t("What is stored and why"),
            t("/privacy: what is stored")),
    Command("mydata", account.my_data, t("Show your stored data"),
            t("/mydata: your stored data")),
    Command("delete", account.delete, t("Erase your data"), t("/delete: erase your data")),
    Command("reminders", reminders.list_, t("My reminders"), REMINDERS_HELP, reminders=True),
    Command("report", result.report, t("Your full result as a document to keep"),
            t("/report: your result as a document to keep")),
    Command("university", lookup.university, t("Check a university"),
            t("/university NAME: is this university on the list?")),
    Command("fees", lookup.fees, t("ImmD's fees for your household"),
            t("/fees N: ImmD's fees for N people, yourself included")),
    Command("stats", admin.stats, None, None, admin=True),
)


def split_command(text: str) -> tuple[str, str] | None:
    """A typed command as (name, what followed it): "/University@qmas_bot MIT" is
    ("university", "MIT"); None when `text` is not a command."""
    if not text.startswith("/"):
        return None
    name, _, arg = text[1:].partition(" ")
    return name.partition("@")[0].lower(), arg.strip()
