"""Scoring on hand-computed examples (arithmetic in the comments), plus properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import scoring
from cleaner.scoring import (Confusion, LineOutcome, Overlap, SnippetCounts, gold_tokens_lost,
                             line_outcomes, precision_by_predicted_reason, recall_by_gold_reason,
                             removal_scores, shingle_overlap, shingle_scores, shingles,
                             snippet_counts, snippet_totals, token_scores)


def test_shingles_are_4_grams_of_word_tokens():
    # "a b, c d e" -> tokens a b c d e -> (a b c d), (b c d e)
    assert shingles("a b, c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}


def test_short_text_is_one_shingle_and_empty_text_none():
    assert shingles("Hello, world") == {("Hello", "world"): 1}
    assert shingles("") == {}
    assert shingles("— * —") == {}


def test_shingles_keep_case_and_unicode_words():
    assert shingles("Été à Paris") == {("Été", "à", "Paris"): 1}
    # regex's \w keeps Devanagari vowel signs inside the word: two tokens, one shingle
    assert shingles("नमस्ते दुनिया") == {("नमस्ते", "दुनिया"): 1}


def test_shingle_overlap_counts_multisets():
    # pred shingles {abcd, bcde}, gold {abcd, bcdx}: TP 1, FP 1, FN 1
    assert shingle_overlap("a b c d e", "a b c d x") == Overlap(1, 1, 1)
    # "x x x x x" has (x x x x) twice, gold once: TP 1, FP 1, FN 0 -> P 1/2, R 1
    overlap = shingle_overlap("x x x x x", "x x x x")
    assert overlap == Overlap(1, 1, 0)
    assert (overlap.precision, overlap.recall) == (0.5, 1.0)
    # case matters to shingles: TP 0
    assert shingle_overlap("The cat sat down", "the cat sat down") == Overlap(0, 1, 1)


def test_three_token_texts_compare_as_whole_tuples():
    # (a b c) against (a b c d): different shingles, TP 0
    assert shingle_overlap("a b c", "a b c d") == Overlap(0, 1, 1)
    assert shingle_overlap("a b c", "a b c") == Overlap(1, 0, 0)


def test_page_scores_are_averaged_then_f1_of_means():
    # page 1: P 1/2, R 1/2 (above)
    # page 2: pred {abcd}, gold {abcd, bcde, cdef}: TP 1, FP 0, FN 2 -> P 1, R 1/3
    # mean P = (0.5 + 1) / 2 = 0.75; mean R = (0.5 + 1/3) / 2 = 5/12
    # F1 = 2 * 0.75 * 5/12 / (0.75 + 5/12) = 0.625 / (14/12) = 15/28
    scores = shingle_scores([("a b c d e", "a b c d x"), ("a b c d", "a b c d e f")])
    assert scores.precision == pytest.approx(0.75)
    assert scores.recall == pytest.approx(5 / 12)
    assert scores.f1 == pytest.approx(15 / 28)


def test_empty_pages():
    # both empty: P = R = 1 and the page counts; empty prediction: no P, R = 0
    assert Overlap(0, 0, 0).precision == Overlap(0, 0, 0).recall == 1.0
    assert Overlap(0, 0, 3).precision is None and Overlap(0, 0, 3).recall == 0.0
    assert Overlap(0, 3, 0).recall is None and Overlap(0, 3, 0).precision == 0.0
    # P mean over page 1 only = 1; R mean = (1 + 0) / 2 = 0.5; F1 = 2 * 0.5 / 1.5 = 2/3
    scores = shingle_scores([("", ""), ("", "a b c d e")])
    assert (scores.precision, scores.recall) == (1.0, 0.5)
    assert scores.f1 == pytest.approx(2 / 3)


def test_dropping_everything_has_no_precision_and_zero_f1():
    scores = shingle_scores([("", "a b c d e"), ("", "f g")])
    assert (scores.precision, scores.recall, scores.f1) == (None, 0.0, 0.0)
    assert shingle_scores([]) == scoring.Scores(None, None, None)


def test_token_scores_are_lowercased_bags_of_words():
    # pred: sign up now the cat sat (6), gold: the cat sat (3): TP 3, FP 3, FN 0
    # P 1/2, R 1, F1 = 2 * 0.5 / 1.5 = 2/3
    scores = token_scores([("Sign up now. The cat sat.", "the cat sat.")])
    assert (scores.precision, scores.recall) == (0.5, 1.0)
    assert scores.f1 == pytest.approx(2 / 3)


def test_gold_tokens_lost_is_micro():
    # page 1 loses c (1 of 3), page 2 loses d e (2 of 2): 3 / 5
    assert gold_tokens_lost([("a b", "a b c"), ("", "d e")]) == pytest.approx(0.6)
    # multiset: gold has "x" twice, output once -> 1 of 2 lost
    assert gold_tokens_lost([("x", "x X")]) == pytest.approx(0.5)
    assert gold_tokens_lost([("a", "")]) is None


LINES = ["Sign up", "Body text", "", "Photo: AP", "More body"]
GOLD = ["promo", None, None, "caption", None]
KEEP = [False, False, True, True, True]
REASONS = ["promo", "nav", None, None, None]


def test_line_removal_scores():
    outcomes = line_outcomes(LINES, GOLD, KEEP, REASONS)
    # blank line 2 is not scored: 4 outcomes
    assert len(outcomes) == 4
    # TP: "Sign up" dropped; FP: "Body text" dropped; FN: "Photo: AP" kept -> P = R = F1 = 1/2
    assert scoring.removal_confusion(outcomes) == Confusion(tp=1, fp=1, fn=1)
    assert removal_scores(outcomes) == scoring.Scores(0.5, 0.5, 0.5)


def test_line_removal_per_reason():
    outcomes = line_outcomes(LINES, GOLD, KEEP, REASONS)
    # gold promo: 1 dropped of 1 -> recall 1; gold caption: 0 of 1 -> recall 0
    recall = recall_by_gold_reason(outcomes)
    assert recall == {"caption": Confusion(fn=1), "promo": Confusion(tp=1)}
    assert (recall["caption"].recall, recall["promo"].recall) == (0.0, 1.0)
    # given promo: 1 residue of 1 -> precision 1; given nav: an article line -> precision 0
    precision = precision_by_predicted_reason(outcomes)
    assert precision == {"nav": Confusion(fp=1), "promo": Confusion(tp=1)}
    assert (precision["nav"].precision, precision["promo"].precision) == (0.0, 1.0)


def test_keeping_every_line_has_no_removal_precision_and_zero_f1():
    outcomes = line_outcomes(LINES, GOLD, [True] * 5)
    assert removal_scores(outcomes) == scoring.Scores(None, 0.0, 0.0)


def test_line_outcomes_need_one_label_and_decision_per_line():
    with pytest.raises(ValueError):
        line_outcomes(["a", "b"], [None], [True, True])


def test_snippets_match_whitespace_normalised_substrings():
    counts = snippet_counts("Hello  world.\nGoodbye", ["Hello world.", "Missing"],
                            ["Goodbye", "Absent one"])
    assert counts == SnippetCounts(with_present=1, with_total=2, without_present=1,
                                   without_total=2)
    # summed over pages: with 1 + 1 of 2 + 1, without gone (2 - 1) of 2
    total = snippet_totals([counts, snippet_counts("x", ["x"], [])])
    assert (total.with_kept, total.without_gone) == (pytest.approx(2 / 3), 0.5)
    assert SnippetCounts().with_kept is None


# --- properties ------------------------------------------------------------------------------

texts = st.text(alphabet=st.sampled_from("ab cDé1.\n—"), max_size=60)


@settings(max_examples=100, deadline=None)
@given(st.lists(texts.filter(lambda text: scoring.tokens(text)), min_size=1, max_size=4))
def test_perfect_prediction_scores_one(golds):
    pairs = [(gold, gold) for gold in golds]
    for scores in (shingle_scores(pairs), token_scores(pairs)):
        assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)
    assert gold_tokens_lost(pairs) == 0.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(texts, texts), max_size=4))
def test_scores_are_within_unit_interval(pairs):
    for scores in (shingle_scores(pairs), token_scores(pairs)):
        for value in (scores.precision, scores.recall, scores.f1):
            assert value is None or 0.0 <= value <= 1.0
    lost = gold_tokens_lost(pairs)
    assert lost is None or 0.0 <= lost <= 1.0
    for predicted, gold in pairs:
        counts = snippet_counts(predicted, [gold], [gold])
        for value in (counts.with_kept, counts.without_gone):
            assert value is None or 0.0 <= value <= 1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([None, "promo", "nav"]), st.booleans(),
                          st.sampled_from([None, "promo", "meta"])), max_size=30))
def test_line_scores_are_within_unit_interval(rows):
    outcomes = [LineOutcome(gold, dropped, reason if dropped else None)
                for gold, dropped, reason in rows]
    scores = removal_scores(outcomes)
    for value in (scores.precision, scores.recall, scores.f1):
        assert value is None or 0.0 <= value <= 1.0
    perfect = removal_scores([LineOutcome(o.gold, o.gold is not None) for o in outcomes])
    if any(o.gold is not None for o in outcomes):
        assert perfect == scoring.Scores(1.0, 1.0, 1.0)


def test_snippet_f1_counts_with_as_positives_and_kept_without_as_false_positives():
    # 3 of 4 `with` passages kept (TP 3, FN 1); 1 of 2 `without` kept (FP 1).
    # P = 3 / (3 + 1) = 0.75, R = 3 / 4 = 0.75, F1 = 0.75.
    counts = scoring.SnippetCounts(with_present=3, with_total=4, without_present=1,
                                   without_total=2)
    assert counts.f1 == pytest.approx(0.75)
    # Nothing kept at all: recall 0, precision undefined -> F1 0 (harmonic_f1's convention).
    assert scoring.SnippetCounts(0, 4, 0, 2).f1 == scoring.harmonic_f1(None, 0.0)
    assert scoring.SnippetCounts(0, 0, 1, 2).f1 is None  # no `with` passages: undefined
