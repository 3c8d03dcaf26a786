"""Peak memory of `cleaner clean` on large JSONL inputs: it must stay flat as the input grows.

    python benchmarks/memory.py                      # 10 MB and 1 GB, --jobs 2
    python benchmarks/memory.py --sizes 10MB,100MB --jobs 1

For each size, writes a synthetic JSONL file (generated words, a few boilerplate lines per
document; nothing copied from real pages) in a temporary folder, runs `cleaner clean` on it in a
child process and prints the child's peak resident set size: the largest ru_maxrss of the
cleaner process and its workers, from the child's getrusage as returned by wait4. A benchmark,
not a test: it asserts only that every record came out.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

UNITS = {"KB": 10**3, "MB": 10**6, "GB": 10**9}
SYLLABLES = ("ka", "lo", "mi", "ter", "an", "sol", "ve", "ri", "dus", "pa", "nor", "el", "qui")
# Residue lines of the kinds cleaner drops, so the run exercises dropping as well as keeping.
RESIDUE = ("Sign up for our newsletter", "Related News", "Share this article",
           "Advertisement", "Photo: Staff photographer", "Read more:")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10MB,1GB", help="comma-separated, e.g. 10MB,1GB")
    parser.add_argument("--jobs", type=int, default=2, help="cleaner --jobs (default: 2)")
    args = parser.parse_args(argv)
    sizes = [parse_size(size) for size in args.sizes.split(",")]
    print(f"{'input':>9} {'records':>9} {'seconds':>8} {'docs/s':>7} {'MB/s':>6} "
          f"{'peak RSS':>9}  (cleaner clean --jobs {args.jobs})")
    with tempfile.TemporaryDirectory(prefix="cleaner-memory-") as folder:
        for size in sizes:
            source = Path(folder) / f"input-{size}.jsonl"
            count = generate(source, size)
            seconds, peak = run_cleaner(source, Path(folder) / "out.jsonl", args.jobs)
            print(f"{size / 1e6:>7.0f}MB {count:>9} {seconds:>8.1f} {count / seconds:>7.1f} "
                  f"{size / seconds / 1e6:>6.2f} {peak / 2**20:>7.0f}MB", flush=True)
            source.unlink()
    return 0


def parse_size(text: str) -> int:
    text = text.strip().upper()
    unit = next((u for u in UNITS if text.endswith(u)), None)
    return int(float(text[: -len(unit)]) * UNITS[unit]) if unit else int(text)


def generate(path: Path, size: int, seed: int = 0) -> int:
    """Write JSONL records until the file holds at least `size` bytes; return the count."""
    rng = random.Random(seed)
    words = ["".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(5000)]
    written = count = 0
    with open(path, "w", encoding="utf-8") as handle:
        while written < size:
            lines = [" ".join(rng.choices(words, k=rng.randint(12, 70))).capitalize() + "."
                     for _ in range(rng.randint(5, 30))]
            for _ in range(rng.randint(0, 4)):
                lines.insert(rng.randrange(len(lines) + 1), rng.choice(RESIDUE))
            record = {"id": count, "url": f"https://example.org/{count}", "text": "\n".join(lines),
                      "meta": {"lang": "xx", "fetched": "2024-01-01"}}
            written += handle.write(json.dumps(record) + "\n")
            count += 1
    return count


def run_cleaner(source: Path, output: Path, jobs: int) -> tuple[float, int]:
    """(wall seconds, peak RSS in bytes) of one `cleaner clean` child process."""
    command = [sys.executable, "-m", "cleaner", "clean", str(source), "-o", str(output),
               "--jobs", str(jobs), "-q"]
    started = time.monotonic()
    child = subprocess.Popen(command)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    if child.returncode != 0:
        raise SystemExit(f"memory.py: {' '.join(command)} exited with {child.returncode}")
    with open(source, "rb") as before, open(output, "rb") as after:
        if sum(1 for _ in before) != sum(1 for _ in after):
            raise SystemExit("memory.py: the output does not have one record per input record")
    output.unlink()
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    return seconds, usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)


if __name__ == "__main__":
    sys.exit(main())
