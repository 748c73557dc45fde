"""The report's stylesheet, inline in every document: screen and A4 print, both directions.

Logical properties (`margin-inline-start`, `border-inline-start`) make one stylesheet serve
left-to-right and right-to-left scripts; long words and addresses wrap so nothing overflows,
and no paragraph ends on a lone character (a CJK title's last character on a line of its own).
Korean breaks lines between words, as it spaces them, never inside one ("기준을").
"""

CSS = """
:root { --met: #1b7f3b; --not: #b3261e; --unk: #8a5a00; --ink: #1c1c1c; --mute: #555; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans", "Noto Sans CJK TC", "Noto Sans CJK SC", "Noto Sans Arabic",
  "Noto Sans Devanagari", "Noto Sans CJK JP", "Noto Sans CJK KR", sans-serif; }
:lang(zh-Hans) { font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; }
:lang(zh-Hant) { font-family: "Noto Sans CJK TC", "Noto Sans", sans-serif; }
:lang(ja) { font-family: "Noto Sans CJK JP", "Noto Sans", sans-serif; }
:lang(ko) { font-family: "Noto Sans CJK KR", "Noto Sans", sans-serif; word-break: keep-all; }
:lang(ar) { font-family: "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans", sans-serif; }
body { color: var(--ink); margin: 0 auto; max-width: 48rem; padding: 1.5rem;
  line-height: 1.5; font-size: 15px; overflow-wrap: anywhere; text-wrap: pretty; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 2px solid #ddd; break-after: avoid; }
h3 { font-size: 1rem; margin: .8rem 0 .2rem; break-after: avoid; }
p { margin: .3rem 0; }
a { color: #0b57d0; overflow-wrap: anywhere; word-break: break-all; }
ul, ol { margin: .3rem 0; padding-inline-start: 1.4rem; }
li { margin: .2rem 0; break-inside: avoid; }
.meta, .note, #about { color: var(--mute); }
.meta { font-size: .9rem; }
.unfinished { margin: 0 0 .8rem; padding: .5rem .8rem; border: 2px solid var(--unk); }
#summary { margin: 1rem 0; padding: .8rem 1rem; border-radius: 6px;
  border-inline-start: 6px solid var(--unk); background: #fbf6ea; }
#summary.met { border-color: var(--met); background: #edf7ef; }
#summary.not_met { border-color: var(--not); background: #fbeeed; }
.headline { font-weight: 700; font-size: 1.1rem; }
.check { margin: .5rem 0; padding: .4rem .7rem; border-inline-start: 4px solid var(--unk);
  background: #fafafa; break-inside: avoid; }
.check.met { border-color: var(--met); }
.check.not_met { border-color: var(--not); }
.check .head { margin: 0; }
.num { display: inline-block; min-width: 1.6rem; font-weight: 700; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 3px; font-size: .8rem;
  color: #fff; background: var(--unk); margin-inline-end: .3rem; }
.met .badge { background: var(--met); }
.not_met .badge { background: var(--not); }
.why, .how { font-size: .93rem; }
.group { break-inside: avoid; }
.group ul { list-style: none; padding-inline-start: .4rem; }
.links li { font-size: .85rem; }
.disclaimer { margin-top: 1rem; padding: .6rem .8rem; border: 1px solid #ccc; font-weight: 600; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  #summary, .check, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  section { break-inside: auto; }
}
"""
