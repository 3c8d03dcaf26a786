"""Which features carry the line model: `python benchmarks/model_features.py`.

Permutation importance on the model's calibration pages (the dev pages that `cleaner train`
keeps out of the fit; never a test page), per ensemble of the shipped model: its AUC (the line
ensemble's over all lines, the prose ensemble's over the sentences it judges, see
cleaner.model.judged_by), then the AUC with one feature group's columns shuffled across those
lines (fixed seed), for each group and for each single feature. The larger the drop, the more
the ensemble leans on that group. Groups shuffle together the features that say one thing (the
previous line's, the window's, ...).

Options: --data FILE (repeat; default wcxb and readability from ../shared/data), --inputs LIST,
--top N single features (default 12). Needs no scikit-learn: the model runs from its JSON.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from pathlib import Path

from cleaner.datasets import EXTRACTORS
from cleaner.features import BLOCK_NAMES, FEATURE_NAMES
from cleaner.model import Ensemble, load_model
from cleaner.ruleset import load_rules, shipped_rule_files
from cleaner.tagging import Tagger
from cleaner.calibration import Table, line_auc
from cleaner.train import add_document, calibration_documents, prepare

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DEFAULT_FILES = ("wcxb_articles.jsonl.gz", "readability_testpages.jsonl.gz")
SEED = 0


def group_of(name: str) -> str:
    if "lexicon" in name:
        return "lexicon: the line's words, its neighbours' and the window's"
    if name in BLOCK_NAMES:
        return "blocks: the line's run of non-prose lines, the nearest prose"
    if name.startswith(("prev_", "next_")):
        return "previous and next line"
    if name.startswith("window_"):
        return "window of 3 lines each side"
    if name.startswith("doc_"):
        return "whole document"
    if name.startswith(("rule_", "context_")):
        return "rule and context tags"
    if name in ("relative_position", "from_start_log", "to_end_log", "before_first_prose",
                "after_last_prose"):
        return "position in the document"
    if name in ("stopword_share", "language_known"):
        return "stopwords"
    return "the line's own shape"


def shuffled_auc(rows: Sequence[Sequence[float]], labels: Sequence[int],
                 columns: Sequence[int], ensemble: Ensemble) -> float:
    rng = random.Random(SEED)
    shuffled = [list(row) for row in rows]
    for column in columns:
        values = [row[column] for row in shuffled]
        rng.shuffle(values)
        for row, value in zip(shuffled, values):
            row[column] = value
    return line_auc(ensemble.probabilities(shuffled), labels)


def report(title: str, ensemble: Ensemble, rows: Sequence[Sequence[float]],
           labels: Sequence[int], top: int) -> None:
    """One ensemble's table of feature groups and its largest single features."""
    base = line_auc(ensemble.probabilities(rows), labels)
    groups: dict[str, list[int]] = {}
    for column, name in enumerate(FEATURE_NAMES):
        groups.setdefault(group_of(name), []).append(column)
    print(f"### {title}\n\n{len(rows)} lines; AUC {base:.4f}.\n")
    print("| feature group | features | AUC with the group shuffled | drop |")
    print("|---|---:|---:|---:|")
    shuffled = {name: shuffled_auc(rows, labels, columns, ensemble)
                for name, columns in groups.items()}
    for name in sorted(groups, key=shuffled.__getitem__):
        print(f"| {name} | {len(groups[name])} | {shuffled[name]:.4f} | "
              f"{base - shuffled[name]:.4f} |")
    singles = sorted((base - shuffled_auc(rows, labels, [column], ensemble), name)
                     for column, name in enumerate(FEATURE_NAMES))
    print(f"\nSingle features, the {top} largest drops: " + ", ".join(
        f"`{name}` {drop:.4f}" for drop, name in reversed(singles[-top:])) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="model_features", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, action="append", metavar="FILE")
    parser.add_argument("--inputs", default=",".join(EXTRACTORS), metavar="LIST")
    parser.add_argument("--top", type=int, default=12, metavar="N")
    args = parser.parse_args(argv)
    files = [path for path in (args.data or [SHARED_DATA / name for name in DEFAULT_FILES])
             if path.exists()]
    if not files:
        print("model_features: no data file found", file=sys.stderr)
        return 1
    tagger = Tagger(load_rules(shipped_rule_files()), 1.0)
    model = load_model()
    table = Table()
    for document in calibration_documents(files, args.inputs.split(",")):
        add_document(table, prepare(document, tagger), model.lexicon)
    command = " ".join(["python", "benchmarks/model_features.py",
                        *(sys.argv[1:] if argv is None else argv)])
    print(f"## Which features carry the line model\n\n`{command}`: {len(table.documents)} "
          f"calibration documents ({', '.join(path.name for path in files)} x "
          f"{args.inputs}).\n")
    report("The line ensemble (all lines)", model.lines, table.rows, table.labels, args.top)
    if model.prose is not None:
        prose = [row for row, judged in enumerate(table.prose) if judged]
        report("The prose ensemble (the sentences it judges)", model.prose,
               [table.rows[row] for row in prose], [table.labels[row] for row in prose],
               args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
