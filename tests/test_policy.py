"""The policy's over-cleaning measure: the share of the own-kept text that the decisions drop,
reported only past the limit (the guard's question), exactly as a full count would say."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.policy import excess_share
from cleaner.result import LineDecision


def decided(lines: list[tuple[str, bool]]) -> list[LineDecision]:
    return [LineDecision(index, text, keep) for index, (text, keep) in enumerate(lines)]


def test_excess_share_counts_non_space_characters_of_the_counted_lines() -> None:
    lines = decided([("aaaa", False), ("b b", True), ("cccccc", False), ("  ", True)])
    # Counted: lines 0, 1 and 3; dropped 4 of 4 + 2 + 0 non-space characters.
    assert excess_share(lines, [True, True, False, True], 0.5) == 4 / 6
    assert excess_share(lines, [True, True, False, True], 0.7) is None
    assert excess_share(lines, [False, True, True, True], 0.9) is None  # nothing dropped
    assert excess_share(decided([("x", False)]), [True], 0.9) == 1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="ab \t\u00a0", max_size=8), st.booleans(),
                          st.booleans()), max_size=12),
       st.sampled_from([0.1, 0.5, 0.9, 1.0]))
def test_excess_share_agrees_with_a_full_count(rows: list[tuple[str, bool, bool]],
                                                limit: float) -> None:
    lines = decided([(text, keep) for text, keep, _ in rows])
    among = [counted for _, _, counted in rows]
    sizes = [len("".join(text.split())) for text, _, _ in rows]
    total = sum(size for size, counted in zip(sizes, among) if counted)
    dropped = sum(size for size, (_, keep, counted) in zip(sizes, rows) if counted and not keep)
    share = dropped / total if total else 0.0
    assert excess_share(lines, among, limit) == (share if share > limit else None)
