"""The benchmark as a gate: cleaner's scores on the corpus test split and the seeds may not
fall below floors pinned in `benchmarks/floors.json` beside the corpus hash.

Floors only go up (`--update`); lowering one takes `--lower --reason "…"`, and every change is
logged in the file with its reason. When the corpus changes, its hash no longer matches and
the gate fails until the floors are measured again for the new corpus (`--update --repin`,
with a reason). Run it as `python benchmarks/gate.py` or `python -m cleaner.gate`.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from cleaner.benchdata import corpus_docs, seed_docs
from cleaner.benchrun import Row, cleaner_system, run_system, summarize
from cleaner.config import Config
from cleaner.corpus import corpus_hash

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "benchmarks" / "floors.json"
CORPUS = ROOT / "corpus" / "cases"
SEEDS = ROOT.parent / "shared" / "seeds"
#: Scores where higher is better; "gold_tokens_lost" is a ceiling instead.
HIGHER = ("shingle_f1", "token_f1", "removal_precision", "removal_recall")
LOWER = ("gold_tokens_lost",)
#: Floors are stored rounded to this many places, away from the measured value, so that
#: float noise across machines can never fail an unchanged build.
PLACES = 4


@dataclasses.dataclass(frozen=True)
class Violation:
    source: str
    metric: str
    floor: float
    measured: float | None

    def __str__(self) -> str:
        bound = "ceiling" if self.metric in LOWER else "floor"
        return (f"{self.source}: {self.metric} {self.measured} is past its {bound} "
                f"{self.floor}")


def measure(corpus: Path = CORPUS, seeds: Path = SEEDS) -> dict[str, dict[str, float | None]]:
    """cleaner's default scores on the corpus test split, and on the seeds when present."""
    system = cleaner_system(Config())
    sources = {"corpus test": corpus_docs(corpus, "test")}
    if seeds.exists():
        sources["seeds"] = seed_docs(seeds)
    return {name: _metrics(summarize(run_system("cleaner", system, docs)))
            for name, docs in sources.items()}


def _metrics(row: Row) -> dict[str, float | None]:
    return {"shingle_f1": row.shingles.f1, "token_f1": row.token_f1,
            "removal_precision": row.lines.precision, "removal_recall": row.lines.recall,
            "gold_tokens_lost": row.tokens_lost}


def check(pinned: dict, measured: dict[str, dict[str, float | None]],
          current_hash: str) -> list[str]:
    """Every way `measured` fails the pinned floors, as messages; [] when it passes."""
    problems: list[str] = []
    if pinned.get("corpus_hash") != current_hash:
        problems.append(f"the corpus changed (hash {current_hash[:12]}, floors pinned for "
                        f"{str(pinned.get('corpus_hash'))[:12]}): measure again with "
                        "--update --repin --reason '…'")
    for source, floors in pinned.get("sources", {}).items():
        if source not in measured:
            continue  # the seeds are absent here
        for metric, floor in floors.items():
            value = measured[source].get(metric)
            worse = (value is None or (value > floor if metric in LOWER else value < floor))
            if worse:
                problems.append(str(Violation(source, metric, floor, value)))
    return problems


def _rounded(metric: str, value: float) -> float:
    scale = 10 ** PLACES
    # Round towards the safe side: floors down, ceilings up.
    return (-(-value * scale // 1) if metric in LOWER else value * scale // 1) / scale


def updated(pinned: dict, measured: dict[str, dict[str, float | None]], current_hash: str,
            lower: bool, repin: bool, reason: str) -> tuple[dict, list[str]]:
    """New floors: raised to `measured`, or also lowered when `lower` or `repin`."""
    sources: dict[str, dict[str, float]] = {}
    changes: list[str] = []
    for source, values in measured.items():
        old = pinned.get("sources", {}).get(source, {})
        new: dict[str, float] = {}
        for metric in (*HIGHER, *LOWER):
            if values.get(metric) is None:
                continue
            candidate = _rounded(metric, values[metric])
            previous = old.get(metric)
            better = previous is None or (candidate < previous if metric in LOWER
                                          else candidate > previous)
            new[metric] = candidate if (better or lower or repin) else previous
            if new[metric] != previous:
                changes.append(f"{source} {metric}: {previous} -> {new[metric]}")
        sources[source] = new
    for source, old in pinned.get("sources", {}).items():
        sources.setdefault(source, old)  # the seeds, when absent here, keep their floors
    log = list(pinned.get("log", []))
    if changes:
        log.append({"date": datetime.date.today().isoformat(), "changes": changes,
                    "reason": reason or "raised to the measured scores"})
    return {"corpus_hash": current_hash, "sources": sources, "log": log}, changes


def write_atomically(path: Path, data: dict) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(data, stream, indent=2, ensure_ascii=False)
        stream.write("\n")
    os.replace(temporary, path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="raise floors to the scores")
    parser.add_argument("--lower", action="store_true",
                        help="with --update: also lower floors (needs --reason)")
    parser.add_argument("--repin", action="store_true",
                        help="with --update: accept a changed corpus (needs --reason)")
    parser.add_argument("--reason", default="", help="why floors are lowered or re-pinned")
    parser.add_argument("--floors", type=Path, default=FLOORS, help="the floors file")
    args = parser.parse_args(argv)
    if (args.lower or args.repin) and not (args.update and args.reason.strip()):
        parser.error("--lower and --repin go with --update and a --reason")
    pinned = json.loads(args.floors.read_text(encoding="utf-8")) if args.floors.exists() else {}
    measured = measure()
    current_hash = corpus_hash(CORPUS)
    print(json.dumps(measured, indent=2))
    if args.update:
        if pinned and pinned.get("corpus_hash") != current_hash and not args.repin:
            print("gate: the corpus changed; add --repin --reason '…'", file=sys.stderr)
            return 2
        data, changes = updated(pinned, measured, current_hash, args.lower, args.repin,
                                args.reason)
        write_atomically(args.floors, data)
        print("\n".join(changes) or "gate: no floor changed")
        return 0
    problems = check(pinned, measured, current_hash)
    for problem in problems:
        print(f"gate: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
