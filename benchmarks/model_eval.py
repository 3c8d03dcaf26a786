"""What the learned line model adds, on pages it never saw: `python benchmarks/model_eval.py`.

For every dataset x input of ../shared/data, one row: Zyte shingle F1 of the input unchanged,
of cleaner with rules only (`Config(model=False)`), of rules + model (`Config()`, or
`--model FILE`), and of the line oracle (the input with exactly its aligned residue lines
removed); the share of the raw -> oracle gap each closes; and shingle recall lost against the
input. Issue 5 restates its targets on residue lines only: the scope oracle removes the aligned
residue lines except code and table rows (cleaner.linekind.in_scope), which some golds leave
out for scope and this project counts as content; the "gap closed to scope oracle" column is
measured to it. Snippet-only pages (trafilatura_snippets) have no full gold: their rows give
the share of `with` passages kept and of `without` passages gone instead.

Test pages only: wcxb `split == "test"`; readability pages that cleaner.datasets.effective_split
holds out (by id hash); every trafilatura_snippets page (the model never trains on snippet
pages). `cleaner bench --split test` draws the same line.
Scoring is cleaner.scoring's and cleaner.benchrun's, as in `cleaner bench`.

Options: --data FILE (repeat; default: the three files of ../shared/data), --inputs LIST,
--limit N (pages per file), --model FILE, --precision PRESET, --sweep LIST: also score the
model with its line ensemble at each of these probability thresholds in place of its
calibrated one, the prose ensemble at its own (a second table; evidence of what the ranking
allows, never a way to choose: the shipped thresholds come from `cleaner train`'s calibration
pages). Exit status 0, or 1 when no file could be read.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from cleaner.benchdata import BenchDoc, file_hash, from_page
from cleaner.benchreport import markdown_table, number
from cleaner.benchrun import (Row, Verdict, baseline_system, cleaner_system, oracle_system,
                              run_system, summarize)
from cleaner.baselines import keep_all, kept_text, oracle_from_labels
from cleaner.config import PRECISION_THRESHOLDS, Config
from cleaner.datasets import EXTRACTORS, effective_split, iter_records, parse_page
from cleaner.linekind import in_scope
from cleaner.model import SHIPPED_MODEL

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DEFAULT_FILES = ("wcxb_articles.jsonl.gz", "readability_testpages.jsonl.gz",
                 "trafilatura_snippets.jsonl.gz")


def test_docs(path: Path, inputs: Sequence[str], limit: int | None) -> dict[str, list[BenchDoc]]:
    """The file's test pages, per input, read in one pass over the file."""
    docs: dict[str, list[BenchDoc]] = {name: [] for name in inputs}
    pages = 0
    for where, record in iter_records(path):
        held_out = False
        for name in inputs:
            if isinstance(record, dict) and name in (record.get("inputs") or {}):
                page = parse_page(record, name, where)
                # "test", or None: a snippet-only page, which the model never trains on
                if effective_split(page) in ("test", None):
                    docs[name].append(from_page(page))
                    held_out = True
        pages += held_out
        if limit is not None and pages >= limit:
            break
    return docs


def scope_oracle_system(doc: BenchDoc) -> Verdict | None:
    """The line oracle on residue lines only: code and table rows stay (see the docstring)."""
    if doc.residue is None:
        return None
    keep = tuple(oracle_from_labels([reason is not None and in_scope(line)
                                     for line, reason in zip(doc.lines, doc.residue)]))
    return Verdict(keep, kept_text(doc.lines, keep))


def with_threshold(model: Path, threshold: float, folder: Path) -> Path:
    """A copy of the model file in `folder` whose line ensemble uses `threshold` at every preset
    (the prose ensemble keeps its thresholds)."""
    document = json.loads(model.read_text(encoding="utf-8"))
    document["thresholds"] = {name: threshold for name in document["thresholds"]}
    path = folder / f"model-{threshold}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def gap_closed(raw: float | None, system: float | None, oracle: float | None) -> float | None:
    if raw is None or system is None or oracle is None or oracle <= raw:
        return None
    return (system - raw) / (oracle - raw)


def recall_lost(raw: Row, system: Row) -> float | None:
    """Shingle recall the system gives up against the raw input (None: nothing to compare)."""
    if raw.shingles.recall is None or system.shingles.recall is None:
        return None
    return raw.shingles.recall - system.shingles.recall


def row_cells(dataset: str, name: str, docs: list[BenchDoc], rows: dict[str, Row]) -> list[str]:
    f1 = {key: row.shingles.f1 for key, row in rows.items()}
    return [dataset, name, str(len(docs)), number(f1["raw"]), number(f1["rules"]),
            number(f1["model"]), number(f1["oracle"]), number(f1["scope"]),
            percent(gap_closed(f1["raw"], f1["rules"], f1["oracle"])),
            percent(gap_closed(f1["raw"], f1["model"], f1["oracle"])),
            percent(gap_closed(f1["raw"], f1["model"], f1["scope"])),
            points(recall_lost(rows["raw"], rows["rules"])),
            points(recall_lost(rows["raw"], rows["model"]))]


def snippet_cells(dataset: str, name: str, docs: list[BenchDoc],
                  rows: dict[str, Row]) -> list[str]:
    return [dataset, name, str(len(docs)),
            *(f"{number(rows[key].with_kept)} / {number(rows[key].without_gone)}"
              for key in ("raw", "rules", "model"))]


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def points(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.2f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="model_eval", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, action="append", metavar="FILE",
                        help="a ../shared/data file (repeat; default: all three)")
    parser.add_argument("--inputs", default=",".join(EXTRACTORS), metavar="LIST")
    parser.add_argument("--limit", type=int, metavar="N", help="at most N test pages per file")
    parser.add_argument("--model", type=Path, metavar="FILE",
                        help="model JSON to evaluate (default: the shipped one)")
    parser.add_argument("--precision", choices=sorted(PRECISION_THRESHOLDS), default="balanced")
    parser.add_argument("--sweep", metavar="LIST", default="",
                        help="model probability thresholds to score too, e.g. 0.9,0.7,0.5")
    args = parser.parse_args(argv)
    sweep = [float(value) for value in args.sweep.split(",") if value]
    temporary = tempfile.TemporaryDirectory(prefix="model-eval-")
    sweep_systems = {f"model@{value}": cleaner_system(Config(model_path=with_threshold(
        args.model or SHIPPED_MODEL, value, Path(temporary.name)), precision=args.precision))
        for value in sweep}
    files = args.data or [SHARED_DATA / name for name in DEFAULT_FILES]
    inputs = [name for name in args.inputs.split(",") if name]
    rules_config = Config(model=False, precision=args.precision)
    model_config = Config(model_path=args.model, precision=args.precision)
    systems = {"raw": baseline_system(keep_all), "rules": cleaner_system(rules_config),
               "model": cleaner_system(model_config), "oracle": oracle_system,
               "scope": scope_oracle_system}
    gold_rows: list[list[str]] = []
    sweep_rows: list[list[str]] = []
    snippet_rows: list[list[str]] = []
    speeds: list[str] = []
    sources: list[str] = []
    for path in files:
        if not path.exists():
            print(f"model_eval: {path}: not found, skipped", file=sys.stderr)
            continue
        sources.append(f"{path.name} sha256={file_hash(path)[:12]}")
        for name, docs in test_docs(path, inputs, args.limit).items():
            if not docs:
                continue
            start = time.perf_counter()
            runs = {key: run_system(key, system, docs) for key, system in systems.items()}
            rows = {key: summarize(run) for key, run in runs.items()}
            dataset = path.name.split(".")[0]
            if any(doc.gold is not None for doc in docs):
                gold_rows.append(row_cells(dataset, name, docs, rows))
                for key, system in sweep_systems.items():
                    row = summarize(run_system(key, system, docs))
                    sweep_rows.append([dataset, name, key.split("@")[1],
                                       number(row.shingles.f1),
                                       percent(gap_closed(rows["raw"].shingles.f1,
                                                          row.shingles.f1,
                                                          rows["oracle"].shingles.f1)),
                                       points(recall_lost(rows["raw"], row))])
            else:
                snippet_rows.append(snippet_cells(dataset, name, docs, rows))
            size = sum(len(doc.text.encode("utf-8")) for doc in docs) / 1e6
            speeds.append(f"{dataset} {name}: rules {size / runs['rules'].seconds:.2f} MB/s, "
                          f"rules + model {size / runs['model'].seconds:.2f} MB/s")
            print(f"model_eval: {dataset} {name} done in {time.perf_counter() - start:.0f} s",
                  file=sys.stderr)
    if not sources:
        return 1
    print(f"## Line model on held-out pages (precision={args.precision}, model="
          f"{args.model or 'shipped'})\n")
    print("sources: " + "; ".join(sources) + "\n")
    if gold_rows:
        print(markdown_table(
            ["dataset", "input", "docs", "F1 raw", "F1 rules", "F1 rules+model", "F1 oracle",
             "F1 scope oracle", "gap closed (rules)", "gap closed (rules+model)",
             "gap closed to scope oracle (rules+model)", "recall lost, rules (pts)",
             "recall lost, rules+model (pts)"], gold_rows))
        print()
    if sweep_rows:
        print(markdown_table(["dataset", "input", "line threshold", "F1 rules+model",
                              "gap closed", "recall lost (pts)"], sweep_rows))
        print()
    if snippet_rows:
        print(markdown_table(["dataset", "input", "docs", "with kept / without gone: raw",
                              "rules", "rules+model"], snippet_rows))
        print()
    print("speed (including the first pages' warm-up): " + "; ".join(speeds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
