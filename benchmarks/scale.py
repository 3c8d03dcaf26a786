"""Documents per second by number of workers: the local engine, Dask, and the datatrove step.

    python benchmarks/scale.py                          # 20,000 documents; 1, 2 and 4 workers
    python benchmarks/scale.py --docs 40000 --workers 1,2,4,8 --engines local,dask

Writes a synthetic corpus (article sentences and residue lines composed here from word lists;
nothing copied from real pages) as JSONL shards in a temporary folder, then times, for each
worker count:

- local: `cleaner clean CORPUS -o OUT --jobs N`, a child process;
- dask: `cleaner clean CORPUS -o OUT --engine dask --scheduler ADDRESS`, a child process, on a
  LocalCluster of N single-threaded worker processes started beforehand (its start-up time is
  reported apart; the workers' first Cleaner build is inside the timed run);
- datatrove: JsonlReader -> CleanerStep -> JsonlWriter under LocalPipelineExecutor with one task
  per shard and N workers, in this process.

Dask's outputs must be byte-identical to `--jobs 1`'s and datatrove's texts equal to the
local engine's, or the script fails. Prints a markdown section for benchmarks/RESULTS.md.
A benchmark, not a test: nothing here is timed against a floor.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ENGINES = ("local", "dask", "datatrove")

SUBJECTS = ("The council", "The regional water board", "A spokeswoman for the ministry",
            "Local farmers", "The new coach", "Researchers at the university", "The mayor",
            "Two neighbouring towns", "The company's board", "Residents of the old quarter",
            "The hospital trust", "Investigators")
VERBS = ("approved", "rejected", "postponed", "questioned", "defended", "announced",
         "reviewed", "welcomed", "criticised", "published", "funded", "delayed")
OBJECTS = ("the budget for next year", "a plan to rebuild the bridge", "the draft report",
           "new rules for street parking", "a study of river pollution", "the merger",
           "an expansion of the night bus service", "the school closures",
           "a proposal to plant ten thousand trees", "the tender for the stadium roof")
TAILS = ("after a long debate on Tuesday", "despite objections from several members",
         "in a vote that surprised observers", "following months of negotiation",
         "citing rising costs", "before the summer recess", "without giving a reason",
         "at a packed public meeting", "as the deadline approached", "on Thursday evening")
QUOTES = ("\"We have waited long enough for this,\" one member said.",
          "Critics say the figures do not add up.",
          "The decision can still be appealed within thirty days.",
          "Officials expect the work to take about eighteen months.",
          "A final vote is scheduled for the spring.",
          "Opposition members asked for an independent audit.")
# Residue of the kinds cleaner drops, written for this script.
RESIDUE = ("Sign up for our newsletter to get the morning briefing in your inbox.",
           "Subscribe now and get unlimited access for one month.",
           "Related News", "More from Politics", "Share this article", "Advertisement",
           "Photo: Staff photographer", "Follow us on Twitter and Facebook",
           "Listen to our daily podcast wherever you get your podcasts.",
           "Copyright 2024 The Example Gazette. All rights reserved.")
TEASERS = ("Bridge repairs to start next month", "Parking fees rise again in the centre",
           "School board names new chair", "River clean-up volunteers wanted")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000, help="documents (default: 20000)")
    parser.add_argument("--shards", type=int, default=8, help="JSONL files (default: 8)")
    parser.add_argument("--workers", default="1,2,4", help="worker counts (default: 1,2,4)")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help=f"comma-separated, of {', '.join(ENGINES)} (default: all)")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.workers.split(",")]
    engines = args.engines.split(",")
    if unknown := set(engines) - set(ENGINES):
        parser.error(f"unknown engines: {', '.join(sorted(unknown))}")
    rows: list[tuple[str, int, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="cleaner-scale-") as temp:
        root = Path(temp)
        corpus_bytes = generate(root / "corpus", args.docs, args.shards)
        reference: Path | None = None  # the first cleaner run's output
        load_before = os.getloadavg()[0]
        for engine in engines:
            for workers in counts:
                out = root / f"{engine}-{workers}"
                seconds, note = RUNNERS[engine](root / "corpus", out, workers)
                if reference is None and engine != "datatrove":
                    reference = out
                elif reference is not None:
                    check(engine, out, reference)
                rows.append((engine, workers, seconds, note))
                print(f"scale.py: {engine} x{workers}: {seconds:.1f} s", file=sys.stderr,
                      flush=True)
        loads = (load_before, os.getloadavg()[0])
    print(report(rows, args.docs, args.shards, corpus_bytes, loads, argv))
    return 0


def generate(folder: Path, docs: int, shards: int, seed: int = 0) -> int:
    """Write `docs` JSONL records over `shards` files; return the bytes written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    handles = [open(folder / f"part-{n:03d}.jsonl", "w", encoding="utf-8")
               for n in range(shards)]
    written = 0
    with contextlib.ExitStack() as stack:
        for handle in handles:
            stack.enter_context(handle)
        for number in range(docs):
            record = {"id": f"doc-{number}", "url": f"https://news.example/{number}",
                      "text": document(rng), "lang": "en"}
            written += handles[number % shards].write(json.dumps(record) + "\n")
    return written


def document(rng: random.Random) -> str:
    """An article of 4-14 paragraphs with 1-4 residue lines and, on some, a teaser list."""
    lines = []
    for _ in range(rng.randint(4, 14)):
        sentences = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
                     f"{rng.choice(TAILS)}." for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.4:
            sentences.append(rng.choice(QUOTES))
        lines.append(" ".join(sentences))
    for _ in range(rng.randint(1, 4)):
        lines.insert(rng.randrange(1, len(lines) + 1), rng.choice(RESIDUE))
    if rng.random() < 0.3:
        lines += ["Related News", *rng.sample(TEASERS, 3)]
    return "\n".join(lines)


def run_local(corpus: Path, out: Path, workers: int) -> tuple[float, str]:
    return cleaner_command([str(corpus), "-o", str(out), "--jobs", str(workers)]), ""


def run_dask(corpus: Path, out: Path, workers: int) -> tuple[float, str]:
    from distributed import LocalCluster

    from cleaner.dask_engine import LOOPBACK_ANY

    started = time.monotonic()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, scheduler_kwargs={"dashboard_address": LOOPBACK_ANY},
                      silence_logs=logging.ERROR) as cluster:
        startup = time.monotonic() - started
        seconds = cleaner_command([str(corpus), "-o", str(out), "--engine", "dask",
                                   "--scheduler", cluster.scheduler_address])
    return seconds, f"cluster start-up {startup:.1f} s, not counted"


def run_datatrove(corpus: Path, out: Path, workers: int) -> tuple[float, str]:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.datatrove_step import CleanerStep

    tasks = len(list(corpus.glob("*.jsonl")))
    executor = LocalPipelineExecutor(
        [JsonlReader(str(corpus)), CleanerStep(),
         JsonlWriter(str(out), output_filename="${rank}.jsonl", compression=None)],
        tasks=tasks, workers=workers, logging_dir=str(out.with_name(out.name + "-logs")))
    started = time.monotonic()
    # datatrove logs every task's progress and stats to stderr, from its worker processes too.
    with stderr_to(out.with_name(out.name + "-stderr.log")):
        executor.run()
    return time.monotonic() - started, f"{tasks} tasks"


RUNNERS = {"local": run_local, "dask": run_dask, "datatrove": run_datatrove}


def cleaner_command(args: list[str]) -> float:
    command = [sys.executable, "-m", "cleaner", "clean", *args, "-q"]
    started = time.monotonic()
    subprocess.run(command, check=True)
    return time.monotonic() - started


@contextlib.contextmanager
def stderr_to(path: Path) -> Iterator[None]:
    """File descriptor 2 of this process, and so of the processes it starts, into `path`."""
    saved = os.dup(2)
    with open(path, "w", encoding="utf-8") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def check(engine: str, out: Path, reference: Path) -> None:
    """A run must agree with the first cleaner command's: datatrove in texts, the others in
    bytes."""
    if engine == "datatrove":
        texts = {doc["id"]: doc["text"] for path in out.glob("*.jsonl")
                 for doc in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
        expected = {doc["id"]: doc["text"] for path in reference.glob("*.jsonl")
                    for doc in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
        if texts != expected:
            raise SystemExit("scale.py: datatrove's texts differ from the local engine's")
        return
    for path in sorted(reference.iterdir()):
        if (out / path.name).read_bytes() != path.read_bytes():
            raise SystemExit(f"scale.py: {engine}: {path.name} differs from {reference.name}")


def report(rows: list[tuple[str, int, float, str]], docs: int, shards: int,
           corpus_bytes: int, loads: tuple[float, float], argv: Sequence[str] | None) -> str:
    import cleaner

    command = " ".join(["python", "benchmarks/scale.py", *(sys.argv[1:] if argv is None
                                                          else argv)])
    versions = ", ".join(f"{name} {version}" for name, version in engine_versions())
    lines = [
        "## Scale: documents per second by workers", "",
        f"`{command}` on {docs:,} generated documents ({corpus_bytes / 1e6:.1f} MB of JSONL in "
        f"{shards} shards), cleaner {cleaner.__version__} at {git_commit()}, Python "
        f"{platform.python_version()}, {versions}.",
        f"Machine: `os.cpu_count()` = {os.cpu_count()}; 1-minute load average {loads[0]:.1f} "
        f"before the runs and {loads[1]:.1f} after (other processes share the cores). "
        "Seconds are wall-clock time of the whole run, start-up included; speed-up is against "
        "the same engine with 1 worker.", "",
        "| engine | workers | seconds | docs/s | speed-up | note |",
        "|---|---:|---:|---:|---:|---|"]
    first = {}
    for engine, workers, seconds, note in rows:
        first.setdefault(engine, seconds)
        lines.append(f"| {engine} | {workers} | {seconds:.1f} | {docs / seconds:,.0f} | "
                     f"{first[engine] / seconds:.2f}x | {note} |")
    return "\n".join(lines)


def engine_versions() -> Iterator[tuple[str, str]]:
    from importlib.metadata import PackageNotFoundError, version

    for name in ("dask", "distributed", "datatrove"):
        with contextlib.suppress(PackageNotFoundError):
            yield name, version(name)


def git_commit() -> str:
    done = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True,
                          text=True, cwd=Path(__file__).resolve().parent)
    return done.stdout.strip() or "an unknown commit"


if __name__ == "__main__":
    sys.exit(main())
