"""Shared fixtures: where ../shared is, one Cleaner built once for the session, and a line
between two paragraphs of prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner, LineDecision

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


#: Prose to set a line between: most tests of one line ask what cleaning does with it there.
PARAGRAPH = ("The council voted on Tuesday to extend the bus lanes along the harbour road, "
             "after two years of argument over parking.")


def between_paragraphs(cleaner: Cleaner, line: str) -> LineDecision:
    """The decision on `line` set between two paragraphs of prose."""
    text = "\n".join([PARAGRAPH, line, PARAGRAPH.replace("Tuesday", "Monday")])
    return cleaner.analyze(text).lines[1]


def verdict(decision: LineDecision) -> tuple[bool, str | None, str | None]:
    """Keep or drop, the reason's value and the rule: what a test of one decision compares."""
    return decision.keep, decision.reason.value if decision.reason else None, decision.rule
