"""The assessment as the contract's JSON, with every text rendered in one language."""

from __future__ import annotations

from bot.i18n.translator import Translator
from bot.report.sources import source_json
from bot.report.text import headline
from bot.scoring.model import Assessment, Check


def _check(check: Check, tr: Translator, key: str = "id") -> dict[str, object]:
    finding = check.finding
    return {
        key: check.id,
        "status": str(finding.status),
        "title": tr(check.title),
        "explanation": tr(finding.explanation),
        "how_to_meet": tr(finding.how_to_meet) if finding.how_to_meet is not None else "",
    }


def record(a: Assessment) -> dict[str, object]:
    """The part of `to_json` that storage keeps (outcome, counts, statuses, dates), with no
    text rendered: the whole document renders about 70 texts that would be thrown away."""
    return {"outcome": str(a.outcome), "met_count": a.met_count,
            "unknown_count": a.unknown_count,
            "criteria": [{"status": str(c.finding.status)} for c in a.criteria],
            "rules_effective": a.rules.effective.isoformat(),
            "assessed_on": a.assessed_on.isoformat()}


def to_json(a: Assessment, tr: Translator) -> dict[str, object]:
    """The fixed keys of the contract first, then the extras (what-if, rule sources, notes)."""
    criteria = [{"number": c.number, **_check(c, tr), "provisional": c.finding.provisional}
                for c in a.criteria]
    rules = a.rules
    return {
        "scheme": rules.scheme,
        "rules_effective": rules.effective.isoformat(),
        "assessed_on": a.assessed_on.isoformat(),
        "nationality_eligible": a.nationality_eligible,
        "prerequisites": [_check(p, tr) for p in a.prerequisites],
        "criteria": criteria,
        "met_count": a.met_count,
        "unknown_count": a.unknown_count,
        "threshold": a.threshold,
        "outcome": str(a.outcome),
        "achievement_test": {k: v for k, v in _check(a.achievement_test, tr).items() if k != "id"},
        "alternatives": [_check(alt, tr, key="scheme") for alt in a.alternatives],
        "institutions": [{"answer": c.answer, "typed": c.typed, "counted_as": c.institution,
                          "school": c.school} for c in a.counted],
        "headline": tr(headline(a)),
        "nationality": _check(a.nationality_check, tr),
        "what_if": {
            "needed": a.what_if.needed,
            "reachable": a.what_if.reachable,
            "plan": [{"kind": str(s.kind), "criteria": list(s.criteria), "months": s.months,
                      "text": tr(s.text)} for s in a.what_if.plan],
            "warnings": [tr(w) for w in a.what_if.warnings],
            "gate": tr(a.what_if.gate) if a.what_if.gate is not None else None,
        },
        "other_routes": [{"id": r.id, "text": tr(r.text), **{
            k: v for k, v in source_json(r.source, tr).items() if k != "id"}}
            for r in a.other_routes],
        "notes": [tr(n) for n in a.notes],
        "rules": {
            "name": rules.name,
            "effective": rules.effective.isoformat(),
            "sources_read": rules.sources_read.isoformat(),
            "university_list_version": (a.university_list_version.isoformat()
                                        if a.university_list_version else None),
            "currency_rates_as_of": a.rates_as_of.isoformat(),
            "provisional": sorted(rules.provisional),
            "sources": [source_json(s, tr) for s in rules.sources],
        },
        "language": tr.language.code,
    }
