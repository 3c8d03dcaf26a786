"""The --report page: one self-contained HTML file to review what a batch dropped and why.

Inline CSS and JS only, and a Content-Security-Policy that forbids fetching anything, so the
page works offline and a hostile scraped line cannot load a resource. Every piece of text goes
through html.escape.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from cleaner.result import LineDecision

#: The page holds the first documents of a batch, up to both caps: a browser stays responsive
#: with a few hundred documents of ordinary length, and a page of ~100k lines is ~10 MB.
REPORT_MAX_DOCUMENTS = 500
REPORT_MAX_LINES = 100_000

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}
table{border-collapse:collapse}td,th{padding:.1em .8em;text-align:right}th:first-child,
td:first-child{text-align:left}.cap{background:#fff3cd;padding:.5em}
form{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ccc}
section.doc{margin:1.5em 0;border-top:2px solid #888}h2{font-size:1em;margin:.5em 0}
h2 small{font-weight:normal;color:#666}.line{white-space:pre-wrap;min-height:1.2em}
.line.drop{color:#999}.why{color:#a00;font-size:.85em;margin-left:1em}
.line.match{background:#ffe98a}.dropped-only .line.keep{display:none}
"""

_JS = """
const reason = document.getElementById('reason');
const droppedOnly = document.getElementById('dropped-only');
function applyFilters() {
  const wanted = reason.value;
  document.body.classList.toggle('dropped-only', droppedOnly.checked);
  for (const doc of document.querySelectorAll('section.doc')) {
    doc.hidden = wanted !== '' && !doc.dataset.reasons.split(' ').includes(wanted);
  }
  for (const line of document.querySelectorAll('.line.drop')) {
    line.classList.toggle('match', wanted !== '' && line.dataset.reason === wanted);
  }
}
reason.addEventListener('change', applyFilters);
droppedOnly.addEventListener('change', applyFilters);
applyFilters();
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


class ReportBuilder:
    """Collects the first documents of a batch, then renders the page with the batch totals."""

    def __init__(self, max_documents: int = REPORT_MAX_DOCUMENTS,
                 max_lines: int = REPORT_MAX_LINES) -> None:
        self.max_documents = max_documents
        self.max_lines = max_lines
        self.documents: list[tuple[str, Sequence[LineDecision]]] = []
        self.lines = 0
        self.seen = 0

    def add(self, title: str, decisions: Sequence[LineDecision]) -> None:
        self.seen += 1
        if len(self.documents) < self.max_documents and self.lines < self.max_lines:
            self.documents.append((title, decisions))
            self.lines += len(decisions)

    def render(self, summary: str, dropped: Mapping[str, Sequence[int]]) -> str:
        """The page; `dropped` maps each reason to (lines, characters) over the whole batch."""
        parts = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
                 f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
                 "<title>cleaner report</title>", f"<style>{_CSS}</style></head><body>",
                 "<h1>cleaner report</h1>", f'<p class="summary">{_esc(summary)}</p>',
                 _totals_table(dropped)]
        if len(self.documents) < self.seen:
            parts.append(f'<p class="cap">This page shows the first {len(self.documents)} of '
                         f"{self.seen} documents ({self.lines} lines); the totals above cover "
                         "them all. Use --explain for every line of every document.</p>")
        parts.append(_filters(dropped))
        parts.extend(_document(title, decisions) for title, decisions in self.documents)
        parts.append(f"<script>{_JS}</script></body></html>\n")
        return "\n".join(parts)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _totals_table(dropped: Mapping[str, Sequence[int]]) -> str:
    rows = "".join(f"<tr><td>{_esc(reason)}</td><td>{lines}</td><td>{chars}</td></tr>"
                   for reason, (lines, chars) in sorted(dropped.items()))
    return ("<table><caption>Dropped, by reason</caption>"
            f"<tr><th>reason</th><th>lines</th><th>characters</th></tr>{rows}</table>")


def _filters(dropped: Mapping[str, Sequence[int]]) -> str:
    options = "".join(f'<option value="{_esc(reason)}">{_esc(reason)} '
                      f"({counts[0]} lines)</option>" for reason, counts in sorted(dropped.items()))
    return ('<form><label>Documents with lines dropped as <select id="reason">'
            f'<option value="">(all documents)</option>{options}</select></label> '
            '<label><input type="checkbox" id="dropped-only"> dropped lines only</label></form>')


def _document(title: str, decisions: Sequence[LineDecision]) -> str:
    reasons = sorted({d.reason.value for d in decisions if not d.keep and d.reason})
    dropped = sum(not d.keep for d in decisions)
    lines = "\n".join(_line(d) for d in decisions)
    return (f'<section class="doc" data-reasons="{_esc(" ".join(reasons))}">'
            f"<h2>{_esc(title)} <small>{len(decisions)} lines, {dropped} dropped</small></h2>"
            f"\n{lines}</section>")


def _line(decision: LineDecision) -> str:
    if decision.keep:
        return f'<div class="line keep">{_esc(decision.text)}</div>'
    reason = decision.reason.value if decision.reason else "dropped"
    why = f"{reason} · {decision.rule or '?'} · {decision.score:.2f}"
    return (f'<div class="line drop" data-reason="{_esc(reason)}"><del>{_esc(decision.text)}'
            f'</del><span class="why">{_esc(why)}</span></div>')
