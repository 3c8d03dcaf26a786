"""Where cleaner (rules + model) fails on real pages: `python benchmarks/model_failures.py`.

On the model's calibration pages (dev pages that `cleaner train` keeps out of the fit; never a
test page), per extractor input: the residue words cleaner leaves in and the article words it
drops, split by the kind of line that holds them. Kinds are told by shape alone (see
cleaner.linekind), so that the table says which failures are boilerplate the model misses and
which are lines the gold leaves out for reasons of scope (code, tables, questions) rather than
residue. Labels are the aligned ones (cleaner.align), before the model's training relabels
code and table rows as article (cleaner.linekind.in_scope).

Options: --data FILE (repeat; default wcxb and readability from ../shared/data), --inputs LIST,
--examples N (after the table, per input, the N most frequent short lines the model dropped
from the article and the N most frequent short residue lines left in, code and table rows
aside: lines of at most EXAMPLE_MAX_WORDS words, so that the examples are labels and buttons,
never a publisher's prose; e-mail addresses are masked).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from cleaner import Cleaner, Config
from cleaner.datasets import EXTRACTORS
from cleaner.linekind import KINDS, in_scope, line_kind
from cleaner.model import MODEL_RULES
from cleaner.train import calibration_documents

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DEFAULT_FILES = ("wcxb_articles.jsonl.gz", "readability_testpages.jsonl.gz")
EXAMPLE_MAX_WORDS = 6
#: A line quoted as an example never shows a person's address (a contact line is a short line).
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="model_failures", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, action="append", metavar="FILE")
    parser.add_argument("--inputs", default=",".join(EXTRACTORS), metavar="LIST")
    parser.add_argument("--examples", type=int, default=0, metavar="N")
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
    examples: list[str] = []
    for extractor in args.inputs.split(","):
        missed: Counter[str] = Counter()
        model_lost: Counter[str] = Counter()
        rules_lost: Counter[str] = Counter()
        model_lines: Counter[str] = Counter()
        missed_lines: Counter[str] = Counter()
        pages = 0
        for document in calibration_documents(files, [extractor]):
            pages += 1
            decisions = cleaner.analyze("\n".join(document.lines)).lines
            for line, residue in zip(decisions, document.residue):
                if not line.text.strip():
                    continue
                words = len(line.text.split())
                kind = line_kind(line.text)
                short = words <= EXAMPLE_MAX_WORDS
                if residue and line.keep:
                    missed[kind] += words
                    if short and in_scope(line.text):  # not code or table rows
                        missed_lines[_quotable(line.text)] += 1
                elif not residue and not line.keep:
                    by_model = line.rule in MODEL_RULES
                    (model_lost if by_model else rules_lost)[kind] += words
                    if short and by_model:
                        model_lines[_quotable(line.text)] += 1
        for kind in KINDS:
            print(f"| {extractor} | {pages} | {kind} | {missed[kind]:,} | {model_lost[kind]:,} "
                  f"| {rules_lost[kind]:,} |")
        if args.examples > 0:
            examples.append(f"- **{extractor}**: the model dropped from the article "
                            f"{_listed(model_lines, args.examples)}; residue left in: "
                            f"{_listed(missed_lines, args.examples)}")
    if examples:
        print(f"\nExamples, lines of at most {EXAMPLE_MAX_WORDS} words (times seen):\n")
        print("\n".join(examples))
    return 0


def _quotable(line: str) -> str:
    return _EMAIL.sub("<e-mail address>", line.strip())


def _listed(lines: Counter[str], count: int) -> str:
    return ", ".join(f"\"{text}\" ({seen})" for text, seen in lines.most_common(count)) or "none"


if __name__ == "__main__":
    sys.exit(main())
