"""Tagging: every rule searched in every line, each match a Tag. Nothing is decided here."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from cleaner.reasons import Reason
from cleaner.ruleset import Role, Rule
from cleaner.shape import word_count


@dataclasses.dataclass(frozen=True, slots=True)
class Tag:
    """One piece of evidence that a line is residue: from a rule, a context pass or the model."""

    reason: Reason
    rule: str
    score: float
    role: Role = Role.LINE
    absorbable: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class LineTags:
    tags: tuple[Tag, ...]
    timed_out: tuple[str, ...] = ()  # ids of rules whose search hit the regex timeout

    def best(self) -> Tag | None:
        return max(self.tags, key=lambda tag: tag.score, default=None)

    def with_role(self, role: Role) -> Tag | None:
        return next((tag for tag in self.tags if tag.role is role), None)


NO_TAGS = LineTags(())


def tag_line(line: str, rules: Sequence[Rule], timeout: float) -> LineTags:
    stripped = line.strip()
    if not stripped:
        return NO_TAGS
    words = word_count(stripped)
    tags: list[Tag] = []
    timed_out: list[str] = []
    for rule in rules:
        if rule.max_words is not None and words > rule.max_words:
            continue
        try:
            hit = any(pattern.search(stripped, timeout=timeout) for pattern in rule.patterns)
        except TimeoutError:
            timed_out.append(rule.id)
            continue
        if hit:
            tags.append(Tag(rule.reason, rule.id, rule.confidence, rule.role, rule.absorbable))
    if not tags and not timed_out:
        return NO_TAGS
    return LineTags(tuple(tags), tuple(timed_out))


def tag_lines(lines: Sequence[str], rules: Sequence[Rule], timeout: float) -> list[LineTags]:
    return [tag_line(line, rules, timeout) for line in lines]
