"""Benchmark entry point: `python benchmarks/bench.py --help` (see cleaner/bench.py)."""

import sys

from cleaner.bench import main

if __name__ == "__main__":
    sys.exit(main())
