"""Tests generated from the rule files: every example is dropped for its rule's reason,
every counterexample is kept, and every pattern is shown working by an example."""

from __future__ import annotations

import pytest
import regex

from cleaner import Cleaner
from cleaner.config import PRECISION_THRESHOLDS
from cleaner.ruleset import (Role, load_rules, patterns_without_example, shipped_rule_files,
                             source_of)

RULES = load_rules(shipped_rule_files())
EXAMPLES = [(rule, example) for rule in RULES for example in rule.examples]
ARTICLE_LINE = ("The council voted on Tuesday to extend the bus lanes along the harbour road, "
                "after two years of argument over parking and deliveries.")
COUNTEREXAMPLES = [(rule, text) for rule in RULES for text in rule.counterexamples]
#: A comment thread for a weak thread entry to stand in: a confident author line opens it.
COMMENT = "Lovely photos, we went there last spring and loved it."
CONFIDENT_ENTRY = "Marta Lopez says:"


def _id(case: tuple) -> str:
    rule, text = case
    return f"{rule.id}:{text[:40]}"


@pytest.mark.parametrize("case", EXAMPLES, ids=[_id(c) for c in EXAMPLES])
def test_example_is_dropped_for_its_rules_reason(case, default_cleaner: Cleaner) -> None:
    """A confident rule's example is dropped alone. A weak rule (below the balanced
    threshold: a lone "Facebook" may be a subheading) only tags it alone, and its examples
    go when three stand in a row, as in a menu or a button bar, or, for a weak comment-thread
    entry, when they stand in a thread."""
    rule, example = case
    hits = [tag.rule for tag in default_cleaner.tagger.tag_line(example.strip()).tags]
    assert rule.id in hits
    weak = rule.confidence < PRECISION_THRESHOLDS["balanced"]
    if weak and rule.role is Role.THREAD_ENTRY:  # as an entry of a comment thread
        text = "\n".join([ARTICLE_LINE, CONFIDENT_ENTRY, COMMENT, example, COMMENT, example,
                          COMMENT])
        lines = default_cleaner.analyze(text).lines
        decisions = [lines[3], lines[5]]
    elif weak:  # inside an article, so the over-cleaning guard has no cause to step in
        text = "\n".join([ARTICLE_LINE, example, example, example, ARTICLE_LINE])
        decisions = default_cleaner.analyze(text).lines[1:4]
    else:
        decisions = default_cleaner.analyze(example).lines
    for decision in decisions:
        assert not decision.keep, f"{rule.id} example kept: {example!r}"
        assert decision.reason is rule.reason
    if weak:
        assert default_cleaner.analyze(example).lines[0].keep


@pytest.mark.parametrize("case", COUNTEREXAMPLES, ids=[_id(c) for c in COUNTEREXAMPLES])
def test_counterexample_is_kept(case, default_cleaner: Cleaner) -> None:
    rule, text = case
    decision = default_cleaner.analyze(text).lines[0]
    assert decision.keep, f"{rule.id} counterexample dropped by {decision.rule}: {text!r}"


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_every_pattern_has_an_example(rule) -> None:
    assert patterns_without_example(rule) == []


def test_every_family_file_is_shipped() -> None:
    names = {path.stem for path in shipped_rule_files()}
    assert {"promo", "related", "caption", "embed", "share", "ad", "legal", "meta",
            "nav", "comment", "boilerplate"} <= names


def test_case_insensitive_patterns_fold_case_simply() -> None:
    """Full case folding (the regex module's version 1 default) made searches 5 to 7 times
    slower; rules fold one character to one, accents included."""
    from cleaner.ruleset import SIMPLE_CASE

    folding = [pattern for rule in RULES for pattern in rule.patterns
               if pattern.flags & regex.IGNORECASE]
    assert folding and all(pattern.pattern.startswith(SIMPLE_CASE) for pattern in folding)
    assert not any(pattern.flags & regex.FULLCASE for pattern in folding)
    assert regex.compile(SIMPLE_CASE + "publié", regex.V1 | regex.IGNORECASE).search("PUBLIÉ")


REQUIRING = [(rule, pattern, required) for rule in RULES
             for pattern, required in zip(rule.patterns, rule.requirements) if required]


@pytest.mark.parametrize(("rule", "pattern", "required"), REQUIRING,
                         ids=[f"{rule.id}:{source_of(pattern)[:30]}"
                              for rule, pattern, _ in REQUIRING])
def test_a_required_string_is_really_required(rule, pattern, required) -> None:
    """Deleting the required strings from an example the pattern matches stops the match: the
    requirement is not a guess that skips lines the pattern would have caught."""
    matched = [example.strip() for example in rule.examples if pattern.search(example.strip())]
    assert matched, "the pattern matches none of its rule's examples"
    for example in matched:
        stripped = example
        for text in required:
            stripped = regex.sub(regex.escape(text), " ", stripped, flags=regex.IGNORECASE)
        assert not pattern.search(stripped), stripped
