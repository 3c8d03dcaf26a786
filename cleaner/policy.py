"""Deciding: one policy turns a line's own tags and its context tag into keep or drop."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cleaner.lines import collapse_blank_runs, is_blank
from cleaner.reasons import Reason
from cleaner.result import LineDecision
from cleaner.tagging import LineTags, Tag

BLANK_RUN_RULE = "join.blank-run"


def choose(own: Tag | None, context: Tag | None, threshold: float) -> Tag | None:
    """The tag that speaks for a line.

    A confident own tag names the line's reason, even inside a block: an editor's note in a
    related list is still `meta`. A context tag speaks otherwise, and always over an
    absorbable own tag (a caption or a bare date describes whatever block it sits in).
    """
    if own is not None and not own.absorbable and own.score >= threshold:
        return own
    if context is not None:
        return context
    return own


def decide(lines: Sequence[str], tags: Sequence[LineTags], context: Mapping[int, Tag],
           threshold: float) -> list[LineDecision]:
    decisions: list[LineDecision] = []
    for index, line in enumerate(lines):
        chosen = None if is_blank(line) else choose(tags[index].best(), context.get(index),
                                                      threshold)
        if chosen is None:
            decisions.append(LineDecision(index, line, True))
        elif chosen.score >= threshold:
            decisions.append(LineDecision(index, line, False, chosen.reason, chosen.rule,
                                          chosen.score))
        else:
            decisions.append(LineDecision(index, line, True, score=chosen.score))
    return collapse_blanks(decisions)


def collapse_blanks(decisions: Sequence[LineDecision]) -> list[LineDecision]:
    """Blank lines a removal left at the ends or doubled are dropped, with reason BLANK."""
    kept = collapse_blank_runs([d.text for d in decisions], [d.keep for d in decisions])
    return [d if keep == d.keep else LineDecision(d.index, d.text, False, Reason.BLANK,
                                                   BLANK_RUN_RULE)
            for d, keep in zip(decisions, kept)]


def dropped_share(decisions: Sequence[LineDecision]) -> float:
    """Share of the non-space characters of the input that the decisions drop."""
    total = dropped = 0
    for decision in decisions:
        size = len("".join(decision.text.split()))
        total += size
        if not decision.keep:
            dropped += size
    return dropped / total if total else 0.0
