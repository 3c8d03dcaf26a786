"""Line labels for pages whose gold is free text: which input lines are residue.

A non-blank line is residue when too many of its word tokens are absent from the gold (more
than 40%: "mostly absent", with the cut calibrated below, MIN_PRESENT_SHARE). Tokens are
the lowercased `\\w+` tokens of cleaner.scoring, and the gold is a multiset that lines consume:
a gold token matched by one line is not available to the next, so a boilerplate line repeated
more often than the gold repeats it is residue from the first surplus copy on.

Lines claim gold tokens in order of how well they match the gold before any consumption (the
best-matching lines first, ties in document order), and only a line judged article consumes.
Claiming in plain document order let navigation above the article use up the gold's common
words ("the", "of", a site name) and pushed real sentences under the threshold; see
MIN_PRESENT_SHARE for the measurement.

A line without word tokens ("* * *", "—") is article when its stripped text is a line of the
gold and residue otherwise; the shingle metric ignores such lines either way.

Deterministic (no randomness, no dict-order dependence beyond insertion order) and linear in
the number of tokens plus a sort of the lines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from cleaner.lines import is_blank, split_lines
from cleaner.scoring import word_tokens

#: A line is article when at least this share of its tokens is found in the (not yet consumed)
#: gold; below it, when more than 40% of its tokens are absent, the line is residue. Calibrated
#: on the 787 wcxb dev pages of ../shared/data by the line oracle's Zyte shingle F1 (the input
#: with exactly the residue lines removed), per input, with benchmarks/calibrate_align.py:
#:
#:     threshold     0.3     0.4     0.5     0.6     0.7     0.8     0.9   (unchanged input)
#:     trafilatura  0.9585  0.9594  0.9601  0.9608  0.9605  0.9602  0.9567  (0.9347)
#:     resiliparse  0.9329  0.9340  0.9348  0.9377  0.9403  0.9404  0.9383  (0.8729)
#:     fullpage     0.9771  0.9776  0.9775  0.9771  0.9756  0.9726  0.9608  (0.8101)
#:     mean         0.9562  0.9570  0.9575  0.9585  0.9588  0.9577  0.9519
#:
#: 0.6 is best on trafilatura (the common pipeline) and within 0.0003 of the best mean (0.7);
#: of the two it keeps more partly-matching lines, as cleaner prefers to leave residue in
#: rather than lose article text. Claiming gold tokens in document order instead of best-first
#: scored 0.9574 / 0.9269 / 0.9582 at 0.6 (0.9568 / 0.9250 / 0.9486 when residue lines also
#: consume), measured the same way before best-first replaced it.
#: Coupled to the tokeniser (scoring.word_tokens) and to the oracle and training labels.
MIN_PRESENT_SHARE = 0.6


def _present_share(words: Sequence[str], available: Counter[str]) -> float:
    """Share of `words` found in `available`, counting repeats against the available counts."""
    wanted = Counter(words)
    found = sum(min(count, available[word]) for word, count in wanted.items())
    return found / len(words)


def residue_labels(lines: Sequence[str], gold: str,
                   min_present_share: float = MIN_PRESENT_SHARE) -> list[bool]:
    """For each line, True when it is residue with respect to `gold`; blank lines are False."""
    gold_words: Counter[str] = Counter(word_tokens(gold))
    gold_lines = {line.strip() for line in split_lines(gold) if not is_blank(line)}
    line_words = [word_tokens(line) for line in lines]
    residue = [False] * len(lines)
    candidates: list[tuple[float, int]] = []
    for index, (line, words) in enumerate(zip(lines, line_words)):
        if is_blank(line):
            continue
        if not words:
            residue[index] = line.strip() not in gold_lines
            continue
        candidates.append((-_present_share(words, gold_words), index))
    available = gold_words.copy()
    for _, index in sorted(candidates):
        words = line_words[index]
        if _present_share(words, available) >= min_present_share:
            _consume(words, available)
        else:
            residue[index] = True
    return residue


def _consume(words: Sequence[str], available: Counter[str]) -> None:
    """Take `words` out of `available`, never below zero (`Counter -=` would rescan it all)."""
    for word in words:
        if available[word] > 0:
            available[word] -= 1
