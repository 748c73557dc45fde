"""Next steps and the evidence checklist as chat text: one message each, Telegram HTML or plain."""

from __future__ import annotations

from bot.i18n.text import t
from bot.i18n.translator import Translator
from bot.report.markup import Markup
from bot.report.next_steps import evidence_groups, next_steps
from bot.rules.checklist import checklist
from bot.scoring.answers import Answers
from bot.scoring.model import Assessment


def next_steps_text(a: Assessment, answers: Answers, tr: Translator, m: Markup) -> str:
    """What to do now, adapted to the outcome, with the official pages behind it."""
    steps = next_steps(a, answers)
    lines = [m.bold(tr(t("Next steps")))]
    lines += [f"{n}. {m.escape(tr(step))}" for n, step in enumerate(steps.steps, start=1)]
    lines += [f"ℹ️ {m.escape(tr(note))}" for note in steps.notes]
    lines += [f"🔗 {m.link(source.title, source.url)}" for source in steps.links]
    return "\n".join(lines)


def checklist_text(a: Assessment, answers: Answers, tr: Translator, m: Markup) -> str | None:
    """The typical evidence per prerequisite and criterion; `None` when no application fits."""
    groups = evidence_groups(a, answers)
    if not groups:
        return None
    guidance = checklist().guidance
    lines = [m.bold(tr(t("What to prepare"))),
             m.escape(tr(t("Typical evidence, as a guide: ImmD's own checklist in Part III of the "
                           "Guidance Notes is the authority, and ImmD may ask for originals."))),
             f"🔗 {m.link(guidance.title, guidance.url)}"]
    for group in groups:
        flag = "" if group.settled else " (" + tr(t("if this is confirmed")) + ")"
        lines += ["", m.bold(group.prefix + tr(group.title) + flag)]
        lines += [f"☐ {m.escape(tr(item.text))}" for item in group.items]
    return "\n".join(lines)


def applying_sections(a: Assessment, answers: Answers, tr: Translator, m: Markup) -> list[str]:
    """Next steps, then the checklist when there is one: the messages after a result."""
    checklist_message = checklist_text(a, answers, tr, m)
    return [next_steps_text(a, answers, tr, m),
            *([checklist_message] if checklist_message else [])]
