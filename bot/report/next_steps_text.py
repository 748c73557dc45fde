"""Next steps and the evidence checklist as chat text, Telegram HTML or plain, in messages short
enough for Telegram (4,096 characters)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.common.markup import Markup
from bot.i18n.stops import before_final_stop
from bot.i18n.text import t
from bot.i18n.translator import Translator
from bot.report.next_steps import EvidenceGroup, evidence_groups, next_steps
from bot.report.sources import source_link
from bot.rules.checklist import checklist
from bot.scoring.answers import Answers
from bot.scoring.model import Assessment

# Below Telegram's 4,096 so that markup and a translation's extra length never reach it.
MESSAGE_LIMIT = 3500


def _next_steps_lines(a: Assessment, answers: Answers, tr: Translator, m: Markup) -> list[str]:
    steps = next_steps(a, answers)
    lines = [m.bold(tr(t("Next steps")))]
    for part in steps.lists:
        lines += [m.escape(tr(part.lead))] if part.lead else []
        lines += [f"{n}. {m.escape(tr(step))}" for n, step in enumerate(part.items, start=1)]
    lines += [f"ℹ️ {m.escape(tr(note))}" for note in steps.notes]
    lines += [source_link(source, tr, m) for source in steps.links]
    return lines


def group_title(group: EvidenceGroup, tr: Translator) -> str:
    """A checklist group's heading: number, title, and "(if this is confirmed)" while unknown."""
    title = group.prefix + tr(group.title)
    if group.settled:
        return title
    return before_final_stop(tr, title,
                             lambda body: t("{title} (if this is confirmed)", title=body))


def _checklist_lines(a: Assessment, answers: Answers, tr: Translator, m: Markup) -> list[str]:
    groups = evidence_groups(a, answers)
    if not groups:
        return []
    guidance = checklist().guidance
    lines = [m.bold(tr(t("What to prepare"))),
             m.escape(tr(t("Typical evidence, as a guide: ImmD's own checklist in Part III of the "
                           "Guidance Notes is the authority, and ImmD may ask for originals."))),
             source_link(guidance, tr, m)]
    for group in groups:   # one block: a heading never ends a message without its items
        lines.append("\n".join(["", m.bold(group_title(group, tr)),
                                 *(f"☐ {m.escape(tr(item.text))}" for item in group.items)]))
    return lines


def _messages(lines: Iterable[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Whole lines (or blocks of lines) packed into messages of at most `limit` characters:
    markup never splits."""
    messages: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        if current and size + len(line) + 1 > limit:
            messages.append("\n".join(current).strip("\n"))
            current, size = [], 0
        current.append(line)
        size += len(line) + 1
    if current:
        messages.append("\n".join(current).strip("\n"))
    return messages


def next_steps_text(a: Assessment, answers: Answers, tr: Translator, m: Markup) -> list[str]:
    """What to do now, adapted to the outcome, with the official pages behind it."""
    return _messages(_next_steps_lines(a, answers, tr, m))


def checklist_text(a: Assessment, answers: Answers, tr: Translator, m: Markup) -> list[str]:
    """The typical evidence per prerequisite and criterion; empty when no application fits."""
    return _messages(_checklist_lines(a, answers, tr, m))


def applying_sections(a: Assessment, answers: Answers, tr: Translator, m: Markup) -> list[str]:
    """Next steps, then the checklist when there is one: the messages after a result."""
    return next_steps_text(a, answers, tr, m) + checklist_text(a, answers, tr, m)
