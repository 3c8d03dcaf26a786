"""Where cleaner (rules + model) fails on real pages: `python benchmarks/model_failures.py`.

On the model's calibration pages (dev pages that `cleaner train` keeps out of the fit; never a
test page), per extractor input: the residue words cleaner leaves in and the article words it
drops, split by the kind of line that holds them. Kinds are told by shape alone (see
`line_kind`), so that the table says which failures are boilerplate the model misses and which
are lines the gold leaves out for reasons of scope (code, tables, questions) rather than
residue. Labels are those the model is trained and calibrated on (cleaner.train).

Options: --data FILE (repeat; default wcxb and readability from ../shared/data), --inputs LIST.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import regex

from cleaner import Cleaner, Config
from cleaner.datasets import EXTRACTORS
from cleaner.shape import ends_like_sentence, is_list_item, word_count
from cleaner.train import calibration_documents

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DEFAULT_FILES = ("wcxb_articles.jsonl.gz", "readability_testpages.jsonl.gz")
KINDS = ("code", "table or figures", "question", "list item", "short (< 8 words)",
         "sentence (8+ words)", "other")
_CODE = regex.compile(r"[{};]\s*$|^\s*[}<]|\b(?:return|func|def|const|var|import)\b.*[(=]|=>|"
                      r"\)\s*[{:]\s*$")
_FIGURES = regex.compile(r"\t|(?:[\d$€£%.,+-]+\s*){3,}|^[\s\d$€£%.,+-]+$")


def line_kind(line: str) -> str:
    """The first kind in KINDS that the line's shape fits."""
    if _CODE.search(line) or line.startswith("    ") and not line.strip()[:1].isalpha():
        return "code"
    stripped = line.strip()
    if _FIGURES.search(stripped):
        return "table or figures"
    if stripped.endswith("?"):
        return "question"
    if is_list_item(stripped):
        return "list item"
    if word_count(stripped) < 8:
        return "short (< 8 words)"
    return "sentence (8+ words)" if ends_like_sentence(stripped) else "other"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="model_failures", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, action="append", metavar="FILE")
    parser.add_argument("--inputs", default=",".join(EXTRACTORS), metavar="LIST")
    args = parser.parse_args(argv)
    files = [path for path in (args.data or [SHARED_DATA / name for name in DEFAULT_FILES])
             if path.exists()]
    if not files:
        print("model_failures: no data file found", file=sys.stderr)
        return 1
    cleaner = Cleaner(Config())
    print("## Where cleaner fails, by kind of line\n")
    command = " ".join(["python", "benchmarks/model_failures.py",
                        *(sys.argv[1:] if argv is None else argv)])
    print(f"`{command}`: "
          f"calibration pages of {', '.join(path.name for path in files)}. Words of residue "
          "lines kept (missed), and of article lines dropped by the model and by the rules "
          "(false removals), per kind of line.\n")
    print("| input | pages | kind | residue words missed | article words dropped by the "
          "model | by the rules |")
    print("|---|---:|---|---:|---:|---:|")
    for extractor in args.inputs.split(","):
        missed: Counter[str] = Counter()
        model_lost: Counter[str] = Counter()
        rules_lost: Counter[str] = Counter()
        pages = 0
        for document in calibration_documents(files, [extractor]):
            pages += 1
            decisions = cleaner.analyze("\n".join(document.lines)).lines
            for line, residue in zip(decisions, document.residue):
                if not line.text.strip():
                    continue
                words = len(line.text.split())
                kind = line_kind(line.text)
                if residue and line.keep:
                    missed[kind] += words
                elif not residue and not line.keep:
                    (model_lost if line.rule == "model" else rules_lost)[kind] += words
        for kind in KINDS:
            print(f"| {extractor} | {pages} | {kind} | {missed[kind]:,} | {model_lost[kind]:,} "
                  f"| {rules_lost[kind]:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
