"""Running line cleaners over benchmark documents and scoring what they keep.

A system turns one BenchDoc into a Verdict (a keep flag, and for cleaner a reason and rule,
per line, plus the output text), or None when it cannot judge that document (the oracle on a
snippet-only page). Scoring is cleaner.scoring's; this module only collects per-document
scores and sums them into one table row per system.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence

from cleaner import scoring
from cleaner.baselines import (c4_lines, drop_all, justext_lines, keep_all, kept_text,
                               oracle_from_labels, refinedweb_lines)
from cleaner.benchdata import BenchDoc
from cleaner.config import Config
from cleaner.pipeline import Cleaner


@dataclasses.dataclass(frozen=True, slots=True)
class Verdict:
    keep: tuple[bool, ...]
    text: str
    reasons: tuple[str | None, ...] | None = None
    rules: tuple[str | None, ...] | None = None
    scores: tuple[float, ...] | None = None


System = Callable[[BenchDoc], "Verdict | None"]


def baseline_system(baseline: Callable[[Sequence[str], str], list[bool]]) -> System:
    def run(doc: BenchDoc) -> Verdict:
        keep = tuple(baseline(doc.lines, doc.lang))
        return Verdict(keep, kept_text(doc.lines, keep))
    return run


def cleaner_system(config: Config) -> System:
    cleaner = Cleaner(config)

    def run(doc: BenchDoc) -> Verdict:
        result = cleaner.analyze(doc.text)
        # A case ending in blank lines has more lines than its joined text splits into; those
        # blank lines count as kept (they are not scored).
        missing = len(doc.lines) - len(result.lines)
        return Verdict(keep=tuple(line.keep for line in result.lines) + (True,) * missing,
                       text=result.text,
                       reasons=tuple(line.reason.value if line.reason else None
                                     for line in result.lines) + (None,) * missing,
                       rules=tuple(line.rule for line in result.lines) + (None,) * missing,
                       scores=tuple(line.score for line in result.lines) + (0.0,) * missing)
    return run


def oracle_system(doc: BenchDoc) -> Verdict | None:
    if doc.residue is None:
        return None
    keep = tuple(oracle_from_labels([reason is not None for reason in doc.residue]))
    return Verdict(keep, kept_text(doc.lines, keep))


#: Row label of cleaner with every stage (its per-reason and worst-document reports use it).
CLEANER = "cleaner"


def systems() -> dict[str, System]:
    """The table's rows, in order. Building them compiles cleaner's rules."""
    return {
        "keep-all": baseline_system(keep_all),
        "drop-all": baseline_system(drop_all),
        "C4 line rules": baseline_system(c4_lines),
        "Gopher/RefinedWeb line rules": baseline_system(refinedweb_lines),
        "jusText lines": baseline_system(justext_lines),
        "cleaner rules only": cleaner_system(Config(model=False)),
        CLEANER: cleaner_system(Config()),
        "line oracle": oracle_system,
    }


# --- per-document scores ---------------------------------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class DocScore:
    doc: BenchDoc
    verdict: Verdict
    shingles: scoring.Overlap | None
    tokens: scoring.Overlap | None
    loss: scoring.TokenLoss | None
    outcomes: tuple[scoring.LineOutcome, ...]
    snippets: scoring.SnippetCounts | None

    @property
    def shingle_f1(self) -> float | None:
        if self.shingles is None:
            return None
        return scoring.harmonic_f1(self.shingles.precision, self.shingles.recall)

    @property
    def wrong_lines(self) -> list[int]:
        """Indices of the lines whose keep/drop disagrees with the gold (blank lines aside)."""
        if self.doc.residue is None:
            return []
        return [index for index, (line, keep, gold) in enumerate(
                    zip(self.doc.lines, self.verdict.keep, self.doc.residue))
                if line.strip() and keep == (gold is not None)]


def score_doc(doc: BenchDoc, verdict: Verdict) -> DocScore:
    outcomes: tuple[scoring.LineOutcome, ...] = ()
    if doc.residue is not None:
        outcomes = tuple(scoring.line_outcomes(doc.lines, doc.residue, verdict.keep,
                                               verdict.reasons))
    has_gold = doc.gold is not None
    return DocScore(
        doc=doc, verdict=verdict,
        shingles=scoring.shingle_overlap(verdict.text, doc.gold) if has_gold else None,
        tokens=scoring.token_overlap(verdict.text, doc.gold) if has_gold else None,
        loss=scoring.token_loss(verdict.text, doc.gold) if has_gold else None,
        outcomes=outcomes,
        snippets=(scoring.snippet_counts(verdict.text, doc.gold_with, doc.gold_without)
                  if doc.has_snippets else None))


@dataclasses.dataclass(frozen=True, slots=True)
class SystemRun:
    name: str
    scores: tuple[DocScore, ...]
    seconds: float

    @property
    def docs_per_second(self) -> float | None:
        return len(self.scores) / self.seconds if self.scores and self.seconds > 0 else None


def run_system(name: str, system: System, docs: Sequence[BenchDoc]) -> SystemRun:
    """Every document through `system`, timing only the system's own work.

    One untimed call on the first document comes first, so that one-off costs (lazy loading,
    regex caches, jusText's stoplist) do not count against the rate of small sources.
    """
    scores: list[DocScore] = []
    seconds = 0.0
    if docs:
        system(docs[0])
    for doc in docs:
        start = time.perf_counter()
        verdict = system(doc)
        seconds += time.perf_counter() - start
        if verdict is not None:
            scores.append(score_doc(doc, verdict))
    return SystemRun(name, tuple(scores), seconds)


# --- one table row ---------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class Row:
    name: str
    docs: int
    shingles: scoring.Scores
    token_f1: float | None
    lines: scoring.Scores
    tokens_lost: float | None
    docs_per_second: float | None
    with_kept: float | None
    without_gone: float | None
    snippet_f1: float | None


def summarize(run: SystemRun) -> Row:
    with_gold = [score for score in run.scores if score.shingles is not None]
    shingles = scoring.averaged_scores([score.shingles for score in with_gold
                                        if score.shingles is not None])
    tokens = scoring.averaged_scores([score.tokens for score in with_gold
                                      if score.tokens is not None])
    loss = sum((score.loss for score in with_gold if score.loss is not None),
               scoring.TokenLoss(0, 0))
    outcomes = [outcome for score in run.scores for outcome in score.outcomes]
    snippets = scoring.snippet_totals(score.snippets for score in run.scores
                                      if score.snippets is not None)
    return Row(name=run.name, docs=len(run.scores), shingles=shingles, token_f1=tokens.f1,
               lines=scoring.removal_scores(outcomes), tokens_lost=loss.share,
               docs_per_second=run.docs_per_second, with_kept=snippets.with_kept,
               without_gone=snippets.without_gone, snippet_f1=snippets.f1)
