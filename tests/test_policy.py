"""The policy's over-cleaning measure: the share of the own-kept text that the decisions drop,
reported only past the limit (the guard's question), exactly as a full count would say; and
which lines their own tags keep, exactly as deciding without context or model would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.policy import excess_share, judge, own_keeps
from cleaner.reasons import Reason
from cleaner.result import LineDecision
from cleaner.tagging import NO_TAGS, LineTags, Tag


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


tag_lists = st.lists(st.builds(
    lambda score, absorbable, reason: Tag(reason, "test.rule", score, absorbable=absorbable),
    st.sampled_from([0.3, 0.55, 0.6, 0.7, 0.85, 0.95]), st.booleans(),
    st.sampled_from([Reason.PROMO, Reason.CAPTION, Reason.META])), max_size=3)


@settings(max_examples=300, deadline=None)
@given(st.lists(tag_lists, max_size=10), st.sampled_from([0.6, 0.7, 0.85]))
def test_own_keeps_is_what_deciding_without_context_keeps(lists: list[list[Tag]],
                                                           threshold: float) -> None:
    """own_keeps stands in for judge(lines, tags, {}, threshold) in the over-cleaning guard,
    which saves deciding every line twice; absorbable tags included."""
    tags = [LineTags(tuple(found)) if found else NO_TAGS for found in lists]
    lines = [f"line {index}" for index in range(len(tags))]
    assert own_keeps(tags, threshold) == [d.keep for d in judge(lines, tags, {}, threshold)]
