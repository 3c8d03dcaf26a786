"""Calibrate align.MIN_PRESENT_SHARE: the line oracle's Zyte shingle F1 at candidate thresholds.

    python benchmarks/calibrate_align.py [../shared/data/wcxb_articles.jsonl.gz]

For each input (trafilatura, resiliparse, fullpage) of the dev pages, prints the shingle
P/R/F1 of the input unchanged and of the input with exactly the lines residue_labels calls
residue removed, at each candidate threshold (the share of a line's tokens found in the gold,
and for a short line in the gold's order). Tune on dev only.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from cleaner.align import residue_labels
from cleaner.baselines import kept_text
from cleaner.datasets import iter_pages
from cleaner.lines import split_lines
from cleaner.scoring import shingle_scores

DEFAULT_DATA = Path("../shared/data/wcxb_articles.jsonl.gz")
INPUTS = ("trafilatura", "resiliparse", "fullpage")
CANDIDATES = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT_DATA
    print("| input | threshold | shingle P | shingle R | shingle F1 | labelling s/page |")
    print("|---|---:|---:|---:|---:|---:|")
    for extractor in INPUTS:
        pages = [(split_lines(page.input), page.gold) for page in
                 iter_pages(path, extractor, "dev") if page.gold is not None]
        unchanged = shingle_scores(("\n".join(lines), gold) for lines, gold in pages)
        print(f"| {extractor} | unchanged | {unchanged.precision:.4f} | {unchanged.recall:.4f} "
              f"| {unchanged.f1:.4f} | |")
        for threshold in CANDIDATES:
            start = time.perf_counter()
            labels = [residue_labels(lines, gold, threshold) for lines, gold in pages]
            seconds = (time.perf_counter() - start) / len(pages)
            outputs = [(kept_text(lines, [not flag for flag in flags]), gold)
                       for (lines, gold), flags in zip(pages, labels)]
            scores = shingle_scores(outputs)
            print(f"| {extractor} | {threshold} | {scores.precision:.4f} | {scores.recall:.4f} "
                  f"| {scores.f1:.4f} | {seconds * 1000:.1f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
