"""Line labels for pages whose gold is free text: which input lines are residue.

A non-blank line is residue when too many of its word tokens are absent from the gold (more
than 40%: "mostly absent", with the cut calibrated below, MIN_PRESENT_SHARE). Tokens are
the lowercased `\\w+` tokens of cleaner.scoring, and the gold is a multiset that lines consume:
a gold token matched by one line is not available to the next, so a boilerplate line repeated
more often than the gold repeats it is residue from the first surplus copy on.

A short line must also be found in the gold's order: the input's tokens, read as one sequence
across lines, are aligned with the gold's (difflib's matching blocks), and a line of at most
ORDER_CHECK_MAX_TOKENS tokens is residue unless at least MIN_PRESENT_SHARE of its tokens fall
in aligned runs of MIN_ALIGNED_RUN tokens or more, or the line is a line of the gold. A bag of
words alone called a menu's "About" or a sidebar's "Packing" article whenever the gold used
the word anywhere; a subheading is aligned with the paragraph after it, a menu entry with
nothing. Long lines skip the check, so that a paragraph the gold holds elsewhere on the page
still counts.

Lines claim gold tokens in order of how well they match the gold before any consumption (the
best-matching lines first; among equals, the line more of whose tokens align, so that a
heading claims its word before the table of contents' copy of it; then document order), and
only a line judged article consumes.
Claiming in plain document order let navigation above the article use up the gold's common
words ("the", "of", a site name) and pushed real sentences under the threshold; see
MIN_PRESENT_SHARE for the measurement.

A line without word tokens ("* * *", "—") is article when its stripped text is a line of the
gold and residue otherwise; the shingle metric ignores such lines either way.

Deterministic (no randomness, no dict-order dependence beyond insertion order). The alignment
costs more than the rest together: 27 ms a page on average on wcxb's dev full pages, 0.5 s on
the slowest (12,719 input tokens against 8,873 of gold).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence

from cleaner.lines import is_blank, split_lines
from cleaner.scoring import word_tokens

#: A line is article when at least this share of its tokens is found in the (not yet consumed)
#: gold; below it, when more than 40% of its tokens are absent, the line is residue. Calibrated
#: on the 787 wcxb dev pages of ../shared/data by the line oracle's Zyte shingle F1 (the input
#: with exactly the residue lines removed), per input, with benchmarks/calibrate_align.py,
#: before the order check (ORDER_CHECK_MAX_TOKENS) existed; the script now moves the share
#: that check asks for too:
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
#: Lines of at most this many tokens must be found in the gold's order (see the module's
#: docstring), in runs of at least MIN_ALIGNED_RUN tokens: a run of one would let a menu's lone
#: word align with any use of it in the gold, while a run of two joins a subheading to the
#: first word of its paragraph. Calibrated like MIN_PRESENT_SHARE, by the line oracle's
#: shingle F1 (precision / recall) on the 787 wcxb dev pages (an ad-hoc script, at
#: MIN_PRESENT_SHARE 0.6 and runs of 2); "none" is the bag of words alone:
#:
#:     at most      none                3                   11                  24
#:     trafilatura  0.9608 (.981/.941)  0.9611 (.982/.942)  0.9616 (.982/.942)  0.9625 (.984/.942)
#:     resiliparse  0.9377 (.951/.925)  0.9422 (.960/.925)  0.9471 (.969/.926)  0.9505 (.976/.927)
#:     fullpage     0.9771 (.969/.985)  0.9838 (.980/.988)  0.9884 (.987/.990)  0.9889 (.988/.990)
#:
#: Checking every line scored higher still on resiliparse (0.9537) but lost recall on
#: trafilatura (0.9409) and fullpage (0.9888): a long paragraph the gold holds in another
#: place is article. At 24, recall is above the bag of words' on every input. Runs of 3 at
#: "at most 3" scored within 0.0001 of runs of 2.
ORDER_CHECK_MAX_TOKENS = 24
MIN_ALIGNED_RUN = 2


def _present_share(words: Sequence[str], available: Counter[str]) -> float:
    """Share of `words` found in `available`, counting repeats against the available counts."""
    wanted = Counter(words)
    found = sum(min(count, available[word]) for word, count in wanted.items())
    return found / len(words)


def residue_labels(lines: Sequence[str], gold: str,
                   min_present_share: float = MIN_PRESENT_SHARE) -> list[bool]:
    """For each line, True when it is residue with respect to `gold`; blank lines are False."""
    gold_tokens = word_tokens(gold)
    gold_words: Counter[str] = Counter(gold_tokens)
    gold_lines = {line.strip() for line in split_lines(gold) if not is_blank(line)}
    line_words = [word_tokens(line) for line in lines]
    aligned = _aligned_counts(line_words, gold_tokens)
    residue = [False] * len(lines)
    candidates: list[tuple[float, float, int]] = []
    for index, (line, words) in enumerate(zip(lines, line_words)):
        if is_blank(line):
            continue
        if not words:
            residue[index] = line.strip() not in gold_lines
            continue
        if (len(words) <= ORDER_CHECK_MAX_TOKENS
                and aligned[index] < min_present_share * len(words)
                and line.strip() not in gold_lines):
            residue[index] = True  # out of the gold's order: it claims nothing
            continue
        candidates.append((-_present_share(words, gold_words), -aligned[index] / len(words),
                           index))
    available = gold_words.copy()
    for *_, index in sorted(candidates):
        words = line_words[index]
        if _present_share(words, available) >= min_present_share:
            _consume(words, available)
        else:
            residue[index] = True
    return residue


def _aligned_counts(line_words: Sequence[Sequence[str]], gold_tokens: list[str]) -> list[int]:
    """Per line, how many of its tokens lie in runs of at least MIN_ALIGNED_RUN tokens that
    difflib aligns between the input (its lines' tokens as one sequence) and the gold."""
    flat = [word for words in line_words for word in words]
    aligned = bytearray(len(flat))
    # autojunk would treat "the" and "of" as junk and leave short lines unaligned.
    matcher = difflib.SequenceMatcher(None, gold_tokens, flat, autojunk=False)
    for _gold_start, start, size in matcher.get_matching_blocks():
        if size >= MIN_ALIGNED_RUN:
            aligned[start:start + size] = b"\1" * size
    counts = []
    position = 0
    for words in line_words:
        counts.append(sum(aligned[position:position + len(words)]))
        position += len(words)
    return counts


def _consume(words: Sequence[str], available: Counter[str]) -> None:
    """Take `words` out of `available`, never below zero (`Counter -=` would rescan it all)."""
    for word in words:
        if available[word] > 0:
            available[word] -= 1
