"""Baseline line cleaners: behaviour on small examples, and one bool per line on any input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.baselines import (BASELINES, c4_keeps, c4_lines, drop_all, justext_language,
                               justext_lines, keep_all, kept_text, oracle_from_gold,
                               oracle_from_labels, refinedweb_keeps)

SENTENCE = "The council met on Tuesday to discuss the budget."


@pytest.mark.parametrize("line, kept", [
    (SENTENCE, True),
    ("He said: \"It is over.\"", True),
    ("Read more", False),  # no terminal punctuation
    ("Read more...", False),  # an ellipsis is not terminal punctuation
    ("Stop.", False),  # fewer than 3 words
    ("Please enable JavaScript to view the comments.", False),
    ("By using this site you agree to our privacy policy.", False),
    ("This site uses cookies to improve your experience.", False),
    ("It ended in a draw.[1]", True),  # the citation mark is removed before the check
    ("Three words here" + " x" * 2 + " " + "y" * 1001 + ".", False),  # a word over 1000 chars
    ("", True),  # blank lines are left to the joiner
])
def test_c4_line_rules(line: str, kept: bool):
    assert c4_keeps(line) is kept


@pytest.mark.parametrize("line, kept", [
    (SENTENCE, True),
    ("BREAKING NEWS FROM THE CITY", False),  # more than half uppercase
    ("NASA and the ESA agreed.", True),  # 7 uppercase of 24 characters
    ("20191231", False),  # digits only
    ("3 likes", False),
    ("1.2K shares", False),
    ("12 comments", False),
    ("Share", False),  # one word
    ("Sign-in", False),
    ("Sign-in to comment", True),  # dclm removes "Sign-in", the rest stays
    ("Great story Read more...", True),
    ("3 items in cart", True),  # "3" is left once "items in cart" is removed
    ("", True),
])
def test_refinedweb_line_rules(line: str, kept: bool):
    assert refinedweb_keeps(line) is kept


def test_trivial_baselines():
    assert keep_all(["a", "", "b"], "en") == [True, True, True]
    assert drop_all(["a", "", "b"], "en") == [False, False, False]


LONG = ("The members of the city council said on Tuesday that they would not approve the "
        "new budget until the mayor had explained where the money for the new schools was "
        "going to come from, and they asked for a report by the end of the month.")


def test_justext_keeps_prose_and_drops_short_navigation():
    lines = ["Home", "News", "", LONG, LONG.replace("Tuesday", "Monday"), "Share this"]
    assert justext_lines(lines, "en") == [False, False, True, True, True, False]


def test_justext_language_names_and_fallback():
    assert justext_language("de") == "German"
    assert justext_language("pt-BR") == "Portuguese"
    assert justext_language("zh") == "English"
    assert justext_lines(["日本語のテキストです。"], "ja") == [False]


def test_justext_survives_markup_and_control_characters():
    lines = ["a <b> & c </p>", "\x00\x0b", LONG]
    assert len(justext_lines(lines, "en")) == 3
    assert justext_lines([], "en") == [] and justext_lines(["", " "], "en") == [True, True]


def test_oracles():
    assert oracle_from_labels([True, False, False]) == [False, True, True]
    lines = ["Subscribe now!", "The council met.", "The council met."]
    assert oracle_from_gold(lines, "The council met.") == [False, True, False]


def test_kept_text_collapses_blank_runs():
    lines = ["Promo", "", "Body one.", "", "Promo", "", "Body two."]
    assert kept_text(lines, [False, True, True, True, False, True, True]) == (
        "Body one.\n\nBody two.\n")
    assert kept_text(lines, drop_all(lines, "en")) == ""


def test_c4_lines_is_c4_keeps_per_line():
    assert c4_lines([SENTENCE, "Menu"], "en") == [True, False]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=40).map(lambda text: text.replace("\n", " ").replace(
    "\r", " ")), max_size=8), st.sampled_from(["en", "de", "zh", "xx", ""]))
def test_every_baseline_gives_one_bool_per_line(lines, lang):
    for name, baseline in BASELINES.items():
        keep = baseline(lines, lang)
        assert len(keep) == len(lines), name
        assert all(isinstance(flag, bool) for flag in keep), name
