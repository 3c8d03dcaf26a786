"""Choosing the line model's thresholds, and its held-out scores, on lines the scoring
ensemble was not fitted on: the calibration pages (training pages kept out of the fit) and the
fitted pages' out-of-fold scores (see cleaner.train).

Per ensemble and precision preset, the threshold is the lowest probability at which the lines
only that ensemble drops (the rules keep them, the ensemble judges them) cost at most the
preset's budget of article tokens, on every extractor's text with enough pages to say so.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from typing import Any

from cleaner.treefit import probabilities

#: Budget of article text the model's own drops may cost, per preset: the largest share of a
#: page's article tokens (averaged over pages, per extractor, on the calibration pages) that
#: the lines only the model drops may hold. The threshold is the lowest probability that stays
#: within budget for every extractor. The issue allows losing at most 0.5 points of recall in
#: all; the rules already spend some, and "high" spends almost nothing. Tokens undercount what
#: a wrong drop costs: with "balanced" at 0.002 (threshold 0.8925 once calibration needed 30
#: pages per input), 4.4% of the model's own drops on the calibration pages were article
#: lines, among them a review's subheadings ("In use", "Pricing and the competition"). At
#: 0.0005 (0.915) that was 2.1%; the model retrained on the next round's rules was at 3.6%,
#: retrained on the consent-manager and form-plugin rules at 3.3% (0.9175), on the
#: widget-header, form-label and button rules at 3.6% (0.92), on the reCAPTCHA and
#: comment-control rules at 2.7% (0.9325), and on the invisible-line rule at 2.2% (0.9325).
LOSS_BUDGETS = {"high": 0.0002, "balanced": 0.0005, "recall": 0.002}
#: The same budgets for the prose ensemble's drops (cleaner.model.judged_by), spent on top of
#: the line ensemble's, where None means the ensemble is off at that preset (threshold 1: it
#: never drops, and the pipeline does not run it). Each of its wrong drops is a sentence of the
#: article, so it speaks at the recall preset only. With budgets of 0.01% and 0.02% at high and
#: balanced, it dropped 207 sentences on the calibration pages at 96.6% residue, but on the
#: corpus's test split, labelled by this project's guidelines ("when in doubt, keep"), one of
#: its two drops was a tabloid story's closing sentence after an ad and a newsletter box: the
#: golds it learns from leave such trailing lines out more often than this project does.
PROSE_LOSS_BUDGETS: dict[str, float | None] = {"high": None, "balanced": None, "recall": 0.001}
#: The threshold of an ensemble that is off at a preset.
OFF = 1.0
#: Fewest calibration pages an input needs before its loss may set a threshold. The corpus
#: input had 6 calibration pages: one page's lines moved its mean loss past every budget, so
#: the corpus alone held every preset at 0.95 while wcxb's and readability's 150-odd pages per
#: input would have allowed far lower thresholds. Inputs with fewer pages are still reported
#: in held_out; when no input has enough, all of them count.
MIN_CALIBRATION_PAGES = 30
#: Candidate thresholds, from an even chance to near certainty.
CANDIDATES = tuple(round(0.5 + 0.0025 * step, 4) for step in range(200))
#: Digits kept of the scores written into the file (weights keep full precision).
SCORE_DIGITS = 4


@dataclasses.dataclass
class Table:
    """Feature rows and labels of one role, with what calibration needs per line."""

    rows: list[tuple[float, ...]] = dataclasses.field(default_factory=list)
    labels: list[int] = dataclasses.field(default_factory=list)
    rule_drops: list[bool] = dataclasses.field(default_factory=list)  # dropped by rules
    # judged by the line ensemble, by the prose ensemble (see cleaner.model.judged_by)
    judged: list[bool] = dataclasses.field(default_factory=list)
    prose: list[bool] = dataclasses.field(default_factory=list)
    tokens: list[int] = dataclasses.field(default_factory=list)  # word tokens of the line
    documents: list[tuple[str, int, int]] = dataclasses.field(default_factory=list)
    # (input, first row, end row) per document


#: A Table's per-line columns: every field but `documents`.
_LINE_COLUMNS = tuple(field.name for field in dataclasses.fields(Table)
                      if field.name != "documents")


def merged(tables: Sequence[Table]) -> Table:
    """The tables as one, their documents in order."""
    whole = Table()
    for table in tables:
        offset = len(whole.rows)
        for column in _LINE_COLUMNS:
            getattr(whole, column).extend(getattr(table, column))
        whole.documents.extend((name, first + offset, end + offset)
                               for name, first, end in table.documents)
    return whole


def model_drops(table: Table, scores: Sequence[float], row: int, threshold: float) -> bool:
    """Whether the pipeline's model drops the row's line (the rules keep it) at `threshold`."""
    return table.judged[row] and not table.rule_drops[row] and scores[row] >= threshold


def model_only_loss(table: Table, scores: Sequence[float], threshold: float) -> dict[str, float]:
    """Per input: the mean over documents of the share of article tokens in lines that only
    the model drops (rules keep them, probability >= threshold)."""
    shares: dict[str, list[float]] = {}
    for name, first, end in table.documents:
        article = lost = 0
        for row in range(first, end):
            if table.labels[row]:
                continue
            article += table.tokens[row]
            if model_drops(table, scores, row, threshold):
                lost += table.tokens[row]
        if article:
            shares.setdefault(name, []).append(lost / article)
    return {name: sum(values) / len(values) for name, values in sorted(shares.items())}


def binding_inputs(table: Table) -> set[str]:
    """The inputs whose loss sets the thresholds: those with at least MIN_CALIBRATION_PAGES
    documents, or every input when none has that many."""
    pages: dict[str, int] = {}
    for name, _first, _end in table.documents:
        pages[name] = pages.get(name, 0) + 1
    enough = {name for name, count in pages.items() if count >= MIN_CALIBRATION_PAGES}
    return enough or set(pages)


def prose_view(table: Table) -> Table:
    """The table as the prose ensemble sees it: the lines it judges are those judged."""
    return dataclasses.replace(table, judged=table.prose)


def calibrate(table: Table, scores: Sequence[float],
              budgets: Mapping[str, float | None] = LOSS_BUDGETS) -> dict[str, float]:
    """Per preset, the lowest candidate threshold whose model-only loss stays within the
    preset's budget for every binding input (losses only fall as the threshold rises); OFF
    where the budget is None."""
    binding = binding_inputs(table)
    thresholds: dict[str, float] = {preset: OFF for preset, budget in budgets.items()
                                    if budget is None}
    for candidate in CANDIDATES:
        losses = model_only_loss(table, scores, candidate)
        worst = max((loss for name, loss in losses.items() if name in binding), default=0.0)
        for preset, budget in budgets.items():
            if preset not in thresholds and budget is not None and worst <= budget:
                thresholds[preset] = candidate
        if len(thresholds) == len(budgets):
            break
    return {preset: thresholds.get(preset, CANDIDATES[-1]) for preset in budgets}


def held_out_scores(table: Table, scores: Sequence[float], thresholds: dict[str, float],
                    ranked: Sequence[bool] | None = None) -> dict[str, Any]:
    """Scores on a held-out table (the calibration pages, or the fitted pages out of fold): log
    loss and ranking of the lines in `ranked` (default: all), and per preset what the model's
    own drops (lines the rules keep) take: residue and article lines and tokens."""
    lines = len(table.labels)
    rows = [row for row in range(lines) if ranked is None or ranked[row]]
    labels = [table.labels[row] for row in rows]
    log_loss = -sum(math.log(max(scores[row], 1e-15)) if table.labels[row]
                    else math.log(max(1 - scores[row], 1e-15)) for row in rows) / max(len(rows), 1)
    result: dict[str, Any] = {
        "documents": len(table.documents), "lines": len(rows),
        "thresholds_set_by": sorted(binding_inputs(table)),
        "residue_lines": sum(labels), "log_loss": round(log_loss, SCORE_DIGITS),
        "auc": round(line_auc([scores[row] for row in rows], labels), SCORE_DIGITS),
        "rules_drop_residue_share": round(_share(
            sum(1 for d, label in zip(table.rule_drops, table.labels) if d and label),
            sum(table.labels)), SCORE_DIGITS),
    }
    for preset, threshold in thresholds.items():
        extra = [row for row in range(lines) if model_drops(table, scores, row, threshold)]
        residue = [row for row in extra if table.labels[row]]
        missed = sum(1 for row in range(lines)
                     if table.labels[row] and not table.rule_drops[row])
        result[preset] = {
            "threshold": threshold,
            "model_drops": len(extra),
            "precision": round(_share(len(residue), len(extra)), SCORE_DIGITS),
            "token_precision": round(_share(sum(table.tokens[row] for row in residue),
                                            sum(table.tokens[row] for row in extra)),
                                     SCORE_DIGITS),
            "residue_left_by_rules_recovered": round(_share(len(residue), missed),
                                                     SCORE_DIGITS),
            "article_token_loss_by_input": {
                name: round(value, SCORE_DIGITS + 1)
                for name, value in model_only_loss(table, scores, threshold).items()},
        }
    return result


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def line_auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Area under the ROC curve (ties count half), by ranks."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    position = 0
    while position < len(order):
        end = position
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[position]]:
            end += 1
        for k in range(position, end + 1):
            ranks[order[k]] = (position + end) / 2 + 1
        position = end + 1
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        return 0.0
    rank_sum = sum(rank for rank, label in zip(ranks, labels) if label)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def ensemble_scores(table: Table, params: dict[str, Any],
                    only: Sequence[bool] | None = None) -> list[float]:
    """The ensemble's probability for each line of `table` in `only` (default all; 0 for the
    others)."""
    scores = [0.0] * len(table.rows)
    rows = [row for row in range(len(table.rows)) if only is None or only[row]]
    for row, score in zip(rows, probabilities(params, [table.rows[row] for row in rows])):
        scores[row] = score
    return scores


def calibrated(calibration: Table, params: dict[str, Any], prose: bool = False,
               out_of_fold: tuple[Table, list[float]] | None = None
               ) -> tuple[dict[str, float], dict[str, Any]]:
    """An ensemble's thresholds, chosen on the calibration pages and the fitted pages'
    `out_of_fold` scores together, and its held-out scores on each: the line ensemble's over
    all lines with LOSS_BUDGETS, the prose ensemble's (`prose`) over the sentences it judges
    with PROSE_LOSS_BUDGETS."""
    budgets = PROSE_LOSS_BUDGETS if prose else LOSS_BUDGETS
    view = prose_view if prose else (lambda table: table)
    sources = {"calibration pages": view(calibration)} if calibration.rows else {}
    only = (lambda table: table.judged) if prose else (lambda table: None)
    scores = {name: ensemble_scores(table, params, only(table))
              for name, table in sources.items()}
    if out_of_fold is not None and out_of_fold[0].rows:
        sources["out of fold"] = view(out_of_fold[0])
        scores["out of fold"] = out_of_fold[1]
    if not sources:  # nothing to calibrate on: the strictest candidate everywhere
        return {name: CANDIDATES[-1] if budget is not None else OFF
                for name, budget in budgets.items()}, {}
    pooled = merged(list(sources.values()))
    thresholds = calibrate(pooled, [score for name in sources for score in scores[name]],
                           budgets)
    held_out = {name: held_out_scores(table, scores[name], thresholds, only(table))
                for name, table in sources.items()}
    result = held_out.pop("calibration pages", {})
    if "out of fold" in held_out:
        result["out_of_fold"] = held_out["out of fold"]
    result["thresholds_each_alone"] = {name: calibrate(table, scores[name], budgets)
                                       for name, table in sources.items()}
    return thresholds, result
