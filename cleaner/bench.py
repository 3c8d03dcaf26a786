"""The benchmark command: `python benchmarks/bench.py [source] [options]`.

Sources (one; the corpus by default; paths are relative to the current directory):
  --corpus [DIR]   the project's labelled cases (default corpus/cases), split dev by default
  --seeds [DIR]    the five seed documents (default ../shared/seeds), all of them by default
  --data FILE      a ../shared/data JSONL file, with --input EXTRACTOR (default trafilatura),
                   split dev by default (pages with gold but no split: a fixed 30% by id
                   hash is "test", as for training; snippet-only pages: every split)

Prints a markdown table: one row per system (trivial floors, C4, Gopher/RefinedWeb, jusText,
cleaner with rules only and with everything, the line oracle), with Zyte shingle P/R/F1,
bag-of-words F1, line-level P/R/F1 of removal, the share of gold tokens lost and documents per
second; snippet datasets add the share of `with` passages kept and `without` passages gone.
`--per-reason` and `--worst N` add cleaner's per-reason scores and worst documents; `--speed`
measures cleaner's throughput instead. Exit status: 0, 1 when a source cannot be read or is
empty, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from cleaner.benchdata import BenchDoc, corpus_docs, data_docs, file_hash, seed_docs
from cleaner.benchreport import main_table, number, per_reason_table, rate, worst_documents
from cleaner.benchrun import CLEANER, run_system, summarize, systems
from cleaner.config import Config
from cleaner.corpus import corpus_hash
from cleaner.datasets import EXTRACTORS, SPLIT_CHOICES, iter_pages
from cleaner.errors import CleanerError
from cleaner.pipeline import Cleaner

logger = logging.getLogger(__name__)

DEFAULT_CORPUS = Path("corpus/cases")
DEFAULT_SEEDS = Path("../shared/seeds")
#: Throughput runs repeat (with fresh Cleaners) until at least this much CPU time has been
#: timed, so that the five small seeds give a stable rate (one pass takes a few milliseconds).
SPEED_MIN_SECONDS = 1.0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bench", description="Score cleaner and baselines on labelled documents.")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--corpus", nargs="?", type=Path, const=DEFAULT_CORPUS, metavar="DIR",
                        help=f"labelled cases (default {DEFAULT_CORPUS}; the default source)")
    source.add_argument("--seeds", nargs="?", type=Path, const=DEFAULT_SEEDS, metavar="DIR",
                        help=f"seed documents (default {DEFAULT_SEEDS})")
    source.add_argument("--data", type=Path, metavar="FILE",
                        help="a ../shared/data *.jsonl.gz file")
    parser.add_argument("--input", choices=EXTRACTORS, default="trafilatura",
                        help="with --data: which extractor's text is the input")
    parser.add_argument("--split", choices=SPLIT_CHOICES,
                        help="dev, test or all (default: dev; all for the seeds)")
    parser.add_argument("--limit", type=int, metavar="N", help="at most N documents")
    parser.add_argument("--per-reason", action="store_true",
                        help="also print cleaner's recall and precision per reason")
    parser.add_argument("--worst", type=int, default=0, metavar="N",
                        help="also print cleaner's N worst documents with each wrong line")
    parser.add_argument("--speed", action="store_true",
                        help="measure Cleaner().clean throughput instead (seeds and --data)")
    return parser


def load_docs(args: argparse.Namespace) -> tuple[str, list[BenchDoc]]:
    """A one-line description of the source, and its documents."""
    if args.data is not None:
        split = args.split or "dev"
        docs = data_docs(args.data, args.input, split, args.limit)
        if docs and all(doc.split is None for doc in docs):
            split = (f"{split}, by id hash: the file defines no split" if any(
                doc.gold is not None for doc in docs) else
                "none (snippet pages in no split: every page)")
        return (f"{args.data} input={args.input} split={split} "
                f"sha256={file_hash(args.data)[:12]}"), docs
    if args.seeds is not None:
        split = args.split or "all"
        return f"{args.seeds} split={split}", seed_docs(args.seeds, split, args.limit)
    directory = args.corpus or DEFAULT_CORPUS
    split = args.split or "dev"
    docs = corpus_docs(directory, split, args.limit)
    return f"{directory} split={split} sha256={corpus_hash(directory)[:12]}", docs


def report(description: str, docs: list[BenchDoc], args: argparse.Namespace) -> str:
    runs = [run_system(name, system, docs) for name, system in systems().items()]
    snippets = any(doc.has_snippets for doc in docs)
    parts = [f"## {description}",
             f"documents: {len(docs)}, lines: {sum(len(doc.lines) for doc in docs)}",
             main_table([summarize(run) for run in runs], snippets)]
    cleaner_run = next(run for run in runs if run.name == CLEANER)
    if args.per_reason:
        parts += [f"### {CLEANER}: per reason", per_reason_table(cleaner_run)]
    if args.worst > 0:
        parts += [f"### {CLEANER}: {args.worst} worst documents",
                  worst_documents(cleaner_run, args.worst)]
    return "\n\n".join(parts)


def throughput(texts: Sequence[str], config: Config) -> tuple[float, float]:
    """(MB/s, documents/s) of Cleaner(config).clean over `texts`, per core: CPU time of this
    process, so that other work on the machine does not count.

    Every timed text is one the Cleaner has not cleaned before, after it has cleaned others,
    as in a long batch run: the rule dispatch remembers the words it has seen, so timing a
    second pass over the same texts measures a memory no crawl's new pages would find (it
    reported 5.9 MB/s where unseen pages ran at 3.2). The texts are halved (even and odd
    positions); a fresh Cleaner warms up on one half and is timed on the other, then the
    halves swap. Rounds repeat with fresh Cleaners until SPEED_MIN_SECONDS of timed CPU."""
    halves = (texts[0::2], texts[1::2]) if len(texts) > 1 else (texts, texts)
    size = sum(len(text.encode("utf-8")) for text in texts)
    rounds = 0
    elapsed = 0.0
    while not rounds or elapsed < SPEED_MIN_SECONDS:
        for warm, timed in (halves, halves[::-1]):
            cleaner = Cleaner(config)
            for text in warm:
                cleaner.clean(text)
            start = time.process_time()
            for text in timed:
                cleaner.clean(text)
            elapsed += time.process_time() - start
        rounds += 1
    return size * rounds / elapsed / 1e6, len(texts) * rounds / elapsed


def speed_report(args: argparse.Namespace) -> str:
    sources: list[tuple[str, list[str]]] = []
    seeds = args.seeds or DEFAULT_SEEDS
    if seeds.is_dir():
        sources.append((f"seeds ({seeds})", [doc.text for doc in seed_docs(seeds)]))
    if args.data is not None:
        pages = iter_pages(args.data, args.input, args.split or "dev", args.limit)
        sources.append((f"{args.data.name} {args.input}", [page.input for page in pages]))
    if args.corpus is not None:
        docs = corpus_docs(args.corpus, args.split or "dev", args.limit)
        sources.append((f"corpus ({args.corpus})", [doc.text for doc in docs]))
    body = []
    for name, texts in sources:
        if not texts:
            continue
        size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
        cells = []
        for config in (Config(model=False), Config()):
            megabytes, docs_per_second = throughput(texts, config)
            cells += [number(megabytes, 2), rate(docs_per_second)]
        body.append(f"| {name} | {len(texts)} | {size:.1f} | {' | '.join(cells)} |")
    if not body:
        raise CleanerError("no documents to time: give --data FILE or a seeds directory")
    return "\n".join([
        "| texts | documents | MB | rules MB/s | rules docs/s | rules + model MB/s "
        "| rules + model docs/s |", "|---|---:|---:|---:|---:|---:|---:|", *body,
        "", "Per core: CPU time of one process. Each text is timed unseen: a fresh Cleaner "
        "first cleans the other half of the texts (see cleaner.bench.throughput)."])


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit <= 0:
        parser.error("--limit must be a positive number")
    if args.worst < 0:
        parser.error("--worst must not be negative")
    try:
        if args.speed:
            print(speed_report(args))
            return 0
        description, docs = load_docs(args)
        if not docs:
            print(f"bench: no documents in {description}", file=sys.stderr)
            return 1
        print(report(description, docs, args))
    except BrokenPipeError:  # the reader (`| head`) has gone; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (CleanerError, OSError) as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
