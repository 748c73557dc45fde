"""`qmas-bot`: assess a file of answers, chat in the terminal, or run the Telegram bot."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn, TextIO

from telegram.error import InvalidToken

from bot.common.markup import Plain
from bot.config import Config, ConfigError
from bot.i18n.languages import LANGUAGES, resolve
from bot.i18n.translator import Translator
from bot.outreach.commands import add_commands
from bot.outreach.links import LinkError
from bot.reminders.store import SenderBusy, uncertain
from bot.report.contract import to_json
from bot.report.html_report import render_html
from bot.report.text import result_sections
from bot.rules.ruleset import NoRulesInForce
from bot.scoring.answers import InvalidAnswer, parse_contract_answers
from bot.scoring.assess import assess
from bot.stats.period import Period
from bot.storage.store import Store, StoreError

TOKEN_REJECTED = ("TELEGRAM_BOT_TOKEN: rejected by the Bot API server (check the token from "
                  "@BotFather)")


class UsageError(Exception):
    """Bad input on the command line: reported as one line on stderr with exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date as YYYY-MM-DD, got {text!r}") from None


def _read_answers(path: str) -> object:
    try:
        if path == "-":
            return json.load(sys.stdin)
        with open(path, encoding="utf-8") as fp:
            return json.load(fp)
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not valid JSON: {exc}") from None


def cmd_assess(args: argparse.Namespace) -> int:
    """The contract's `qmas-bot assess`."""
    language = resolve(args.lang)
    if language is None:
        codes = ", ".join(lang.code for lang in LANGUAGES)
        raise UsageError(f"--lang: must be one of {codes}, got {args.lang!r}")
    day = args.date or date.today()
    answers = parse_contract_answers(_read_answers(args.file), day)
    try:
        assessment = assess(answers, day)
    except NoRulesInForce as exc:
        raise UsageError(f"--date: {exc}") from None
    tr = Translator(language)
    if args.format == "json":
        print(json.dumps(to_json(assessment, tr), ensure_ascii=False, indent=2))
    elif args.format == "html":
        sys.stdout.write(render_html(assessment, answers, tr, datetime.now(UTC)))
    else:
        print("\n\n".join(result_sections(assessment, tr, Plain())))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """The Telegram bot; needs TELEGRAM_BOT_TOKEN."""
    from bot.app import run_telegram

    config = Config.from_env()
    if config.token is None:
        raise UsageError("TELEGRAM_BOT_TOKEN: not set (`qmas-bot chat` runs in the terminal)")
    try:
        return run_telegram(config)
    except InvalidToken:
        raise UsageError(TOKEN_REJECTED) from None


def cmd_chat(args: argparse.Namespace) -> int:
    """The terminal chat, on an embedded SQLite file."""
    from bot.app import run_terminal

    language = args.lang or os.environ.get("LANG", "").split(".")[0] or None
    asyncio.run(run_terminal(Config.from_env(), language))
    return 0


def cmd_web(args: argparse.Namespace) -> int:
    """The web chat alone (QMAS_WEB_PORT, default 8080)."""
    from bot.app import run_web

    run_web(Config.from_env())
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    """Telegram when a token is set (with the web chat beside it when QMAS_WEB_PORT is set),
    otherwise the web chat when QMAS_WEB_PORT is set, otherwise the terminal chat."""
    config = Config.from_env()
    if config.token:
        return cmd_run(args)
    return cmd_web(args) if config.web_port else cmd_chat(args)


def _period(args: argparse.Namespace) -> Period:
    end = args.until or date.today()
    start = args.since or end - timedelta(days=29)
    if start > end:
        raise UsageError("--since: must not be after --until")
    return Period(start, end)


def _existing_database() -> Path:
    """The database the read-only commands report on: never create one by mistake."""
    path = Path(Config.from_env().db_path)
    if not path.parent.is_dir():
        raise UsageError(f"QMAS_DB_PATH: no such directory: {path.parent}")
    if not path.is_file():
        raise UsageError(f"QMAS_DB_PATH: no such database: {path}")
    return path


async def _with_store(path: Path, action: Callable[[Store], Awaitable[str]]) -> str:
    store = await Store.open(path)
    try:
        return await action(store)
    finally:
        await store.close()


@contextmanager
def _output(output: str | None) -> Iterator[TextIO]:
    """Standard output, or the file named by -o (one clear line when it cannot be written)."""
    if output in (None, "-"):
        yield sys.stdout
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as fp:
            yield fp
    except OSError as exc:
        raise UsageError(f"{output}: cannot write: {exc.strerror}") from None


def _migrated(path: Path) -> Path:
    """The database, migrated to this version's schema (the reports read its columns)."""
    async def migrate() -> None:
        await (await Store.open(path)).close()
    asyncio.run(migrate())
    return path


def cmd_stats(args: argparse.Namespace) -> int:
    """Outreach statistics over a period (default: the last 30 days)."""
    from bot.stats.cells import publish
    from bot.stats.figures import read_statistics, reading
    from bot.stats.page import stats_report_html
    from bot.stats.text import render_stats
    from conversations.qmas import QMAS

    period, path = _period(args), _migrated(_existing_database())
    with reading(path) as db:
        shown = publish(read_statistics(db, period))
    if args.format == "json":
        text = json.dumps(shown.to_json(), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "html":
        text = stats_report_html(shown, QMAS, generated=date.today())
    else:
        text = render_stats(shown, Translator.for_code("en"), Plain()) + "\n"
    with _output(args.output) as out:
        out.write(text)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Completed questionnaires as CSV with pseudonymous ids, safe to open in a spreadsheet;
    streamed, so memory stays the same whatever the period."""
    from bot.stats.export import write_csv
    from bot.stats.figures import reading

    period, path = _period(args), _migrated(_existing_database())
    with reading(path) as db, _output(args.output) as out:
        write_csv(db, period, out)
    return 0


def cmd_notices(args: argparse.Namespace) -> int:
    """Reminders and rule-change notices due on a day: list them (--dry-run) or send them."""
    from bot.reminders import sender

    day = args.date or date.today()
    config = Config.from_env()
    if args.dry_run:
        async def preview(store: Store) -> str:
            return sender.describe(day, await sender.due(store, day), await uncertain(store))
        print(asyncio.run(_with_store(_existing_database(), preview)))
        return 0
    if config.token is None:
        raise UsageError("TELEGRAM_BOT_TOKEN: not set (needed to send; --dry-run only lists)")
    token = config.token

    async def send(store: Store) -> str:
        from telegram.ext import AIORateLimiter, ExtBot

        from bot.reminders.tracking import TrackedRequest

        limiter = AIORateLimiter(max_retries=3) if config.rate_limit else None
        bot: ExtBot[Any] = ExtBot(token, base_url=f"{config.api_url}/bot" if config.api_url
                                  else "https://api.telegram.org/bot", rate_limiter=limiter,
                                  request=TrackedRequest())
        async with bot:
            report = await sender.run(store, day, sender.telegram_send(bot))
        return report.summary(day)
    try:
        print(asyncio.run(_with_store(_existing_database(), send)))
    except InvalidToken:
        raise UsageError(TOKEN_REJECTED) from None
    except SenderBusy as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """A consistent copy of QMAS_DB_PATH, safe while the bot runs (SQLite's backup API)."""
    from pathlib import Path

    from bot.storage.backup import backup

    source = Config.from_env().db_path
    size = backup(source, Path(args.file))
    print(f"backed up {source} to {args.file} ({size // 1024} KB)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="qmas-bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("assess", help="assess a JSON file of answers (see the assess contract)")
    p.add_argument("--date", type=_day, help="day of application (default: today)")
    p.add_argument("--lang", default="en", help="language of the explanations (default: en)")
    p.add_argument("--format", choices=("json", "text", "html"), default="json",
                   help="html: the self-contained report to keep or print")
    p.add_argument("file", metavar="FILE|-", help="answers file, or - for standard input")
    p.set_defaults(handler=cmd_assess)
    sub.add_parser("run", help="run the Telegram bot (TELEGRAM_BOT_TOKEN)").set_defaults(
        handler=cmd_run, lang=None)
    p = sub.add_parser("chat", help="chat in the terminal")
    p.add_argument("--lang", default=None, help="language code, e.g. zh-hant (default: $LANG)")
    p.set_defaults(handler=cmd_chat)
    for name, handler, help_text in (
            ("stats", cmd_stats, "outreach statistics from QMAS_DB_PATH"),
            ("export", cmd_export, "completed questionnaires as CSV (pseudonymous)")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--since", type=_day, help="first day (default: 30 days ago)")
        p.add_argument("--until", type=_day, help="last day (default: today)")
        formats = ("text", "json", "html") if name == "stats" else ("csv",)
        p.add_argument("--format", choices=formats, default=formats[0])
        p.add_argument("--output", "-o", help="file to write (default: standard output)")
        p.set_defaults(handler=handler)
    p = sub.add_parser("backup", help="copy QMAS_DB_PATH to FILE, safe while the bot runs")
    p.add_argument("file", metavar="FILE", help="the backup file to create (must not exist)")
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("notices", help="reminders and rule-change notices due on a day")
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--dry-run", action="store_true", help="list who would be notified, and why")
    mode.add_argument("--send", action="store_true", help="send them now (TELEGRAM_BOT_TOKEN)")
    p.add_argument("--date", type=_day, help="the day (default: today)")
    p.set_defaults(handler=cmd_notices)
    sub.add_parser("web", help="serve the web chat (QMAS_WEB_PORT, default 8080)").set_defaults(
        handler=cmd_web)
    p = sub.add_parser("start", help="Telegram if TELEGRAM_BOT_TOKEN is set (and the web chat "
                       "if QMAS_WEB_PORT is), else the web chat or the terminal")
    p.add_argument("--lang", default=None, help="language for the terminal chat")
    p.set_defaults(handler=cmd_start)
    add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `qmas-bot` console script."""
    try:
        args = build_parser().parse_args(argv)
        code: int = args.handler(args)
        return code
    except (UsageError, InvalidAnswer, ConfigError, StoreError, LinkError) as exc:
        print(exc, file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error of ours, and never a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        # Ctrl-C before a command installs its own handler (the chat's start-up): leave quietly
        # with the shell's status for an interrupt, never a traceback.
        print(file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
