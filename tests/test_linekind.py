"""Kinds of line by shape: which aligned residue lines are residue by this project's
definition (code and table rows are content here, whatever a gold leaves out)."""

from __future__ import annotations

import pytest

from cleaner.linekind import SCOPE_KINDS, in_scope, line_kind


@pytest.mark.parametrize(("line", "kind"), [
    ("    return nil, fmt.Errorf(\"failed: %v\", err)", "code"),
    ("for (const item of items) {", "code"),
    ("Standard\t$5,055\t$7,740", "table or figures"),
    ("+7.4% -1.3% +9.0%", "table or figures"),
    ("How is my monthly premium calculated?", "question"),
    ("- Pack a spare pair of socks", "list item"),
    ("Toggle Side Panel", "short (< 8 words)"),
    ("The council voted on Tuesday to extend the bus lanes.", "sentence (8+ words)"),
    ("Learn how to improve any kind of photography today", "other"),
    ("Paris 2.1 2.3 2.4", "table or figures"),
    ("2024", "table or figures"),
    ("| Plan | Courses | Email limit |", "table or figures"),
    ("|---|---|", "table or figures"),
    ("News | Sport | Weather", "short (< 8 words)"),
    ("<div class=\"promo\">", "code"),
    # a year, a date or an ellipsis is no table (once they were: bug)
    ("Posted on March 3, 2024", "short (< 8 words)"),
    ("Read more...", "short (< 8 words)"),
    ("Copyright 2024 Example Inc. All rights reserved.", "short (< 8 words)"),
    ("The council spent $1,000 on the study in 2023 and 2024.", "sentence (8+ words)"),
    ("< back to top", "short (< 8 words)"),
])
def test_kinds_of_line_are_told_by_shape(line: str, kind: str) -> None:
    assert line_kind(line) == kind
    assert in_scope(line) is (kind not in SCOPE_KINDS)
