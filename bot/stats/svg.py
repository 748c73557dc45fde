"""Two small inline-SVG charts (horizontal bars, weekly columns) for the HTML statistics report.

Plain SVG rather than a plotting library: the report needs two chart shapes that must embed in
one offline HTML file, print sharply and show suppressed cells ("< 5") in their own style.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from unicodedata import east_asian_width

WIDTH = 800
LABEL_WIDTH = 270
VALUE_WIDTH = 80
BAR = 14
GAP = 4
ROW_GAP = 12
LEGEND = 26
# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
HATCH = ('<defs><pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse" '
         'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
         '<line x1="0" y1="0" x2="0" y2="6" stroke="#999" stroke-width="3"/></pattern></defs>')


@dataclass(frozen=True)
class Value:
    """One bar: its length in data units and the text written beside it."""

    length: float
    label: str
    hidden: bool = False      # a suppressed small count: drawn hatched, never to scale


def _short(text: str, limit: int = 31) -> str:
    """Cut a label to fit left of the bars (a CJK character is about two Latin ones wide)."""
    used = 0
    for i, char in enumerate(text):
        used += 2 if east_asian_width(char) in "WF" else 1
        if used > limit:
            return text[:i - 1] + "…"
    return text


def _legend(series: Sequence[str], x: float = 0) -> list[str]:
    parts = []
    for i, name in enumerate(series):
        parts.append(f'<rect x="{x:.0f}" y="6" width="12" height="12" '
                     f'fill="{COLOURS[i % len(COLOURS)]}"/>'
                     f'<text x="{x + 17:.0f}" y="16">{escape(name)}</text>')
        x += 30 + 7.5 * len(name)
    return parts


def _bar(x: float, y: float, w: float, h: float, value: Value, colour: str, hatch: str) -> str:
    if value.hidden:
        return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
                f'fill="url(#{hatch})" stroke="{colour}" stroke-dasharray="3 2"/>')
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{colour}"/>'


def _svg(chart_id: str, title: str, height: float, body: list[str]) -> str:
    return (f'<svg class="chart" role="img" aria-labelledby="{chart_id}-t" '
            f'viewBox="0 0 {WIDTH} {height:.0f}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{chart_id}-t">{escape(title)}</title>'
            f'{HATCH.format(id=chart_id + "-h")}{"".join(body)}</svg>')


def bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, Sequence[Value]]],
              series: Sequence[str]) -> str:
    """Horizontal bars, one group per row and one bar per series, labelled with their values."""
    top = LEGEND if len(series) > 1 else 4
    group = len(series) * (BAR + GAP) - GAP
    scale_max = _scale([v for _, values in rows for v in values])
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    body = _legend(series) if len(series) > 1 else []
    y = float(top)
    for label, values in rows:
        body.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + group / 2 + 4:.1f}" text-anchor="end">'
                    f'{escape(_short(label))}</text>')
        for i, value in enumerate(values):
            w = max(span * value.length / scale_max, 1.5)
            colour = COLOURS[i % len(COLOURS)]
            body.append(_bar(LABEL_WIDTH, y, w, BAR, value, colour, chart_id + "-h"))
            body.append(f'<text x="{LABEL_WIDTH + w + 5:.1f}" y="{y + BAR - 3:.1f}" '
                        f'class="v">{escape(value.label)}</text>')
            y += BAR + GAP
        y += ROW_GAP - GAP
    body.append(f'<line x1="{LABEL_WIDTH}" y1="{top - 2}" x2="{LABEL_WIDTH}" y2="{y:.0f}" '
                f'stroke="#444"/>')
    return _svg(chart_id, title, y + 4, body)


def column_chart(chart_id: str, title: str, columns: Sequence[tuple[str, Sequence[Value]]],
                 series: Sequence[str], height: int = 260) -> str:
    """Vertical columns over time (one group per week), with a few gridlines and their values."""
    left, bottom, top = 40.0, 34.0, float(LEGEND + 14)
    plot_h = height - bottom - top
    scale_max = _scale([v for _, values in columns for v in values])
    step = _nice_step(scale_max)
    scale_max = step * -(-scale_max // step)
    body = _legend(series, left)
    tick = 0.0
    while tick <= scale_max:
        y = top + plot_h * (1 - tick / scale_max)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - 4}" y2="{y:.1f}" '
                    f'stroke="#ddd"/><text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" '
                    f'class="v tick">{tick:g}</text>')
        tick += step
    slot = (WIDTH - left - 4) / max(len(columns), 1)
    bar_w = min(22.0, slot * 0.8 / max(len(series), 1))
    every = max(1, -(-len(columns) * 60 // int(WIDTH - left)))      # labels ≥ 60 units apart
    for n, (label, values) in enumerate(columns):
        x = left + slot * n + (slot - bar_w * len(series)) / 2
        for i, value in enumerate(values):
            h = max(plot_h * value.length / scale_max, 1.5)
            body.append(_bar(x, top + plot_h - h, bar_w, h, value, COLOURS[i % len(COLOURS)],
                             chart_id + "-h"))
            if len(columns) <= 16:
                body.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h - h - 3:.1f}" '
                            f'text-anchor="middle" class="v s">{escape(value.label)}</text>')
            x += bar_w
        if n % every == 0:
            body.append(f'<text x="{left + slot * (n + 0.5):.1f}" y="{height - bottom + 16}" '
                        f'text-anchor="middle">{escape(label)}</text>')
    body.append(f'<line x1="{left}" y1="{top + plot_h:.1f}" x2="{WIDTH - 4}" '
                f'y2="{top + plot_h:.1f}" stroke="#444"/>')
    return _svg(chart_id, title, height, body)


def _scale(values: Sequence[Value]) -> float:
    """The longest bar; when every bar is hidden, four times theirs, so they do not look large."""
    if all(v.hidden for v in values):
        return 4 * max([v.length for v in values] + [1.0])
    return max(v.length for v in values)


def _nice_step(largest: float) -> float:
    """A gridline spacing of 1, 2 or 5 times a power of ten giving at most five lines."""
    step = 1.0
    while largest / step > 5:
        for factor in (2, 2.5, 2):
            step *= factor
            if largest / step <= 5:
                break
    return step
