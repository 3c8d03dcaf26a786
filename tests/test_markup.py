"""Rules read a line without its Markdown; the line kept is the line given."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.markup import as_plain
from conftest import PARAGRAPH, between_paragraphs, verdict


@pytest.mark.parametrize("line, plain", [
    ("### Related Articles", "Related Articles"),
    ("> Sign up for our daily briefing", "Sign up for our daily briefing"),
    ("*Advertisement*", "Advertisement"),
    ("_Photo: Jane Doe/Harbour Times_", "Photo: Jane Doe/Harbour Times"),
    ("**Related:** [Why the levees failed](https://example.com/levees)",
     "Related: Why the levees failed"),
    ("[Skip to content](#main)", "Skip to content"),
    ('[Terms](https://example.com/terms "Our terms")', "Terms"),
    ("[Foo](https://en.wikipedia.org/wiki/Foo_(bar))", "Foo"),
    # Left alone: images, a hashtag, words joined by underscores, marks with nothing inside.
    ("![A ferry](https://example.com/ferry.jpg)", "![A ferry](https://example.com/ferry.jpg)"),
    ("#image_title", "#image_title"),
    ("snake_case_name", "snake_case_name"),
    ("**", "**"),
    ("#", "#"),
])
def test_as_plain_takes_off_headings_quotes_links_and_emphasis(line: str, plain: str) -> None:
    assert as_plain(line) == plain


@given(st.text(alphabet=st.characters(blacklist_characters="#>[*_"), max_size=80))
def test_a_line_without_markdown_marks_is_read_as_it_is(line: str) -> None:
    assert as_plain(line) is line


MARKDOWN_RESIDUE = [
    ("### Related Articles", "related", "related.header"),
    ("*Advertisement*", "ad", "ad.label"),
    ("[Skip to content](#main)", "nav", "nav.skip-link"),
    ("> Sign up for our daily briefing", "promo", "promo.signup-newsletter"),
    ("_Photo: Jane Doe/Harbour Times_", "caption", "caption.credit-label"),
]


@pytest.mark.parametrize("line, reason, rule", MARKDOWN_RESIDUE)
def test_markdown_residue_is_dropped_with_its_reason(line: str, reason: str, rule: str,
                                                      default_cleaner: Cleaner) -> None:
    assert verdict(between_paragraphs(default_cleaner, line)) == (False, reason, rule)


def test_kept_markdown_lines_come_back_unchanged(default_cleaner: Cleaner) -> None:
    text = "\n".join(["## The vote", PARAGRAPH, "**Why it matters:** the lanes cut journeys by "
                      "a third, [the council's study](https://example.com/study) found.",
                      "![The harbour road](https://example.com/road.jpg)"])
    assert default_cleaner.clean(text) == text + "\n"
