"""Check cleaner's scores against the pinned floors: `python benchmarks/gate.py [--update]`."""

import sys

from cleaner.gate import main

if __name__ == "__main__":
    sys.exit(main())
