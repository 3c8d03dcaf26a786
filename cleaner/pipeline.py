"""The pipeline, read top to bottom: segment -> tag -> revise with context -> decide -> join."""

from __future__ import annotations

import logging

from cleaner import context, policy
from cleaner.config import Config
from cleaner.errors import InputTypeError
from cleaner.lines import join_lines, split_lines
from cleaner.result import Result
from cleaner.ruleset import Rule, load_rules, shipped_rule_files
from cleaner.tagging import Tagger

logger = logging.getLogger(__name__)


def check_text(text: object) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        raise InputTypeError("cleaner takes str, not bytes: decode first, "
                             "e.g. data.decode('utf-8', errors='replace')")
    raise InputTypeError(f"cleaner takes str, not {type(text).__name__}: pass the article text")


class Cleaner:
    """Compiled rules (and model) for one Config. Build once, reuse; safe across threads.

    Pickling sends only the config; the receiving process compiles its own rules, so handing
    a Cleaner to worker processes is cheap.
    """

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        rules: tuple[Rule, ...] = (
            load_rules([*shipped_rule_files(), *self.config.extra_rule_files])
            if self.config.rules else ())
        self.tagger = Tagger(rules, self.config.regex_timeout)

    def __getstate__(self) -> Config:
        return self.config

    def __setstate__(self, config: Config) -> None:
        self.__init__(config)  # type: ignore[misc]

    def analyze(self, text: str) -> Result:
        lines = split_lines(check_text(text))
        threshold = self.config.drop_threshold
        tags = self.tagger.tag_lines(lines)
        revised = context.revise(lines, tags, threshold) if self.config.context else {}
        decisions = policy.decide(lines, tags, revised, threshold)
        warnings = [f"line {index + 1}: regex timeout in {', '.join(line_tags.timed_out)}; "
                    "those rules were skipped for this line"
                    for index, line_tags in enumerate(tags) if line_tags.timed_out]
        share = policy.dropped_share(decisions)
        if share > self.config.max_drop_share and revised:
            decisions = policy.decide(lines, tags, {}, threshold)
            warnings.append(
                f"over-cleaning guard: context revision would drop {share:.0%} of the text "
                f"(limit {self.config.max_drop_share:.0%}); kept to the lines' own rule tags")
        for warning in warnings:
            logger.debug("%s", warning)
        return Result(join_lines(d.text for d in decisions if d.keep), tuple(decisions),
                      tuple(warnings))

    def clean(self, text: str) -> str:
        return self.analyze(text).text



