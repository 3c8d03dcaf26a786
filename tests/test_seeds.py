"""The five seeds: clean(input) equals the gold exactly, and every dropped line carries the
reason its labels give. Read from ../shared at run time; skipped when it is absent."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.corpus import BLANK, KEEP, load_seed
from cleaner.lines import is_blank

from conftest import SEEDS

NAMES = sorted(path.name.removesuffix(".gold.txt") for path in SEEDS.glob("*.gold.txt")) \
    if SEEDS.exists() else []


def test_seeds_are_present_or_skipped() -> None:
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is absent")
    assert len(NAMES) == 5


@pytest.mark.parametrize("name", NAMES)
def test_seed_cleans_to_its_gold(name: str, default_cleaner: Cleaner) -> None:
    case = load_seed(SEEDS, name)
    assert default_cleaner.clean(case.input) == case.gold


@pytest.mark.parametrize("name", NAMES)
def test_seed_drops_carry_the_labelled_reason(name: str, default_cleaner: Cleaner) -> None:
    case = load_seed(SEEDS, name)
    result = default_cleaner.analyze(case.input)
    wrong = [f"line {d.index + 1}: want {label}, got "
             f"{'keep' if d.keep else d.reason.value} ({d.rule}) {d.text[:60]!r}"
             for d, label in zip(result.lines, case.labels)
             if label != BLANK and not is_blank(d.text)
             and (d.keep != (label == KEEP) or (not d.keep and d.reason is not label))]
    assert wrong == []
    assert result.warnings == ()
