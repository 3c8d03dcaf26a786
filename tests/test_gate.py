"""The benchmark gate: this build meets its pinned floors, and floors move only as allowed."""

from __future__ import annotations

import json

import pytest

from cleaner import gate
from cleaner.corpus import corpus_hash

PINNED = {"corpus_hash": "abc", "sources": {"corpus test": {
    "shingle_f1": 0.9, "removal_precision": 0.95, "gold_tokens_lost": 0.01}}, "log": []}


def test_this_build_meets_its_floors() -> None:
    pinned = json.loads(gate.FLOORS.read_text(encoding="utf-8"))
    problems = gate.check(pinned, gate.measure(), corpus_hash(gate.CORPUS))
    assert problems == [], "\n".join(problems)


def test_a_drop_below_a_floor_or_above_a_ceiling_fails() -> None:
    measured = {"corpus test": {"shingle_f1": 0.89, "removal_precision": 0.96,
                                "gold_tokens_lost": 0.02}}
    problems = gate.check(PINNED, measured, "abc")
    assert len(problems) == 2
    assert any("shingle_f1 0.89 is past its floor 0.9" in p for p in problems)
    assert any("gold_tokens_lost 0.02 is past its ceiling 0.01" in p for p in problems)


def test_a_changed_corpus_fails_until_repinned() -> None:
    ok = {"corpus test": {"shingle_f1": 0.95, "removal_precision": 0.99, "gold_tokens_lost": 0}}
    assert any("the corpus changed" in p for p in gate.check(PINNED, ok, "def"))


def test_update_only_raises_unless_lowering_is_asked_for_with_a_reason() -> None:
    worse = {"corpus test": {"shingle_f1": 0.8, "token_f1": None, "removal_precision": 0.99,
                             "removal_recall": None, "gold_tokens_lost": 0.05}}
    raised, changes = gate.updated(PINNED, worse, "abc", lower=False, repin=False, reason="")
    floors = raised["sources"]["corpus test"]
    assert floors["shingle_f1"] == 0.9 and floors["gold_tokens_lost"] == 0.01  # not lowered
    assert floors["removal_precision"] == 0.99  # raised
    assert changes == ["corpus test removal_precision: 0.95 -> 0.99"]
    lowered, _ = gate.updated(PINNED, worse, "abc", lower=True, repin=False,
                              reason="new rule trades F1 for precision")
    assert lowered["sources"]["corpus test"]["shingle_f1"] == 0.8
    assert lowered["log"][-1]["reason"] == "new rule trades F1 for precision"


def test_floors_round_to_the_safe_side() -> None:
    assert gate._rounded("shingle_f1", 0.89999) == 0.8999
    assert gate._rounded("gold_tokens_lost", 0.01001) == 0.0101


@pytest.mark.parametrize("argv", [["--lower"], ["--repin"], ["--update", "--lower"]])
def test_lowering_or_repinning_needs_update_and_a_reason(argv) -> None:
    with pytest.raises(SystemExit) as exit_:
        gate.main(argv)
    assert exit_.value.code == 2
