"""Scores of cleaned text against gold. Pure functions over strings and small records; no I/O.

Four families, each computed per page and then aggregated:

- Shingle precision/recall/F1, the metric of the Zyte (Scrapinghub) article-extraction
  benchmark, `evaluate.py` in github.com/scrapinghub/article-extraction-benchmark
  (`string_shingle_matching`, `_ngrams`, `precision_score`, `recall_score`,
  `metrics_from_tp_fp_fns`). Matched: tokens are `\\w+` matches, case kept; shingles are the
  4-grams of consecutive tokens, and a text with 1 to 3 tokens gives its whole token tuple as
  one shingle; prediction and gold are compared as multisets (TP = sum of min counts, FP and FN
  the surpluses); precision and recall are computed per page and averaged over pages (so long
  pages weigh no more than short ones; Zyte's division of TP/FP/FN by their sum changes
  neither ratio), and F1 is the harmonic mean of the two means.
  Differences, on purpose: tokens come from the `regex` module, whose `\\w` keeps combining
  marks inside a word (Devanagari vowel signs, decomposed accents) where `re` splits the word,
  and does not count superscript digits or vulgar fractions as word characters. A page whose
  gold and prediction are both empty scores P = R = 1 and counts in both means (Zyte leaves it
  out of both). As in Zyte, a page with an empty prediction has no precision and is left out of
  the precision mean (its recall is 0), and a page with an empty gold has no recall and is left
  out of the recall mean (its precision is 0).
- Bag-of-words precision/recall/F1: the same per-page averaging over the multisets of
  lowercased `\\w+` tokens.
- Line-level precision/recall/F1 of *removal*: the positive class is a residue line; blank
  lines are not scored; counts are summed over all lines of all pages (micro). Per reason,
  recall is taken per gold reason and precision per predicted reason.
- Share of gold tokens lost: lowercased gold tokens missing from the output (multiset
  difference), over all gold tokens of all pages (micro).

Snippet-only pages (trafilatura's evaluation data) are scored by the share of `with` passages
present in the output and the share of `without` passages absent from it, matching
whitespace-normalised substrings and summing over pages, as trafilatura's
`tests/eval_common.py` `count_item` does.

Undefined values are None, never NaN: the caller prints them as "n/a".
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence

import regex

from cleaner.lines import is_blank

#: Shingle length of the Zyte benchmark (`ngram_n=4` in its evaluate.py).
SHINGLE_SIZE = 4

_TOKEN = regex.compile(r"\w+")
_SPACE_RUN = regex.compile(r"\s+")


# --- tokens and shingles ---------------------------------------------------------------------

def tokens(text: str) -> list[str]:
    """The `\\w+` tokens of `text`, case kept (the shingle metric's tokens)."""
    return _TOKEN.findall(text)


def word_tokens(text: str) -> list[str]:
    """The `\\w+` tokens of `text`, lowercased (bag-of-words and lost-token scores)."""
    return _TOKEN.findall(text.lower())


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of `size`-grams of consecutive tokens; fewer tokens give one shingle of them all."""
    found = tokens(text)
    if not found:
        return Counter()
    if len(found) < size:
        return Counter([tuple(found)])
    return Counter(tuple(found[i:i + size]) for i in range(len(found) - size + 1))


# --- per-page overlap and its averages -------------------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class Overlap:
    """Multiset overlap of one page's prediction with its gold."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        """TP / (TP + FP); 1 when both sides are empty; None when only the prediction is."""
        if self.tp == self.fp == self.fn == 0:
            return 1.0
        if self.tp + self.fp == 0:
            return None
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """TP / (TP + FN); 1 when both sides are empty; None when only the gold is."""
        if self.tp == self.fp == self.fn == 0:
            return 1.0
        if self.tp + self.fn == 0:
            return None
        return self.tp / (self.tp + self.fn)


def multiset_overlap(predicted: Counter, gold: Counter) -> Overlap:
    tp = sum((predicted & gold).values())
    return Overlap(tp=tp, fp=sum(predicted.values()) - tp, fn=sum(gold.values()) - tp)


def shingle_overlap(predicted: str, gold: str) -> Overlap:
    return multiset_overlap(shingles(predicted), shingles(gold))


def token_overlap(predicted: str, gold: str) -> Overlap:
    return multiset_overlap(Counter(word_tokens(predicted)), Counter(word_tokens(gold)))


@dataclasses.dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and F1; None where undefined (no page or line to average over)."""

    precision: float | None
    recall: float | None
    f1: float | None


def harmonic_f1(precision: float | None, recall: float | None) -> float | None:
    """2PR / (P + R); 0 when P + R is 0.

    With only one of P and R undefined, F1 is 0. For page averages, P is undefined only when
    every prediction is empty (so every scored recall is 0) and R only when every gold is empty
    (so every precision is 0); for line removal, P is undefined when nothing was dropped and R
    when nothing is residue, and either way the system found nothing right. Both undefined
    gives None.
    """
    if precision is None and recall is None:
        return None
    if precision is None or recall is None or precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def _mean(values: Iterable[float | None]) -> float | None:
    defined = [value for value in values if value is not None]
    return sum(defined) / len(defined) if defined else None


def averaged_scores(overlaps: Sequence[Overlap]) -> Scores:
    """Per-page precision and recall, each averaged over the pages that define it; F1 of means."""
    precision = _mean(overlap.precision for overlap in overlaps)
    recall = _mean(overlap.recall for overlap in overlaps)
    return Scores(precision, recall, harmonic_f1(precision, recall))


def shingle_scores(pairs: Iterable[tuple[str, str]]) -> Scores:
    """Zyte shingle P/R/F1 over (prediction, gold) text pairs, one pair per page."""
    return averaged_scores([shingle_overlap(predicted, gold) for predicted, gold in pairs])


def token_scores(pairs: Iterable[tuple[str, str]]) -> Scores:
    """Bag-of-words P/R/F1 over (prediction, gold) text pairs, one pair per page."""
    return averaged_scores([token_overlap(predicted, gold) for predicted, gold in pairs])


# --- gold tokens lost ------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class TokenLoss:
    lost: int
    gold: int

    def __add__(self, other: TokenLoss) -> TokenLoss:
        return TokenLoss(self.lost + other.lost, self.gold + other.gold)

    @property
    def share(self) -> float | None:
        return self.lost / self.gold if self.gold else None


def token_loss(predicted: str, gold: str) -> TokenLoss:
    """How many lowercased gold tokens the prediction lacks (multiset difference), of how many."""
    gold_tokens = Counter(word_tokens(gold))
    missing = gold_tokens - Counter(word_tokens(predicted))
    return TokenLoss(sum(missing.values()), sum(gold_tokens.values()))


def gold_tokens_lost(pairs: Iterable[tuple[str, str]]) -> float | None:
    """Share of gold tokens missing from the outputs, summed over pages (micro)."""
    return sum((token_loss(predicted, gold) for predicted, gold in pairs),
               TokenLoss(0, 0)).share


# --- line-level removal ----------------------------------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class LineOutcome:
    """One non-blank line: its gold residue reason (None for an article line), whether the
    system dropped it, and the reason the system gave (None when it gives none)."""

    gold: str | None
    dropped: bool
    reason: str | None = None


def line_outcomes(lines: Sequence[str], gold: Sequence[str | None], keep: Sequence[bool],
                  reasons: Sequence[str | None] | None = None) -> list[LineOutcome]:
    """Outcomes of the non-blank lines; `gold[i]` is line i's residue reason or None."""
    if not len(lines) == len(gold) == len(keep):
        raise ValueError(f"{len(lines)} lines, {len(gold)} gold labels, {len(keep)} decisions")
    given = reasons if reasons is not None else [None] * len(lines)
    return [LineOutcome(gold_reason, not kept, reason if not kept else None)
            for line, gold_reason, kept, reason in zip(lines, gold, keep, given)
            if not is_blank(line)]


@dataclasses.dataclass(frozen=True, slots=True)
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Confusion) -> Confusion:
        return Confusion(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    def scores(self) -> Scores:
        return Scores(self.precision, self.recall, harmonic_f1(self.precision, self.recall))


def removal_confusion(outcomes: Iterable[LineOutcome]) -> Confusion:
    """TP: residue dropped; FP: article line dropped; FN: residue kept."""
    tp = fp = fn = 0
    for outcome in outcomes:
        residue = outcome.gold is not None
        tp += residue and outcome.dropped
        fp += (not residue) and outcome.dropped
        fn += residue and not outcome.dropped
    return Confusion(tp, fp, fn)


def removal_scores(outcomes: Iterable[LineOutcome]) -> Scores:
    """Micro precision/recall/F1 of removal; precision is None when nothing was dropped."""
    return removal_confusion(outcomes).scores()


def recall_by_gold_reason(outcomes: Iterable[LineOutcome]) -> dict[str, Confusion]:
    """Per gold reason: TP = its lines dropped (whatever reason given), FN = its lines kept."""
    result: dict[str, Confusion] = {}
    for outcome in outcomes:
        if outcome.gold is None:
            continue
        hit = Confusion(tp=1) if outcome.dropped else Confusion(fn=1)
        result[outcome.gold] = result.get(outcome.gold, Confusion()) + hit
    return dict(sorted(result.items()))


def precision_by_predicted_reason(outcomes: Iterable[LineOutcome]) -> dict[str, Confusion]:
    """Per reason the system gave: TP = its drops that are residue (any gold reason), FP = the
    article lines it dropped."""
    result: dict[str, Confusion] = {}
    for outcome in outcomes:
        if not outcome.dropped or outcome.reason is None:
            continue
        hit = Confusion(tp=1) if outcome.gold is not None else Confusion(fp=1)
        result[outcome.reason] = result.get(outcome.reason, Confusion()) + hit
    return dict(sorted(result.items()))


# --- snippets --------------------------------------------------------------------------------

def normalize_space(text: str) -> str:
    """Runs of whitespace as one space, ends stripped (trafilatura's `norm`)."""
    return _SPACE_RUN.sub(" ", text).strip()


@dataclasses.dataclass(frozen=True, slots=True)
class SnippetCounts:
    with_present: int = 0
    with_total: int = 0
    without_present: int = 0
    without_total: int = 0

    def __add__(self, other: SnippetCounts) -> SnippetCounts:
        return SnippetCounts(*(a + b for a, b in zip(dataclasses.astuple(self),
                                                     dataclasses.astuple(other))))

    @property
    def with_kept(self) -> float | None:
        """Share of `with` passages present in the output."""
        return self.with_present / self.with_total if self.with_total else None

    @property
    def without_gone(self) -> float | None:
        """Share of `without` passages absent from the output."""
        if not self.without_total:
            return None
        return (self.without_total - self.without_present) / self.without_total

    @property
    def f1(self) -> float | None:
        """One score for snippet-only pages, as trafilatura's evaluation counts them: a kept
        `with` passage is a true positive, a lost one a false negative, a kept `without`
        passage a false positive; F1 of the precision and recall over all passages."""
        if not self.with_total:
            return None
        kept = self.with_present + self.without_present
        precision = self.with_present / kept if kept else None
        return harmonic_f1(precision, self.with_present / self.with_total)


def snippet_counts(output: str, gold_with: Iterable[str],
                   gold_without: Iterable[str]) -> SnippetCounts:
    """Which passages occur in `output`, as whitespace-normalised substrings."""
    text = normalize_space(output)
    wanted = [normalize_space(passage) for passage in gold_with]
    unwanted = [normalize_space(passage) for passage in gold_without]
    return SnippetCounts(sum(passage in text for passage in wanted), len(wanted),
                         sum(passage in text for passage in unwanted), len(unwanted))


def snippet_totals(counts: Iterable[SnippetCounts]) -> SnippetCounts:
    return sum(counts, SnippetCounts())
