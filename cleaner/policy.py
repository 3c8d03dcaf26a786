"""Deciding: one policy turns a line's own tags, its context tag and the model's tag into keep
or drop.

Rules speak first: a rule or context tag at the threshold drops the line for its reason, so a
line the rules explain keeps their reason even when the model agrees. The model speaks for the
lines the rules leave: it drops one when its probability reaches the threshold of the ensemble
that judged it for the preset (cleaner.model.Ensemble.threshold_for), which is higher than the
rules' because a probability of 0.6 still leaves a 40% chance of throwing away article text.
"""

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
           threshold: float, model: Sequence[Tag | None] | None = None,
           model_thresholds: Mapping[str, float] | None = None) -> list[LineDecision]:
    """One decision per line (see judge), then blank runs collapsed."""
    return collapse_blanks(judge(lines, tags, context, threshold, model, model_thresholds))


def judge(lines: Sequence[str], tags: Sequence[LineTags], context: Mapping[int, Tag],
          threshold: float, model: Sequence[Tag | None] | None = None,
          model_thresholds: Mapping[str, float] | None = None,
          indexes: Sequence[int] | None = None) -> list[LineDecision]:
    """Keep or drop each line; blank lines are kept (collapse_blanks handles them).

    `model[i]` is the model's tag of line i (its probability as score, the judging ensemble's
    rule), or None where it did not judge; a model tag drops its line only from
    `model_thresholds[its rule]` up (never when its rule is missing), and only when no rule or
    context tag does. A kept line's score is that of the tag that spoke for it, else
    the model's probability. Line i's decision carries `indexes[i]` as its index (default:
    i), for lines that are a selection of a text's.
    """
    decisions: list[LineDecision] = []
    for index, line in enumerate(lines):
        number = indexes[index] if indexes is not None else index
        if is_blank(line):
            decisions.append(LineDecision(number, line, True))
            continue
        chosen = choose(tags[index].best(), context.get(index), threshold)
        learned = model[index] if model is not None else None
        if chosen is not None and chosen.score >= threshold:
            decisions.append(LineDecision(number, line, False, chosen.reason, chosen.rule,
                                          chosen.score))
        elif (learned is not None and model_thresholds and learned.rule in model_thresholds
              and learned.score >= model_thresholds[learned.rule]):
            decisions.append(LineDecision(number, line, False, learned.reason, learned.rule,
                                          learned.score))
        elif chosen is not None:
            decisions.append(LineDecision(number, line, True, score=chosen.score))
        elif learned is not None:
            decisions.append(LineDecision(number, line, True, score=learned.score))
        else:
            decisions.append(LineDecision(number, line, True))
    return decisions


def collapse_blanks(decisions: Sequence[LineDecision]) -> list[LineDecision]:
    """Blank lines a removal left at the ends or doubled are dropped, with reason BLANK."""
    kept = collapse_blank_runs([d.text for d in decisions], [d.keep for d in decisions])
    return [d if keep == d.keep else LineDecision(d.index, d.text, False, Reason.BLANK,
                                                   BLANK_RUN_RULE)
            for d, keep in zip(decisions, kept)]


def own_keeps(tags: Sequence[LineTags], threshold: float) -> list[bool]:
    """Per line, whether its own tags keep it: what `decide` without context or model keeps."""
    keeps = []
    for line_tags in tags:
        best = line_tags.best()
        keeps.append(best is None or best.score < threshold)
    return keeps


def excess_share(decisions: Sequence[LineDecision], among: Sequence[bool],
                 limit: float) -> float | None:
    """The share of the non-space characters of the lines where `among` is true that the
    decisions drop, when it is above `limit`; None when it is not. The dropped lines are
    counted first, so most texts are cleared after a few of their kept lines."""
    def size(text: str) -> int:
        return len("".join(text.split()))

    dropped = sum(size(d.text) for d, counted in zip(decisions, among) if counted and not d.keep)
    if not dropped:
        return None
    enough = dropped / limit  # a total at least this large keeps the share within the limit
    total = dropped
    for decision, counted in zip(decisions, among):
        if counted and decision.keep:
            total += size(decision.text)
            if total >= enough:
                return None
    share = dropped / total
    return share if share > limit else None
