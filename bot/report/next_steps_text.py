"""Next steps and the evidence checklist as chat text, Telegram HTML or plain, in messages short
enough for Telegram (4,096 characters), split between sections."""

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

# Telegram's limit is 4,096 UTF-16 code units; the margin leaves room for the right-to-left mark
# each line gets in Arabic.
MESSAGE_LIMIT = 3900


def _next_steps_sections(a: Assessment, answers: Answers, tr: Translator, m: Markup
                         ) -> list[str]:
    """The title with the first list, each further list of steps with its lead, each note, and
    the links together: the blocks a message may end after."""
    steps = next_steps(a, answers)
    lists = [[*([m.escape(tr(part.lead))] if part.lead else []),
              *(f"{n}. {m.escape(tr(step))}" for n, step in enumerate(part.items, start=1))]
             for part in steps.lists] or [[]]
    lists[0].insert(0, m.bold(tr(t("Next steps"))))
    sections = ["\n".join(lines) for lines in lists]
    sections += [f"ℹ️ {m.escape(tr(note))}" for note in steps.notes]
    if steps.links:
        sections.append("\n".join(source_link(source, tr, m) for source in steps.links))
    return sections


def group_title(group: EvidenceGroup, tr: Translator) -> str:
    """A checklist group's heading: number, title, and "(if this is confirmed)" while unknown."""
    title = group.prefix + tr(group.title)
    if group.settled:
        return title
    return before_final_stop(tr, title,
                             lambda body: t("{title} (if this is confirmed)", title=body))


def _checklist_sections(a: Assessment, answers: Answers, tr: Translator, m: Markup
                        ) -> list[str]:
    """The title with what the list is and its source, then each group with its heading: a
    heading never ends a message without its items."""
    groups = evidence_groups(a, answers)
    if not groups:
        return []
    guidance = checklist().guidance
    intro = "\n".join([
        m.bold(tr(t("What to prepare"))),
        m.escape(tr(t("Typical evidence, as a guide: ImmD's own checklist in Part III of the "
                      "Guidance Notes is the authority, and ImmD may ask for originals."))),
        source_link(guidance, tr, m)])
    return [intro, *("\n".join(["", m.bold(group_title(group, tr)),
                                 *(f"☐ {m.escape(tr(item.text))}" for item in group.items)])
                     for group in groups)]


def _telegram_length(text: str) -> int:
    """A text's length as Telegram counts it, in UTF-16 code units (an emoji may be two)."""
    return len(text.encode("utf-16-le")) // 2


def _messages(sections: Iterable[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Whole sections packed into messages of at most `limit`; a section longer than that
    alone is cut between its lines: neither markup nor a line is ever split."""
    messages: list[str] = []
    current: list[str] = []
    size = 0
    for section in sections:
        pieces = [section] if _telegram_length(section) <= limit else section.split("\n")
        for piece in pieces:
            length = _telegram_length(piece) + 1
            if current and size + length > limit:
                messages.append("\n".join(current).strip("\n"))
                current, size = [], 0
            current.append(piece)
            size += length
    if current:
        messages.append("\n".join(current).strip("\n"))
    return messages


def next_steps_text(a: Assessment, answers: Answers, tr: Translator, m: Markup) -> list[str]:
    """What to do now, adapted to the outcome, with the official pages behind it."""
    return _messages(_next_steps_sections(a, answers, tr, m))


def checklist_text(a: Assessment, answers: Answers, tr: Translator, m: Markup) -> list[str]:
    """The typical evidence per prerequisite and criterion; empty when no application fits."""
    return _messages(_checklist_sections(a, answers, tr, m))


def applying_sections(a: Assessment, answers: Answers, tr: Translator, m: Markup) -> list[str]:
    """Next steps, then the checklist when there is one: the messages after a result."""
    return next_steps_text(a, answers, tr, m) + checklist_text(a, answers, tr, m)
