"""Shared fixtures: where ../shared is, and one Cleaner built once for the session."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"
CORPUS = ROOT / "corpus" / "cases"


@pytest.fixture(scope="session")
def default_cleaner() -> Cleaner:
    return Cleaner()


def need(path: Path) -> Path:
    """Skip the calling test when `path` (under ../shared) is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent (tests on shared material skip without it)")
    return path
