"""What analyze() returns: one decision per input line, the cleaned text, and warnings."""

from __future__ import annotations

import dataclasses
from collections import Counter

from cleaner.reasons import Reason


@dataclasses.dataclass(frozen=True, slots=True)
class LineDecision:
    """The verdict on one input line.

    `score` is how sure cleaner is that the line is residue, from 0 (article) to 1 (residue),
    whether or not it was dropped. A dropped line always has a `reason` and the `rule` (a rule
    id, a context pass such as "context.related-block", or "model" or "model.prose") that
    decided it.
    """

    index: int
    text: str
    keep: bool
    reason: Reason | None = None
    rule: str | None = None
    score: float = 0.0


@dataclasses.dataclass(frozen=True, slots=True)
class Result:
    text: str
    lines: tuple[LineDecision, ...]
    warnings: tuple[str, ...] = ()

    def dropped(self) -> list[LineDecision]:
        return [line for line in self.lines if not line.keep]

    def counts_by_reason(self, blank: bool = False) -> Counter[Reason]:
        """How many lines each reason dropped; blank-run collapsing only when `blank`."""
        return Counter(line.reason for line in self.lines
                       if not line.keep and line.reason is not None
                       and (blank or line.reason is not Reason.BLANK))
