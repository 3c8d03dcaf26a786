"""align.residue_labels: line labels from free-text gold."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.align import MIN_PRESENT_SHARE, ORDER_CHECK_MAX_TOKENS, residue_labels


def test_lines_absent_from_gold_and_surplus_copies_are_residue():
    gold = "The council met on Tuesday.\n"
    lines = ["Home | News", "The council met on Tuesday.", "", "Share this",
             "The council met on Tuesday."]
    # the second copy finds the gold's tokens used up by the first
    assert residue_labels(lines, gold) == [True, False, False, True, True]


def test_threshold_is_the_share_of_tokens_found():
    assert MIN_PRESENT_SHARE == 0.6
    gold = "the council voted"
    # 2 of 5 tokens found: 0.4 < 0.6 -> residue; 3 of 5: 0.6 -> article
    assert residue_labels(["the council zzz yyy xxx"], gold) == [True]
    assert residue_labels(["the council voted yyy xxx"], gold) == [False]
    assert residue_labels(["the council zzz yyy xxx"], gold, min_present_share=0.4) == [False]


def test_best_matching_lines_claim_gold_tokens_first():
    gold = "the council met on the day of the vote"
    # the menu line matches 4 of 5 tokens (0.8) and comes first; claimed in document order it
    # would take three "the" and "of" and leave the sentence 5 of 9 (0.56): residue. Best-first,
    # the sentence (9 of 9) claims first and the menu finds nothing left.
    lines = ["the the the of menu", "the council met on the day of the vote"]
    assert residue_labels(lines, gold) == [True, False]


def test_case_is_ignored():
    assert residue_labels(["THE COUNCIL MET"], "The council met.") == [False]


def test_token_less_lines_follow_the_gold_lines():
    gold = "First part.\n* * *\nSecond part."
    assert residue_labels(["First part.", "* * *", "—", "Second part."], gold) == [
        False, False, True, False]


def test_blank_lines_are_never_residue_and_empty_input_gives_nothing():
    assert residue_labels(["", "   ", "x"], "") == [False, False, True]
    assert residue_labels([], "gold") == []


lines_strategy = st.lists(st.text(alphabet=st.sampled_from("ab c\t.—"), max_size=20),
                          max_size=12)


@settings(max_examples=150, deadline=None)
@given(lines_strategy, st.text(alphabet=st.sampled_from("ab c\n."), max_size=60))
def test_one_deterministic_label_per_line(lines, gold):
    labels = residue_labels(lines, gold)
    assert len(labels) == len(lines)
    assert labels == residue_labels(lines, gold)
    assert not any(label for line, label in zip(lines, labels) if not line.strip())


@settings(max_examples=150, deadline=None)
@given(lines_strategy)
def test_gold_equal_to_input_has_no_residue_with_words(lines):
    labels = residue_labels(lines, "\n".join(lines))
    assert not any(labels)


def test_a_short_line_out_of_the_gold_order_is_residue():
    # The bag of words alone found "about" in the gold and called the menu entry article.
    gold = "The council talked about the budget."
    lines = ["About", "Home", "The council talked about the budget."]
    assert residue_labels(lines, gold) == [True, True, False]


def test_a_subheading_aligns_with_its_paragraph():
    gold = "Background\nThe council met on Tuesday."
    lines = ["Menu", "Background", "Advertisement", "The council met on Tuesday."]
    assert residue_labels(lines, gold) == [True, False, True, False]


def test_the_heading_claims_its_word_before_the_table_of_contents():
    # Both "Conclusion" lines are lines of the gold; the second aligns with its paragraph and
    # claims the gold's one "conclusion" first.
    gold = "The intro comes first.\nConclusion\nWe end here."
    lines = ["Conclusion", "The intro comes first.", "Conclusion", "We end here."]
    assert residue_labels(lines, gold) == [True, False, False, False]


def test_a_long_line_counts_wherever_the_gold_holds_it():
    first = " ".join(f"alpha{n}" for n in range(ORDER_CHECK_MAX_TOKENS + 1)) + "."
    second = "A short second paragraph here."
    # the gold holds the long paragraph after the short one: the alignment takes one of them
    assert residue_labels([first, second], f"{second}\n{first}") == [False, False]
    # a short one does not: within one gold paragraph, after the longer run
    short = "Three short words."
    assert residue_labels([short, second], f"{second} {short}") == [True, False]
