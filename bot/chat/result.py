"""Use cases of a result once shown: its sections opened in place, the next steps
(/nextsteps too), /report."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.chat.messages import Document, Out, Response
from bot.chat.turn import Deps, Turn, answers_of, settle, shown
from bot.engine.turns import NEXT_STEPS, Open, Report, Result, Section, SendReport
from bot.i18n.text import t
from bot.report.html_report import report_document
from bot.report.next_steps_text import applying_sections
from bot.report.text import section_names
from bot.scoring.answers import Answers
from bot.scoring.assess import assess
from bot.scoring.model import Assessment

PDF_CAPTION = t("Your QMAS pre-screening report as a PDF, to read, keep or print.")
HTML_CAPTION = t("The same report as a web page, to open in a browser.")


def _assessed(deps: Deps, turn: Turn) -> tuple[Assessment, Answers]:
    """The answers so far, read as the contract reads them, and their assessment today."""
    day = deps.today()
    answers = answers_of(turn.state, day)
    return assess(answers, day), answers


async def open_section(deps: Deps, turn: Turn, revision: int, name: str) -> Response:
    """A result's button: its section in place of the message, or the next steps below it
    (the engine tells a current button from a stale one)."""
    assessment, answers = _assessed(deps, turn)
    offered = (*section_names(assessment), "summary", NEXT_STEPS)
    settled = await settle(deps, turn, Open(revision, name, offered))
    act = settled.outcome.act
    if not isinstance(act, Section):
        return shown(deps, turn, settled)
    tr, views = turn.tr, deps.views
    if act.name == NEXT_STEPS:
        texts = applying_sections(assessment, answers, tr, views.m)
        return Response(tuple(Out(text) for text in texts), language=tr.language.code)
    return Response(edit=views.result(assessment, tr, revision, act.name),
                    language=tr.language.code)


async def next_steps(deps: Deps, turn: Turn) -> Response:
    """/nextsteps: the result's next steps once every question is answered; before that, what
    /result shows (the result so far, said to be partial, and the question left)."""
    settled = await settle(deps, turn, Result())
    if settled.outcome.prompt is not None or settled.assessment is None:
        return shown(deps, turn, settled)
    answers = answers_of(settled.outcome.state, deps.today())   # the state just assessed
    texts = applying_sections(settled.assessment, answers, turn.tr, deps.views.m)
    return Response(tuple(Out(text) for text in texts), language=turn.tr.language.code)


async def report(deps: Deps, turn: Turn) -> Response:
    """/report: the whole result as a PDF (when a printer is configured) and as an HTML
    document to keep, print or forward."""
    settled = await settle(deps, turn, Report())
    act = settled.outcome.act
    if not isinstance(act, SendReport):
        return shown(deps, turn, settled)
    assessment, answers = _assessed(deps, turn)
    made_at = datetime.fromtimestamp(deps.clock(), UTC)
    document = report_document(assessment, answers, turn.tr, made_at,
                               unfinished=act.unfinished)
    html = Document(document.filename, document.content, document.caption)
    pdf = await deps.pdf(document.content) if deps.pdf is not None else None
    if pdf is None:
        return Response(documents=(html,), language=turn.tr.language.code)
    printed = Document(document.filename.removesuffix(".html") + ".pdf", pdf,
                       turn.tr(PDF_CAPTION))
    web_page = Document(html.filename, html.data, turn.tr(HTML_CAPTION))
    return Response(documents=(printed, web_page), language=turn.tr.language.code)
