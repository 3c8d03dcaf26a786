"""The benchmark's markdown: the main table, per-reason scores and the worst documents."""

from __future__ import annotations

from collections.abc import Sequence

from cleaner import scoring
from cleaner.benchrun import DocScore, Row, SystemRun

NOT_AVAILABLE = "n/a"
#: Characters of a line shown in the worst-documents report.
SHOWN_LINE_CHARS = 100
#: Wrong lines listed per worst document; the rest are counted. A page whose gold leaves out a
#: whole section (wcxb has such pages) would otherwise list hundreds of lines.
SHOWN_WRONG_LINES = 40


def number(value: float | None, digits: int = 3) -> str:
    return NOT_AVAILABLE if value is None else f"{value:.{digits}f}"


def rate(value: float | None) -> str:
    if value is None:
        return NOT_AVAILABLE
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    align = ["---" if index == 0 else "---:" for index in range(len(header))]
    lines = [header, align, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def main_table(rows: Sequence[Row], snippets: bool) -> str:
    """One row per system. `snippets` adds the with-kept / without-gone columns."""
    header = ["system", "shingle P", "shingle R", "shingle F1", "token F1", "line P (removal)",
              "line R (removal)", "line F1 (removal)", "gold tokens lost", "docs/s"]
    if snippets:
        header += ["with kept", "without gone", "snippet F1"]
    body = []
    for row in rows:
        cells = [row.name, number(row.shingles.precision), number(row.shingles.recall),
                 number(row.shingles.f1), number(row.token_f1), number(row.lines.precision),
                 number(row.lines.recall), number(row.lines.f1), number(row.tokens_lost),
                 rate(row.docs_per_second)]
        if snippets:
            cells += [number(row.with_kept), number(row.without_gone), number(row.snippet_f1)]
        body.append(cells)
    return markdown_table(header, body)


def per_reason_table(run: SystemRun) -> str:
    """Recall per gold reason and precision per reason the system gave."""
    outcomes = [outcome for score in run.scores for outcome in score.outcomes]
    recall = scoring.recall_by_gold_reason(outcomes)
    precision = scoring.precision_by_predicted_reason(outcomes)
    body = []
    for reason in sorted(set(recall) | set(precision)):
        gold = recall.get(reason, scoring.Confusion())
        given = precision.get(reason, scoring.Confusion())
        body.append([reason, str(gold.tp + gold.fn), number(gold.recall),
                     str(given.tp + given.fp), number(given.precision)])
    header = ["reason", "gold lines", "recall", "dropped with reason", "precision"]
    return markdown_table(header, body)


def passage_failures(score: DocScore) -> list[str]:
    """What went wrong with the page's snippets because of the decisions: a `with` passage the
    input had and the output lost, a `without` passage the output still has."""
    source = scoring.normalize_space(score.doc.text)
    output = scoring.normalize_space(score.verdict.text)
    failures = [f"lost `with` passage: `{_shown(passage)}`" for passage in score.doc.gold_with
                if scoring.normalize_space(passage) in source
                and scoring.normalize_space(passage) not in output]
    failures += [f"kept `without` passage: `{_shown(passage)}`"
                 for passage in score.doc.gold_without
                 if scoring.normalize_space(passage) in output]
    return failures


def damage(score: DocScore) -> int:
    """How much a document's decisions went wrong: the word tokens of its wrong lines (plus one
    per line, so token-less lines count), or on snippet-only pages its passage failures."""
    if score.doc.residue is not None:
        return sum(len(scoring.word_tokens(score.doc.lines[index])) + 1
                   for index in score.wrong_lines)
    return len(passage_failures(score))


def _shown(text: str) -> str:
    text = text.strip().replace("`", "'")
    return text if len(text) <= SHOWN_LINE_CHARS else text[:SHOWN_LINE_CHARS - 1] + "…"


def worst_documents(run: SystemRun, count: int) -> str:
    """The `count` documents with the most damage, each wrong line with the decision, its
    reason and rule; documents without damage are not listed."""
    damaged = [score for score in run.scores if damage(score) > 0]
    damaged.sort(key=lambda score: (-damage(score), score.doc.id))
    blocks = []
    for score in damaged[:count]:
        doc, verdict = score.doc, score.verdict
        head = f"### {doc.id} (shingle F1 {number(score.shingle_f1)}"
        head += f", {len(score.wrong_lines)} wrong lines)" if doc.residue is not None else ")"
        lines = [head]
        for index in score.wrong_lines[:SHOWN_WRONG_LINES]:
            reason = verdict.reasons[index] if verdict.reasons else None
            rule = verdict.rules[index] if verdict.rules else None
            score_text = f", score {verdict.scores[index]:.2f}" if verdict.scores else ""
            if verdict.keep[index]:
                gold = doc.residue[index] if doc.residue else "?"
                call = f"kept{score_text}, gold {gold}"
            else:
                call = f"dropped as {reason or '?'} by {rule or '?'}{score_text}, gold keep"
            lines.append(f"- line {index + 1}: {call}: `{_shown(doc.lines[index])}`")
        hidden = len(score.wrong_lines) - SHOWN_WRONG_LINES
        if hidden > 0:
            lines.append(f"- … and {hidden} more wrong lines")
        if doc.residue is None:
            lines += [f"- {failure}" for failure in passage_failures(score)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
