"""Use cases of a result once shown: its sections opened in place, the next steps, /report."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.chat.answering import stale
from bot.chat.messages import Document, Out, Response
from bot.chat.turn import Deps, Turn, answers_of
from bot.i18n.text import t
from bot.report.html_report import report_document
from bot.report.next_steps_text import applying_sections
from bot.report.text import section_names
from bot.scoring.answers import Answers
from bot.scoring.assess import assess
from bot.scoring.model import Assessment
from bot.storage.stats import OPENED_NEXT_STEPS, OPENED_REPORT
from bot.storage.writes import Write

PDF_CAPTION = t("Your QMAS pre-screening report as a PDF, to read, keep or print.")
HTML_CAPTION = t("The same report as a web page, to open in a browser.")
OUTDATED = t("This result may be out of date: you have answered again since it was shown. Send "
             "/result to see the current one.")
NO_ANSWERS = t("Answer a few questions first: the report is made from your answers. Send /start.")


def _assessed(deps: Deps, turn: Turn) -> tuple[Assessment, Answers]:
    """The answers so far, read as the contract reads them, and their assessment today."""
    day = deps.today()
    answers = answers_of(turn.state, day)
    return assess(answers, day), answers


async def _record(deps: Deps, turn: Turn, kind: str) -> None:
    """A follow-up statistics event (who opened what), saved in its own one transaction."""
    await deps.store.save(turn.user_key, Write(events=((kind, None),)),
                          update_id=turn.caller.update_id)


async def open_section(deps: Deps, turn: Turn, revision: int, name: str) -> Response:
    """A result's button: its section in place of the message, or the next steps below it."""
    if revision < turn.state.revision and turn.state.answers:   # an earlier result's button
        return Response(edit=deps.views.out(turn.tr, OUTDATED), language=turn.tr.language.code)
    assessment, answers = _assessed(deps, turn)
    known = (*section_names(assessment), "summary", "steps")
    if revision != turn.state.revision or name not in known or not turn.state.answers:
        return await stale(deps, turn)
    tr, views = turn.tr, deps.views
    if name == "steps":
        await _record(deps, turn, OPENED_NEXT_STEPS)
        texts = applying_sections(assessment, answers, tr, views.m)
        return Response(tuple(Out(text) for text in texts), language=tr.language.code)
    return Response(edit=views.result(assessment, tr, revision, name),
                    language=tr.language.code)


async def report(deps: Deps, turn: Turn) -> Response:
    """/report: the whole result as a PDF (when a printer is configured) and as an HTML
    document to keep, print or forward."""
    if not turn.state.answers:
        return deps.views.say(turn.tr, NO_ANSWERS)
    assessment, answers = _assessed(deps, turn)
    made_at = datetime.fromtimestamp(deps.clock(), UTC)
    unfinished = deps.engine.current(turn.state) is not None
    document = report_document(assessment, answers, turn.tr, made_at, unfinished=unfinished)
    await _record(deps, turn, OPENED_REPORT)
    html = Document(document.filename, document.content, document.caption)
    pdf = await deps.pdf(document.content) if deps.pdf is not None else None
    if pdf is None:
        return Response(documents=(html,), language=turn.tr.language.code)
    printed = Document(document.filename.removesuffix(".html") + ".pdf", pdf,
                       turn.tr(PDF_CAPTION))
    web_page = Document(html.filename, html.data, turn.tr(HTML_CAPTION))
    return Response(documents=(printed, web_page), language=turn.tr.language.code)
